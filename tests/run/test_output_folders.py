"""The run stage's own scans of a corpus (the cache's corpus_stamp, the Dask engine's file listing) leave
out output folders, as the reader does: a folder holding read.corpus.OUTPUT_MARKER is never input."""

from __future__ import annotations

from helpers import output_folders_corpus, write

from framing.read.corpus import OUTPUT_MARKER, iter_articles
from framing.run.parallel import corpus_stamp, file_entries
from framing.run.pipeline import Settings

def test_corpus_stamp_ignores_output_folders(tmp_path):
    c = output_folders_corpus(tmp_path / "c")
    settings = Settings()
    before = corpus_stamp(c, settings)
    write(c, "results/quotes.csv", "changed by the next run")  # the kit's own output does not stale a cache
    write(c, "w/reports/new.html", "<p>another report</p>")
    assert corpus_stamp(c, settings) == before
    write(c, "reports/notes.txt", "Notes\n\nEdited.\n")  # the user's folder of the same name does
    assert corpus_stamp(c, settings) != before


def test_file_entries_leave_out_exactly_the_folders_the_reader_leaves_out(tmp_path):
    c = output_folders_corpus(tmp_path / "c")
    (c / "made" / OUTPUT_MARKER).mkdir(parents=True)  # a marker that is a folder still marks an output folder
    write(c, "made/b.txt", "“We will go,” said Bo Lind.\n")
    (c / "linked").mkdir()
    (c / "linked" / OUTPUT_MARKER).symlink_to(c / "nowhere")  # and so does a dangling link
    write(c, "linked/d.txt", "“We will wait,” said Dag Holm.\n")
    assert [e[0] for e in file_entries(c)] == ["reports/notes.txt", "w/a.txt"]
    assert [a.id for a in iter_articles(c)] == ["reports/notes", "w/a"]


def test_the_dask_engines_listing_skips_output_folders(tmp_path):
    import fsspec

    from framing.run.distributed import _scan_folder

    c = output_folders_corpus(tmp_path / "c")
    out = {"skipped": []}
    fs = fsspec.filesystem("file")
    _scan_folder(fs, c.as_posix(), "c", out)
    assert out["files"] == ["reports/notes.txt", "w/a.txt"]

"""Output folders of ``framing analyze``: marked as output, never the corpus itself, locked while a run
writes them, and clean-up that removes only the kit's own leftovers. Also CSV cells that a spreadsheet
would run as formulas, ``--by`` values that look like paths, and file stamps with broken links."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import write

from framing.exceptions import FramingError
from framing.read.corpus import OUTPUT_MARKER
from framing.run.analysis import analyze_to_dir
from framing.run.outdir import LOCK_FILE, STAGE_MARKER, claim_output, clean_stale, new_stage
from framing.run.parallel import corpus_stamp, file_entries
from framing.run.pipeline import Settings

MARKER_TEXT = ("Output of framing analyze, written by framing; framing never reads this folder as part of a "
               "corpus. Do not delete this file while the outputs are in use.\n")


def framing(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1", "PYTHONWARNINGS": ""}
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def small_corpus(root: Path) -> Path:
    write(root, "corpus/wire/a.md", "---\ntitle: A\n---\n“We will stay,” said Ana Berg.\n")
    write(root, "corpus/wire/b.md", "Bo Lind said that the talks would fail.\n")
    return root / "corpus"


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` (files with their bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def test_default_results_folder_gets_the_marker_with_one_line(tmp_path):
    small_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    marker = tmp_path / "results" / OUTPUT_MARKER
    assert marker.read_text(encoding="utf-8") == MARKER_TEXT
    assert MARKER_TEXT.count("\n") == 1
    assert (tmp_path / "results" / LOCK_FILE).is_file()  # kept: an empty file, the lock is its flock


@pytest.mark.parametrize("out", ["corpus", ".", "corpus/../corpus"])
def test_out_that_is_or_holds_the_corpus_is_refused_and_nothing_is_written(tmp_path, out):
    corpus = small_corpus(tmp_path)
    before = tree(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", out, "--jobs", "1")
    assert r.returncode == 2
    assert r.stderr == (f"error: {out}: output folder is the corpus folder or contains it; choose another "
                        "(e.g. results/)\n")
    assert tree(tmp_path) == before and not (corpus / OUTPUT_MARKER).exists()


def test_out_inside_the_corpus_is_allowed_and_marked(tmp_path):
    corpus = small_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "corpus/results", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert (corpus / "results" / OUTPUT_MARKER).is_file()
    assert r.stdout.startswith("2 articles, 2 attributions")


def test_a_second_run_on_a_busy_folder_stops_with_exit_2(tmp_path):
    small_corpus(tmp_path)
    out = tmp_path / "results"
    out.mkdir()
    with open(out / LOCK_FILE, "w") as held:  # another run holds the folder
        fcntl.flock(held, fcntl.LOCK_EX)
        r = framing(tmp_path, "analyze", "corpus", "--jobs", "1")
        assert r.returncode == 2
        assert r.stderr == ("error: results: output folder is busy: another framing run is writing to it; wait "
                            "for it to finish or choose another --out\n")
        assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]  # nothing written, nothing removed
    r = framing(tmp_path, "analyze", "corpus", "--jobs", "1")  # released: the next run works
    assert r.returncode == 0, r.stderr


def test_the_lock_is_held_for_the_whole_claim_and_released_after(tmp_path):
    with claim_output(tmp_path / "out", what="test"):
        with pytest.raises(FramingError, match="output folder is busy"):
            with claim_output(tmp_path / "out", what="test", wait=0.2):
                pass
    with claim_output(tmp_path / "out", what="test"):
        pass


def test_clean_up_removes_only_the_kits_own_leftovers(tmp_path):
    corpus = small_corpus(tmp_path)
    out = tmp_path / "results"
    out.mkdir()
    stale = new_stage(out)  # a killed run's staging folder, marked as the kit's
    write(stale, ".quotes.parquet.partial", b"half")
    write(out, ".quotes.csv.framing-ab12cd34.tmp", "half a table")
    write(out, "_data/.articles.parquet.framing-zz99yy88.tmp", "half")
    users = {".run-mine/keep.txt": "mine", ".framing-stage-mine/keep.txt": "no kit marker",
             ".draft.ipynb": "{}", ".notes.tmp": "notes", "notes.txt": "notes", "sub/.x.framing-ab12cd34.tmp": "x"}
    for rel, text in users.items():
        write(out, rel, text)
    analyze_to_dir(corpus, out, jobs=1)
    assert not stale.exists()
    assert not (out / ".quotes.csv.framing-ab12cd34.tmp").exists()
    assert not (out / "_data" / ".articles.parquet.framing-zz99yy88.tmp").exists()
    for rel, text in users.items():  # nothing the kit did not write is deleted
        assert (out / rel).read_text(encoding="utf-8") == text
    assert not [p for p in out.iterdir() if p.name.startswith(".framing-stage-") and (p / STAGE_MARKER).exists()]


def test_staging_folders_are_unique_and_marked(tmp_path):
    a, b = new_stage(tmp_path), new_stage(tmp_path)
    assert a != b and a.name.startswith(".framing-stage-") and (a / STAGE_MARKER).is_file()
    assert sorted(clean_stale(tmp_path)) == sorted([a.name, b.name])
    assert not a.exists() and not b.exists() and clean_stale(tmp_path) == []


def test_csv_cells_cannot_run_as_formulas_and_parquet_keeps_raw_values(tmp_path):
    write(tmp_path, "corpus/wire/a.md", "---\nauthor: '=HYPERLINK(\"http://x\")'\ntitle: '@SUM(A1)'\n---\n"
                                         "“-5 percent is a lie,” said Ana Berg.\n\n“+1 for us,” said Bo Lind.\n")
    out = tmp_path / "out"
    analyze_to_dir(tmp_path / "corpus", out, jobs=1)
    arts = pd.read_csv(out / "articles.csv", dtype=str)
    assert (arts.loc[0, "author"], arts.loc[0, "title"]) == ("'=HYPERLINK(\"http://x\")", "'@SUM(A1)")
    assert pd.read_parquet(out / "articles.parquet").loc[0, "author"] == "=HYPERLINK(\"http://x\")"
    quotes = pd.read_csv(out / "quotes.csv", dtype=str)
    assert sorted(quotes["content"]) == ["'+1 for us,", "'-5 percent is a lie,"]
    assert sorted(pd.read_parquet(out / "quotes.parquet")["content"]) == ["+1 for us,", "-5 percent is a lie,"]
    assert pd.read_csv(out / "quotes.csv")["sentiment"].dtype == float  # numbers stay numbers


@pytest.mark.parametrize("by", ["../../x", "/etc/x", ".hidden", "a\\b"])
def test_by_values_that_look_like_paths_are_refused(tmp_path, by):
    small_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--by", by, "--jobs", "1")
    assert r.returncode == 2
    assert r.stderr == (f"error: --by {by!r}: a column name cannot contain '/', '\\' or NUL, or start with "
                        "'.'\n")
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "x").exists()


def test_broken_link_is_a_per_file_error_with_and_without_the_cache(tmp_path):
    small_corpus(tmp_path)
    (tmp_path / "corpus" / "wire" / "c.md").symlink_to(tmp_path / "nowhere.md")
    cached = framing(tmp_path, "analyze", "corpus", "--out", "a", "--jobs", "1")
    plain = framing(tmp_path, "analyze", "corpus", "--out", "b", "--jobs", "1", "--no-cache")
    assert (cached.returncode, plain.returncode) == (1, 1)
    assert cached.stderr == plain.stderr
    assert cached.stderr.startswith("error: corpus/wire/c.md: ") and cached.stderr.count("\n") == 1
    assert cached.stdout.startswith("2 articles, 2 attributions")


def test_file_stamps_tolerate_vanished_files_and_skip_output_folders(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    write(corpus, "results/quotes.csv", "x")
    write(corpus, f"results/{OUTPUT_MARKER}", "out")
    assert [e[0] for e in file_entries(corpus)] == ["wire/a.md", "wire/b.md"]
    stamp = corpus_stamp(corpus, Settings())
    write(corpus, "results/quotes.csv", "changed output")  # outputs do not change the corpus stamp
    assert corpus_stamp(corpus, Settings()) == stamp
    real_stat = Path.stat

    def vanishing(self, *a, **k):  # b.md is deleted between the listing and its stat
        if self.name == "b.md":
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *a, **k)

    monkeypatch.setattr(Path, "stat", vanishing)
    monkeypatch.setattr(Path, "lstat", vanishing)
    assert [e[0] for e in file_entries(corpus)] == ["wire/a.md"]


def test_quotes_csv_on_stdout_is_formula_safe_too(tmp_path):
    write(tmp_path, "corpus/wire/a.md", "“=1+2 is our plan,” said Ana Berg.\n")
    r = framing(tmp_path, "quotes", "corpus", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert ',"\'=1+2 is our plan,",' in r.stdout and '"=1+2' not in r.stdout


def test_a_missing_corpus_creates_no_output_folder(tmp_path):
    r = framing(tmp_path, "analyze", "corpus/sampl", "--out", "out")
    assert (r.returncode, r.stderr) == (2, "error: corpus/sampl: corpus path does not exist\n")
    assert not (tmp_path / "out").exists()

"""``framing report`` on bad input and after killed runs: a run that fails before any report renders
leaves ``--out`` exactly as it was (exit 2, the same message as ``analyze``); params files with YAML
aliases are refused; the output folder is marked, locked, and the kit's stale temporaries and superseded
analyses are removed while nothing else is. Notebooks are replaced by a stub renderer here (the real
ones run in test_report.py and scripts/fault_injection.py)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write

import framing.report.render as report
from framing.exceptions import FramingError
from framing.read.corpus import OUTPUT_MARKER
from framing.run.outdir import LOCK_FILE, STAGE_MARKER

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "title: *i\n"


def framing(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1", "PYTHONWARNINGS": ""}
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def tree(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def small_corpus(root: Path) -> Path:
    write(root, "corpus/wire/a.md", "---\ntitle: A\n---\n“We will stay,” said Ana Berg.\n")
    write(root, "corpus/wire/b.md", "Bo Lind said that the talks would fail.\n")
    return root / "corpus"


def previous_reports(root: Path) -> Path:
    out = root / "reports"
    write(out, "report.html", "<p>last week's report</p>")
    write(out, "index.html", "<p>last week's index</p>")
    write(out, OUTPUT_MARKER, "Output of framing report\n")
    return out


def test_mistyped_corpus_changes_nothing_and_says_what_analyze_says(tmp_path):
    small_corpus(tmp_path)
    before = tree(previous_reports(tmp_path))
    r = framing(tmp_path, "report", "corpus/sampl", "--out", "reports")
    assert (r.returncode, r.stdout, r.stderr) == (2, "", "error: corpus/sampl: corpus path does not exist\n")
    assert tree(tmp_path / "reports") == before
    a = framing(tmp_path, "analyze", "corpus/sampl")
    assert (a.returncode, a.stderr) == (2, r.stderr)


def test_alias_bomb_params_file_is_refused_before_anything_runs(tmp_path):
    small_corpus(tmp_path)
    write(tmp_path, "p.yaml", BOMB)
    r = framing(tmp_path, "report", "corpus", "--params", "p.yaml", "--out", "reports")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "error: p.yaml: line 2: the parameter file uses a YAML alias (*name); write the values out instead\n"
    assert not (tmp_path / "reports").exists()


def test_report_out_that_is_the_corpus_is_refused(tmp_path):
    corpus = small_corpus(tmp_path)
    before = tree(corpus)
    r = framing(tmp_path, "report", "corpus", "--out", "corpus")
    assert (r.returncode, r.stderr) == (2, "error: corpus: output folder is the corpus folder or contains it; "
                                           "choose another (e.g. results/)\n")
    assert tree(corpus) == before


def stub_render(template, name, params, out, timeout, stage):
    """Stands in for a notebook run: writes NAME.html into the staging folder."""
    assert stage.parent == out
    html = stage / f"{name}.html"
    html.write_text(f"<p>{name} from {Path(params['results']).name}</p>", encoding="utf-8")
    return report.ReportResult(name=name, params=params, html=html, ok=True)


def test_stale_temporaries_are_removed_and_the_users_files_kept(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    monkeypatch.setattr(report, "_run_one", stub_render)
    out = tmp_path / "reports"
    kit = [".report.framing-ab12cd34.ipynb", ".report.html.framing-ab12cd34.tmp", ".index.html.framing-x1y2z3w4.tmp"]
    for name in kit:
        write(out, name, "half")
    write(out, f"_data/.framing-stage-old1/{STAGE_MARKER}", "framing staging folder of process 1\n")
    write(out, "_data/.framing-stage-old1/quotes.parquet", b"half")
    users = {".draft.ipynb": "{}", ".my.notebook.ipynb": "{}", "notes.txt": "n", ".run-x/a": "a",
             "_data/mine/notes.txt": "n", ".framing-stage-mine/a": "no marker"}
    for rel, text in users.items():
        write(out, rel, text)
    run = report.run_reports(corpus, out=out)
    assert not run.failed and run.reports[0].html.read_text(encoding="utf-8").startswith("<p>report from corpus-")
    assert [n for n in kit if (out / n).exists()] == [] and not (out / "_data" / ".framing-stage-old1").exists()
    assert {rel: (out / rel).read_text(encoding="utf-8") for rel in users} == users
    assert (out / OUTPUT_MARKER).read_text(encoding="utf-8").startswith("Output of framing report, written by")
    first = run.data[0]
    assert first.parent == out / "_data" and not (first / STAGE_MARKER).exists()
    assert json.loads((first / "manifest.json").read_text(encoding="utf-8"))["corpus"] == str(corpus.resolve())
    write(corpus, "wire/c.md", "“One more,” said Ana Berg.\n")  # the corpus changes: a new analysis
    again = report.run_reports(corpus, out=out)
    assert again.data[0] != first and again.data[0].is_dir() and not first.exists()  # superseded: pruned
    assert sorted(p.name for p in (out / "_data").iterdir()) == sorted([again.data[0].name, "mine"])


def test_a_busy_report_folder_stops_the_second_run(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    monkeypatch.setattr(report, "_run_one", stub_render)
    out = tmp_path / "reports"
    out.mkdir()
    with open(out / LOCK_FILE, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(FramingError, match="output folder is busy"):
            report.run_reports(corpus, out=out)
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]


def test_one_bad_set_among_good_ones_is_recorded_and_its_stale_page_removed(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    monkeypatch.setattr(report, "_run_one", stub_render)
    out = previous_reports(tmp_path)
    write(out, "gone.html", "<p>an old page of the set that now fails</p>")
    run = report.run_reports(corpus, [{"name": "ok"}, {"name": "gone", "corpus": str(tmp_path / "nope")}],
                             out=out)
    assert [(r.name, r.ok) for r in run.reports] == [("ok", True), ("gone", False)]
    assert run.reports[1].error == f"CorpusError: {tmp_path / 'nope'}: corpus path does not exist"
    assert not (out / "gone.html").exists() and (out / "ok.html").exists()
    assert (out / "report.html").read_text(encoding="utf-8") == "<p>last week's report</p>"  # not this run's


def test_interrupted_rendering_publishes_no_page(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    out = previous_reports(tmp_path)
    monkeypatch.setattr(report, "_run_one", stub_render)
    report.run_reports(corpus, [{"name": "a"}, {"name": "b"}], out=out)
    before = {p.name: p.read_bytes() for p in out.glob("*.html")}

    def half(template, name, params, out, timeout, stage):
        if name == "b":
            raise KeyboardInterrupt
        (stage / "a.html").write_text("<p>new a</p>", encoding="utf-8")
        return report.ReportResult(name=name, params=params, html=stage / "a.html", ok=True)

    monkeypatch.setattr(report, "_run_one", half)
    with pytest.raises(KeyboardInterrupt):
        report.run_reports(corpus, [{"name": "a"}, {"name": "b"}], out=out, jobs=1)
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == before
    assert not list(out.glob(".framing-stage-*"))

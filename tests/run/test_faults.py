"""Faults during ``framing analyze``: an interrupted or crashing run leaves no half-written table (the
previous complete outputs stay as they were) and a rerun finishes, reusing the cache."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import framing.run.parallel as parallel
from framing.cli import main
from framing.run.analysis import analyze_to_dir

REAL_ANALYZE = parallel.analyze_article
INTERRUPTED = "interrupted: finished outputs are complete; rerun to finish the rest\n"


def rows_corpus(root: Path, n: int, start: int = 0) -> Path:
    """A corpus of `n` short articles (two attributions each) in one JSONL file."""
    path = root / "corpus" / "wire" / "rows.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        for i in range(start, start + n):
            text = f"“We will hold the line {i},” said Ana Berg.\n\nBo Lind said that the talks would fail."
            fh.write(json.dumps({"id": f"a{i:05d}", "text": text}) + "\n")
    return root / "corpus"


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def leftovers(out: Path) -> list[str]:
    """Temporary files or folders left in `out` (partial tables, atomic-write temps, staging folders)."""
    return sorted(p.name for p in out.iterdir() if re.search(r"partial|\.tmp$|^\.framing-stage-", p.name))


class Crash:
    """Replaces analyze_article: works for `after` articles, then raises `exc`."""

    def __init__(self, exc: BaseException | None, after: int = 0):
        self.real, self.exc, self.after, self.calls = REAL_ANALYZE, exc, after, 0

    def __call__(self, article, settings):
        self.calls += 1
        if self.exc is not None and self.calls > self.after:
            raise self.exc
        return self.real(article, settings)


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), RuntimeError("worker died")])
def test_interrupted_run_keeps_previous_outputs_and_rerun_is_incremental(tmp_path, monkeypatch, capsys, exc):
    corpus = rows_corpus(tmp_path, 300)
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--no-cache"]) == 0
    before = snapshot(out)
    rows_corpus(tmp_path, 300, start=300)  # the corpus grows; the next run is interrupted half-way
    crash = Crash(exc, after=550)
    monkeypatch.setattr(parallel, "analyze_article", crash)
    capsys.readouterr()
    if isinstance(exc, KeyboardInterrupt):
        assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1"]) == 130
        assert capsys.readouterr().err == INTERRUPTED
    else:
        with pytest.raises(RuntimeError, match="worker died"):
            analyze_to_dir(corpus, out, jobs=1, cache_dir=out / ".cache")
    assert crash.calls == 551
    assert snapshot(out) == before  # no table of the partial run, every previous table intact
    assert leftovers(out) == []
    # the rerun finishes and reuses what the interrupted run cached (complete batches)
    rerun = Crash(None)
    monkeypatch.setattr(parallel, "analyze_article", rerun)
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    assert 0 < rerun.calls < 600
    quotes = pd.read_parquet(out / "quotes.parquet")
    assert len(quotes) == 1200 and quotes["article_id"].nunique() == 600
    fresh = tmp_path / "fresh"
    analyze_to_dir(corpus, fresh, jobs=1)
    assert quotes.equals(pd.read_parquet(fresh / "quotes.parquet"))  # cached results == computed ones
    assert leftovers(out) == []


def cli(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1"}
    return subprocess.Popen([sys.executable, "-m", "framing.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kw)


SLOW_CHILD = """
import signal, sys, time
# a terminal's Ctrl-C, even when the test runs with SIGINT ignored (a background job of a script: the
# child would inherit that and never see the signal)
signal.signal(signal.SIGINT, signal.default_int_handler)
import framing.run.analysis as analysis
write = analysis._TableWriter.write
def slow_write(self, rows):  # every batch waits: the run cannot end before the test's signal arrives
    write(self, rows)
    time.sleep(0.3)
analysis._TableWriter.write = slow_write
from framing.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def slow_cli(*args: str, **kw) -> subprocess.Popen:
    """``framing ARGS`` in a child whose batch writes each take 0.3 s longer (a run to interrupt)."""
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1"}
    return subprocess.Popen([sys.executable, "-c", SLOW_CHILD, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kw)


def wait_for_partial_table(out: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Block until the run has written a first batch of quotes to its (hidden) partial table."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, "the run finished before it could be interrupted"
        if out.exists() and any(p.stat().st_size > 1000 for p in out.rglob(".*quotes*") if p.is_file()):
            return
        time.sleep(0.02)
    proc.kill()
    pytest.fail("no partial quotes table appeared")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_subprocess_leaves_no_half_table_and_rerun_finishes(tmp_path, sig):
    corpus = rows_corpus(tmp_path, 50)
    out = tmp_path / "out"
    first = cli("analyze", str(corpus), "--out", str(out), "--jobs", "1")
    assert first.wait(timeout=300) == 0
    before = snapshot(out)
    rows_corpus(tmp_path, 6000, start=50)
    proc = slow_cli("analyze", str(corpus), "--out", str(out), "--jobs", "1")
    wait_for_partial_table(out, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert (proc.returncode, err) == (130, INTERRUPTED)
        assert leftovers(out) == []  # partial tables removed on the way out
    else:
        assert proc.returncode == -signal.SIGKILL  # no chance to clean up: hidden partials may remain
    assert snapshot(out) == before
    rerun = cli("analyze", str(corpus), "--out", str(out), "--jobs", "1")
    stdout, err = rerun.communicate(timeout=300)
    assert (rerun.returncode, err) == (0, "")
    assert stdout.startswith(f"6050 articles, 12100 attributions -> {out}/")
    assert leftovers(out) == []
    assert pd.read_parquet(out / "quotes.parquet")["article_id"].nunique() == 6050


def test_ctrl_c_with_worker_processes_prints_no_traceback(tmp_path):
    corpus = rows_corpus(tmp_path, 6000)
    out = tmp_path / "out"
    proc = slow_cli("analyze", str(corpus), "--out", str(out), "--jobs", "2", start_new_session=True)
    wait_for_partial_table(out, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err == INTERRUPTED


def test_failure_while_summarising_leaves_previous_outputs_intact(tmp_path, monkeypatch):
    import framing.measure.metrics as metrics

    corpus = rows_corpus(tmp_path, 20)
    out = tmp_path / "out"
    analyze_to_dir(corpus, out, jobs=1)
    before = snapshot(out)
    rows_corpus(tmp_path, 20, start=20)

    def broken(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(metrics, "party_table", broken)
    with pytest.raises(OSError):
        analyze_to_dir(corpus, out, jobs=1)
    assert [name for name in before if snapshot(out).get(name) != before[name]] == []


def test_rerun_says_how_many_articles_came_from_the_cache(tmp_path, capsys):
    corpus = rows_corpus(tmp_path, 10)
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    rows_corpus(tmp_path, 2, start=10)
    capsys.readouterr()
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    assert "10 articles reused from the cache" in capsys.readouterr().out

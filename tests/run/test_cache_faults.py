"""A broken cache never stops a run: a garbage or truncated cache file, one bad row, or a full disk gives
one warning that says what to do, and the run goes on without the cache with the same tables."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_outdir import framing
from test_faults import rows_corpus, snapshot

import framing.run.parallel as parallel
from framing.cli import main


def warning(out: str, reason: str) -> str:
    return f"warning: {out}/.cache: cache unreadable ({reason}), recomputing; remove {out}/.cache or use --no-cache\n"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A corpus of 40 articles and its tables from a run without the cache."""
    root = tmp_path_factory.mktemp("cache")
    corpus = rows_corpus(root, 40)
    r = framing(root, "analyze", "corpus", "--out", "plain", "--jobs", "1", "--no-cache")
    assert r.returncode == 0, r.stderr
    return root, corpus, snapshot(root / "plain")


def cached_run(root: Path, name: str) -> Path:
    """A first run with the cache on; the cache holds the 40 articles."""
    r = framing(root, "analyze", "corpus", "--out", name, "--jobs", "1")
    assert (r.returncode, r.stderr) == (0, "")
    (root / name / ".framing-run.json").unlink()  # the next run must read the cache, not skip the work
    return root / name / ".cache" / "results.sqlite"


def test_garbage_cache_file_is_one_warning(reference):
    root, _, tables = reference
    db = root / "garbage" / ".cache" / "results.sqlite"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    r = framing(root, "analyze", "corpus", "--out", "garbage", "--jobs", "1")
    assert (r.returncode, r.stderr) == (0, warning("garbage", "file is not a database"))
    assert snapshot(root / "garbage") == tables


def test_truncated_cache_file_is_one_warning(reference):
    root, _, tables = reference
    db = cached_run(root, "truncated")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    for wal in db.parent.glob("results.sqlite-*"):
        wal.unlink()
    r = framing(root, "analyze", "corpus", "--out", "truncated", "--jobs", "1")
    assert r.returncode == 0
    assert r.stderr in (warning("truncated", "database disk image is malformed"),
                        warning("truncated", "file is not a database"))
    assert snapshot(root / "truncated") == tables


@pytest.mark.parametrize("value", ["not json", '{"article": 5}', '{"article": {}, "quotes": [1]}', "[]"])
def test_one_bad_row_is_one_warning(reference, value):
    root, _, tables = reference
    name = f"row{abs(hash(value)) % 10000}"
    db = cached_run(root, name)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE results SET value = ? WHERE rowid = (SELECT MIN(rowid) FROM results)", (value,))
    con.close()
    r = framing(root, "analyze", "corpus", "--out", name, "--jobs", "1")
    assert r.returncode == 0
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"warning: {name}/.cache: cache unreadable (")
    assert r.stderr.endswith(f"), recomputing; remove {name}/.cache or use --no-cache\n")
    assert snapshot(root / name) == tables
    assert "articles reused from the cache" not in r.stdout


class FullDisk:
    """A sqlite3 connection whose writes fail as on a full disk."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self.real.__enter__()

    def __exit__(self, *exc):
        return self.real.__exit__(*exc)

    def executemany(self, *args):
        raise sqlite3.OperationalError("database or disk is full")


def test_full_disk_with_the_cache_on_is_one_warning(reference, monkeypatch, capsys):
    root, _, tables = reference
    real_connect = sqlite3.connect
    monkeypatch.setattr(parallel.sqlite3, "connect", lambda *a, **k: FullDisk(real_connect(*a, **k)))
    monkeypatch.chdir(root)  # paths as in the reference run (articles keep their source path)
    assert main(["analyze", "corpus", "--out", "full", "--jobs", "1"]) == 0
    assert capsys.readouterr().err == warning("full", "database or disk is full")
    assert snapshot(root / "full") == tables


def test_a_damaged_run_record_just_redoes_the_run(reference):
    root, _, tables = reference
    cached_run(root, "record")
    (root / "record" / ".framing-run.json").write_text(json.dumps({"stamp": None, "outputs": 3}))
    r = framing(root, "analyze", "corpus", "--out", "record", "--jobs", "1")
    assert (r.returncode, r.stderr) == (0, "")
    assert snapshot(root / "record") == tables
    assert "40 articles reused from the cache" in r.stdout

"""Hostile input to the reader through the command line (``python -m framing`` in a subprocess): the good
articles of the corpus are analysed and written, each bad file is one "error:" line, the exit status is 1
(2 for a broken actors.yaml), and no traceback is shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import write

from framing.read.corpus import OUTPUT_MARKER

GOOD = "“We will stay,” said Ana Berg.\n"


def framing(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1", "PYTHONWARNINGS": "", **env}
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def hostile_corpus(c: Path) -> None:
    write(c, "wire/01-good.md", "---\ntitle: Good\ndate: 2026-03-02\n---\n" + GOOD)
    write(c, "wire/02-baddate.md", "---\ntitle: X\nupdated: 2026-02-30\n---\n" + GOOD)
    write(c, "wire/03-deep.md", "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD)
    write(c, "wire/04-rows.jsonl", json.dumps({"id": "ok", "text": GOOD}) + "\n"
          + '{"id": "sur", "text": "\\ud83d ' + GOOD.strip() + '"}\n'
          + '{"id": "big", "n": ' + "9" * 5000 + ', "text": "x"}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    write(c, "wire/2026-03-06-harbour-vote.txt", "Harbour Vote Delayed\n\n" + GOOD)
    (c / "wire" / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe Talks\n\n" + GOOD)
    if hasattr(os, "mkfifo"):
        os.mkfifo(c / "wire" / "05-fifo.txt")


EXPECTED_ERRORS = [
    "error: c/wire/02-baddate.md: line 3: front matter is not valid YAML: '2026-02-30' is not a valid date "
    "or time (day is out of range for month)",
    "error: c/wire/03-deep.md: line 2: front matter is nested more than 100 levels deep",
    "error: c/wire/04-rows.jsonl: line 3: row 3 has a number of 5000 digits (at most 4300 are read); "
    "write it as a string",
    "error: c/wire/04-rows.jsonl: line 4: row 4 is nested too deeply (arrays or objects inside each other)",
    "error: c/wire/05-fifo.txt: not a regular file (a named pipe (FIFO)); only regular files are read",
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_analyze_a_hostile_corpus_writes_the_good_articles_and_exits_1(tmp_path):
    hostile_corpus(tmp_path / "c")
    run = framing(tmp_path, "analyze", "c", "--out", "out", "--jobs", "1")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error: ")]
    assert errors == EXPECTED_ERRORS
    assert "row 2 has 1 lone surrogate(s)" in run.stderr  # a warning, the row is read
    arts = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert sorted(arts["article_id"]) == ["wire/01-good", "wire/04-rows/ok", "wire/04-rows/sur",
                                          "wire/2026-03-06-harbour-vote", "wire/caf\\xe9"]
    assert dict(zip(arts["article_id"], arts["date"]))["wire/2026-03-06-harbour-vote"] == "2026-03-06"
    assert len(pd.read_csv(tmp_path / "out" / "errors.csv")) == len(EXPECTED_ERRORS)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_corpus_info_on_a_hostile_corpus_lists_the_failures_and_exits_1(tmp_path):
    hostile_corpus(tmp_path / "c")
    run = framing(tmp_path, "corpus", "info", "c")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "total: 5 articles from 1 outlets" in run.stdout
    assert "dates 2026-03-02 to 2026-03-06" in run.stdout
    failed = run.stdout.split("failed files (5):\n")[1].split("\n\n")[0].splitlines()
    assert failed == ["  " + line.removeprefix("error: ") for line in EXPECTED_ERRORS]


def test_a_file_over_the_size_limit_is_one_error(tmp_path):
    write(tmp_path / "c", "wire/a.txt", "Short Title\n\n" + GOOD)
    write(tmp_path / "c", "wire/b.txt", "Long Title\n\n" + GOOD * 40_000)
    run = framing(tmp_path, "analyze", "c", "--out", "out", "--jobs", "1", FRAMING_MAX_ARTICLE_MB="1")
    assert run.returncode == 1
    size = (tmp_path / "c" / "wire" / "b.txt").stat().st_size
    assert size == 12 + 40_000 * 35  # "Long Title\n\n", then 40,000 times 35 bytes: 1.33516 MB
    assert "error: c/wire/b.txt: file is 1.33516 MB, over the 1 MB article size limit (set " \
           "FRAMING_MAX_ARTICLE_MB to raise it)" in run.stderr
    assert list(pd.read_csv(tmp_path / "out" / "articles.csv")["article_id"]) == ["wire/a"]
    assert framing(tmp_path, "corpus", "info", "c", FRAMING_MAX_ARTICLE_MB="x").returncode == 2


def test_output_folders_inside_the_corpus_are_not_read_on_the_next_run(tmp_path):
    write(tmp_path / "c", "wire/a.md", "---\ntitle: A\n---\n" + GOOD)
    c = tmp_path / "c"
    assert framing(c, "analyze", ".", "--jobs", "1").returncode == 0
    (c / "results" / OUTPUT_MARKER).touch()  # what the results writer leaves there
    second = framing(c, "analyze", ".", "--jobs", "1")
    assert second.returncode == 0, second.stderr
    assert list(pd.read_csv(c / "results" / "articles.csv")["article_id"]) == ["wire/a"]
    info = framing(c, "corpus", "info", ".")
    assert info.returncode == 0 and "results" not in info.stdout.split("actors:")[1]


def test_an_unreadable_folder_makes_the_exit_status_1(tmp_path):
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or a non-POSIX system) reads a chmod 000 folder anyway; "
                    "test_hostile_files.py covers this with a refused os.scandir")
    write(tmp_path / "c", "wire/a.md", "---\ntitle: A\n---\n" + GOOD)
    write(tmp_path / "c", "locked/b.md", "---\ntitle: B\n---\n" + GOOD)
    os.chmod(tmp_path / "c" / "locked", 0)
    try:
        run = framing(tmp_path, "corpus", "info", "c")
    finally:
        os.chmod(tmp_path / "c" / "locked", 0o755)
    assert run.returncode == 1
    assert "c/locked: cannot read folder: Permission denied" in run.stdout


@pytest.mark.parametrize("actors, line, message", [
    ("parties:\n  V:\n    aliases: [2026-02-30]\n", 3,
     "not valid YAML: '2026-02-30' is not a valid date or time (day is out of range for month)"),
    ("parties:\n  V:\n    aliases: [Port Aster Council]\n  E:\n    aliases: [port aster council]\n", 5,
     "alias 'port aster council' is given to both 'V' (line 3) and 'E'; an alias may name one party only"),
])
def test_a_broken_actors_yaml_is_a_set_up_error(tmp_path, actors, line, message):
    write(tmp_path / "c", "wire/a.md", "---\ntitle: A\n---\n" + GOOD)
    write(tmp_path / "c", "actors.yaml", actors)
    run = framing(tmp_path, "analyze", "c", "--out", "out", "--jobs", "1")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"error: {tmp_path}/c/actors.yaml: line {line}: {message}" in run.stderr

"""The README: exactly two set-up commands on the first screen (CI runs the test one), and the tour
commands run as written (in a temporary folder holding a copy of the sample corpus)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

from conftest import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("## A short tour")[0]
    return re.findall(r"```bash\n(.+?)\n```", first_screen, flags=re.S)


def test_two_setup_commands_on_the_first_screen():
    cmds = _commands()
    assert len(cmds) == 2
    assert all(c.startswith("python3 -m venv .venv && ") for c in cmds)
    assert "corpus/sample" in cmds[0] and "reports" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()
    assert "set -euo pipefail" in ci


def tour_commands() -> list[str]:
    """The command lines of the README tour's first bash block, comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.+?)\n```", text.split("## A short tour")[1], flags=re.S).group(1)
    return [ln.split("  #")[0].strip() for ln in block.splitlines() if ln.strip()]


def test_the_tour_commands_run_as_written(tmp_path):
    """Every tour command, as written, in a folder holding a copy of the sample corpus: exit status 0."""
    shutil.copytree(ROOT / "corpus" / "sample", tmp_path / "corpus" / "sample")
    commands = tour_commands()
    assert len(commands) == 8 and all(c.startswith("framing ") for c in commands)
    assert "framing report corpus/sample --params corpus/sample/params.yaml --jobs 2" in commands
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1"}
    for command in commands:
        args = shlex.split(command)[1:]
        r = subprocess.run([sys.executable, "-m", "framing", *args], cwd=tmp_path, capture_output=True, text=True,
                           env=env, timeout=600, check=False)
        assert r.returncode == 0, f"{command}\n{r.stderr[-2000:]}"
    reports = tmp_path / "reports"
    assert sorted(p.name for p in reports.glob("*.html")) == ["by-outlet.html", "by-week.html", "index.html"]
    assert (tmp_path / "results" / "parties_by_outlet.csv").is_file()
    assert (tmp_path / "answer-key.md").read_text(encoding="utf-8").count("\n| ") == 16  # header + 15 questions
    assert len(list((tmp_path / "handout").glob("*.html"))) == 3


def test_sample_params_file_is_a_valid_parameter_file_and_not_an_article():
    from framing.read.corpus import read_corpus
    from framing.report.params import load_params

    sets = load_params(ROOT / "corpus" / "sample" / "params.yaml")
    assert [(s["name"], s.get("group_by", "outlet"), s["n_boot"]) for s in sets] == [
        ("by-outlet", "outlet", 500), ("by-week", "week", 500)]
    corpus = read_corpus(ROOT / "corpus" / "sample")
    assert corpus.skipped == [] and not any("params" in a.id for a in corpus.articles)


def test_own_corpus_section_gives_outlet_names_and_dates(tmp_path):
    """The README's metadata.csv and front-matter examples, applied to a folder of .txt files as written."""
    from framing.read.corpus import read_corpus

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Your own corpus")[1].split("\n## ")[0]
    csv_text = re.search(r"```csv\n(.+?)\n\s*```", section, flags=re.S).group(1)
    front = re.search(r"```\n\s*(---\n.+?)\n\s*```", section, flags=re.S).group(1)
    (tmp_path / "metadata.csv").write_text("\n".join(ln.strip() for ln in csv_text.splitlines()) + "\n")
    folder = tmp_path / "daily-courier"
    folder.mkdir()
    (folder / "talks-open.txt").write_text("Talks open\n\n“We will stay,” said Ana Berg.\n", encoding="utf-8")
    front = "\n".join(ln.strip() for ln in front.splitlines() if ln.strip() != "...")
    (folder / "talks-stall.txt").write_text(front + "\n\nBo Lind said the talks had stalled.\n", encoding="utf-8")
    (folder / "untouched.txt").write_text("Talks end\n\nThe talks ended.\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.errors == [] and corpus.skipped == []
    assert sorted((a.id, a.outlet, a.date) for a in corpus.articles) == [
        ("daily-courier/talks-open", "The Daily Courier", "2026-03-02"),
        ("daily-courier/talks-stall", "The Daily Courier", "2026-03-04"),
        ("daily-courier/untouched", "daily-courier", None)]  # without either: the folder name, no date

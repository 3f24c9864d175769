"""The command line on bad input: one "error: FILE: ..." line per problem, the rest still processed, exit
status 0 only when nothing failed (1 some files failed, 2 usage/set-up error), --strict stops at the first
problem, tracebacks only with --debug. Runs ``python -m framing.cli`` in a subprocess (real exit codes,
real stderr) except where a monkeypatch is needed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLE as SAMPLE_DIR
from helpers import write

from framing.cli import main
from framing.exceptions import ErrorRecord

ERROR_LINES = [
    ("error: corpus/wire/01-good.txt: duplicate article id 'wire/01-good' "
     "(already read from corpus/wire/01-good.md)"),
    "error: corpus/wire/02-empty.txt: file is empty",
    "error: corpus/wire/03-binary.txt: binary file (NUL bytes), not an article",
    ("error: corpus/wire/05-broken-front-matter.md: front matter is not valid YAML: expected ',' or ']', "
     "but got '<stream end>'"),
    "error: corpus/wire/06-rows.jsonl: row 2 has no text (a non-empty 'text' field is required)",
    "error: corpus/wire/07-rows.csv: row 2 has no text (a non-empty 'text' field is required)",
    ("error: corpus/wire/08-evil.md: front matter is not valid YAML: could not determine a constructor "
     "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
]
WARNING_LINE = "warning: corpus/wire/04-cp1252.txt: not UTF-8; decoded as cp1252"


def bad_corpus(root: Path) -> None:
    """Good articles next to one of each problem (the same corpus as in test_bad_input.py)."""
    write(root, "corpus/wire/01-good.md", "---\ntitle: Good\n---\n“We will stay,” said Ana Berg.\n")
    write(root, "corpus/wire/01-good.txt", "Same id\n“Twice,” said Ana Berg.\n")
    write(root, "corpus/wire/02-empty.txt", "")
    write(root, "corpus/wire/03-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(root, "corpus/wire/04-cp1252.txt", b"Caf\xe9 talks\n\x93We will go,\x94 said Bo Lind.\n")
    write(root, "corpus/wire/05-broken-front-matter.md", "---\ntitle: [unclosed\n---\n“Lost,” said Ana.\n")
    write(root, "corpus/wire/06-rows.jsonl", '{"id": "r1", "text": "“Yes,” said Ana Berg."}\n{"id": "r2"}\n')
    write(root, "corpus/wire/07-rows.csv", 'id,text\nx1,"“Fine,” said Ana Berg."\nx2,\n')
    evil = "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nB.\n"
    write(root, "corpus/wire/08-evil.md", evil)


def good_corpus(root: Path) -> None:
    write(root, "corpus/wire/a.md", "---\ntitle: A\n---\n“We will stay,” said Ana Berg.\n")
    write(root, "corpus/wire/b.md", "Bo Lind said that the talks would fail.\n")


def framing(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRAMING_NO_PROGRESS": "1", "PYTHONWARNINGS": ""}
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=300, check=False)


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def without_line_numbers(text: str) -> list[str]:
    """stderr lines with any "line N: " dropped (whether `quotes` shows it is test_quotes_error_line_...)."""
    return [re.sub(r": line \d+: ", ": ", ln) for ln in lines(text)]


# ------------------------------------------------------------------------------------------ quotes

def test_quotes_one_line_per_problem_on_stderr_and_the_rest_on_stdout(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "quotes", "corpus", "--format", "jsonl")
    assert r.returncode == 1
    assert without_line_numbers(r.stderr) == [WARNING_LINE, *ERROR_LINES]
    recs = [json.loads(x) for x in lines(r.stdout)]
    assert [(q["article_id"], q["content"], q["speaker"]) for q in recs] == [
        ("wire/01-good", "We will stay,", "Ana Berg"), ("wire/04-cp1252", "We will go,", "Bo Lind"),
        ("wire/06-rows/r1", "Yes,", "Ana Berg"), ("wire/07-rows/x1", "Fine,", "Ana Berg")]
    assert not (tmp_path / "pwned").exists()


def test_quotes_clean_corpus_exits_0_with_nothing_on_stderr(tmp_path):
    good_corpus(tmp_path)
    r = framing(tmp_path, "quotes", "corpus", "--format", "csv")
    assert (r.returncode, r.stderr) == (0, "")
    df = pd.read_csv(__import__("io").StringIO(r.stdout))
    assert list(zip(df["kind"], df["speaker"])) == [("direct", "Ana Berg"), ("indirect", "Bo Lind")]


def test_quotes_error_line_names_the_line_of_a_bad_row(tmp_path):
    write(tmp_path, "corpus/wire/rows.jsonl", '{"text": "“Yes,” said Ana Berg."}\n{"id": 2}\n')
    r = framing(tmp_path, "quotes", "corpus")
    assert lines(r.stderr) == ["error: corpus/wire/rows.jsonl: line 2: row 2 has no text (a non-empty 'text' "
                               "field is required)"]


# ----------------------------------------------------------------------------------------- analyze

def test_analyze_bad_corpus_exit_1_errors_table_and_no_traceback(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--jobs", "1")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr + r.stdout
    assert WARNING_LINE in lines(r.stderr)
    assert "7 problem(s):" in r.stdout
    errors = pd.read_parquet(tmp_path / "out" / "errors.parquet")
    assert list(errors.columns[:3]) == ["file", "stage", "message"]
    assert [f"error: {f}: {m}" for f, m in zip(errors["file"], errors["message"])] == ERROR_LINES
    assert set(errors["stage"]) == {"read"}
    quotes = pd.read_parquet(tmp_path / "out" / "quotes.parquet")
    assert sorted(quotes["article_id"]) == ["wire/01-good", "wire/04-cp1252", "wire/06-rows/r1",
                                            "wire/07-rows/x1"]


def test_analyze_problems_are_one_line_each_on_stderr(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--jobs", "1")
    errors = [ln for ln in lines(r.stderr) if ln.startswith("error: ")]
    assert len(errors) == 7
    assert errors[1] == "error: corpus/wire/02-empty.txt: file is empty"


def test_analyze_clean_corpus_exits_0(tmp_path):
    good_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--jobs", "1")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.startswith("2 articles, 2 attributions -> out/")
    assert pd.read_parquet(tmp_path / "out" / "errors.parquet").empty


def test_strict_stops_at_the_first_problem_and_writes_no_tables(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--jobs", "1", "--strict")
    assert r.returncode == 2  # a --strict stop is fatal, like a set-up error
    assert lines(r.stderr) == [ERROR_LINES[0]]
    assert not list((tmp_path / "out").glob("*.parquet")) and not list((tmp_path / "out").glob("*.csv"))
    r = framing(tmp_path, "quotes", "corpus", "--strict")
    assert (r.returncode, lines(r.stderr), r.stdout) == (2, [ERROR_LINES[0]], "")


def test_debug_shows_the_traceback(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "quotes", "corpus", "--strict", "--debug")
    assert r.returncode == 2  # still a set-up error, with its traceback first
    assert r.stderr.startswith("Traceback (most recent call last):")
    assert lines(r.stderr)[-2:] == [
        ("framing.exceptions.ReadError: corpus/wire/01-good.txt: duplicate article id 'wire/01-good' "
         "(already read from corpus/wire/01-good.md)"), ERROR_LINES[0]]


@pytest.mark.parametrize("setup, args, message", [
    (None, ["analyze", "nope"], "error: nope: corpus path does not exist"),
    ("empty", ["analyze", "empty"],
     "error: empty: folder holds no articles (.txt, .md, .html, .jsonl or .csv files)"),
    ("allbad", ["analyze", "allbad"],
     "error: allbad: no article could be read (1 file(s) failed); first: allbad/w/a.txt: file is empty"),
    ("allbad", ["quotes", "allbad/w/a.txt"], "error: allbad/w/a.txt: file is empty"),
    (None, ["corpus", "info", "nope"], "error: nope: corpus path does not exist"),
    ("actors", ["analyze", "corpus"],
     "error: {tmp}/corpus/actors.yaml: line 4: unknown key 'memebers' in party 'V' "
     "(expected aliases, members)"),
    ("actors", ["quotes", "corpus", "--actors", "missing.yaml"],
     "error: missing.yaml: cannot read actors file: No such file or directory"),
])
def test_set_up_errors_exit_2_with_one_line(tmp_path, setup, args, message):
    if setup == "empty":
        (tmp_path / "empty").mkdir()
    elif setup == "allbad":
        write(tmp_path, "allbad/w/a.txt", "")
    elif setup == "actors":
        good_corpus(tmp_path)
        write(tmp_path, "corpus/actors.yaml", "parties:\n  V:\n    aliases: [Valdoria]\n    memebers: [A]\n")
    r = framing(tmp_path, *args)
    assert (r.returncode, r.stderr, r.stdout) == (2, message.format(tmp=tmp_path) + "\n", "")


def test_corpus_info_lists_failed_files_and_exits_1(tmp_path):
    bad_corpus(tmp_path)
    r = framing(tmp_path, "corpus", "info", "corpus")
    assert r.returncode == 1
    assert lines(r.stderr) == [WARNING_LINE]
    out = r.stdout.splitlines()
    at = out.index("failed files (7):")
    assert out[at + 1:at + 8] == ["  " + e.removeprefix("error: ") for e in ERROR_LINES[:3]] + [
        "  corpus/wire/05-broken-front-matter.md: line 3: front matter is not valid YAML: "
        "expected ',' or ']', but got '<stream end>'",
        "  corpus/wire/06-rows.jsonl: line 2: row 2 has no text (a non-empty 'text' field is required)",
        "  corpus/wire/07-rows.csv: line 3: row 2 has no text (a non-empty 'text' field is required)",
        "  corpus/wire/08-evil.md: line 2: front matter is not valid YAML: could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"]


def test_usage_error_exits_2(tmp_path):
    r = framing(tmp_path, "analyze")
    assert r.returncode == 2 and "the following arguments are required: corpus" in r.stderr
    assert framing(tmp_path).returncode == 2


def test_out_folder_that_is_a_file_is_one_line_not_a_traceback(tmp_path):
    good_corpus(tmp_path)
    write(tmp_path, "out", "I am a file")
    r = framing(tmp_path, "analyze", "corpus", "--out", "out")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(lines(r.stderr)) == 1 and "out" in r.stderr


def test_missing_lexicon_file_is_one_set_up_error(tmp_path):
    good_corpus(tmp_path)
    r = framing(tmp_path, "analyze", "corpus", "--out", "out", "--jobs", "1", "--verbs", "nope.csv")
    assert r.returncode == 2
    assert len(lines(r.stderr)) == 1 and "nope.csv" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------------------------------ report

def test_report_params_errors_stop_before_any_notebook_runs(tmp_path, monkeypatch, capsys):
    report = pytest.importorskip("framing.report.render")
    pytest.importorskip("framing.report.params")
    good_corpus(tmp_path)
    ran = []
    monkeypatch.setattr(report, "_run_one", lambda *a, **k: ran.append(a))
    monkeypatch.chdir(tmp_path)
    cases = [("title: T\ngroupby: month\n",
              "error: p.yaml: line 2: unknown parameter 'groupby' (did you mean 'group_by'?)"),
             ("reports:\n  - {name: a}\n  - {name: b, n_boot: lots}\n",
              "error: p.yaml: line 3: report 2: parameter 'n_boot' must be a whole number, got str 'lots'")]
    for text, message in cases:
        write(tmp_path, "p.yaml", text)
        assert main(["report", "corpus", "--params", "p.yaml", "--out", "reports"]) == 2
        assert capsys.readouterr().err == message + "\n"
    assert ran == [] and not (tmp_path / "reports").exists()


# -------------------------------------------------------------------------------------------- help

def _subparsers(parser, path=()):
    """(command path, parser) for every command that takes arguments itself (leaves of the tree)."""
    import argparse

    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, child in action.choices.items():
            yield from _subparsers(child, (*path, name))


def test_every_option_and_argument_has_help_and_every_command_has_examples():
    from framing.cli import build_parser

    leaves = dict(_subparsers(build_parser()))
    assert set(leaves) == {("corpus", "info"), ("quotes",), ("analyze",), ("evaluate",), ("actors", "suggest"),
                           ("report",), ("lessons", "export"), ("lessons", "answer-key")}
    for path, parser in leaves.items():
        for action in parser._actions:
            assert action.help and action.help.strip(), (path, action.dest)
            if action.default not in (None, False) and action.dest != "help" and action.option_strings:
                assert "(default:" in action.help, (path, action.dest)  # defaults are stated
        assert parser.epilog and parser.epilog.startswith("examples:"), path
        for example in parser.epilog.splitlines()[1:]:  # each example runs this very command
            assert example.split()[:1 + len(path)] == ["framing", *path], (path, example)


def test_report_help_states_the_out_default_and_shows_examples(tmp_path):
    r = framing(tmp_path, "report", "--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert "output folder for the HTML reports (default: reports/)" in text
    assert "article column the groups are compared by, or week / month (default: outlet)" in text
    assert "examples: framing report corpus/sample " in text
    assert "framing report corpus/sample --params corpus/sample/params.yaml --jobs 2" in text


def test_quotes_table_shows_a_dash_for_a_missing_party(tmp_path):
    write(tmp_path, "corpus/wire/a.txt", "“We will stay,” said Ana Berg.\n\nResidents said the road was closed.\n")
    r = framing(tmp_path, "quotes", "corpus")
    assert r.returncode == 0, r.stderr
    rows = [ln.split() for ln in lines(r.stdout)]
    assert rows[0] == ["article_id", "kind", "speaker", "party", "cue", "cue_category", "sentiment", "content"]
    assert rows[1] == ["wire/a", "direct", "Ana", "Berg", "—", "said", "neutral", "+0.000", "We", "will", "stay,"]
    assert rows[2] == ["wire/a", "indirect", "residents", "—", "said", "neutral", "+0.000", "the", "road", "was",
                       "closed"]
    assert "NaN" not in r.stdout and "None" not in r.stdout


# ----------------------------------------------------------------------------------------- lessons

def test_lessons_answer_key_as_markdown_and_html_without_python(tmp_path):
    from framing.teach.lessons import Checker

    r = framing(tmp_path, "lessons", "answer-key", "--lesson", "2", "--corpus", str(SAMPLE_DIR))
    assert r.returncode == 0, r.stderr
    expected = Checker(SAMPLE_DIR).expected("2.5")
    assert r.stdout.startswith("# Answer key: lesson 2\n")
    assert "| 2.2 | By hand: the evenness J of quote counts [5, 3] (two parties)? | 0.9544 |" in r.stdout
    assert f"Estland's? | {expected} |" in r.stdout
    assert sum(ln.startswith("| 2.") for ln in r.stdout.splitlines()) == 5
    r = framing(tmp_path, "lessons", "answer-key", "--out", "key.html", "--corpus", str(SAMPLE_DIR))
    assert r.returncode == 0 and r.stdout == "answer key: key.html\n"
    page = (tmp_path / "key.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n<!-- written by framing lessons -->\n")
    assert page.count("<tr><td>") == 15 and "<td>killed, peace, war</td>" in page
    assert framing(tmp_path, "lessons", "answer-key", "--out", "key.html",
                   "--corpus", str(SAMPLE_DIR)).returncode == 0  # its own file may be rewritten


def test_lessons_answer_key_never_overwrites_a_users_file(tmp_path):
    write(tmp_path, "notes.md", "my notes\n")
    r = framing(tmp_path, "lessons", "answer-key", "--out", "notes.md", "--corpus", str(SAMPLE_DIR))
    assert r.returncode == 2
    assert r.stderr == ("error: notes.md: exists and was not written by framing lessons; not replaced "
                        "(choose another name)\n")
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "my notes\n"
    r = framing(tmp_path, "lessons", "answer-key", "--corpus", "missing")
    assert r.returncode == 2 and r.stderr == "error: missing: corpus path does not exist\n"
    r = framing(tmp_path, "lessons")
    assert r.returncode == 2 and r.stderr.startswith("usage: framing lessons [-h] SUBCOMMAND ...")


def test_debug_shows_a_set_up_errors_traceback_and_still_exits_2(tmp_path):
    r = framing(tmp_path, "analyze", "nope", "--debug")
    assert r.returncode == 2 and r.stderr.startswith("Traceback (most recent call last):")
    assert lines(r.stderr)[-2:] == ["framing.exceptions.CorpusError: nope: corpus path does not exist",
                                    "error: nope: corpus path does not exist"]


@dataclass
class TracedRecord(ErrorRecord):
    """ErrorRecord with the ``traceback`` field the reading half adds (``to_dict`` leaves it out)."""

    traceback: str | None = None

    def to_dict(self, traceback: bool = False) -> dict:
        d = asdict(self)
        if not traceback:
            d.pop("traceback")
        return d


@pytest.mark.parametrize("debug", [False, True])
def test_debug_prints_the_traceback_recorded_with_a_failed_file(tmp_path, monkeypatch, capsys, debug):
    import framing.run.analysis as analysis
    import framing.run.pipeline as pipeline

    good_corpus(tmp_path)
    real = pipeline.extract_quotes

    def boom(text, *args, **kw):
        if "Bo Lind" in text:
            raise ValueError("boom")
        return real(text, *args, **kw)

    for module in (pipeline, analysis):
        monkeypatch.setattr(module, "ErrorRecord", TracedRecord)
    monkeypatch.setattr(pipeline, "extract_quotes", boom)
    monkeypatch.chdir(tmp_path)
    args = ["analyze", "corpus", "--out", "out", "--jobs", "1", "--no-cache"] + ["--debug"] * debug
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "error: corpus/wire/b.md: ValueError: boom"
    if debug:
        assert err[1] == "Traceback (most recent call last):" and err[-1] == "ValueError: boom"
        assert any("in boom" in line for line in err)
    else:
        assert err == ["error: corpus/wire/b.md: ValueError: boom"]
    assert list(pd.read_csv(tmp_path / "out" / "errors.csv").columns) == ["file", "stage", "message", "line"]

"""Hostile input to the reader (issue 15): impossible dates, lone surrogates, huge numbers, deep nesting,
odd file names, FIFOs and devices, over-size files, unreadable folders and the kit's own output. Each is
one ErrorRecord naming the file (and row or line) while the good articles of the same corpus are read.
(The same corpus through the command line: test_hostile_cli.py.)"""

from __future__ import annotations

import json
import os
import pickle
import warnings
from pathlib import Path

import pytest
from helpers import output_folders_corpus, write

from framing.exceptions import CorpusError, ErrorRecord, FramingWarning, ReadError
from framing.read import formats
from framing.read.corpus import corpus_info, iter_articles, read_article, read_corpus

GOOD = "“We will stay,” said Ana Berg.\n"


def read(root, **kw) -> tuple[dict, list[tuple[str, int | None, str]]]:
    """({id: article}, [(file name, line, message)]) with warnings silenced."""
    errors: list[ErrorRecord] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        arts = {a.id: a for a in iter_articles(root, errors, **kw)}
    return arts, [(Path(e.file).name, e.line, e.message) for e in errors]


def test_impossible_dates_and_times_are_the_files_error(tmp_path):
    c = tmp_path / "c"
    write(c, "w/a.md", "---\ntitle: Good\ndate: 2026-03-02\n---\n" + GOOD)
    write(c, "w/b.md", "---\ntitle: X\nupdated: 2026-02-30\n---\n" + GOOD)  # any key, not only date
    write(c, "w/c.md", "---\ndate: 2026-01-01T25:00:00\n---\n" + GOOD)
    write(c, "w/d.md", "---\ndate: [2026-01-01]\n---\n" + GOOD)
    arts, errors = read(c)
    assert list(arts) == ["w/a"] and arts["w/a"].date == "2026-03-02"
    assert errors == [
        ("b.md", 3, "front matter is not valid YAML: '2026-02-30' is not a valid date or time "
                    "(day is out of range for month)"),
        ("c.md", 2, "front matter is not valid YAML: '2026-01-01T25:00:00' is not a valid date or time "
                    "(hour must be in 0..23)"),
        ("d.md", None, "date must be a single date (got a list)"),
    ]
    info = corpus_info(c)  # corpus info reads the same way: no traceback
    assert info.totals["articles"] == 1 and len(info.errors) == 3


def test_front_matter_nested_5000_deep_is_refused(tmp_path):
    c = tmp_path / "c"
    write(c, "w/a.md", "---\ntitle: Good\n---\n" + GOOD)
    write(c, "w/deep.md", "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD)
    write(c, "w/deep2.md", "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(150)) + "---\n" + GOOD)
    arts, errors = read(c)
    assert list(arts) == ["w/a"]
    assert errors == [("deep.md", 2, "front matter is nested more than 100 levels deep"),
                      ("deep2.md", 102, "front matter is nested more than 100 levels deep")]


def test_jsonl_surrogates_huge_numbers_and_deep_nesting_are_row_problems(tmp_path):
    c = tmp_path / "c"
    rows = [json.dumps({"id": "ok", "text": GOOD}),
            '{"id": "sur", "text": "\\ud83d ' + GOOD.strip() + '"}',
            '{"id": "big", "n": ' + "9" * 5000 + ', "text": "x"}',
            "[" * 100_000 + "]" * 100_000,
            '{"id": "dl", "date": ["2026-01-01"], "text": "y"}',
            json.dumps({"id": "last", "n": int("9" * 4300), "text": GOOD})]
    write(c, "w/rows.jsonl", "\n".join(rows) + "\n")
    errors: list[ErrorRecord] = []
    with pytest.warns(FramingWarning, match=r"rows.jsonl: line 2: row 2 has 1 lone surrogate\(s\)"):
        arts = {a.id: a for a in iter_articles(c, errors)}
    assert list(arts) == ["w/rows/ok", "w/rows/sur", "w/rows/last"]
    assert arts["w/rows/sur"].text == "\ufffd " + GOOD.strip()
    arts["w/rows/sur"].text.encode("utf-8")  # writable
    assert arts["w/rows/last"].meta["n"] == int("9" * 4300)
    assert [(e.line, e.message) for e in errors] == [
        (3, "row 3 has a number of 5000 digits (at most 4300 are read); write it as a string"),
        (4, "row 4 is nested too deeply (arrays or objects inside each other)"),
        (5, "row 5: date must be a single date (got a list)"),
    ]


def test_csv_with_surrogate_bytes_and_utf16_row_files_are_read(tmp_path):
    c = tmp_path / "c"
    cell = "“Yes,” said Bo Lind \ud83d.".encode("utf-8", "surrogatepass")  # bytes ED A0 BD: not UTF-8
    write(c, "w/a.csv", b'id,text\nx1,"' + cell + b'"\n')
    write(c, "w/u.jsonl", (json.dumps({"id": "u", "text": GOOD}, ensure_ascii=False) + "\n").encode("utf-16"))
    write(c, "w/v.csv", ('id,text\nv1,"' + GOOD.strip() + '"\n').encode("utf-16"))
    arts, errors = read(c)
    assert errors == []
    assert sorted(arts) == ["w/a/x1", "w/u/u", "w/v/v1"]
    assert arts["w/u/u"].text == GOOD and arts["w/v/v1"].text == GOOD.strip()
    assert arts["w/u/u"].meta["encoding"] == "utf-16"
    arts["w/a/x1"].text.encode("utf-8")  # the stray bytes were decoded, nothing unwritable kept


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_read_with_escaped_bytes(tmp_path):
    c = tmp_path / "c"
    write(c, "w/good.txt", "Good Title\n\n" + GOOD)
    (c / "w" / os.fsdecode(b"caf\xe9.txt")).write_text("Cafe Talks\n\n" + GOOD)
    arts, errors = read(c)
    assert errors == [] and sorted(arts) == ["w/caf\\xe9", "w/good"]
    art = arts["w/caf\\xe9"]
    assert art.path.endswith("w/caf\\xe9.txt") and art.title == "Cafe Talks"
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")  # every field is writable


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_and_devices_are_refused_not_read(tmp_path):
    c = tmp_path / "c"
    write(c, "w/good.txt", "Good Title\n\n" + GOOD)
    os.mkfifo(c / "w" / "fifo.txt")
    os.symlink("/dev/zero", c / "w" / "zero.txt")
    arts, errors = read(c)
    assert list(arts) == ["w/good"]
    only = "only regular files are read"
    assert errors == [("fifo.txt", None, f"not a regular file (a named pipe (FIFO)); {only}"),
                      ("zero.txt", None, f"not a regular file (a device); {only}")]
    with pytest.raises(CorpusError, match="named pipe"):  # one FIFO given as the corpus
        list(iter_articles(c / "w" / "fifo.txt", []))


def test_size_limit_argument_and_environment_variable(tmp_path, monkeypatch):
    c = tmp_path / "c"
    write(c, "w/a.txt", "Short Title\n\n" + GOOD)  # 47 bytes
    write(c, "w/b.txt", "Long Title\n\n" + GOOD * 5)
    write(c, "w/rows.jsonl", json.dumps({"id": "big", "text": GOOD * 5}) + "\n"
          + json.dumps({"id": "s", "text": GOOD}) + "\n")
    write(c, "w/rows.csv", f'id,text\nc1,"{GOOD.strip()}"\nc2,"{GOOD.strip() * 5}"\nc3,"{GOOD.strip()}"\n')
    arts, errors = read(c, max_bytes=100)
    assert sorted(arts) == ["w/a", "w/rows/c1", "w/rows/s"]
    limit = "over the 100 bytes article size limit (set FRAMING_MAX_ARTICLE_MB to raise it)"
    size = len(("Long Title\n\n" + GOOD * 5).encode())
    assert errors == [("b.txt", None, f"file is {size} bytes, {limit}"),
                      ("rows.csv", 3, f"row 2: a field is {limit}; the rest of the file is not read"),
                      ("rows.jsonl", 1, f"row 1: the line is {limit}")]
    monkeypatch.setenv("FRAMING_MAX_ARTICLE_MB", "0.0001")  # 104 bytes
    assert sorted(read(c)[0]) == ["w/a", "w/rows/c1", "w/rows/s"]
    monkeypatch.setenv("FRAMING_MAX_ARTICLE_MB", "lots")
    with pytest.raises(CorpusError, match=r"_MB must be a positive number of megabytes \(got 'lots'\)"):
        read(c)
    monkeypatch.delenv("FRAMING_MAX_ARTICLE_MB")
    assert len(read(c)[0]) == 7  # default 20 MB


def test_output_folders_are_never_read_back(tmp_path):
    c = output_folders_corpus(tmp_path / "c")
    arts, errors = read(c)
    assert sorted(arts) == ["reports/notes", "w/a"] and errors == []
    assert corpus_info(c).skipped == []  # (the run stage's own scans: tests/run/test_output_folders.py)


def test_an_unreadable_folder_is_an_error_not_silence(tmp_path, monkeypatch):
    c = tmp_path / "c"
    write(c, "w/a.txt", "Good Title\n\n" + GOOD)
    write(c, "locked/b.txt", "Other Title\n\n" + GOOD)
    real = os.scandir

    def scandir(path="."):
        if Path(path) == c / "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    arts, errors = read(c)
    assert list(arts) == ["w/a"]
    assert errors == [("locked", None, "cannot read folder: Permission denied")]


def test_an_unforeseen_failure_is_one_files_or_rows_error_with_its_traceback(tmp_path, monkeypatch):
    c = tmp_path / "c"
    write(c, "w/a.txt", "Good Title\n\n" + GOOD)
    write(c, "w/b.txt", "Boom Title\n\n" + GOOD)
    write(c, "w/rows.jsonl", "".join(json.dumps({"id": i, "text": GOOD}) + "\n"
                                     for i in ("r1", "boom", "r3")))
    real_text, real_row = formats._text_article, formats._row_article

    def text_article(path, art, file):
        if path.name == "b.txt":
            raise RuntimeError("nobody saw this coming")
        real_text(path, art, file)

    def row_article(row, rowno, line, base):
        if row["id"] == "boom":
            raise KeyError("surprise")
        return real_row(row, rowno, line, base)

    monkeypatch.setattr(formats, "_text_article", text_article)
    monkeypatch.setattr(formats, "_row_article", row_article)
    errors: list[ErrorRecord] = []
    arts = [a.id for a in iter_articles(c, errors)]
    assert arts == ["w/a", "w/rows/r1", "w/rows/r3"]
    b, row = errors
    assert (Path(b.file).name, b.message) == ("b.txt",
                                              "could not be read: RuntimeError: nobody saw this coming")
    assert (Path(row.file).name, row.line, row.message) == ("rows.jsonl", 2,
                                                            "row 2 could not be read: KeyError: 'surprise'")
    assert "RuntimeError: nobody saw this coming" in b.traceback and "KeyError" in row.traceback
    assert "traceback" not in b.to_dict() and b.to_dict(traceback=True)["traceback"] == b.traceback
    assert ErrorRecord(**b.to_dict()).traceback is None  # the table's rows rebuild without it
    err = pickle.loads(pickle.dumps(ReadError("m", file="f", line=2, traceback="tb")))  # process pools
    assert (err.file, err.line, err.traceback) == ("f", 2, "tb")


def test_lone_cr_line_endings(tmp_path):
    c = tmp_path / "c"
    write(c, "w/a.md", "---\rtitle: CR title\rdate: 2026-04-01\r---\r" + GOOD.replace("\n", "\r"))
    write(c, "w/b.txt", "Harbour Vote Delayed\r\r" + GOOD.replace("\n", "\r") + "It held.\r")
    arts, errors = read(c)
    assert errors == []
    a, b = arts["w/a"], arts["w/b"]
    assert (a.title, a.date, a.text) == ("CR title", "2026-04-01", GOOD.replace("\n", "\r"))
    assert b.title == "Harbour Vote Delayed" and b.meta["title_end"] == 20


def test_dates_from_file_names(tmp_path):
    c = tmp_path / "c"
    write(c, "w/2026-03-06-harbour-vote.txt", "Harbour Vote\n\n" + GOOD)
    write(c, "w/2026-03-07-given.md", "---\ndate: 2026-01-02\n---\n" + GOOD)  # a given date wins
    write(c, "w/2026-02-30-not-a-date.txt", "Odd Name\n\n" + GOOD)
    write(c, "w/20260306.txt", "Compact Name\n\n" + GOOD)  # only YYYY-MM-DD at the start counts
    write(c, "w/2026-03-08.jsonl", json.dumps({"id": "r", "text": GOOD}) + "\n")
    arts, errors = read(c)
    assert errors == []
    assert {k: a.date for k, a in arts.items()} == {
        "w/2026-03-06-harbour-vote": "2026-03-06", "w/2026-03-07-given": "2026-01-02",
        "w/2026-02-30-not-a-date": None, "w/20260306": None, "w/2026-03-08/r": "2026-03-08"}
    assert read_article(c / "w" / "2026-03-06-harbour-vote.txt")[0].date == "2026-03-06"


def test_corpus_info_says_no_dates(tmp_path):
    write(tmp_path / "c", "w/a.txt", "Title Here\n\n" + GOOD)
    text = corpus_info(tmp_path / "c").to_text()
    assert "0 excluded spans, no dates\n" in text and "None to None" not in text
    write(tmp_path / "c", "w/2026-01-05-b.txt", "Title There\n\n" + GOOD)
    assert "dates 2026-01-05 to 2026-01-05\n" in corpus_info(tmp_path / "c").to_text()


def test_read_corpus_keeps_the_good_articles_of_a_hostile_corpus(tmp_path):
    c = tmp_path / "c"
    write(c, "w/a.md", "---\ntitle: Good\n---\n" + GOOD)
    write(c, "w/b.md", "---\ndate: 2026-02-30\n---\n" + GOOD)
    write(c, "w/c.jsonl", json.dumps({"id": "r", "text": GOOD}) + "\n" + "[" * 100_000 + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        corpus = read_corpus(c)
    assert [a.id for a in corpus.articles] == ["w/a", "w/c/r"] and len(corpus.errors) == 2


def test_a_lone_surrogate_escape_in_front_matter_is_replaced(tmp_path):
    write(tmp_path / "c", "w/a.md", '---\ntitle: "Talks \\ud83d"\ntags: ["\\udc00"]\n---\n' + GOOD)
    with pytest.warns(FramingWarning, match=r"a.md: front matter has 2 lone surrogate\(s\)"):
        art = next(iter_articles(tmp_path / "c", []))
    assert (art.title, art.meta["tags"]) == ("Talks \ufffd", ["\ufffd"])

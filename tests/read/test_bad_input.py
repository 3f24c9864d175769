"""Bad input through the Python API: broken files, odd encodings and whitespace, hostile YAML, huge
articles, broken actors/params files. Each problem is one structured error naming the file, and the rest
of the corpus is still analysed. (The same corpus through the command line: test_cli.py.)"""

from __future__ import annotations

import json
import os
import stat
import time
import warnings
from pathlib import Path

import pytest
from helpers import write

from framing import analyze, extract_quotes
from framing.exceptions import ActorsError, CorpusError, FramingWarning, ParamsError, ReadError
from framing.label.parties import PartyMatcher, load_actors
from framing.read.corpus import read_article, read_corpus
from framing.run.io import atomic_path, atomic_write_text, safe_name, write_table

PWNED = "framing-test-pwned"  # a file a !!python tag would create if YAML were not loaded safely


def bad_corpus(root: Path) -> Path:
    """A corpus with one of each problem next to good articles (see test_cli.py for the same via the CLI)."""
    c = root / "corpus"
    write(c, "wire/01-good.md", "---\ntitle: Good\ndate: 2026-03-02\n---\n“We will stay,” said Ana Berg.\n")
    write(c, "wire/01-good.txt", "Same id\n“Twice,” said Ana Berg.\n")  # id wire/01-good again
    write(c, "wire/02-empty.txt", "")
    write(c, "wire/03-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(c, "wire/04-cp1252.txt", b"Caf\xe9 talks\n\x93We will go,\x94 said Bo Lind.\n")
    write(c, "wire/05-broken-front-matter.md", "---\ntitle: [unclosed\n---\n“Lost,” said Ana Berg.\n")
    write(c, "wire/06-rows.jsonl", '{"id": "r1", "text": "“Yes,” said Ana Berg."}\n{"id": "r2"}\n')
    write(c, "wire/07-rows.csv", 'id,text\nx1,"“Fine,” said Ana Berg."\nx2,\n')
    write(c, "wire/08-evil.md", f"---\ntitle: !!python/object/apply:os.system ['touch {PWNED}']\n---\nB.\n")
    write(c, "wire/09-only-boilerplate.md", "By Jane Doe\n\nShare this article\n\nRead more: Talks stall\n")
    return c


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where an executed !!python tag would drop its file
    return bad_corpus(tmp_path)


def test_every_problem_is_one_error_row_and_the_rest_is_analysed(corpus, tmp_path):
    with pytest.warns(FramingWarning) as rec:
        a = analyze(corpus)
    wire = corpus / "wire"
    got = [(Path(r.file).name, r.stage, None if r.line != r.line else int(r.line), r.message)
           for r in a.errors.itertuples()]
    assert got[:3] == [
        ("01-good.txt", "read", None,
         f"duplicate article id 'wire/01-good' (already read from {wire / '01-good.md'})"),
        ("02-empty.txt", "read", None, "file is empty"),
        ("03-binary.txt", "read", None, "binary file (NUL bytes), not an article"),
    ]
    assert got[3][:3] == ("05-broken-front-matter.md", "read", 3)
    assert got[3][3].startswith("front matter is not valid YAML: ")
    assert got[4:] == [
        ("06-rows.jsonl", "read", 2, "row 2 has no text (a non-empty 'text' field is required)"),
        ("07-rows.csv", "read", 3, "row 2 has no text (a non-empty 'text' field is required)"),
        ("08-evil.md", "read", 2, "front matter is not valid YAML: could not determine a constructor for the "
                                  "tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ]
    assert list(a.errors.columns[:3]) == ["file", "stage", "message"]
    # the good articles and rows are all there, the cp1252 one included
    assert sorted(a.articles["article_id"]) == ["wire/01-good", "wire/04-cp1252", "wire/06-rows/r1",
                                                "wire/07-rows/x1", "wire/09-only-boilerplate"]
    assert sorted(zip(a.quotes["article_id"], a.quotes["content"], a.quotes["speaker"])) == [
        ("wire/01-good", "We will stay,", "Ana Berg"), ("wire/04-cp1252", "We will go,", "Bo Lind"),
        ("wire/06-rows/r1", "Yes,", "Ana Berg"), ("wire/07-rows/x1", "Fine,", "Ana Berg")]
    assert [str(w.message) for w in rec] == [f"{wire / '04-cp1252.txt'}: not UTF-8; decoded as cp1252"]
    assert not (tmp_path / PWNED).exists()


def test_only_boilerplate_is_read_but_yields_nothing(corpus):
    with pytest.warns(FramingWarning, match="04-cp1252.txt: not UTF-8"):
        articles = read_corpus(corpus).articles
    (art,) = [a for a in articles if a.id == "wire/09-only-boilerplate"]
    assert [s.label for s in art.excluded] == ["byline", "share", "read_more"]
    assert art.words == 0
    assert extract_quotes(art.text, art.excluded) == []


def test_strict_stops_at_the_first_bad_file(corpus):
    with pytest.raises(ReadError) as exc:
        analyze(corpus, strict=True)
    assert exc.value.file == str(corpus / "wire" / "01-good.txt")
    assert exc.value.message.startswith("duplicate article id 'wire/01-good'")


def test_missing_and_empty_corpus(tmp_path):
    with pytest.raises(CorpusError) as exc:
        analyze(tmp_path / "nope")
    assert str(exc.value) == f"{tmp_path / 'nope'}: corpus path does not exist"
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/notes.docx", b"PK\x03\x04")
    with pytest.raises(CorpusError) as exc:
        analyze(tmp_path / "empty")
    assert str(exc.value) == (f"{tmp_path / 'empty'}: folder holds no articles "
                              "(.txt, .md, .html, .jsonl or .csv files)")


def test_a_folder_whose_files_all_fail_says_why(tmp_path):
    write(tmp_path, "c/w/a.txt", "")
    write(tmp_path, "c/w/b.txt", b"\x00\x01")
    with pytest.raises(CorpusError) as exc:
        analyze(tmp_path / "c")
    assert str(exc.value) == (f"{tmp_path / 'c'}: no article could be read (2 file(s) failed); "
                              f"first: {tmp_path / 'c' / 'w' / 'a.txt'}: file is empty")


def test_a_single_bad_file_reports_its_own_error(tmp_path):
    path = write(tmp_path, "w/a.md", "---\ntitle: x\n")
    with pytest.raises(CorpusError) as exc:
        analyze(path)
    assert str(exc.value) == f"{path}: line 1: front matter is not closed (no closing '---' line)"


# ------------------------------------------------------------------------------------------ encodings

def test_cp1252_and_latin1_are_decoded_with_a_warning_not_dropped(tmp_path):
    write(tmp_path, "c/w/a.txt", b"Title\n\x93We will go,\x94 said Bo Lind in Orl\xe9ans.\n")
    write(tmp_path, "c/w/b.txt", b"Title\n\"We will go,\" said Bo Lind in Orl\xe9ans \x81.\n")  # 0x81 !cp1252
    with pytest.warns(FramingWarning) as rec:
        a = analyze(tmp_path / "c")
    w = tmp_path / "c" / "w"
    assert [str(x.message) for x in rec] == [f"{w / 'a.txt'}: not UTF-8; decoded as cp1252",
                                             f"{w / 'b.txt'}: not UTF-8; decoded as latin-1"]
    assert list(a.quotes["content"]) == ["We will go,", "We will go,"]
    assert list(a.articles["encoding"]) == ["cp1252", "latin-1"]


def test_utf8_with_a_few_stray_bytes_keeps_its_curly_quotes(tmp_path):
    # a UTF-8 article with one pasted cp1252 word: reading it all as cp1252 would turn “ into â€œ
    body = "“We will stay,” said Ana Berg. “Never,” she added.\n".encode() + b"Caf\xe9 owners agreed.\n"
    write(tmp_path, "c/w/a.md", body)
    row = json.dumps({"text": "“Yes,” said Ana Berg."}, ensure_ascii=False).encode()
    write(tmp_path, "c/w/rows.jsonl", row + b"\n" + b'{"text": "caf\xe9"}\n')
    with pytest.warns(FramingWarning) as rec:
        corpus = read_corpus(tmp_path / "c")
    w = tmp_path / "c" / "w"
    assert [str(x.message) for x in rec] == [
        f"{w / 'a.md'}: not valid UTF-8 (1 stray byte(s)); decoded those bytes as cp1252",
        f"{w / 'rows.jsonl'}: not valid UTF-8 (1 stray byte(s)); decoded those bytes as cp1252"]
    art, row1, row2 = corpus.articles
    assert art.text == "“We will stay,” said Ana Berg. “Never,” she added.\nCafé owners agreed.\n"
    assert (row1.text, row2.text, row1.meta["encoding"]) == ("“Yes,” said Ana Berg.", "café", "utf-8+cp1252")
    assert [q.content for q in extract_quotes(art.text)] == ["We will stay,", "Never,"]


def test_utf8_row_file_split_across_read_chunks_is_not_called_stray(tmp_path, monkeypatch):
    import framing.read.decode as decode_mod

    monkeypatch.setattr(decode_mod, "_CHUNK", 7)  # every “ (3 bytes) gets cut by some chunk edge
    write(tmp_path, "c/w/rows.jsonl", json.dumps({"text": "“Yes,” said “Ana” Berg."}, ensure_ascii=False))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (art,) = read_corpus(tmp_path / "c").articles
    assert art.text == "“Yes,” said “Ana” Berg." and art.meta["encoding"] == "utf-8"


# ------------------------------------------------------------------------------ text shapes, offsets

def test_unbalanced_quote_mark_does_not_hide_the_rest():
    # an unclosed mark runs to the end of its paragraph (or to the next opening mark), no further
    text = ("He said “we will go. Then nothing happened for a week.\n\n"
            "Later, “We will stay,” said Ana Berg.\n\n"
            'Bo Lind said "the talks are over.\n\n'
            "“Nothing has changed,” Bo Lind said. Ana Berg said “no. “We go on,” said Ana Berg.")
    quotes = extract_quotes(text)
    assert [(q.content, q.speaker) for q in quotes] == [
        ("we will go. Then nothing happened for a week.", "he"), ("We will stay,", "Ana Berg"),
        ("the talks are over.", "Bo Lind"), ("Nothing has changed,", "Bo Lind"), ("no.", "Ana Berg"),
        ("We go on,", "Ana Berg")]
    for q in quotes:
        assert text[q.start:q.end] == q.content


def test_no_paragraph_breaks_at_all():
    text = ("“We will stay,” said Ana Berg. The talks went on for hours. “We will not,” Bo Lind said. "
            "According to a senior official, the meeting ended without a deal. ") * 3
    quotes = extract_quotes(text)
    assert [(q.kind, q.speaker) for q in quotes][:3] == [
        ("direct", "Ana Berg"), ("direct", "Bo Lind"), ("according_to", "senior official")]
    assert len(quotes) == 9


@pytest.mark.parametrize("sep", ["\r\n", "\n"])
def test_windows_line_endings_tabs_nbsp_and_zero_width_keep_offsets_exact(tmp_path, sep):
    body = sep.join([
        "Talks\tresumed on\u00a0Monday.", "",
        "“We will\u00a0not leave,” said\tAna\u00a0Berg.", "",
        "“We\u200b will stay,” said Ana\u200b Berg.", "",
        "\ufeffBo Lind said that the army would not withdraw from the valley.", "",
        "By Jane Doe", ""])
    write(tmp_path, "c/w/a.md", "---" + sep + "title: T" + sep + "---" + sep + body)
    (art,) = read_corpus(tmp_path / "c").articles
    assert art.text == body  # kept exactly as read, "\r\n" included
    a = analyze(tmp_path / "c")
    got = [(r.kind, r.content, r.speaker) for r in a.quotes.itertuples()]
    assert got == [("direct", "We will\u00a0not leave,", "Ana Berg"),
                   ("direct", "We\u200b will stay,", "Ana Berg"),
                   ("indirect", "the army would not withdraw from the valley", "Bo Lind")]
    for r in a.quotes.itertuples():
        assert art.text[r.start:r.end] == r.content
        assert art.text[r.cue_start:r.cue_end] == r.cue
        assert art.text[r.speaker_start:r.speaker_end] == r.speaker_mention
        assert not art.is_excluded(r.start, r.end)
    assert [art.text[s.start:s.end] for s in art.excluded] == ["By Jane Doe"]


def test_zero_width_space_after_a_quote_mark_keeps_the_attribution():
    text = "“We will not leave,”\u200b said Ana Berg."
    assert [(q.content, q.speaker) for q in extract_quotes(text)] == [("We will not leave,", "Ana Berg")]


def test_empty_quotation_marks_are_not_a_quote():
    assert extract_quotes("“” said Ana Berg. “ ” Bo Lind said.") == []


def test_five_megabyte_article_completes_in_reasonable_time(tmp_path):
    para = "The talks went on for hours without any agreement, and the delegations left the ministry.\n\n"
    quote = "“We will not leave the valley,” said Ana Berg.\n\n"
    body = "He said “we will go.\n\n" + (para * 9 + quote) * 5800 + "“That is all,” Bo Lind said.\n"
    assert len(body.encode()) > 5_000_000
    write(tmp_path, "c/w/big.md", "---\ntitle: Big\n---\n" + body)
    start = time.perf_counter()
    a = analyze(tmp_path / "c", actors=None)
    elapsed = time.perf_counter() - start
    assert a.errors.empty
    assert len(a.quotes) == 1 + 5800 + 1  # the unclosed first quote, the repeated one, the last
    assert a.quotes.iloc[0]["content"] == "we will go."
    last = a.quotes.iloc[-1]
    assert (last["content"], last["speaker"]) == ("That is all,", "Bo Lind")
    assert body[last["start"]:last["end"]] == "That is all,"
    assert elapsed < 120, f"5 MB article took {elapsed:.0f} s"


TIMED_CASES = """
import time
from framing import extract_quotes
{setup}
for name, text in cases.items():
    start = time.perf_counter()
    extract_quotes(text)
    print(name, round(time.perf_counter() - start, 1), flush=True)
"""


def assert_extraction_finishes(setup: str, timeout: float = 25) -> None:
    """Run ``extract_quotes`` on each text of the ``cases`` dict that ``setup`` (Python code) defines, in a
    subprocess, so that a quadratic version fails after ``timeout`` seconds instead of running for minutes."""
    import subprocess
    import sys

    try:
        subprocess.run([sys.executable, "-c", TIMED_CASES.format(setup=setup)], check=True, timeout=timeout,
                       capture_output=True)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"still running after {timeout:g} s; finished: {exc.stdout!r}")


def test_hostile_text_shapes_finish_in_reasonable_time():
    sample = str(Path(__file__).resolve().parents[2] / "corpus" / "sample")
    assert_extraction_finishes(f"""
from framing.read.corpus import iter_articles
para = " ".join(a.text.replace("\\n", " ") for a in iter_articles({sample!r}))
""" + """
cases = {
    "2 MB, no line breaks at all": para * 32,
    "run-on text, no full stops": "Ana Berg said that the army, which had, as she said, “moved,” " * 640,
    "200,000 opening quote marks": "“" * 200_000,
    "50,000 one-word quotations in one paragraph": "“a” " * 50_000,
}
""")


def test_text_without_sentence_ends_finishes_in_reasonable_time():
    # an unpunctuated transcript: minutes per 200 KB before the fix
    assert_extraction_finishes("""
cases = {
    "200 KB run-on text, no full stops": "Ana Berg said that the army, which had, as she said, “moved,” "
                                         * 3200,
    "200 KB of one reporting verb": "said " * 40_000,
}
""")


# -------------------------------------------------------------------------------- hostile YAML

def test_front_matter_python_tag_is_rejected_not_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    evil = f"---\ntitle: !!python/object/apply:os.system ['touch {PWNED}']\n---\nBody.\n"
    path = write(tmp_path, "w/a.md", evil)
    with pytest.raises(ReadError) as exc:
        read_article(path)
    assert exc.value.line == 2 and "could not determine a constructor" in exc.value.message
    assert not (tmp_path / PWNED).exists()


def test_front_matter_alias_bomb_is_rejected(tmp_path):
    # 8 short lines that expand to 10**7 values; json.dumps of them would hang the run
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    path = write(tmp_path, "w/bomb.md", "---\ntitle: Bomb\n" + "\n".join(levels) + "\n---\nBody.\n")
    start = time.perf_counter()
    with pytest.raises(ReadError) as exc:
        read_article(path)
    assert time.perf_counter() - start < 5
    assert str(exc.value) == (f"{path}: line 4: front matter uses a YAML alias (*name); "
                              "write the values out instead")


def test_actors_python_tag_is_rejected_not_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "actors.yaml", f"parties:\n  V: !!python/object/apply:os.system ['touch {PWNED}']")
    with pytest.raises(ActorsError) as exc:
        load_actors(path)
    assert exc.value.line == 2 and exc.value.stage == "actors"
    assert exc.value.message == ("not valid YAML: could not determine a constructor for the tag "
                                 "'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not (tmp_path / PWNED).exists()


def test_no_unsafe_yaml_loader_in_the_package():
    import re

    import yaml

    from framing.read import yamlload

    # yamlload._BASE is libyaml's safe loader (or PyYAML's): a safe constructor, checked here
    assert issubclass(yamlload._BASE, yaml.constructor.SafeConstructor)
    assert not issubclass(yamlload._BASE, (yaml.constructor.FullConstructor, yaml.constructor.UnsafeConstructor))
    assert issubclass(yamlload._Loader, yamlload._BASE) and issubclass(yamlload._PyLoader, yaml.SafeLoader)
    unsafe = re.compile(r"yaml\.(?:load|load_all|unsafe_load\w*|full_load\w*)\("
                        r"|Loader\s*=\s*(?!yaml\.SafeLoader\b|_BASE\b|scanner\b)|yaml\.(?:Unsafe|Full)?Loader\b")
    assert unsafe.search("x = yaml.load(text)") and unsafe.search("yaml.compose(t, Loader=yaml.Loader)")
    assert not unsafe.search("yaml.safe_load(t); yaml.compose(t, Loader=yaml.SafeLoader)")
    src = Path(__file__).resolve().parents[2] / "framing"
    for path in src.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not unsafe.search(line), f"{path.name}:{n}: {line.strip()}"


# ------------------------------------------------------------------------------------ actors.yaml

@pytest.mark.parametrize("text, line, message", [
    ("parties:\n  V:\n    aliases: [Valdoria\n    members: [A]\n", 4,
     "not valid YAML: expected ',' or ']', but got ':'"),
    ("parties:\n  V:\n    aliases: [Valdoria]\n    memebers: [A]\n", 4,
     "unknown key 'memebers' in party 'V' (expected aliases, members)"),
    ("partys:\n  V: {}\n", 1, "unknown key 'partys' (expected 'parties')"),
    ("parties:\n  V:\n    members: [Ana Berg]\n  V:\n    members: [Bo]\n", 4,
     "duplicate party 'V' (first at line 2)"),
    ("parties:\n  V:\n    members: [Ana]\n    members: [Bo]\n", 4,
     "duplicate key in party 'V': 'members' (first at line 3)"),
    ("parties:\n  V:\n    members: [Ana Berg]\n  E:\n    members: [ana berg]\n", 5,
     "'ana berg' is a member of both 'V' and 'E'"),
    ("parties:\n  V:\n    members: ['', Bo]\n", 3, "'members' of party 'V' has an empty name"),
    ("parties:\n  V:\n    aliases: [~]\n", 3, "'aliases' of party 'V' has an empty name"),
    ('parties:\n  "":\n    members: [Ana]\n', 2, "a party name must be a non-empty name"),
    ("parties:\n  V:\n    members: Ana Berg\n", 3, "'members' of party 'V' must be a list of names"),
    ("\tparties:\n", 1, "not valid YAML: found character '\\t' that cannot start any token"),
])
def test_actors_errors_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, "actors.yaml", text)
    with pytest.raises(ActorsError) as exc:
        load_actors(path)
    assert (exc.value.file, exc.value.line, exc.value.message) == (str(path), line, message)
    assert str(exc.value) == f"{path}: line {line}: {message}"


def test_actors_error_stops_analysis_before_any_article(tmp_path):
    write(tmp_path, "c/w/a.md", "“We stay,” said Ana Berg.\n")
    write(tmp_path, "c/actors.yaml", "parties:\n  V:\n    members: ['']\n")
    with pytest.raises(ActorsError, match=r"actors.yaml: line 3: 'members' of party 'V' has an empty name"):
        analyze(tmp_path / "c")


def test_actors_not_utf8_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, "actors.yaml", b"parties:\n  Caf\xe9:\n    members: [Ana Berg]\n")
    with pytest.warns(FramingWarning, match="actors.yaml: not UTF-8; decoded as cp1252"):
        actors = load_actors(path)
    assert PartyMatcher(actors).party_of("Ana Berg") == "Café"


def test_actors_binary_or_unreadable(tmp_path):
    path = write(tmp_path, "actors.yaml", b"\x00\x01\x02")
    with pytest.raises(ActorsError) as exc:
        load_actors(path)
    assert str(exc.value) == f"{path}: binary file (NUL bytes), not an article"
    with pytest.raises(ActorsError) as exc:
        load_actors(tmp_path)  # a folder
    assert str(exc.value) == f"{tmp_path}: cannot read actors file: Is a directory"


# ---------------------------------------------------------------------------------- report params

params = pytest.importorskip("framing.report.params")


@pytest.mark.parametrize("text, line, message", [
    ("title: T\ngroupby: month\n", 2, "unknown parameter 'groupby' (did you mean 'group_by'?)"),
    ("n_boot: many\n", 1, "parameter 'n_boot' must be a whole number, got str 'many'"),
    ("reports:\n  - {name: a}\n  - {name: b, n_boot: -1}\n", 3,
     "report 2: parameter 'n_boot' must be at least 1, got int -1"),
    ("parties: Valdoria\n", 1, "parameter 'parties' must be a list of party names, e.g. [Valdoria, Estland], "
                               "got str 'Valdoria'"),
    ("title: !!python/object/apply:os.system ['true']\n", 1,
     "not valid YAML: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'"),
])
def test_params_errors_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, "params.yaml", text)
    with pytest.raises(ParamsError) as exc:
        params.load_params(path)
    assert (exc.value.file, exc.value.line, exc.value.message, exc.value.stage) == (str(path), line, message,
                                                                                    "params")


# ------------------------------------------------------------------------------ file names, writes

@pytest.mark.parametrize("value, expected", [
    ("../../etc/passwd", "etc_passwd"),
    ("/etc/passwd", "etc_passwd"),
    ("..", "item"),
    ("", "item"),
    ("C:\\Windows\\system32", "C_Windows_system32"),
    ("-rf --no-preserve-root", "rf_--no-preserve-root"),
    (".hidden", "hidden"),
    ("a\x00b\nc", "a_b_c"),
    ("Café Zürich", "Cafe_Zurich"),
    ("日本", "item"),
    ("CON", "_CON"),
    ("nul.csv", "_nul.csv"),
    ("x" * 300, "x" * 80),
])
def test_safe_name_cannot_leave_its_folder(value, expected):
    assert safe_name(value) == expected


def test_safe_name_collisions_are_case_insensitive():
    taken = {"index"}
    assert [safe_name(v, taken) for v in ["a b", "a_b", "A/B", "a_b-2", "Index", "../a b"]] == [
        "a_b", "a_b-2", "A_B-3", "a_b-2-2", "Index-2", "a_b-4"]


def test_atomic_writes_leave_no_temp_files_and_normal_permissions(tmp_path):
    import pandas as pd

    path = tmp_path / "out" / "note.txt"
    atomic_write_text(path, "one")
    with pytest.raises(RuntimeError):
        with atomic_path(path) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert path.read_text() == "one"
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "out", "t")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["note.txt", "t.csv", "t.parquet"]
    umask = os.umask(0)
    os.umask(umask)
    for p in (tmp_path / "out").iterdir():  # like open(path, "w"): readable by others under umask 022
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask

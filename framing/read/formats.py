"""One file to articles, by format: .txt (first line the title), .md (YAML front matter), .html (main
text by trafilatura), .jsonl and .csv (one article per row, bad rows reported one by one).

>>> normalize_date("March 2, 2026")
'2026-03-02'
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

import yaml

from ..exceptions import ReadError
from .article import Article
from .decode import _OPEN_AS, _sniff_encoding, _warn, decode_bytes
from .files import check_file, max_article_bytes, shown
from .rows import csv_rows, jsonl_rows, replace_surrogates
from .yamlload import Refused, load_yaml

KNOWN_FIELDS = ("title", "outlet", "date", "url", "author")
_ISO = re.compile(r"\d{4}-\d\d-\d\d$")
#: A file name that starts with an ISO date ("2026-03-06-harbour-vote.txt"): the article's date when no
#: other is given.
_NAME_DATE = re.compile(r"(\d{4}-\d\d-\d\d)(?!\d)")
Report = Callable[[ReadError], None]


_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%d.%m.%Y", "%Y%m%d")


def normalize_date(value, file: str = "") -> str | None:
    """A date as "YYYY-MM-DD" when parseable; otherwise the value as given, with a FramingWarning.

    >>> normalize_date("March 2, 2026"), normalize_date(dt.datetime(2026, 3, 2, 9, 30)), normalize_date("")
    ('2026-03-02', '2026-03-02', None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    try:
        return dt.datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    _warn(f"{file}: date {s!r} is not a recognised date; kept as given")
    return s


def _apply_fields(art: Article, fields: dict, file: str) -> None:
    """Set title/outlet/date/url/author from `fields`; other keys (but id/text) go to `art.meta`."""
    for key, value in fields.items():
        key = str(key)
        if key == "date" and isinstance(value, list | dict | tuple | set):
            raise ReadError(f"date must be a single date (got a {type(value).__name__})", file=file)
        if key == "date":
            art.date = normalize_date(value, file)
        elif key in KNOWN_FIELDS:
            setattr(art, key, None if value is None else str(value).strip() or None)
        elif key not in ("id", "text"):
            art.meta[key] = value


#: The closing line of front matter: "---" alone on a line (after \n, \r\n or an old-Mac lone \r).
_FM_CLOSE = re.compile(r"(?<=[\r\n])---[ \t]*(?:\r\n|\r|\n|\Z)")


def _front_matter(text: str, file: str) -> tuple[dict | None, str]:
    """(front matter or None, body) with the same body rule as scripts/gold_locate.py `body_of`."""
    if not text.startswith(("---\n", "---\r")):
        return None, text
    first_end = 5 if text.startswith("---\r\n") else 4
    m = _FM_CLOSE.search(text, first_end - 1)
    if not m:
        raise ReadError("front matter is not closed (no closing '---' line)", file=file, line=1)
    raw = text[first_end:m.start()]
    try:
        # aliases (*name) let a few lines expand to millions of values, and deep nesting exhausts the
        # YAML composer's recursion: both refused
        data = load_yaml(raw)[1]
    except Refused as exc:
        raise ReadError(f"front matter {exc.problem}", file=file, line=exc.problem_mark.line + 2) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(f"front matter is not valid YAML: {problem}", file=file,
                        line=None if mark is None else mark.line + 2) from None
    if data is not None and not isinstance(data, dict):
        raise ReadError(f"front matter is not a mapping of keys to values (got {type(data).__name__})",
                        file=file, line=2)
    data = replace_surrogates(data, f"{file}: front matter has")  # "\ud83d" escapes: unwritable
    return data or {}, text[m.end():]


def _text_article(path: Path, art: Article, file: str) -> None:
    text, art.meta["encoding"] = decode_bytes(path.read_bytes(), file)
    if not text.strip():
        raise ReadError("file is empty", file=file)
    fm, body = _front_matter(text, file)
    if fm is not None:
        _apply_fields(art, fm, file)
        art.meta["body_start"] = len(text) - len(body)  # offsets index the body, which starts here
    elif path.suffix.lower() == ".txt":
        art.meta["body_start"] = 0  # the whole file is analysed: offsets index the file's text
        title = title_line(text)
        if title is not None:
            art.title = text[title[0]:title[1]]
            art.meta["title_end"] = title[1]
    art.text = body


#: A line break: a newline, CR LF, or a lone CR (old Mac files).
_LINE_END = re.compile(r"\r\n?|\n")


def title_line(text: str) -> tuple[int, int] | None:
    """The span of a plain-text article's first line when it reads as a headline, else None.

    The first non-blank line is a title when more text follows it and it is headline-like: at most 30
    words, and either mostly capitalised words ("Truce Holds in Port Aster") or not ending as a sentence
    does ("Ek says truce will hold"). A first line that is a body paragraph (as in many text dumps) is
    not a title. The title stays part of the text: it is analysed too.

    >>> text = "Ek says truce will hold\\n\\nThe truce held on Monday."
    >>> title_line(text)
    (0, 23)
    >>> title_line("The truce held on Monday, officials said.\\n\\nIt was quiet.") is None
    True
    """
    start = len(text) - len(text.lstrip())
    m = _LINE_END.search(text, start)
    if m is None or not text[m.end():].strip():
        return None
    end = start + len(text[start:m.start()].rstrip())
    return (start, end) if reads_as_headline(text[start:end]) else None


def reads_as_headline(line: str) -> bool:
    """At most 30 words, and either in title case or not ending as a sentence does.

    >>> reads_as_headline("Ek says truce will hold"), reads_as_headline("The truce held, Ek said.")
    (True, False)
    """
    words = line.split()
    if not words or len(words) > 30:
        return False
    return in_title_case(line) or line.rstrip()[-1] not in ".!?…:;,\"”’'"


def in_title_case(line: str) -> bool:
    """Whether most words of four letters or more are capitalised ("Truce Holds in Port Aster")."""
    long_words = [w for w in line.split() if sum(c.isalpha() for c in w) >= 4]
    return len(long_words) >= 2 and sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)


def _html_article(path: Path, art: Article, file: str) -> None:
    import trafilatura

    html, art.meta["encoding"] = decode_bytes(path.read_bytes(), file)
    if not html.strip():
        raise ReadError("file is empty", file=file)
    body = trafilatura.extract(html, include_comments=False) or ""
    if not body.strip():
        raise ReadError("no article text found in the HTML", file=file)
    meta = trafilatura.extract_metadata(html)
    md = meta.as_dict() if meta is not None else {}
    title = (md.get("title") or "").strip()
    if title and body.startswith(title + "\n"):
        body = body[len(title) + 1:]  # trafilatura repeats the <h1> title as the first line
    keys = ("title", "author", "url", "date", "hostname", "description")
    fields = {k: md[k] for k in keys if md.get(k)}
    if md.get("sitename"):
        fields["outlet"] = md["sitename"]
    _apply_fields(art, fields, file)
    art.text = body


def _row_article(row: dict, rowno: int, line: int, base: Article) -> Article:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"row {rowno} has no text (a non-empty 'text' field is required)",
                        file=base.path, line=line)
    rid = row.get("id")
    rid = str(rid).strip() if rid not in (None, "") else str(rowno)
    art = Article(id=f"{base.id}/{rid}", outlet=base.outlet, path=base.path, text=text,
                  meta={**base.meta, "row": rowno})
    try:
        _apply_fields(art, row, base.path)
    except ReadError as err:
        raise ReadError(f"row {rowno}: {err.message}", file=base.path, line=line) from None
    return art


def as_read_error(exc: Exception, file: str) -> ReadError:
    """`exc`, caught at the boundary of one file, as that file's ReadError; a failure nobody foresaw keeps
    its traceback (for --debug and bug reports)."""
    if isinstance(exc, ReadError):
        return exc
    if isinstance(exc, OSError):
        return ReadError(f"cannot read file: {exc.strerror or exc}", file=file)
    problem = "nested too deeply" if isinstance(exc, RecursionError) else f"{type(exc).__name__}: {exc}"
    return ReadError(f"could not be read: {problem}", file=file, traceback=traceback.format_exc(limit=-30))


def _date_from_name(name: str) -> str | None:
    """The ISO date a file name starts with, when it is a real date.

    >>> _date_from_name("2026-03-06-harbour-vote.txt"), _date_from_name("2026-02-30-x.txt")
    ('2026-03-06', None)
    """
    m = _NAME_DATE.match(name)
    try:
        return dt.date.fromisoformat(m.group(1)).isoformat() if m else None
    except ValueError:
        return None


def _read_file(path: Path, root: Path, report: Report, max_bytes: int | None = None) -> Iterator[Article]:
    """Articles of one file. File-level problems raise ReadError; row problems go to `report` (an
    unforeseen failure of one row too, with its traceback). Only regular files of at most `max_bytes`
    (default: ``files.max_article_bytes()``) are read; a date at the start of the file name is the date of
    its articles that have none."""
    file = shown(path)
    suffix = path.suffix.lower()
    limit = max_article_bytes(max_bytes)
    check_file(path, file, limit)
    base = Article(id=shown(PurePosixPath(path.relative_to(root).as_posix()).with_suffix("").as_posix()),
                   outlet=shown(path.parent.name or path.resolve().parent.name), path=file,
                   meta={"source": file, "format": "html" if suffix == ".htm" else suffix.lstrip(".")})
    name_date = _date_from_name(path.name)
    try:
        if suffix in (".jsonl", ".csv"):
            base.meta["encoding"] = enc = _sniff_encoding(path, file)
            rows = (jsonl_rows if suffix == ".jsonl" else csv_rows)(path, file, _OPEN_AS.get(enc, enc), limit)
            seen = 0
            for row in rows:
                seen += 1
                try:
                    if isinstance(row.value, ReadError):
                        raise row.value
                    art = _row_article(row.value, row.rowno, row.line, base)
                except Exception as exc:  # noqa: BLE001 - any failure is this row's error, the file goes on
                    report(exc if isinstance(exc, ReadError) else ReadError(
                        f"row {row.rowno} could not be read: {type(exc).__name__}: {exc}", file=file,
                        line=row.line, traceback=traceback.format_exc(limit=-30)))
                    continue
                art.date = art.date or name_date
                yield art
            if not seen:
                raise ReadError("file is empty (no rows)", file=file)
            return
        (_html_article if suffix in (".html", ".htm") else _text_article)(path, base, file)
    except Exception as exc:  # noqa: BLE001 - any failure is this file's error, the corpus goes on
        raise as_read_error(exc, file) from None
    if not base.text.strip():
        raise ReadError("article has no body text", file=file)
    base.date = base.date or name_date
    yield base

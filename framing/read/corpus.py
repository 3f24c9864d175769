"""The corpus model and reader: folders of .txt/.md/.html/.jsonl/.csv articles -> `Article` objects.

Bodies are kept exactly as read (decoded, "\\r\\n" kept) so gold offsets stay valid; boilerplate is found
by `framing.read.boilerplate` and recorded as excluded spans, never deleted. Bad files become `ErrorRecord`s
and the rest of the corpus is still read.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "herald"
>>> root.mkdir()
>>> _ = (root / "a.md").write_text("---\\ntitle: Talks open\\ndate: 2026-03-02\\n---\\nTalks opened.\\n")
>>> [(a.id, a.title, a.date, a.outlet, a.text) for a in iter_articles(root)]
[('a', 'Talks open', '2026-03-02', 'herald', 'Talks opened.\\n')]
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .boilerplate import Span, find_boilerplate
from ..exceptions import CorpusError, ErrorRecord, FramingWarning, ReadError

__all__ = [
    "ARTICLE_SUFFIXES", "Article", "Corpus", "CorpusInfo", "FramingWarning", "Span", "corpus_info",
    "decode_bytes", "find_actors", "iter_articles", "normalize_date", "read_article", "read_corpus",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
KNOWN_FIELDS = ("title", "outlet", "date", "url", "author")
_EXTRAS = {"actors.yaml", "actors.yml", "metadata.csv"}  # folder extras: never articles, never reported
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
# count_words on ASCII text: word characters become "a", the joiners ' and - become "-", the rest spaces
_ASCII_CLASSES = bytes(ord("a") if chr(b).isalnum() or b == 95 else ord("-") if b in b"'-" else 32
                       for b in range(256))
_JOIN = re.compile(rb"-(?<=a-)(?=a)")  # a joiner between two words: they are one word ("cease-fire")
# non-word characters common in news text, replaced by a space so that such text can be counted as ASCII
_NON_WORD = ("\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026", "\u00ab", "\u00bb", "\u201e",
             "\u00a0")


def count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, the number of words (joined by single ', ’ or -), counted without a regex
    scan of every character when the text is ASCII apart from common punctuation.

    The matches of ``_WORD`` are the runs of word characters, less one for each joiner standing between two
    runs; on ASCII text, runs and joiners are counted with ``bytes.translate`` and ``bytes.count``.

    >>> count_words("A cease-fire “held”, didn’t it? U.S.-led -- talks")
    9
    """
    t = text
    if not t.isascii():
        t = t.replace("\u2019", "'")  # both are joiners
        for ch in _NON_WORD:
            t = t.replace(ch, " ")
        if not t.isascii():
            return len(_WORD.findall(text))
    b = t.encode("ascii").translate(_ASCII_CLASSES)
    return b.count(b" a") + b.count(b"-a") + b.startswith(b"a") - len(_JOIN.findall(b))


_ISO = re.compile(r"\d{4}-\d\d-\d\d$")
_CHUNK = 1 << 20
_OPEN_AS = {"utf-8": "utf-8-sig", "utf-8+cp1252": "utf-8-sig"}  # encoding -> codec for open()
Report = Callable[[ReadError], None]


@dataclass
class Article:
    """One news article. `text` is the body exactly as read; `excluded` marks boilerplate lines.

    >>> a = Article(id="h/a", text="Talks opened.\\nBy Jane Doe", excluded=(Span(14, 25, "byline"),))
    >>> a.words, a.is_excluded(14, 16), a.is_excluded(0, 5)
    (2, True, False)
    """

    id: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    text: str = ""
    excluded: tuple[Span, ...] = ()
    meta: dict = field(default_factory=dict)
    path: str = ""

    def included_text(self) -> str:
        """`text` with excluded characters blanked to spaces (same length, newlines kept, offsets valid)."""
        parts, pos = [], 0
        for span in sorted(self.excluded, key=lambda s: s.start):
            lo = max(pos, span.start)
            if span.end > lo:
                parts += [self.text[pos:lo], re.sub(r"[^\r\n]", " ", self.text[lo:span.end])]
                pos = span.end
        return "".join(parts) + self.text[pos:]

    @property
    def words(self) -> int:
        """Number of words outside the excluded spans."""
        return count_words(self.included_text())

    def is_excluded(self, start: int, end: int) -> bool:
        """True when `[start, end)` overlaps an excluded span (an empty range: when it lies inside one)."""
        end = max(end, start + 1)
        return any(s.start < end and start < s.end for s in self.excluded)

    def to_dict(self) -> dict:
        """A JSON-ready dict; `Article.from_dict(a.to_dict()) == a`."""
        d = asdict(self)
        d["excluded"] = [asdict(s) for s in self.excluded]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Article:
        d = dict(d)
        d["excluded"] = tuple(Span(**s) if isinstance(s, dict) else Span(*s) for s in d.get("excluded", ()))
        d["meta"] = dict(d.get("meta") or {})
        return cls(**d)


@dataclass
class Corpus:
    """A whole corpus in memory: articles, read errors, the actors.yaml path and skipped files."""

    root: Path
    articles: list[Article]
    errors: list[ErrorRecord]
    actors: Path | None = None
    skipped: list[str] = field(default_factory=list)


def _warn(msg: str) -> None:
    warnings.warn(msg, FramingWarning, stacklevel=3)


def _check_binary(data: bytes, file: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise ReadError("binary file (NUL bytes), not an article", file=file)
    ctrl = sum(1 for b in sample if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    if sample and ctrl / len(sample) > 0.05:
        raise ReadError("binary file (mostly non-text bytes), not an article", file=file)


def _cp1252_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (latin-1 for its 5 holes)."""
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("framing-cp1252", _cp1252_bytes)
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _counts(data: bytes) -> tuple[int, int, int]:
    """(UTF-8 multi-byte sequences, other high bytes, of which undefined in cp1252)."""
    rest = _UTF8_MULTI.sub(b"", data)
    return len(_UTF8_MULTI.findall(data)), len(_HIGH.findall(rest)), len(_CP1252_HOLES.findall(rest))


def _fallback(multi: int, bad: int, holes: int, file: str) -> str:
    """The encoding of a text that is not valid UTF-8, warned about. Mostly UTF-8 with a few stray bytes
    (a pasted cp1252 line): "utf-8+cp1252", the stray bytes alone being read as cp1252."""
    if multi and multi >= bad:
        _warn(f"{file}: not valid UTF-8 ({bad} stray byte(s)); decoded those bytes as cp1252")
        return "utf-8+cp1252"
    enc = "latin-1" if holes else "cp1252"
    _warn(f"{file}: not UTF-8; decoded as {enc}")
    return enc


def decode_bytes(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 (BOM stripped), else cp1252, else latin-1 with a FramingWarning.

    >>> decode_bytes("café".encode(), "a.txt")
    ('café', 'utf-8')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    _check_binary(data, file)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _fallback(*_counts(data), file)
    return data.decode("utf-8" if enc == "utf-8+cp1252" else enc, errors="framing-cp1252"), enc


def _utf8_split(chunk: bytes) -> tuple[bytes, bytes]:
    """(chunk, tail): a UTF-8 sequence cut by the end of the chunk is carried over to the next one."""
    for i in range(max(0, len(chunk) - 3), len(chunk)):
        lead = chunk[i]
        need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        if need and i + need > len(chunk):
            return chunk[:i], chunk[i:]
    return chunk, b""


def _sniff_encoding(path: Path, file: str) -> str:
    """Encoding of a (possibly huge) row file, checked in chunks without holding it in memory (open it
    with errors="framing-cp1252")."""
    with open(path, "rb") as fh:
        _check_binary(fh.read(8192), file)
    totals, tail = [0, 0, 0], b""
    with open(path, "rb") as fh:
        while True:
            data = fh.read(_CHUNK)
            chunk, tail = _utf8_split(tail + data) if data else (tail, b"")
            totals = [t + n for t, n in zip(totals, _counts(chunk))]
            if not data:
                break
    return "utf-8" if not totals[1] else _fallback(*totals, file)


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
        if key == "date":
            art.date = normalize_date(value, file)
        elif key in KNOWN_FIELDS:
            setattr(art, key, None if value is None else str(value).strip() or None)
        elif key not in ("id", "text"):
            art.meta[key] = value


def _front_matter(text: str, file: str) -> tuple[dict | None, str]:
    """(front matter or None, body) with the same body rule as scripts/gold_locate.py `body_of`."""
    if not text.startswith(("---\n", "---\r\n")):
        return None, text
    m = re.search(r"^---[ \t]*(?:\r?\n|\Z)", text[3:], flags=re.MULTILINE)
    if not m:
        raise ReadError("front matter is not closed (no closing '---' line)", file=file, line=1)
    raw = text[text.index("\n") + 1:3 + m.start()]
    try:
        # aliases (*name) let a few lines expand to millions of values: never needed in front matter
        tokens = yaml.scan(raw, Loader=yaml.SafeLoader)
        alias = next((t for t in tokens if isinstance(t, yaml.AliasToken)), None)
        if alias is not None:
            raise ReadError("front matter uses a YAML alias (*name); write the values out instead",
                            file=file, line=alias.start_mark.line + 2)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(f"front matter is not valid YAML: {problem}", file=file,
                        line=None if mark is None else mark.line + 2) from None
    if data is not None and not isinstance(data, dict):
        raise ReadError(f"front matter is not a mapping of keys to values (got {type(data).__name__})",
                        file=file, line=2)
    return data or {}, text[3 + m.end():]


def _text_article(path: Path, art: Article, file: str) -> None:
    text, art.meta["encoding"] = decode_bytes(path.read_bytes(), file)
    if not text.strip():
        raise ReadError("file is empty", file=file)
    fm, body = _front_matter(text, file)
    if fm is not None:
        _apply_fields(art, fm, file)
    elif path.suffix.lower() == ".txt" and sum(1 for ln in text.splitlines() if ln.strip()) > 1:
        nl = text.find("\n")  # the first line is the title
        art.title, body = text[:nl].strip() or None, text[nl + 1:]
    art.text = body


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
    _apply_fields(art, row, base.path)
    return art


def _jsonl_rows(path: Path, file: str, enc: str) -> Iterator[tuple[int, int, dict | ReadError]]:
    rowno = 0
    with open(path, encoding=enc, errors="framing-cp1252", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rowno += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                obj = ReadError(f"row {rowno} is not valid JSON: {exc.msg}", file=file, line=lineno)
            if not isinstance(obj, dict | ReadError):
                obj = ReadError(f"row {rowno} is not a JSON object", file=file, line=lineno)
            yield rowno, lineno, obj


def _csv_rows(path: Path, file: str, enc: str) -> Iterator[tuple[int, int, dict | ReadError]]:
    csv.field_size_limit(2**31 - 1)  # article texts are far above the 128 KB default
    with open(path, encoding=enc, errors="framing-cp1252", newline="") as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise ReadError("CSV file is empty (no header row)", file=file, line=1)
        if "text" not in header:
            raise ReadError("CSV file has no 'text' column", file=file, line=1)
        rowno, start = 0, reader.line_num + 1
        for values in reader:
            if any(v.strip() for v in values):
                rowno += 1
                if len(values) > len(header):
                    yield rowno, start, ReadError(f"row {rowno} has {len(values)} fields, the header "
                                                  f"{len(header)}", file=file, line=start)
                else:
                    yield rowno, start, dict(zip(header, values, strict=False))
            start = reader.line_num + 1


def _read_file(path: Path, root: Path, report: Report) -> Iterator[Article]:
    """Articles of one file. File-level problems raise ReadError; row problems go to `report`."""
    file = str(path)
    suffix = path.suffix.lower()
    base = Article(id=PurePosixPath(path.relative_to(root).as_posix()).with_suffix("").as_posix(),
                   outlet=path.parent.name or path.resolve().parent.name, path=file,
                   meta={"source": file, "format": "html" if suffix == ".htm" else suffix.lstrip(".")})
    try:
        if suffix in (".jsonl", ".csv"):
            base.meta["encoding"] = enc = _sniff_encoding(path, file)
            rows = (_jsonl_rows if suffix == ".jsonl" else _csv_rows)(path, file, _OPEN_AS.get(enc, enc))
            seen = 0
            for rowno, line, row in rows:
                seen += 1
                try:
                    if isinstance(row, ReadError):
                        raise row
                    yield _row_article(row, rowno, line, base)
                except ReadError as err:
                    report(err)
            if not seen:
                raise ReadError("file is empty (no rows)", file=file)
            return
        (_html_article if suffix in (".html", ".htm") else _text_article)(path, base, file)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", file=file) from None
    if not base.text.strip():
        raise ReadError("article has no body text", file=file)
    yield base


def _skip_reason(rel: PurePosixPath) -> str | None:
    """Why a file is not an article: None = read it, "" = expected extra (not reported), else a reason."""
    low = rel.name.lower()
    if any(p.startswith(".") for p in rel.parts) or (len(rel.parts) > 1 and rel.parts[0] == "gold"):
        return ""
    if low.startswith("readme") or low in _EXTRAS or low.endswith((".spec.yaml", ".spec.yml")):
        return ""
    if rel.suffix.lower() not in ARTICLE_SUFFIXES:
        return f"not an article file ({rel.suffix or 'no extension'})"
    return None


def _scan(root: Path) -> tuple[list[Path], list[str]]:
    """Article files sorted by relative path, and "file: reason" for skipped unknown files."""
    found, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not (here == root and d == "gold")]
        for name in filenames:
            rel = PurePosixPath((here / name).relative_to(root).as_posix())
            reason = _skip_reason(rel)
            if reason is None:
                found.append((rel, here / name))
            elif reason:
                skipped.append(f"{here / name}: {reason}")
    return [p for _, p in sorted(found)], sorted(skipped)


def _load_metadata(root: Path, report: Report) -> dict[str, dict]:
    """Rows of every metadata.csv keyed by article id (ids relative to the metadata.csv's folder)."""
    out: dict[str, dict] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if "metadata.csv" not in filenames:
            continue
        path = Path(dirpath) / "metadata.csv"
        prefix = Path(dirpath).relative_to(root).as_posix()
        try:
            text = decode_bytes(path.read_bytes(), str(path))[0]
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            if rows and "id" not in rows[0]:
                raise ReadError("metadata.csv has no 'id' column", file=str(path), line=1)
        except (ReadError, OSError, csv.Error) as exc:
            report(exc if isinstance(exc, ReadError) else ReadError(f"cannot read: {exc}", file=str(path)))
            continue
        for row in rows:
            rid = (row.pop("id") or "").strip()
            if rid:
                key = rid if prefix == "." else f"{prefix}/{rid}"
                out[key] = {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
    return out


def find_actors(root: str | Path) -> Path | None:
    """The corpus's actors.yaml (or actors.yml), or None. For a single file, looks beside it."""
    root = Path(root)
    folder = root if root.is_dir() else root.parent
    return next((folder / n for n in ("actors.yaml", "actors.yml") if (folder / n).is_file()), None)


def _reporter(errors: list[ErrorRecord] | None, strict: bool) -> Report:
    def report(err: ReadError) -> None:
        if strict:
            raise err
        if errors is None:
            _warn(str(err))
        else:
            errors.append(err.to_record())
    return report


def iter_articles(path: str | Path, errors: list[ErrorRecord] | None = None, *, strict: bool = False,
                  boilerplate: bool = True, skipped: list[str] | None = None) -> Iterator[Article]:
    """Stream the articles of a folder (or of one file) in sorted order, one at a time.

    Bad files/rows are appended to `errors` as ErrorRecords (warned about when `errors` is None); with
    `strict=True` the first one raises ReadError. Unknown files are listed in `skipped` when given. A
    missing path or a folder without article files raises CorpusError at once; a folder whose files all
    fail raises it at the end of the iteration.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError("corpus path does not exist", file=str(path))
    if path.is_dir():
        files, extra = _scan(path)
        if not files:
            raise CorpusError("folder holds no articles (.txt, .md, .html, .jsonl or .csv files)",
                              file=str(path))
    else:
        files, extra = [path], []
    if skipped is not None:
        skipped.extend(extra)
    root = path if path.is_dir() else path.parent
    return _iterate(root, files, _reporter(errors, strict), boilerplate, path.is_dir())


def _iterate(root: Path, files: list[Path], report: Report, boilerplate: bool, folder: bool):
    failures: list[ReadError] = []

    def note(err: ReadError) -> None:
        failures.append(err)
        report(err)

    metadata = _load_metadata(root, report) if folder else {}
    seen: dict[str, str] = {}
    for path in files:
        try:
            for art in _read_file(path, root, note):
                if art.id in seen:
                    note(ReadError(f"duplicate article id {art.id!r} (already read from {seen[art.id]})",
                                     file=art.path))
                    continue
                seen[art.id] = art.path
                if art.id in metadata:
                    _apply_fields(art, metadata[art.id], art.path)
                if boilerplate:
                    art.excluded = tuple(find_boilerplate(art.text))
                yield art
        except ReadError as err:
            note(err)
    unused = sorted(set(metadata) - set(seen))
    if unused:
        _warn(f"metadata.csv: {len(unused)} id(s) match no article: {', '.join(unused[:5])}")
    if not seen and not folder and failures:  # one file given: its own error says what is wrong
        raise CorpusError(failures[0].message, file=failures[0].file, line=failures[0].line)
    if not seen:
        first = f"; first: {failures[0]}" if failures else ""
        raise CorpusError(f"no article could be read ({len(files)} file(s) failed){first}", file=str(root))


def read_article(path: str | Path, root: str | Path | None = None, *,
                 errors: list[ErrorRecord] | None = None, boilerplate: bool = True) -> list[Article]:
    """The article(s) of one file (several for .jsonl/.csv), ids relative to `root` (default: the file's
    folder). File problems raise ReadError; so do row problems, unless `errors` collects them."""
    path = Path(path)
    arts = list(_read_file(path, Path(root) if root is not None else path.parent,
                           _reporter(errors, strict=errors is None)))
    for art in arts if boilerplate else ():
        art.excluded = tuple(find_boilerplate(art.text))
    return arts


def read_corpus(path: str | Path, *, strict: bool = False, boilerplate: bool = True) -> Corpus:
    """The whole corpus in memory (articles, errors, actors.yaml path, skipped files)."""
    errors: list[ErrorRecord] = []
    skipped: list[str] = []
    arts = list(iter_articles(path, errors, strict=strict, boilerplate=boilerplate, skipped=skipped))
    root = Path(path) if Path(path).is_dir() else Path(path).parent
    return Corpus(root=root, articles=arts, errors=errors, actors=find_actors(path), skipped=skipped)


@dataclass
class CorpusInfo:
    """Per-outlet summary of a corpus (`table`), `totals`, read `errors` and `skipped` files."""

    root: Path
    table: object  # pandas.DataFrame: outlet, articles, first_date, last_date, words, excluded_spans
    totals: dict
    errors: list[ErrorRecord]
    skipped: list[str]
    actors: Path | None = None

    def to_text(self) -> str:
        """A readable fixed-width report, with "file: reason" lines for failed and skipped files."""
        t = self.totals
        lines = [f"corpus: {self.root}", "",
                 self.table.to_string(index=False) if len(self.table) else "(no articles)", "",
                 f"total: {t['articles']} articles from {t['outlets']} outlets, {t['words']} words, "
                 f"{t['excluded_spans']} excluded spans, dates {t['first_date']} to {t['last_date']}",
                 f"actors: {self.actors or 'none'}"]
        for title, items in (("failed files", self.errors), ("skipped files", self.skipped)):
            if items:
                lines += ["", f"{title} ({len(items)}):", *(f"  {x}" for x in items)]
        return "\n".join(lines) + "\n"


def corpus_info(path: str | Path) -> CorpusInfo:
    """Summarise a corpus without holding its texts: per outlet, articles, date range, words and excluded
    spans. Unlike iter_articles, a corpus whose files all fail still gets a report."""
    import pandas as pd

    errors: list[ErrorRecord] = []
    skipped: list[str] = []
    stats: dict[str, dict] = {}
    try:
        for art in iter_articles(path, errors, skipped=skipped):
            s = stats.setdefault(art.outlet or "", {"articles": 0, "dates": [], "words": 0,
                                                    "excluded_spans": 0})
            s["articles"] += 1
            s["words"] += art.words
            s["excluded_spans"] += len(art.excluded)
            if art.date and _ISO.match(art.date):
                s["dates"].append(art.date)
    except CorpusError:
        if not errors:  # nothing to report: the path is missing or holds no article files
            raise
    rows = [{"outlet": o, "articles": s["articles"], "first_date": min(s["dates"], default=None),
             "last_date": max(s["dates"], default=None), "words": s["words"],
             "excluded_spans": s["excluded_spans"]} for o, s in sorted(stats.items())]
    cols = ["outlet", "articles", "first_date", "last_date", "words", "excluded_spans"]
    table = pd.DataFrame(rows, columns=cols, dtype=object).astype(
        {"articles": "int64", "words": "int64", "excluded_spans": "int64"})
    dates = [d for s in stats.values() for d in s["dates"]]
    totals = {"articles": int(table["articles"].sum()), "outlets": len(table),
              "words": int(table["words"].sum()), "excluded_spans": int(table["excluded_spans"].sum()),
              "first_date": min(dates, default=None), "last_date": max(dates, default=None),
              "errors": len(errors), "skipped": len(skipped)}
    root = Path(path) if Path(path).is_dir() else Path(path).parent
    return CorpusInfo(root=root, table=table, totals=totals, errors=errors, skipped=skipped,
                      actors=find_actors(path))

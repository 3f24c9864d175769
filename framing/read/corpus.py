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

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..exceptions import CorpusError, ErrorRecord, FramingWarning, ReadError
from .article import Article
from .boilerplate import Span, find_boilerplate
from .decode import _warn, decode_bytes
from .files import OUTPUT_MARKER, max_article_bytes, shown, walk_corpus
from .formats import _ISO, Report, _apply_fields, _read_file, as_read_error, normalize_date

__all__ = [
    "ARTICLE_SUFFIXES", "OUTPUT_MARKER", "Article", "Corpus", "CorpusInfo", "FramingWarning", "Span", "corpus_info",
    "decode_bytes", "find_actors", "iter_articles", "normalize_date", "read_article", "read_corpus",
    "walk_corpus",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
#: folder extras: never articles, never reported (params.yaml: report parameter sets, docs/reports.md)
_EXTRAS = {"actors.yaml", "actors.yml", "metadata.csv", "params.yaml", "params.yml"}


@dataclass
class Corpus:
    """A whole corpus in memory: articles, read errors, the actors.yaml path and skipped files."""

    root: Path
    articles: list[Article]
    errors: list[ErrorRecord]
    actors: Path | None = None
    skipped: list[str] = field(default_factory=list)


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


def _scan(root: Path, report: Report | None = None) -> tuple[list[Path], list[str]]:
    """Article files sorted by relative path, and "file: reason" for skipped unknown files. Folders that
    cannot be listed go to `report`; output folders (holding OUTPUT_MARKER) are not read."""
    found, skipped = [], []
    for here, dirnames, filenames in walk_corpus(root, report):
        if here == root and "gold" in dirnames:
            dirnames.remove("gold")
        for name in filenames:
            rel = PurePosixPath((here / name).relative_to(root).as_posix())
            reason = _skip_reason(rel)
            if reason is None:
                found.append((rel, here / name))
            elif reason:
                skipped.append(f"{shown(here / name)}: {reason}")
    return [p for _, p in sorted(found)], sorted(skipped)


def _load_metadata(root: Path, report: Report) -> dict[str, dict]:
    """Rows of every metadata.csv keyed by article id (ids relative to the metadata.csv's folder)."""
    out: dict[str, dict] = {}
    for here, _, filenames in walk_corpus(root):
        if "metadata.csv" not in filenames:
            continue
        path = here / "metadata.csv"
        prefix = here.relative_to(root).as_posix()
        try:
            text = decode_bytes(path.read_bytes(), shown(path))[0]
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            if rows and "id" not in rows[0]:
                raise ReadError("metadata.csv has no 'id' column", file=shown(path), line=1)
        except Exception as exc:  # noqa: BLE001 - any failure is this file's error, the corpus goes on
            report(as_read_error(exc, shown(path)))
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
                  boilerplate: bool = True, skipped: list[str] | None = None,
                  max_bytes: int | None = None) -> Iterator[Article]:
    """Stream the articles of a folder (or of one file) in sorted order, one at a time.

    Bad files/rows are appended to `errors` as ErrorRecords (warned about when `errors` is None); with
    `strict=True` the first one raises ReadError. Unknown files are listed in `skipped` when given. A
    missing path or a folder without article files raises CorpusError at once; a folder whose files all
    fail raises it at the end of the iteration. Folders holding OUTPUT_MARKER (the kit's own output) are
    not read; neither are files over `max_bytes` (default: FRAMING_MAX_ARTICLE_MB, else 20 MB).
    """
    path = Path(path)
    limit = max_article_bytes(max_bytes)
    if not path.exists():
        raise CorpusError("corpus path does not exist", file=shown(path))
    report = _reporter(errors, strict)
    if path.is_dir():
        unlisted: list[ReadError] = []
        files, extra = _scan(path, unlisted.append)
        for err in unlisted:
            report(err)
        if not files:
            raise CorpusError("folder holds no articles (.txt, .md, .html, .jsonl or .csv files)"
                              + (f"; {unlisted[0]}" if unlisted else ""), file=shown(path))
    else:
        files, extra = [path], []
    if skipped is not None:
        skipped.extend(extra)
    root = path if path.is_dir() else path.parent
    return _iterate(root, files, report, boilerplate, path.is_dir(), limit)


def _iterate(root: Path, files: list[Path], report: Report, boilerplate: bool, folder: bool, limit: int):
    failures: list[ReadError] = []

    def note(err: ReadError) -> None:
        failures.append(err)
        report(err)

    metadata = _load_metadata(root, report) if folder else {}
    seen: dict[str, str] = {}
    for path in files:
        try:
            for art in _read_file(path, root, note, limit):
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
        except Exception as exc:  # noqa: BLE001 - any failure is this file's error, the corpus goes on
            note(as_read_error(exc, shown(path)))
    unused = sorted(set(metadata) - set(seen))
    if unused:
        _warn(f"metadata.csv: {len(unused)} id(s) match no article: {', '.join(unused[:5])}")
    if not seen and not folder and failures:  # one file given: its own error says what is wrong
        raise CorpusError(failures[0].message, file=failures[0].file, line=failures[0].line)
    if not seen:
        first = f"; first: {failures[0]}" if failures else ""
        raise CorpusError(f"no article could be read ({len(files)} file(s) failed){first}", file=shown(root))


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
                 f"{t['excluded_spans']} excluded spans, "
                 + (f"dates {t['first_date']} to {t['last_date']}" if t["first_date"] else "no dates"),
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

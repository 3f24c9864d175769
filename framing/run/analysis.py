"""``framing.analyze``: a corpus in, tidy tables out (articles, quotes, speakers, parties, mentions, errors).

>>> from framing import analyze
>>> a = analyze("corpus/sample")                                    # doctest: +SKIP
>>> a.parties_by("outlet")[["outlet", "party", "share_of_voice"]]   # doctest: +SKIP
"""

from __future__ import annotations

import operator
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..exceptions import ErrorRecord, FramingError
from ..measure.tables import ARTICLE_COLUMNS, ERROR_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS
from .io import arrow_schema, csv_safe, write_csv_columns
from .pipeline import ArticleResult, Settings, settings_for


def show_progress() -> bool:
    """Progress bars on an interactive terminal only: quiet in CI, pipes and papermill runs."""
    if os.environ.get("FRAMING_NO_PROGRESS") or os.environ.get("CI"):
        return False
    if "PAPERMILL_EXECUTION" in os.environ or "ipykernel" in sys.modules:
        return False
    return sys.stderr.isatty()


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in columns:
        if c not in df.columns:
            df[c] = pd.Series(dtype="object")
    extra = [c for c in df.columns if c not in columns]
    return df[columns + extra]


@dataclass
class Analysis:
    """The result of :func:`analyze`: tidy tables as DataFrames, plus the settings that made them."""

    articles: pd.DataFrame
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    errors: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    corpus: str | None = None

    @property
    def speakers(self) -> pd.DataFrame:
        from ..measure.metrics import speaker_table

        return speaker_table(self.quotes)

    @property
    def parties(self) -> pd.DataFrame:
        from ..measure.metrics import party_table

        return party_table(self.quotes, mentions=self.mentions)

    def parties_by(self, by) -> pd.DataFrame:
        """``party_table`` within groups: ``a.parties_by("outlet")``."""
        from ..measure.metrics import party_table

        return party_table(self._with(by), by=by, mentions=self.mentions_with(by))

    def _with(self, by) -> pd.DataFrame:
        """Quotes with article-level columns (metadata) joined for grouping."""
        return self._join_articles(self.quotes, by)

    def mentions_with(self, by) -> pd.DataFrame:
        """Party mentions with article-level columns joined for grouping."""
        return self._join_articles(self.mentions, by)

    def _join_articles(self, table: pd.DataFrame, by) -> pd.DataFrame:
        cols = [by] if isinstance(by, str) else list(by or [])
        missing = [c for c in cols if c not in table.columns and c in self.articles.columns]
        if not missing:
            return table
        return table.join(self.articles.set_index("article_id")[missing], on="article_id")

    @property
    def failed(self) -> bool:
        return len(self.errors) > 0

    def tables(self, by=None) -> dict[str, pd.DataFrame]:
        """All output tables by name (``parties_by_<group>`` for each grouping in ``by``)."""
        out = {"articles": self.articles, "quotes": self.quotes, "speakers": self.speakers,
               "parties": self.parties, "mentions": self.mentions, "errors": self.errors}
        for g in [by] if isinstance(by, str) else list(by or []):
            out[f"parties_by_{g}"] = self.parties_by(g)
        return out

    @classmethod
    def load(cls, folder) -> "Analysis":
        """Read an analysis saved by :meth:`save` (or ``framing analyze --out``) back from Parquet."""
        folder = Path(folder)
        missing = [n for n in ("articles", "quotes", "mentions", "errors") if not (folder / f"{n}.parquet").exists()]
        if missing:
            raise FramingError(f"not a saved analysis: missing {', '.join(m + '.parquet' for m in missing)}",
                               file=str(folder), stage="analyze")
        tables = {n: pd.read_parquet(folder / f"{n}.parquet") for n in ("articles", "quotes", "mentions", "errors")}
        return cls(**tables, corpus=str(folder))

    def save(self, out_dir, by=None) -> list[Path]:
        """Write every table as Parquet and CSV into ``out_dir`` (atomically: temp name, then rename)."""
        from .io import write_table

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables(by).items():
            written += write_table(df, out, name)
        return written


def _results(articles: Iterable, settings: Settings, jobs: int, cache=None, progress=False,
             total=None) -> Iterator[ArticleResult]:
    """Per-article results in corpus order, from the cache or computed (in a pool when jobs > 1)."""
    from .parallel import map_articles

    yield from map_articles(articles, settings, jobs=jobs, cache=cache, progress=progress, total=total)


def _collect(results, rows_a: list, rows_q: list, rows_m: list, errors: list, strict: bool) -> None:
    """Append per-article results to the table rows; an article's errors go to ``errors`` (or raise)."""
    for r in results:
        rows_a.append(r.article)
        rows_q.extend(r.quotes)
        rows_m.extend(r.mentions)
        for e in r.errors:
            if strict:
                raise FramingError(e["message"], file=e["file"], stage=e["stage"])
            errors.append(ErrorRecord(**e))


def analyze(corpus, actors=None, *, jobs: int = 1, verbs=None, sentiment_lexicon=None, cache_dir=None,
            strict: bool = False, progress: bool | None = None, engine: str = "local",
            scheduler: str | None = None) -> Analysis:
    """Analyse a corpus folder, a single file, or an iterable of :class:`~framing.read.corpus.Article`.

    ``actors`` is an ``actors.yaml`` path or :class:`~framing.label.parties.Actors` (default: the corpus
    folder's ``actors.yaml``); ``jobs`` worker processes (results are identical whatever ``jobs``);
    ``cache_dir`` enables the incremental cache; ``strict`` stops at the first bad file.
    """
    from ..read.corpus import iter_articles

    errors: list[ErrorRecord] = []
    path = None
    if isinstance(corpus, (str, Path)):
        path = str(corpus)
        settings = settings_for(path, actors, verbs, sentiment_lexicon)
        articles = iter_articles(path, errors, strict=strict)
    else:
        settings = settings_for(None, actors, verbs, sentiment_lexicon)
        articles = iter(corpus)
    if progress is None:
        progress = show_progress()
    rows_a, rows_q, rows_m = [], [], []
    if engine == "dask":
        from .distributed import dask_results

        results = dask_results(articles, settings, scheduler=scheduler)
    else:
        results = _results(articles, settings, jobs, cache=cache_dir, progress=progress)
    _collect(results, rows_a, rows_q, rows_m, errors, strict)
    return Analysis(
        articles=_frame(rows_a, ARTICLE_COLUMNS), quotes=_frame(rows_q, QUOTE_COLUMNS),
        mentions=_frame(rows_m, MENTION_COLUMNS), errors=_frame([e.to_dict() for e in errors], ERROR_COLUMNS),
        settings=settings, corpus=path,
    )


# ---------------------------------------------------------------------------------------------------
# streaming to a folder (the CLI): flat memory, batched writes, atomic renames
# ---------------------------------------------------------------------------------------------------

class _TableWriter:
    """Append batches of rows to ``name.parquet`` and ``name.csv`` under temporary names."""

    def __init__(self, out: Path, name: str, columns: list[str]):
        import pyarrow.parquet as pq

        self.out, self.name, self.columns = out, name, columns
        self.schema = arrow_schema(name)
        self.tmp_pq = out / f".{name}.parquet.partial"
        self.tmp_csv = out / f".{name}.csv.partial"
        self.writer = pq.ParquetWriter(self.tmp_pq, self.schema)
        self.csv = open(self.tmp_csv, "w", encoding="utf-8", newline="")
        self.header = True
        self.rows = 0

    def write(self, cols: dict[str, list]) -> None:
        """Append rows given as columns (see :func:`_columns`)."""
        import pyarrow as pa

        table = pa.table(cols, schema=self.schema)
        self.writer.write_table(table)
        if not write_csv_columns(self.csv, cols, self.columns, self.header):
            csv_safe(pd.DataFrame(cols, columns=self.columns)).to_csv(self.csv, index=False, header=self.header)
        self.header = False
        self.rows += len(table)

    def close(self, ok: bool) -> None:
        self.writer.close()
        self.csv.close()
        if ok:
            if self.header:  # no rows at all: still write the header
                pd.DataFrame(columns=self.columns).to_csv(self.tmp_csv, index=False)
            os.replace(self.tmp_pq, self.out / f"{self.name}.parquet")
            os.replace(self.tmp_csv, self.out / f"{self.name}.csv")
        else:
            for p in (self.tmp_pq, self.tmp_csv):
                p.unlink(missing_ok=True)


def _columns(rows: list[dict], columns: list[str]) -> dict[str, list]:
    """Rows (dicts) as one list per column (None where a row lacks a column).

    Row by row: one ``itemgetter`` call per row, then a transpose of the tuples. Reading each dict once
    rather than once per column halves the time (the rows lie scattered in memory).

    >>> _columns([{"a": 1, "b": 2}, {"a": 3}], ["a", "b"])
    {'a': [1, 3], 'b': [2, None]}
    """
    if rows and len(columns) > 1:
        get = operator.itemgetter(*columns)
        try:
            return dict(zip(columns, map(list, zip(*map(get, rows)))))
        except KeyError:  # a row without some column: fall through to the slow path
            pass
    return {c: [r.get(c) for r in rows] for c in columns}


def _read_light(path: Path, columns: list[str]) -> pd.DataFrame:
    """Some columns of a table written by :class:`_TableWriter`, as :meth:`Analysis.load` reads them."""
    return pd.read_parquet(path, columns=columns)


@dataclass
class RunSummary:
    """What ``framing analyze`` prints: counts, the party table, and failed files."""

    out: Path
    articles: int
    quotes: int
    parties: pd.DataFrame
    errors: list
    cache_hits: int = 0
    records: list = field(default_factory=list)  # the ErrorRecords behind ``errors`` (tracebacks for --debug)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def to_text(self) -> str:
        cols = ["party", "quotes", "share_of_voice", "named_rate", "distancing_rate", "mean_sentiment"]
        view = self.parties[[c for c in cols if c in self.parties.columns]]
        lines = [f"{self.articles} articles, {self.quotes} attributions -> {self.out}/",
                 view.to_string(index=False, float_format=lambda x: f"{x:.2f}") if len(view) else "(no quotes)"]
        if self.cache_hits:
            lines.append(f"{self.cache_hits} articles reused from the cache")
        if self.errors:
            lines.append(f"{len(self.errors)} problem(s):")
            lines += [f"  {ErrorRecord(**e) if isinstance(e, dict) else e}" for e in self.errors]
        return "\n".join(lines)


def analyze_to_dir(corpus, out, *, actors=None, by=("outlet",), jobs: int = 0, cache_dir=None,
                   strict: bool = False, engine: str = "local", scheduler=None, verbs=None,
                   sentiment_lexicon=None, batch: int = 500, progress: bool | None = None) -> RunSummary:
    """Analyse a corpus and write every table to ``out`` in batches (memory stays flat as it grows).

    Writes ``articles``, ``quotes``, ``mentions``, ``speakers``, ``parties``, ``parties_by_<col>`` and
    ``errors`` as Parquet and CSV. Nothing is half-written and runs never mix: every table is built in a
    hidden staging folder inside ``out`` and all are moved into place at the end. ``out`` is locked for
    the run (a second run on it stops: "output folder is busy") and marked as output (see
    :mod:`framing.run.outdir`); it may not be the corpus folder or hold it.
    """
    from .outdir import claim_output, new_stage, remove_stage

    from ..exceptions import CorpusError

    groups = [by] if isinstance(by, str) else list(by or [])
    for g in groups:
        check_group_name(g)
    if "://" not in str(corpus) and not os.path.lexists(corpus):  # before --out is touched
        raise CorpusError("corpus path does not exist", file=str(corpus))
    settings = settings_for(str(corpus), actors, verbs, sentiment_lexicon)
    with claim_output(out, corpus=corpus, what="framing analyze") as out:
        errors: list[ErrorRecord] = []
        stamp = None
        if cache_dir is not None and "://" not in str(corpus):  # unchanged corpus and outputs: nothing to redo
            from .parallel import corpus_stamp

            stamp = corpus_stamp(corpus, settings, by=groups, strict=strict)
            done = _unchanged_run(out, stamp)
            if done is not None:
                return done
        stage = new_stage(out)
        try:
            summary = _analyze_into(stage, corpus, settings, errors, actors=actors, by=by, jobs=jobs,
                                    cache_dir=cache_dir, strict=strict, engine=engine, scheduler=scheduler,
                                    verbs=verbs, sentiment_lexicon=sentiment_lexicon, batch=batch,
                                    progress=progress)
            for p in sorted(stage.iterdir()):
                if not p.name.startswith("."):  # the tables; not the staging folder's own marker
                    os.replace(p, out / p.name)
        finally:
            remove_stage(stage)
        summary.out = out
        if stamp is not None:
            _record_run(out, stamp, summary)
        return summary


def check_group_name(name: str) -> str:
    """Refuse a ``--by`` value that would make ``parties_by_<name>`` a path rather than a file name.

    >>> check_group_name("outlet")
    'outlet'
    >>> check_group_name("../../x")
    Traceback (most recent call last):
    ...
    framing.exceptions.FramingError: --by '../../x': a column name cannot contain '/', '\\' or NUL, or start with '.'
    """
    if not name or any(ch in str(name) for ch in "/\\\0") or str(name).startswith("."):
        raise FramingError(f"--by {name!r}: a column name cannot contain '/', '\\' or NUL, or start with '.'",
                           stage="analyze")
    return name


def _analyze_into(out, corpus, settings, errors, *, actors, by, jobs, cache_dir, strict, engine, scheduler,
                  verbs, sentiment_lexicon, batch, progress) -> RunSummary:
    """The tables of :func:`analyze_to_dir`, written into ``out`` (its staging folder)."""
    from itertools import islice

    from ..measure.summary import QuoteSummary
    from ..read.corpus import iter_articles
    from .io import write_table

    stats: dict = {}
    if progress is None:
        progress = show_progress()
    if engine == "dask" and "://" in str(corpus):  # a URL the workers read (s3://, gs://, file://...)
        from .distributed import dask_corpus

        results = dask_corpus(str(corpus), settings_for(None, actors, verbs, sentiment_lexicon),
                              scheduler=scheduler, errors=errors, progress=progress)
        settings = results.settings
    elif engine == "dask":
        from .distributed import dask_results

        results = dask_results(iter_articles(corpus, errors, strict=strict), settings, scheduler=scheduler,
                               cache=cache_dir, progress=progress)
    else:
        articles = iter_articles(corpus, errors, strict=strict)
        from .parallel import map_articles

        results = map_articles(articles, settings, jobs=jobs, cache=cache_dir, progress=progress, stats=stats)
    wq = _TableWriter(out, "quotes", QUOTE_COLUMNS)
    wm = _TableWriter(out, "mentions", MENTION_COLUMNS)
    rows_a = []
    summary = QuoteSummary()  # what the summary tables need, reduced batch by batch
    ok = False
    n_quotes = 0
    try:
        results = iter(results)
        while chunk := list(islice(results, batch)):
            q, m = [], []
            start = len(rows_a)
            _collect(chunk, rows_a, q, m, errors, strict)
            n_quotes += len({(x["article_id"], x["attribution_id"]) for x in q})
            qc, mc = _columns(q, QUOTE_COLUMNS), _columns(m, MENTION_COLUMNS)
            summary.add(rows_a[start:], qc, mc)
            if q:
                wq.write(qc)
            if m:
                wm.write(mc)
        ok = True
    finally:
        wq.close(ok)
        wm.close(ok)
    articles_df = _frame(rows_a, ARTICLE_COLUMNS)
    write_table(articles_df, out, "articles")
    summary.articles = articles_df
    parties = _write_summary_tables(out, summary, articles_df, by, errors)
    err_rows = [e.to_dict() for e in errors]
    write_table(_frame(err_rows, ERROR_COLUMNS), out, "errors")
    return RunSummary(out, len(rows_a), n_quotes, parties, err_rows, cache_hits=stats.get("hits", 0),
                      records=list(errors))


# what the metrics need from quotes.parquet when the summary tables are computed from the full table
_LIGHT = [c for c in QUOTE_COLUMNS if c not in ("content", "speaker_mention", "speaker_descriptor", "cue_start",
                                                "cue_end", "speaker_start", "speaker_end")]


def _write_summary_tables(out: Path, summary, articles_df: pd.DataFrame, by, errors: list) -> pd.DataFrame:
    """Write ``speakers``, ``parties`` and ``parties_by_<col>``; return ``parties``.

    Normally from the streamed :class:`~framing.measure.summary.QuoteSummary`, without reading the quotes back.
    The light columns of the whole quote and mention tables are read back only when the summary is not
    exact (:attr:`~framing.measure.summary.QuoteSummary.why`), or for a ``--by`` column of the quotes (``kind``).
    """
    from ..measure import metrics
    from ..measure.summary import ROW_LEVEL
    from .io import write_table

    full: list = []

    def tables():  # the light columns of the whole quote and mention tables
        if not full:
            full.append(_read_light(out / "quotes.parquet", _LIGHT))
            full.append(_read_light(out / "mentions.parquet", ["article_id", "outlet", "date", "party",
                                                                 "tone"]))
        return full

    if summary.exact and not summary.n_attributions:  # nothing quoted: the full tables are empty anyway
        summary.exact, summary.why = False, "no attributions"
    if summary.exact:
        write_table(metrics.speaker_table(summary), out, "speakers")
        parties = metrics.party_table(summary)
    else:
        quotes, mentions = tables()
        write_table(metrics.speaker_table(quotes), out, "speakers")
        parties = metrics.party_table(quotes, mentions=mentions)
    write_table(parties, out, "parties")
    for g in [by] if isinstance(by, str) else list(by or []):
        article_level = g in ROW_LEVEL or (g not in _LIGHT and g in articles_df.columns)
        if summary.exact and article_level:
            table = metrics.party_table(summary, by=g)
        elif g not in _LIGHT and g in articles_df.columns:
            quotes, mentions = tables()
            qg = quotes.join(articles_df.set_index("article_id")[[g]], on="article_id")
            mg = mentions.join(articles_df.set_index("article_id")[[g]], on="article_id")
            table = metrics.party_table(qg, by=g, mentions=mg)
        elif g in _LIGHT:
            quotes, mentions = tables()
            table = metrics.party_table(quotes, by=g, mentions=mentions)
        else:
            errors.append(ErrorRecord(None, "analyze", f"--by {g}: no such article column"))
            continue
        write_table(table, out, f"parties_by_{g}")
    return parties


_RUN_FILE = ".framing-run.json"


def _outputs(out: Path) -> dict[str, list[int]]:
    return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in sorted(out.iterdir())
            if p.suffix in (".parquet", ".csv") and not p.name.startswith(".")}


def _record_run(out: Path, stamp: str, summary: RunSummary) -> None:
    """Remember what made the outputs (corpus stamp) and the outputs themselves (size, mtime)."""
    import json

    from .io import atomic_write_text

    try:
        atomic_write_text(out / _RUN_FILE, json.dumps({
            "stamp": stamp, "articles": summary.articles, "quotes": summary.quotes, "errors": summary.errors,
            "outputs": _outputs(out)}, default=str))
    except OSError:  # a full disk: the tables are written; the next run just cannot skip its work
        (out / _RUN_FILE).unlink(missing_ok=True)


def _unchanged_run(out: Path, stamp: str) -> RunSummary | None:
    """The previous run's summary when its corpus stamp matches and its outputs are untouched."""
    import json

    try:
        rec = json.loads((out / _RUN_FILE).read_text(encoding="utf-8"))
        if rec.get("stamp") != stamp or rec.get("outputs") != _outputs(out):
            return None
        parties = pd.read_parquet(out / "parties.parquet")
        return RunSummary(out, int(rec["articles"]), int(rec["quotes"]), parties, list(rec["errors"]),
                          cache_hits=int(rec["articles"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # a damaged record: just redo the run
        return None

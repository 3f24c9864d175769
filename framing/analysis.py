"""``framing.analyze``: a corpus in, tidy tables out (articles, quotes, speakers, parties, mentions, errors).

>>> from framing import analyze
>>> a = analyze("corpus/sample")                                    # doctest: +SKIP
>>> a.parties_by("outlet")[["outlet", "party", "share_of_voice"]]   # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .exceptions import ErrorRecord, FramingError
from .pipeline import ArticleResult, Settings, analyze_article, settings_for

QUOTE_COLUMNS = [
    "article_id", "outlet", "date", "attribution_id", "fragment", "kind", "content", "start", "end", "cue",
    "cue_start", "cue_end", "cue_lemma", "cue_category", "speaker", "speaker_mention", "speaker_start",
    "speaker_end", "speaker_type", "named", "party", "sentiment", "words", "speaker_descriptor",
]
MENTION_COLUMNS = ["article_id", "outlet", "date", "party", "start", "end", "sentence", "tone"]
ERROR_COLUMNS = ["file", "stage", "message", "line"]
ARTICLE_COLUMNS = ["article_id", "title", "outlet", "date", "url", "author", "words", "excluded_spans", "quotes"]


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
        from .metrics import speaker_table

        return speaker_table(self.quotes)

    @property
    def parties(self) -> pd.DataFrame:
        from .metrics import party_table

        return party_table(self.quotes, mentions=self.mentions)

    def parties_by(self, by) -> pd.DataFrame:
        """``party_table`` within groups: ``a.parties_by("outlet")``."""
        from .metrics import party_table

        return party_table(self._with(by), by=by, mentions=self.mentions_with(by))

    def _with(self, by) -> pd.DataFrame:
        """Quotes with article-level columns (metadata) joined for grouping."""
        cols = [by] if isinstance(by, str) else list(by or [])
        missing = [c for c in cols if c not in self.quotes.columns and c in self.articles.columns]
        if not missing:
            return self.quotes
        return self.quotes.join(self.articles.set_index("article_id")[missing], on="article_id")

    def mentions_with(self, by) -> pd.DataFrame:
        cols = [by] if isinstance(by, str) else list(by or [])
        missing = [c for c in cols if c not in self.mentions.columns and c in self.articles.columns]
        if not missing:
            return self.mentions
        return self.mentions.join(self.articles.set_index("article_id")[missing], on="article_id")

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


def analyze(corpus, actors=None, *, jobs: int = 1, verbs=None, sentiment_lexicon=None, cache_dir=None,
            strict: bool = False, progress: bool | None = None, engine: str = "local",
            scheduler: str | None = None) -> Analysis:
    """Analyse a corpus folder, a single file, or an iterable of :class:`~framing.corpus.Article`.

    ``actors`` is an ``actors.yaml`` path or :class:`~framing.parties.Actors` (default: the corpus
    folder's ``actors.yaml``); ``jobs`` worker processes (results are identical whatever ``jobs``);
    ``cache_dir`` enables the incremental cache; ``strict`` stops at the first bad file.
    """
    from .corpus import iter_articles

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
    seen = set()
    if engine == "dask":
        from .distributed import dask_results

        results = dask_results(articles, settings, scheduler=scheduler)
    else:
        results = _results(articles, settings, jobs, cache=cache_dir, progress=progress)
    for r in results:
        rows_a.append(r.article)
        rows_q.extend(r.quotes)
        rows_m.extend(r.mentions)
        for e in r.errors:
            if strict:
                raise FramingError(e["message"], file=e["file"], stage=e["stage"])
            errors.append(ErrorRecord(**e))
        seen.add(r.article["article_id"])
    return Analysis(
        articles=_frame(rows_a, ARTICLE_COLUMNS), quotes=_frame(rows_q, QUOTE_COLUMNS),
        mentions=_frame(rows_m, MENTION_COLUMNS), errors=_frame([e.to_dict() for e in errors], ERROR_COLUMNS),
        settings=settings, corpus=path,
    )

"""Run :func:`framing.pipeline.analyze_article` over many articles: cache, process pool, progress bar.

Results come back in corpus order whatever the number of processes, so output is identical for any
``jobs``. The cache (SQLite, one row per article) is keyed by the article's content and metadata and by
:meth:`Settings.fingerprint` (lexicons, actors, package version): a rerun only analyses new or changed
articles.

>>> from framing.corpus import Article
>>> from framing.pipeline import Settings
>>> [r.article["article_id"] for r in map_articles([Article(id="a", text="Hi.")], Settings())]
['a']
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from .pipeline import ArticleResult, Settings, analyze_article

_SETTINGS: Settings | None = None


def _init(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings


def _work(article) -> ArticleResult:
    return analyze_article(article, _SETTINGS)


def article_key(article, fingerprint: str) -> str:
    """Cache key: a hash of the article (body, metadata, excluded spans) and the settings fingerprint."""
    payload = json.dumps(article.to_dict(), sort_keys=True, default=str)
    return hashlib.sha1((fingerprint + "\0" + payload).encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache:
    """A SQLite store of ArticleResults by key; safe to interrupt (each batch is one transaction)."""

    def __init__(self, folder):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "results.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.hits = self.misses = 0

    def get_many(self, keys: list[str]) -> dict[str, ArticleResult]:
        out = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            q = "SELECT key, value FROM results WHERE key IN (%s)" % ",".join("?" * len(chunk))
            for k, v in self.db.execute(q, chunk):
                out[k] = ArticleResult(**json.loads(v))
        return out

    def put_many(self, items: list[tuple[str, ArticleResult]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                [(k, json.dumps(r.__dict__, default=str)) for k, r in items if not r.errors])

    def close(self):
        self.db.close()


def _batches(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


def map_articles(articles: Iterable, settings: Settings, *, jobs: int = 1, cache=None, progress: bool = False,
                 total: int | None = None, batch: int = 256) -> Iterator[ArticleResult]:
    """Analyse articles lazily, in order; ``jobs`` processes (0 or None = all cores)."""
    jobs = jobs or os.cpu_count() or 1
    store = ResultCache(cache) if cache else None
    fp = settings.fingerprint() if store else ""
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="article", desc="analysing", leave=False)
    pool = None
    try:
        if jobs > 1:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
            pool = ctx.Pool(jobs, initializer=_init, initargs=(settings,))
        else:
            _init(settings)
        for chunk in _batches(articles, batch):
            keys = [article_key(a, fp) for a in chunk] if store else []
            known = store.get_many(keys) if store else {}
            todo = [a for a, k in zip(chunk, keys or [None] * len(chunk)) if k not in known]
            if pool is not None and len(todo) > 1:
                done = pool.map(_work, todo, chunksize=max(1, len(todo) // (jobs * 4)))
            else:
                done = [_work(a) for a in todo]
            if store:
                store.hits += len(chunk) - len(todo)
                store.misses += len(todo)
                todo_keys = [k for k in keys if k not in known]
                store.put_many(list(zip(todo_keys, done)))
            it = iter(done)
            for a, k in zip(chunk, keys or [None] * len(chunk)):
                yield known[k] if k in known else next(it)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if bar is not None:
            bar.close()
        if store:
            store.close()

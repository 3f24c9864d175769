"""Run :func:`framing.run.pipeline.analyze_article` over many articles: cache, process pool, progress bar.

Results come back in corpus order whatever the number of processes, so output is identical for any
``jobs``. The cache (SQLite, one row per article) is keyed by the article's content and metadata and by
:meth:`Settings.fingerprint` (lexicons, actors, package version): a rerun only analyses new or changed
articles. Work goes out in batches with a few batches in flight, so the pool keeps computing while the
caller reads the next articles and writes results, and memory stays bounded.

>>> from framing.read.corpus import Article
>>> from framing.run.pipeline import Settings
>>> [r.article["article_id"] for r in map_articles([Article(id="a", text="Hi.")], Settings())]
['a']
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from ..exceptions import FramingWarning
from ..read.files import walk_corpus
from .pipeline import ArticleResult, Settings, analyze_article

_SETTINGS: Settings | None = None


#: the garbage collector's first threshold during a run (Python's default is 700)
RUN_GC_THRESHOLD = 50_000


_RUNS = [0, None]  # runs under way, and the thresholds before the first of them


@contextmanager
def fewer_collections(threshold: int = RUN_GC_THRESHOLD) -> Iterator[None]:
    """Raise the cyclic garbage collector's first threshold while a run is under way, then restore it.

    An analysis allocates millions of short-lived dicts, lists and tuples that reference counting frees
    (they make no cycles); with the default threshold the collector walks the young objects every 700
    allocations, and the whole heap (the corpus's results included) now and then: 4-5% of the CPU time
    of ``framing analyze``. Outputs do not depend on when it runs. Runs may overlap (two generators of
    :func:`map_articles` read in turn): the thresholds are restored when the last one ends.

    >>> import gc
    >>> before = gc.get_threshold()
    >>> with fewer_collections(): gc.get_threshold()[0] >= 50_000
    True
    >>> gc.get_threshold() == before
    True
    """
    if not _RUNS[0]:
        _RUNS[1] = gc.get_threshold()
        gc.set_threshold(max(threshold, _RUNS[1][0]), *_RUNS[1][1:])
    _RUNS[0] += 1
    try:
        yield
    finally:
        _RUNS[0] -= 1
        if not _RUNS[0]:
            gc.set_threshold(*_RUNS[1])


def _init(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    first, *rest = gc.get_threshold()  # a worker process is one run: fewer collections for its life
    gc.set_threshold(max(RUN_GC_THRESHOLD, first), *rest)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no worker tracebacks


def _work(article) -> ArticleResult:
    return analyze_article(article, _SETTINGS)


def _work_batch(articles: list) -> list[ArticleResult]:
    return [analyze_article(a, _SETTINGS) for a in articles]


def article_key(article, fingerprint: str) -> str:
    """Cache key: a hash of the article (body, metadata, excluded spans) and the settings fingerprint.

    >>> from framing.read.corpus import Article
    >>> article_key(Article(id="a", text="x"), "fp") == article_key(Article(id="a", text="x"), "fp")
    True
    >>> article_key(Article(id="a", text="x"), "fp") == article_key(Article(id="a", text="y"), "fp")
    False
    """
    payload = json.dumps(article.to_dict(), sort_keys=True, default=str)
    return hashlib.sha1((fingerprint + "\0" + payload).encode("utf-8", "surrogatepass")).hexdigest()


#: what a broken cache can raise: a garbage or truncated file, a bad row, a full disk, a read-only folder
CACHE_FAULTS = (sqlite3.Error, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError)


class ResultCache:
    """A SQLite store of ArticleResults by key; safe to interrupt (each batch is one transaction).

    Results with errors are never stored, so a failed article is retried on the next run. Any fault of
    the cache (unreadable file, bad row, full disk) gives one :class:`FramingWarning` and turns the cache
    off for the rest of the run (:attr:`failed`): everything is then computed, nothing is lost.

    >>> import tempfile
    >>> c = ResultCache(tempfile.mkdtemp()); c.put_many([("k", ArticleResult({"article_id": "a"}))])
    >>> c.get_many(["k", "other"])["k"].article, len(c); c.close()
    ({'article_id': 'a'}, 1)
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.path = self.folder / "results.sqlite"
        self.db = None
        self.failed: str | None = None
        self.hits = self.misses = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except CACHE_FAULTS as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        """Turn the cache off for this run, with one warning saying what to do."""
        if self.failed is None:
            self.failed = f"{type(exc).__name__}: {exc}"
            warnings.warn(FramingWarning(
                f"{self.folder}: cache unreadable ({exc}), recomputing; remove {self.folder} or use --no-cache"),
                stacklevel=3)
        self.close()

    def get_many(self, keys: list[str]) -> dict[str, ArticleResult]:
        """The stored results of ``keys`` (those found); {} once the cache has failed."""
        if self.db is None:
            return {}
        out = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                q = f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})"
                for k, v in self.db.execute(q, chunk):
                    out[k] = _loads_result(v)
        except CACHE_FAULTS as exc:
            self._fail(exc)
            return {}
        return out

    def put_many(self, items: list[tuple[str, ArticleResult]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                    [(k, _dumps(r.__dict__)) for k, r in items if not r.errors])
        except CACHE_FAULTS as exc:
            self._fail(exc)

    def __len__(self) -> int:
        return 0 if self.db is None else self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self):
        db, self.db = self.db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass


def _loads_result(value) -> ArticleResult:
    """An ArticleResult from a stored row; ValueError when the row is not one (a damaged cache)."""
    d = json.loads(value)
    if not isinstance(d, dict) or not isinstance(d.get("article"), dict) or set(d) - {"article", "quotes",
                                                                                       "mentions", "errors"}:
        raise ValueError("a stored row is not an article result")
    for part in ("quotes", "mentions", "errors"):
        rows = d.get(part, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError(f"a stored row has a malformed {part!r} list")
    return ArticleResult(**d)


def _dumps(value) -> str:
    # compact, non-ASCII kept: curly quotes stay one character, which halves the decoding time
    return json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))


def corpus_stamp(path, settings: Settings, **extra) -> str:
    """A digest of everything a run's output depends on: each file under ``path`` (relative name, size,
    modification time; hidden folders skipped), the settings fingerprint and ``extra`` options.

    Computed from ``os.stat`` alone (no file is read), so checking an unchanged 100,000-article corpus
    takes well under a second. Any edited, added, removed or touched file changes it.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.md").write_text("Hi.")
    >>> s = Settings(); corpus_stamp(d, s) == corpus_stamp(d, s) != corpus_stamp(d, s, by=["date"])
    True
    """
    payload = json.dumps([settings.fingerprint(), extra, file_entries(path)], sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _stat(path: Path) -> list | None:
    """[size, mtime_ns] of a file; a broken link's own stamp; None for a file that has vanished."""
    try:
        st = path.stat()
    except OSError:
        try:
            st = path.lstat()
        except OSError:
            return None
        return ["link", st.st_mtime_ns, os.readlink(path) if path.is_symlink() else None]
    return [st.st_size, st.st_mtime_ns]


def file_entries(path) -> list[list]:
    """[relative name, size, mtime_ns] of every file a corpus walk may read under ``path``, sorted.

    The reader's own walk (:func:`~framing.read.files.walk_corpus`), so hidden folders and output folders
    are left out as the reader leaves them out; hidden files too. A broken link is stamped by the link
    itself and a file that vanishes while it is listed is left out, so neither stops a run.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.md").write_text("Hi.")
    >>> (d / "gone.md").symlink_to(d / "nowhere.md"); [e[0] for e in file_entries(d)]
    ['a.md', 'gone.md']
    """
    root = Path(path)
    if not root.is_dir():
        st = _stat(root)
        return [] if st is None else [[root.name, *st]]
    entries = []
    for here, _, filenames in walk_corpus(root):
        for name in (f for f in filenames if not f.startswith(".")):
            p = here / name
            st = _stat(p)
            if st is not None:
                entries.append([p.relative_to(root).as_posix(), *st])
    return entries


def _batches(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


class _Done:
    """An already computed batch, with the same ``result()`` face as a pending one."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def ordered_map(articles: Iterable, settings: Settings, submit: Callable[[list], object], *, cache=None,
                batch: int = 256, in_flight: int = 2, progress: bool = False,
                total: int | None = None, stats: dict | None = None) -> Iterator[ArticleResult]:
    """Results in input order, computing cache misses batch by batch through ``submit``.

    ``submit(articles)`` starts the work for a list of articles and returns a handle whose ``result()``
    gives their ArticleResults in order (a pool's AsyncResult wrapper, a Dask future, :class:`_Done`).
    At most ``in_flight`` batches are pending at once, so memory stays bounded whatever the corpus size.
    A batch is written to the cache before it is yielded: stopping the iteration at any point leaves a
    cache holding complete batches only. Used by :func:`map_articles` and
    :func:`framing.run.distributed.dask_results`.
    """
    store = ResultCache(cache) if cache else None
    fp = settings.fingerprint() if store is not None else ""
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="article", desc="analysing", leave=False)
    pending: deque = deque()

    def drain_one():
        chunk, keys, known, handle = pending.popleft()
        done = handle.result() if handle is not None else []
        if store is not None:
            store.put_many([(k, r) for k, r in zip([k for k in keys if k not in known], done)])
        it = iter(done)
        out = [known[k] if k in known else next(it) for k in keys] if store is not None else done
        if bar is not None:
            bar.update(len(chunk))
        return out

    try:
        for chunk in _batches(articles, batch):
            keys = [article_key(a, fp) for a in chunk] if store is not None else []
            known = store.get_many(keys) if store is not None else {}
            todo = [a for a, k in zip(chunk, keys) if k not in known] if store is not None else chunk
            if store is not None:
                store.hits += len(chunk) - len(todo)
                store.misses += len(todo)
            pending.append((chunk, keys, known, submit(todo) if todo else None))
            while len(pending) >= max(1, in_flight):
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        for *_, handle in pending:  # abandoned work (an interrupted run): stop it if we can
            cancel = getattr(handle, "cancel", None)
            if cancel is not None:
                cancel()
        if bar is not None:
            bar.close()
        if store is not None:
            store.close()
            if stats is not None:
                stats.update(hits=store.hits, misses=store.misses, cache_failed=store.failed)


class _PoolBatch:
    def __init__(self, async_result):
        self.async_result = async_result

    def result(self):
        return [r for part in self.async_result.get() for r in part]


def map_articles(articles: Iterable, settings: Settings, *, jobs: int = 1, cache=None, progress: bool = False,
                 total: int | None = None, batch: int = 256, stats: dict | None = None) -> Iterator[ArticleResult]:
    """Analyse articles lazily, in order; ``jobs`` processes (0 or None = all cores).

    ``cache`` is a folder for the incremental :class:`ResultCache` (None: no cache).
    """
    jobs = jobs or os.cpu_count() or 1
    pool = None
    ok = False
    try:
        if jobs > 1:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
            pool = ctx.Pool(jobs, initializer=_init, initargs=(settings,))

            def submit(todo):
                size = max(1, -(-len(todo) // (jobs * 4)))
                return _PoolBatch(pool.map_async(_work_batch, list(_batches(todo, size))))
            in_flight = 2
        else:
            def submit(todo):
                return _Done([analyze_article(a, settings) for a in todo])
            in_flight = 1
        with fewer_collections():  # while the caller writes the results too
            yield from ordered_map(articles, settings, submit, cache=cache, batch=batch, in_flight=in_flight,
                                   progress=progress, total=total, stats=stats)
        ok = True
    finally:
        if pool is not None:
            if ok:
                pool.close()
            else:  # interrupted: do not wait for batches nobody will read
                pool.terminate()
            pool.join()

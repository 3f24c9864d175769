"""The Dask engine: the same per-article work as the local engine, on a Dask distributed cluster.

Workers run exactly :func:`framing.run.pipeline.analyze_article`, batches come back in corpus order, so the
tables are identical to ``engine="local"``. What is shipped: the :class:`~framing.run.pipeline.Settings`
once per worker (scattered; lexicons are rebuilt there), then batches of articles (text and metadata) or,
with :func:`dask_corpus`, only file names: workers read the files themselves from any fsspec URL they
can reach. Only a few batches are in flight at once, so the client never holds the whole corpus.

>>> from framing.run.pipeline import settings_for                                 # doctest: +SKIP
>>> from framing.read.corpus import iter_articles                                  # doctest: +SKIP
>>> s = settings_for("corpus/sample")                                         # doctest: +SKIP
>>> rs = list(dask_results(iter_articles("corpus/sample"), s))                # doctest: +SKIP
>>> write_partitioned(dask_corpus("s3://bucket/corpus"), "s3://bucket/out")   # doctest: +SKIP
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path, PurePosixPath

from ..exceptions import CorpusError, ErrorRecord, ReadError
from .pipeline import ArticleResult, Settings, analyze_article

__all__ = ["dask_client", "dask_corpus", "dask_map", "dask_results", "write_partitioned"]


@contextmanager
def dask_client(scheduler=None, n_workers: int = 2):
    """A ``distributed.Client``: a new LocalCluster (processes, 1 thread each) when ``scheduler`` is
    None, ``Client(address)`` for a ``tcp://host:8786`` string, or a Client you pass (left open)."""
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler is None:
        import logging

        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
            yield c
    else:
        with Client(scheduler) as c:
            yield c


def _analyze_batch(articles: list, settings: Settings) -> list[ArticleResult]:
    # ``settings`` is the scattered object held by the worker: its lexicon caches survive across tasks
    return [analyze_article(a, settings) for a in articles]


def _in_flight(client) -> int:
    return max(2, 2 * sum(client.nthreads().values()))


def dask_results(articles: Iterable, settings: Settings, scheduler=None, batch: int = 64,
                 progress: bool = False, cache=None) -> Iterator[ArticleResult]:
    """Analyse ``articles`` on a Dask cluster; ArticleResults in corpus order, identical to the local engine.

    ``scheduler``: None (a 2-worker LocalCluster), an address, or a ``distributed.Client``. ``cache``: the
    same incremental cache folder as :func:`framing.run.parallel.map_articles` (hits are not shipped).
    """
    from .parallel import ordered_map

    with dask_client(scheduler) as client:
        remote_settings = client.scatter(settings, broadcast=True, hash=False)

        def submit(todo):
            return client.submit(_analyze_batch, todo, remote_settings, pure=False)

        yield from ordered_map(articles, settings, submit, cache=cache, batch=batch,
                               in_flight=_in_flight(client), progress=progress)


# ---------------------------------------------------------------------------------------------------
# corpora at an fsspec URL: listed and read by the workers
# ---------------------------------------------------------------------------------------------------

def _fs(url: str):
    import fsspec

    if "://" not in url and "::" not in url:
        url = os.path.abspath(url)  # a plain path: the workers share the client's working directory
    return fsspec.core.url_to_fs(url)


def _fetch(fs, remote: str, local: Path) -> None:
    local.parent.mkdir(parents=True, exist_ok=True)
    with fs.open(remote, "rb") as src, open(local, "wb") as dst:
        while block := src.read(1 << 20):
            dst.write(block)


def _relabel(rec: ErrorRecord, local_root: Path, shown: str) -> dict:
    d = rec.to_dict()
    if d["file"] and d["file"].startswith(str(local_root)):
        d["file"] = shown + d["file"][len(str(local_root)):]
    return d


def _scan_folder(fs, root: str, shown: str, out: dict) -> list[str]:
    """Fill ``out["files"]`` (corpus order) and ``out["skipped"]``; return the metadata.csv files."""
    from ..read.corpus import OUTPUT_MARKER, _skip_reason

    found, extras = [], []
    paths = [PurePosixPath(path[len(root) + 1:]) for path in fs.find(root)]
    output = {r.parent for r in paths if r.name == OUTPUT_MARKER and r.parent.parts}  # never read as input
    for rel in paths:
        if output and any(p in output for p in rel.parents):
            continue
        reason = _skip_reason(rel)
        if reason is None:
            found.append(rel)
        elif reason:
            out["skipped"].append(f"{shown}/{rel}: {reason}")
        if rel.name == "metadata.csv" and not any(p.startswith(".") for p in rel.parts):
            extras.append(str(rel))
    out["files"] = [str(r) for r in sorted(found)]
    out["skipped"].sort()
    return extras


def _scan_url(url: str) -> dict:
    """Runs on a worker: article files (relative, in corpus order), skipped files, metadata.csv rows,
    the actors.yaml (as Actors) and read errors."""
    from ..label.parties import load_actors
    from ..read.corpus import _load_metadata

    fs, root = _fs(url)
    root = root.rstrip("/")
    shown = url.rstrip("/")
    out = {"single": False, "files": [], "skipped": [], "metadata": {}, "actors": None, "errors": [],
           "exists": True}
    if fs.isfile(root):
        out.update(single=True, files=[PurePosixPath(root).name])
        folder = root.rsplit("/", 1)[0]
    elif not fs.isdir(root):
        out["exists"] = False
        return out
    else:
        folder = root
        extras = _scan_folder(fs, root, shown, out)
        with tempfile.TemporaryDirectory() as tmp:
            troot = Path(tmp) / (PurePosixPath(root).name or "corpus")
            troot.mkdir()
            for rel in extras:
                _fetch(fs, f"{root}/{rel}", troot / rel)
            errors: list = []
            out["metadata"] = _load_metadata(troot, errors.append)
            out["errors"] = [_relabel(e.to_record(), troot, shown) for e in errors]
    # like settings_for: the folder's actors.yaml, or the nearest one in the 3 folders above
    chain = [folder]
    while len(chain) < 4 and chain[-1].rstrip("/").count("/") > 0:
        chain.append(chain[-1].rstrip("/").rsplit("/", 1)[0] or "/")
    for f in chain:
        name = next((n for n in ("actors.yaml", "actors.yml") if fs.isfile(f"{f.rstrip('/')}/{n}")), None)
        if name:
            with tempfile.TemporaryDirectory() as tmp:
                _fetch(fs, f"{f.rstrip('/')}/{name}", Path(tmp) / name)
                out["actors"] = load_actors(Path(tmp) / name)
            out["actors"].source = f"{fs.unstrip_protocol(f.rstrip('/'))}/{name}"
            break
    return out


def _read_batch(url: str, rels: list[str], single: bool, metadata: dict, settings: Settings,
                boilerplate: bool) -> list:
    """Runs on a worker: read files from the URL, parse them with framing.read.corpus, analyse their articles.
    Returns, in order, ArticleResults and error dicts (read errors)."""
    from ..read.boilerplate import find_boilerplate
    from ..read.formats import _apply_fields, _read_file

    fs, root = _fs(url)
    root = root.rstrip("/")
    if single:
        root = root.rsplit("/", 1)[0]
    out: list = []
    with tempfile.TemporaryDirectory() as tmp:
        troot = Path(tmp) / (PurePosixPath(root).name or "corpus")
        for rel in rels:
            local = troot / rel
            source = url if single else f"{url.rstrip('/')}/{rel}"
            errors: list[ErrorRecord] = []
            try:
                _fetch(fs, f"{root}/{rel}", local)
                for art in _read_file(local, troot, lambda e, errs=errors: errs.append(e.to_record())):
                    out += [_relabel(e, local, source) for e in errors]
                    errors.clear()
                    art.path = source
                    art.meta["source"] = source
                    if art.id in metadata:
                        _apply_fields(art, metadata[art.id], source)
                    if boilerplate:
                        art.excluded = tuple(find_boilerplate(art.text))
                    out.append(analyze_article(art, settings))
            except ReadError as err:
                errors.append(err.to_record())
            except OSError as exc:
                errors.append(ErrorRecord(source, "read", f"cannot read file: {exc.strerror or exc}"))
            out += [_relabel(e, local, source) for e in errors]
            local.unlink(missing_ok=True)
    return out


class DaskCorpus:
    """The iterator :func:`dask_corpus` returns: ArticleResults in order, plus what the scan found."""

    def __init__(self, gen, info: dict):
        self._gen, self.info = gen, info

    @property
    def skipped(self) -> list[str]:
        return self.info["skipped"]

    @property
    def settings(self) -> Settings:
        return self.info["settings"]

    def __iter__(self):
        return self._gen

    def __next__(self):
        return next(self._gen)


def dask_corpus(url: str, settings: Settings | None = None, *, scheduler=None, errors: list | None = None,
                files_per_task: int = 16, boilerplate: bool = True, progress: bool = False) -> DaskCorpus:
    """Analyse the corpus folder (or file) at an fsspec URL on the cluster: the workers list and read it.

    Same reader rules as :func:`framing.read.corpus.iter_articles` (sorted files, ids relative to the folder,
    metadata.csv, duplicate ids refused, boilerplate), same results as the local engine. Settings without
    actors get the URL's ``actors.yaml`` (or the nearest one in the 3 folders above), as ``settings_for``
    does; ``--verbs``/``--sentiment-lexicon`` files in ``settings`` must be readable by the workers.
    Read errors go to ``errors`` as :class:`ErrorRecord`. Returns an iterator of ArticleResult
    (``.skipped``: files that are not articles; ``.settings``: the settings used). Iterate it to the
    end (or drop it) so that a LocalCluster it started is closed.
    """
    from distributed import Client

    own = scheduler is None or isinstance(scheduler, str)
    cm = dask_client(scheduler)
    client: Client = cm.__enter__()
    try:
        info = client.submit(_scan_url, url, pure=False).result()
    except BaseException:
        cm.__exit__(None, None, None)
        raise
    if not info["exists"] or not info["files"]:
        cm.__exit__(None, None, None)
        raise CorpusError("corpus path does not exist" if not info["exists"] else
                          "folder holds no articles (.txt, .md, .html, .jsonl or .csv files)", file=url)
    if settings is None or settings.actors is None:  # like settings_for: the corpus's actors.yaml
        settings = replace(settings or Settings(), actors=info["actors"])
    info["settings"] = settings
    errors = errors if errors is not None else []
    errors += [ErrorRecord(**e) for e in info["errors"]]

    def gen():
        try:
            remote_settings = client.scatter(settings, broadcast=True, hash=False)
            remote_meta = client.scatter([info["metadata"]], broadcast=True, hash=False)[0]
            files = iter(info["files"])
            groups = iter(lambda: list(islice(files, files_per_task)), [])
            pending: list = []
            seen: dict[str, str] = {}
            bar = None
            if progress:
                from tqdm.auto import tqdm

                bar = tqdm(total=len(info["files"]), unit="file", desc="analysing", leave=False)
            try:
                while True:
                    while len(pending) < _in_flight(client) and (g := next(groups, None)):
                        pending.append((len(g), client.submit(_read_batch, url, g, info["single"], remote_meta,
                                                              remote_settings, boilerplate, pure=False)))
                    if not pending:
                        break
                    n, fut = pending.pop(0)
                    for item in fut.result():
                        if isinstance(item, dict):
                            errors.append(ErrorRecord(**item))
                            continue
                        aid = item.article["article_id"]
                        src = item.article.get("source")
                        if aid in seen:
                            errors.append(ErrorRecord(src, "read", f"duplicate article id {aid!r} "
                                                                   f"(already read from {seen[aid]})"))
                            continue
                        seen[aid] = src
                        yield item
                    if bar is not None:
                        bar.update(n)
                if not seen:
                    raise CorpusError(f"no article could be read ({len(info['files'])} file(s) failed)", file=url)
            finally:
                for _, fut in pending:
                    fut.cancel()
                if bar is not None:
                    bar.close()
        finally:
            if own:
                cm.__exit__(None, None, None)

    return DaskCorpus(gen(), info)


# ---------------------------------------------------------------------------------------------------
# output and generic fan-out
# ---------------------------------------------------------------------------------------------------

def write_partitioned(results: Iterable[ArticleResult], out_dir: str, partition_on: str = "outlet", *,
                      errors: Iterable = (), batch: int = 2000, overwrite: bool = False) -> dict[str, int]:
    """Stream results into Hive-partitioned Parquet datasets ``out_dir/{articles,quotes,mentions}/``
    (``outlet=X/part-N.parquet``) and ``out_dir/errors.parquet``, at any fsspec URL. Returns row counts.

    ``partition_on`` must be a column of every table (``outlet`` or ``date``); ``articles`` keeps the
    standard columns with other metadata as a JSON ``meta`` column, so every part has the same schema.
    ``errors``: read errors to add to the errors table (the list given to :func:`dask_corpus`; it is
    read after ``results`` is exhausted). Read back with ``pandas.read_parquet(out_dir + "/quotes")``.
    """
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..measure.tables import ARTICLE_COLUMNS, ERROR_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS
    from .io import arrow_schema

    if partition_on not in set(ARTICLE_COLUMNS) & set(QUOTE_COLUMNS) & set(MENTION_COLUMNS):
        raise ValueError(f"partition_on={partition_on!r}: not a column of every table (use outlet or date)")
    fs, root = _fs(str(out_dir))
    root = root.rstrip("/")
    names = ("articles", "quotes", "mentions")
    for name in names:
        if fs.exists(f"{root}/{name}"):
            if not overwrite:
                raise FileExistsError(f"{out_dir}/{name} exists (pass overwrite=True to replace it)")
            fs.rm(f"{root}/{name}", recursive=True)
    fs.makedirs(root, exist_ok=True)
    s, i = pa.string(), pa.int64()
    schemas = {
        "articles": pa.schema([("article_id", s), ("title", s), ("outlet", s), ("date", s), ("url", s),
                               ("author", s), ("words", i), ("excluded_spans", i), ("quotes", i), ("meta", s)]),
        "quotes": arrow_schema("quotes"), "mentions": arrow_schema("mentions"),
    }
    counts = dict.fromkeys(names, 0)
    read_errors, errors = errors, []
    part = 0

    def article_row(a: dict) -> dict:
        extra = {k: v for k, v in a.items() if k not in ARTICLE_COLUMNS}
        return {**{c: a.get(c) for c in ARTICLE_COLUMNS}, "meta": json.dumps(extra, default=str) if extra else None}

    def flush(rows: dict[str, list]) -> None:
        nonlocal part
        for name in names:
            if rows[name]:
                cols = schemas[name].names
                table = pa.table({c: [r.get(c) for r in rows[name]] for c in cols}, schema=schemas[name])
                pq.write_to_dataset(table, f"{root}/{name}", partition_cols=[partition_on], filesystem=fs,
                                    basename_template=f"part-{part:05d}-{{i}}.parquet")
                counts[name] += len(rows[name])
        part += 1

    it = iter(results)
    while chunk := list(islice(it, batch)):
        rows = {"articles": [article_row(r.article) for r in chunk],
                "quotes": [q for r in chunk for q in r.quotes], "mentions": [m for r in chunk for m in r.mentions]}
        errors += [e for r in chunk for e in r.errors]
        flush(rows)
    errors = [e.to_dict() if isinstance(e, ErrorRecord) else e for e in read_errors] + errors
    et = pa.table({c: [e.get(c) for e in errors] for c in ERROR_COLUMNS},
                  schema=pa.schema([("file", s), ("stage", s), ("message", s), ("line", i)]))
    with fs.open(f"{root}/errors.parquet", "wb") as fh:
        pq.write_table(et, fh)
    counts["errors"] = len(errors)
    return counts


def dask_map(func: Callable, items: Iterable, scheduler=None, **kwargs) -> list:
    """``[func(x, **kwargs) for x in items]`` computed on the cluster, results in order.

    ``func`` must be importable on the workers (a module-level function of an installed package) and
    its results picklable; a task that raises re-raises here. For report generation::

        dask_map(framing.report.render.render_one, param_sets, scheduler="tcp://host:8786", out="reports")
    """
    items = list(items)
    with dask_client(scheduler) as client:
        futures = client.map(func, items, pure=False, **kwargs)
        try:
            return client.gather(futures)
        finally:
            client.cancel(futures)

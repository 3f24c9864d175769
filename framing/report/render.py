"""Parameterised reports: the papermill template run per parameter set, rendered to code-free HTML.

:func:`run_reports` analyses a corpus once, runs ``templates/report.ipynb`` for each parameter set
(see :mod:`framing.report.params`), converts each executed notebook to self-contained HTML (figures embedded,
no scripts) and writes ``index.html`` linking them. The other functions here are what the notebook
calls (:func:`~framing.report.params.load_data`, :func:`summary_lines`, :func:`notable_differences`,
:func:`describe_differences`, from :mod:`framing.report.differences`; figures and tables come from :mod:`framing.report.plots`), so the notebook stays
a thin story.

>>> run = run_reports("corpus/sample", [{"name": "by-outlet"}], out="reports")  # doctest: +SKIP
>>> run.failed, run.reports[0].html                                                # doctest: +SKIP
(False, PosixPath('reports/by-outlet.html'))
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..exceptions import ParamsError
from ..htmlpage import CSP, script_free_exporter
from ..run.analysis import analyze, show_progress
from ..run.io import atomic_path, atomic_write_text
from ..run.outdir import TEMP_TAG, claim_output, new_stage, refuse_corpus_overlap, remove_stage
from .datafolder import corpus_fingerprint, data_folder, prune_data, save_analysis
from .differences import (
    MIN_ARTICLES,
    describe_differences,
    difference_note,
    difference_sections,
    interval_table,
    notable_differences,
)
from .params import (
    DATE_WINDOWS,
    ReportData,
    assign_names,
    load_data,
    load_params,
    notebook_parameters,
    validate_params,
    with_defaults,
)

__all__ = ["MIN_ARTICLES", "ReportData", "ReportResult", "ReportRun", "corpus_fingerprint", "describe_differences",
           "difference_note", "difference_sections", "interval_table", "load_data", "notable_differences",
           "overview_table", "render_html", "run_reports", "summary_lines", "template_path", "write_index"]

# ------------------------------------------------------------------------------ data for the notebook
def overview_table(data: ReportData) -> pd.DataFrame:
    """Per group: articles, first and last date, words, attributions."""
    a, by = data.analysis, data.by
    arts = a.articles.assign(_date=a.articles["date"].astype(object).where(a.articles["date"].notna()))
    out = arts.groupby(by).agg(articles=("article_id", "size"), first_date=("_date", "min"),
                               last_date=("_date", "max"), words=("words", "sum"))
    n = a.quotes.drop_duplicates(["article_id", "attribution_id"]).groupby(by).size()
    return out.assign(attributions=n.reindex(out.index).fillna(0).astype(int)).reset_index()


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary_lines(data: ReportData) -> list[str]:
    """The corpus in a few sentences: articles, dates, attributions, parties compared, read errors."""
    a = data.analysis
    dates = a.articles["date"].dropna().astype(str)
    span = f", dated {dates.min()[:10]} to {dates.max()[:10]}" if len(dates) else ", undated"
    n_att = len(a.quotes.drop_duplicates(["article_id", "attribution_id"]))
    lines = [f"{_n(len(a.articles), 'article')} in {_n(len(data.groups), 'group')} by {data.by}{span}.",
             (f"{_n(n_att, 'attribution')} ({_n(len(a.quotes), 'quoted fragment')}) and "
              f"{_n(len(a.mentions), 'party mention')} in the narration."),
             "Parties compared: " + (" and ".join(data.parties) + "." if data.parties
                                     else "none (no speaker matched a party of actors.yaml).")]
    if data.undated:
        lines.append(f"{_n(data.undated, 'undated article')} left out by the date filter.")
    lines.append(f"{_n(len(a.errors), 'file or row', 'files or rows')} could not be read or analysed."
                 if len(a.errors) else "Every file was read and analysed.")
    return lines


# ------------------------------------------------------------------------------------------ running
def template_path() -> Path:
    """The report notebook: the packaged ``framing/report/templates/report.ipynb`` (``notebooks/report.ipynb``
    in the repository is the same file)."""
    packaged = resources.files("framing.report") / "templates" / "report.ipynb"
    if packaged.is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "notebooks" / "report.ipynb"
    if repo.is_file():
        return repo
    raise FileNotFoundError("report template not found (framing/report/templates/report.ipynb)")


@dataclass
class ReportResult:
    """One report of a run: where it went and whether it worked."""

    name: str
    params: dict
    html: Path | None = None
    notebook: Path | None = None
    ok: bool = False
    error: str | None = None
    seconds: float = 0.0


@dataclass
class ReportRun:
    """All reports of :func:`run_reports`, the index page and the analysis folders used."""

    out: Path
    reports: list[ReportResult] = field(default_factory=list)
    index: Path | None = None
    data: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(not r.ok for r in self.reports)

    def summary(self) -> str:
        """One line per report: ``ok name -> path`` or ``FAILED name: error``."""
        return "\n".join(f"ok      {r.name} -> {r.html}" if r.ok else f"FAILED  {r.name}: {r.error}"
                         for r in self.reports)


def _prepare_analysis(out: Path, corpus: str, given: str, actors, lexicon, *, jobs, engine, progress):
    """(DataFolder, Analysis or None): the analysis of ``given`` (the corpus as the user wrote it, so
    messages match ``framing analyze``) in memory, or None when ``out/_data`` holds a complete one.
    Writes nothing."""
    from ..run.pipeline import settings_for

    fingerprint = corpus_fingerprint(given)  # "corpus path does not exist", named as given; relative names,
    settings = settings_for(given, actors, None, lexicon)  # so the same as the absolute path's
    target = data_folder(out, corpus, settings.fingerprint(), fingerprint)
    if target.complete:
        return target, None
    return target, analyze(given, actors=actors, sentiment_lexicon=lexicon, jobs=jobs, engine=engine,
                           progress=progress)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _shareable(path: Path) -> Path:
    """Temp files are private (0600); a finished report gets the usual permissions (0644 under umask 022)."""
    os.chmod(path, 0o666 & ~_UMASK)
    return path


def _error_text(exc: BaseException) -> str:
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):  # papermill.PapermillExecutionError
        where = f"cell {exc.exec_count}" if getattr(exc, "exec_count", None) else f"cell #{exc.cell_index}"
        return _ANSI.sub("", f"{where} failed: {exc.ename}: {exc.evalue}")
    return _ANSI.sub("", f"{type(exc).__name__}: {exc}")


def render_html(notebook, title: str | None = None) -> str:
    """Code-free, script-free HTML of an executed notebook: inputs and prompts hidden, figures embedded
    as base64 PNG, no CDN scripts, and a Content-Security-Policy that blocks any script."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if not isinstance(notebook, nbformat.NotebookNode) else notebook
    if title:
        nb.metadata["title"] = title
    for cell, after in zip(nb.cells, nb.cells[1:], strict=False):  # a figure's alt text: its caption
        if cell.cell_type == "code" and after.cell_type == "markdown":
            caption = after.source.strip().split("\n\n")[0].replace("*", "").replace("\n", " ")
            for o in cell.get("outputs", []):
                if "image/png" in o.get("data", {}):
                    o.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = caption
    exporter = script_free_exporter(
        blocks=("\n{% block data_png scoped %}<div class=\"jp-RenderedImage jp-OutputArea-output {{ extra_class }}\">"
                "<img src=\"data:image/png;base64,{{ output.data['image/png'] | escape_html }}\" alt=\""
                "{{ output.metadata.get('image/png', {}).get('alt', 'figure') | escape_html }}\"></div>"
                "{% endblock %}"),
        css=("<style>.framing-table{border-collapse:collapse;font-size:0.9em}.framing-table td,"
             ".framing-table th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}"
             ".jp-RenderedHTMLCommon table.framing-table td,.jp-RenderedHTMLCommon table.framing-table th"
             "{text-align:left}.jp-RenderedHTMLCommon table.framing-table td.num{text-align:right}"
             "</style>"))
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def _run_one(template: Path, name: str, params: dict, out: Path, timeout: float,
             stage: Path | None = None) -> ReportResult:
    """Execute the template for one parameter set (in ``out``), write ``<name>.ipynb`` and ``<name>.html``
    into ``stage`` (default: ``out``)."""
    import papermill as pm

    result = ReportResult(name=name, params=params)
    start = time.perf_counter()
    dest = stage or out
    nb_path, html_path = dest / f"{name}.ipynb", dest / f"{name}.html"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{TEMP_TAG}", suffix=".ipynb", dir=dest)  # cleaned if killed
    os.close(fd)
    try:
        try:
            pm.execute_notebook(str(template), tmp, parameters=notebook_parameters(params), kernel_name="python3",
                                cwd=str(out), execution_timeout=timeout, progress_bar=False, log_output=False,
                                extra_arguments=["--IPKernelApp.log_level=CRITICAL"])  # no start-up chatter
        finally:
            if Path(tmp).exists() and Path(tmp).stat().st_size:
                os.replace(tmp, nb_path)  # kept on failure too: it shows the failing cell
                _shareable(nb_path)
                result.notebook = nb_path
        with atomic_path(html_path) as tmp_html:
            tmp_html.write_text(render_html(nb_path, title=params.get("title")), encoding="utf-8")
        result.html, result.ok = _shareable(html_path), True
    except Exception as exc:  # noqa: BLE001 - one failing report must not stop the others
        result.error = _error_text(exc)
        html_path.unlink(missing_ok=True)  # never leave a stale page from an earlier run
    finally:
        Path(tmp).unlink(missing_ok=True)
    result.seconds = time.perf_counter() - start
    return result


def write_index(run: ReportRun, title: str = "Framing reports") -> Path:
    """``out/index.html``: every report with its parameters and status (all text escaped)."""
    e = html.escape
    rows = []
    for r in run.reports:
        link = f'<a href="{e(r.html.name)}">{e(r.name)}</a>' if r.ok and r.html else e(r.name)
        shown = {k: v for k, v in r.params.items() if v is not None and k != "results"}
        params = "".join(f"<div><b>{e(str(k))}</b>: {e(json.dumps(v, ensure_ascii=False, default=str))}</div>"
                         for k, v in shown.items())
        status = "ok" if r.ok else f'<span class="failed">failed</span><pre>{e(r.error or "")}</pre>'
        rows.append(f"<tr><td>{link}</td><td>{status}</td><td>{params}</td></tr>")
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>{e(title)}</title>'
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid"
            " #ccc;padding:4px 8px;vertical-align:top;text-align:left}.failed{color:#a00;font-weight:bold}"
            "pre{white-space:pre-wrap;max-width:50em}</style></head><body>"
            f"<h1>{e(title)}</h1><p>{len(run.reports)} report(s), "
            f"{sum(not r.ok for r in run.reports)} failed; framing {e(__version__)}, "
            f"{e(time.strftime('%Y-%m-%d %H:%M'))}.</p><table><thead><tr><th>report</th><th>status</th>"
            f"<th>parameters</th></tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>")
    index = run.out / "index.html"
    atomic_write_text(index, page)
    _shareable(index)
    return index


def _abs(path) -> str | None:
    return None if path is None else str(Path(path).expanduser().resolve())


def _check_group(columns, by: str) -> None:
    """ParamsError unless ``by`` is one of the articles table's ``columns`` (or a date window)."""
    if by not in columns and by not in DATE_WINDOWS:
        raise ParamsError(f"group_by {by!r} is not an article column; choose one of "
                          f"{[c for c in columns if c not in ('article_id', 'words', 'quotes')]} or week/month")


def _saved_columns(folder: Path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_schema(folder / "articles.parquet").names


def _set_up_failure(exc: Exception) -> Exception:
    """The error to stop a run with when no report could start: set-up errors as they are."""
    from ..exceptions import FramingError

    return exc if isinstance(exc, (FramingError, OSError)) else FramingError(_error_text(exc), stage="report")


def run_reports(corpus, params: list[dict] | None = None, *, params_file=None, by: str = "outlet",
                out="reports", jobs: int = 1, timeout: float = 600, progress: bool | None = None, actors=None,
                engine: str = "local") -> ReportRun:
    """Render one HTML report per parameter set into ``out`` and an ``index.html`` linking them.

    All sets (``params`` dicts and/or ``params_file`` YAML) are validated first (ParamsError). Each
    distinct (corpus, actors, lexicon) is analysed once into ``out/_data/`` (reused when the corpus
    files and settings are unchanged); reports then load it. ``jobs`` reports run at once, each in its
    own kernel; a failing report is recorded (``run.failed``) and the others still render. Relative
    paths in parameters are taken from the current directory.

    When no set gets as far as its notebook (a missing corpus, a bad ``group_by``), the first error is
    raised and ``out`` is left exactly as it was. Otherwise ``out`` is locked for the run (a second run
    stops: "output folder is busy"), marked as output, and the kit's leftovers of killed runs and
    superseded ``_data`` analyses are removed (see :mod:`framing.run.outdir`).
    """
    sets = load_params(params_file) if params_file is not None else []
    sets += [validate_params(p, where=f"params[{i}]: ") for i, p in enumerate(params or [])]
    if not sets:
        sets = [{}]
    if corpus is None and any(not (p.get("corpus") or p.get("results")) for p in sets):
        raise ParamsError("no corpus given (argument or 'corpus' parameter)")
    defaults = {"corpus": None if corpus is None else str(corpus), "group_by": by,
                "actors": None if actors is None else str(actors)}
    full = [with_defaults(p, **defaults) for p in sets]
    given_out = out
    out = Path(out).resolve()
    run = ReportRun(out=out)
    progress = show_progress() if progress is None else progress
    # 1. everything that can fail before a notebook runs; nothing is written
    prepared: dict[tuple, tuple | Exception] = {}
    todo, failed = [], []
    for name, p in zip(assign_names(sets), full, strict=True):
        run_params = dict(p)
        for key in ("corpus", "actors", "results"):
            run_params[key] = _abs(p[key])
        if isinstance(p["lexicon_additions"], str):
            run_params["lexicon_additions"] = _abs(p["lexicon_additions"])
        result = ReportResult(name=name, params=p)
        run.reports.append(result)
        try:
            if run_params["results"] is None:
                key = (run_params["corpus"], run_params["actors"], json.dumps(run_params["lexicon_additions"]))
                if key not in prepared:
                    try:
                        refuse_corpus_overlap(given_out, p["corpus"])
                        prepared[key] = _prepare_analysis(out, run_params["corpus"], p["corpus"],
                                                          run_params["actors"], run_params["lexicon_additions"],
                                                          jobs=jobs, engine=engine, progress=progress)
                    except Exception as exc:  # noqa: BLE001 - recorded for every set using this corpus
                        prepared[key] = exc
                if isinstance(prepared[key], Exception):
                    raise prepared[key]
                target, analysis = prepared[key]
                run_params["results"] = str(target.folder)
                columns = _saved_columns(target.folder) if analysis is None else list(analysis.articles.columns)
            else:
                columns = _saved_columns(Path(run_params["results"]))
            _check_group(columns, run_params["group_by"])
            todo.append((result, run_params))
        except Exception as exc:  # noqa: BLE001 - recorded, the other sets still run
            result.error = _error_text(exc)
            failed.append((result, exc))
    if not todo:  # nothing would render: a set-up error, and the output folder stays as it was
        raise _set_up_failure(failed[0][1])
    # 2. the output folder, locked for the rest of the run
    with claim_output(out, what="framing report"):
        for target, analysis in (v for v in prepared.values() if not isinstance(v, Exception)):
            if analysis is not None:
                save_analysis(target, analysis)
            run.data.append(target.folder)
        stage = new_stage(out)  # pages are published together at the end: a killed run changes none
        try:
            _render_all(todo, out, stage, jobs, timeout, progress)
            _publish(run, stage)
        finally:
            remove_stage(stage)
        run.index = write_index(run)
        prune_data(out, set(run.data), {k[0] for k, v in prepared.items() if not isinstance(v, Exception)})
    return run


def _publish(run: ReportRun, stage: Path) -> None:
    """Move the notebooks and pages rendered in ``stage`` to ``run.out``; remove the pages of failed sets
    (never a stale page of an earlier run)."""
    for r in run.reports:
        for attr in ("notebook", "html"):
            path = getattr(r, attr)
            if path is not None and path.parent == stage:
                os.replace(path, run.out / path.name)
                setattr(r, attr, run.out / path.name)
        if not r.ok:
            (run.out / f"{r.name}.html").unlink(missing_ok=True)


def _render_all(todo: list, out: Path, stage: Path, jobs: int, timeout: float, progress: bool) -> None:
    """Run the notebooks of ``todo`` ((ReportResult, params) pairs), ``jobs`` at a time, into ``stage``."""
    template = template_path()
    bar = None
    if progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="reports", unit="report")
    with ThreadPoolExecutor(max_workers=max(1, min(int(jobs), len(todo) or 1))) as pool:
        futures = {pool.submit(_run_one, template, r.name, rp, out, timeout, stage): r for r, rp in todo}
        for fut in as_completed(futures):
            done = fut.result()
            slot = futures[fut]
            slot.html, slot.notebook, slot.ok, slot.error, slot.seconds = (
                done.html, done.notebook, done.ok, done.error, done.seconds)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()

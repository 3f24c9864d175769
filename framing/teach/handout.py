"""Lessons for people without Python: HTML pages that read offline (formulas drawn in), and the answer key.

:func:`export_lessons` runs each lesson notebook with papermill and writes it as one HTML page with no
script at all: every LaTeX formula of the Markdown is drawn by matplotlib's mathtext into an inline SVG
image (its LaTeX source as alt text), so nothing is fetched from a CDN. :func:`answer_key_text` is the
instructor's key as Markdown or HTML. ``framing lessons export DIR`` and ``framing lessons answer-key``
call them.

>>> "<img" in math_html(r"\\frac{n_p}{N}")
True
>>> print(answer_key_markdown([{"question": "1.1", "prompt": "A | B?", "answer": 0.12345}]).splitlines()[-1])
| 1.1 | A \\| B? | 0.1235 |
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..exceptions import FramingError
from ..htmlpage import script_free_exporter
from ..run.io import atomic_write_text

__all__ = ["MARKER", "ExportRun", "answer_key_markdown", "answer_key_text", "export_lessons", "lesson_notebooks",
           "math_html", "notebook_html", "prerender_math", "write_new"]

_CHECKOUT = Path(__file__).resolve().parents[2]
LESSONS_DIR = _CHECKOUT / "notebooks" / "lessons"
SAMPLE = _CHECKOUT / "corpus" / "sample"
#: Near the top of every file these functions write; a file without it is never overwritten.
MARKER = "<!-- written by framing lessons -->"
# $$display$$ or $inline$ (not an escaped \$, not inside a word such as US$5)
_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$\w])\$(?P<inline>[^$\n]+?)\$(?!\w)", re.DOTALL)
#: framing.htmlpage.CSP plus an explicit script-src 'none' (which default-src 'none' already implies)
_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
        "script-src 'none'; base-uri 'none'; form-action 'none'")


def math_html(tex: str, display: bool = False) -> str:
    """One formula as an ``<img>`` holding an SVG drawn by matplotlib mathtext (alt text: the LaTeX).

    Display formulas are centred on their own line; inline ones sit on the text's baseline (their depth
    below it, from mathtext, sets ``vertical-align``). A formula mathtext cannot draw (it knows most of
    LaTeX's math, not environments) is shown as its LaTeX source.
    """
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties

    source = " ".join(tex.split())
    drawn = re.sub(r"\\frac(?=\W)", r"\\dfrac", source) if display else source  # full-size fractions
    buf = io.BytesIO()
    try:
        depth = mathtext.math_to_image(f"${drawn}$", buf, prop=FontProperties(size=13 if display else 11),
                                       format="svg")  # below the baseline, in points (the SVG's unit)
    except ValueError:
        return f'<code class="fr-math-source">{escape(source)}</code>'
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    img = (f'<img class="fr-math" src="data:image/svg+xml;base64,{data}" alt="{escape(source)}" '
           f'style="vertical-align:{"middle" if display else f"-{depth or 0:g}pt"};display:inline">')
    return f'<div class="fr-math-display" style="text-align:center;margin:0.6em 0">{img}</div>' if display else img


def prerender_math(markdown: str) -> str:
    """Markdown with every ``$...$`` and ``$$...$$`` formula replaced by :func:`math_html`."""
    def draw(m: re.Match) -> str:
        display = m.group("display") is not None
        html = math_html(m.group("display") if display else m.group("inline"), display)
        return f"\n\n{html}\n\n" if display else html

    return _MATH.sub(draw, markdown)


def lesson_notebooks(folder=None) -> list[Path]:
    """The lesson notebooks in order (default: ``notebooks/lessons`` of this checkout)."""
    folder = Path(folder) if folder is not None else LESSONS_DIR
    found = sorted(folder.glob("[0-9]*.ipynb"))
    if not found:
        raise FramingError("no lesson notebooks (NN-name.ipynb) found; run from a checkout of framing",
                           file=str(folder), stage="lessons")
    return found


def _check_writable(path: Path) -> Path:
    """``path``, unless it is a folder or a file framing did not write (then a FramingError naming it)."""
    if path.is_dir():
        raise FramingError("is a folder; give a file name", file=str(path), stage="lessons")
    if path.exists() and MARKER not in path.read_text(encoding="utf-8", errors="replace")[:400]:
        raise FramingError("exists and was not written by framing lessons; not replaced (choose another name)",
                           file=str(path), stage="lessons")
    return path


def write_new(path, text: str) -> None:
    """Write ``text`` atomically with :data:`MARKER` at the top (after any doctype).

    Refuses to replace a file that lacks the marker: nothing the user wrote is overwritten.
    """
    path = _check_writable(Path(path))
    doctype = re.match(r"\s*<!DOCTYPE[^>]*>\n?", text, re.IGNORECASE)  # a comment before it would mean quirks mode
    head = doctype.group(0).rstrip("\n") + "\n" if doctype else ""
    atomic_write_text(path, f"{head}{MARKER}\n{text[doctype.end():] if doctype else text}")


def _corpus(corpus) -> Path:
    path = Path(corpus) if corpus is not None else SAMPLE
    if not path.exists():
        raise FramingError("corpus path does not exist", file=str(path), stage="lessons")
    return path.resolve()


# ------------------------------------------------------------------------------------------ export
def notebook_html(nb, title: str) -> str:
    """Script-free HTML of an executed notebook (a lesson, the explorer): code shown, formulas drawn in,
    no CDN, a Content-Security-Policy that blocks scripts."""
    nb.metadata["title"] = title
    nb.metadata.pop("widgets", None)  # widget state needs scripts; the static views carry the content
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]  # local paths
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = prerender_math(cell.source)
    exporter = script_free_exporter(blocks="{% block data_widget_view %}{% endblock %}", csp=_CSP)
    body, _ = exporter.from_notebook_node(nb)
    return body


@dataclass
class ExportRun:
    """What :func:`export_lessons` wrote (``pages``) and which lessons failed, with the reason."""

    pages: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def export_lessons(out, corpus=None, *, lessons=None, timeout: int = 600) -> ExportRun:
    """Run every lesson on ``corpus`` (default: the sample corpus) and write ``out/<lesson>.html``.

    One lesson that fails is recorded in ``failed`` and the others are still written.
    Example: ``export_lessons("handout")`` -> ``handout/01-attribution-verbs-and-stance.html``, ...
    """
    import nbformat
    import papermill as pm

    out, corpus = Path(out), _corpus(corpus)
    if out.exists() and not out.is_dir():
        raise FramingError("is a file, not a folder", file=str(out), stage="lessons")
    paths = lesson_notebooks(lessons)
    for path in paths:  # a page the user wrote stops the export before anything runs
        _check_writable(out / f"{path.stem}.html")
    run = ExportRun()
    for path in paths:
        try:
            nb = pm.execute_notebook(str(path), None, parameters={"CORPUS": str(corpus)}, kernel_name="python3",
                                     cwd=str(path.parent), progress_bar=False, log_output=False,
                                     execution_timeout=timeout)
            nb = nbformat.from_dict(nb)
            title = next((c.source.lstrip("# ").splitlines()[0] for c in nb.cells if c.cell_type == "markdown"),
                         path.stem)
            page = out / f"{path.stem}.html"
            write_new(page, notebook_html(nb, title))
            run.pages.append(page)
        except FramingError:
            raise
        except Exception as exc:  # noqa: BLE001 - one failed lesson is reported, the others are written
            run.failed[path.name] = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    return run


# -------------------------------------------------------------------------------------- answer key
def _answer(value) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (set, frozenset, list, tuple)):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


def answer_key_markdown(rows: list[dict]) -> str:
    """A Markdown table of answer-key rows (question, prompt, answer); numbers to four decimals."""
    lines = ["| question | prompt | answer |", "|---|---|---|"]
    for r in rows:
        cells = [str(r["question"]), str(r["prompt"]), _answer(r["answer"])]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def _answer_key_html(rows: list[dict], corpus: Path) -> str:
    body = "".join(f"<tr><td>{escape(str(r['question']))}</td><td>{escape(str(r['prompt']))}</td>"
                   f"<td>{escape(_answer(r['answer']))}</td></tr>" for r in rows)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv='
            f'"Content-Security-Policy" content="{_CSP}"><title>Answer key</title><style>table{{border-collapse:'
            "collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}</style>"
            f"</head><body><h1>Answer key</h1><p>Computed from {escape(str(corpus))}.</p><table><thead><tr>"
            f"<th>question</th><th>prompt</th><th>answer</th></tr></thead><tbody>{body}</tbody></table>"
            "</body></html>\n")


def answer_key_text(corpus=None, *, lesson: int | None = None, html: bool = False) -> str:
    """The instructor's answer key, computed from ``corpus`` now, as Markdown (or an HTML page)."""
    from .lessons import Checker

    corpus = _corpus(corpus)
    rows = Checker(corpus).answer_key(lesson).to_dict("records")
    if html:
        return _answer_key_html(rows, corpus)
    title = "# Answer key" + (f": lesson {lesson}" if lesson else "")
    return f"{title}\n\nComputed from `{corpus}`; numbers to four decimals.\n\n{answer_key_markdown(rows)}\n"

"""Reports in a real browser: headless Chromium loads the figures, and no script in an article runs.

Skipped only when Chromium is not installed (Debian: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "report"))  # test_report, also when run alone
from test_report import FIGURES, HOSTILE_TITLE, hostile_corpus  # noqa: E402

from framing.report import render as report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)")

# Our own page (not the report): it frames a report and writes what it sees into its body.
HARNESS = """<!DOCTYPE html><html><head><title>harness</title></head><body>
<iframe id="r" src="{src}" width="1000" height="800"></iframe><pre id="out">pending</pre>
<script>
window.addEventListener("load", function () {{
  var d = document.getElementById("r").contentDocument;
  var imgs = Array.from(d.images);
  var ok = imgs.filter(function (i) {{ return i.complete && i.naturalWidth > 0; }}).length;
  document.getElementById("out").textContent = JSON.stringify(
    {{title: d.title, images: imgs.length, loaded: ok, scripts: d.scripts.length}});
}});
</script></body></html>"""


def chromium(url: str, profile: Path, *extra: str) -> tuple[str, list[str]]:
    """The DOM after load (``--dump-dom``) and the page's console messages."""
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, "--dump-dom", url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, CONSOLE.findall(proc.stderr)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, sample_dir):
    tmp = tmp_path_factory.mktemp("browser")
    evil = hostile_corpus(tmp / "corpus", sample_dir)
    run = report.run_reports(evil, [{"name": "evil", "title": HOSTILE_TITLE, "n_boot": 50}], out=tmp / "out")
    assert not run.failed, run.summary()
    return run, tmp


def test_console_capture_works(tmp_path):
    """Control: a page that does run a script is caught, so silence below means no script ran."""
    page = tmp_path / "control.html"
    page.write_text('<img src=x onerror="console.log(\'fired\')">', encoding="utf-8")
    _, console = chromium(page.as_uri(), tmp_path / "profile")
    assert any("fired" in line for line in console)


def test_report_dom_is_escaped_and_no_script_runs(rendered):
    run, tmp = rendered
    dom, console = chromium(run.reports[0].html.as_uri(), tmp / "profile-report")
    assert console == []  # no script ran, nothing was blocked, nothing failed to load
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # shown as text...
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert "<script" not in dom.lower()  # ...never as elements
    assert len(re.findall(r"<img\b", dom)) == FIGURES
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'<img\b[^>]*src="([^"]*)"', dom))


def test_figures_load_and_the_title_is_unchanged(rendered):
    run, tmp = rendered
    harness = run.out / "harness.html"
    harness.write_text(HARNESS.format(src=run.reports[0].html.name), encoding="utf-8")
    dom, console = chromium(harness.as_uri(), tmp / "profile-harness", "--allow-file-access-from-files")
    found = re.search(r'<pre id="out">([^<]*)</pre>', dom)
    assert found, dom[-2000:]
    seen = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                      .replace("&quot;", '"'))
    assert seen == {"title": HOSTILE_TITLE, "images": FIGURES, "loaded": FIGURES, "scripts": 0}
    assert console == []


def test_index_page(rendered):
    run, tmp = rendered
    dom, console = chromium(run.index.as_uri(), tmp / "profile-index")
    assert console == []
    assert '<a href="evil.html">evil</a>' in dom
    assert "<script" not in dom.lower() and "&lt;script&gt;alert(2)&lt;/script&gt;" in dom


# ---------------------------------------------------------------------------------- explorer and lessons
LAPTOP = "--window-size=1366,768"
LONG_ARTICLE = "eastport-monitor/04-draft-framework"  # the most attributions in the sample (30 fragments)
# Frames the exported explorer at a laptop's full width and with JupyterLab's file browser open (about 366 px
# less), and a control page holding the old, non-compact table; reports what each frame shows.
FIT_HARNESS = """<!DOCTYPE html><html><head><title>fit</title><style>body{{margin:0}}iframe{{border:0}}</style>
</head><body><iframe id="full" src="{page}" width="1366" height="768"></iframe>
<iframe id="browser" src="{page}" width="1000" height="768"></iframe>
<iframe id="control" src="{control}" width="1000" height="768"></iframe><pre id="out">pending</pre>
<script>
function measure(frame) {{
  var win = frame.contentWindow, d = frame.contentDocument, box = d.querySelector(".fr-quotes-box");
  var table = d.querySelector("table.fr-quotes"), host = box || table.parentElement;
  var heads = {{}};
  Array.from(table.tHead.rows[0].cells).forEach(function (th) {{
    var r = th.getBoundingClientRect(), h = host.getBoundingClientRect();
    heads[th.getAttribute("title") || th.textContent] = {{inside: r.left >= h.left - 1 && r.right <= h.right + 1,
      whole: th.scrollWidth <= th.clientWidth + 1}};
  }});
  var rows = Array.from(table.tBodies[0].rows).map(function (tr) {{ return tr.getBoundingClientRect().height; }});
  var col = Array.from(table.tHead.rows[0].cells).findIndex(function (th) {{ return th.title === "sentiment"; }});
  var scores = col < 0 ? [] : Array.from(table.tBodies[0].rows).map(function (tr) {{ return tr.cells[col]; }});
  var scores_whole = scores.every(function (td) {{ return td.scrollWidth <= td.clientWidth + 1; }});
  var hr = host.getBoundingClientRect();
  return {{rows: rows.length, tallest_row: Math.max.apply(null, rows), box_height: hr.height, box_width: hr.width,
    box_right: hr.right, window_width: win.innerWidth, scores_whole: scores_whole,
    cut: host.scrollWidth > host.clientWidth + 1,
    scrolls_down: host.scrollHeight > host.clientHeight + 1, heads: heads}};
}}
window.addEventListener("load", function () {{
  var out = {{}};
  ["full", "browser", "control"].forEach(function (id) {{ out[id] = measure(document.getElementById(id)); }});
  document.getElementById("out").textContent = JSON.stringify(out);
}});
</script></body></html>"""
KEY_COLUMNS = ("speaker", "party", "cue", "cue_category", "sentiment", "content")


def _seen(dom: str) -> dict:
    found = re.search(r'<pre id="out">([^<]*)</pre>', dom)
    assert found, dom[-2000:]
    return json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                      .replace("&quot;", '"'))


@pytest.fixture(scope="module")
def explorer_page(tmp_path_factory, sample_dir):
    """The explore notebook run on the longest article and exported as JupyterLab renders its outputs."""
    pm = pytest.importorskip("papermill")
    import nbformat

    from framing.teach.handout import notebook_html

    tmp = tmp_path_factory.mktemp("explorer")
    nb_path = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
    nb = pm.execute_notebook(str(nb_path), None, parameters={"CORPUS": str(sample_dir), "ARTICLE_ID": LONG_ARTICLE},
                             kernel_name="python3", cwd=str(nb_path.parent), progress_bar=False, log_output=False)
    page = tmp / "explore.html"
    page.write_text(notebook_html(nbformat.from_dict(nb), "explore"), encoding="utf-8")
    return page, tmp


def test_explorer_table_fits_a_laptop_screen(explorer_page, sample_dir):
    import framing
    from framing.teach.highlight import quotes_table_html

    page, tmp = explorer_page
    rows = framing.analyze(sample_dir).quotes
    rows = rows[rows["article_id"] == LONG_ARTICLE]
    control = tmp / "control.html"  # the old side table: a 40% panel with the plain table
    control.write_text('<div style="display:flex"><div style="width:60%">article</div><div style="width:40%;'
                       f'overflow:auto">{quotes_table_html(rows)}</div></div>', encoding="utf-8")
    harness = tmp / "fit.html"
    harness.write_text(FIT_HARNESS.format(page=page.name, control=control.name), encoding="utf-8")
    dom, console = chromium(harness.as_uri(), tmp / "profile-fit", "--allow-file-access-from-files", LAPTOP)
    seen = _seen(dom)
    for view in ("full", "browser"):
        s = seen[view]
        assert s["rows"] == len(rows) == 30, view
        assert not s["cut"], (view, s)  # no horizontal scrollbar, nothing cut at the right
        assert s["box_right"] <= s["window_width"], (view, s)
        assert s["scores_whole"], (view, s)  # every sentiment is readable, not "+0.…"
        assert s["tallest_row"] <= 24, (view, s)  # one line per row
        assert s["box_height"] <= 0.75 * 768 and s["scrolls_down"], (view, s)  # scrolls within the view
        for column in KEY_COLUMNS:
            assert s["heads"][column] == {"inside": True, "whole": True}, (view, column, s["heads"])
    assert "<script" not in page.read_text(encoding="utf-8").lower()
    old = seen["control"]  # the same checks catch the old table
    assert old["cut"] or old["tallest_row"] > 24 or old["box_height"] > 0.75 * 768, old
    assert console == []


def test_exported_lesson_draws_its_formulas_offline(tmp_path):
    from framing.teach.handout import export_lessons

    run = export_lessons(tmp_path / "handout", lessons=_one_lesson(tmp_path))
    assert run.failed == {} and len(run.pages) == 1
    page = run.pages[0]
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "data:…", html).lower()  # "cdn" can occur in base64
    assert "<script" not in text and "mathjax" not in text and "cdn" not in text
    assert not re.search(r"(?:src|href)=\"?(?:https?:)?//", text)  # nothing fetched from the network
    assert "$$" not in html and "\\frac" not in html.split('alt="')[0]
    harness = tmp_path / "handout" / "harness.html"
    harness.write_text(HARNESS.format(src=page.name).replace('width="1000"', 'width="1366"'), encoding="utf-8")
    dom, console = chromium(harness.as_uri(), tmp_path / "profile-lesson", "--allow-file-access-from-files")
    seen = _seen(dom)
    import nbformat

    from framing.teach.handout import _MATH

    source = nbformat.read(str(next((tmp_path / "lessons").glob("*.ipynb"))), as_version=4)
    in_markdown = sum(len(_MATH.findall(c.source)) for c in source.cells if c.cell_type == "markdown")
    formulas = html.count('class="fr-math"')
    assert formulas == in_markdown >= 30  # every $...$ of lesson 2's Markdown, drawn as an SVG image
    assert seen["images"] == seen["loaded"] >= formulas + 1 and seen["scripts"] == 0  # + the figure
    assert console == []
    shot = tmp_path / "lesson.png"
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile-shot'}", LAPTOP,
                           f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0 and shot.stat().st_size > 20_000  # a screenshot to look at, if needed


def _one_lesson(tmp_path: Path) -> Path:
    """A folder holding lesson 2 only (the one with the most formulas)."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    src = Path(__file__).resolve().parents[1] / "notebooks" / "lessons" / "02-source-balance-and-first-word.ipynb"
    shutil.copy(src, folder / src.name)
    return folder

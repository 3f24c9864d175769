"""Reports in a real browser: headless Chromium loads the figures, and no script in an article runs.

Skipped only when Chromium is not installed (Debian: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import FIGURES, HOSTILE_TITLE, hostile_corpus

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

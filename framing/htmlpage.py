"""Script-free HTML pages from notebooks: the nbconvert exporter that reports and lessons share.

:func:`script_free_exporter` is nbconvert's lab template with every script block emptied (require.js,
MathJax, mermaid, widgets) and a Content-Security-Policy meta tag that blocks any script that slipped
through; figures are embedded, so a page opens offline. :data:`CSP` is the reports' policy.

>>> "script-src" in CSP, CSP.startswith("default-src 'none'")
(False, True)
"""

from __future__ import annotations

__all__ = ["CSP", "script_free_exporter"]

#: The policy of report pages: nothing fetched, no script (``default-src 'none'`` covers scripts).
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "base-uri 'none'; form-action 'none'")
_NO_SCRIPTS = ("{% block html_head_js %}{% endblock %}{% block html_head_js_mathjax %}{% endblock %}\n"
               "{% block html_head_js_mermaidjs %}{% endblock %}{% block jupyter_widgets %}{% endblock %}\n"
               "{% block data_javascript %}{% endblock %}")


def script_free_exporter(blocks: str = "", css: str = "", csp: str = CSP):
    """An nbconvert ``HTMLExporter`` (lab template, anchor links off, images embedded) whose pages hold no
    script and carry ``csp`` in a meta tag. ``blocks``: more Jinja blocks of the template; ``css``: what
    follows the meta tag in the head."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    template = ("{%- extends 'index.html.j2' -%}\n" + _NO_SCRIPTS + blocks + "\n"
                '{% block extra_css %}<meta http-equiv="Content-Security-Policy" content="' + csp + '">\n'
                + css + "{% endblock %}\n")
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"framing.html.j2": template})],
                            template_file="framing.html.j2")
    exporter.exclude_anchor_links = True
    exporter.embed_images = True
    return exporter

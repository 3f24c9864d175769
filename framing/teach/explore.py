"""Explore an analysis article by article: quote filters, highlighted articles and an ipywidgets viewer.

The filtering and rendering helpers are plain functions over the ``quotes`` table (testable without a
notebook); :class:`ArticleViewer` wires them to ipywidgets, which is imported only when the widget is
built (``pip install ipywidgets``, or the ``framing[lab]`` extra).

>>> import pandas as pd
>>> q = pd.DataFrame({"party": ["A", None, "B"], "cue_category": ["neutral", "denial", None]})
>>> filter_quotes(q, party="(no party)")["cue_category"].tolist()
['denial']
>>> options(q, "party")
['(all)', 'A', 'B', '(no party)']
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .highlight import NO_PARTY, article_html, party_palette, quotes_table_html

__all__ = [
    "ALL", "NO_CATEGORY", "ArticleViewer", "article_options", "compare_with_gold", "filter_quotes",
    "find_article", "gold_vs_machine_html", "is_interactive", "options", "require_widgets", "show_article",
]

ALL = "(all)"
NO_CATEGORY = "(none)"
_MISSING = {"party": NO_PARTY, "cue_category": NO_CATEGORY}
_FILTERS = {"party": "party", "category": "cue_category", "outlet": "outlet", "kind": "kind"}
#: the static view: the article and its quote table side by side as in the widget, stacked when narrow
STATIC_LAYOUT = ('<div class="fr-explore" style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">'
                 '<div style="flex:1 1 26em;min-width:0">{article}</div>'
                 '<div style="flex:1 1 24em;min-width:0"><h4 style="margin-top:0">Attributions</h4>{table}</div></div>')
WIDGETS_HINT = "the article viewer needs ipywidgets: pip install ipywidgets (or pip install 'framing[lab]')"


# ------------------------------------------------------------------------------------ pure helpers
def _labels(quotes: pd.DataFrame, column: str) -> pd.Series:
    """A column with missing values replaced by their label ("(no party)", "(none)", "")."""
    if column not in quotes.columns:
        return pd.Series("", index=quotes.index, dtype=object)
    col = quotes[column].astype(object)
    return col.where(col.notna(), _MISSING.get(column, ""))


def options(quotes: pd.DataFrame, column: str) -> list[str]:
    """Dropdown choices for a column: "(all)", the sorted values, then the missing-value label if any.

    >>> options(pd.DataFrame({"kind": ["mixed", "direct", "mixed"]}), "kind")
    ['(all)', 'direct', 'mixed']
    """
    values = _labels(quotes, column)
    missing = _MISSING.get(column, "")
    present = sorted({str(v) for v in values if v != missing and v != ""})
    return [ALL, *present, *([missing] if (values == missing).any() and missing else [])]


def _wanted(value) -> list[str] | None:
    """None for "no filter" (None, "(all)", empty), else the list of accepted labels."""
    if value is None or (isinstance(value, str) and value in (ALL, "")):
        return None
    values = [value] if isinstance(value, str) else list(value)
    return None if not values or ALL in values else [str(v) for v in values]


def filter_quotes(quotes: pd.DataFrame, *, party=None, category=None, outlet=None, kind=None,
                  article_id: str | None = None) -> pd.DataFrame:
    """Quote rows matching every given filter (a value or a list; None or "(all)" = any).

    ``party="(no party)"`` selects speakers without a party, ``category="(none)"`` cues without a
    category. Whole attributions are kept together: the filters act on fragment rows, which share them.

    >>> q = pd.DataFrame({"article_id": ["x", "x", "y"], "party": ["A", "B", "A"], "kind": ["direct"] * 3})
    >>> len(filter_quotes(q, party=["A"], article_id="x"))
    1
    """
    mask = pd.Series(True, index=quotes.index)
    for arg, value in (("party", party), ("category", category), ("outlet", outlet), ("kind", kind)):
        wanted = _wanted(value)
        if wanted is not None:
            mask &= _labels(quotes, _FILTERS[arg]).astype(str).isin(wanted)
    if article_id is not None:
        mask &= quotes["article_id"] == article_id
    return quotes[mask]


def article_options(articles: pd.DataFrame, quotes: pd.DataFrame | None = None, *, outlet=None,
                    **filters) -> list[tuple[str, str]]:
    """(label, article_id) pairs for an article dropdown, in corpus order.

    Only articles of ``outlet`` (if given) and, when ``quotes`` and quote filters are given, only those
    with at least one matching quote. The label reads "outlet · date · title (n attributions)", n counted
    among the matching quotes.

    >>> arts = pd.DataFrame({"article_id": ["h/1"], "outlet": ["Herald"], "date": ["2026-03-02"],
    ...                      "title": ["Talks open"]})
    >>> article_options(arts)
    [('Herald · 2026-03-02 · Talks open', 'h/1')]
    """
    arts = articles
    if _wanted(outlet) is not None:
        arts = arts[arts["outlet"].astype(str).isin(_wanted(outlet))]
    counts = None
    if quotes is not None:
        matched = filter_quotes(quotes, outlet=outlet, **filters)
        counts = matched.drop_duplicates(["article_id", "attribution_id"]).groupby("article_id").size()
        if any(_wanted(v) is not None for v in filters.values()):
            arts = arts[arts["article_id"].isin(counts.index)]
    out = []
    for row in arts.to_dict("records"):
        parts = [str(row[c]) for c in ("outlet", "date", "title") if c in row and pd.notna(row[c]) and row[c]]
        label = " · ".join(parts) or str(row["article_id"])
        if counts is not None:
            n = int(counts.get(row["article_id"], 0))
            label += f" ({n} attribution{'' if n == 1 else 's'})"
        out.append((label, row["article_id"]))
    return out


def find_article(corpus, article_id: str):
    """The :class:`~framing.read.corpus.Article` with this id from a corpus folder (or a list of articles).

    Raises KeyError naming a few available ids when there is none.
    """
    from ..read.corpus import iter_articles

    seen = []
    for art in (iter_articles(corpus, []) if isinstance(corpus, (str, Path)) else corpus):
        if art.id == article_id:
            return art
        seen.append(art.id)
    raise KeyError(f"no article {article_id!r}; some ids: {', '.join(seen[:5])}")


def _colors(analysis) -> dict[str, str]:
    """One colour per party for a whole analysis: actors.yaml order, then parties found in quotes."""
    actors = getattr(getattr(analysis, "settings", None), "actors", None)
    ordered = list(actors.parties) if actors is not None else []
    found = sorted({p for p in analysis.quotes["party"].dropna().unique()} - set(ordered))
    return party_palette(ordered + found)


def show_article(analysis, article_id: str, corpus=None, **filters):
    """An ``IPython.display.HTML`` of one article, its (filtered) attributions highlighted.

    ``corpus`` defaults to the folder the analysis was run on; ``filters`` as in :func:`filter_quotes`.
    Example: ``show_article(a, "northgate-herald/02-kellerford-shelling", party="Estland")``.
    """
    from IPython.display import HTML

    article = find_article(corpus if corpus is not None else analysis.corpus, article_id)
    quotes = filter_quotes(analysis.quotes, article_id=article_id, **filters)
    return HTML(article_html(article, quotes, party_colors=_colors(analysis)))


def _with_category(record: dict) -> dict:
    """A gold record with ``cue_category`` filled in from the verb lexicon when it is missing."""
    from ..lexicon import load_verbs

    if record.get("cue_category") or not (record.get("cue_lemma") or record.get("cue")):
        return record
    verbs = load_verbs()
    verb = verbs.lookup(record.get("cue_lemma") or "") or verbs.lookup(record.get("cue") or "")
    return {**record, "cue_category": verb.category if verb else None}


def gold_vs_machine_html(article, gold: list[dict], predicted, party_colors=None) -> str:
    """Two columns: the article highlighted with the gold attributions, and with the machine's.

    ``gold`` holds gold records (docs/gold-format.md); ``predicted`` the quotes table or records. Gold
    cues get their category from the verb lexicon (gold files record the lemma, not the category).
    """
    gold = [_with_category(r) for r in gold]
    cell = '<div style="flex:1;min-width:22em;padding:0 0.8em">'
    left = article_html(article, gold, party_colors=party_colors)
    right = article_html(article, predicted, party_colors=party_colors, header=False)
    return ('<div style="display:flex;flex-wrap:wrap;align-items:flex-start">'
            f"{cell}<h4>gold (the annotator)</h4>{left}</div>"
            f"{cell}<h4>framing (the machine)</h4>{right}</div></div>")


def compare_with_gold(analysis, article_id: str, corpus=None, gold_dir=None):
    """``IPython.display.HTML`` of :func:`gold_vs_machine_html` for one article of an analysis.

    ``gold_dir`` defaults to ``<corpus>/gold``.
    Example: ``compare_with_gold(a, "eastport-monitor/01-talks-open")``.
    """
    from IPython.display import HTML

    from .evaluate import load_gold

    corpus = corpus if corpus is not None else analysis.corpus
    gold = load_gold(gold_dir if gold_dir is not None else Path(corpus) / "gold").get(article_id, [])
    article = find_article(corpus, article_id)
    predicted = filter_quotes(analysis.quotes, article_id=article_id)
    return HTML(gold_vs_machine_html(article, gold, predicted, _colors(analysis)))


def is_interactive() -> bool:
    """True inside a notebook frontend, False in plain Python and in papermill / nbclient runs.

    nbclient (used by papermill and nbconvert) executes cells with stdin disabled, while Jupyter
    frontends allow it; the environment variable FRAMING_STATIC=1 forces False.
    """
    if os.environ.get("FRAMING_STATIC"):
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    kernel = getattr(get_ipython(), "kernel", None)
    return kernel is not None and bool(getattr(kernel, "_allow_stdin", True))


def require_widgets():
    """Import and return ipywidgets, or raise ImportError saying how to install it."""
    try:
        import ipywidgets
    except ImportError as exc:
        raise ImportError(WIDGETS_HINT) from exc
    return ipywidgets


# ------------------------------------------------------------------------------------------ viewer
class ArticleViewer:
    """Browse an analysis: filter quotes by outlet, party, verb category and kind; read the articles.

    ``analysis`` is a :class:`~framing.run.analysis.Analysis`; ``corpus_path`` the folder holding the
    article texts (default: the one the analysis was run on). ``render`` and ``table`` return HTML
    strings (no widgets needed); ``widget`` builds the ipywidgets UI; a viewer displays itself.

    >>> v = ArticleViewer(analysis, "corpus/sample")         # doctest: +SKIP
    >>> v                                                    # doctest: +SKIP
    """

    def __init__(self, analysis, corpus_path=None, *, article_id: str | None = None, max_rows: int = 60):
        corpus_path = corpus_path if corpus_path is not None else analysis.corpus
        if corpus_path is None:
            raise ValueError("corpus_path is needed: the analysis does not say which folder it was run on")
        from ..read.corpus import iter_articles

        self.analysis = analysis
        self.corpus_path = corpus_path
        self.articles = {a.id: a for a in iter_articles(corpus_path, [])}
        self.colors = _colors(analysis)
        self.max_rows = max_rows
        ids = list(analysis.articles["article_id"])
        if article_id is not None and article_id not in self.articles:
            raise KeyError(f"no article {article_id!r} in {corpus_path}")
        self.article_id = article_id or next((i for i in ids if i in self.articles), None)
        self._widget = None

    def quotes(self, article_id: str | None = None, **filters) -> pd.DataFrame:
        """The analysis's quote rows matching ``filters`` (of one article if ``article_id``)."""
        return filter_quotes(self.analysis.quotes, article_id=article_id, **filters)

    def render(self, article_id: str | None = None, **filters) -> str:
        """HTML of one article with the quotes matching ``filters`` highlighted."""
        aid = article_id or self.article_id
        if aid not in self.articles:
            raise KeyError(f"no article {aid!r} in {self.corpus_path}")
        return article_html(self.articles[aid], self.quotes(aid, **filters), party_colors=self.colors)

    def table(self, article_id: str | None = None, **filters) -> str:
        """Compact HTML table of the matching quotes of one article (all articles when ``article_id`` is None):
        one line per row, full texts in tooltips, in a box that scrolls within the view."""
        return quotes_table_html(self.quotes(article_id, **filters), party_colors=self.colors,
                                 max_rows=self.max_rows, compact=True)

    def summary(self, **filters) -> str:
        """The line "n attributions (m fragments) in k articles match" for these filters."""
        q = self.quotes(**filters)
        n = len(q.drop_duplicates(["article_id", "attribution_id"]))
        return f"{n} attributions ({len(q)} fragments) in {q['article_id'].nunique()} articles match"

    def static(self, article_id: str | None = None, **filters):
        """An ``IPython.display.HTML`` of the article and its quote table (for non-interactive runs)."""
        from IPython.display import HTML

        aid = article_id or self.article_id
        return HTML(STATIC_LAYOUT.format(article=self.render(aid, **filters), table=self.table(aid, **filters)))

    # -------------------------------------------------------------------------------- widgets
    @property
    def widget(self):
        """The ipywidgets UI (built on first use)."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def _filters(self) -> dict:
        return {name: dd.value for name, dd in self._dropdowns.items() if name != "article"}

    def _build(self):
        w = require_widgets()
        q = self.analysis.quotes
        layout = w.Layout(width="auto")
        self._dropdowns = {
            "outlet": w.Dropdown(options=options(q, "outlet"), description="outlet", layout=layout),
            "party": w.Dropdown(options=options(q, "party"), description="party", layout=layout),
            "category": w.Dropdown(options=options(q, "cue_category"), description="verb", layout=layout),
            "kind": w.Dropdown(options=options(q, "kind"), description="kind", layout=layout),
        }
        self._dropdowns["article"] = w.Dropdown(description="article", layout=w.Layout(width="95%"))
        self._summary = w.HTML()
        self._article = w.HTML(layout=w.Layout(width="50%", min_width="0", padding="0 1em 0 0"))
        self._table = w.HTML(layout=w.Layout(width="50%", min_width="0"))  # the table's own box scrolls
        for name, dd in self._dropdowns.items():
            dd.observe(self._on_article if name == "article" else self._on_filter, names="value")
        self._on_filter()
        controls = w.HBox([self._dropdowns[n] for n in ("outlet", "party", "category", "kind")])
        return w.VBox([controls, self._dropdowns["article"], self._summary,
                       w.HBox([self._article, self._table])])

    def _on_filter(self, change=None) -> None:
        filters = self._filters()
        choices = article_options(self.analysis.articles, self.analysis.quotes, **filters)
        choices = [(label, aid) for label, aid in choices if aid in self.articles]
        dd = self._dropdowns["article"]
        current = self.article_id
        dd.unobserve(self._on_article, names="value")
        dd.options = choices
        ids = [aid for _, aid in choices]
        dd.value = current if current in ids else (ids[0] if ids else None)
        dd.observe(self._on_article, names="value")
        self._summary.value = f"<i>{self.summary(**filters)}</i>"
        self._show(dd.value)

    def _on_article(self, change=None) -> None:
        self._show(self._dropdowns["article"].value)

    def _show(self, article_id: str | None) -> None:
        if article_id is None:
            self._article.value = "<p><i>No article has an attribution matching these filters.</i></p>"
            self._table.value = ""
            return
        self.article_id = article_id
        filters = self._filters()
        self._article.value = self.render(article_id, **filters)
        self._table.value = self.table(article_id, **filters)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

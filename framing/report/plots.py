"""Figures and display tables for framing reports: tidy DataFrames in, an Axes or escaped HTML out.

Every function takes the table a metric function returns, draws on ``ax`` (a new figure when None) and
returns the Axes. Colours come from seaborn's colour-blind palette and each party also has a hatch and a
marker, and shares are written on the bars, so figures still read in greyscale print. Pass the same
``palette=party_palette(parties)`` to every figure to keep a party's colour fixed across them. Empty
input draws a "no data" note instead of failing. ``html_table``/``html_list``/``html_text`` escape every
value (article text may hold markup); ``top_verbs`` and ``quote_sample_table`` build the report's tables.

>>> import pandas as pd
>>> t = pd.DataFrame({"outlet": ["X", "X"], "party": ["A", "B"], "share_of_voice": [0.75, 0.25]})
>>> ax = share_of_voice_bars(t, by="outlet"); len(ax.patches)
2
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from ..measure.metrics import NO_PARTY
from ..palette import COLOURS, NO_PARTY_COLOUR as _NO_PARTY_HEX, luminance, party_colors
from .labels import header

__all__ = ["HTMLText", "balance_bars", "first_last_bars", "html_list", "html_sections", "html_table", "html_text",
           "literal", "named_anonymous_bars", "party_palette", "party_style", "quote_sample_table", "sentiment_intervals",
           "share_of_voice_bars", "top_verbs", "verb_heatmap"]

CONTINUATION = "(continuation)"  # the verb column of a quote that continues its speaker's previous one
_COLOURS = [to_rgb(c) for c in COLOURS]  # framing.palette: the same hues as the explorer and lessons
NO_PARTY_COLOUR = to_rgb(_NO_PARTY_HEX)
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++", "***"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">"]
# named / anonymous / other sources: dark solid, orange hatched, light dotted
SOURCE_STYLES = {"named": ((0.30, 0.30, 0.30), ""), "anonymous": (_COLOURS[1], "///"),
                 "other unnamed": ((0.85, 0.85, 0.85), "...")}


def party_palette(parties, no_party: str = NO_PARTY) -> dict:
    """{party: RGB colour}: :func:`framing.palette.party_colors` in the order given, grey for ``no_party``.

    >>> p = party_palette(["Valdoria", "Estland", "(no party)"]); p["(no party)"] == NO_PARTY_COLOUR
    True
    >>> p["Valdoria"] == party_palette(["Valdoria"])["Valdoria"]
    True
    """
    return {party: to_rgb(c) for party, c in party_colors(parties, no_party=no_party).items()}


def party_style(palette: dict, party) -> tuple:
    """(colour, hatch, marker) of ``party``: position in ``palette`` picks hatch and marker.

    >>> party_style(party_palette(["A", "B"]), "B")[1:]
    ('///', 's')
    """
    names = list(palette)
    i = names.index(party) if party in palette else len(names)
    colour = palette.get(party, _COLOURS[i % len(_COLOURS)])
    return colour, HATCHES[i % len(HATCHES)], MARKERS[i % len(MARKERS)]


# ----------------------------------------------------------------------------------------- helpers
def _axes(ax, rows: int, width: float = 8.0):
    if ax is None:
        _, ax = plt.subplots(figsize=(width, max(2.2, 0.42 * rows + 1.4)))
    return ax


def _no_data(ax, message: str = "no data"):
    ax = _axes(ax, 2)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.35")
    return ax


def _empty(df, columns) -> bool:
    if df is None or len(df) == 0:
        return True
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"table lacks column(s) {missing}; has {list(df.columns)}")
    return False


def _order(df: pd.DataFrame, palette, no_party: str) -> tuple[list, dict]:
    """Parties in palette order (others sorted after, no-party last) and the palette to use."""
    present = [p for p in pd.unique(df["party"].astype(object)) if pd.notna(p)]
    if palette is None:
        palette = party_palette(sorted(present, key=lambda p: (p == no_party, str(p))), no_party)
    extra = sorted((p for p in present if p not in palette), key=lambda p: (p == no_party, str(p)))
    palette = {**palette, **party_palette(list(palette) + extra, no_party)}
    return [p for p in palette if p in present], palette


def literal(text) -> str:
    """A user string (outlet, party, group) as matplotlib must get it to show it literally: ``$`` escaped,
    so "HK$ 20% Weekly US$" is not read as mathtext. ``literal("US$ 5") == "US\\$ 5"``."""
    return str(text).replace("$", r"\$")


def _text_colour(colour) -> str:
    """Black or white, whichever has the higher WCAG contrast ratio on ``colour``.

    >>> _text_colour((0.0, 0.62, 0.45)), _text_colour((0.0, 0.45, 0.70))  # colour-blind green, blue
    ('black', 'white')
    """
    lum = luminance(to_rgb(colour))
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def _label(ax, x: float, y: float, text: str, colour) -> None:
    """A share written on a bar: 9.5 pt bold, on a solid patch of the bar's colour that hides the hatch."""
    ax.text(x, y, text, ha="center", va="center", fontsize=9.5, fontweight="bold", color=_text_colour(colour),
            bbox={"boxstyle": "round,pad=0.3", "fc": colour, "ec": "none"})


def _stack(ax, y: float, values: list[tuple], label_min: float, seen: set) -> None:
    """One stacked horizontal bar: values are (name, share, colour, hatch)."""
    left = 0.0
    for name, share, colour, hatch in values:
        if not np.isfinite(share) or share <= 0:
            continue
        ax.barh(y, share, left=left, color=colour, hatch=hatch, edgecolor="white", linewidth=0.8,
                label=None if name in seen else literal(name))
        seen.add(name)
        if share >= label_min:
            _label(ax, left + share / 2, y, f"{share:.0%}", colour)
        left += share


def _legend(ax, handles) -> None:
    """One row of legend entries just above the plot (several rows past 6 entries)."""
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=min(len(handles), 6),
              frameon=False, fontsize=9, borderaxespad=0, handlelength=1.6, columnspacing=1.2)


def _finish_bars(ax, labels: list[str], legend: list[tuple], xlabel: str):
    ax.set_yticks(range(len(labels)), [literal(v) for v in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=literal(n)) for n, c, h in legend]
    _legend(ax, handles)
    sns.despine(ax=ax, left=True)
    return ax


# ----------------------------------------------------------------------------------------- figures
def share_of_voice_bars(parties: pd.DataFrame, by: str = "outlet", measure: str = "quotes", palette=None,
                        ax=None, label_min: float = 0.06, no_party: str = NO_PARTY):
    """Stacked horizontal bars per group: each party's share of attributions (``measure="quotes"``,
    column share_of_voice) or of quoted words (``"words"``, share_by_words), from ``party_table(by=)``.

    One bar segment per (group, party) with a share above 0; shares of at least ``label_min`` are
    written on the bar. Example: ``share_of_voice_bars(a.parties_by("outlet"), "outlet", "words")``.
    """
    columns = {"quotes": "share_of_voice", "words": "share_by_words"}
    if measure not in columns:
        raise ValueError(f"measure must be 'quotes' or 'words', got {measure!r}")
    col = columns[measure]
    if _empty(parties, [by, "party", col]):
        return _no_data(ax)
    order, palette = _order(parties, palette, no_party)
    groups = list(pd.unique(parties[by]))
    ax = _axes(ax, len(groups))
    seen: set = set()
    for y, group in enumerate(groups):
        rows = parties[parties[by] == group].set_index("party")[col]
        _stack(ax, y, [(p, float(rows.get(p, np.nan)), *party_style(palette, p)[:2]) for p in order],
               label_min, seen)
    legend = [(p, *party_style(palette, p)[:2]) for p in order if p in seen]
    what = "attributions" if measure == "quotes" else "quoted words"
    return _finish_bars(ax, [str(g) for g in groups], legend, f"share of {what}")


def first_last_bars(first_last: pd.DataFrame, by: str = "outlet", palette=None, ax=None,
                    label_min: float = 0.06, no_party: str = NO_PARTY):
    """Two stacked bars per group: which party speaks first, and which has the last word, as shares of
    the group's articles (``first_last(quotes, by=)`` or ``party_table`` columns first_source_share,
    last_word_share). Example: ``first_last_bars(first_last(q, by="outlet"), "outlet")``.
    """
    cols = {"first": "first_source_share", "last": "last_word_share"}
    if _empty(first_last, [by, "party", *cols.values()]):
        return _no_data(ax)
    data = first_last[first_last["party"] != no_party]
    if data.empty:
        return _no_data(ax)
    order, palette = _order(data, palette, no_party)
    groups = list(pd.unique(data[by]))
    ax = _axes(ax, 2 * len(groups))
    labels, seen = [], set()
    for group in groups:
        rows = data[data[by] == group].set_index("party")
        for kind, col in cols.items():
            values = [(p, float(rows[col].get(p, np.nan)), *party_style(palette, p)[:2]) for p in order]
            _stack(ax, len(labels), values, label_min, seen)
            labels.append(f"{group}: {'first voice' if kind == 'first' else 'last word'}")
    legend = [(p, *party_style(palette, p)[:2]) for p in order if p in seen]
    return _finish_bars(ax, labels, legend, "share of articles")


def named_anonymous_bars(parties: pd.DataFrame, by: str = "outlet", ax=None, label_min: float = 0.08,
                         no_party: str = NO_PARTY):
    """Per group and party, a bar split into named, anonymous and other unnamed sources (collectives,
    organisations), from ``party_table(by=)`` columns named_rate and anonymous_rate; no-party rows are
    left out. Example: ``named_anonymous_bars(a.parties_by("outlet"), "outlet")``.
    """
    if _empty(parties, [by, "party", "named_rate", "anonymous_rate"]):
        return _no_data(ax)
    data = parties[(parties["party"] != no_party) & parties["named_rate"].notna()]
    if data.empty:
        return _no_data(ax)
    ax = _axes(ax, len(data))
    labels, seen = [], set()
    for _, row in data.iterrows():
        named, anon = float(row["named_rate"]), float(np.nan_to_num(row["anonymous_rate"]))
        other = max(0.0, 1.0 - named - anon)
        values = [(k, v, *SOURCE_STYLES[k]) for k, v in (("named", named), ("anonymous", anon),
                                                         ("other unnamed", other))]
        _stack(ax, len(labels), values, label_min, seen)
        labels.append(f"{row[by]}: {row['party']}")
    legend = [(k, *SOURCE_STYLES[k]) for k in SOURCE_STYLES if k in seen]
    return _finish_bars(ax, labels, legend, "share of the party's attributions")


def verb_heatmap(verbs: pd.DataFrame, by: str = "outlet", category: str | None = "distancing",
                 value: str = "ratio", ax=None, no_party: str = NO_PARTY):
    """Heatmap of attribution-verb stance: party x group for one ``category``, or (``category=None``)
    party and group x every category with at least one verb. ``value`` "ratio" takes
    ``relative_to_said(by=)`` (verbs of the category per neutral "said"), "share" takes
    ``verb_table(by=)``. Cells are annotated, so the figure reads without colour; NaN cells stay blank.
    Example: ``verb_heatmap(relative_to_said(q, by="outlet"), "outlet", "distancing")``.
    """
    if _empty(verbs, [by, "party", "category", value]):
        return _no_data(ax)
    data = verbs[(verbs["party"] != no_party) & (verbs["category"] != "neutral")]
    if category is not None:
        data = data[data["category"] == category]
        table = data.pivot_table(index="party", columns=by, values=value, aggfunc="first", dropna=False,
                                 sort=False)
        label = f"{category} per 'said'" if value == "ratio" else f"share {category}"
    else:
        if "count" in data.columns:
            used = data.groupby("category")["count"].transform("sum") > 0
            data = data[used]
        data = data.assign(_row=data["party"].astype(str) + " · " + data[by].astype(str))
        table = data.pivot_table(index="_row", columns="category", values=value, aggfunc="first",
                                 dropna=False, sort=False)
        table.index.name = None
        label = "per 'said'" if value == "ratio" else "share of attributions"
    table = table.astype(float)
    table.index = [literal(v) for v in table.index]
    table.columns = [literal(v) for v in table.columns]
    if table.size == 0:
        return _no_data(ax, f"no {category or 'non-neutral'} verbs")
    ax = _axes(ax, max(len(table), 4), width=max(6.0, 1.1 * table.shape[1] + 3))
    sns.heatmap(table, ax=ax, annot=True, fmt=".2f", cmap="cividis", linewidths=0.5, linecolor="white",
                cbar_kws={"label": label}, annot_kws={"fontsize": 8})
    ax.set_xlabel("" if category is None else by)
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelrotation=30)
    for t in ax.get_xticklabels():
        t.set_horizontalalignment("right")
    return ax


def sentiment_intervals(ci: pd.DataFrame, by: str = "outlet", palette=None, ax=None,
                        xlabel: str = "mean sentiment (VADER compound)", no_party: str = NO_PARTY):
    """Point estimate and 95% interval per party within each group, from ``bootstrap_ci(by=)`` or
    ``framing.measure.compare.group_intervals`` output (columns estimate, ci_low, ci_high); each party has
    its own colour and marker. A row without an interval (too few articles, no variation) is a hollow
    marker with no bar, never a zero-width bar. Rows without an estimate are skipped.
    Example: ``sentiment_intervals(bootstrap_ci(q, "mean_sentiment", by="outlet"))``.
    """
    if _empty(ci, [by, "party", "estimate", "ci_low", "ci_high"]):
        return _no_data(ax)
    data = ci[np.isfinite(pd.to_numeric(ci["estimate"], errors="coerce").astype(float))]
    if data.empty:
        return _no_data(ax)
    order, palette = _order(data, palette, no_party)
    groups = list(pd.unique(data[by]))
    ax = _axes(ax, len(groups) * max(1, len(order)) * 0.45)
    step, hollow = 0.7 / max(len(order), 1), False
    for j, party in enumerate(order):
        rows = data[data["party"] == party]
        y = np.array([groups.index(g) for g in rows[by]]) - 0.35 + step * (j + 0.5)
        est, low, high = (rows[c].to_numpy(dtype=float) for c in ("estimate", "ci_low", "ci_high"))
        has = np.isfinite(low) & np.isfinite(high)
        colour, _, marker = party_style(palette, party)
        ax.errorbar(est[has], y[has], xerr=[np.clip(est - low, 0, None)[has], np.clip(high - est, 0, None)[has]],
                    fmt=marker, color=colour, markeredgecolor="black", markeredgewidth=0.5, capsize=3,
                    label=literal(party))
        if (~has).any():
            ax.plot(est[~has], y[~has], marker, markerfacecolor="white", markeredgecolor=colour, markersize=7,
                    markeredgewidth=1.5, linestyle="none")
            hollow = True
    ax.axvline(0, color="0.5", linewidth=0.8, linestyle=":")
    ax.set_yticks(range(len(groups)), [literal(g) for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlabel(xlabel + ("\nhollow marker: no interval (too few articles, or no variation)" if hollow else ""))
    _legend(ax, ax.get_legend_handles_labels()[0])
    sns.despine(ax=ax, left=True)
    return ax


BALANCE_LABELS = {"entropy": "evenness (Shannon, 1 = parties quoted equally)",
                  "effective_parties": "effective number of parties quoted (1 / HHI)",
                  "hhi": "concentration (HHI, 1 = one party only)",
                  "one_sided_rate": "share of articles quoting one party only"}


def balance_bars(balance: pd.DataFrame, by: str = "outlet", measure: str = "entropy", ax=None):
    """One bar per group for a balance index from ``balance_table(by=)`` (entropy, effective_parties,
    hhi or one_sided_rate), its value written at the end of the bar. Groups without a value are skipped.
    Example: ``balance_bars(balance_table(q, by="outlet"), "outlet", "effective_parties")``.
    """
    if measure not in BALANCE_LABELS:
        raise ValueError(f"measure must be one of {list(BALANCE_LABELS)}, got {measure!r}")
    if _empty(balance, [by, measure]):
        return _no_data(ax)
    data = balance[np.isfinite(pd.to_numeric(balance[measure], errors="coerce").astype(float))]
    if data.empty:
        return _no_data(ax)
    ax = _axes(ax, len(data))
    values = data[measure].to_numpy(dtype=float)
    ax.barh(range(len(data)), values, color=_COLOURS[0], edgecolor="white", hatch="")
    top = max(1.0, float(values.max())) if measure != "effective_parties" else float(values.max()) * 1.15
    for y, v in enumerate(values):
        ax.text(v + top * 0.01, y, f"{v:.2f}", va="center", fontsize=9.5)
    ax.set_yticks(range(len(data)), [literal(g) for g in data[by]])
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.08)
    ax.set_xlabel(BALANCE_LABELS[measure])
    sns.despine(ax=ax, left=True)
    return ax


# ------------------------------------------------------------------------------- display tables
class HTMLText(str):
    """An already-escaped HTML string that notebooks display as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def top_verbs(quotes: pd.DataFrame, by: str, parties=None, top: int = 5) -> pd.DataFrame:
    """Most frequent cue lemmas ("say ×12, claim ×3") per party (rows) and group (columns).

    >>> q = pd.DataFrame({"article_id": ["a"] * 3, "attribution_id": [1, 2, 3], "outlet": "X",
    ...                   "party": "A", "cue_lemma": ["say", "claim", "say"]})
    >>> top_verbs(q, "outlet").loc["A", "X"]
    'say ×2, claim ×1'
    """
    att = quotes.drop_duplicates(["article_id", "attribution_id"])
    lemma = att["cue_lemma"] if "cue_lemma" in att.columns else pd.Series(np.nan, index=att.index)
    if "cue" in att.columns:
        lemma = lemma.where(lemma.notna(), att["cue"])
    att = att.assign(_lemma=lemma, party=att["party"].where(att["party"].notna(), NO_PARTY)).dropna(subset=["_lemma"])
    if parties is not None:
        att = att[att["party"].isin(list(parties))]
    counts = att.groupby(["party", by, "_lemma"]).size().rename("n").reset_index()
    counts = counts.sort_values(["n", "_lemma"], ascending=[False, True], kind="stable")
    counts = counts.groupby(["party", by], sort=False).head(top)
    counts["text"] = counts["_lemma"].astype(str) + " ×" + counts["n"].astype(str)
    wide = counts.groupby(["party", by], sort=False)["text"].agg(", ".join).unstack(by).fillna("")
    wide = wide.reindex(columns=sorted(wide.columns, key=str))
    order = list(parties) if parties is not None else sorted(wide.index, key=lambda p: (p == NO_PARTY, p))
    wide = wide.reindex([p for p in order if p in wide.index])
    wide.columns.name = None
    return wide


def quote_sample_table(quotes: pd.DataFrame, parties, n: int = 5, by: str | None = None, seed: int = 0,
                       max_chars: int = 240) -> pd.DataFrame:
    """Up to ``n`` random attributions per party (fragments joined with " … "), for readers to check the
    extraction: party, group, speaker, verb, kind, quote, article. Same ``seed``, same sample. A quote
    without a verb (it continues the speaker's previous one) shows the verb "(continuation)"; a trailing
    comma typeset inside the closing quotation mark is not shown; kind "according_to" reads "according to".

    >>> q = pd.DataFrame({"article_id": "a", "attribution_id": [1, 1, 2], "party": ["A", "A", "B"],
    ...     "speaker": ["Ana", "Ana", "Bo"], "cue": "said", "kind": "direct", "content": ["x", "y", "z"]})
    >>> quote_sample_table(q, ["A"], n=3)["quote"].tolist()
    ['x … y']
    """
    cols = ["party"] + ([by] if by else []) + ["speaker", "verb", "kind", "quote", "article"]
    if not len(quotes) or n <= 0:
        return pd.DataFrame(columns=cols)
    q = quotes.assign(party=quotes["party"].where(quotes["party"].notna(), NO_PARTY))
    grp = q.groupby(["article_id", "attribution_id"], sort=False)
    att = grp.first()
    att["quote"] = grp["content"].agg(lambda s: " … ".join(str(x) for x in s if pd.notna(x)))
    att = att.reset_index()
    rng = np.random.default_rng(seed)
    parts = []
    for party in parties:
        rows = att[att["party"] == party]
        take = np.sort(rng.choice(len(rows), size=min(n, len(rows)), replace=False)) if len(rows) else []
        parts.append(rows.iloc[take])
    out = pd.concat(parts, ignore_index=True) if parts else att.iloc[:0]
    # A direct quote keeps the comma typeset inside its closing mark ("“… not to pause one,” she said"):
    # the extracted text is right, the comma is dropped for display only.
    quote = out["quote"].astype(str).str.replace(r"\s*[,;:]+$", "", regex=True)
    cue = out["cue"] if "cue" in out.columns else pd.Series(np.nan, index=out.index)
    verb = cue.astype(object).where(cue.notna() & (cue.astype(str).str.strip() != ""), CONTINUATION)
    kind = out["kind"].astype(str).str.replace("_", " ") if "kind" in out.columns else None
    out = out.assign(verb=verb, article=out["article_id"], kind=kind,
                     quote=quote.where(quote.str.len() <= max_chars, quote.str[:max_chars - 1] + "…"))
    return out.reindex(columns=cols).reset_index(drop=True)


def _cell(value, fmt: str | None) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or value is pd.NA:
        return "–"
    if fmt and isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return fmt.format(value)
    if isinstance(value, (float, np.floating)):
        return f"{value:.2f}"
    return str(value)


def html_table(df: pd.DataFrame, formats: dict | None = None, index: bool = False,
               empty: str = "(none)") -> HTMLText:
    """``df`` as an HTML table with every header and cell escaped; ``formats`` {column: "{:.0%}"}.
    Headers are human labels (:func:`framing.report.labels.header`: ``ci_low`` shows "95% interval from").

    >>> html_table(pd.DataFrame({"q": ["<b>hi</b>"], "x": [0.5]}), {"x": "{:.0%}"})
    '<table class="framing-table"><thead><tr><th>q</th><th>x</th></tr></thead><tbody><tr><td>&lt;b&gt;hi&lt;/b&gt;</td><td class=num>50%</td></tr></tbody></table>'
    """
    if df is None or not len(df):
        return HTMLText(f"<p><em>{html.escape(empty)}</em></p>")
    formats = formats or {}
    if index:
        df = df.reset_index()
    head = "".join(f"<th>{html.escape(header(c))}</th>" for c in df.columns)
    def td(v, c) -> str:
        num = isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
        return f"<td{' class=num' if num else ''}>{html.escape(_cell(v, formats.get(c)))}</td>"

    body = "".join("<tr>" + "".join(td(v, c)
                                    for c, v in zip(df.columns, row, strict=True)) + "</tr>"
                   for row in df.itertuples(index=False))
    return HTMLText(f'<table class="framing-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def html_list(items, empty: str = "(none)") -> HTMLText:
    """Escaped items as an HTML bullet list: ``html_list(["a < b"]) == '<ul><li>a &lt; b</li></ul>'``."""
    items = list(items)
    if not items:
        return HTMLText(f"<p>{html.escape(empty)}</p>")
    return HTMLText("<ul>" + "".join(f"<li>{html.escape(str(i))}</li>" for i in items) + "</ul>")


def html_sections(sections, empty: str = "(none)", tag: str = "h4") -> HTMLText:
    """[(heading, items)] as escaped headings, each over its bullet list.

    >>> html_sections([("Share <of> voice", ["a & b"])])
    '<h4>Share &lt;of&gt; voice</h4><ul><li>a &amp; b</li></ul>'
    """
    sections = [(h, list(items)) for h, items in sections]
    if not sections:
        return HTMLText(f"<p>{html.escape(empty)}</p>")
    return HTMLText("".join(f"<{tag}>{html.escape(str(h))}</{tag}>" + html_list(items, empty)
                            for h, items in sections))


def html_text(text: str, tag: str = "p") -> HTMLText:
    """Escaped text in a tag: ``html_text("<x>", "h1") == '<h1>&lt;x&gt;</h1>'``."""
    return HTMLText(f"<{tag}>{html.escape(str(text))}</{tag}>")

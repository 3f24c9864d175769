"""Figures for framing reports: tidy DataFrames in, a matplotlib Axes out (seaborn style).

Every function takes the table a metric function returns, draws on ``ax`` (a new figure when None) and
returns the Axes. Colours come from seaborn's colour-blind palette and each party also has a hatch and a
marker, and shares are written on the bars, so figures still read in greyscale print. Pass the same
``palette=party_palette(parties)`` to every figure to keep a party's colour fixed across them. Empty
input draws a "no data" note instead of failing.

>>> import pandas as pd
>>> t = pd.DataFrame({"outlet": ["X", "X"], "party": ["A", "B"], "share_of_voice": [0.75, 0.25]})
>>> ax = share_of_voice_bars(t, by="outlet"); len(ax.patches)
2
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from .metrics import NO_PARTY

__all__ = ["balance_bars", "first_last_bars", "named_anonymous_bars", "party_palette", "party_style",
           "sentiment_intervals", "share_of_voice_bars", "verb_heatmap"]

_COLOURS = [c for i, c in enumerate(sns.color_palette("colorblind", 10)) if i != 7]  # 7 is the grey
NO_PARTY_COLOUR = (0.78, 0.78, 0.78)
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++", "***"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">"]
# named / anonymous / other sources: dark solid, orange hatched, light dotted
SOURCE_STYLES = {"named": ((0.30, 0.30, 0.30), ""), "anonymous": (_COLOURS[1], "///"),
                 "other unnamed": ((0.85, 0.85, 0.85), "...")}


def party_palette(parties, no_party: str = NO_PARTY) -> dict:
    """{party: RGB colour}: colour-blind palette colours in the order given, grey for ``no_party``.

    >>> p = party_palette(["Valdoria", "Estland", "(no party)"]); p["(no party)"]
    (0.78, 0.78, 0.78)
    >>> p["Valdoria"] == party_palette(["Valdoria"])["Valdoria"]
    True
    """
    out, i = {}, 0
    for party in pd.unique(pd.Series(list(parties), dtype=object).dropna()):
        if party == no_party:
            out[party] = NO_PARTY_COLOUR
        else:
            out[party] = _COLOURS[i % len(_COLOURS)]
            i += 1
    return out


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


def _text_colour(colour) -> str:
    r, g, b = to_rgb(colour)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def _label(ax, x: float, y: float, text: str, colour) -> None:
    ax.text(x, y, text, ha="center", va="center", fontsize=8, color=_text_colour(colour),
            bbox={"boxstyle": "round,pad=0.15", "fc": colour, "ec": "none"})


def _stack(ax, y: float, values: list[tuple], label_min: float, seen: set) -> None:
    """One stacked horizontal bar: values are (name, share, colour, hatch)."""
    left = 0.0
    for name, share, colour, hatch in values:
        if not np.isfinite(share) or share <= 0:
            continue
        ax.barh(y, share, left=left, color=colour, hatch=hatch, edgecolor="white", linewidth=0.8,
                label=None if name in seen else name)
        seen.add(name)
        if share >= label_min:
            _label(ax, left + share / 2, y, f"{share:.0%}", colour)
        left += share


def _finish_bars(ax, labels: list[str], legend: list[tuple], xlabel: str):
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=n) for n, c, h in legend]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.6 / max(len(labels), 1)),
              ncol=min(len(handles), 4), frameon=False, fontsize=8)
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
        label = f"{category} verbs per neutral 'said'" if value == "ratio" else f"share of {category} verbs"
    else:
        if "count" in data.columns:
            used = data.groupby("category")["count"].transform("sum") > 0
            data = data[used]
        data = data.assign(_row=data["party"].astype(str) + " · " + data[by].astype(str))
        table = data.pivot_table(index="_row", columns="category", values=value, aggfunc="first",
                                 dropna=False, sort=False)
        table.index.name = None
        label = "verbs per neutral 'said'" if value == "ratio" else "share of attributions"
    table = table.astype(float)
    if table.size == 0:
        return _no_data(ax, f"no {category or 'non-neutral'} verbs")
    ax = _axes(ax, len(table), width=max(6.0, 1.1 * table.shape[1] + 3))
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
    """Point estimate and 95% interval per party within each group, from ``bootstrap_ci(by=)`` output
    (columns estimate, ci_low, ci_high); each party has its own colour and marker. Rows without an
    estimate are skipped. Example: ``sentiment_intervals(bootstrap_ci(q, "mean_sentiment", by="outlet"))``.
    """
    if _empty(ci, [by, "party", "estimate", "ci_low", "ci_high"]):
        return _no_data(ax)
    data = ci[np.isfinite(pd.to_numeric(ci["estimate"], errors="coerce").astype(float))]
    if data.empty:
        return _no_data(ax)
    order, palette = _order(data, palette, no_party)
    groups = list(pd.unique(data[by]))
    ax = _axes(ax, len(groups) * max(1, len(order)) * 0.45)
    step = 0.7 / max(len(order), 1)
    for j, party in enumerate(order):
        rows = data[data["party"] == party]
        y = np.array([groups.index(g) for g in rows[by]]) - 0.35 + step * (j + 0.5)
        est = rows["estimate"].to_numpy(dtype=float)
        low = np.nan_to_num(est - rows["ci_low"].to_numpy(dtype=float))
        high = np.nan_to_num(rows["ci_high"].to_numpy(dtype=float) - est)
        colour, _, marker = party_style(palette, party)
        ax.errorbar(est, y, xerr=[np.clip(low, 0, None), np.clip(high, 0, None)], fmt=marker, color=colour,
                    markeredgecolor="black", markeredgewidth=0.5, capsize=3, label=str(party))
    ax.axvline(0, color="0.5", linewidth=0.8, linestyle=":")
    ax.set_yticks(range(len(groups)), [str(g) for g in groups])
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 - 0.5 / len(groups)), ncol=min(len(order), 4),
              frameon=False, fontsize=8)
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
        ax.text(v + top * 0.01, y, f"{v:.2f}", va="center", fontsize=8)
    ax.set_yticks(range(len(data)), [str(g) for g in data[by]])
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.08)
    ax.set_xlabel(BALANCE_LABELS[measure])
    sns.despine(ax=ax, left=True)
    return ax

"""The report's "notable differences" and per-group intervals, in words: each comparison with its n,
its interval and its effect size, grouped by measure, and a note saying how many comparisons were drawn
and how the list controls for them. The statistics are :mod:`framing.measure.compare`'s.

>>> d = pd.DataFrame([{"statistic": "share_of_voice", "party": "Valdoria", "group_a": "The Northgate Herald",
...     "group_b": "Continental Wire Service", "estimate_a": 0.44, "estimate_b": 0.31, "difference": 0.13,
...     "ci_low": 0.05, "ci_high": 0.21, "effect_size": 0.27, "p_value": 0.001, "p_adjusted": 0.01,
...     "articles_a": 6, "articles_b": 6, "units_a": 126, "units_b": 147, "unit": "attributions",
...     "status": "ok", "notable": True}])
>>> describe_differences(d)[0]
'The Northgate Herald gives Valdoria 44% of its attributions (126 attributions, 6 articles) against 31% at Continental Wire Service (147 attributions, 6 articles): 13 percentage points more (95% CI 5 to 21).'
"""

from __future__ import annotations

import pandas as pd

from ..measure.compare import (
    DIFFERENCE_STATISTICS,
    MEANS,
    MIN_ARTICLES,
    TOO_FEW,
    article_sums,
    compare_sums,
    group_intervals,
)
from ..measure.uncertainty import bootstrap_ci
from .params import ReportData

__all__ = ["MEASURE_NAMES", "MIN_ARTICLES", "describe_differences", "difference_note", "difference_sections", "interval_table",
           "notable_differences"]

#: The heading of each measure in the list of differences.
MEASURE_NAMES = {"share_of_voice": "Share of voice", "share_by_words": "Share of quoted words",
                 "first_source_share": "First voice", "last_word_share": "Last word",
                 "named_rate": "Named sources", "anonymous_rate": "Anonymous sources",
                 "direct_rate": "Direct quotation", "distancing_rate": "Distancing verbs",
                 "mean_sentiment": "Sentiment of quotes", "mean_tone": "Tone of the narration"}
_SENTENCES = {
    "share_of_voice": "{A} gives {p} {a} of its attributions {na} against {b} {at} {B} {nb}",
    "share_by_words": "{A} gives {p} {a} of its quoted words {na} against {b} {at} {B} {nb}",
    "first_source_share": "{A} quotes {p} first in {a} of its articles {na} against {b} {at} {B} {nb}",
    "last_word_share": "{A} gives {p} the last word in {a} of its articles {na} against {b} {at} {B} {nb}",
    "named_rate": "{A} names the speaker in {a} of {p}'s attributions {na} against {b} {at} {B} {nb}",
    "anonymous_rate": "{A} leaves {a} of {p}'s attributions anonymous {na} against {b} {at} {B} {nb}",
    "direct_rate": "{A} quotes {p} word for word in {a} of attributions {na} against {b} {at} {B} {nb}",
    "distancing_rate": "{A} introduces {a} of {p}'s attributions with a distancing verb such as \"claimed\" "
                       "{na} against {b} {at} {B} {nb}",
    "mean_sentiment": "Quotes of {p} average a sentiment of {a} in {A_in} {na} against {b} {at} {B} {nb}",
    "mean_tone": "Narration about {p} averages a tone of {a} in {A_in} {na} against {b} {at} {B} {nb}",
}
_CORRECTION_NAMES = {"bh": "Benjamini–Hochberg correction (false discovery rate {alpha:.0%})",
                     "holm": "Holm correction (family-wise error {alpha:.0%})"}


def _tables(data: ReportData, statistic: str):
    return data.analysis.mentions if statistic == "mean_tone" else data.analysis.quotes


def _groups(data: ReportData) -> pd.Series:
    return data.analysis.articles.set_index("article_id")[data.by]


def notable_differences(data: ReportData, statistics=DIFFERENCE_STATISTICS, level: float = 0.95,
                        min_articles: int = MIN_ARTICLES, correction: str = "bh",
                        alpha: float = 0.05) -> pd.DataFrame:
    """:func:`framing.measure.compare.compare_sums` for every pair of groups, compared party and statistic
    of a report (rows oriented so that group_a has the higher value; column ``notable`` marks the list)."""
    sums = [article_sums(_tables(data, s), s) for s in statistics if len(_tables(data, s))]
    return compare_sums(sums, _groups(data), data.parties, level, min_articles, correction, alpha)


def interval_table(data: ReportData, statistic: str, level: float = 0.95, min_articles: int = MIN_ARTICLES,
                   n_boot: int | None = None, seed: int = 0) -> pd.DataFrame:
    """Per group and party: estimate, interval and n (:func:`framing.measure.compare.group_intervals`).

    With ``n_boot``, also the cluster-bootstrap percentile interval (boot_low, boot_high; none below
    ``min_articles`` articles or when every resample is equal) as a check on the main one."""
    table = _tables(data, statistic)
    if not len(table):
        table, statistic = data.analysis.quotes.iloc[:0], "share_of_voice"
    out = group_intervals(article_sums(table, statistic), _groups(data), data.by, level, min_articles)
    if n_boot is None or not len(out):
        return out
    boot = bootstrap_ci(table, statistic, by=data.by, n_boot=n_boot, level=level, seed=seed)
    few = boot["n_articles"] < min_articles
    boot = boot.assign(boot_low=boot["ci_low"].mask(few), boot_high=boot["ci_high"].mask(few))
    return out.merge(boot[[data.by, "party", "boot_low", "boot_high"]], on=[data.by, "party"], how="left")


def _subject(by: str, group) -> tuple[str, str, str]:
    """(sentence subject, "in ..." form, preposition) for a group: outlets are named as they are."""
    if by == "outlet":
        return str(group), str(group), "at"
    label = f"the week of {group}" if by == "week" else f"{group}" if by == "month" else f"{by} {group}"
    return f"Coverage in {label}", label, "in"


def _n(units: float, unit: str, articles: int) -> str:
    noun = unit[:-1] if units == 1 and unit.endswith("s") else unit
    return f"({units:.0f} {noun}, {articles} article{'s' if articles != 1 else ''})"


def bound(value: float, digits: int) -> str:
    """An interval bound with ``digits`` decimals, or more when that would show a bound that is not 0
    as 0: whether an interval excludes zero is decided on unrounded values, and the text must not
    contradict it. ``bound(0.0031, 2) == "0.003"``, ``bound(0.24, 2) == "0.24"``, ``bound(0.0, 2) == "0.00"``."""
    text = f"{value:.{digits}f}"
    while value != 0 and float(text) == 0 and digits < 6:
        digits += 1
        text = f"{value:.{digits}f}"
    return text


def _sentence(r, by: str, level: float) -> str:
    mean = r.statistic in MEANS and r.statistic != "share_by_words"
    subj, a_in, _ = _subject(by, r.group_a)
    _, b_in, at = _subject(by, r.group_b)
    if mean:
        a, b = f"{r.estimate_a:+.2f}", f"{r.estimate_b:+.2f}"
        diff = (f"{r.difference:.2f} higher ({level:.0%} CI {bound(r.ci_low, 2)} to "
                f"{bound(r.ci_high, 2)})")
    else:
        a, b = f"{r.estimate_a:.0%}", f"{r.estimate_b:.0%}"
        diff = (f"{100 * r.difference:.0f} percentage points more ({level:.0%} CI {bound(100 * r.ci_low, 0)} "
                f"to {bound(100 * r.ci_high, 0)})")
    units_a = r.articles_a if r.unit == "articles" else r.units_a
    if r.unit == "articles":  # "in 100% of its articles (6 articles)" says it once
        na, nb = f"({r.articles_a} articles)", f"({r.articles_b} articles)"
    else:
        na, nb = _n(units_a, r.unit, r.articles_a), _n(r.units_b, r.unit, r.articles_b)
    text = _SENTENCES[r.statistic].format(A=subj, A_in=a_in, B=b_in, at=at, p=r.party, a=a, b=b, na=na, nb=nb)
    return f"{text}: {diff}."


def _ranked(diffs: pd.DataFrame) -> pd.DataFrame:
    rows = diffs[diffs["notable"].astype(bool)] if len(diffs) else diffs
    return rows.assign(_size=rows["effect_size"].abs()).sort_values("_size", ascending=False, kind="stable")


def describe_differences(diffs: pd.DataFrame, by: str = "outlet", level: float = 0.95) -> list[str]:
    """One short sentence per notable difference (rows of :func:`notable_differences`), the largest
    effect first, each with both groups' n and the interval of the difference."""
    return [_sentence(r, by, level) for r in _ranked(diffs).itertuples(index=False)]


def difference_sections(diffs: pd.DataFrame, by: str = "outlet", level: float = 0.95) -> list[tuple[str, list[str]]]:
    """The notable differences grouped by measure: [(heading, sentences)], the measure with the largest
    effect first, sentences by effect size within it."""
    ranked = _ranked(diffs)
    order = list(dict.fromkeys(ranked["statistic"]))
    return [(MEASURE_NAMES.get(s, s), [_sentence(r, by, level) for r in ranked[ranked["statistic"] == s]
                                       .itertuples(index=False)]) for s in order]


def difference_note(diffs: pd.DataFrame, data: ReportData, min_articles: int = MIN_ARTICLES,
                    correction: str = "bh", alpha: float = 0.05) -> list[str]:
    """What the list rests on: comparisons drawn and listed, the correction, and groups too small to compare."""
    drawn = int((diffs["status"] == "ok").sum()) if len(diffs) else 0
    listed = int(diffs["notable"].sum()) if len(diffs) else 0
    method = _CORRECTION_NAMES[correction].format(alpha=alpha)
    if drawn:
        lines = [(f"{drawn} comparison{'s' if drawn != 1 else ''} drawn (each pair of groups, each party compared, "
                  f"each measure); {listed} listed: those still significant after the {method} for the {drawn} "
                  "comparisons, whose 95% interval excludes zero. With this many comparisons, some differences "
                  "would look large by chance alone; the correction keeps them out.")]
    else:
        lines = ["No comparison could be drawn: no two groups have enough articles quoting the parties compared."]
    sizes = data.analysis.articles.groupby(data.by).size()
    small = sizes[sizes < min_articles]
    if len(small):
        named = ", ".join(f"{g} ({n} article{'s' if n != 1 else ''})" for g, n in small.items())
        lines.append(f"Too few articles to compare (fewer than {min_articles} in a group): {named}. "
                     "These groups get no interval and are left out of the comparisons.")
    few = int((diffs["status"] == TOO_FEW).sum()) if len(diffs) else 0
    if few:
        lines.append(f"{few} comparison{'s' if few != 1 else ''} not drawn: one of the two groups has fewer "
                     f"than {min_articles} articles quoting the party.")
    return lines

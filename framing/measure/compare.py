"""Group comparisons that do not overclaim: intervals that behave at 0 and 1 and with few articles, the n
behind every number, a minimum number of articles per group, and a correction for the number of
comparisons drawn.

Articles are the sampling unit (quotes within an article are not independent). Every statistic is a
ratio of per-article sums, estimate = sum_j num_j / sum_j den_j (:class:`ArticleSums`), and:

- **proportions of attributions** (share_of_voice, named_rate, anonymous_rate, distancing_rate,
  direct_rate): Wilson score interval on the Korn–Graubard effective n, n_eff = p(1 - p) / var_design,
  var_design the linearised (cluster-robust) variance of the ratio, capped at the attributions counted,
  times (z / t_{k-1})^2 for k articles; n is used as it is when p is 0 or 1;
- **proportions of articles** (first_source_share, last_word_share): plain Wilson, one unit per article;
- **differences of proportions**: Newcombe's hybrid score interval from the two Wilson intervals, tested
  with the pooled two-proportion z-test on the effective n; effect size Cohen's h;
- **means** (mean_sentiment, mean_tone, share_by_words): estimate ± t_{k-1} x linearised standard error;
  differences by Welch's t (Satterthwaite degrees of freedom, k - 1 per group); effect size Cohen's d.

A group with fewer than ``min_articles`` (default :data:`MIN_ARTICLES`) contributing articles gets no
interval (status "too few articles") and is not compared; a mean that does not vary gets no interval
("no variation"), never a zero-width one. p-values of all the comparisons drawn are adjusted together
(Benjamini–Hochberg by default, or Holm), and a difference is *notable* when its adjusted p-value is
below ``alpha`` and its interval, unrounded, excludes zero. See ``docs/reports.md`` for why.

>>> d = differences(quotes, by="outlet", parties=["Valdoria", "Estland"], mentions=mentions)  # doctest: +SKIP
>>> d[d["notable"]].sort_values("effect_size", key=abs, ascending=False)                     # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.measure.distributions import norm_ppf, norm_sf, t_ppf, t_sf
from framing.measure.metrics import NO_PARTY
from framing.measure.uncertainty import _Design

MIN_ARTICLES = 5  # fewer contributing articles in a group: no interval, no comparison
UNITS = {"share_of_voice": "attributions", "named_rate": "attributions", "anonymous_rate": "attributions",
         "distancing_rate": "attributions", "direct_rate": "attributions", "first_source_share": "articles",
         "last_word_share": "articles", "mean_sentiment": "attributions", "mean_tone": "mentions",
         "share_by_words": "quoted words"}
MEANS = frozenset({"mean_sentiment", "mean_tone", "share_by_words"})
DIFFERENCE_STATISTICS = ("share_of_voice", "first_source_share", "last_word_share", "named_rate",
                         "distancing_rate", "mean_sentiment", "mean_tone")
CORRECTIONS = ("bh", "holm")
STATUS_OK, TOO_FEW, NO_VARIATION, NOT_QUOTED = "ok", "too few articles", "no variation", "not quoted"
GROUP_COLUMNS = ["party", "estimate", "ci_low", "ci_high", "articles", "units", "unit", "status"]
DIFFERENCE_COLUMNS = ["statistic", "party", "group_a", "group_b", "estimate_a", "estimate_b", "difference",
                      "ci_low", "ci_high", "effect_size", "p_value", "p_adjusted", "articles_a", "articles_b",
                      "units_a", "units_b", "unit", "status", "notable"]


@dataclass(frozen=True)
class ArticleSums:
    """Per article (rows) and label (columns): the sums num, den and num^2 a statistic is a ratio of."""

    statistic: str
    articles: np.ndarray  # article id of each row
    labels: np.ndarray  # party label of each column
    num: np.ndarray
    den: np.ndarray
    sq: np.ndarray

    @property
    def unit(self) -> str:
        return UNITS[self.statistic]


def article_sums(table: pd.DataFrame, statistic: str, cluster: str = "article_id",
                 no_party: str = NO_PARTY) -> ArticleSums:
    """The per-article sums of ``statistic`` over the quotes table (the mentions table for mean_tone).

    Build them once and compare any grouping of the articles with :func:`compare_sums` (fast: no pandas).
    Example: two articles, A quoted 3 of 4 times in the first, 1 of 1 in the second -> num[:, A] = [3, 1],
    den = [4, 1], share_of_voice(A) = 4 / 5.
    """
    if statistic not in UNITS:
        raise ValueError(f"unknown statistic {statistic!r}; choose from {list(UNITS)}")
    mentions = table if statistic == "mean_tone" else None
    d = _Design(table, statistic, None, cluster, mentions, no_party)
    den = np.broadcast_to(d.den, d.num.shape).astype(float)
    return ArticleSums(statistic, d.clusters, d.labels, d.num, den, d.sq)


def wilson(p, n, z: float):
    """Wilson score interval of a proportion p on n (effective) units, as (low, high) arrays.

    >>> [round(float(v), 4) for v in wilson(0.0, 6, 1.959964)]
    [0.0, 0.3903]
    """
    p, n = np.asarray(p, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


@dataclass(frozen=True)
class GroupStats:
    """One group's estimate and interval per label, with its n (arrays over ``ArticleSums.labels``)."""

    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    articles: np.ndarray  # contributing articles (den > 0)
    units: np.ndarray  # attributions, articles or mentions counted
    n_eff: np.ndarray  # effective n of a proportion (NaN for means)
    se: np.ndarray  # standard error (linearised; for proportions sqrt(p(1 - p) / n_eff))
    sd: np.ndarray  # unit-level standard deviation (means only)
    status: np.ndarray


def group_stats(sums: ArticleSums, rows, level: float = 0.95, min_articles: int = MIN_ARTICLES) -> GroupStats:
    """:class:`GroupStats` of the articles ``rows`` (indices into ``sums.articles``); see the module doc."""
    num, den, sq = sums.num[rows], sums.den[rows], sums.sq[rows]
    units, total, k = den.sum(axis=0), num.sum(axis=0), (den > 0).sum(axis=0)
    z = norm_ppf(0.5 + level / 2)
    tq = np.array([t_ppf(0.5 + level / 2, float(m - 1)) if m > 1 else np.inf for m in k])
    with np.errstate(divide="ignore", invalid="ignore"):
        est = total / units
        resid = num - est * den
        var = np.where(k > 1, k / (k - 1) * (resid ** 2).sum(axis=0) / units ** 2, np.nan)
        if sums.statistic in MEANS:
            n_eff, se = np.full(est.shape, np.nan), np.sqrt(var)
            low, high = est - tq * se, est + tq * se
            sd = np.sqrt(np.clip(sq.sum(axis=0) - total ** 2 / units, 0, None) / (units - 1))
        else:
            inner = (est > 0) & (est < 1) & (var > 0)
            n_eff = np.minimum(np.where(inner, est * (1 - est) / np.where(inner, var, 1), units), units)
            n_eff = n_eff * (z / tq) ** 2  # Korn–Graubard: degrees of freedom of the design variance
            if sums.unit == "articles":  # one unit per article: independent, n as it is
                n_eff = units
            low, high = wilson(est, n_eff, z)
            se, sd = np.sqrt(est * (1 - est) / n_eff), np.full(est.shape, np.nan)
    status = np.where(units <= 0, NOT_QUOTED, np.where(k < min_articles, TOO_FEW, STATUS_OK)).astype(object)
    if sums.statistic in MEANS:
        status[(status == STATUS_OK) & ~(se > 0)] = NO_VARIATION
    shown = status == STATUS_OK
    return GroupStats(est, np.where(shown, low, np.nan), np.where(shown, high, np.nan), k, units, n_eff, se,
                      sd, status)


def _groups_of(sums: ArticleSums, groups: pd.Series) -> dict:
    """{group value: row indices} for ``groups``, a Series of group values indexed by article id."""
    values = groups[~groups.index.duplicated()].reindex(sums.articles).to_numpy(dtype=object)
    keep = np.flatnonzero(pd.notna(values))
    order = sorted(set(values[keep]), key=str)
    return {g: keep[values[keep] == g] for g in order}


def group_intervals(sums: ArticleSums, groups: pd.Series, by: str = "group", level: float = 0.95,
                    min_articles: int = MIN_ARTICLES) -> pd.DataFrame:
    """Per group and party quoted there: estimate, interval and n. Columns: by, party, estimate, ci_low,
    ci_high, articles, units, unit, status ("ok", "too few articles", "no variation").
    Example: ``group_intervals(article_sums(quotes, "share_of_voice"), articles.set_index("article_id")["outlet"])``.
    """
    parts = []
    for g, rows in _groups_of(sums, groups).items():
        s = group_stats(sums, rows, level, min_articles)
        part = pd.DataFrame({by: g, "party": sums.labels, "estimate": s.estimate, "ci_low": s.low,
                             "ci_high": s.high, "articles": s.articles, "units": s.units, "unit": sums.unit,
                             "status": s.status})
        parts.append(part[s.status != NOT_QUOTED])
    if not parts:
        return pd.DataFrame(columns=[by] + GROUP_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def _pair(sums: ArticleSums, a: GroupStats, b: GroupStats, j: int, level: float) -> dict:
    """Difference a - b of label j: interval, test, effect size (a and b computed at ``level``)."""
    pa, pb = float(a.estimate[j]), float(b.estimate[j])
    out = {"difference": pa - pb, "ci_low": math.nan, "ci_high": math.nan, "effect_size": math.nan,
           "p_value": math.nan}
    if sums.statistic in MEANS:
        va, vb = float(a.se[j]) ** 2, float(b.se[j]) ** 2
        se = math.sqrt(va + vb)
        pooled = ((a.units[j] - 1) * a.sd[j] ** 2 + (b.units[j] - 1) * b.sd[j] ** 2) / (a.units[j] + b.units[j] - 2)
        if not se > 0:
            return {**out, "status": NO_VARIATION}
        df = (va + vb) ** 2 / (va ** 2 / (a.articles[j] - 1) + vb ** 2 / (b.articles[j] - 1))
        half = t_ppf(0.5 + level / 2, df) * se
        effect = (pa - pb) / math.sqrt(pooled) if pooled > 0 else math.nan
        return {**out, "ci_low": pa - pb - half, "ci_high": pa - pb + half, "effect_size": effect,
                "p_value": 2 * t_sf(abs(pa - pb) / se, df), "status": STATUS_OK}
    na, nb = float(a.n_eff[j]), float(b.n_eff[j])
    low = pa - pb - math.hypot(pa - float(a.low[j]), float(b.high[j]) - pb)  # Newcombe (hybrid score)
    high = pa - pb + math.hypot(float(a.high[j]) - pa, pb - float(b.low[j]))
    pooled = (pa * na + pb * nb) / (na + nb)
    se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    p = 2 * norm_sf(abs(pa - pb) / se) if se > 0 else 1.0
    effect = 2 * math.asin(math.sqrt(pa)) - 2 * math.asin(math.sqrt(pb))
    return {**out, "ci_low": low, "ci_high": high, "effect_size": effect, "p_value": p, "status": STATUS_OK}


def adjust_pvalues(p, method: str = "bh") -> np.ndarray:
    """p-values adjusted for the number of tests: Benjamini–Hochberg ("bh", false discovery rate) or Holm
    ("holm", family-wise error). NaN stays NaN and is not counted.

    >>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(3).tolist(), adjust_pvalues([0.01, 0.04, 0.03]).round(3).tolist()
    ([0.03, 0.06, 0.06], [0.03, 0.04, 0.04])
    """
    if method not in CORRECTIONS:
        raise ValueError(f"correction must be one of {list(CORRECTIONS)}, got {method!r}")
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    idx = np.flatnonzero(np.isfinite(p))
    m = len(idx)
    if not m:
        return out
    order = idx[np.argsort(p[idx], kind="stable")]
    ranked = p[order]
    if method == "holm":
        adj = np.maximum.accumulate(ranked * (m - np.arange(m)))
    else:
        adj = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    out[order] = np.minimum(adj, 1.0)
    return out


def compare_sums(sums_list, groups: pd.Series, parties, level: float = 0.95, min_articles: int = MIN_ARTICLES,
                 correction: str = "bh", alpha: float = 0.05) -> pd.DataFrame:
    """Every pair of groups, for each party of ``parties`` and each :class:`ArticleSums` of ``sums_list``.

    Rows are oriented so that group_a has the higher estimate. Pairs where a group has fewer than
    ``min_articles`` contributing articles are listed with status "too few articles" and no interval; the
    p-values of the comparisons drawn (status "ok") are adjusted together (``correction``) into
    p_adjusted, and notable = p_adjusted < alpha and the interval excludes zero. Columns: see
    :data:`DIFFERENCE_COLUMNS`.
    """
    rows = []
    for sums in sums_list:
        members = _groups_of(sums, groups)
        stats = {g: group_stats(sums, r, level, min_articles) for g, r in members.items()}
        for party, (g1, g2) in itertools.product(parties, itertools.combinations(members, 2)):
            hits = np.flatnonzero(sums.labels == str(party))
            if not len(hits) or not np.isfinite(stats[g1].estimate[hits[0]] - stats[g2].estimate[hits[0]]):
                continue
            j = hits[0]
            a, b = (stats[g1], stats[g2]) if stats[g1].estimate[j] >= stats[g2].estimate[j] else (stats[g2], stats[g1])
            ga, gb = (g1, g2) if a is stats[g1] else (g2, g1)
            row = {"statistic": sums.statistic, "party": party, "group_a": ga, "group_b": gb,
                   "estimate_a": float(a.estimate[j]), "estimate_b": float(b.estimate[j]),
                   "articles_a": int(a.articles[j]), "articles_b": int(b.articles[j]),
                   "units_a": float(a.units[j]), "units_b": float(b.units[j]), "unit": sums.unit}
            if min(a.articles[j], b.articles[j]) < min_articles:
                row.update(difference=row["estimate_a"] - row["estimate_b"], status=TOO_FEW)
            else:
                row.update(_pair(sums, a, b, j, level))
            rows.append(row)
    out = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(dtype=float), correction)
    excludes = (out["ci_low"] > 0) | (out["ci_high"] < 0)
    out["notable"] = (out["status"] == STATUS_OK) & (out["p_adjusted"] < alpha) & excludes
    return out


def differences(quotes: pd.DataFrame, by: str, parties, mentions: pd.DataFrame | None = None,
                statistics=DIFFERENCE_STATISTICS, level: float = 0.95, min_articles: int = MIN_ARTICLES,
                correction: str = "bh", alpha: float = 0.05, no_party: str = NO_PARTY) -> pd.DataFrame:
    """:func:`compare_sums` over the groups of the article-level column ``by`` (on quotes and mentions).

    mean_tone is taken from ``mentions`` (skipped without them). Example: the sample corpus by outlet
    lists The Northgate Herald giving Valdoria a larger share of voice than the other two outlets.
    """
    sums, labels = [], {}
    for stat in statistics:
        table = mentions if stat == "mean_tone" else quotes
        if table is None or not len(table):
            continue
        sums.append(article_sums(table, stat, no_party=no_party))
        labels.setdefault(id(table), table[["article_id", by]])  # each table's labels once, in first-seen order
    if not sums:
        return pd.DataFrame(columns=DIFFERENCE_COLUMNS)
    groups = pd.concat(labels.values()).drop_duplicates("article_id").set_index("article_id")[by]
    return compare_sums(sums, groups, parties, level, min_articles, correction, alpha)

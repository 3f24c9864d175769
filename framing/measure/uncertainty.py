"""Cluster-bootstrap percentile intervals for the per-party metrics of :mod:`framing.measure.metrics`.

Quotes within an article are not independent, so the resampling unit is the article (``cluster``):
within each group, articles are drawn with replacement, as many as the group has. Every supported
statistic is a ratio of per-article sums, estimate = sum_j num_j / sum_j den_j, so one resample is a
vector of article multiplicities w and its value is (w @ NUM) / (w @ DEN): no pandas in the loop.
Random draws come from ``numpy.random.default_rng`` seeded by (seed, group), so a group's interval does
not depend on which other groups are present.

>>> bootstrap_ci(quotes, "share_of_voice", by="outlet", n_boot=2000, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
import zlib

import numpy as np
import pandas as pd

from framing.measure.metrics import (
    NO_PARTY,
    _article_first_last,
    _mentions_with_groups,
    _require,
    _with_groups,
    group_keys,
    prepare,
)

STATISTICS = ("share_of_voice", "share_by_words", "named_rate", "anonymous_rate", "distancing_rate",
              "direct_rate", "mean_sentiment", "first_source_share", "last_word_share", "mean_tone")
_RATES = {"named_rate": "_named", "anonymous_rate": "_anon", "distancing_rate": "_dist",
          "direct_rate": "_direct"}
_CELLS = 4_000_000  # resamples x articles drawn per chunk (bounds memory to ~100 MB)


def _rows(quotes, statistic, keys, cluster, mentions, no_party):
    """Rows (g..., cluster, label, num, den) whose per-article sums define the statistic."""
    if statistic not in STATISTICS:
        raise ValueError(f"unknown statistic {statistic!r}; choose from {list(STATISTICS)}")
    if statistic == "mean_tone":
        src = mentions if mentions is not None else quotes
        _require(src, [cluster, "party", "tone"], "mentions")
        src = _mentions_with_groups(src, quotes, keys) if mentions is not None else src
        _require(src, keys, "mentions")
        tone = pd.to_numeric(src["tone"], errors="coerce").astype(float)
        rows = src[list(dict.fromkeys(keys + [cluster]))].assign(
            label=src["party"].astype(object).where(src["party"].notna(), no_party),
            num=tone.fillna(0.0), den=tone.notna().astype(float))
        return _with_groups(rows, keys) + (False,)
    _require(quotes, [cluster] + keys)
    att = prepare(quotes, no_party)
    att, g = _with_groups(att, keys)
    base = att[g + [cluster]].assign(label=att["party"])
    if statistic in ("share_of_voice", "share_by_words"):
        value = 1.0 if statistic == "share_of_voice" else att["words"].astype(float)
        return base.assign(num=value, den=value), g, True
    if statistic in _RATES:
        flag = att[_RATES[statistic]]
        return base.assign(num=flag.fillna(0.0), den=flag.notna().astype(float)), g, False
    if statistic == "mean_sentiment":
        sent = att["sentiment"]
        return base.assign(num=sent.fillna(0.0), den=sent.notna().astype(float)), g, False
    # first_source_share / last_word_share: one (num=1, den=1) row per article for its first/last party,
    # plus zero rows so that parties quoted but never first/last are listed with estimate 0.
    parties = att[~att["_no_party"]]
    art = _article_first_last(parties, g)
    if cluster != "article_id":
        art = art.merge(parties[["article_id", cluster]].drop_duplicates("article_id"), on="article_id")
    col = "first_party" if statistic == "first_source_share" else "last_party"
    hits = art[g + [cluster]].assign(label=art[col], num=1.0, den=1.0)
    zeros = parties[g + [cluster]].assign(label=parties["party"], num=0.0, den=0.0)
    return pd.concat([hits, zeros], ignore_index=True), g, True


def _group_seed(seed: int, key: tuple) -> np.random.SeedSequence:
    text = "\x1f".join(str(v) for v in key)
    return np.random.SeedSequence([int(seed), zlib.crc32(text.encode("utf-8"))])


class _Design:
    """Per-group article x label matrices NUM, DEN (DEN has one column when the denominator is a total)."""

    def __init__(self, quotes, statistic, by, cluster, mentions, no_party):
        self.keys = group_keys(by)
        rows, self.g, total = _rows(quotes, statistic, self.keys, cluster, mentions, no_party)
        self.labels, lab = np.unique(rows["label"].astype(str).to_numpy(), return_inverse=True)
        pair = rows.groupby(self.g + [cluster], dropna=False, sort=True).ngroup().to_numpy()
        grp = rows.groupby(self.g, dropna=False, sort=True).ngroup().to_numpy()
        n_pairs, n_lab = (pair.max() + 1 if len(pair) else 0), len(self.labels)
        cell = pair * n_lab + lab

        def mat(weights):
            return np.bincount(cell, weights=weights, minlength=n_pairs * n_lab).reshape(n_pairs, n_lab)

        self.num = mat(rows["num"].to_numpy(dtype=float))
        self.den = mat(rows["den"].to_numpy(dtype=float))
        self.sq = mat(rows["num"].to_numpy(dtype=float) ** 2)  # per-unit squares, for unit-level spread
        if total:
            self.den = self.den.sum(axis=1, keepdims=True)
        self.present = mat(None) > 0
        pair_group = np.zeros(n_pairs, dtype=int)
        pair_group[pair] = grp
        first = rows.assign(_grp=grp).drop_duplicates("_grp").sort_values("_grp")
        cluster_of_row = rows[cluster].to_numpy()
        self.clusters = np.empty(n_pairs, dtype=cluster_of_row.dtype)  # the article (cluster) of each matrix row
        self.clusters[pair] = cluster_of_row  # as pair_group: every row of a pair has the same cluster
        self.group_keys = [tuple(r) for r in first[self.g].itertuples(index=False)]
        self.members = [np.flatnonzero(pair_group == i) for i in range(len(self.group_keys))]

    def index(self, key) -> int:
        want = key if isinstance(key, tuple) else (key,)
        for i, have in enumerate(self.group_keys):
            pairs = zip(have, want, strict=False)
            if len(have) == len(want) and all(h == w or (pd.isna(h) and pd.isna(w)) for h, w in pairs):
                return i
        raise KeyError(f"group {key!r} not found; groups: {self.group_keys}")

    def estimate(self, i: int) -> np.ndarray:
        rows = self.members[i]
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.num[rows].sum(axis=0) / self.den[rows].sum(axis=0)

    def boot(self, i: int, n_boot: int, seed: int) -> np.ndarray:
        """n_boot x labels matrix of resampled statistics for group i."""
        rows = self.members[i]
        num, den, n = self.num[rows], self.den[rows], len(rows)
        rng = np.random.default_rng(_group_seed(seed, self.group_keys[i]))
        out = np.empty((n_boot, num.shape[1]))
        chunk = max(1, _CELLS // max(n, 1))
        for start in range(0, n_boot, chunk):
            m = min(chunk, n_boot - start)
            draws = rng.integers(0, n, size=(m, n)) + (np.arange(m) * n)[:, None]
            weights = np.bincount(draws.ravel(), minlength=m * n).reshape(m, n).astype(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                out[start:start + m] = (weights @ num) / (weights @ den)
        return out


def _interval(samples: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level}")
    alpha = (1.0 - level) / 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns (statistic never defined)
        low, high = np.nanquantile(samples, [alpha, 1.0 - alpha], axis=0)
        top = np.nanmax(samples, axis=0)
        same = top - np.nanmin(samples, axis=0) <= 1e-12 * np.maximum(1.0, np.abs(top))
    # Every resample equal (one article, or articles all alike): the bootstrap cannot measure the
    # uncertainty, so no interval is given rather than a zero-width one that reads as certainty.
    return np.where(same, np.nan, low), np.where(same, np.nan, high)


def bootstrap_ci(quotes: pd.DataFrame, statistic: str, by=None, n_boot: int = 1000, level: float = 0.95,
                 seed: int = 0, cluster: str = "article_id", mentions: pd.DataFrame | None = None,
                 no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per group and party: the statistic and its cluster-bootstrap percentile interval.

    Statistics (all ratios of per-article sums, identical to :func:`framing.measure.metrics.party_table`):
    share_of_voice, share_by_words, named_rate, anonymous_rate, distancing_rate, direct_rate,
    mean_sentiment, first_source_share, last_word_share, and mean_tone (on ``mentions``, or on the first
    argument when it is the mentions table). ci_low / ci_high are the (1 - level) / 2 and (1 + level) / 2
    quantiles of n_boot resampled values (resamples where the statistic is undefined are skipped).
    A degenerate bootstrap (every resample equal, e.g. a group of one article) gives NaN bounds, not a
    zero-width interval. n_articles = clusters in the group. Columns: by..., party, estimate, ci_low, ci_high, n_articles.
    Example: two articles, one quoting only A, one only B: share_of_voice(A) = 0.5, resamples take
    values 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4, so the 95% interval is [0, 1].
    """
    if n_boot < 1:
        raise ValueError("n_boot must be >= 1")
    design = _Design(quotes, statistic, by, cluster, mentions, no_party)
    parts = []
    for i, key in enumerate(design.group_keys):
        keep = design.present[design.members[i]].any(axis=0)
        low, high = _interval(design.boot(i, n_boot, seed), level)
        part = pd.DataFrame({"party": design.labels, "estimate": design.estimate(i), "ci_low": low,
                             "ci_high": high, "n_articles": len(design.members[i])})[keep]
        for col, value in zip(design.g, key, strict=True):
            part[col] = value
        parts.append(part)
    columns = design.keys + ["party", "estimate", "ci_low", "ci_high", "n_articles"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)
    out["_np"] = out["party"] == no_party
    out = out.sort_values(design.g + ["_np", "party"], kind="stable", na_position="last")
    return out[columns].reset_index(drop=True)


def compare_groups(quotes: pd.DataFrame, statistic: str, by, a, b, party: str, n_boot: int = 1000,
                   level: float = 0.95, seed: int = 0, cluster: str = "article_id",
                   mentions: pd.DataFrame | None = None, no_party: str = NO_PARTY) -> pd.Series:
    """Difference of a party's statistic between groups ``a`` and ``b`` (e.g. two outlets), a - b.

    The two groups' articles are resampled independently (same draws as :func:`bootstrap_ci`), the
    interval is the percentile interval of the n_boot differences, and excludes_zero says whether it
    lies entirely above or below 0 (False when every resampled difference is equal: NaN bounds, no
    interval). For report-grade comparisons see :mod:`framing.measure.compare`. ``a``/``b`` are group values (tuples when ``by`` is a list).
    Returns a Series: statistic, party, group_a, group_b, estimate_a, estimate_b, difference, ci_low,
    ci_high, excludes_zero. Example: share_of_voice of A is 0.75 in X and 0.25 in Y -> difference 0.5.
    """
    if by is None:
        raise ValueError("compare_groups needs `by` (the column whose groups a and b are compared)")
    design = _Design(quotes, statistic, by, cluster, mentions, no_party)
    hits = np.flatnonzero(design.labels == str(party))
    if not len(hits):
        raise KeyError(f"party {party!r} not found; parties: {list(design.labels)}")
    j = hits[0]
    ia, ib = design.index(a), design.index(b)
    est_a, est_b = design.estimate(ia)[j], design.estimate(ib)[j]
    diff = design.boot(ia, n_boot, seed)[:, j] - design.boot(ib, n_boot, seed)[:, j]
    low, high = _interval(diff, level)
    low, high = float(low), float(high)
    return pd.Series({"statistic": statistic, "party": party, "group_a": a, "group_b": b,
                      "estimate_a": float(est_a), "estimate_b": float(est_b),
                      "difference": float(est_a - est_b), "ci_low": low, "ci_high": high,
                      "excludes_zero": bool(low > 0 or high < 0)})

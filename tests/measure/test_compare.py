"""Tests for framing.measure.compare: hand-checked intervals and tests, the minimum number of articles,
no degenerate certainty, the correction for many comparisons, and a simulation on the sample corpus."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import framing
from framing.measure import compare as c
from framing.measure.distributions import norm_ppf, t_ppf

Z = norm_ppf(0.975)
NG, EM, CW = "The Northgate Herald", "The Eastport Monitor", "Continental Wire Service"


def sums_of(statistic: str, groups: dict) -> tuple[c.ArticleSums, pd.Series]:
    """ArticleSums with one label "P" from {group: [(num, den, sq), ...] per article}, and the groups."""
    rows = [(f"{g}{i}", g, *v) for g, arts in groups.items() for i, v in enumerate(arts)]
    ids = np.array([r[0] for r in rows], dtype=object)
    col = [np.array([[r[k]] for r in rows], dtype=float) for k in (2, 3, 4)]
    return (c.ArticleSums(statistic, ids, np.array(["P"]), *col),
            pd.Series([r[1] for r in rows], index=ids))


def values(xs) -> list[tuple]:
    """One unit per article with value x: (num, den, sq) = (x, 1, x^2)."""
    return [(x, 1, x * x) for x in xs]


def test_wilson_behaves_at_zero_and_one():
    low, high = c.wilson([0.0, 1.0, 0.3], [6, 6, 10], 1.96)
    # 0/6: centre = (z^2/12) / (1 + z^2/6) = 0.1952, half the same: [0, 0.3903]; 3/10: [0.1078, 0.6032]
    assert low.round(4).tolist() == [0.0, 0.6097, 0.1078]
    assert high.round(4).tolist() == [0.3903, 1.0, 0.6032]


def test_newcombe_difference_of_article_shares():
    # Newcombe (1998), example (a): 56/70 against 48/80 -> 0.2000, 95% CI 0.0524 to 0.3339.
    sums, groups = sums_of("first_source_share", {"A": [(1, 1, 1)] * 56 + [(0, 1, 0)] * 14,
                                                  "B": [(1, 1, 1)] * 48 + [(0, 1, 0)] * 32})
    row = c.compare_sums([sums], groups, ["P"]).iloc[0]
    assert (row["group_a"], row["group_b"], row["status"]) == ("A", "B", "ok")
    assert row["difference"] == pytest.approx(0.2)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    # pooled z: p = 104/150, se = sqrt(p (1 - p) (1/70 + 1/80)) = 0.075467, z = 2.6502, two-sided 0.00805
    assert row["p_value"] == pytest.approx(0.00805, abs=2e-5)
    assert row["effect_size"] == pytest.approx(2 * math.asin(math.sqrt(0.8)) - 2 * math.asin(math.sqrt(0.6)))
    assert (row["articles_a"], row["articles_b"], row["units_a"], row["unit"]) == (70, 80, 70, "articles")
    assert row["notable"]


def test_effective_n_of_clustered_attributions():
    # 5 articles of 2 attributions, P quoted 1, 2, 0, 1, 1 times: p = 0.5, residuals 0, 1, -1, 0, 0,
    # var = 5/4 * 2 / 10^2 = 0.025, n_eff = 0.25 / 0.025 = 10, times (z / t_4)^2 (Korn–Graubard).
    sums, _ = sums_of("share_of_voice", {"A": [(1, 2, 1), (2, 2, 4), (0, 2, 0), (1, 2, 1), (1, 2, 1)]})
    s = c.group_stats(sums, np.arange(5))
    n_eff = 10 * (Z / t_ppf(0.975, 4)) ** 2
    assert s.n_eff[0] == pytest.approx(n_eff) and s.n_eff[0] == pytest.approx(4.9834, abs=1e-4)
    assert (s.low[0], s.high[0]) == pytest.approx(tuple(float(v) for v in c.wilson(0.5, n_eff, Z)))
    assert (s.articles[0], s.units[0], s.status[0]) == (5, 10, "ok")


def test_welch_difference_of_means():
    # A: 1..5 (mean 3, s^2 2.5, se^2 0.5); B: 3, 5, ..., 11 (mean 7, s^2 10, se^2 2).
    sums, groups = sums_of("mean_sentiment", {"A": values([1, 2, 3, 4, 5]), "B": values([3, 5, 7, 9, 11])})
    row = c.compare_sums([sums], groups, ["P"]).iloc[0]
    assert (row["group_a"], row["difference"]) == ("B", 4.0)
    df = 2.5 ** 2 / (0.5 ** 2 / 4 + 2 ** 2 / 4)  # Satterthwaite: 5.882
    half = t_ppf(0.975, df) * math.sqrt(2.5)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((4 - half, 4 + half))
    assert df == pytest.approx(5.882, abs=1e-3) and half == pytest.approx(3.888, abs=1e-3)
    assert row["effect_size"] == pytest.approx(4 / math.sqrt((4 * 2.5 + 4 * 10) / 8))  # Cohen's d 1.6
    assert row["p_value"] == pytest.approx(0.0455, abs=2e-4)  # t = 2.5298 on 5.88 df: between 0.0525 (5) and 0.0447 (6)


def test_a_mean_that_does_not_vary_has_no_interval():
    sums, groups = sums_of("mean_tone", {"A": values([0.5] * 5), "B": values([0.5] * 6)})
    row = c.compare_sums([sums], groups, ["P"]).iloc[0]
    assert row["status"] == "no variation" and math.isnan(row["ci_low"]) and not row["notable"]
    table = c.group_intervals(sums, groups, by="outlet")
    assert table["status"].tolist() == ["no variation"] * 2 and table["ci_low"].isna().all()


def test_too_few_articles_two_against_one():
    # X: two articles quoting A then B; Y: one article quoting B only. Nothing is compared.
    q = pd.DataFrame({"article_id": ["x1", "x1", "x2", "x2", "y1"], "outlet": ["X", "X", "X", "X", "Y"],
                      "attribution_id": [1, 2, 1, 2, 1], "party": ["A", "B", "A", "B", "B"],
                      "start": [0, 10, 0, 10, 0], "named": True, "sentiment": [0.1, -0.2, 0.3, 0.0, 0.5]})
    d = c.differences(q, "outlet", ["A", "B"])
    assert len(d) and (d["status"] == "too few articles").all() and not d["notable"].any()
    assert d[["ci_low", "ci_high", "p_value"]].isna().all().all()
    sov = d[(d["statistic"] == "share_of_voice") & (d["party"] == "B")].iloc[0]
    assert (sov["group_a"], sov["estimate_a"], sov["estimate_b"]) == ("Y", 1.0, 0.5)
    assert (sov["articles_a"], sov["articles_b"], sov["units_a"], sov["units_b"]) == (1, 2, 1, 4)
    ci = c.group_intervals(c.article_sums(q, "share_of_voice"), q.set_index("article_id")["outlet"], "outlet")
    assert (ci["status"] == "too few articles").all() and ci[["ci_low", "ci_high"]].isna().all().all()
    assert ci.set_index(["outlet", "party"])["articles"].to_dict() == {("X", "A"): 2, ("X", "B"): 2, ("Y", "A"): 1,
                                                                   ("Y", "B"): 1}


def test_adjusting_for_many_comparisons():
    p = [0.01, 0.04, 0.03, np.nan, 0.5]
    # Holm: sorted 0.01, 0.03, 0.04, 0.5 times 4, 3, 2, 1 -> 0.04, 0.09, 0.08 -> running max 0.09
    assert c.adjust_pvalues(p, "holm").round(4).tolist()[:3] == [0.04, 0.09, 0.09]
    # BH: 0.01*4/1, 0.03*4/2, 0.04*4/3, 0.5 -> running min from the top: 0.04, 0.0533, 0.0533, 0.5
    bh = c.adjust_pvalues(p, "bh")
    assert bh.round(4).tolist()[:3] == [0.04, 0.0533, 0.0533] and math.isnan(bh[3]) and bh[4] == 0.5
    with pytest.raises(ValueError, match="correction"):
        c.adjust_pvalues(p, "bonferonni")


def clustered_quotes(n_articles: int, rng: np.random.Generator, share: float = 0.3) -> pd.DataFrame:
    """Articles of 1-8 attributions, each article with its own P(A) ~ Beta(mean ``share``): true share 0.3."""
    n = rng.integers(1, 9, n_articles)
    p_a = rng.beta(3 * share / (1 - share), 3, n_articles)
    art = np.repeat(np.arange(n_articles), n)
    return pd.DataFrame({"article_id": art.astype(str), "attribution_id": np.concatenate([np.arange(k) for k in n]),
                         "party": np.where(rng.random(len(art)) < p_a[art], "A", "B")})


@pytest.mark.parametrize("articles", [6, 10])
def test_coverage_with_few_clustered_articles(articles):
    # The Korn–Graubard Wilson interval covers the true 0.3 in 197/200 (6 articles) and 198/200 (10);
    # the cluster bootstrap covers it in ~83% (6) and ~90% (10) of such corpora (400 draws, seed 5).
    rng = np.random.default_rng(16)
    covered = drawn = 0
    for _ in range(200):
        sums = c.article_sums(clustered_quotes(articles, rng), "share_of_voice")
        if "A" in sums.labels:  # an A-less corpus has no row for A
            j = list(sums.labels).index("A")
            s = c.group_stats(sums, np.arange(len(sums.articles)))
            drawn += 1
            covered += bool(s.low[j] <= 0.3 <= s.high[j])
    assert drawn >= 190 and 0.92 <= covered / drawn <= 0.995


# ------------------------------------------------------------------------------- the sample corpus
@pytest.fixture(scope="module")
def sample(sample_dir):
    a = framing.analyze(sample_dir, progress=False)
    sums = [c.article_sums(a.mentions if s == "mean_tone" else a.quotes, s) for s in c.DIFFERENCE_STATISTICS]
    return a, sums, a.articles.set_index("article_id")["outlet"]


def test_the_built_in_differences_still_show(sample):
    _, sums, outlets = sample
    d = c.compare_sums(sums, outlets, ["Valdoria", "Estland"])
    assert len(d) == 7 * 2 * 3 and (d["articles_a"] == 6).all() and (d["status"] == "ok").all()
    notable = set(d[d["notable"]][["statistic", "party", "group_a", "group_b"]].itertuples(index=False, name=None))
    # corpus/sample/README.md: the Herald quotes Valdoria more, opens and closes with Valdoria; the
    # Monitor opens with Estland.
    assert {("share_of_voice", "Valdoria", NG, EM), ("first_source_share", "Valdoria", NG, EM),
            ("last_word_share", "Valdoria", NG, EM), ("last_word_share", "Valdoria", NG, CW),
            ("first_source_share", "Estland", EM, NG)} <= notable
    assert len(notable) <= 12  # 17 were listed before the correction for 42 comparisons


def test_no_difference_is_listed_when_outlets_are_relabelled_at_random(sample):
    _, sums, outlets = sample
    rng = np.random.default_rng(16)
    draws = 200
    listed = sum(c.compare_sums(sums, pd.Series(rng.permutation(outlets.to_numpy()), index=outlets.index),
                                ["Valdoria", "Estland"])["notable"].any() for _ in range(draws))
    assert listed / draws <= 0.05  # measured: 3 draws of 200 (1.5%) list anything

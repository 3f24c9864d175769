"""Tests for framing.measure.uncertainty: hand-checked intervals, determinism, coverage and speed."""

import importlib.util
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.measure import metrics as m
from framing.measure import uncertainty as u


def _metrics_fixture():
    """The hand-checked 3-article fixture of test_metrics.py (loaded by path: no conftest needed)."""
    path = Path(__file__).with_name("test_metrics.py")
    spec = importlib.util.spec_from_file_location("_metrics_fixture", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def random_quotes(n_articles: int, rng: np.random.Generator, outlets=("X",), mean_share=0.3) -> pd.DataFrame:
    """Articles with 1-8 attributions; each article draws its own P(A) ~ Beta (mean ``mean_share``), the
    rest go to B (80%) or nobody (20%). True share of voice of A = E[n p] / E[n] = mean_share."""
    n = rng.integers(1, 9, n_articles)
    p_a = rng.beta(3 * mean_share / (1 - mean_share), 3, n_articles)
    art = np.repeat(np.arange(n_articles), n)
    draw = rng.random(len(art))
    party = np.where(draw < p_a[art], "A", np.where(rng.random(len(art)) < 0.8, "B", None))
    return pd.DataFrame({
        "article_id": art.astype(str), "outlet": np.asarray(outlets)[art % len(outlets)],
        "attribution_id": np.concatenate([np.arange(k) for k in n]), "party": party,
        "start": np.concatenate([np.arange(k) for k in n]) * 10, "words": rng.integers(1, 30, len(art)),
        "named": rng.random(len(art)) < 0.7, "sentiment": rng.uniform(-1, 1, len(art)),
    })


def test_two_articles_hand_enumerated():
    # a1 quotes only A, a2 only B: share(A) = 1/2. A resample is {a1,a1} (p 1/4) -> 1, {a1,a2} (1/2) -> 1/2,
    # {a2,a2} (1/4) -> 0, so the 2.5% and 97.5% quantiles are 0 and 1.
    q = pd.DataFrame({"article_id": ["a1", "a2"], "attribution_id": [1, 1], "party": ["A", "B"]})
    t = u.bootstrap_ci(q, "share_of_voice", n_boot=2000, seed=3)
    assert list(t.columns) == ["party", "estimate", "ci_low", "ci_high", "n_articles"]
    assert t.values.tolist() == [["A", 0.5, 0.0, 1.0, 2], ["B", 0.5, 0.0, 1.0, 2]]
    # A 40% interval (quantiles 0.3 and 0.7) lies inside the middle value's mass (0.25 < 0.3, 0.7 < 0.75).
    mid = u.bootstrap_ci(q, "share_of_voice", n_boot=2000, level=0.4, seed=3)
    assert mid["ci_low"].tolist() == [0.5, 0.5] and mid["ci_high"].tolist() == [0.5, 0.5]


def test_no_interval_when_articles_are_identical():
    # 20 articles, each: A (2 words), A (4 words), B (6 words), nobody (8 words).
    layout = [("A", 2), ("A", 4), ("B", 6), (None, 8)]
    rows = [(f"a{i}", j, p, w) for i in range(20) for j, (p, w) in enumerate(layout)]
    q = pd.DataFrame(rows, columns=["article_id", "attribution_id", "party", "words"])
    t = u.bootstrap_ci(q, "share_of_voice", n_boot=500).set_index("party")
    assert t.loc["A", "estimate"] == 0.5 and t.loc["B", "estimate"] == 0.25
    # every resample equals the estimate: a degenerate bootstrap, shown as no interval, not as certainty
    assert t["ci_low"].isna().all() and t["ci_high"].isna().all()
    w = u.bootstrap_ci(q, "share_by_words", n_boot=500).set_index("party")
    assert w.loc["A", "estimate"] == pytest.approx(6 / 20)
    assert w["ci_low"].isna().all() and w["ci_high"].isna().all()  # equal up to rounding counts as equal
    assert (t["n_articles"] == 20).all()


def test_estimates_match_party_table():
    fixture = _metrics_fixture()
    quotes, mentions = fixture.make_quotes(), fixture.make_mentions()
    table = m.party_table(quotes, by="outlet", mentions=mentions).set_index(["outlet", "party"])
    for stat in u.STATISTICS:
        ci = u.bootstrap_ci(quotes, stat, by="outlet", n_boot=50, mentions=mentions)
        for row in ci.itertuples():
            expected = table.loc[(row.outlet, row.party), stat]
            assert row.estimate == pytest.approx(expected, nan_ok=True), (stat, row)
            assert (row.ci_low <= row.estimate + 1e-12 <= row.ci_high + 2e-12 or math.isnan(row.estimate)
                    or (math.isnan(row.ci_low) and math.isnan(row.ci_high)))  # degenerate: no interval
    # X has 2 articles, Y 1; Y's single article gives no interval (NaN), never a zero-width one.
    ci = u.bootstrap_ci(quotes, "share_of_voice", by="outlet", n_boot=50)
    assert ci.groupby("outlet")["n_articles"].first().to_dict() == {"X": 2, "Y": 1}
    y = ci[ci["outlet"] == "Y"]
    assert y["ci_low"].isna().all() and y["ci_high"].isna().all()
    # X, share of A: a1 2/4 A, a2 1/3 A -> resamples 4/8, 3/7, 2/6; the interval spans [1/3, 1/2].
    xa = ci[(ci["outlet"] == "X") & (ci["party"] == "A")].iloc[0]
    assert (xa["ci_low"], xa["ci_high"]) == pytest.approx((1 / 3, 1 / 2))
    # mean_tone straight from the mentions table.
    tone = u.bootstrap_ci(mentions, "mean_tone", n_boot=50)
    assert tone.set_index("party")["estimate"].to_dict() == pytest.approx({"A": 0.4 / 3, "B": -0.1, "C": 0.0})


def test_deterministic_with_seed_and_group_independent():
    q = random_quotes(300, np.random.default_rng(5), outlets=("X", "Y"))
    one = u.bootstrap_ci(q, "share_of_voice", by="outlet", n_boot=300, seed=11)
    two = u.bootstrap_ci(q, "share_of_voice", by="outlet", n_boot=300, seed=11)
    pd.testing.assert_frame_equal(one, two)
    other = u.bootstrap_ci(q, "share_of_voice", by="outlet", n_boot=300, seed=12)
    assert not np.allclose(one["ci_low"], other["ci_low"])
    assert (one["estimate"] == other["estimate"]).all()
    # A group's interval does not depend on the other groups present.
    only_x = u.bootstrap_ci(q[q["outlet"] == "X"], "share_of_voice", by="outlet", n_boot=300, seed=11)
    pd.testing.assert_frame_equal(only_x, one[one["outlet"] == "X"].reset_index(drop=True))


def test_coverage_of_share_of_voice():
    # 200 simulated corpora of 120 clustered articles; the 95% interval should cover the true 0.3 ~95%
    # (94.5% here; resampling quotes instead of articles gives 82.5% and would fail).
    rng = np.random.default_rng(2024)
    covered = 0
    for rep in range(200):
        q = random_quotes(120, rng)
        row = u.bootstrap_ci(q, "share_of_voice", n_boot=400, seed=rep).set_index("party").loc["A"]
        covered += row["ci_low"] <= 0.3 <= row["ci_high"]
    assert 0.88 <= covered / 200 <= 0.99


def test_compare_groups():
    # X: a1 quotes A three times and B once, a2 the same; Y: a3 A once, B three times.
    rows = [("a1", "X", "A"), ("a1", "X", "A"), ("a1", "X", "A"), ("a1", "X", "B"),
            ("a2", "X", "A"), ("a2", "X", "A"), ("a2", "X", "A"), ("a2", "X", "B"),
            ("a3", "Y", "A"), ("a3", "Y", "B"), ("a3", "Y", "B"), ("a3", "Y", "B")]
    q = pd.DataFrame(rows, columns=["article_id", "outlet", "party"])
    q["attribution_id"] = q.groupby("article_id").cumcount()
    res = u.compare_groups(q, "share_of_voice", "outlet", "X", "Y", "A", n_boot=200)
    # Identical articles within each outlet: 0.75 - 0.25 = 0.5, every resample equal: no interval,
    # never a zero-width one read as certainty.
    values = res[["estimate_a", "estimate_b", "difference"]].tolist()
    assert values == [0.75, 0.25, 0.5] and np.isnan(res["ci_low"]) and np.isnan(res["ci_high"])
    assert res["excludes_zero"] is False and res["group_a"] == "X" and res["statistic"] == "share_of_voice"
    with pytest.raises(KeyError):
        u.compare_groups(q, "share_of_voice", "outlet", "X", "Z", "A")
    with pytest.raises(KeyError):
        u.compare_groups(q, "share_of_voice", "outlet", "X", "Y", "Nobody")


def test_compare_groups_detects_real_difference_only():
    rng = np.random.default_rng(8)
    a = random_quotes(400, rng, outlets=("X",), mean_share=0.45)
    b = random_quotes(400, rng, outlets=("Y",), mean_share=0.25)
    same = random_quotes(400, rng, outlets=("Z",), mean_share=0.45)
    b["article_id"], same["article_id"] = "y" + b["article_id"], "z" + same["article_id"]
    q = pd.concat([a, b, same], ignore_index=True)
    diff = u.compare_groups(q, "share_of_voice", "outlet", "X", "Y", "A", n_boot=500)
    assert diff["excludes_zero"] and 0.1 < diff["difference"] < 0.3
    assert diff["ci_low"] < diff["difference"] < diff["ci_high"]
    null = u.compare_groups(q, "share_of_voice", "outlet", "X", "Z", "A", n_boot=500)
    assert not null["excludes_zero"]
    # Same draws as bootstrap_ci for each group: estimates agree.
    ci = u.bootstrap_ci(q, "share_of_voice", by="outlet", n_boot=10).set_index(["outlet", "party"])
    assert diff["estimate_a"] == pytest.approx(ci.loc[("X", "A"), "estimate"])


def test_rates_and_undefined_resamples():
    # named_rate of A: a1 has A named, a2 has no A at all (its resamples of only a2 are undefined: skipped).
    q = pd.DataFrame({"article_id": ["a1", "a1", "a2"], "attribution_id": [1, 2, 1], "party": ["A", "B", "B"],
                      "named": [True, False, True]})
    t = u.bootstrap_ci(q, "named_rate", n_boot=300).set_index("party")
    assert t.loc["A", "estimate"] == 1.0  # every resample 1.0 (one article): no interval, not [1, 1]
    assert t.loc["A", ["ci_low", "ci_high"]].isna().all()
    # B: a1 0/1, a2 1/1 -> resamples 0, 1/2, 1 -> [0, 1].
    assert t.loc["B", ["estimate", "ci_low", "ci_high"]].tolist() == [0.5, 0.0, 1.0]


def test_bad_arguments():
    q = pd.DataFrame({"article_id": ["a"], "attribution_id": [1], "party": ["A"]})
    with pytest.raises(ValueError, match="unknown statistic"):
        u.bootstrap_ci(q, "share_of_pie")
    with pytest.raises(ValueError):
        u.bootstrap_ci(q, "share_of_voice", level=95)
    with pytest.raises(KeyError):
        u.bootstrap_ci(q, "mean_tone")  # quotes carry no tone and no mentions were given


def test_fast_on_10000_articles():
    rng = np.random.default_rng(0)
    q = random_quotes(10_000, rng, outlets=("X", "Y", "Z"))
    start = time.perf_counter()
    t = u.bootstrap_ci(q, "share_of_voice", by="outlet", n_boot=1000)
    elapsed = time.perf_counter() - start
    assert len(t) == 9 and (t["ci_high"] - t["ci_low"] < 0.05).all()
    assert elapsed < 20, f"bootstrap took {elapsed:.1f}s"

"""Hand-checked tests for framing.measure.balance."""

import math

import numpy as np
import pandas as pd
import pytest

from framing.measure import balance as b


def make_quotes() -> pd.DataFrame:
    """X: a1 quotes A (split in 2 fragments), A, B, nobody; a2 quotes A only.  Y: a3 quotes B, B and C."""
    rows = [  # article, outlet, attribution, party, words
        ("a1", "X", 1, "A", 3), ("a1", "X", 1, "A", 2), ("a1", "X", 2, "A", 4), ("a1", "X", 3, "B", 10),
        ("a1", "X", 4, None, 7), ("a2", "X", 1, "A", 1),
        ("a3", "Y", 1, "B", 2), ("a3", "Y", 2, "B", 2), ("a3", "Y", 3, "C", 4),
    ]
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "attribution_id", "party", "words"])
    return df.assign(start=df["attribution_id"] * 10, speaker="s" + df["attribution_id"].astype(str))


def test_shannon_evenness():
    assert b.shannon_evenness([2, 2]) == pytest.approx(1.0)
    # p = (0.75, 0.25): H = 0.75 ln(4/3) + 0.25 ln 4 = 0.215762 + 0.346574 = 0.562335; / ln 2 = 0.811278.
    assert b.shannon_evenness([3, 1]) == pytest.approx(0.811278, abs=1e-6)
    assert b.shannon_evenness({"A": 1, "B": 1, "C": 1}) == pytest.approx(1.0)
    # Explicit zeros count as parties: (3, 1, 0) has k = 3 -> 0.562335 / ln 3 = 0.511860.
    assert b.shannon_evenness([3, 1, 0]) == pytest.approx(0.511860, abs=1e-6)
    assert b.shannon_evenness([5, 0]) == 0.0
    assert b.shannon_evenness([5]) == 0.0  # a single voice
    assert math.isnan(b.shannon_evenness([])) and math.isnan(b.shannon_evenness([0, 0]))
    with pytest.raises(ValueError):
        b.shannon_evenness([1, -1])


def test_hhi_effective_parties_disparity():
    assert b.hhi([3, 1]) == pytest.approx(0.625)          # 0.5625 + 0.0625
    assert b.effective_parties([3, 1]) == pytest.approx(1.6)
    assert b.hhi([1, 1, 1, 1]) == pytest.approx(0.25)
    assert b.effective_parties([1, 1, 1, 1]) == pytest.approx(4)
    assert b.hhi([0, 7]) == 1.0
    assert math.isnan(b.hhi([0, 0])) and math.isnan(b.effective_parties([]))
    assert b.disparity(3, 1) == 0.5 and b.disparity(0, 4) == -1.0
    assert math.isnan(b.disparity(0, 0))
    arr = b.disparity(np.array([1, 2, 0]), np.array([1, 0, 0]))
    assert arr[:2].tolist() == [0.0, 1.0] and math.isnan(arr[2])
    ser = b.disparity(pd.Series([3, 1], index=["x", "y"]), pd.Series([1, 3], index=["x", "y"]))
    assert ser.to_dict() == {"x": 0.5, "y": -0.5}


def test_balance_table_by_outlet():
    t = b.balance_table(make_quotes(), by="outlet")
    assert list(t.columns) == ["outlet"] + b.BALANCE_COLUMNS
    x, y = t.iloc[0], t.iloc[1]
    # X: A 3 attributions (the split quote counts once), B 1, nobody excluded -> counts (3, 1).
    assert (x["quotes"], x["parties"]) == (4, 2)
    assert x["entropy"] == pytest.approx(0.811278, abs=1e-6)
    assert (x["hhi"], x["effective_parties"]) == pytest.approx((0.625, 1.6))
    assert x["one_sided_rate"] == 0.5  # a1 {A, B}, a2 {A}
    # Y: B 2, C 1 -> p = (2/3, 1/3): H = 0.636514, / ln 2 = 0.918296; hhi 4/9 + 1/9 = 5/9.
    assert (y["quotes"], y["parties"]) == (3, 2)
    assert y["entropy"] == pytest.approx(0.918296, abs=1e-6)
    assert y["hhi"] == pytest.approx(5 / 9) and y["effective_parties"] == pytest.approx(1.8)
    assert y["one_sided_rate"] == 0.0


def test_balance_table_fixed_parties_and_corpus():
    # parties=[A, B] fixes k = 2 everywhere; Y then has B 2, A 0 (C ignored) -> entropy 0, one-sided.
    t = b.balance_table(make_quotes(), by="outlet", parties=["A", "B"])
    assert t["quotes"].tolist() == [4, 2] and t["parties"].tolist() == [2, 1]
    assert t["entropy"].tolist() == pytest.approx([0.811278, 0.0], abs=1e-6)
    assert t["one_sided_rate"].tolist() == [0.5, 1.0]
    # Whole corpus: A 3, B 3, C 1 (k = 3): p = (3/7, 3/7, 1/7).
    whole = b.balance_table(make_quotes()).iloc[0]
    h = -(2 * (3 / 7) * math.log(3 / 7) + (1 / 7) * math.log(1 / 7))
    assert whole["entropy"] == pytest.approx(h / math.log(3))
    assert whole["hhi"] == pytest.approx(19 / 49)
    assert whole["one_sided_rate"] == pytest.approx(1 / 3)


def test_balance_table_group_without_party_quotes():
    q = make_quotes()
    q.loc[q["outlet"] == "Y", "party"] = None
    y = b.balance_table(q, by="outlet").iloc[1]
    assert y["quotes"] == 0 and y["parties"] == 0
    assert math.isnan(y["entropy"]) and math.isnan(y["hhi"]) and math.isnan(y["one_sided_rate"])


def test_disparity_table():
    t = b.disparity_table(make_quotes(), "A", "B", by="outlet")
    assert list(t.columns) == ["outlet", "party_a", "party_b", "measure", "value_a", "value_b", "disparity"]
    # X: A 3, B 1 -> 0.5; Y: A 0, B 2 -> -1.
    assert t[["value_a", "value_b"]].values.tolist() == [[3, 1], [0, 2]]
    assert t["disparity"].tolist() == [0.5, -1.0]
    # Words: X A = 3 + 2 + 4 + 1 = 10, B = 10 -> 0; Y A 0, B 4 -> -1.
    w = b.disparity_table(make_quotes(), "A", "B", by="outlet", measure="words")
    assert w[["value_a", "value_b", "disparity"]].values.tolist() == [[10, 10, 0.0], [0, 4, -1.0]]
    with pytest.raises(ValueError):
        b.disparity_table(make_quotes(), "A", "B", measure="speakers")

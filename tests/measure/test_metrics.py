"""Hand-checked tests for framing.measure.metrics on a 3-article, 2-outlet fixture with split quotes."""

import math

import numpy as np
import pandas as pd
import pytest

from framing.measure import metrics as m

COLS = ["article_id", "outlet", "date", "attribution_id", "kind", "content", "start", "end", "cue",
        "cue_lemma", "cue_category", "speaker", "speaker_type", "named", "party", "sentiment", "words"]
OUTLET = {"a1": ("X", "2026-03-02"), "a2": ("X", "2026-03-02"), "a3": ("Y", "2026-03-06")}


def _q(art, att, kind, start, cue, lemma, cat, speaker, stype, named, party, sentiment, words):
    outlet, date = OUTLET[art]
    return [art, outlet, date, att, kind, "w " * words, start, start + 2 * words, cue, lemma, cat, speaker,
            stype, named, party, sentiment, words]


def make_quotes() -> pd.DataFrame:
    """a1 (X): A split quote, B, nobody, anonymous A. a2 (X): B, B, A in 3 fragments. a3 (Y): nobody, A, A."""
    rows = [
        _q("a1", 1, "direct", 10, "said", "say", "neutral", "Ann Alder", "person", True, "A", 0.5, 4),
        _q("a1", 1, "direct", 50, None, None, None, "Ann Alder", "person", True, "A", -0.25, 2),
        _q("a1", 2, "indirect", 100, "claimed", "claim", "distancing", "Bob Birch", "person", True, "B",
           -0.5, 6),
        _q("a1", 3, "direct", 150, "said", "say", "neutral", "residents", "collective", False, None, 0.0, 3),
        _q("a1", 4, "according_to", 200, "according to", "according to", "neutral", "senior A official",
           "anonymous", False, "A", np.nan, 5),
        _q("a2", 1, "indirect", 5, "insisted", "insist", "insistent", "Bob Birch", "person", True, "B",
           0.2, 4),
        _q("a2", 2, "mixed", 40, "said", "say", "neutral", "Carl Cole", "person", True, "B", 0.4, 8),
        _q("a2", 3, "direct", 80, "said", "say", "neutral", "Ann Alder", "person", True, "A", 0.3, 2),
        _q("a2", 3, "direct", 90, None, None, None, "Ann Alder", "person", True, "A", np.nan, 2),
        _q("a2", 3, "direct", 100, None, None, None, "Ann Alder", "person", True, "A", 0.6, 2),
        _q("a3", 1, "indirect", 0, "warned", "warn", "warning", "the Experts", "collective", False, None,
           0.1, 5),
        _q("a3", 2, "direct", 30, "said", "say", "neutral", "Ann Alder", "person", True, "A", 0.8, 10),
        _q("a3", 3, "indirect", 70, "denied", "deny", "denial", "Dan Dorn", "person", True, "A", np.nan, 4),
    ]
    return pd.DataFrame(rows, columns=COLS)


def make_mentions() -> pd.DataFrame:
    rows = [("a1", "X", "A", 0.5), ("a1", "X", "B", -0.5), ("a2", "X", "A", 0.1),
            ("a3", "Y", "A", -0.2), ("a3", "Y", "B", 0.3), ("a3", "Y", "C", 0.0)]
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "party", "tone"])
    return df.assign(start=0, end=1, sentence="s")  # no `date`: taken from the quotes when grouping by it


def test_attributions_collapses_fragments():
    att = m.attributions(make_quotes())
    assert len(att) == 10
    assert list(att["fragments"]) == [2, 1, 1, 1, 1, 1, 3, 1, 1, 1]
    a1 = att.iloc[0]
    # a1 #1: words 4 + 2 = 6; sentiment (0.5*4 - 0.25*2) / 6 = 1.5 / 6 = 0.25; start min 10, end max 50+4.
    assert (a1["words"], a1["start"], a1["end"]) == (6, 10, 54)
    assert a1["sentiment"] == pytest.approx(0.25)
    a2 = att.iloc[6]
    # a2 #3: NaN fragment skipped: (0.3*2 + 0.6*2) / (2 + 2) = 0.45; cue from the first (non-null) fragment.
    assert a2["sentiment"] == pytest.approx(0.45)
    assert (a2["words"], a2["cue"], a2["cue_category"]) == (6, "said", "neutral")
    assert math.isnan(att.iloc[3]["sentiment"])  # a1 #4: no sentiment at all
    # Collapsing twice changes nothing.
    again = m.attributions(att.drop(columns="fragments"))
    pd.testing.assert_frame_equal(again.drop(columns="fragments"), att.drop(columns="fragments"))


def test_attributions_sentiment_zero_words_falls_back_to_plain_mean():
    q = pd.DataFrame({"article_id": ["a", "a"], "attribution_id": [1, 1], "sentiment": [0.2, 0.6],
                      "words": [0, 0]})
    assert m.attributions(q)["sentiment"].iloc[0] == pytest.approx(0.4)


def test_speaker_key():
    assert m.speaker_key("The  Experts") == "experts"
    assert m.speaker_key("an official") == "official"
    assert m.speaker_key("Theo Ek") == "theo ek"


def _row(table, **where):
    sel = table
    for col, value in where.items():
        sel = sel[sel[col] == value]
    assert len(sel) == 1, where
    return sel.iloc[0]


def test_party_table_by_outlet_every_column():
    t = m.party_table(make_quotes(), by="outlet", mentions=make_mentions())
    assert list(t.columns) == ["outlet"] + m.PARTY_COLUMNS
    assert list(zip(t["outlet"], t["party"], strict=True)) == [("X", "A"), ("X", "B"), ("X", "(no party)"),
                                                   ("Y", "A"), ("Y", "B"), ("Y", "C"), ("Y", "(no party)")]
    # Outlet X: 7 attributions. A = a1#1 (6 words), a1#4 (5), a2#3 (6); B = a1#2 (6), a2#1 (4), a2#2 (8);
    # nobody = a1#3 (3). Words 17 + 18 + 3 = 38. Speakers: A {Ann Alder, senior A official}, B {Bob Birch,
    # Carl Cole} (Bob in two articles counts once), nobody {residents}: 5 in all.
    a = _row(t, outlet="X", party="A")
    assert (a["quotes"], a["quoted_words"], a["speakers"]) == (3, 17, 2)
    assert a["share_of_voice"] == pytest.approx(3 / 7)
    assert a["share_by_words"] == pytest.approx(17 / 38)
    assert a["share_by_speakers"] == pytest.approx(2 / 5)
    assert a["named_rate"] == pytest.approx(2 / 3)       # Ann, Ann named; the official not
    assert a["anonymous_rate"] == pytest.approx(1 / 3)   # the official
    assert a["direct_rate"] == pytest.approx(2 / 3)      # direct, according_to, direct
    # First/last (party-attributed, by start): a1 A(10) B(100) A(200) -> A, A; a2 B(5) B(40) A(80) -> B, A.
    assert (a["first_source_share"], a["last_word_share"]) == (0.5, 1.0)
    assert a["distancing_rate"] == 0.0
    assert a["mean_sentiment"] == pytest.approx((0.25 + 0.45) / 2)  # a1#4 has none
    assert a["mean_tone"] == pytest.approx((0.5 + 0.1) / 2)
    b = _row(t, outlet="X", party="B")
    assert (b["quotes"], b["quoted_words"], b["speakers"]) == (3, 18, 2)
    assert b["share_of_voice"] == pytest.approx(3 / 7)
    assert b["share_by_words"] == pytest.approx(18 / 38)
    assert b["share_by_speakers"] == pytest.approx(2 / 5)
    assert (b["named_rate"], b["anonymous_rate"]) == (1.0, 0.0)
    assert b["direct_rate"] == pytest.approx(1 / 3)      # indirect, indirect, mixed
    assert (b["first_source_share"], b["last_word_share"]) == (0.5, 0.0)
    assert b["distancing_rate"] == pytest.approx(1 / 3)  # claimed / insisted / said
    assert b["mean_sentiment"] == pytest.approx((-0.5 + 0.2 + 0.4) / 3)
    assert b["mean_tone"] == -0.5
    n = _row(t, outlet="X", party="(no party)")
    assert (n["quotes"], n["quoted_words"], n["speakers"]) == (1, 3, 1)
    assert n["share_of_voice"] == pytest.approx(1 / 7)
    assert n["share_by_words"] == pytest.approx(3 / 38)
    assert n["share_by_speakers"] == pytest.approx(1 / 5)
    assert (n["named_rate"], n["anonymous_rate"], n["direct_rate"], n["distancing_rate"]) == (0, 0, 1, 0)
    assert math.isnan(n["first_source_share"]) and math.isnan(n["last_word_share"])
    assert n["mean_sentiment"] == 0.0 and math.isnan(n["mean_tone"])
    # Outlet Y: a3 = experts (5 words), A Ann (10), A Dan (4): 3 attributions, 19 words.
    ya = _row(t, outlet="Y", party="A")
    assert (ya["quotes"], ya["quoted_words"], ya["speakers"]) == (2, 14, 2)
    assert ya["share_of_voice"] == pytest.approx(2 / 3)
    assert ya["share_by_words"] == pytest.approx(14 / 19)
    assert (ya["named_rate"], ya["direct_rate"]) == (1.0, 0.5)
    assert (ya["first_source_share"], ya["last_word_share"]) == (1.0, 1.0)
    assert (ya["mean_sentiment"], ya["mean_tone"]) == (0.8, -0.2)
    # B and C are only mentioned in Y: zero quotes, zero shares, undefined rates, tone from mentions.
    yb = _row(t, outlet="Y", party="B")
    assert (yb["quotes"], yb["quoted_words"], yb["speakers"], yb["share_of_voice"]) == (0, 0, 0, 0.0)
    assert (yb["first_source_share"], yb["last_word_share"], yb["mean_tone"]) == (0.0, 0.0, 0.3)
    assert math.isnan(yb["named_rate"]) and math.isnan(yb["mean_sentiment"])
    assert _row(t, outlet="Y", party="C")["mean_tone"] == 0.0
    yn = _row(t, outlet="Y", party="(no party)")
    assert yn["share_by_words"] == pytest.approx(5 / 19)
    # Shares sum to one within each group.
    assert t.groupby("outlet")["share_of_voice"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_party_table_whole_corpus_and_no_mentions():
    t = m.party_table(make_quotes())
    assert list(t.columns) == m.PARTY_COLUMNS
    assert list(t["party"]) == ["A", "B", "(no party)"]
    # 10 attributions: A 5, B 3, nobody 2. Speakers: Ann Alder is one speaker over three articles.
    assert list(t["quotes"]) == [5, 3, 2]
    assert list(t["share_of_voice"]) == pytest.approx([0.5, 0.3, 0.2])
    assert list(t["speakers"]) == [3, 2, 2]
    # First: a1 A, a2 B, a3 A -> A 2/3, B 1/3.
    assert list(t["first_source_share"][:2]) == pytest.approx([2 / 3, 1 / 3])
    assert t["mean_tone"].isna().all()
    # mentions grouped by a column they lack ("date") take it from the quotes of the same article.
    with_dates = m.party_table(make_quotes(), by="date", mentions=make_mentions())
    assert _row(with_dates, date="2026-03-06", party="C")["mean_tone"] == 0.0


def test_party_table_custom_no_party_label_and_missing_named():
    q = make_quotes()
    q["named"] = q["named"].astype(object)
    q.loc[q["speaker"] == "senior A official", "named"] = None
    t = m.party_table(q, by="outlet", no_party="nobody")
    assert "nobody" in set(t["party"])
    # Missing `named` is skipped: A in X has Ann, Ann (named) and one unknown -> 2 / 2.
    assert _row(t, outlet="X", party="A")["named_rate"] == 1.0


def test_first_last_and_per_article():
    q = make_quotes()
    per = m.article_first_last(q, by="outlet")
    assert per.values.tolist() == [["X", "a1", "A", "A"], ["X", "a2", "B", "A"], ["Y", "a3", "A", "A"]]
    fl = m.first_last(q, by="outlet")
    assert fl[["outlet", "party", "articles", "first", "last"]].values.tolist() == [
        ["X", "A", 2, 1, 2], ["X", "B", 2, 1, 0], ["Y", "A", 1, 1, 1]]
    assert list(fl["first_source_share"]) == [0.5, 0.5, 1.0]
    assert list(fl["last_word_share"]) == [1.0, 0.0, 1.0]
    # With no-party speakers: a3 opens with the experts; a1 still ends with A (200 > 150).
    fl2 = m.first_last(q, include_no_party=True)
    assert fl2[["party", "first", "last"]].values.tolist() == [["A", 1, 3], ["B", 1, 0], ["(no party)", 1, 0]]
    assert list(fl2["first_source_share"]) == pytest.approx([1 / 3] * 3)


def test_speaker_table():
    t = m.speaker_table(make_quotes(), by="outlet")
    assert list(t.columns) == ["outlet"] + m.SPEAKER_COLUMNS
    ann = _row(t, outlet="X", speaker="Ann Alder")
    # Ann in X: a1#1 (6 words) and a2#3 (6 words), two articles, 2 of 7 quotes, said twice.
    assert (ann["party"], ann["quotes"], ann["quoted_words"], ann["articles"]) == ("A", 2, 12, 2)
    assert ann["share_of_voice"] == pytest.approx(2 / 7)
    assert ann["verbs"] == "say ×2"
    assert ann["mean_sentiment"] == pytest.approx(0.35)
    bob = _row(t, outlet="X", speaker="Bob Birch")
    assert bob["verbs"] == "claim ×1, insist ×1"  # tie -> alphabetical
    assert bob["mean_sentiment"] == pytest.approx((-0.5 + 0.2) / 2)
    anon = _row(t, outlet="X", speaker="senior A official")
    assert (anon["speaker_type"], bool(anon["named"])) == ("anonymous", False)
    assert t["outlet"].tolist()[:2] == ["X", "X"] and t["quotes"].tolist()[:2] == [2, 2]  # most quoted first
    corpus = m.speaker_table(make_quotes(), top_verbs=1)
    assert _row(corpus, speaker="Ann Alder")[["quotes", "articles", "verbs"]].tolist() == [3, 3, "say ×3"]
    assert _row(corpus, speaker="Bob Birch")["verbs"] == "claim ×1"


def test_verb_table_and_relative_to_said():
    vt = m.verb_table(make_quotes(), by="outlet")
    assert list(vt.columns) == ["outlet", "party", "category", "count", "share"]
    assert len(vt) == 5 * len(m.CATEGORIES)  # (X: A, B, nobody) + (Y: A, nobody), every category
    # B in X: claimed (distancing), insisted (insistent), said (neutral): 1/3 each.
    xb = vt[(vt["outlet"] == "X") & (vt["party"] == "B")].set_index("category")
    assert xb.loc[["neutral", "insistent", "distancing", "denial"], "count"].tolist() == [1, 1, 1, 0]
    assert xb.loc["distancing", "share"] == pytest.approx(1 / 3)
    assert xb["share"].sum() == pytest.approx(1.0)
    ya = vt[(vt["outlet"] == "Y") & (vt["party"] == "A")].set_index("category")
    assert ya.loc[["neutral", "denial"], "share"].tolist() == [0.5, 0.5]
    rel = m.relative_to_said(make_quotes())
    assert "neutral" not in set(rel["category"])
    # Corpus: A has 4 neutral (said, according to, said, said) and 1 denial -> 1/4; B 1 neutral, 1 distancing.
    assert _row(rel, party="A", category="denial")[["count", "neutral", "ratio"]].tolist() == [1, 4, 0.25]
    assert _row(rel, party="B", category="distancing")["ratio"] == 1.0
    assert _row(rel, party="B", category="warning")["ratio"] == 0.0
    # Y's no-party speakers never "said": the ratio is undefined.
    rel_y = m.relative_to_said(make_quotes(), by="outlet")
    assert math.isnan(_row(rel_y, outlet="Y", party="(no party)", category="warning")["ratio"])
    by_type = m.verb_table(make_quotes(), of="speaker_type")
    assert _row(by_type, speaker_type="anonymous", category="neutral")["count"] == 1


def test_one_sided_rate():
    q = make_quotes()
    # X: a1 {A, B}, a2 {A, B} -> 0/2; Y: a3 {A} -> 1/1.
    t = m.one_sided_rate(q, by="outlet")
    assert t.values.tolist() == [["X", 2, 0, 0.0], ["Y", 1, 1, 1.0]]
    # Corpus: 1 of 3; among parties [B] only: a1 and a2 quote B alone -> 2/2, a3 has no B.
    assert m.one_sided_rate(q)["one_sided_rate"].iloc[0] == pytest.approx(1 / 3)
    assert m.one_sided_rate(q, parties=["B"]).values.tolist() == [[2, 2, 1.0]]


def test_empty_input_gives_empty_tables_with_columns():
    empty = make_quotes().iloc[:0]
    assert list(m.party_table(empty, by="outlet").columns) == ["outlet"] + m.PARTY_COLUMNS
    assert m.first_last(empty).empty and m.verb_table(empty).empty and m.speaker_table(empty).empty


def test_missing_column_is_reported():
    with pytest.raises(KeyError, match="attribution_id"):
        m.attributions(pd.DataFrame({"article_id": ["a"]}))

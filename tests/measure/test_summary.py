"""The streamed summary tables (framing.measure.summary.QuoteSummary) equal the metric functions on full tables.

``framing analyze`` no longer reads the quote table back: speakers, parties and parties_by_<col> come
from per-batch reductions. These tests feed many small batches and compare, exactly (values, dtypes,
CSV bytes), with ``speaker_table`` / ``party_table`` computed on the whole in-memory tables.
"""

from __future__ import annotations

import shutil
import textwrap

import numpy as np
import pandas as pd
import pytest

from framing.measure import metrics
from framing.measure.summary import QuoteSummary
from framing.measure.tables import ARTICLE_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS
from framing.run import analysis
from framing.run.analysis import Analysis, _frame, analyze_to_dir
from framing.run.io import write_table

# --------------------------------------------------------------------------- a hand-made corpus
# a1 (X, d1): Ann Alder said (3 words, 0.1), Bob Birch claimed (2 words, -0.5): first A, last B.
# a2 (X, d2): no quotes; mentions C (0.3) and A (-0.1). C is a party only in mentions.
# a3 (Y, d1): "the Bob Birch" insisted (start 2), "ann alder" in two fragments (words 1 + 3, sentiment
#             0.5 and NaN, start 5), residents (no party, start 60): first B, last A.
# a4 (Y, d2): only officials (no party, 2 words): no first or last party.
ARTICLES = [
    {"article_id": "a1", "title": "One", "outlet": "X", "date": "d1", "author": "Jo"},
    {"article_id": "a2", "title": "Two", "outlet": "X", "date": "d2", "author": None},
    {"article_id": "a3", "title": "Three", "outlet": "Y", "date": "d1", "author": "Jo"},
    {"article_id": "a4", "title": "Four", "outlet": "Y", "date": "d2", "author": "Al"},
]


def _q(art, att, frag, start, kind, cue, lemma, cat, speaker, stype, party, sentiment, words):
    a = next(x for x in ARTICLES if x["article_id"] == art)
    return {"article_id": art, "outlet": a["outlet"], "date": a["date"], "attribution_id": att,
            "fragment": frag, "kind": kind, "content": "w " * words, "start": start, "end": start + words,
            "cue": cue, "cue_lemma": lemma, "cue_category": cat, "speaker": speaker, "speaker_type": stype,
            "named": stype == "person", "party": party, "sentiment": sentiment, "words": words}


QUOTES = {
    "a1": [_q("a1", 1, 1, 10, "direct", "said", "say", "neutral", "Ann Alder", "person", "A", 0.1, 3),
           _q("a1", 2, 1, 50, "indirect", "claimed", "claim", "distancing", "Bob Birch", "person", "B",
              -0.5, 2)],
    "a2": [],
    "a3": [_q("a3", 1, 1, 2, "indirect", "insisted", "insist", "insistent", "the Bob Birch", "person", "B",
              0.25, 4),
           _q("a3", 2, 1, 5, "direct", "said", "say", "neutral", "ann alder", "person", "A", 0.5, 1),
           _q("a3", 2, 2, 30, "direct", None, None, None, "ann alder", "person", "A", np.nan, 3),
           _q("a3", 3, 1, 60, "direct", "said", "say", "neutral", "residents", "collective", None, 0.2, 4)],
    "a4": [_q("a4", 1, 1, 0, "indirect", "said", "say", "neutral", "officials", "collective", None, -0.3, 2)],
}
MENTIONS = {
    "a1": [{"article_id": "a1", "outlet": "X", "date": "d1", "party": "A", "tone": 0.2}],
    "a2": [{"article_id": "a2", "outlet": "X", "date": "d2", "party": "C", "tone": 0.3},
           {"article_id": "a2", "outlet": "X", "date": "d2", "party": "A", "tone": -0.1}],
    "a3": [{"article_id": "a3", "outlet": "Y", "date": "d1", "party": "B", "tone": -0.4}],
    "a4": [],
}


def summarise(articles, quotes, mentions, batch: int) -> QuoteSummary:
    s = QuoteSummary()
    for i in range(0, len(articles), batch):
        part = articles[i:i + batch]
        s.add(part, [q for a in part for q in quotes[a["article_id"]]],
              [m for a in part for m in mentions[a["article_id"]]])
    s.articles = _frame(articles, ARTICLE_COLUMNS)
    return s


def full_tables(articles, quotes, mentions):
    q = _frame([x for a in articles for x in quotes[a["article_id"]]], QUOTE_COLUMNS)
    m = _frame([x for a in articles for x in mentions[a["article_id"]]], MENTION_COLUMNS)
    return q, m, _frame(articles, ARTICLE_COLUMNS)


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=True)  # values, order, columns, dtypes
    assert got.to_csv(index=False) == expected.to_csv(index=False)


@pytest.mark.parametrize("batch", [1, 2, 3, 4])
def test_hand_made_corpus_every_table_equals_the_metrics(batch):
    s = summarise(ARTICLES, QUOTES, MENTIONS, batch)
    assert s.exact and s.n_attributions == 6  # a3's two fragments are one attribution
    q, m, arts = full_tables(ARTICLES, QUOTES, MENTIONS)
    assert_same(metrics.speaker_table(s), metrics.speaker_table(q))
    assert_same(metrics.party_table(s), metrics.party_table(q, mentions=m))
    for by in ("outlet", "date", ["outlet", "date"]):
        assert_same(metrics.party_table(s, by=by), metrics.party_table(q, by=by, mentions=m))
    joined = q.join(arts.set_index("article_id")[["author"]], on="article_id")  # an article-table column
    m_joined = m.join(arts.set_index("article_id")[["author"]], on="article_id")
    assert_same(metrics.party_table(s, by="author"),
                metrics.party_table(joined, by="author", mentions=m_joined))
    assert_same(metrics.party_table(s, no_party="nobody"),
                metrics.party_table(q, mentions=m, no_party="nobody"))


def test_hand_made_corpus_values():
    s = summarise(ARTICLES, QUOTES, MENTIONS, batch=1)
    p = metrics.party_table(s).set_index("party")
    assert list(p.index) == ["A", "B", "C", "(no party)"]
    assert list(p["quotes"]) == [2, 2, 0, 2] and list(p["quoted_words"]) == [7, 6, 0, 6]
    assert list(p["speakers"]) == [1, 1, 0, 2]  # "Ann Alder" = "ann alder", "Bob Birch" = "the Bob Birch"
    assert p.loc["A", "share_of_voice"] == 2 / 6
    # a1 opens with A and ends with B, a3 the other way round (residents have no party); a4 has no party
    assert p.loc["A", "first_source_share"] == 0.5 and p.loc["B", "last_word_share"] == 0.5
    assert p.loc["C", "first_source_share"] == 0.0 and np.isnan(p.loc["(no party)", "first_source_share"])
    assert p.loc["B", "distancing_rate"] == 0.5 and p.loc["A", "direct_rate"] == 1.0
    assert p.loc["A", "mean_sentiment"] == pytest.approx((0.1 + 0.5) / 2)  # a3: NaN fragment skipped
    assert p.loc["A", "mean_tone"] == (0.2 + -0.1) / 2 and p.loc["C", "mean_tone"] == 0.3
    x = metrics.party_table(s, by="outlet").set_index(["outlet", "party"])
    # Because a3's attribution has two fragments, metrics.attributions computes every attribution's
    # sentiment as sum(s*w)/sum(w): a1's 0.1 (batch 1, no fragments there) becomes 0.1 * 3 / 3.
    assert x.loc[("X", "A"), "mean_sentiment"] == 0.1 * 3 / 3 != 0.1
    assert x.loc[("X", "C"), "quotes"] == 0 and x.loc[("X", "C"), "first_source_share"] == 0.0
    assert x.loc[("X", "A"), "first_source_share"] == 1.0 and x.loc[("Y", "B"), "first_source_share"] == 1.0
    sp = metrics.speaker_table(s).set_index("speaker")
    assert sp.loc["Ann Alder", "articles"] == 2 and sp.loc["Ann Alder", "verbs"] == "say ×2"
    assert sp.loc["Bob Birch", "verbs"] == "claim ×1, insist ×1"


def test_no_split_attribution_anywhere_keeps_plain_sentiments():
    quotes = {k: [q for q in v if (q["article_id"], q["fragment"]) != ("a3", 2)] for k, v in QUOTES.items()}
    s = summarise(ARTICLES, quotes, MENTIONS, batch=1)
    q, m, _ = full_tables(ARTICLES, quotes, MENTIONS)
    p = metrics.party_table(s)
    x = metrics.party_table(s, by="outlet").set_index(["outlet", "party"])
    assert x.loc[("X", "A"), "mean_sentiment"] == 0.1
    assert_same(p, metrics.party_table(q, mentions=m))
    assert_same(metrics.speaker_table(s), metrics.speaker_table(q))


def test_no_mentions_at_all():
    s = summarise(ARTICLES, QUOTES, {k: [] for k in MENTIONS}, batch=2)
    q, _, _ = full_tables(ARTICLES, QUOTES, MENTIONS)
    empty = pd.DataFrame(columns=MENTION_COLUMNS)
    assert_same(metrics.party_table(s, by="outlet"), metrics.party_table(q, by="outlet", mentions=empty))


def test_what_the_summary_cannot_stream_is_flagged():
    twice = summarise(ARTICLES + ARTICLES[:1], QUOTES, MENTIONS, batch=2)
    assert not twice.exact and "twice" in twice.why
    moved = {**QUOTES, "a1": [dict(QUOTES["a1"][0], outlet="Z"), QUOTES["a1"][1]]}
    assert "outlet" in summarise(ARTICLES, moved, MENTIONS, batch=3).why
    unknown = {**QUOTES, "a1": [dict(QUOTES["a1"][0], named=None), QUOTES["a1"][1]]}
    assert not summarise(ARTICLES, unknown, MENTIONS, batch=3).exact
    with pytest.raises(ValueError, match="not exact"):
        metrics.party_table(twice)
    s = summarise(ARTICLES, QUOTES, MENTIONS, batch=3)
    with pytest.raises(KeyError, match="quote-level"):
        metrics.party_table(s, by="kind")
    with pytest.raises(ValueError, match="mentions"):
        metrics.party_table(s, mentions=pd.DataFrame(columns=MENTION_COLUMNS))


# ------------------------------------------------------------- framing analyze on corpus/sample
@pytest.fixture(scope="module")
def corpus(sample_dir, tmp_path_factory):
    """corpus/sample plus an article without quotes that mentions a party nobody quotes (Morland), and
    an undated article (a NaN date group)."""
    root = tmp_path_factory.mktemp("summary") / "corpus"
    shutil.copytree(sample_dir, root)
    with open(root / "actors.yaml", "a", encoding="utf-8") as fh:
        fh.write("  Morland:\n    aliases: [Morland]\n    members: []\n")
    (root / "eastport-monitor" / "07-morland.md").write_text(textwrap.dedent("""\
        ---
        title: Morland closes its border
        outlet: The Eastport Monitor
        date: 2026-03-20
        ---

        Morland closed its border crossings on Friday, and the queues of lorries grew by the hour.

        Trade through the valley has slowed to a trickle since the fighting began in Morland's south.
        """), encoding="utf-8")
    (root / "northgate-herald" / "08-undated.md").write_text(textwrap.dedent("""\
        ---
        title: The road is open
        outlet: The Northgate Herald
        ---

        “The road to Orsk is open again,” said Ruth Calloway, who runs the Tamsin Relief Network.
        """), encoding="utf-8")
    return root


def test_analyze_to_dir_streams_and_equals_the_metrics(corpus, tmp_path, monkeypatch):
    def no_full_read(*args, **kw):
        raise AssertionError("the summary tables read the whole quote table back")

    monkeypatch.setattr(analysis, "_read_light", no_full_read)
    out = tmp_path / "out"
    analyze_to_dir(corpus, out, jobs=1, batch=3, by=("outlet", "date"))
    a = Analysis.load(out)
    assert (a.articles["quotes"] == 0).sum() == 1 and a.articles["date"].isna().sum() == 1
    assert "Morland" not in set(a.quotes["party"]) and "Morland" in set(a.mentions["party"])
    expected = {"speakers": metrics.speaker_table(a.quotes),
                "parties": metrics.party_table(a.quotes, mentions=a.mentions)}
    for g in ("outlet", "date"):
        expected[f"parties_by_{g}"] = metrics.party_table(a.quotes, by=g, mentions=a.mentions)
    ref = tmp_path / "ref"
    for name, table in expected.items():
        write_table(table, ref, name)
        assert_same(pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(ref / f"{name}.parquet"))
        assert (out / f"{name}.csv").read_bytes() == (ref / f"{name}.csv").read_bytes(), name
    parties = expected["parties"].set_index("party")
    assert parties.loc["Morland", "quotes"] == 0 and parties.loc["Morland", "mean_tone"] == pytest.approx(
        a.mentions.loc[a.mentions["party"] == "Morland", "tone"].mean())
    by_date = expected["parties_by_date"]
    assert by_date["date"].isna().sum() >= 1  # the undated article is a group of its own


def test_batch_size_does_not_change_the_files(corpus, tmp_path):
    analyze_to_dir(corpus, tmp_path / "b3", jobs=1, batch=3, by=("outlet", "date"))
    analyze_to_dir(corpus, tmp_path / "b500", jobs=1, batch=500, by=("outlet", "date"))
    for name in ("speakers", "parties", "parties_by_outlet", "parties_by_date"):
        for ext in ("csv", "parquet"):
            small, large = tmp_path / "b3" / f"{name}.{ext}", tmp_path / "b500" / f"{name}.{ext}"
            assert small.read_bytes() == large.read_bytes()


def test_quote_level_by_column_falls_back_to_the_full_table(corpus, tmp_path):
    out = tmp_path / "out"
    analyze_to_dir(corpus, out, jobs=1, batch=5, by=("kind", "author"))
    a = Analysis.load(out)
    got = pd.read_csv(out / "parties_by_kind.csv")
    ref = tmp_path / "ref"
    write_table(metrics.party_table(a.quotes, by="kind", mentions=a.mentions), ref, "parties_by_kind")
    assert (out / "parties_by_kind.csv").read_bytes() == (ref / "parties_by_kind.csv").read_bytes()
    assert len(got) > 0
    author = a.articles.set_index("article_id")[["author"]]
    by_author = metrics.party_table(a.quotes.join(author, on="article_id"), by="author",
                                    mentions=a.mentions.join(author, on="article_id"))
    write_table(by_author, ref, "parties_by_author")
    assert (out / "parties_by_author.csv").read_bytes() == (ref / "parties_by_author.csv").read_bytes()

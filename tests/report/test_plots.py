"""Figures: each returns an Axes with the expected bars, cells and labels on small hand-made tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import framing
from framing.report import plots

NP = "(no party)"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def yticks(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.fixture
def parties():
    """A party_table(by="outlet")-like table: X quotes A 5, B 3, nobody 2; Y quotes A 6, B 4."""
    return pd.DataFrame({
        "outlet": ["X", "X", "X", "Y", "Y", "Y"],
        "party": ["A", "B", NP, "A", "B", NP],
        "share_of_voice": [0.5, 0.3, 0.2, 0.6, 0.4, 0.0],
        "share_by_words": [0.7, 0.2, 0.1, 0.25, 0.75, 0.0],
        "named_rate": [0.5, 1.0, 0.0, 0.75, np.nan, 1.0],
        "anonymous_rate": [0.25, 0.0, 1.0, 0.25, np.nan, 0.0],
        "first_source_share": [2 / 3, 1 / 3, np.nan, 1.0, 0.0, np.nan],
        "last_word_share": [1 / 3, 2 / 3, np.nan, 0.5, 0.5, np.nan],
    })


def test_party_palette_is_stable_and_greys_no_party():
    pal = plots.party_palette(["Valdoria", "Estland", NP, "Sarneth"])
    assert list(pal) == ["Valdoria", "Estland", NP, "Sarneth"]
    assert pal[NP] == plots.NO_PARTY_COLOUR
    assert len({pal["Valdoria"], pal["Estland"], pal["Sarneth"]}) == 3
    # same party, same place -> same colour in another figure; no-party does not use up a colour
    assert plots.party_palette(["Valdoria", "Estland"])["Valdoria"] == pal["Valdoria"]
    assert pal["Sarneth"] == plots.party_palette(["a", "b", "Sarneth"])["Sarneth"]
    styles = [plots.party_style(pal, p) for p in pal]
    assert len({s[1] for s in styles}) == 4 and len({s[2] for s in styles}) == 4  # hatches, markers


def test_share_of_voice_bars_quotes(parties):
    ax = plots.share_of_voice_bars(parties, "outlet")
    assert isinstance(ax, plt.Axes)
    assert len(ax.patches) == 5  # Y's no-party share is 0: no bar
    assert yticks(ax) == ["X", "Y"]
    assert sorted(texts(ax)) == sorted(["50%", "30%", "20%", "60%", "40%"])
    assert legend(ax) == ["A", "B", NP]
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [0.2, 0.3, 0.4, 0.5, 0.6]
    lefts = sorted(round(p.get_x(), 2) for p in ax.patches)
    assert lefts == [0.0, 0.0, 0.5, 0.6, 0.8]  # stacked: B starts where A ends
    assert len({p.get_hatch() for p in ax.patches}) == 3  # one hatch per party: readable in greyscale


def test_share_of_voice_bars_words_and_given_axes(parties):
    _, ax = plt.subplots()
    pal = plots.party_palette(["B", "A", NP])
    out = plots.share_of_voice_bars(parties, "outlet", measure="words", palette=pal, ax=ax, label_min=0.3)
    assert out is ax
    assert sorted(texts(ax)) == ["70%", "75%"]  # only shares >= label_min are written
    assert legend(ax) == ["B", "A", NP]  # palette order
    b_bar = next(p for p in ax.patches if round(p.get_width(), 2) == 0.2)  # X/B: 20% of the words
    assert b_bar.get_facecolor()[:3] == pytest.approx(pal["B"])
    assert b_bar.get_x() == 0.0  # stacked in palette order: B first
    with pytest.raises(ValueError, match="measure"):
        plots.share_of_voice_bars(parties, "outlet", measure="pages")


def test_first_last_bars(parties):
    ax = plots.first_last_bars(parties, "outlet")
    assert yticks(ax) == ["X: first voice", "X: last word", "Y: first voice", "Y: last word"]
    assert len(ax.patches) == 7  # X: 2 + 2, Y: first A only (B 0) + last 2
    assert sorted(texts(ax)) == sorted(["67%", "33%", "33%", "67%", "100%", "50%", "50%"])
    assert NP not in legend(ax)


def test_named_anonymous_bars(parties):
    ax = plots.named_anonymous_bars(parties, "outlet")
    # X/A: 0.5 named, 0.25 anon, 0.25 other; X/B: named only; Y/A: 0.75, 0.25, 0; Y/B has no data
    assert yticks(ax) == ["X: A", "X: B", "Y: A"]
    assert len(ax.patches) == 3 + 1 + 2
    assert legend(ax) == ["named", "anonymous", "other unnamed"]
    assert sorted(texts(ax)) == sorted(["50%", "25%", "25%", "100%", "75%", "25%"])


@pytest.fixture
def verbs():
    """relative_to_said-like: A/X has no neutral verb (ratio NaN)."""
    rows = []
    for outlet, party, cat, count, neutral in [("X", "A", "distancing", 1, 0), ("X", "B", "distancing", 1, 2),
                                               ("Y", "A", "distancing", 0, 3), ("Y", "B", "distancing", 2, 4),
                                               ("X", "A", "insistent", 0, 0), ("X", "B", "insistent", 1, 2),
                                               ("Y", "A", "insistent", 3, 3), ("Y", "B", "insistent", 0, 4),
                                               ("X", "A", "warning", 0, 0), ("X", "B", "warning", 0, 2),
                                               ("Y", "A", "warning", 0, 3), ("Y", "B", "warning", 0, 4),
                                               ("X", NP, "distancing", 5, 1)]:
        rows.append({"outlet": outlet, "party": party, "category": cat, "count": count, "neutral": neutral,
                     "ratio": count / neutral if neutral else np.nan})
    return pd.DataFrame(rows)


def test_verb_heatmap_one_category(verbs):
    ax = plots.verb_heatmap(verbs, "outlet", "distancing")
    cells = ax.collections[0].get_array()
    assert cells.shape == (2, 2)  # parties A, B x outlets X, Y; no-party left out
    assert sorted(texts(ax)) == ["0.00", "0.50", "0.50"]  # A/X is NaN: blank
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["X", "Y"]


def test_verb_heatmap_all_categories(verbs):
    ax = plots.verb_heatmap(verbs, "outlet", category=None)
    # 4 party-outlet rows x 2 categories used (warning has no verb at all)
    assert ax.collections[0].get_array().shape == (4, 2)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["distancing", "insistent"]
    assert "A · Y" in [t.get_text() for t in ax.get_yticklabels()]
    assert "1.00" in texts(ax)  # A/Y insistent 3 per 3 said


def test_sentiment_intervals():
    ci = pd.DataFrame({"outlet": ["X", "X", "Y", "Y"], "party": ["A", "B", "A", "B"],
                       "estimate": [0.1, -0.2, np.nan, 0.3], "ci_low": [0.0, -0.4, np.nan, 0.1],
                       "ci_high": [0.2, 0.0, np.nan, 0.5], "n_articles": [3, 3, 2, 2]})
    ax = plots.sentiment_intervals(ci, "outlet")
    points = {c.get_label(): list(c.lines[0].get_xdata()) for c in ax.containers}
    assert points == {"A": [0.1], "B": [-0.2, 0.3]}  # A/Y has no estimate
    assert yticks(ax) == ["X", "Y"]
    markers = {c.get_label(): c.lines[0].get_marker() for c in ax.containers}
    assert markers["A"] != markers["B"]
    # the interval of B/X runs from -0.4 to 0.0
    segs = [s for c in ax.containers if c.get_label() == "B" for s in c.lines[2][0].get_segments()]
    assert sorted((round(s[0][0], 2), round(s[1][0], 2)) for s in segs) == [(-0.4, 0.0), (0.1, 0.5)]


def test_balance_bars():
    bal = pd.DataFrame({"outlet": ["X", "Y", "Z"], "entropy": [0.8113, np.nan, 1.0],
                        "effective_parties": [1.6, np.nan, 2.0]})
    ax = plots.balance_bars(bal, "outlet")
    assert len(ax.patches) == 2 and yticks(ax) == ["X", "Z"]
    assert texts(ax) == ["0.81", "1.00"]
    ax = plots.balance_bars(bal, "outlet", "effective_parties")
    assert [round(p.get_width(), 2) for p in ax.patches] == [1.6, 2.0]
    with pytest.raises(ValueError, match="measure"):
        plots.balance_bars(bal, "outlet", "gini")


@pytest.mark.parametrize("draw", [
    lambda df, ax: plots.share_of_voice_bars(df, "outlet", ax=ax),
    lambda df, ax: plots.first_last_bars(df, "outlet", ax=ax),
    lambda df, ax: plots.named_anonymous_bars(df, "outlet", ax=ax),
    lambda df, ax: plots.verb_heatmap(df, "outlet", ax=ax),
    lambda df, ax: plots.sentiment_intervals(df, "outlet", ax=ax),
    lambda df, ax: plots.balance_bars(df, "outlet", ax=ax),
])
def test_empty_data_draws_a_note(draw):
    for ax in (None, plt.subplots()[1]):
        out = draw(pd.DataFrame(), ax)
        assert isinstance(out, plt.Axes) and (ax is None or out is ax)
        assert texts(out) == ["no data"]
        assert not out.patches


def test_missing_column_is_a_clear_error(parties):
    with pytest.raises(KeyError, match="share_of_voice"):
        plots.share_of_voice_bars(parties.drop(columns="share_of_voice"), "outlet")


def test_figures_on_the_sample_corpus(sample_dir):
    """On real pipeline output the figures agree with the tables they draw."""
    a = framing.analyze(sample_dir, progress=False)
    q, table = a.quotes, a.parties_by("outlet")
    ax = plots.share_of_voice_bars(table, "outlet")
    assert len(ax.patches) == int((table["share_of_voice"] > 0).sum())
    for i, outlet in enumerate(yticks(ax)):
        widths = [p.get_width() for p in ax.patches if round(p.get_y() + p.get_height() / 2) == i]
        assert sum(widths) == pytest.approx(1.0)  # each outlet's bar adds up to 100%
    ci = framing.bootstrap_ci(q, "mean_sentiment", by="outlet", n_boot=50)
    ax = plots.sentiment_intervals(ci, "outlet")
    assert sum(len(c.lines[0].get_xdata()) for c in ax.containers) == int(ci["estimate"].notna().sum())
    ax = plots.verb_heatmap(framing.relative_to_said(q, by="outlet"), "outlet")
    assert ax.collections[0].get_array().shape == (4, 3)  # 4 parties x 3 outlets


# ------------------------------------------------------------------------------- display tables
def test_quote_sample_table_joins_fragments_and_is_seeded():
    q = pd.DataFrame({"article_id": ["a", "a", "a", "b", "b"], "attribution_id": [1, 1, 2, 1, 2],
                      "party": ["A", "A", "B", "A", None], "speaker": ["Ana", "Ana", "Bo", "Ana", "Cy"],
                      "cue": ["said", None, "claimed", "said", "said"], "kind": "direct",
                      "content": ["one", "two", "<script>x</script>", "three", "four"], "outlet": "X"})
    t = plots.quote_sample_table(q, ["A", "B", "(no party)"], n=5, by="outlet")
    assert list(t.columns) == ["party", "outlet", "speaker", "verb", "kind", "quote", "article"]
    assert t[["party", "speaker", "verb", "quote", "article"]].values.tolist() == [
        ["A", "Ana", "said", "one … two", "a"], ["A", "Ana", "said", "three", "b"],
        ["B", "Bo", "claimed", "<script>x</script>", "a"], ["(no party)", "Cy", "said", "four", "b"]]
    one = plots.quote_sample_table(q, ["A"], n=1, seed=3)
    assert len(one) == 1 and one.equals(plots.quote_sample_table(q, ["A"], n=1, seed=3))
    assert plots.quote_sample_table(q.iloc[:0], ["A"]).empty
    cell = plots.html_table(t)
    assert "&lt;script&gt;x&lt;/script&gt;" in cell and "<script>" not in cell


def test_top_verbs_and_html_helpers():
    q = pd.DataFrame({"article_id": ["a"] * 5, "attribution_id": [1, 2, 3, 4, 4], "outlet": ["X"] * 3 + ["Y"] * 2,
                      "party": ["A", "A", "B", "A", "A"], "cue_lemma": ["say", "claim", "say", None, None],
                      "cue": ["said", "claimed", "said", "according to", "according to"]})
    t = plots.top_verbs(q, "outlet")
    assert t.to_dict() == {"X": {"A": "claim ×1, say ×1", "B": "say ×1"}, "Y": {"A": "according to ×1", "B": ""}}
    assert plots.html_list(["a < b", "c"]) == "<ul><li>a &lt; b</li><li>c</li></ul>"
    assert plots.html_text("<x>", "h1") == "<h1>&lt;x&gt;</h1>"
    table = plots.html_table(pd.DataFrame({"n": [1, np.nan], "<c>": ["x", None]}), {"n": "{:.0f}"})
    assert "<th>&lt;c&gt;</th>" in table and "<td class=num>1</td>" in table and table.count("–") == 2


def test_dollar_signs_in_names_are_shown_literally():
    # issue 15: "$" in an outlet or party name was read as mathtext ("HK$ 20% Weekly US$" failed,
    # "The $100 and $200 Times" showed as "The 100and200 Times").
    names = ["HK$ 20% Weekly US$", "The $100 and $200 Times"]
    t = pd.DataFrame({"outlet": np.repeat(names, 2), "party": ["A$", "B"] * 2, "share_of_voice": [0.6, 0.4] * 2,
                      "named_rate": 0.5, "anonymous_rate": 0.1})
    figures = [(plots.share_of_voice_bars, set(names) | {"A$", "B"}),
               (plots.named_anonymous_bars, {"HK$ 20% Weekly US$: A$", "The $100 and $200 Times: B"})]
    for draw, expected in figures:
        ax = draw(t, "outlet")
        ax.figure.canvas.draw()  # raised ValueError (mathtext) before
        shown = [lab._preprocess_math(lab.get_text()) for lab in ax.get_yticklabels() + ax.get_legend().get_texts()]
        assert all(math is False for _, math in shown)
        assert {text for text, _ in shown} >= expected
    ci = pd.DataFrame({"outlet": names, "party": "A$", "estimate": [0.1, -0.2], "ci_low": [0.0, np.nan],
                       "ci_high": [0.2, np.nan]})
    ax = plots.sentiment_intervals(ci, "outlet")
    ax.figure.canvas.draw()
    assert [lab._preprocess_math(lab.get_text()) for lab in ax.get_yticklabels()] == [(n, False) for n in names]


def test_share_labels_are_readable_on_every_bar():
    t = pd.DataFrame({"outlet": "X", "party": ["A", "B", "C"], "share_of_voice": [0.2, 0.3, 0.5]})
    ax = plots.share_of_voice_bars(t, "outlet", palette=plots.party_palette(["A", "B", "C"]))
    labels = {x.get_text(): x for x in ax.texts}
    assert set(labels) == {"20%", "30%", "50%"}
    assert all(x.get_fontsize() >= 9 for x in labels.values())
    # the colour-blind green (C, dotted) takes black, not white: contrast 6.1 against 3.4
    assert labels["50%"].get_color() == "black" and labels["20%"].get_color() == "white"
    assert labels["50%"].get_bbox_patch().get_facecolor()[:3] == pytest.approx(plots.party_palette("ABC")["C"])


def test_quote_sample_shows_continuations_and_drops_the_typeset_comma():
    q = pd.DataFrame({"article_id": "a", "attribution_id": [1, 2, 3], "party": "A", "speaker": "Ana",
                      "cue": ["said", None, "according to"], "kind": ["direct", "direct", "according_to"],
                      "content": ["We came to end a war, not to pause one,", "It is a truce.", "talks failed"]})
    t = plots.quote_sample_table(q, ["A"], n=3)
    assert t[["verb", "kind", "quote"]].values.tolist() == [
        ["said", "direct", "We came to end a war, not to pause one"], ["(continuation)", "direct", "It is a truce."],
        ["according to", "according to", "talks failed"]]


def test_tables_show_human_headers():
    t = pd.DataFrame({"first_date": ["2026-03-02"], "ci_low": [0.1], "effective_parties": [2.0],
                      "one_sided_rate": [0.5], "entropy": [0.9], "quotes": [12]})
    head = plots.html_table(t).split("</thead>")[0]
    assert re.findall(r"<th>(.*?)</th>", head) == ["first date", "95% CI low", "effective parties",
                                                   "one-sided articles", "evenness", "attributions to parties"]
    assert plots.html_sections([("Share <of> voice", ["a & b"])]) == (
        "<h4>Share &lt;of&gt; voice</h4><ul><li>a &amp; b</li></ul>")

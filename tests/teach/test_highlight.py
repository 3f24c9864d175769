"""Article highlighting (framing.teach.highlight) and the explore helpers (framing.teach.explore)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import framing
from framing.read.boilerplate import Span
from framing.read.corpus import Article
from framing.teach.explore import (
    ALL,
    ArticleViewer,
    article_options,
    filter_quotes,
    find_article,
    gold_vs_machine_html,
    options,
    require_widgets,
)
from framing.teach.highlight import (
    CUE_STYLES,
    NO_PARTY_COLOR,
    PALETTE,
    article_html,
    party_palette,
    quotes_table_html,
    segments,
)

BERG = "“We stay,” said Ana Berg."
BERG_QUOTE = {"article_id": "a", "attribution_id": 1, "kind": "direct", "start": 1, "end": 9, "cue": "said",
              "cue_start": 11, "cue_end": 15, "cue_category": "neutral", "speaker": "Ana Berg",
              "speaker_start": 16, "speaker_end": 24, "party": "Valdoria", "sentiment": 0.25}


def skeleton(html: str) -> str:
    """Tags without attributes: '<mark class=...>x</mark>' -> '<mark>x</mark>'."""
    return re.sub(r"<(/?\w+)[^>]*>", r"<\1>", html)


class Tree(HTMLParser):
    """Checks nesting and collects the text, the text inside <mark>s and inside cue spans."""

    VOID = ("br",)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.marked, self.cues, self.tags = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if any(t == "mark" for t, _ in self.stack):
            self.marked.append(data)
        if any("fr-cue" in a.get("class", "") for _, a in self.stack):
            self.cues.append(data)


def parse(html: str) -> Tree:
    t = Tree()
    t.feed(html)
    t.close()
    assert not t.stack, f"unclosed: {t.stack}"
    return t


# ------------------------------------------------------------------------------------- highlight
def test_simple_quote_exact_structure_and_attributes():
    out = article_html(BERG, [BERG_QUOTE], legend=False)
    assert skeleton(out) == ("<div><p>“<mark>We stay,</mark>” <span>said</span> <span>Ana Berg</span>."
                             "</p></div>")
    mark = re.search(r"<mark [^>]*>", out).group(0)
    assert f"background:{PALETTE[0]}" in mark  # first (only) party gets the first colour
    assert ('title="speaker: Ana Berg\nparty: Valdoria\nkind: direct\nverb: said (neutral)\n'
            'sentiment: +0.250"') in mark
    assert '">We stay,</mark>' in out
    assert f'class="fr-cue fr-cat-neutral" style="{CUE_STYLES["neutral"]};' in out
    assert 'class="fr-speaker"' in out and 'title="speaker: Ana Berg (Valdoria)">Ana Berg</span>' in out


def test_legend_lists_parties_categories_and_speaker():
    out = article_html(BERG, [BERG_QUOTE, {**BERG_QUOTE, "start": 0, "end": 1, "party": None,
                                           "cue_category": "distancing", "cue_start": 1, "cue_end": 2}])
    legend = re.search(r'<div class="fr-legend".*?</div>', out).group(0)
    assert re.findall(r">([^<>]+)</span>", legend) == ["Valdoria", "(no party)", "neutral", "distancing",
                                                       "speaker"]
    assert f"background:{NO_PARTY_COLOR}" in legend


def test_overlapping_quotes_split_into_segments():
    quotes = [{"attribution_id": 1, "start": 2, "end": 6, "party": "A"},
              {"attribution_id": 2, "start": 4, "end": 8, "party": "B"}]
    out = article_html("abcdefghij", quotes, legend=False)
    assert skeleton(out) == "<div><p>ab<mark>cd</mark><mark>ef</mark><mark>gh</mark>ij</p></div>"
    marks = re.findall(r"<mark [^>]*>", out)
    colors = party_palette(["A", "B"])
    assert [colors["A"] in m for m in marks] == [True, True, False]
    assert colors["B"] in marks[2]
    assert 'class="fr-quote fr-overlap" data-also="2"' in marks[1]  # the hidden one is named
    assert "fr-overlap" not in marks[0] + marks[2]


def test_nested_quote_wins_and_cue_inside_content_nests():
    quotes = [{"attribution_id": 1, "start": 0, "end": 10, "party": "A", "cue_start": 3, "cue_end": 5,
               "cue": "de", "cue_category": "denial"},
              {"attribution_id": 2, "start": 6, "end": 8, "party": "B"}]
    out = article_html("abcdefghij", quotes, legend=False)
    assert skeleton(out) == ("<div><p><mark>abc</mark><mark><span>de</span></mark><mark>f</mark>"
                             "<mark>gh</mark><mark>ij</mark></p></div>")
    marks = re.findall(r"<mark [^>]*>", out)
    assert party_palette(["A", "B"])["B"] in marks[3]  # the shorter (inner) quote is drawn
    assert 'data-also="1"' in marks[3]
    tree = parse(out)
    assert tree.cues == ["de"]


def test_segments_sweep():
    spans = [(0, 6, "outer"), (2, 4, "inner"), (-3, 1, "clipped"), (5, 9, "end"), (3, 3, "empty")]
    pieces = segments(6, spans)
    assert [(s, e, [x[2] for x in a]) for s, e, a in pieces] == [
        (0, 1, ["outer", "clipped"]), (1, 2, ["outer"]), (2, 4, ["outer", "inner"]), (4, 5, ["outer"]),
        (5, 6, ["outer", "end"])]
    assert segments(0, []) == []


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</style>",
                                     "</mark></p><b>x</b>"])
def test_article_text_is_escaped(payload):
    text = f"Intro {payload} said Ek.\n\n“{payload}” he said."
    start = text.index("“") + 1
    quotes = [{"start": start, "end": start + len(payload), "speaker": f'"><b>{payload}', "party": payload,
               "cue": "said", "cue_start": len(text) - 5, "cue_end": len(text) - 1, "cue_category": payload,
               "speaker_start": 0, "speaker_end": 5}]
    out = article_html(Article(id="x", title=payload, outlet=payload, text=text), quotes)
    assert payload not in out
    assert "<script" not in out and "<img" not in out and "</style>" not in out and "<b>" not in out
    assert out.count(payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) >= 4
    tree = parse(out)  # still well nested
    assert "".join(tree.marked) == payload  # the parser decodes the entities back to the text
    assert not any(tag in ("script", "img", "style", "b") for tag, _ in tree.tags)
    html_table = quotes_table_html(pd.DataFrame(quotes))
    assert payload not in html_table and "<script" not in html_table


def test_offsets_at_text_ends_and_out_of_range():
    text = "Whole text."
    out = article_html(text, [{"start": 0, "end": len(text), "party": "A"}], legend=False)
    assert skeleton(out) == "<div><p><mark>Whole text.</mark></p></div>"
    out = article_html(text, [{"start": -5, "end": 3, "party": "A"}, {"start": 9, "end": 400, "party": "A"},
                              {"start": 4, "end": 4, "party": "A"}], legend=False)
    assert skeleton(out) == "<div><p><mark>Who</mark>le tex<mark>t.</mark></p></div>"


def test_crlf_paragraphs_and_line_breaks():
    text = "Line one.\r\nLine two.\r\n\r\nPara “two” here.\r\n"
    start = text.index("two”")
    out = article_html(text, [{"start": start, "end": start + 3, "party": "A"},
                              {"start": 0, "end": text.index("\r"), "party": "B"}], legend=False)
    assert skeleton(out) == ("<div><p><mark>Line one.</mark><br>\nLine two.</p>"
                             "<p>Para “<mark>two</mark>” here.</p></div>")
    # a span ending between "\r" and "\n" does not leave a stray break
    out = article_html(text, [{"start": 0, "end": text.index("\n"), "party": "B"}], legend=False)
    assert skeleton(out) == ("<div><p><mark>Line one.<br>\n</mark>Line two.</p>"
                             "<p>Para “two” here.</p></div>")


def test_excluded_spans_greyed_with_label():
    text = "By Jane Doe\n\n“Go,” said Ek.\n\nShare this article"
    share = text.index("Share")
    art = Article(id="m/1", title="T", outlet="Monitor", date="2026-03-02", text=text,
                  excluded=(Span(0, 11, "byline"), Span(share, len(text), "share")))
    assert text[14:17] == "Go," and text[19:23] == "said" and text[24:26] == "Ek"
    q = {"article_id": "m/1", "start": 14, "end": 17, "party": "A", "cue": "said", "cue_start": 19,
         "cue_end": 23, "cue_category": "neutral", "speaker": "Ek", "speaker_start": 24, "speaker_end": 26}
    out = article_html(art, [q])
    assert ('<span class="fr-excluded" style="color:#999999;font-style:italic" '
            'title="boilerplate (byline): excluded from the analysis">By Jane Doe</span>') in out
    assert 'title="boilerplate (share): excluded from the analysis">Share this article</span></p>' in out
    assert "boilerplate (excluded)" in out  # legend entry
    assert "<h3" in out and ">T</h3>" in out and "Monitor · 2026-03-02 · m/1" in out
    body = out[out.index("<p>"):]
    assert skeleton(body) == ("<p><span>By Jane Doe</span></p><p>“<mark>Go,</mark>” <span>said</span> "
                              "<span>Ek</span>.</p><p><span>Share this article</span></p></div>")


def test_dataframe_input_filters_article_and_handles_missing_values():
    df = pd.DataFrame([BERG_QUOTE, {**BERG_QUOTE, "article_id": "other", "start": 0, "end": 1},
                       {**BERG_QUOTE, "attribution_id": 2, "start": 17, "end": 20, "party": None, "cue": None,
                        "cue_start": float("nan"), "cue_end": float("nan"), "cue_category": None,
                        "speaker_start": float("nan"), "speaker_end": float("nan"),
                        "sentiment": float("nan")}])
    out = article_html(Article(id="a", text=BERG), df, legend=False, header=False)
    # the speaker span (inner layer) is split around the quote mark (outer layer)
    assert skeleton(out) == ("<div><p>“<mark>We stay,</mark>” <span>said</span> <span>A</span>"
                             "<mark><span>na </span></mark><span>Berg</span>.</p></div>")
    second = re.findall(r"<mark [^>]*>", out)[1]
    assert f"background:{NO_PARTY_COLOR}" in second
    for line in ("party: (no party)", "verb: none (continuation)", "sentiment: n/a"):
        assert line in second


def test_quote_objects_from_extract_quotes():
    quotes = framing.extract_quotes(BERG)
    out = article_html(BERG, quotes, legend=False)
    assert ">We stay,</mark>" in out and ">said</span>" in out and ">Ana Berg</span>" in out


def test_party_palette_and_custom_colors():
    colors = party_palette([f"P{i}" for i in range(10)])
    assert colors["P0"] == colors[f"P{len(PALETTE)}"] == PALETTE[0] and colors["(no party)"] == NO_PARTY_COLOR
    out = article_html(BERG, [BERG_QUOTE], party_colors={"Valdoria": "#123456"}, legend=False)
    assert "background:#123456" in out


def test_quotes_table_html():
    rows = [{"speaker": "Ek", "party": "Estland", "kind": "direct", "cue": "said", "cue_category": "neutral",
             "sentiment": -0.5, "content": "x" * 10, "extra": 1},
            {"speaker": "Rusk", "party": None, "kind": "indirect", "cue": "claimed",
             "cue_category": "distancing", "sentiment": None, "content": "short", "extra": 2}]
    out = quotes_table_html(pd.DataFrame(rows), max_chars=5)
    assert re.findall(r"<th>(\w+)</th>", out) == ["speaker", "party", "kind", "cue", "cue_category",
                                                  "sentiment", "content"]
    assert "<td>-0.500</td>" in out and "<td>xxxx…</td>" in out and "<td>short</td>" in out
    assert f'<td style="background:{NO_PARTY_COLOR};color:#000000">(no party)</td>' in out
    assert f'<td style="background:{PALETTE[0]};color:#000000">Estland</td>' in out
    out = quotes_table_html(rows, columns=["speaker"], max_rows=1)
    assert skeleton(out) == ("<table><thead><tr><th>speaker</th></tr></thead><tbody><tr><td>Ek</td></tr>"
                             "<tr><td>… 1 more rows</td></tr></tbody></table>")


def test_sample_article_marks_every_quote(sample_dir):
    a = framing.analyze(sample_dir)
    art = find_article(sample_dir, "eastport-monitor/01-talks-open")
    q = a.quotes[a.quotes["article_id"] == art.id].sort_values("start")
    html = article_html(art, a.quotes)
    tree = parse(html)
    assert len(q) > 5 and "".join(tree.marked) == "".join(q["content"])
    assert "".join(tree.text).count("Leave a Reply") == 1  # boilerplate kept, greyed
    assert len(tree.cues) == q.dropna(subset=["cue_start"]).drop_duplicates(["cue_start"]).shape[0]
    body = parse(html[html.index("<p>"):-len("</div>")].replace("</p>", " </p>"))  # paragraphs only
    assert re.findall(r"\S+", "".join(body.text)) == re.findall(r"\S+", art.text)  # whole body, in order


# ------------------------------------------------------------------------------------ explore helpers
QUOTES = pd.DataFrame({
    "article_id": ["x", "x", "x", "y", "z"], "attribution_id": [1, 1, 2, 1, 1],
    "outlet": ["Herald", "Herald", "Herald", "Monitor", "Monitor"],
    "party": ["A", "A", None, "B", "A"], "cue_category": ["neutral", "neutral", "denial", None, "distancing"],
    "kind": ["direct", "direct", "indirect", "mixed", "indirect"]})
ARTICLES = pd.DataFrame({"article_id": ["x", "y", "z"], "outlet": ["Herald", "Monitor", "Monitor"],
                         "date": ["2026-03-02", "2026-03-06", None], "title": ["One", "Two", "Three"]})


def test_options_and_filters():
    assert options(QUOTES, "party") == [ALL, "A", "B", "(no party)"]
    assert options(QUOTES, "cue_category") == [ALL, "denial", "distancing", "neutral", "(none)"]
    assert options(QUOTES, "missing") == [ALL]
    assert len(filter_quotes(QUOTES)) == 5
    assert len(filter_quotes(QUOTES, party=ALL, category=None, outlet="")) == 5
    assert filter_quotes(QUOTES, party="A").index.tolist() == [0, 1, 4]
    assert filter_quotes(QUOTES, party="(no party)").index.tolist() == [2]
    assert filter_quotes(QUOTES, category="(none)").index.tolist() == [3]
    assert filter_quotes(QUOTES, party=["A", "B"], outlet="Monitor").index.tolist() == [3, 4]
    assert filter_quotes(QUOTES, kind="indirect", article_id="x").index.tolist() == [2]
    assert filter_quotes(QUOTES, party="C").empty


def test_article_options():
    assert article_options(ARTICLES) == [("Herald · 2026-03-02 · One", "x"),
                                         ("Monitor · 2026-03-06 · Two", "y"), ("Monitor · Three", "z")]
    assert article_options(ARTICLES, QUOTES) == [("Herald · 2026-03-02 · One (2 attributions)", "x"),
                                                 ("Monitor · 2026-03-06 · Two (1 attribution)", "y"),
                                                 ("Monitor · Three (1 attribution)", "z")]
    assert article_options(ARTICLES, QUOTES, party="A") == [
        ("Herald · 2026-03-02 · One (1 attribution)", "x"), ("Monitor · Three (1 attribution)", "z")]
    assert [i for _, i in article_options(ARTICLES, QUOTES, outlet="Monitor")] == ["y", "z"]
    assert article_options(ARTICLES, QUOTES, category="question") == []


def test_find_article(sample_dir):
    assert find_article(sample_dir, "continental-wire/03-orsk-convoy").title.startswith("Aid convoy")
    with pytest.raises(KeyError, match="no article 'nope'"):
        find_article(sample_dir, "nope")


def test_viewer_render_without_widgets(sample_dir):
    a = framing.analyze(sample_dir)
    v = ArticleViewer(a)  # corpus path taken from the analysis
    assert v.article_id == a.articles["article_id"].iloc[0]
    aid = "northgate-herald/02-kellerford-shelling"
    html = v.render(aid, party="Estland")
    est = filter_quotes(a.quotes, article_id=aid, party="Estland")
    assert html.count('<mark class="fr-quote') >= len(est) > 0
    assert "party: Valdoria" not in html  # only the filtered quotes are highlighted
    assert v.table(aid, party="Estland").count("<tr>") == len(est) + 1
    n = len(framing.attributions(a.quotes))
    assert v.summary() == f"{n} attributions ({len(a.quotes)} fragments) in 18 articles match"
    with pytest.raises(KeyError):
        v.render("nope")
    with pytest.raises(KeyError):
        ArticleViewer(a, sample_dir, article_id="nope")


def test_viewer_widget_reacts_to_filters(sample_dir):
    pytest.importorskip("ipywidgets")
    a = framing.analyze(sample_dir)
    v = ArticleViewer(a, sample_dir, article_id="northgate-herald/02-kellerford-shelling")
    w = v.widget
    assert w is v.widget  # built once
    dd = v._dropdowns
    assert dd["article"].value == "northgate-herald/02-kellerford-shelling"
    assert len(dd["article"].options) == 18 and '<mark class="fr-quote' in v._article.value
    dd["outlet"].value = "The Eastport Monitor"
    assert {aid.split("/")[0] for _, aid in dd["article"].options} == {"eastport-monitor"}
    assert dd["article"].value.startswith("eastport-monitor/")
    monitor = filter_quotes(a.quotes, outlet="The Eastport Monitor")
    party, category = next((p, c) for p in dd["party"].options for c in dd["category"].options
                           if filter_quotes(monitor, party=p, category=c).empty)
    dd["party"].value, dd["category"].value = party, category
    assert dd["article"].value is None and "No article" in v._article.value
    assert dd["article"].options == () and v._summary.value.startswith("<i>0 attributions")


def test_missing_ipywidgets_gives_clear_error(monkeypatch, sample_dir):
    import sys

    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # "import ipywidgets" now raises ImportError
    with pytest.raises(ImportError, match="pip install ipywidgets"):
        require_widgets()
    v = ArticleViewer(framing.analyze(sample_dir), sample_dir)
    with pytest.raises(ImportError, match="needs ipywidgets"):
        _ = v.widget
    assert "<mark" in v.render()  # rendering still works without widgets


def test_gold_vs_machine_two_columns():
    out = gold_vs_machine_html(BERG, [BERG_QUOTE], [])
    assert out.count('class="framing-article"') == 2
    assert out.index("gold (the annotator)") < out.index("<mark") < out.index("framing (the machine)")
    assert "<mark" not in out[out.index("framing (the machine)"):]


def test_gold_cues_get_their_category_from_the_lexicon():
    gold = [{k: v for k, v in BERG_QUOTE.items() if k != "cue_category"}
            | {"cue": "claimed", "cue_lemma": "claim"}]
    out = gold_vs_machine_html(BERG, gold, [])
    assert 'class="fr-cue fr-cat-distancing"' in out
    assert "cue_category" not in gold[0]  # the caller's records are not modified


def test_compact_quotes_table_for_the_explorer_side_panel():
    rows = [{"speaker": "Ek", "party": "Estland", "kind": "direct", "cue": "said", "cue_category": "neutral",
             "sentiment": -0.4588, "content": "We will <b>stay</b>"},
            {"speaker": "Rusk", "party": None, "kind": "indirect", "cue": "claimed",
             "cue_category": "distancing", "sentiment": None, "content": "x" * 200}]
    out = quotes_table_html(rows, compact=True, party_colors={"Estland": "#F2D29B"})
    assert out.startswith('<div class="fr-quotes-box" style="max-height:min(60vh,30em);overflow:auto;')
    assert re.findall(r'<th [^>]*title="(\w+)">([^<]*)</th>', out) == [
        ("speaker", "speaker"), ("party", "party"), ("cue", "cue"), ("cue_category", "category"),
        ("sentiment", "score"), ("content", "content")]  # no kind column: it is in the content's tooltip
    assert re.findall(r'<col style="width:([\d.]+)%">', out) == ["18.0", "14.0", "12.0", "17.0", "11.0", "28.0"]
    assert 'title="-0.459">-0.46</td>' in out  # two decimals shown, three in the tooltip
    assert 'title="direct: We will &lt;b&gt;stay&lt;/b&gt;">We will &lt;b&gt;stay&lt;/b&gt;</td>' in out
    assert f'title="indirect: {"x" * 200}">{"x" * 159}…</td>' in out
    assert 'background:#DDDDDD;color:#000000" title="(no party)">—</td>' in out
    assert "white-space:nowrap;overflow:hidden;text-overflow:ellipsis" in out and "<b>" not in out

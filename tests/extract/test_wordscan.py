"""WordScan finds what its plain lookbehind pattern finds, on the whole text and within any window."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.extract.attribute import MASK
from framing.extract.wordscan import WordScan

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
SAMPLE_TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*/*.*"))
                            if p.parent.name != "gold").lower()

WORDS = ["said", "say", "says", "according to", "told", "to", "add", "added", "noting", "warned"]
PIECES = WORDS + ["unsaid", "said-so", "’s", "'", "-", " ", "  ", "\n", "\t", "(", "“", "”", ",", ".", "é", "ö",
                  "_", "x", "1", MASK, "\u00a0", "according", "e\u0301"]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=16).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=16).map(" ".join),
    st.text(alphabet="sai d’'-\n(é" + MASK, max_size=30),
)
SCANS = {
    "cue": WordScan(WORDS, "’'-", r"[\w\-]|[’']\w"),  # attribute's cue words
    "mask": WordScan(WORDS, "'’", r"\w|['’]\w"),  # sentiment's reporting-verb words
}


def plain(scan, text, start=0, end=None):
    return [m.span() for m in scan.pattern.finditer(text, start, len(text) if end is None else end)]


@pytest.mark.parametrize("name", sorted(SCANS))
@settings(max_examples=1500, deadline=None)
@given(text=texts)
def test_spans_are_the_plain_pattern(name, text):
    scan = SCANS[name]
    assert scan.spans(text) == plain(scan, text)


@pytest.mark.parametrize("name", sorted(SCANS))
@settings(max_examples=1500, deadline=None)
@given(text=texts, data=st.data())
def test_within_is_the_plain_search(name, text, data):
    scan = SCANS[name]
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    assert scan.within(text, scan.spans(text), start, end) == plain(scan, text, start, end)


def test_cases_the_two_scans_find_together():
    scan = SCANS["cue"]
    text = "said (said) “said” said\nsaid x-said according\nto unsaid said’s"
    assert scan.spans(text) == plain(scan, text)
    assert [text[s:e] for s, e in scan.spans(text)] == ["said", "said", "said", "said", "said", "according\nto"]


ARTICLE_PIECES = ["said", "Said", "told", "according to", "According\nto", "“", "”", '"', "‘", "’", "'", " ", "  ",
                  "\n", "\n\n", ".", ",", "-", "x", "Ana", "He", "é", "(", ")", "—", MASK, "PORT ASTER — ", "warned"]


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(ARTICLE_PIECES), max_size=30).map("".join),
                 st.lists(st.sampled_from(ARTICLE_PIECES), max_size=30).map(" ".join)))
def test_cue_words_shared_out_to_units_are_each_units_search(text):
    """The extractor scans an article's masked text once (``_scan_text``: quotations written " 000 ") and shares
    the matches out to its sentence units; each unit gets what searching it alone finds."""
    from framing.extract.attribute import _mask_runs, _scan_text
    from framing.extract.cues import _cue_regex, _cue_scan, _verbs
    from framing.extract.resources import lowered_for_matching
    from framing.extract.segment import article_sentences, quote_spans, units

    lex = _verbs()
    paras = [(ps, pe, sents, [q for q in quote_spans(text, ps, pe) if q.content_end > q.content_start])
             for ps, pe, sents in article_sentences(text)]
    masked, runs = _mask_runs(text, [q for *_, qs in paras for q in qs])
    lowered = lowered_for_matching(masked)
    if lowered is None:
        return
    scan = _cue_scan(lex)
    scan_text = _scan_text(lowered, runs)
    spans = scan.spans(scan_text)
    for ps, pe, sents, quotes in paras:
        for us, ue in units(text, ps, pe, quotes, sents):
            for start in (us, us + 1):  # a dateline moves a unit's start
                assert scan.within(scan_text, spans, start, ue) == \
                    [m.span() for m in _cue_regex(lex, True).finditer(lowered, start, ue)]


NAMES = WordScan(["ana berg", "berg", "valdoria", "valdorian army", "u.s.", "army"], "", r"\w")
NAME_PIECES = ["ana", "berg", "valdoria", "valdorian", "army", "u.s.", "x", " ", "\n", ".", ",", "’", "é", "_", "(", "2"]


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(NAME_PIECES), max_size=20).map("".join),
                 st.lists(st.sampled_from(NAME_PIECES), max_size=20).map(" ".join)), st.data())
def test_finds_is_whether_the_search_finds(text, data):
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    for scan in (NAMES, SCANS["cue"], SCANS["mask"]):
        assert scan.finds(text, start, end) == (scan.pattern.search(text, start, end) is not None)


def test_the_party_scan_is_the_folded_union():
    """pipeline asks MentionPatterns.scan (a WordScan of the union's words) instead of searching the folded
    union: the two patterns are the same words with the same boundaries."""
    from framing.label.parties import PartyMatcher, load_actors

    pats = PartyMatcher(load_actors(SAMPLE / "actors.yaml")).mention_patterns()
    words = sorted({m.group() for m in pats.scan.pattern.finditer(SAMPLE_TEXT)})
    assert len(words) > 10
    assert [m.span() for m in pats.scan.pattern.finditer(SAMPLE_TEXT)] == \
        [m.span() for m in pats.folded_union.finditer(SAMPLE_TEXT)]

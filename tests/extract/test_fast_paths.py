"""Hand-written fast paths must agree with the plain regexes they replace, on any text.

Each fast path (a reverse scan instead of a ``$``-anchored search, a case-sensitive match over
lower-cased text instead of ``re.IGNORECASE``, a pattern reordered so ``re`` can skip ahead) is checked
against the original formulation on generated text full of the characters that make them differ:
spaces and newlines at the edges, capitals, apostrophes, hyphens, full stops, the masking character and
the letters that case-fold specially (dotted/dotless i, long s, the Kelvin sign).
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.extract.attribute import MASK
from framing.extract.cues import _cue_regex, _verbs
from framing.extract.names import NAME_RUN, NAME_RUN_FAST
from framing.extract.resources import lowered_for_matching as _lowered
from framing.extract.segment import _word_before
from framing.extract.subjects import _last_word

ALPHABET = "aAbBsSiIkK .,’'-\n\t\u00a0_1" + MASK + "\u0130\u0131\u017f\u212a\u03a3"
WORDS = ["said", "Said", "SAID", "told", "according to", "According  to", "claimed", "the", "Ana", "Berg",
         "J.", "U.S.", "de", "O’Neil", "press", "secretary", "denied", "warns", "ſaid", "İ", "x"]
texts = st.one_of(st.text(alphabet=ALPHABET, max_size=40),
                  st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=3)),
                           max_size=12).map(" ".join))


SCANS = {  # fast scan -> what the $-anchored regex it replaces gives, on text[lo:hi]
    "last_word": (_last_word, lambda m, lo: (m.group(1), m.start(1)) if m else (None, -1), r"(\w+)\s*$"),
    "word_before": (_word_before, lambda m, lo: m.group(1) if m else "", r"(\S+)$"),
}


@pytest.mark.parametrize("name", sorted(SCANS))
@settings(max_examples=600, deadline=None)
@given(text=texts, data=st.data())
def test_reverse_scans_are_the_regex(name, text, data):
    scan, expected, pattern = SCANS[name]
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    assert scan(text, lo, hi) == expected(re.compile(pattern).search(text, lo, hi), lo)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_name_run_fast_finds_the_same_runs(text):
    assert [m.span() for m in NAME_RUN_FAST.finditer(text)] == [m.span() for m in NAME_RUN.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(texts)
def test_cue_search_on_lowered_text_is_the_ignorecase_search(text):
    lex = _verbs()
    expected = [m.span() for m in _cue_regex(lex).finditer(text)]
    low = _lowered(text)
    if low is None:  # the extractor falls back to the IGNORECASE pattern
        assert any(c in text for c in "\u0130\u0131\u017f\u212a") or len(text.lower()) != len(text)
    else:
        assert [m.span() for m in _cue_regex(lex, True).finditer(low)] == expected


@pytest.mark.parametrize("char", ["\u0130", "\u0131", "\u017f", "\u212a"])
def test_each_fold_unsafe_letter_falls_back(char):
    from framing.extract.resources import FOLD_UNSAFE

    assert char in FOLD_UNSAFE
    assert _lowered(f"“Ana,” he said {char}") is None and _lowered("“Ana,” he said") is not None


def test_special_case_folding_falls_back():
    assert _lowered("he \u017faid") is None  # long s: re.IGNORECASE matches it to "s", lower() does not
    assert _lowered("\u0130stanbul said") is None  # dotted capital I lower-cases to two characters
    assert _lowered("Ana SAID “\ue000”") == "ana said “\ue000”"


TIME_WORDS = ["on", "On", "late", "early", "Monday", "monday", "last", "this", "yesterday", "again", "against",
              "later", "lateral", "then", "thence", "January", "3", "week", "morning", "in", "In", "at", "a",
              "the", "statement", "news", "conference", ",", "Sunday's", "interview", "ſeparately", "AGAIN"]
lead_texts = st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.text(alphabet=" ,\n\t", max_size=2)),
                      max_size=8).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(lead_texts, texts))
def test_time_or_setting_is_both_regexes(text):
    from framing.extract.content import time_or_setting as _time_or_setting
    from framing.extract.resources import SETTING_AFTER_CUE, TIME_AFTER_CUE

    expected = TIME_AFTER_CUE.match(text) or SETTING_AFTER_CUE.match(text)
    got = _time_or_setting(text)
    assert (got.span() if got else None) == (expected.span() if expected else None)


SUBJECT_WORDS = ["Brell", "Ana", "Berg", "said", "walked", "The", "the", ".", "!", "”", '"', "\n", "x", "Ek’s",
                 "Brell walked", "x\n", ". ", "\nAna "]


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(SUBJECT_WORDS), max_size=12).map(" ".join),
                 st.lists(st.sampled_from(SUBJECT_WORDS), max_size=12).map("".join), texts))
def test_sentence_subjects_are_the_regex(text):
    """The fast path finds what the one pattern finds, merged with the subjects after a fronted phrase's comma
    (", Ek denied …"), in reading order."""
    from framing.extract.attribute import _SENTENCE_SUBJECT, _SUBJECT_AFTER_COMMA, _sentence_subjects

    expected = sorted([m.span(1) for m in _SENTENCE_SUBJECT.finditer(text)] +
                      [m.span(1) for m in _SUBJECT_AFTER_COMMA.finditer(text)], key=lambda span: span[0])
    assert [m.span(1) for m in _sentence_subjects(text)] == expected


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab \r\n\t\u00a0", max_size=30))
def test_paragraph_breaks_are_the_regex(text):
    from framing.extract.resources import PARAGRAPH_BREAK
    from framing.extract.segment import paragraphs
    from framing.read.formats import title_line

    pieces, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    title = title_line(text[pieces[0][0]:pieces[0][1]])  # a headline line is a paragraph of its own
    if title is not None:
        pieces[0:1] = [(pieces[0][0], pieces[0][0] + title[1]), (pieces[0][0] + title[1], pieces[0][1])]
    expected = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            expected.append((s, e))
    assert paragraphs(text) == expected


def joined(words, max_size):
    """Texts of ``words`` glued together or spaced out, and the generic edge-case texts."""
    return st.one_of(st.lists(st.sampled_from(words), max_size=max_size).map("".join),
                     st.lists(st.sampled_from(words), max_size=max_size).map(" ".join), texts)


def whole_and_window(text, data):
    """(0, len(text)) and a drawn (start, end) window: scans run on a whole text and on a part of one."""
    hi = data.draw(st.integers(0, len(text)))
    return (0, len(text)), (data.draw(st.integers(0, hi)), hi)


END_WORDS = ["Gen", ".", "...", "!?", "…", "”", "’", '"', "'", ")", "]", " ", "\n", "A", "9", "“", "(", "x", "U.S."]


@settings(max_examples=800, deadline=None)
@given(joined(END_WORDS, 14), st.data())
def test_sentence_end_candidates_are_the_plain_regex(text, data):
    from framing.extract.segment import _CANDIDATE_END, _CANDIDATE_END_PLAIN

    for lo, hi in whole_and_window(text, data):
        assert [m.span() for m in _CANDIDATE_END.finditer(text, lo, hi)] == \
            [m.span() for m in _CANDIDATE_END_PLAIN.finditer(text, lo, hi)]


STOP_WORDS = [";", ",", " ", "  ", "\n", "\t", "—", "——", "according to", "According to", "saying", "adding", "noting",
              "sayings", "x", "to", "\u00a0"]


@settings(max_examples=800, deadline=None)
@given(joined(STOP_WORDS, 14), st.data())
def test_content_stop_is_the_plain_regex(text, data):
    from framing.extract.content import _CONTENT_STOP_PLAIN
    from framing.extract.content import content_stop as _content_stop

    for lo, hi in whole_and_window(text, data):
        fast, plain = _content_stop(text, lo, hi), _CONTENT_STOP_PLAIN.search(text[lo:hi])
        assert (fast - lo if fast is not None else None) == (plain.start() if plain else None)


@pytest.mark.parametrize("lo", range(0, 9))
def test_content_stop_dash_needs_its_space_inside_the_window(lo):
    from framing.extract.content import _CONTENT_STOP_PLAIN
    from framing.extract.content import content_stop as _content_stop

    text = "ab \t— cd — ;"
    plain = _CONTENT_STOP_PLAIN.search(text[lo:])
    assert _content_stop(text, lo, len(text)) == (plain.start() + lo if plain else None)


def _np_start_reference(masked, unit_start, end):
    """attribute._np_start as first written: tokens read from the right, gaps sliced from the text."""
    from framing.extract.npstart import _GAP_STOP, _GAP_STOP_FIRST, _NP_BREAK, _TOKEN

    start = None
    lo = max(unit_start, end - 100)
    for r in _TOKEN.finditer(masked[lo:end][::-1]):
        m_start, m_end = end - r.end(), end - r.start()
        gap = masked[m_end:end if start is None else start]
        if gap.strip() and (_GAP_STOP if start is not None else _GAP_STOP_FIRST).search(gap):
            break
        if masked[m_start:m_end].lower() in _NP_BREAK:
            break
        if start is not None and end - m_start > 90:
            break
        start = m_start
    return start


NP_WORDS = ["the", "The", "ministry’s", "spokesman", "Ana", "Berg", "and", "But", "who", ",", ";", "--", "-", "—",
            "(", ")", "“", MASK, "\n", "  ", "x" * 30, "İ", "s.", "U.S."]


@settings(max_examples=1000, deadline=None)
@given(joined(NP_WORDS, 30), st.data())
def test_np_start_is_the_reference_scan(text, data):
    from framing.extract.npstart import _np_start

    for us, e in whole_and_window(text, data):
        assert _np_start(text, us, e) == _np_start_reference(text, us, e)


@pytest.mark.parametrize("word", ["a", "ab", "abc", "abcd", "abcde", "Ana,", "x--"])
def test_np_start_stops_at_the_same_length(word):
    from framing.extract.npstart import _np_start

    text = " ".join([word] * 40) + " said"
    end = len(text) - len(" said")
    for us in (0, 5, end - 95, end - 91, end - 90):
        assert _np_start(text, us, end) == _np_start_reference(text, us, end)


MARK_WORDS = ["“", "”", '"', "‘", "’", "'", "‚", "‹", "›", "„", "«", "»", "a", "didn’t", "x'y", " ", "(", "\n", "."]


@settings(max_examples=1000, deadline=None)
@given(joined(MARK_WORDS, 20), st.data())
def test_quote_spans_single_marks_from_the_shared_scan(text, data):
    """quote_spans collects single marks in its scan of double marks: the single-quoted spans are those a
    separate scan of single marks finds. (Two-character marks are read by a copy with one character each, then
    by the same scan.)"""
    from framing.extract.segment import _SINGLE_MARK, _quote_spans, _single_spans

    for lo, hi in whole_and_window(text, data):
        spans = _quote_spans(text, lo, hi)
        doubles = [q for q in spans if not q.single]
        marks = [m.start() for m in _SINGLE_MARK.finditer(text, lo, hi)]  # a scan of single marks alone
        assert sorted(spans, key=lambda q: (q.open, q.single)) == \
            sorted(doubles + _single_spans(text, lo, hi, doubles, marks), key=lambda q: (q.open, q.single))


def test_quote_fields_are_in_the_order_extract_quotes_passes_them():
    """extract_quotes builds Quote positionally (faster than by keyword): adding or moving a field must fail here."""
    from dataclasses import fields

    from framing.extract.attribute import Quote, extract_quotes

    assert [f.name for f in fields(Quote)] == [
        "kind", "content", "start", "end", "cue", "cue_start", "cue_end", "cue_lemma", "cue_category", "speaker",
        "speaker_mention", "speaker_start", "speaker_end", "speaker_type", "named", "party", "sentiment",
        "attribution_id", "fragment", "speaker_descriptor"]
    q, = extract_quotes("“We will stay,” said Ana Berg, a Valdorian envoy.")
    assert (q.kind, q.content, q.cue, q.cue_lemma, q.speaker, q.speaker_mention, q.speaker_type, q.named,
            q.party, q.sentiment, q.attribution_id, q.fragment) == \
        ("direct", "We will stay,", "said", "say", "Ana Berg", "Ana Berg", "person", True, None, None, 1, 0)
    assert q.speaker_descriptor and "envoy" in q.speaker_descriptor


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab \n\t", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=3))
def test_paragraphs_cut_only_where_an_excluded_span_reaches(text, raw):
    """paragraphs() cuts excluded spans out of the paragraphs they reach and leaves the others whole: what
    cutting every paragraph by every span gives."""
    from framing.extract.segment import _minus_excluded, _strip, paragraphs
    from framing.read.boilerplate import Span

    excluded = [Span(s, min(s + n, len(text)), "test") for s, n in raw]
    expected = []
    for s, e in paragraphs(text):
        expected.extend(_minus_excluded(text, s, e, excluded))
    assert paragraphs(text, excluded) == [p for p in expected if _strip(text, *p)[0] < _strip(text, *p)[1]]

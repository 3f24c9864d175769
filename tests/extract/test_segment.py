"""Paragraphs, sentences and quote spans (offsets into the body as read)."""

from __future__ import annotations

from framing.extract.segment import paragraphs, punkt_sentences, quote_spans, sentences, units
from framing.read.corpus import iter_articles


def _texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_paragraphs_keep_offsets_and_skip_excluded():
    t = "First line.\r\n\r\nSee also  something\n\nLast one.  \n"
    paras = paragraphs(t, excluded=[(15, 34)])
    assert _texts(t, paras) == ["First line.", "Last one."]


def test_sentences_respect_abbreviations_and_initials():
    t = "Col. Petr Halloran of the U.S. team spoke. J. R. Brell left. “Why?” she asked. It was 5 p.m. Then rain."
    assert _texts(t, sentences(t, 0, len(t))) == [
        "Col. Petr Halloran of the U.S. team spoke.", "J. R. Brell left.", "“Why?” she asked.",
        "It was 5 p.m. Then rain."]  # "p.m." before a capital stays unsplit: a documented limit


def test_sentence_splitter_agrees_with_punkt_on_the_sample(sample_dir):
    same = total = 0
    for a in iter_articles(sample_dir):
        for ps, pe in paragraphs(a.text, a.excluded):
            ours, punkt = sentences(a.text, ps, pe), punkt_sentences(a.text, ps, pe)
            total += 1
            same += ours == punkt
    assert total > 300 and same / total >= 0.9


def test_quote_spans_curly_straight_nested_and_unclosed():
    t = '“We stay,” she said. "No," he said, “not ‘yet’.” And “open'
    qs = quote_spans(t, 0, len(t))
    assert [t[q.content_start:q.content_end] for q in qs] == ["We stay,", "No,", "not ‘yet’.", "open"]
    assert [q.closed for q in qs] == [True, True, True, False]


def test_apostrophes_are_not_quotes():
    t = "Estland’s army and the farmers’ union said it's over."
    assert quote_spans(t, 0, len(t)) == []


def test_units_never_split_a_quote():
    t = "“We will fight. We will win,” he said. Then he left."
    qs = quote_spans(t, 0, len(t))
    assert _texts(t, units(t, 0, len(t), qs)) == ["“We will fight. We will win,” he said.", "Then he left."]


def test_two_character_marks_cover_both_characters():
    from framing.extract.segment import quote_spans

    text = "``We will stay,'' Ek said. ''Never,'' she said, ''not this winter.''"
    spans = quote_spans(text, 0, len(text))
    assert [text[q.open:q.close] for q in spans] == ["``We will stay,''", "''Never,''", "''not this winter.''"]
    assert [text[q.content_start:q.content_end] for q in spans] == ["We will stay,", "Never,", "not this winter."]
    # an apostrophe pair never opens inside a word, and a lone apostrophe stays an apostrophe
    other = "Ek's plan, ''Go,'' failed."
    assert [other[q.content_start:q.content_end] for q in quote_spans(other, 0, len(other))] == ["Go,"]

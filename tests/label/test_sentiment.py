"""Tests for framing.label.sentiment.

Expected compound scores were checked by hand with VADER's formula: sum the valences of lexicon words
(adjusted for negation/boosters/"but"), then compound = x / sqrt(x**2 + 15), rounded to 4 places.
Valences used (stock vader_lexicon.txt 3.3.2): denied -1.9, attacked -2.0, killing -3.4, agreed +1.1,
great +3.1, lying -2.4, played +1.4, losses -1.7, justice +2.4, party +1.7, condemned -1.9, strike -0.5,
collapsed -1.1; "ceasefire", "truce", "victory", "shelled" are not in the stock lexicon.
"""

import pickle
import re
from collections import namedtuple

import pytest

import framing.label.sentiment as sentiment_module
from framing.label.sentiment import (
    Sentiment,
    ValenceFileError,
    mask,
    party_tone,
    read_valence_file,
    score_quote,
    stock_analyzer,
)


@pytest.fixture(scope="module")
def vader():
    return Sentiment()


# --- mask -----------------------------------------------------------------------------------------------

def test_mask_keeps_length_and_offsets():
    text = 'He said "we won" today.'
    out = mask(text, [(9, 15)])
    assert out == 'He said "      " today.'
    assert len(out) == len(text)
    assert out[16:] == text[16:] == " today."
    assert out.index("today") == text.index("today") == 17


def test_mask_overlapping_unsorted_and_span_objects():
    Span = namedtuple("Span", "start end label")
    text = "abcdefghij"
    assert mask(text, [(6, 8), (1, 3), (2, 5)]) == "a    f  ij"
    assert mask(text, [Span(0, 2, "byline")]) == "  cdefghij"
    assert mask(text, []) == text
    assert mask("line one\nline two", [(5, 12)]) == "line        e two"


def test_mask_rejects_span_outside_text():
    with pytest.raises(ValueError, match="outside"):
        mask("abc", [(1, 4)])


# --- score_quote ---------------------------------------------------------------------------------------

BODY = "The ministry denied that the convoy was attacked."
DENIED = (13, 19)


def test_score_quote_masks_overlapping_cue(vader):
    assert BODY[slice(*DENIED)] == "denied"
    # unmasked: -1.9 - 2.0 = -3.9 -> -3.9 / sqrt(15.21 + 15) = -0.7096
    assert round(score_quote(vader, BODY, 0, len(BODY)), 4) == -0.7096
    # cue masked: -2.0 -> -2 / sqrt(19) = -0.4588
    assert round(score_quote(vader, BODY, 0, len(BODY), cue_spans=[DENIED]), 4) == -0.4588


def test_score_quote_cue_outside_content_changes_nothing(vader):
    start = BODY.index("the convoy")
    end = len(BODY) - 1  # final full stop excluded, as in the gold format
    assert BODY[start:end] == "the convoy was attacked"
    assert score_quote(vader, BODY, start, end, cue_spans=[DENIED]) == -0.4588
    assert score_quote(vader, BODY, start, end) == -0.4588
    # a cue span straddling the content start is masked only inside the content
    # ("ry den" -> only "den" is inside; "ied" is no lexicon word, so only "attacked" counts)
    assert score_quote(vader, BODY, 13, 49, cue_spans=[(10, 16)]) == -0.4588
    assert score_quote(vader, BODY, 13, 49, cue_spans=[(10, 13)]) == -0.7096


def test_score_quote_mask_words_whole_words_and_phrases(vader):
    body = "The army played down the losses."
    # 1.4 - 1.7 = -0.3 -> -0.0772 ; with "played down" masked: -1.7 -> -0.4019
    assert score_quote(vader, body, 0, len(body)) == -0.0772
    assert score_quote(vader, body, 0, len(body), mask_words=frozenset({"played down"})) == -0.4019
    assert score_quote(vader, body, 0, len(body), mask_words={"PLAYED"}) == -0.4019
    # phrase not present as a whole ("played" followed by "down" is required): nothing masked
    assert score_quote(vader, body, 0, len(body), mask_words={"played up", "play"}) == -0.0772


def test_score_quote_fully_masked_is_zero(vader):
    body = "He denied it."
    assert score_quote(vader, body, 0, len(body), mask_words={"denied"}) == 0.0
    with pytest.raises(ValueError):
        score_quote(vader, body, 5, 99)


# --- Sentiment, additions, describe ----------------------------------------------------------------------

def test_additions_change_score_and_do_not_leak(tmp_path):
    assert Sentiment().score("The ceasefire held.") == 0.0
    news = Sentiment({"ceasefire": 2})
    assert news.score("The ceasefire held.") == 0.4588  # 2 / sqrt(19)
    assert news.score("The ceasefire collapsed.") == 0.2263  # 2 - 1.1 = 0.9 -> 0.9 / sqrt(15.81)
    # the stock analyzer and a fresh Sentiment are untouched
    assert "ceasefire" not in stock_analyzer().lexicon
    assert Sentiment().score("The ceasefire held.") == 0.0
    assert Sentiment().score("The ceasefire collapsed.") == -0.2732  # -1.1 / sqrt(16.21)


def test_additions_override_stock_and_lowercase():
    assert Sentiment().score("The war is over.") == -0.5994  # war -2.9
    s = Sentiment({"War": 0.0})
    assert s.additions == {"war": 0.0}
    assert s.overrides == ["war"]
    assert s.score("The war is over.") == 0.0
    assert stock_analyzer().lexicon["war"] == -2.9


@pytest.mark.parametrize("bad, message", [
    ({"cease fire": 1.0}, "single token"),
    ({"truce": 5}, "outside"),
    ({"truce": "good"}, "not a number"),
    ({"truce.": 1}, "never match"),
])
def test_bad_dict_additions(bad, message):
    with pytest.raises(ValueError, match=message):
        Sentiment(bad)


def test_describe():
    assert Sentiment().describe() == "VADER 3.3.2 stock lexicon (7,506 entries)"
    assert Sentiment({"ceasefire": 2, "war": -2}).describe() == (
        "VADER 3.3.2 stock lexicon (7,506 entries) + 2 additions from a user dict (1 replacing stock values)")
    assert Sentiment({"truce": 2}, name="news").describe() == (
        "VADER 3.3.2 stock lexicon (7,506 entries) + 1 addition from news")


def test_file_additions_and_describe(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("# conflict terms\n\nceasefire\t2.0\nMassacre  -3.5  # judgement\ntruce 1.5\n", encoding="utf-8")
    assert read_valence_file(path) == {"ceasefire": 2.0, "massacre": -3.5, "truce": 1.5}
    s = Sentiment(path)
    assert s.describe() == f"VADER 3.3.2 stock lexicon (7,506 entries) + 3 additions from file {path}"
    assert Sentiment(str(path), name="news").describe().endswith(f"+ 3 additions from news (file {path})")
    # massacre -3.5 -> -3.5 / sqrt(27.25) = -0.6705
    assert s.score("A massacre.") == -0.6705


@pytest.mark.parametrize("content, line, message", [
    ("ceasefire 2\ntruce abc\n", 2, "not a number"),
    ("# c\n\nmassacre -4.5\n", 3, "outside"),
    ("truce 1 2\n", 1, "expected 'word<whitespace>valence'"),
    ("truce\n", 1, "expected"),
    ("truce 1\nTruce 2\n", 2, "duplicate entry 'truce' (first on line 1)"),
    ("truce nan\n", 1, "outside"),
])
def test_read_valence_file_errors_name_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValenceFileError) as info:
        read_valence_file(path)
    err = info.value
    assert err.file == str(path) and err.line == line
    assert str(err).startswith(f"{path}:{line}: ")
    assert message in str(err)
    with pytest.raises(ValenceFileError):
        Sentiment(path)


def test_score_many_and_memo(vader, monkeypatch):
    s = Sentiment()
    calls = []
    real = sentiment_module.compound
    monkeypatch.setattr(sentiment_module, "compound", lambda t, lex: calls.append(t) or real(t, lex))
    assert s.score_many(["good", "", "bad", "good", "   "]) == [0.4404, 0.0, -0.5423, 0.4404, 0.0]
    assert calls == ["good", "bad"]


def test_pickle_roundtrip():
    s = Sentiment({"ceasefire": 2}, name="news")
    t = pickle.loads(pickle.dumps(s))
    assert t.describe() == s.describe()
    assert t.score("The ceasefire held.") == 0.4588


def test_lexicon_hits(vader):
    assert vader.lexicon_hits("Peace talks collapsed.") == [("Peace", 2.5), ("collapsed", -1.1)]


# --- party_tone -------------------------------------------------------------------------------------------

S1 = "Valdoria shelled the town, killing nine people."
S2 = '"Corvia is lying," a witness said.'
S3 = 'Corvia and Valdoria agreed to a truce, "a great victory," an aide said.'
BOILER = "Follow Corvia Today on Twitter"
TONE_BODY = f"{S1} {S2}\n{S3}\n{BOILER}\n"
MATCHERS = {"Valdoria": re.compile(r"\bValdorian?s?\b"), "Corvia": re.compile(r"\bCorvian?s?\b")}


def _span(sub):
    i = TONE_BODY.index(sub)
    return i, i + len(sub)


def _fixture():
    sentences = [_span(S1), _span(S2), _span(S3), _span(BOILER)]
    quotes = [_span("Corvia is lying,"), _span("a great victory,")]
    excluded = [namedtuple("Span", "start end label")(*_span(BOILER), "share")]
    return sentences, quotes, excluded


def test_party_tone_rows(vader):
    sentences, quotes, excluded = _fixture()
    rows = party_tone(vader, TONE_BODY, sentences, quotes, MATCHERS, excluded)
    s1, s3 = sentences[0], sentences[2]
    assert rows == [
        # killing -3.4 -> -3.4 / sqrt(26.56)
        {"party": "Valdoria", "start": s1[0], "end": s1[1], "sentence": S1, "tone": -0.6597},
        # "a great victory," masked: agreed +1.1 only -> 1.1 / sqrt(16.21); same tone for both parties
        {"party": "Valdoria", "start": s3[0], "end": s3[1], "sentence": S3, "tone": 0.2732},
        {"party": "Corvia", "start": s3[0], "end": s3[1], "sentence": S3, "tone": 0.2732},
    ]
    # unmasked S3 would have been much more positive (great +3.1): the quote really was masked
    assert vader.score(S3) == 0.7351
    # S2 names Corvia only inside the quote: no row; without the quote mask it would give one
    assert MATCHERS["Corvia"].search(S2)
    assert not any(r["sentence"] == S2 for r in rows)
    # the boilerplate line names Corvia but is skipped; without `excluded` it would give a row
    unexcluded = party_tone(vader, TONE_BODY, sentences, quotes, MATCHERS)
    assert [r["sentence"] for r in unexcluded][-1] == BOILER


def test_party_tone_quote_only_sentence_without_quote_mask(vader):
    sentences, _, excluded = _fixture()
    rows = party_tone(vader, TONE_BODY, sentences[1:2], [], MATCHERS, excluded)
    assert rows == [{"party": "Corvia", "start": sentences[1][0], "end": sentences[1][1],
                     "sentence": S2, "tone": -0.5267}]  # lying -2.4 -> -2.4 / sqrt(20.76)


def test_party_tone_accepts_quote_objects(vader):
    # like segment.QuoteSpan: the content_* offsets are used, not the first two fields
    QuoteSpan = namedtuple("QuoteSpan", "open close content_start content_end closed")
    sentences, quotes, excluded = _fixture()
    objs = [QuoteSpan(0, len(TONE_BODY), s, e, True) for s, e in quotes]
    rows = party_tone(vader, TONE_BODY, sentences, objs, MATCHERS, excluded)
    assert rows == party_tone(vader, TONE_BODY, sentences, quotes, MATCHERS, excluded)
    assert len(rows) == 3


def test_party_tone_mask_names(vader):
    body = "The Justice Party condemned the strike."
    matchers = {"JP": re.compile(r"Justice Party")}
    # 2.4 + 1.7 - 1.9 - 0.5 = 1.7 -> 0.4019 ; names masked: -2.4 -> -0.5267
    assert party_tone(vader, body, [(0, len(body))], [], matchers)[0]["tone"] == 0.4019
    assert party_tone(vader, body, [(0, len(body))], [], matchers, mask_names=True)[0]["tone"] == -0.5267


def test_party_tone_scores_each_sentence_once(monkeypatch):
    s = Sentiment()
    calls = []
    real = sentiment_module.compound
    monkeypatch.setattr(sentiment_module, "compound", lambda t, lex: calls.append(t) or real(t, lex))
    sentences, quotes, excluded = _fixture()
    party_tone(s, TONE_BODY, sentences, quotes, MATCHERS, excluded)
    assert len(calls) == 2  # S1 and S3; S2 and the boilerplate have no narrative party mention


# --- fast paths (case folding, scanning once for all parties, memoised masking) ---------------------------

def test_lowered_for_matching_is_exact_for_ascii_patterns():
    # every character but FOLD_UNSAFE lowers to one character of the same \w/\s class, and matches a
    # printable ASCII character under IGNORECASE exactly when its lower-case form equals it
    import string

    from framing.extract.resources import FOLD_UNSAFE, lowered_for_matching

    text = "".join(chr(i) for i in range(0x110000)
                   if not 0xD800 <= i < 0xE000 and chr(i) not in FOLD_UNSAFE)
    low = lowered_for_matching(text)
    assert low is not None and len(low) == len(text)
    for cls in (r"\w", r"\s"):
        assert [m.start() for m in re.finditer(cls, text)] == [m.start() for m in re.finditer(cls, low)]
    for c in string.printable:
        p = re.escape(c.lower())
        assert [m.start() for m in re.finditer(p, text, re.I)] == [m.start() for m in re.finditer(p, low)], c
    for c in FOLD_UNSAFE:
        assert lowered_for_matching("Ana " + c) is None


def test_word_spans_folded_equals_ignorecase():
    words = frozenset({"said", "played down", "according to", "didn't", "cease-fire"})
    slow = sentiment_module._words_regex(words)
    assert sentiment_module._words_regex_folded(words) is not None
    for text in ["He SAID it, played  down the cease-fire", "‘said’ didn’t Didn't said—said", "résumé said",
                 "KSaid said", "ſaid said", "İsaid said", "According\tTo them"]:
        assert sentiment_module._word_spans(text, words) == [m.span() for m in slow.finditer(text)], text
    assert sentiment_module._words_regex_folded(frozenset({"dénié"})) is None


def test_party_tone_scans_once_with_mention_patterns(vader):
    from framing.label.parties import Actors, PartyMatcher

    actors = Actors.from_dict({"parties": {
        "Valdoria": {"aliases": ["Valdorian army"], "members": ["Dana Rusk"]},
        "Army": {"aliases": ["army"]},
        "Rusk Group": {"aliases": ["Rusk Group"]}}})
    pats = PartyMatcher(actors).mention_patterns()
    parts = ["The Valdorian army shelled the town.", "Dana Rusk Group said nothing, “Valdoria lied.”",
             "An army convoy passed.", "RUSK met valdorians.", "Peace held in the ſouth, VALDORİA said.",
             "Valdoriansarmy.", "Anti-Valdorian   ARMY units, Rusk-led."]
    body = " ".join(parts)
    starts = [sum(len(x) + 1 for x in parts[:i]) for i in range(len(parts))]
    sentences = [(s, s + len(x)) for s, x in zip(starts, parts)]
    q = body.index("Valdoria lied.")
    quotes = [(q, q + len("Valdoria lied."))]
    fast = party_tone(vader, body, sentences, quotes, pats)
    assert fast == party_tone(vader, body, sentences, quotes, dict(pats))
    assert [(r["sentence"][:8], r["party"]) for r in fast] == [
        ("The Vald", "Valdoria"), ("The Vald", "Army"), ("Dana Rus", "Valdoria"), ("Dana Rus", "Rusk Group"),
        ("An army ", "Army"), ("RUSK met", "Valdoria"), ("Peace he", "Valdoria"), ("Anti-Val", "Valdoria"),
        ("Anti-Val", "Army")]

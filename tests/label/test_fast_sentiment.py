"""The sentiment side's fast paths give what they replace, on generated inputs built to hit the edge cases:

- ``vader._special_idioms_check`` (ported, with a skip when no idiom word is near) = stock VADER's;
- ``vader.compound`` building its words from the lower-cased sentence = stock VADER's score;
- ``parties._scan_pattern`` (lookbehind after the first character) = the folded ``parties._pattern``;
- ``sentiment.party_tone`` with those patterns = the per-party regex search.
"""

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as v

from framing.label import vader
from framing.label.parties import Actors, PartyMatcher, _pattern, _scan_pattern
from framing.label.sentiment import Sentiment, party_tone, stock_analyzer
from framing.run.pipeline import Settings, _any_mention_for

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
SENT = Sentiment()

STOCK = stock_analyzer()
MULTI_WORD_KEYS = [k for k in (*v.SPECIAL_CASES, *v.BOOSTER_DICT) if " " in k]
IDIOM_VOCAB = sorted({w for k in MULTI_WORD_KEYS for w in k.split()}) + [
    "badass", "good", "bad", "great", "horrible", "no", "not", "never", "so", "this", "x", "very", "kinda"]


def _outcome(f, *args):
    try:
        return f(*args)
    except IndexError:  # a word list too short for the window: stock raises, so must the port
        return IndexError


# word lists with a multi-word idiom or booster placed somewhere, and arbitrary ones
idiom_lists = st.one_of(
    st.lists(st.sampled_from(IDIOM_VOCAB), max_size=9),
    st.builds(lambda a, key, b: a + key.split() + b, st.lists(st.sampled_from(IDIOM_VOCAB), max_size=4),
              st.sampled_from(MULTI_WORD_KEYS), st.lists(st.sampled_from(IDIOM_VOCAB), max_size=4)),
)


@settings(max_examples=1500, deadline=None)
@given(idiom_lists, st.sampled_from([1.9, -2.5, 0.0, 3]))
def test_special_idioms_check_is_stock(words, valence):
    stock = v.SentimentIntensityAnalyzer._special_idioms_check
    for i in range(len(words)):  # every position: the start (negative indices) and the end of the list
        assert _outcome(vader._special_idioms_check, valence, words, i) == \
            _outcome(stock, valence, words, i), (words, i)


def test_idiom_words_cover_every_multi_word_key():
    for key in MULTI_WORD_KEYS:
        assert vader._IDIOM_WORDS & set(key.split()), key
    # and the skip does happen for ordinary words
    words = "the talks were to go on for a good week".split()
    assert all(vader._IDIOM_WORDS.isdisjoint(words[i - 3:i + 3]) for i in range(3, len(words)))


# tokens with punctuation at either end, in several cases, and the letters whose lower case is special:
# dotted capital I (two characters), capital sigma (final form at the end of a word), Kelvin sign, sharp s
DECOR = ["", ".", ",", "!", "?", "\"", "'", "(", ")", "...", "--", "’"]
CORE = ["good", "GOOD", "Good", "bad", "not", "NOT", "no", "kind", "of", "very", "VERY", "but", "BUT", "İ",
        "İyi", "İy", "İY", "GÜZEL", "ΑΣ", "ΟΔΟΣ", "Kelvin", "STRASSE", "straße", "least", "at", "the", "shit",
        "KISS",
        "death", "ok", "a", "I", "US", "hope", "war", ":)", ":(", "it", "so"]
decorated = st.builds(lambda a, c, b: a + c + b, st.sampled_from(DECOR), st.sampled_from(CORE),
                      st.sampled_from(DECOR))


# a lexicon with words holding a lower-cased "İ" (i + combining dot), so a length test changed by it shows
EXTENDED = v.SentimentIntensityAnalyzer()
EXTENDED.lexicon = {**STOCK.lexicon, "i\u0307y": 2.0, "i\u0307yi": -1.5, "i\u0307": 1.0}


@settings(max_examples=1500, deadline=None)
@given(st.lists(decorated, max_size=12), st.sampled_from([" ", "  ", "\t", "\u00a0", "\n"]))
def test_compound_words_from_the_lowered_sentence(tokens, sep):
    text = sep.join(tokens)
    for analyzer in (STOCK, EXTENDED):
        assert vader.compound(text, analyzer.lexicon) == analyzer.polarity_scores(text)["compound"], text


# --- the mention scan pattern ----------------------------------------------------------------------------

NAME_PARTS = ["ek", "e", "est", "estland", "estlander", "val", "valdoria", "valdorian", "army", "a", "an",
              "maalouf-teo", "o'neil", "x2", "2x", "_un", "ab"]
names = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=3).map(" ".join)
name_sets = st.sets(names, min_size=1, max_size=6)
FILLER = [" ", "  ", "\n", "-", "'", ".", ",", "x", "s", "_", "9", "é", "\u00a0", "(", "army", "the "]


@st.composite
def texts_with(draw, words):
    pieces = draw(st.lists(st.one_of(st.sampled_from(sorted(words)), st.sampled_from(FILLER)), max_size=10))
    return "".join(pieces)


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_scan_pattern_matches_as_the_folded_pattern(data):
    words = data.draw(name_sets)
    plain = _pattern(words)
    folded = re.compile(plain.pattern, plain.flags & ~re.I)
    scan = _scan_pattern(words)
    text = data.draw(texts_with(words))
    for i in range(len(text) + 1):
        a, b = folded.match(text, i), scan.match(text, i)
        assert (a and a.span()) == (b and b.span()), (text, i)
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    a, b = folded.search(text, pos, end), scan.search(text, pos, end)
    assert (a and a.span()) == (b and b.span()), (text, pos, end)


def test_scan_pattern_refuses_what_it_cannot_fold():
    assert _scan_pattern(["Café"]) is None and _scan_pattern([]) is None and _scan_pattern([""]) is None
    assert _scan_pattern(["Ek", "Valdoria"]).search("the valdoria talks").span() == (4, 12)


PARTIES = {"Valdoria": ["Valdorian army", "Anton Vasko"], "Estland": ["Ek", "Estlander"],
           "Army": ["army"], "Aid": ["Maalouf-Teo", "O'Neil"]}
ACTORS = Actors.from_dict({"parties": {k: {"aliases": v} for k, v in PARTIES.items()}})
BODY_WORDS = ["Valdorian", "army", "ARMY", "Anton", "Vasko", "Ek", "EK", "Estlander", "Estlanders",
              "Maalouf-Teo", "O'Neil", "said", "good", "bad", "x", "İ", "ſ", "é"]
BODY_SEPS = [" ", "  ", ", ", "-", "", "\n", ". ", "’"]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_party_tone_fast_path_is_the_per_party_search(data):
    pats = PartyMatcher(ACTORS).mention_patterns()
    folded_union = pats.fast_patterns(pats)[1]
    assert folded_union is pats.folded_union and not folded_union.pattern.startswith("(?<")
    words = data.draw(st.lists(st.sampled_from(BODY_WORDS), max_size=14))
    seps = data.draw(st.lists(st.sampled_from(BODY_SEPS), min_size=len(words), max_size=len(words)))
    body = "".join(w + s for w, s in zip(words, seps))
    cuts = sorted(data.draw(st.sets(st.integers(0, len(body)), max_size=4)) | {0, len(body)})
    sentences = list(zip(cuts, cuts[1:]))
    quotes = [tuple(sorted(data.draw(st.tuples(st.integers(0, len(body)), st.integers(0, len(body))))))
              for _ in range(data.draw(st.integers(0, 2)))]
    sent = Sentiment()
    fast = party_tone(sent, body, sentences, quotes, pats)
    assert fast == party_tone(sent, body, sentences, quotes, dict(pats))
    # the analysis's prefilter: the party WordScan on the lower-cased body finds a mention in the same sentences
    settings_ = Settings(actors=ACTORS)
    finds, text = _any_mention_for(settings_, settings_.mention_patterns, body)
    if text is not body:  # a body that lower-cases evenly: the party WordScan answers
        assert finds.__self__ is settings_.mention_patterns.scan
    for s, e in sentences:
        assert bool(finds(text, s, e)) == bool(settings_.any_mention.search(body, s, e))



def test_mention_prefilter_takes_the_word_scan():
    """The analysis asks the party WordScan on the lower-cased body (the patterns' flags compared as compiled:
    re.compile adds re.UNICODE, a LazyPattern keeps the flags it was given)."""
    settings_ = Settings(actors=ACTORS)
    finds, text = _any_mention_for(settings_, settings_.mention_patterns, "Valdoria said.")
    assert text == "valdoria said." and finds.__self__ is settings_.mention_patterns.scan

# --- word counts -------------------------------------------------------------------------------------------

WORD_ALPHABET = "ab9_ -'’‘“”—–…«»„\u00a0.,\n\té\u0130ſ"


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(alphabet=WORD_ALPHABET, max_size=40), st.text(max_size=20),
                 st.lists(st.sampled_from(["cease-fire", "don’t", "it's", "U.S.", "-", "--", "'", "’", "x",
                                           " ", "“", "”", "a-b-c", "—", "é"]), max_size=12).map("".join)))
def test_count_words_is_the_regex_count(text):
    from framing.read.article import _WORD, count_words

    assert count_words(text) == len(_WORD.findall(text)), text


@pytest.mark.parametrize("body", ["Valdorian army said", "Valdorian army, army and ARMY.", "Estlanders, Ek",
                                  "the Valdorian armyx", "O'Neil’s army", "Anton Vasko-army"])
def test_party_tone_fast_path_overlapping_mentions(body):
    """A mention inside a longer one ("army" in "Valdorian army") counts for its own party: the fast path
    tries every place the union matches, not only after the end of the last match."""
    pats = PartyMatcher(ACTORS).mention_patterns()
    sent = Sentiment()
    for _ in range(2):  # the second call reads the parties from the memo
        assert party_tone(sent, body, [(0, len(body))], [], pats) == \
            party_tone(sent, body, [(0, len(body))], [], dict(pats))


def test_the_pipelines_quote_score_is_score_quote():
    """pipeline scores an article's quotes with sentiment._quote_scores on the contents they already hold: the
    same as score_quote on the body, for every quote of the sample corpus, one at a time and an article's
    together, and for cues inside or across the content."""
    from framing.extract.attribute import extract_quotes
    from framing.label.sentiment import Sentiment, _quote_scores, score_quote
    from framing.lexicon import load_verbs
    from framing.read.corpus import iter_articles

    sent, verbs = Sentiment(), load_verbs()
    words = frozenset(verbs.forms) | frozenset(verbs.phrases)
    n = 0
    for art in iter_articles(SAMPLE):
        quotes = extract_quotes(art.text, art.excluded, verbs)
        for q in quotes:
            cues = [(q.cue_start, q.cue_end)] if q.cue_start is not None else []
            assert _quote_scores(sent, [(q.content, q.start, q.cue_start, q.cue_end)], words) == \
                [score_quote(sent, art.text, q.start, q.end, cues, words)]
            n += 1
        assert _quote_scores(sent, [(q.content, q.start, q.cue_start, q.cue_end) for q in quotes], words) == \
            [score_quote(sent, art.text, q.start, q.end, [(q.cue_start, q.cue_end)] if q.cue_start is not None
                         else [], words) for q in quotes]
    assert n > 300
    body = "Ministers said the talks had failed badly, officials warned."
    for cue in [(0, 14), (10, 14), (10, 20), (16, 21), (25, 33), (30, 45), (55, 61), (20, 20)]:
        for start, end in [(15, 41), (0, len(body)), (30, 42)]:
            assert _quote_scores(sent, [(body[start:end], start, *cue)], words) == \
                [score_quote(sent, body, start, end, [cue], words)]


QUOTE_WORDS = ["said", "Said", "according", "to", "according to", "denied", "fire", "back", "doubt", "un-said",
               "said’s", "x", "'", "’", "-", " ", "\n", ",", "good", "bad", "é", "ſaid"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(QUOTE_WORDS), max_size=8).map(" ".join), min_size=2, max_size=5))
@example(["They will fire", "back at them"])  # "fire back" is a reporting phrase: not across two quotes
def test_quote_scores_of_an_article_are_each_quotes_score(contents):
    """The pipeline scores an article's quotes together (one scan of the contents joined by NULs): each score
    is the one the quote gets alone (a phrase never runs across two quotes)."""
    from framing.label.sentiment import _quote_scores
    from framing.lexicon import load_verbs

    verbs = load_verbs()
    words = frozenset(verbs.forms) | frozenset(verbs.phrases)
    quotes, start = [], 0
    for i, c in enumerate(contents):
        cue = (start + 2, start + 6) if i % 2 else (None, None)
        quotes.append((c, start, *cue))
        start += len(c) + 3
    assert _quote_scores(SENT, quotes, words) == [_quote_scores(SENT, [q], words)[0] for q in quotes]

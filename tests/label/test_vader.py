"""framing.label.vader.compound must give stock vaderSentiment's compound score, exactly, for every text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as v

from framing.extract.segment import paragraphs, sentences
from framing.label.sentiment import Sentiment, stock_analyzer
from framing.label.vader import compound
from framing.read.corpus import iter_articles

STOCK = stock_analyzer()

# words chosen to trigger every rule of VADER: lexicon words of both signs, boosters and dampeners,
# negations (with and without n't), "no", "least", "kind of", "never so", "without doubt", the special
# idioms, "but", emoticons, emojis, contractions, and neutral filler
VOCAB = [
    "good", "bad", "great", "horrible", "killed", "peace", "war", "hope", "fear", "win", "lost", "support",
    "attack", "no", "not", "isn't", "never", "nor", "or", "without", "doubt", "least", "at", "very", "so",
    "this", "kind", "of", "sort", "just", "enough", "extremely", "barely", "somewhat", "utterly", "but",
    "BUT", "GOOD", "BAD", "VERY", "Not", "the", "shit", "bomb", "bad", "ass", "kiss", "death", "yeah", "right",
    "to", "die", "for", "beating", "heart", "bus", "stop", "cut", "mustard", ":)", ":(", ":D", "😁", "💔",
    "lol", "a", "talks", "officials", "said", "ceasefire", "uh-uh", "don't", "cannot", "despite", "rarely",
    "\u201cgood\u201d", "good!", "bad?", "(great)", "...", "—",
]


def _stock(text: str) -> float:
    return STOCK.polarity_scores(text)["compound"]


def test_vaders_own_examples():
    examples = [
        "VADER is smart, handsome, and funny.", "VADER is VERY SMART, handsome, and FUNNY!!!",
        "VADER is not smart, handsome, nor funny.", "At least it isn't a horrible book.",
        "The book was only kind of good.", "Today only kinda sux! But I'll get by, lol",
        "Make sure you :) or :D today!", "Catch utf-8 emoji such as 💘 and 💋 and 😁", "Not bad at all",
        "Sentiment analysis has never been this good!", "With VADER, sentiment analysis is the shit!",
        "On the other hand, VADER is quite bad ass", "Without a doubt, excellent idea.",
        "Roger Dodger is one of the least compelling variations on this theme.", "", "   ", "!!!", "???",
    ]
    for text in examples:
        assert compound(text, STOCK.lexicon) == _stock(text), text


def test_hand_checked_values():
    # by hand: valence / sqrt(valence² + 15); "good" is 1.9 in the lexicon, "not" multiplies by -0.74
    assert compound("The ceasefire held.", STOCK.lexicon) == 0.0
    assert compound("good", STOCK.lexicon) == 0.4404
    assert compound("not good", STOCK.lexicon) == -0.3412
    assert compound("good!!", STOCK.lexicon) == 0.5399  # (1.9 + 2 * 0.292) / sqrt(2.484² + 15)


def test_every_sentence_of_the_sample_corpus(sample_dir):
    texts = []
    for a in iter_articles(sample_dir):
        for ps, pe in paragraphs(a.text, a.excluded):
            texts += [a.text[s:e] for s, e in sentences(a.text, ps, pe)]
            texts.append(a.text[ps:pe])
    assert len(texts) > 900
    assert [compound(t, STOCK.lexicon) for t in texts] == [_stock(t) for t in texts]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=14), st.sampled_from(["", ".", "!", "!!", "?", "??", "????",
                                                                        "!!!!!!", "?!"]))
def test_generated_sentences(words, end):
    text = " ".join(words) + end
    assert compound(text, STOCK.lexicon) == _stock(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text(text):
    assert compound(text, STOCK.lexicon) == _stock(text)


@pytest.mark.parametrize("additions", [{"ceasefire": 2.0}, {"good": -1.5, "talks": 0.7}])
def test_with_lexicon_additions(additions):
    s = Sentiment(additions)
    analyzer = v.SentimentIntensityAnalyzer()
    analyzer.lexicon = {**analyzer.lexicon, **additions}
    for text in ["The ceasefire held, but talks were not good.", "NO talks, no ceasefire!!", "good talks"]:
        assert s.score(text) == analyzer.polarity_scores(text)["compound"]


def test_every_emoji_passes_the_quick_character_test():
    """compound replaces emojis only in texts the quick character-set test lets through: it must let every
    emoji of VADER's table through (those in the Basic Multilingual Plane are listed one by one)."""
    from framing.label import vader

    vader._emoji_table()
    assert len(vader._emoji_chars) > 1000
    assert all(vader._emoji_maybe.search(f"a {c} b") for c in vader._emoji_chars)
    assert vader._emoji_maybe.search("“Fine,” she said — didn’t she?") is None

"""VADER's compound score, computed about three times faster than ``vaderSentiment``, with the same result.

``vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on work whose
result it throws away: it copies the text one character at a time to replace emojis (even when there
are none), lower-cases the whole sentence again for every lexicon word it checks, and scans the
negation list word by word. :func:`compound` runs the same rules (Hutto & Gilbert 2014, vaderSentiment
3.3.2) in the same order on the same floats, with those costs removed:

- emojis are replaced only when the text holds one (one set test in C instead of a Python loop);
- each word is lower-cased once; words outside the lexicon and the booster list (most words) cost one
  dict lookup;
- negation is a set lookup.

The rare rules ("but", special idioms) call vaderSentiment's own functions. ``tests/test_vader.py``
checks the scores are identical to stock VADER's on every sentence and quote of the sample corpus and on
generated sentences built to hit each rule (negation, boosters, ALL CAPS, "no", "least", "kind of",
idioms, "but", "!" and "?", emojis, emoticons, user lexicon additions).

>>> from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
>>> stock = SentimentIntensityAnalyzer()
>>> text = "The talks were NOT a great success, but nobody was hurt!"
>>> compound(text, stock.lexicon) == stock.polarity_scores(text)["compound"]
True
"""

from __future__ import annotations

import string
from typing import Mapping

from vaderSentiment import vaderSentiment as _v

_BOOSTERS = _v.BOOSTER_DICT
_NEGATIONS = frozenset(_v.NEGATE)
_C_INCR = _v.C_INCR
_N_SCALAR = _v.N_SCALAR
_PUNCTUATION = string.punctuation
_special_idioms_check = _v.SentimentIntensityAnalyzer._special_idioms_check
_but_check = _v.SentimentIntensityAnalyzer._but_check
_normalize = _v.normalize

_emojis: dict[str, str] | None = None
_emoji_chars: frozenset[str] = frozenset()


def _emoji_table() -> dict[str, str]:
    """vaderSentiment's emoji descriptions (read once from the file it ships)."""
    global _emojis, _emoji_chars
    if _emojis is None:
        from .sentiment import stock_analyzer

        _emojis = stock_analyzer().emojis
        _emoji_chars = frozenset(k for k in _emojis if len(k) == 1)
    return _emojis


def _replace_emojis(text: str, emojis: Mapping[str, str]) -> str:
    """vaderSentiment's emoji step, verbatim: each emoji becomes its description."""
    out = ""
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out += " "
            out += emojis[ch]
            prev_space = False
        else:
            out += ch
            prev_space = ch == " "
    return out


def _negated(word: str) -> bool:
    """``vaderSentiment.negated([word])`` for a lower-cased word."""
    return word in _NEGATIONS or "n't" in word


def _negation_check(valence: float, lows: list[str], start_i: int, i: int) -> float:
    """``SentimentIntensityAnalyzer._negation_check`` over pre-lowered words."""
    if start_i == 0:
        if _negated(lows[i - 1]):
            valence = valence * _N_SCALAR
    elif start_i == 1:
        if lows[i - 2] == "never" and (lows[i - 1] == "so" or lows[i - 1] == "this"):
            valence = valence * 1.25
        elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
            pass
        elif _negated(lows[i - 2]):
            valence = valence * _N_SCALAR
    else:
        if lows[i - 3] == "never" and (lows[i - 2] == "so" or lows[i - 2] == "this") or \
                (lows[i - 1] == "so" or lows[i - 1] == "this"):
            valence = valence * 1.25
        elif lows[i - 3] == "without" and (lows[i - 2] == "doubt" or lows[i - 1] == "doubt"):
            pass
        elif _negated(lows[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _valence(words: list[str], lows: list[str], i: int, lexicon: Mapping[str, float], is_cap_diff: bool) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` for a word known to be in the lexicon."""
    low = lows[i]
    n = len(words)
    valence = lexicon[low]
    if low == "no" and i != n - 1 and lows[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lows[i - 1] == "no") or (i > 1 and lows[i - 2] == "no") or \
            (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor")):
        valence = lexicon[low] * _N_SCALAR
    if is_cap_diff and words[i].isupper():
        if valence > 0:
            valence += _C_INCR
        else:
            valence -= _C_INCR
    for start_i in range(3):
        j = i - (start_i + 1)
        if i > start_i and lows[j] not in lexicon:
            s = 0.0  # vaderSentiment.scalar_inc_dec
            if lows[j] in _BOOSTERS:
                s = _BOOSTERS[lows[j]]
                if valence < 0:
                    s *= -1
                if words[j].isupper() and is_cap_diff:
                    if valence > 0:
                        s += _C_INCR
                    else:
                        s -= _C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, lows, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lows, i)
    # "least" as negation (SentimentIntensityAnalyzer._least_check)
    if i > 1 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        if lows[i - 2] != "at" and lows[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence


def compound(text: str, lexicon: Mapping[str, float]) -> float:
    """VADER's compound score of ``text`` with ``lexicon`` ({lower-case word: valence}), rounded to 4 places.

    Equal to ``SentimentIntensityAnalyzer(...).polarity_scores(text)["compound"]`` when ``lexicon`` is
    that analyzer's ``lexicon``.

    >>> from framing.sentiment import stock_analyzer
    >>> compound("Rescuers were not able to reach the village.", stock_analyzer().lexicon)
    -0.3252
    """
    if not text.isascii():
        emojis = _emoji_table()
        if not _emoji_chars.isdisjoint(text):
            text = _replace_emojis(text, emojis)
    text = text.strip()
    words = [token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped for token in text.split()]
    lows = [w.lower() for w in words]
    hits = lexicon.keys() & lows  # most words of a sentence are in no lexicon: skip them in C
    if not hits:
        return 0.0  # every word scores 0, so the sum and the compound are 0
    n = len(words)
    caps = sum(map(str.isupper, words))
    is_cap_diff = 0 < n - caps < n
    sentiments: list[float] = [0] * n
    for i in [i for i, low in enumerate(lows) if low in hits]:
        low = lows[i]
        if low not in _BOOSTERS and not (low == "kind" and i < n - 1 and lows[i + 1] == "of"):
            sentiments[i] = _valence(words, lows, i, lexicon, is_cap_diff)
    if "but" in lows:
        sentiments = _but_check(words, sentiments)
    sum_s = float(sum(sentiments))
    if sum_s:
        ep = min(text.count("!"), 4) * 0.292
        qm = text.count("?")
        amplifier = ep + ((qm * 0.18 if qm <= 3 else 0.96) if qm > 1 else 0)
        if sum_s > 0:
            sum_s += amplifier
        else:
            sum_s -= amplifier
    return round(_normalize(sum_s), 4)

"""VADER's compound score, computed about three times faster than ``vaderSentiment``, with the same result.

``vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on work whose
result it throws away: it copies the text one character at a time to replace emojis (even when there
are none), lower-cases the whole sentence again for every lexicon word it checks, and scans the
negation list word by word. :func:`compound` runs the same rules (Hutto & Gilbert 2014, vaderSentiment
3.3.2) in the same order on the same floats, with those costs removed:

- emojis are replaced only when the text holds one (a character-set search, then a set test, in C
  instead of a Python loop over every character);
- the sentence is lower-cased once; words outside the lexicon and the booster list (most words) cost one
  dict lookup;
- negation is a set lookup;
- the special-idioms check (stock lower-cases the whole sentence again for it, once per lexicon word) is
  ported, and skipped when no word near the lexicon word belongs to a multi-word idiom or booster.

The "but" rule calls vaderSentiment's own function. ``tests/label/test_vader.py``
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

import functools
import re
import string
from typing import Mapping

from vaderSentiment import vaderSentiment as _v

_BOOSTERS = _v.BOOSTER_DICT
_NEGATIONS = frozenset(_v.NEGATE)
_C_INCR = _v.C_INCR
_N_SCALAR = _v.N_SCALAR
_PUNCTUATION = string.punctuation
_SPECIAL_CASES = _v.SPECIAL_CASES
_but_check = _v.SentimentIntensityAnalyzer._but_check
_normalize = _v.normalize

# One word of each multi-word idiom or booster ("kiss of death", "kind of"): the longest one that is not a
# common little word. A window of words holding none of them matches no multi-word key, and a single-word
# key never equals words joined with a space, so the idioms check leaves the valence as it is.
_COMMON = frozenset(("the", "to", "of", "for", "just", "right", "bad"))
_IDIOM_WORDS = frozenset(max(key.split(" "), key=lambda w: (w not in _COMMON, len(w)))
                         for key in (*_SPECIAL_CASES, *_BOOSTERS) if " " in key)

@functools.lru_cache(maxsize=1)
def stock_analyzer() -> _v.SentimentIntensityAnalyzer:
    """The process-wide stock VADER analyzer (built once; never mutate its lexicon).

    >>> stock_analyzer().lexicon["denied"]
    -1.9
    """
    return _v.SentimentIntensityAnalyzer()


_emojis: dict[str, str] | None = None
_emoji_chars: frozenset[str] = frozenset()
_emoji_maybe: re.Pattern | None = None


def _emoji_table() -> dict[str, str]:
    """vaderSentiment's emoji descriptions (read once from the file it ships)."""
    global _emojis, _emoji_chars, _emoji_maybe
    if _emojis is None:
        _emojis = stock_analyzer().emojis
        _emoji_chars = frozenset(k for k in _emojis if len(k) == 1)
        _emoji_maybe = _maybe_pattern(_emoji_chars)
    return _emojis


def _maybe_pattern(chars) -> re.Pattern:
    """A character set holding ``chars`` and every character beyond U+FFFF: ``re`` scans for it about twice
    as fast as ``frozenset.isdisjoint`` iterates a text (a set of 1,200 single characters would be slow)."""
    runs: list[list[int]] = []
    for o in sorted(ord(c) for c in chars if ord(c) <= 0xFFFF):
        if runs and o == runs[-1][1] + 1:
            runs[-1][1] = o
        else:
            runs.append([o, o])
    body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)
    return re.compile("[" + body + "\U00010000-\U0010ffff]")


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


def _special_idioms_check(valence: float, lows: list[str], i: int) -> float:
    """``SentimentIntensityAnalyzer._special_idioms_check`` over lower-cased words without spaces (the same
    checks in the same order)."""
    if i >= 3 and _IDIOM_WORDS.isdisjoint(lows[i - 3:i + 3]):
        return valence  # every sequence below joins words of this window
    onezero = f"{lows[i - 1]} {lows[i]}"
    twoonezero = f"{lows[i - 2]} {lows[i - 1]} {lows[i]}"
    twoone = f"{lows[i - 2]} {lows[i - 1]}"
    threetwoone = f"{lows[i - 3]} {lows[i - 2]} {lows[i - 1]}"
    threetwo = f"{lows[i - 3]} {lows[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[seq]
            break
    if len(lows) - 1 > i:
        zeroone = f"{lows[i]} {lows[i + 1]}"
        if zeroone in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroone]
    if len(lows) - 1 > i + 1:
        zeroonetwo = f"{lows[i]} {lows[i + 1]} {lows[i + 2]}"
        if zeroonetwo in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _cap_diff(tokens: list[str]) -> bool:
    """``vaderSentiment.allcap_differential``: some but not all words are in ALL CAPS (asked only when a
    word that matters is)."""
    caps = sum(map(str.isupper, tokens))
    return 0 < len(tokens) - caps < len(tokens)


def _boost(low: str, tokens: list[str], j: int, valence: float) -> float:
    """``vaderSentiment.scalar_inc_dec`` for word ``j``, which is in the booster list."""
    s = _BOOSTERS[low]
    if valence < 0:
        s *= -1
    if tokens[j].isupper() and _cap_diff(tokens):
        if valence > 0:
            s += _C_INCR
        else:
            s -= _C_INCR
    return s


def _valence(tokens: list[str], lows: list[str], i: int, lexicon: Mapping[str, float]) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` for a word known to be in the lexicon.

    ``tokens`` are the whitespace-split words before punctuation stripping: ``str.isupper`` is the same on
    both, as the stripped characters are uncased. The loop over the three preceding words is unrolled."""
    low = lows[i]
    valence = lexicon[low]
    if low == "no" and i != len(lows) - 1 and lows[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lows[i - 1] == "no") or (i > 1 and lows[i - 2] == "no") or \
            (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor")):
        valence = lexicon[low] * _N_SCALAR
    if tokens[i].isupper() and _cap_diff(tokens):
        if valence > 0:
            valence += _C_INCR
        else:
            valence -= _C_INCR
    if i > 0:
        w1 = lows[i - 1]
        if w1 not in lexicon:  # start_i 0: booster, then _negation_check
            valence = valence + (_boost(w1, tokens, i - 1, valence) if w1 in _BOOSTERS else 0.0)
            if w1 in _NEGATIONS or "n't" in w1:
                valence = valence * _N_SCALAR
        if i > 1:
            w2 = lows[i - 2]
            if w2 not in lexicon:  # start_i 1
                s = _boost(w2, tokens, i - 2, valence) if w2 in _BOOSTERS else 0.0
                if s != 0:
                    s = s * 0.95
                valence = valence + s
                if w2 == "never" and (w1 == "so" or w1 == "this"):
                    valence = valence * 1.25
                elif w2 == "without" and w1 == "doubt":
                    pass
                elif w2 in _NEGATIONS or "n't" in w2:
                    valence = valence * _N_SCALAR
            if i > 2:
                w3 = lows[i - 3]
                if w3 not in lexicon:  # start_i 2, then the idioms
                    s = _boost(w3, tokens, i - 3, valence) if w3 in _BOOSTERS else 0.0
                    if s != 0:
                        s = s * 0.9
                    valence = valence + s
                    if w3 == "never" and (w2 == "so" or w2 == "this") or (w1 == "so" or w1 == "this"):
                        valence = valence * 1.25
                    elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                        pass
                    elif w3 in _NEGATIONS or "n't" in w3:
                        valence = valence * _N_SCALAR
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

    >>> from framing.label.vader import stock_analyzer
    >>> compound("Rescuers were not able to reach the village.", stock_analyzer().lexicon)
    -0.0191
    """
    if not text.isascii():
        emojis = _emoji_table()
        if _emoji_maybe.search(text) and not _emoji_chars.isdisjoint(text):
            text = _replace_emojis(text, emojis)
    text = text.strip()
    low = text.lower()
    if len(low) == len(text):
        # lower-casing maps each character to one (and never makes or unmakes whitespace or punctuation), so
        # splitting and stripping the lower-cased text gives each word lower-cased, as VADER does
        lows = [token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped
                for token in low.split()]
    else:  # "İ" lower-cases to two characters, which may change a word's length test
        lows = [(token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped).lower()
                for token in text.split()]
    hits = lexicon.keys() & lows  # most words of a sentence are in no lexicon: skip them in C
    if not hits:
        return 0.0  # every word scores 0, so the sum and the compound are 0
    tokens = text.split()  # for str.isupper, the same before and after punctuation stripping
    n = len(tokens)
    sentiments: list[float] = [0] * n
    for i in [i for i, low in enumerate(lows) if low in hits]:
        low = lows[i]
        if low not in _BOOSTERS and not (low == "kind" and i < n - 1 and lows[i + 1] == "of"):
            sentiments[i] = _valence(tokens, lows, i, lexicon)
    if "but" in lows:
        sentiments = _but_check(lows, sentiments)  # it lower-cases the words again: the same words
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

"""Where a noun phrase starts: a scan leftwards from its end to a clause boundary (a stop mark, a
clause word such as "that" or "and", or a dash), as one regular expression on the reversed text.

>>> text = "After the vote, the harbour pilots said"
>>> text[_np_start(text, 0, text.index(" said")):text.index(" said")]
'the harbour pilots'
"""

from __future__ import annotations

import re

from .resources import CLAUSE_BREAKERS, MASK
from .resources import TOKEN as _TOKEN


def _np_start(masked: str, unit_start: int, end: int) -> int | None:
    """Start of the noun phrase that ends at ``end``, scanning leftwards to a clause boundary."""
    lo = max(unit_start, end - 100)
    m = _NP_REVERSED.match(masked[lo:end][::-1])
    if m is None:
        return None
    start = end - m.end() if m.end() <= 90 else _np_start_by_token(masked, lo, end)
    # (the scan in one match: every token of the phrase within the 90 characters; else a token at a time)
    if start is not None and masked[start - 1:start] == "," and masked[start - 2:start - 1].isdigit():
        number = _THOUSANDS_BEFORE.search(masked, lo, start + 1)  # "1,409 teachers": one number
        start = number.start() if number is not None else start
    if start is not None and masked.endswith("but ", lo, start):
        all_but = _ALL_BUT_BEFORE.search(masked, lo, start)
        start = all_but.start() if all_but is not None else start  # "All but two said"
    return start


_THOUSANDS_BEFORE = re.compile(r"(?<![\w,])\d{1,3}(?:,\d{3})*,\d$")
_ALL_BUT_BEFORE = re.compile(r"\b[Aa]ll\s+but\s+$")


def _np_start_by_token(masked: str, lo: int, end: int) -> int | None:
    """``_np_start``, a token at a time (for phrases that run past 90 characters, which it cuts)."""
    start = None
    # tokens from the right: the token pattern reads the same backwards, so matching it on the reversed
    # window gives the window's tokens in reverse order (each with the gap after it, reversed: the stop
    # marks and "--" read the same both ways), and the scan stops at the first boundary
    stop = _GAP_STOP_FIRST
    rev = masked[lo:end][::-1]
    next_token = _GAP_AND_TOKEN_REVERSED.match
    r = next_token(rev)
    while r is not None:
        gap, token = r.group(1, 2)
        if gap and gap != " " and stop.search(gap):
            break
        if token.lower() in _NP_BREAK_REVERSED:
            break
        if start is not None and r.end() > 90:
            break
        start = end - r.end()
        stop = _GAP_STOP
        r = next_token(rev, r.end())
    return start


#: A gap (anything that cannot start a token) and the token after it, matched where the last one ended (a
#: search would retry a long gap with no token after it from every position); run on reversed text.
_GAP_AND_TOKEN_REVERSED = re.compile(r"(\W*+)(" + _TOKEN.pattern + ")")
_GAP_STOP = re.compile(r"[,;:()\u2014\u2013" + MASK + r"\"“”]|--|\s-\s")
_GAP_STOP_FIRST = re.compile(r"[;:\u2014\u2013" + MASK + r"\"“”]|--|\s-\s")
_NP_BREAK = CLAUSE_BREAKERS | {"but", "and", "so", "yet", "then"}
_NP_BREAK_REVERSED = frozenset(w[::-1] for w in _NP_BREAK)


def _np_reversed_pattern() -> re.Pattern:
    """The token loop of :func:`_np_start_by_token` as one pattern on the reversed window: a first gap without
    a first-gap stop, a token that is not a clause word, then (gap without a stop, token that is not a clause
    word) as often as they come. Gaps are taken whole (possessive), as ``\\W*+`` takes them; a clause word is
    any casing of one whose ``str.lower()`` is in the list (the Kelvin sign lower-cases to k, nothing else
    to an ASCII letter)."""
    def cased(word):
        return "".join("[kK\u212a]" if c == "k" else f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c)
                       for c in word)

    not_break = "(?!(?:" + "|".join(cased(w) for w in sorted(_NP_BREAK_REVERSED)) + r")(?!\w|[’'\-\.]\w))"
    token = not_break + _TOKEN.pattern
    hyphen = r"-(?!-)(?!\s)|(?<!\s)-(?!-)"  # (a hyphen between spaces is a dash: a stop)
    first_gap = r"(?:[^\w;:\u2014\u2013" + MASK + r"\"“”\-]|" + hyphen + ")*+"
    gap = r"(?:[^\w,;:()\u2014\u2013" + MASK + r"\"“”\-]|" + hyphen + ")*+"
    return re.compile(first_gap + token + "(?:" + gap + token + ")*+")


_NP_REVERSED = _np_reversed_pattern()

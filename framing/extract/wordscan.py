"""Whole-word matches of a word list (reporting verbs, cue words) in lower-cased text, found fast.

A pattern such as ``(?<![\\w’'\\-])(?:said|told|…)(?![\\w\\-])`` starts with a lookbehind, so ``re`` tries a
match at every character of the text. :class:`WordScan` finds exactly the same matches with two patterns
that ``re`` can skip through: one starting with a literal space (``re`` jumps from space to space, and most
words follow a space), one starting with a character of a set (the other characters a word can follow:
punctuation, line breaks, non-ASCII). A match of either is a match of the plain pattern, and when the two
lists do not overlap their union is what the plain pattern finds (each scan skips only matches that overlap
its own); when they do, or when a word follows a non-ASCII letter, the two are searched in turn.

>>> scan = WordScan(["said", "according to"], "’'-", r"[\\w\\-]|[’']\\w")
>>> text = "“no,” she said. (said-so) according to\\nhim"
>>> scan.spans(text) == [m.span() for m in scan.pattern.finditer(text)]
True
>>> [text[s:e] for s, e in scan.spans(text)]
['said', 'according to']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from .resources import trie_regex


class WordScan:
    """Matches of ``pattern`` = ``(?<![\\w{before}]){trie of words}(?!{after})``, found at word starts only.

    ``before``: the characters besides word characters that may not precede a word (literal characters);
    ``after``: the regex of what may not follow one, reading at most two characters (a word character,
    hyphen or apostrophe, then a word character). Words are matched case-sensitively: give them and the
    text lower-cased.
    """

    def __init__(self, words: Iterable[str], before: str, after: str):
        trie = trie_regex(sorted({w for w in words if w}))
        cls = re.escape(before)
        self.pattern = re.compile(rf"(?<![\w{cls}]){trie}(?!{after})")
        self._after_space = re.compile(rf" ({trie})(?!{after})")
        # every other character a word may follow, and the non-ASCII word characters (checked after)
        self._after_other = re.compile(rf"[^a-zA-Z0-9_ {cls}]({trie})(?!{after})")

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in self.pattern.finditer(text)]``.

        >>> WordScan(["said"], "", r"\\w").spans("said, unsaid; (said) said")
        [(0, 4), (15, 19), (21, 25)]
        """
        found = [m.span(1) for m in self._after_space.finditer(text)]
        n_space = len(found)
        for m in self._after_other.finditer(text):
            if text[m.start()].isalnum():  # a non-ASCII letter: not a word start, and this scan may have
                return self._chain(text)    # skipped one inside the match
            found.append(m.span(1))
        first = self.pattern.match(text)  # position 0 has no character before it
        if first is not None:
            found.append(first.span())
        if len(found) > n_space:
            found.sort()
        end = -1
        for s, e in found:
            if s < end:  # the two scans overlap ("ana berg" after a line break, "berg" after a space)
                return self._chain(text)
            end = e
        return found

    def _chain(self, text: str) -> list[tuple[int, int]]:
        """The matches, taking at each step the first of the two scans' next matches and searching again
        from its end (what the plain pattern's search does: its leftmost match after the last one)."""
        after_space, after_other = self._after_space.search, self._after_other.search

        def other(pos):
            m = after_other(text, pos)
            while m is not None and text[m.start()].isalnum():  # after a non-ASCII letter: not a word start
                m = after_other(text, m.start() + 1)
            return m

        out = []
        first = self.pattern.match(text)
        pos = first.end() if first is not None else 0
        if first is not None:
            out.append(first.span())
        a, b = after_space(text, pos), other(pos)
        while a is not None or b is not None:
            m = a if b is None or a is not None and a.start() < b.start() else b
            pos = m.end()
            out.append(m.span(1))
            if a is not None and a.start() < pos:  # a match's first character (the one before the word) is
                a = after_space(text, pos)          # at or after the end of the previous match
            if b is not None and b.start() < pos:
                b = other(pos)
        return out

    def within(self, text: str, spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
        """What ``self.pattern.finditer(text, start, end)`` finds, taken from ``spans`` (``self.spans(text)``).
        The search itself runs where the two may differ: a match across either end, or a word that may end
        at ``end`` before more word (the search does not see past ``end``).

        >>> scan = WordScan(["said"], "", r"\\w")
        >>> text = "he said it; they said"
        >>> scan.within(text, scan.spans(text), 0, 11), scan.within(text, scan.spans(text), 3, 6)
        ([(3, 7)], [])
        """
        n = len(spans)
        i = bisect_left(spans, (start,))
        if i and spans[i - 1][1] > start:
            return self._search(text, start, end)  # a match runs across the start
        j = i
        while j < n and spans[j][0] < end:
            j += 1
        if j > i and spans[j - 1][1] > end:
            return self._search(text, start, end)  # a match runs across the end
        if end < len(text) and (text[end].isalnum() or text[end] in "_-’'") and (
                text[end - 1:end].isalnum() or text[end - 1:end] in ("’", "'")):
            # a word may end at ``end`` (or before an apostrophe there), where the search sees no more text
            return self._search(text, start, end)
        return spans[i:j]

    def _search(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return [m.span() for m in self.pattern.finditer(text, start, end)]

    def finds(self, text: str, start: int, end: int) -> bool:
        """Whether ``self.pattern.search(text, start, end)`` finds a match: a search for a word after a space,
        then after another character, from the character before ``start``.

        >>> scan = WordScan(["berg"], "", r"\\w")
        >>> scan.finds("ana berg spoke", 0, 14), scan.finds("ana berg spoke", 0, 7), scan.finds("(berg)", 1, 6)
        (True, False, True)
        """
        before = start - 1 if start else 0
        if self._after_space.search(text, before, end) is not None:
            return True
        m = self._after_other.search(text, before, end)
        while m is not None:
            if not text[m.start()].isalnum():  # after a non-ASCII letter it is not a word start
                return True
            m = self._after_other.search(text, m.start() + 1, end)
        return start == 0 and self.pattern.match(text, 0, end) is not None


"""Name patterns for the party matcher, cheap to build for thousands of parties: whole-name regex sources
written without compiling (``_source``), patterns compiled on first use (:class:`LazyPattern`), the
case-sensitive twin for lower-cased text (``_scan_pattern``), and the alias index that tries only the
aliases a text could match (:class:`_AliasIndex`).

>>> LazyPattern(_source(["Port Aster"]), re.I).search("in port  aster today").group()
'port  aster'
"""

from __future__ import annotations

import re
from collections import Counter

from ..extract.resources import trie_regex


def _source(words) -> str | None:
    r"""The source of ``_pattern(words)`` (None for no words), built without compiling it. One word's trie
    is the word itself (escaped, spaces as ``\s+``), written here without building the trie.

    >>> _source(["Port Aster"]) == r"(?<![\w])" + trie_regex(["port aster"]) + r"(?![\w])"
    True
    """
    low = {w.lower() for w in words if w}
    if len(low) == 1:
        word = next(iter(low))
        return r"(?<![\w])(?:" + "".join(r"\s+" if c == " " else re.escape(c) for c in word) + r")(?![\w])"
    return r"(?<![\w])" + trie_regex(low) + r"(?![\w])" if low else None


def _pattern(words) -> re.Pattern | None:
    source = _source(words)
    return None if source is None else re.compile(source, re.I)


class LazyPattern:
    """A compiled regex's face (``search``, ``finditer``, ``pattern``, ``flags`` …) that compiles on first
    use: a study with 10,000 parties would otherwise compile 10,000 patterns before reading an article.

    >>> p = LazyPattern("ek", re.I); p.pattern, p.search("Tomas Ek said").span()
    ('ek', (6, 8))
    """

    __slots__ = ("_pattern", "flags", "_compiled", "_words", "_build")

    def __init__(self, pattern: str | None, flags: int = 0, words=None, build=None):
        """``pattern``, or (when None) ``build(words)`` (default ``_source``), written on first use too."""
        self._pattern, self.flags, self._compiled = pattern, flags, None
        self._words, self._build = words, build

    @property
    def pattern(self) -> str:
        if self._pattern is None:
            self._pattern = (self._build or _source)(self._words)
            self._words = self._build = None
        return self._pattern

    def refolded(self, flags: int) -> LazyPattern:
        """The same pattern with other flags, still not written or compiled."""
        if self._pattern is None:
            return LazyPattern(None, flags, self._words, self._build)
        return LazyPattern(self._pattern, flags)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags)

    def __eq__(self, other):
        return self is other or isinstance(other, LazyPattern | re.Pattern) and (
            self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self):
        return hash((self.pattern, self.flags))


#: Characters that ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower`` does not map them to
#: it (Turkish dotted/dotless i, long s, Kelvin sign): folded so the alias index below misses no match.
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_TOKEN = re.compile(r"\w+")


class _AliasIndex:
    """``PartyMatcher._alias`` in time that grows with the text, not with the number of parties.

    The entries are the (words, party) alias patterns in the matcher's order, each compiled the first time
    a text could match it: a text can match a name only if it holds every word of the name as a whole word,
    so each name is filed under its rarest ASCII word (names without one are always tried). The result
    is the same as trying every pattern: the longest match wins, the earlier entry on a tie."""

    def __init__(self, entries: list[tuple[str, str, list[str]]]):
        self.entries = entries  # (pattern source, party, names), in matcher order
        self.compiled: dict[int, re.Pattern] = {}
        self.by_token: dict[str, list[int]] = {}
        self.always: list[int] = []
        words = [[[t for t in _TOKEN.findall(name.lower()) if t.isascii()] for name in names]
                 for _, _, names in entries]
        counts = Counter(t for ws in words for tokens in ws for t in set(tokens))
        for i, ws in enumerate(words):
            for tokens in ws:
                if tokens:
                    self.by_token.setdefault(min(tokens, key=counts.__getitem__), []).append(i)
                else:
                    self.always.append(i)

    def best(self, text: str) -> str | None:
        found = {t.translate(_ASCII_FOLD).lower() for t in _TOKEN.findall(text)}
        candidates = set(self.always)
        for token in found:
            candidates.update(self.by_token.get(token, ()))
        best = None
        for i in sorted(candidates):
            pat = self.compiled.get(i)
            if pat is None:
                pat = self.compiled[i] = re.compile(self.entries[i][0], re.I)
            m = pat.search(text)
            if m and (best is None or len(m.group()) > len(best[0])):
                best = (m.group(), self.entries[i][1])
        return best[1] if best else None


def _scan_pattern(words) -> LazyPattern | None:
    r"""``_pattern(words)`` for lower-cased text (case-sensitive; None unless the words are ASCII), written so
    that ``re`` can skip ahead to the letters a name starts with.

    A pattern that starts with the lookbehind ``(?<![\w])`` makes ``re`` try a match at every position.
    Here each branch of the trie starts with its first character ``c`` and the lookbehind follows it as
    ``(?<!\wc)``: the character before ``c`` is not a word character, the same test at the same place.
    The rest of each branch is the trie that ``_pattern`` builds, so matches and their spans are the same.
    """
    low = {w.lower() for w in words if w}
    if not low or not all(w.isascii() and not w[0].isspace() for w in low):
        return None
    return LazyPattern(None, 0, low, _scan_source)


def _scan_source(low: set[str]) -> str:
    by_first: dict[str, set[str]] = {}
    for w in low:
        by_first.setdefault(w[0], set()).add(w[1:])
    branches = []
    for c in sorted(by_first):
        e = re.escape(c)
        branches.append(e + r"(?<![\w]" + e + ")" + trie_regex(by_first[c]))
    return "(?:" + "|".join(branches) + r")(?![\w])"


def _refold(p, flags: int) -> LazyPattern:
    return p.refolded(flags) if isinstance(p, LazyPattern) else LazyPattern(p.pattern, flags)

"""The article: one news text, its metadata, and its boilerplate as excluded spans; and the word count.

>>> a = Article(id="h/a", text="Talks opened.\\nBy Jane Doe", excluded=(Span(14, 25, "byline"),))
>>> a.words, a.is_excluded(14, 16)
(2, True)
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .boilerplate import Span

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
# count_words on ASCII text: word characters become "a", the joiners ' and - become "-", the rest spaces
_ASCII_CLASSES = bytes(ord("a") if chr(b).isalnum() or b == 95 else ord("-") if b in b"'-" else 32
                       for b in range(256))
_JOIN = re.compile(rb"-(?<=a-)(?=a)")  # a joiner between two words: they are one word ("cease-fire")
# non-word characters common in news text, replaced by a space so that such text can be counted as ASCII
_NON_WORD = ("\u201c", "\u201d", "\u2018", "\u2014", "\u2013", "\u2026", "\u00ab", "\u00bb", "\u201e",
             "\u00a0")


def count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, the number of words (joined by single ', ’ or -), counted without a regex
    scan of every character when the text is ASCII apart from common punctuation.

    The matches of ``_WORD`` are the runs of word characters, less one for each joiner standing between two
    runs; on ASCII text, runs and joiners are counted with ``bytes.translate`` and ``bytes.count``.

    >>> count_words("A cease-fire “held”, didn’t it? U.S.-led -- talks")
    9
    """
    t = text
    if not t.isascii():
        t = t.replace("\u2019", "'")  # both are joiners
        for ch in _NON_WORD:
            t = t.replace(ch, " ")
        if not t.isascii():
            return len(_WORD.findall(text))
    b = t.encode("ascii").translate(_ASCII_CLASSES)
    return b.count(b" a") + b.count(b"-a") + b.startswith(b"a") - len(_JOIN.findall(b))


@dataclass
class Article:
    """One news article. `text` is the body exactly as read; `excluded` marks boilerplate lines.

    >>> a = Article(id="h/a", text="Talks opened.\\nBy Jane Doe", excluded=(Span(14, 25, "byline"),))
    >>> a.words, a.is_excluded(14, 16), a.is_excluded(0, 5)
    (2, True, False)
    """

    id: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    text: str = ""
    excluded: tuple[Span, ...] = ()
    meta: dict = field(default_factory=dict)
    path: str = ""

    def included_text(self) -> str:
        """`text` with excluded characters blanked to spaces (same length, newlines kept, offsets valid)."""
        parts, pos = [], 0
        for span in sorted(self.excluded, key=lambda s: s.start):
            lo = max(pos, span.start)
            if span.end > lo:
                parts += [self.text[pos:lo], re.sub(r"[^\r\n]", " ", self.text[lo:span.end])]
                pos = span.end
        return "".join(parts) + self.text[pos:]

    @property
    def words(self) -> int:
        """Number of words outside the excluded spans."""
        return count_words(self.included_text())

    def is_excluded(self, start: int, end: int) -> bool:
        """True when `[start, end)` overlaps an excluded span (an empty range: when it lies inside one)."""
        end = max(end, start + 1)
        return any(s.start < end and start < s.end for s in self.excluded)

    def to_dict(self) -> dict:
        """A JSON-ready dict; `Article.from_dict(a.to_dict()) == a`."""
        d = asdict(self)
        d["excluded"] = [asdict(s) for s in self.excluded]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Article:
        d = dict(d)
        d["excluded"] = tuple(Span(**s) if isinstance(s, dict) else Span(*s) for s in d.get("excluded", ()))
        d["meta"] = dict(d.get("meta") or {})
        return cls(**d)

"""Sentiment of quotes and of the narration around parties, scored with VADER.

VADER (``vaderSentiment``) ships its lexicon, so nothing is downloaded. ``Sentiment`` wraps one analyzer
whose lexicon is stock VADER plus optional domain additions (a dict or a ``word<TAB>valence`` file).

- ``score_quote`` scores reported content with the attribution cue masked (VADER gives "denied" -1.9 and
  "agreed" +1.1; the verb's stance is measured separately, by the verb lexicon).
- ``party_tone`` scores narrative sentences that mention a party, with quoted words masked (they are the
  speaker's, not the narrator's).

Masking replaces characters with spaces, so offsets keep their meaning and VADER (which splits on
whitespace) simply no longer sees the masked words.

Its 520 lines are the three jobs that share the analyzer and the masking (the valence-file reader, quote
scores, party tone); the VADER arithmetic itself lives in ``vader``.

>>> s = Sentiment()
>>> s.score("The ministry denied that the convoy was attacked.")
-0.7096
>>> score_quote(s, "The ministry denied that the convoy was attacked.", 0, 49, cue_spans=[(13, 19)])
-0.4588
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, SentiText

from ..extract.resources import lowered_for_matching, trie_regex
from ..extract.wordscan import WordScan
from .vader import compound, stock_analyzer

__all__ = [
    "Sentiment",
    "ValenceFileError",
    "mask",
    "party_tone",
    "read_valence_file",
    "score_quote",
    "stock_analyzer",
]

VALENCE_MIN, VALENCE_MAX = -4.0, 4.0
_CACHE_SIZE = 1 << 15
# A word for mask_words matching: letters/digits with inner hyphens or apostrophes ("cease-fire", "didn't").
_WORD_RE = re.compile(r"\w+(?:[-'\u2019]\w+)*")


class ValenceFileError(ValueError):
    """A malformed valence file; ``file`` and ``line`` (1-based) say where.

    >>> str(ValenceFileError("news.txt", 3, "bad valence 'x'"))
    "news.txt:3: bad valence 'x'"
    """

    def __init__(self, file: str, line: int, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}")


def _vader_version() -> str:
    try:
        return metadata.version("vaderSentiment")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return "(unknown version)"


def _check_entry(word: str, valence: Any) -> tuple[str, float]:
    """Validate one addition; return (lowercased word, valence). Raises ValueError with the reason."""
    if not isinstance(word, str) or not word or any(c.isspace() for c in word):
        raise ValueError(f"entry {word!r} must be a single token (VADER splits text on whitespace)")
    # VADER strips leading/trailing punctuation from tokens longer than 2 characters, so such an entry
    # ("u.s.", "truce,") could never be looked up.
    if SentiText._strip_punc_if_word(word) != word:
        raise ValueError(f"entry {word!r} can never match: VADER strips leading/trailing punctuation "
                         f"from tokens, try {SentiText._strip_punc_if_word(word)!r}")
    try:
        value = float(valence)
    except (TypeError, ValueError):
        raise ValueError(f"valence {valence!r} for {word!r} is not a number") from None
    if not math.isfinite(value) or not VALENCE_MIN <= value <= VALENCE_MAX:
        raise ValueError(f"valence {valence!r} for {word!r} is outside [-4, 4]")
    return word.lower(), value


def read_valence_file(path: str | Path) -> dict[str, float]:
    """Read a ``word<whitespace>valence`` file ('#' comments, blank lines) into {word: valence}.

    Words are lowercased (VADER looks words up lowercased); valences must lie in [-4, 4]; a word may appear
    once. Errors raise ``ValenceFileError`` naming the file and line.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("# news terms\\nceasefire\\t2.0  # our judgement\\n\\nMassacre -3.5\\n")
    >>> read_valence_file(f.name)
    {'ceasefire': 2.0, 'massacre': -3.5}
    >>> os.remove(f.name)
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ValenceFileError(name, line, "not valid UTF-8") from None
    out: dict[str, float] = {}
    first_line: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) > 2 and fields[2].startswith("#"):
            fields = fields[:2]
        if len(fields) != 2:
            raise ValenceFileError(name, lineno, f"expected 'word<whitespace>valence', got {raw.strip()!r}")
        try:
            word, value = _check_entry(fields[0], fields[1])
        except ValueError as exc:
            raise ValenceFileError(name, lineno, str(exc)) from None
        if word in out:
            raise ValenceFileError(name, lineno, f"duplicate entry {word!r} (first on line {first_line[word]})")
        out[word] = value
        first_line[word] = lineno
    return out


class Sentiment:
    """A VADER analyzer over stock VADER plus optional ``additions`` (which override stock words).

    ``additions`` is a dict {word: valence}, or a path (str/Path) to a valence file (see
    ``read_valence_file``). ``name`` labels the additions in ``describe()``. Scores are memoised per instance.

    >>> s = Sentiment({"ceasefire": 2.0}, name="news terms")
    >>> s.score("The ceasefire held."), Sentiment().score("The ceasefire held.")
    (0.4588, 0.0)
    >>> s.describe()
    'VADER 3.3.2 stock lexicon (7,506 entries) + 1 addition from news terms'
    """

    def __init__(self, additions: Mapping[str, float] | str | Path | None = None, name: str | None = None):
        self._init(additions, name)

    def _init(self, additions: Mapping[str, float] | str | Path | None, name: str | None) -> None:
        stock = stock_analyzer()
        self.name = name
        self.source: str | None = None
        if additions is None:
            extra: dict[str, float] = {}
        elif isinstance(additions, (str, Path)):
            self.source = str(additions)
            extra = read_valence_file(additions)
        elif isinstance(additions, Mapping):
            extra = {}
            for word, valence in additions.items():
                key, value = _check_entry(word, valence)
                extra[key] = value
        else:
            raise TypeError(f"additions must be a dict, a path or None, not {type(additions).__name__}")
        self._additions = extra
        self.stock_size = len(stock.lexicon)
        self.overrides = sorted(w for w in extra if w in stock.lexicon)
        if extra:
            # A shallow copy shares the read-only emoji table; the lexicon is copied, never mutated in place.
            analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
            analyzer.__dict__.update(stock.__dict__)
            analyzer.lexicon = {**stock.lexicon, **extra}
        else:
            analyzer = stock
        self.analyzer = analyzer
        self._cached = functools.lru_cache(maxsize=_CACHE_SIZE)(self._compound)

    # Pickle support (dask workers): rebuild from the additions rather than shipping the analyzer.
    def __getstate__(self) -> dict[str, Any]:
        return {"additions": dict(self._additions), "name": self.name, "source": self.source}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._init(state["additions"] or None, state["name"])
        self.source = state["source"]

    @property
    def additions(self) -> dict[str, float]:
        """A copy of the added {word: valence} entries."""
        return dict(self._additions)

    @property
    def lexicon(self) -> Mapping[str, float]:
        """The effective lexicon (do not mutate)."""
        return self.analyzer.lexicon

    def describe(self) -> str:
        """Which lexicon is used, for reports.

        >>> Sentiment().describe()
        'VADER 3.3.2 stock lexicon (7,506 entries)'
        """
        text = f"VADER {_vader_version()} stock lexicon ({self.stock_size:,} entries)"
        n = len(self._additions)
        if self.source is None and not n and self.name is None:
            return text
        noun = "addition" if n == 1 else "additions"
        if self.source is not None:
            origin = f"{self.name} (file {self.source})" if self.name else f"file {self.source}"
        else:
            origin = self.name or "a user dict"
        text += f" + {n:,} {noun} from {origin}"
        if self.overrides:
            text += f" ({len(self.overrides)} replacing stock values)"
        return text

    def __repr__(self) -> str:
        return f"Sentiment({self.describe()!r})"

    def _compound(self, text: str) -> float:
        return compound(text, self.analyzer.lexicon)  # stock VADER's result, faster (framing.label.vader)

    def score(self, text: str) -> float:
        """VADER compound score of ``text`` in [-1, 1] (0.0 for blank text), rounded to 4 places by VADER.

        >>> Sentiment().score("The army did not kill civilians.")
        0.5773
        """
        if not text or text.isspace():
            return 0.0
        return self._cached(text)

    def clear_memo(self) -> None:
        """Forget memoised scores (and the shared memo of masked quote texts), e.g. between timed articles."""
        self._cached.cache_clear()
        _mask_words.cache_clear()

    def score_many(self, texts: Iterable[str]) -> list[float]:
        """``score`` of each text, in order (repeated texts are scored once).

        >>> Sentiment().score_many(["good", "", "bad"])
        [0.4404, 0.0, -0.5423]
        """
        return [self.score(t) for t in texts]

    def lexicon_hits(self, text: str) -> list[tuple[str, float]]:
        """The tokens of ``text`` that VADER finds in the lexicon, with their raw valences (to explain scores).

        >>> Sentiment().lexicon_hits("Peace talks collapsed, officials said.")
        [('Peace', 2.5), ('collapsed', -1.1)]
        """
        lex = self.analyzer.lexicon
        return [(w, lex[w.lower()]) for w in SentiText(text).words_and_emoticons if w.lower() in lex]


def _pair(span: Any) -> tuple[int, int]:
    """(start, end) of a tuple/list, of an object with ``start``/``end`` (corpus.Span) or with
    ``content_start``/``content_end`` (segment.QuoteSpan: the content, marks excluded)."""
    if type(span) is tuple:  # the common case; a plain tuple has no content_start
        return int(span[0]), int(span[1])
    if hasattr(span, "content_start"):
        return int(span.content_start), int(span.content_end)
    if isinstance(span, (tuple, list)):
        return int(span[0]), int(span[1])
    return int(span.start), int(span.end)


def _merge(spans: Iterable[Any], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Sorted, disjoint union of spans clipped to [lo, hi); empty spans dropped."""
    pairs = []
    for sp in spans:
        s, e = _pair(sp)
        if s < lo:
            s = lo
        if hi is not None and e > hi:
            e = hi
        if s < e:
            pairs.append((s, e))
    if len(pairs) < 2:
        return pairs
    pairs.sort()
    merged: list[tuple[int, int]] = []
    for s, e in pairs:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _apply_mask(text: str, merged: list[tuple[int, int]]) -> str:
    if not merged:
        return text
    parts, pos = [], 0
    for s, e in merged:
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def mask(text: str, spans: Iterable[Any]) -> str:
    """Replace each (start, end) span of ``text`` with as many spaces; length and offsets are unchanged.

    Spans may overlap or be Span-like objects; a span outside ``text`` raises ValueError.

    >>> mask('He said "we won" today.', [(9, 15)])
    'He said "      " today.'
    """
    n = len(text)
    pairs = [_pair(sp) for sp in spans]
    for s, e in pairs:
        if not 0 <= s <= e <= n:
            raise ValueError(f"span ({s}, {e}) is outside a text of length {n}")
    return _apply_mask(text, _merge(pairs))


@functools.lru_cache(maxsize=8)
def _word_forms(words: frozenset) -> frozenset:
    """The words (or phrases) as matched: their word tokens, lower-cased, joined by one space; none blank."""
    return frozenset(f for f in (" ".join(_WORD_RE.findall(w)).lower() for w in words) if f)


@functools.lru_cache(maxsize=8)
def _words_regex(words: frozenset) -> re.Pattern | None:
    forms = _word_forms(words)
    if not forms:
        return None
    return re.compile(r"(?<![\w'’])" + trie_regex(forms) + r"(?![\w]|['’]\w)", re.I)


@functools.lru_cache(maxsize=8)
def _words_regex_folded(words: frozenset) -> re.Pattern | None:
    """``_words_regex(words)`` without IGNORECASE, for ``lowered_for_matching`` text; None unless the words are ASCII."""
    pattern = _words_regex(words)
    if pattern is None or not all(f.isascii() for f in _word_forms(words)):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


def _word_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of whole-word (case-insensitive) occurrences in ``text`` of ``words`` (single words or phrases)."""
    words = words if isinstance(words, frozenset) else frozenset(words)
    pattern = _words_regex(words)
    if pattern is None:
        return []
    folded = _words_regex_folded(words)
    low = lowered_for_matching(text) if folded is not None else None
    if low is not None:
        return [m.span() for m in folded.finditer(low)]
    return [m.span() for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=4096)
def _mask_words(text: str, words: frozenset) -> str:
    """``text`` with the whole-word occurrences of ``words`` blanked (memoised: quotes recur in a corpus)."""
    return _apply_mask(text, _word_spans(text, words))  # finditer spans are sorted and disjoint


def score_quote(sentiment: Sentiment, body: str, start: int, end: int, cue_spans: Iterable[Any] = (),
                mask_words: Iterable[str] | None = None) -> float:
    """Compound score of ``body[start:end]`` with overlapping cue spans and any ``mask_words`` masked.

    ``cue_spans`` are (start, end) offsets into ``body``; only their part inside the content matters.
    ``mask_words`` are reporting-verb forms or phrases ("said", "according to"), matched as whole words,
    case-insensitively (pass a frozenset to reuse its cached phrase table).

    >>> s = Sentiment()
    >>> body = "Officials denied that talks failed."
    >>> score_quote(s, body, 0, 34), score_quote(s, body, 0, 34, mask_words={"denied"})
    (-0.7351, -0.5106)
    """
    if not 0 <= start <= end <= len(body):
        raise ValueError(f"content span ({start}, {end}) is outside a body of length {len(body)}")
    content = body[start:end]
    spans = [(s - start, e - start) for s, e in map(_pair, cue_spans) if s < end and e > start]
    if mask_words:
        # masking blanks characters, so masking the words and then the cues equals masking their union
        content = _mask_words(content, mask_words if isinstance(mask_words, frozenset) else frozenset(mask_words))
    if spans:
        content = _apply_mask(content, _merge(spans, 0, len(content)))
    return sentiment.score(content)


@functools.lru_cache(maxsize=8)
def _words_scan(words: frozenset) -> WordScan | None:
    """``_words_regex_folded(words)`` as a :class:`WordScan` (None when that is None), built without
    compiling either regex (two large tries)."""
    forms = _word_forms(words)
    if not forms or not all(f.isascii() for f in forms):
        return None
    return WordScan(forms, "'’", r"\w|['’]\w")


def _contents_word_spans(contents: list[str], words: frozenset) -> list[list[tuple[int, int]]]:
    """``[_word_spans(content, words) for content in contents]``, found in one scan of the contents joined by
    NUL characters (a NUL is neither a word character, an apostrophe nor a space: each content's matches
    are the same as on its own, and none spans two)."""
    scan = _words_scan(words)
    joined = "\0".join(contents) if scan is not None and contents else None
    low = lowered_for_matching(joined) if joined is not None else None
    if low is None:  # no content, words with non-ASCII letters or text that lower-cases unevenly
        return [_word_spans(content, words) for content in contents]
    spans = scan.spans(low)
    out = []
    k, n, offset = 0, len(spans), 0
    for content in contents:
        end = offset + len(content)
        local = []
        while k < n and spans[k][0] < end:
            local.append((spans[k][0] - offset, spans[k][1] - offset))
            k += 1
        out.append(local)
        offset = end + 1
    return out


def _quote_scores(sentiment: Sentiment, quotes: list[tuple[str, int, int | None, int | None]],
                  words: frozenset | None) -> list[float]:
    """``score_quote(sentiment, body, start, start + len(content), [(cue_start, cue_end)], words)`` for each
    quote (content, start, cue_start, cue_end) of an article, its content already cut from ``body`` (one
    cue or none): the pipeline's scoring, with the words of all the contents found in one scan."""
    found = _contents_word_spans([q[0] for q in quotes], words) if words else [[] for _ in quotes]
    out = []
    for (content, start, cue_start, cue_end), local in zip(quotes, found):
        if cue_start is not None:
            local.append((cue_start - start, cue_end - start))  # clipped to the content by _merge
        out.append(sentiment.score(_apply_mask(content, _merge(local, 0, len(content))) if local else content))
    return out


def party_tone(sentiment: Sentiment, body: str, sentences: Iterable[Any], quote_spans: Iterable[Any],
               party_matchers: Mapping[str, re.Pattern], excluded: Iterable[Any] = (),
               mask_names: bool = False) -> list[dict]:
    """Narrator's tone around each party: one row per (sentence, party mentioned in its narrative text).

    For each sentence (start, end) of ``body``, quote content spans ((start, end) pairs or
    ``segment.QuoteSpan``) and excluded (boilerplate, e.g. ``corpus.Span``) spans are masked; a sentence left blank is skipped. Each party whose compiled regex matches the remaining
    narrative text gets a row {party, start, end, sentence (original text), tone (compound of the masked
    sentence)}. A sentence naming two parties gives two rows with the same tone: VADER cannot say which
    party a word is about. With ``mask_names`` the party mentions are masked too before scoring (VADER
    scores name words such as "party" +1.7 or "justice" +2.4), still one tone per sentence.

    >>> body = 'Corvia agreed to a truce, "a great victory," an aide said.'
    >>> party_tone(Sentiment(), body, [(0, 58)], [(27, 43)], {"Corvia": re.compile(r"\\bCorvia\\b")})
    [{'party': 'Corvia', 'start': 0, 'end': 58, 'sentence': 'Corvia agreed to a truce, "a great victory," an aide said.', 'tone': 0.2732}]
    """
    masked_spans = _merge(list(quote_spans) + list(excluded))
    ends = [e for _, e in masked_spans]
    n_masked = len(masked_spans)
    items = list(party_matchers.items())
    fast = getattr(party_matchers, "fast_patterns", None)  # parties.MentionPatterns: scan once
    fast = fast(party_matchers) if fast is not None and not mask_names else None
    if fast is not None:
        union, folded_union, folded = fast
        folded_items = [(k, folded[k]) for k, _ in items] if folded_union is not None else None
        at = getattr(party_matchers, "parties_at", None)  # {(party names, folded): {matched text: parties}}
        at = {} if at is None else at.setdefault((tuple(k for k, _ in items), folded_union is not None), {})
        if len(at) > 20_000:  # bounded: case variants of names in a huge corpus
            at.clear()
    rows: list[dict] = []
    for sent in sentences:
        s_start, s_end = _pair(sent)
        if not 0 <= s_start <= s_end <= len(body):
            raise ValueError(f"sentence ({s_start}, {s_end}) is outside a body of length {len(body)}")
        original = body[s_start:s_end]
        i = bisect_right(ends, s_start)  # first masked span ending after the sentence start
        if i < n_masked and masked_spans[i][0] < s_end:
            local = []
            while i < n_masked and masked_spans[i][0] < s_end:
                s, e = masked_spans[i]
                local.append((max(s, s_start) - s_start, min(e, s_end) - s_start))
                i += 1
            narrative = _apply_mask(original, local)
        else:
            narrative = original
        if not narrative or narrative.isspace():
            continue
        name_spans: list[tuple[int, int]] = []
        if fast is not None:
            low = lowered_for_matching(narrative) if folded_union is not None else None
            if low is not None:
                hits = _parties_in(low, folded_union, folded_items, at)
            else:
                hits = _parties_in(narrative, union, items, {})
        else:
            hits = []
            for party, pattern in items:
                if mask_names:
                    found = [m.span() for m in pattern.finditer(narrative) if m.end() > m.start()]
                    if found:
                        hits.append(party)
                        name_spans += found
                elif pattern.search(narrative):
                    hits.append(party)
        if not hits:
            continue
        text = _apply_mask(narrative, _merge(name_spans)) if name_spans else narrative
        tone = sentiment.score(text)
        rows.extend({"party": p, "start": s_start, "end": s_end, "sentence": original, "tone": tone}
                    for p in hits)
    return rows


def _parties_in(text: str, union: re.Pattern, items: list[tuple[str, re.Pattern]], at: dict) -> list[str]:
    """The parties (in ``items`` order) whose pattern matches ``text``, given ``union``, the trie of all
    their words: it matches at every position where one of them does, and there it matches the longest
    word that fits, so any party word that fits there is that text or a prefix of it ending at a word
    boundary. Which parties match at a position is therefore a function of the union's matched text,
    remembered in ``at`` ({text: parties}); each union match is tried, overlapping ones included."""
    found: set = set()
    n = len(items)
    pos = 0
    while len(found) < n:
        m = union.search(text, pos)
        if m is None:
            break
        matched = m.group()
        parties = at.get(matched)
        if parties is None:  # the party patterns on the matched text alone: same words, same boundaries
            parties = at[matched] = frozenset(k for k, pattern in items if pattern.match(matched))
        found |= parties
        pos = m.start() + 1
    if len(found) < 2:  # no party or one (most sentences): no order to restore
        return list(found)
    return [party for party, _ in items if party in found]

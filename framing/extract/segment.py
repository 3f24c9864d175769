"""Paragraphs, sentences and quotation-mark spans, all as offsets into the body as read.

>>> body = 'Intro.\\n\\n“We will stay,” she said. “Always.”'
>>> [body[s:e] for s, e in paragraphs(body)]
['Intro.', '“We will stay,” she said. “Always.”']
>>> [(body[q.content_start:q.content_end]) for q in quote_spans(body, 8, len(body))]
['We will stay,', 'Always.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..read.formats import title_line
from .resources import (
    CLOSE_DOUBLE,
    CLOSE_SINGLE,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    PARAGRAPH_BREAK,
    STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE,
    trie_regex,
)

_DOUBLE_MARK = re.compile("[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE) + "]")
_SINGLE_MARK = re.compile("[" + re.escape(OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE) + "]")
_ANY_MARK = re.compile("[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE +
                                       STRAIGHT_SINGLE) + "]")
_SINGLE_CHARS = frozenset(OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE)
_BOUNDARY_BEFORE = set(" \t\n\r\u00a0([{—–-/:;,")
_SPACE = set(" \t\n\r\u00a0")


@dataclass(slots=True, unsafe_hash=True)
class QuoteSpan:
    """A quotation: ``open``..``close`` include the marks; ``content_*`` excludes them.

    ``closed`` is False when the paragraph ended before a closing mark (a quote that runs on). Treat it as
    read-only: it is hashed by value, and not frozen only because a frozen dataclass is four times slower to
    make (every article makes dozens).
    """

    open: int
    close: int
    content_start: int
    content_end: int
    closed: bool
    single: bool = False


#: PARAGRAPH_BREAK without its optional leading ``\r`` (added back in :func:`paragraphs`): starting with a
#: newline, ``re`` can jump from newline to newline instead of trying every position.
_PARAGRAPH_BREAK_AT_NEWLINE = re.compile(PARAGRAPH_BREAK.pattern.removeprefix(r"\r?"))
assert PARAGRAPH_BREAK.pattern.startswith(r"\r?\n")


def paragraphs(text: str, excluded=()) -> list[tuple[int, int]]:
    """Non-blank paragraphs as (start, end), trimmed; paragraphs wholly inside ``excluded`` are dropped.

    A headline-like first line (``read.formats.title_line``) is a paragraph of its own even when a single
    line break separates it from the text:

    >>> text = "Ek says truce will hold\\nThe truce held on Monday."
    >>> [text[s:e] for s, e in paragraphs(text)]
    ['Ek says truce will hold', 'The truce held on Monday.']
    """
    out = []
    pos = 0
    for m in _PARAGRAPH_BREAK_AT_NEWLINE.finditer(text):
        start = m.start()
        if start > pos and text[start - 1] == "\r":  # PARAGRAPH_BREAK's optional leading \r
            start -= 1
        out.append((pos, start))
        pos = m.end()
    out.append((pos, len(text)))
    s, e = out[0]
    if text.find("\n", s, e) >= 0 or text.find("\r", s, e) >= 0:
        title = title_line(text[s:e])  # a headline on the line before the first paragraph is a paragraph
        if title is not None:
            out[0:1] = [(s, s + title[1]), (s + title[1], e)]
    result = []
    pairs = [(x.start, x.end) if hasattr(x, "start") else (x[0], x[1]) for x in excluded] if excluded else ()
    for s, e in out:
        s, e = _strip(text, s, e)
        if s >= e:
            continue
        # a paragraph may hold several lines; keep lines that are not excluded as separate pieces
        if pairs and any(xs < e and xe > s for xs, xe in pairs):
            result.extend(_minus_excluded(text, s, e, pairs))
        else:
            result.append((s, e))
    return result


def _minus_excluded(text, s, e, excluded):
    pieces = [(s, e)]
    for span in excluded:
        xs, xe = (span.start, span.end) if hasattr(span, "start") else span
        new = []
        for ps, pe in pieces:
            if xe <= ps or xs >= pe:
                new.append((ps, pe))
                continue
            if xs > ps:
                new.append((ps, xs))
            if xe < pe:
                new.append((xe, pe))
        pieces = new
    return [(ps, pe) for ps, pe in (_strip(text, *p) for p in pieces) if ps < pe]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without the whitespace at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_open(text: str, i: int, start: int, end: int) -> bool | None:
    """Decide from context whether a straight mark at ``i`` opens (True), closes (False) or is unclear."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if (before in _BOUNDARY_BEFORE or before in OPEN_DOUBLE) and after not in _SPACE:
        return True
    if before not in _SPACE and (after in _SPACE or not after.isalnum()):
        return False
    return None


def quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Double-quoted spans in ``text[start:end]`` (one paragraph), plus primary single-quoted ones.

    Curly marks are trusted unless context contradicts them; straight marks alternate, helped by context.
    Single marks inside a double quote are nested quotes and stay part of it. An opening mark with no
    closing mark runs to the end of the paragraph (``closed=False``). Typewriter, PTB and NYT styles write
    a double mark as two characters (two apostrophes, or two backticks to open): see
    :func:`_two_character_spans`.
    """
    if text.find("''", start, end) >= 0 or text.find("``", start, end) >= 0:
        return _two_character_spans(text, start, end)
    return _quote_spans(text, start, end)


def is_nickname(text: str, q: QuoteSpan, end: int) -> bool:
    """Whether a double-quoted span is a nickname inside a name (one or two capitalised words between
    name words), which is masked like a quotation but is nobody's speech.

    >>> t = 'Del. Marcia "Cia" Price spoke.'
    >>> is_nickname(t, quote_spans(t, 0, len(t))[0], len(t))
    True
    """
    if q.single or q.content_end - q.content_start > 30 or not text[q.content_start:q.content_start + 1].isupper():
        return False  # the quick tests first: most quotations are longer, or open with a lower-case word
    return _NAME_AFTER.match(text, q.close, end) is not None and \
        _NICKNAME.fullmatch(text, max(0, q.open - 40), q.close) is not None


def is_title(text: str, q: QuoteSpan, start: int) -> bool:
    """Whether a quoted span is the title of a show, book or film rather than speech: a few words in title
    case after a preposition or a possessive ("on CBS’ “Face the Nation.”", "in his book “Going Under”").

    >>> t = 'Shelby said on CBS’ “Face the Nation.”'
    >>> is_title(t, quote_spans(t, 0, len(t))[0], 0)
    True
    """
    if q.content_end - q.content_start > 60 or not text[q.content_start:q.content_start + 1].isupper():
        return False  # the quick tests first
    words = text[q.content_start:q.content_end].strip(" .,!?").split()
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words):
        return False
    return _TITLE_BEFORE.search(text, max(start, q.open - 30), q.open) is not None


_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by".split())
#: What comes before a title: a preposition or a possessive ("on CBS’", "in the Ledger's").
_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in|to|for|of|from|titled|called|named)|\w(?:’s|'s|s’|s'|’|'))\s*$")


#: A nickname quoted inside a name: Marcia “Cia” Price (one or two capitalised words between name words).
_NICKNAME = re.compile(r".*\b[A-Z][\w’'\-]*\.? (?:''|``|[“\"])[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*)?(?:''|[”\"])")
_NAME_AFTER = re.compile(r" [A-Z][\w’'\-]+")


#: A double quotation mark written as two characters: two apostrophes (either side) or two backticks (opening).
#: Three apostrophes are a double mark and a single one: the single comes first when they close a quotation.
_TWO_CHARACTER_MARK = re.compile(r"'''?|``")


def _two_character_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """:func:`quote_spans` for a paragraph that writes double marks as two characters.

    Each pair is read as one mark (two apostrophes as a straight double mark, two backticks as an opening
    one) in a copy of the paragraph where it takes one character; the spans found there are mapped back,
    so that a span's marks cover both characters.

    >>> text = "``We will stay,'' Ek said. ''Always.''"
    >>> [text[q.content_start:q.content_end] for q in quote_spans(text, 0, len(text))]
    ['We will stay,', 'Always.']
    """
    parts, where, pos = [], [], start  # where[k]: the offset in text of character k of the copy
    for m in _TWO_CHARACTER_MARK.finditer(text, start, end):
        at = m.start()
        if len(m.group()) == 3 and at > start and not text[at - 1].isspace():
            at += 1  # 'We'll go,''' closes a single mark, then the double one
        parts.append(text[pos:at])
        where.extend(range(pos, at))
        parts.append(OPEN_DOUBLE[0] if m.group() == "``" else STRAIGHT_DOUBLE)
        where.append(at)
        pos = at + 2
    parts.append(text[pos:end])
    where.extend(range(pos, end))
    where.append(end)  # an end offset at the end of the copy
    copy = "".join(parts)
    return [QuoteSpan(where[q.open], where[q.close], where[q.content_start], where[q.content_end], q.closed,
                      q.single) for q in _quote_spans(copy, 0, len(copy))]


def _quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    singles = []  # the single marks, for _single_spans
    opened = -1
    for m in _ANY_MARK.finditer(text, start, end):  # double and single marks in one scan
        i = m.start()
        ch = text[i]
        if ch in _SINGLE_CHARS:
            singles.append(i)
            continue
        ctx = _is_open(text, i, start, end)
        if ch == STRAIGHT_DOUBLE:
            is_open = (opened < 0) if ctx is None else ctx
            if opened >= 0 and is_open and ctx is not None:
                # a second opener while one is open: treat as closing when glued to a word
                is_open = False if text[i - 1] not in _SPACE else True
        elif ch in OPEN_DOUBLE:
            is_open = True if ctx is None or opened < 0 else ctx
        else:
            is_open = False if ctx is None or opened >= 0 else ctx
            if opened < 0 and not text[start:i].strip():
                is_open = True  # a closing mark that opens its paragraph is a misprinted opening one: "” … he said"
        if is_open and opened < 0:
            opened = i
        elif not is_open and opened >= 0:
            spans.append(QuoteSpan(opened, i + 1, opened + 1, i, True))
            opened = -1
        elif is_open and opened >= 0:
            # unbalanced: close the dangling quote at the previous sentence end, restart here
            spans.append(_unclosed(text, opened, i))
            opened = i
    if opened >= 0:
        spans.append(_unclosed(text, opened, end))
    if singles:
        spans.extend(_single_spans(text, start, end, spans, singles))
    spans.sort(key=lambda q: q.open)
    return spans


def _unclosed(text: str, opened: int, end: int) -> QuoteSpan:
    e = end
    while e > opened + 1 and text[e - 1].isspace():
        e -= 1
    return QuoteSpan(opened, e, opened + 1, e, False)


def _single_spans(text, start, end, doubles, marks):
    """Primary single-quoted spans of ``text[start:end]`` outside the ``doubles``, from the positions of its
    single marks (``marks``, in order)."""
    inside = sorted((q.open, q.close) for q in doubles)
    n_inside = len(inside)
    k = 0  # marks come in increasing order: a sweep over the double quotes, not a scan
    out = []
    opened = -1
    for i in marks:
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe inside a word (most marks)
        while k < n_inside and inside[k][1] <= i:
            k += 1
        if k < n_inside and inside[k][0] <= i:
            continue  # inside a double quote: a nested quote, part of it
        ch = text[i]
        if opened < 0:
            if (ch in OPEN_SINGLE or ch == STRAIGHT_SINGLE) and before in _BOUNDARY_BEFORE and after.isalpha():
                opened = i
        elif before not in _SPACE and (not after.isalnum()):
            if i - opened > 1:
                out.append(QuoteSpan(opened, i + 1, opened + 1, i, True, single=True))
            opened = -1
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset:
    from ..lexicon import load_wordlist

    return frozenset(load_wordlist("abbreviations"))


#: A candidate sentence end: terminal punctuation (plus closing marks) before space and a capital,
#: a digit or an opening mark (one character, or two: '' and ``).
_CANDIDATE_END_PLAIN = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+(?:''|``|[“‘\"'(\[])?[A-Z0-9])")
#: The same matches, written to start with one character of a set (``[.!?…]`` then ``[.!?…]*``) rather than
#: a repeat: ``re`` then jumps from one stop to the next instead of trying a match at every position.
_CANDIDATE_END = re.compile(r"[.!?…][.!?…]*[”’\"')\]]*(?=\s+(?:''|``|[“‘\"'(\[])?[A-Z0-9])")


def _word_before(text: str, lo: int, i: int) -> str:
    """The non-space run ending at ``i`` (not before ``lo``): what ``re.search(r"(\\S+)$", text[lo:i])``
    finds, scanning back from ``i`` instead of trying every position."""
    if i > lo and text[i - 1] == "\n":  # ``$`` also matches before a final newline
        i -= 1
    if i <= lo or text[i - 1].isspace():
        return ""
    return text[lo:i].rsplit(None, 1)[-1]  # the last run of non-space characters


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as absolute offsets.

    A rule-based splitter in the manner of Punkt's first pass, using the shipped abbreviation list
    (``framing/lexicons/abbreviations.txt``): a full stop after an abbreviation ("Gen.", "U.S.") or a
    single initial ("J.") does not end a sentence. No model file is needed.

    >>> t = "Gen. Halloran spoke. He left at 5 p.m. on Monday. “Why?” she asked."
    >>> [t[s:e] for s, e in sentences(t, 0, len(t))]
    ['Gen. Halloran spoke.', 'He left at 5 p.m. on Monday.', '“Why?” she asked.']
    """
    abbrevs = _abbreviations()
    out = []
    s = start
    for m in _CANDIDATE_END.finditer(text, start, end):
        if text[m.start()] == ".":
            word = _word_before(text, max(s, m.start() - 30), m.start())
            bare = word.lstrip("(“\"‘'").lower()
            if bare in abbrevs or (len(bare) == 1 and bare.isalpha()) or (
                    "." in bare and bare.replace(".", "").isalpha() and len(bare) <= 6):
                continue
        e = m.end()
        out.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


#: The longest unit analysed in one piece. Real sentences are far shorter (the sample corpus: 322
#: characters); text without sentence punctuation (raw transcripts, hostile input) would otherwise make
#: extraction cubic in its length.
MAX_UNIT = 3000


def _split_long(text: str, s: int, e: int, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[s, e) in pieces of at most MAX_UNIT characters, cut at a space and never inside a quotation (a
    longer quotation stays whole). ``doubles``: sorted, non-overlapping (open, close) spans."""
    out = []
    while e - s > MAX_UNIT:
        cut = text.rfind(" ", s + MAX_UNIT // 2, s + MAX_UNIT)
        cut = s + MAX_UNIT if cut < 0 else cut
        k = bisect_right(doubles, (cut - 1, float("inf"))) - 1
        if k >= 0 and doubles[k][1] > cut:  # inside a quotation: cut before it, or after it
            cut = doubles[k][0] if doubles[k][0] > s else doubles[k][1]
        if cut >= e:
            break
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    out.append((s, e))
    return out


def article_sentences(text: str, excluded=()) -> tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]:
    """Every paragraph of an article as (start, end, sentence spans): :func:`paragraphs` then
    :func:`sentences`. The last few articles' splits are remembered, since extraction and the narrator's
    tone both need them.

    >>> article_sentences("One. Two.\\n\\nThree.")
    ((0, 9, ((0, 4), (5, 9))), (11, 17, ((11, 17),)))
    """
    key = tuple((x.start, x.end) if hasattr(x, "start") else (x[0], x[1]) for x in excluded)
    return _article_sentences(text, key)


@lru_cache(maxsize=4)
def _article_sentences(text: str, excluded: tuple) -> tuple:
    return tuple((ps, pe, tuple(sentences(text, ps, pe))) for ps, pe in paragraphs(text, excluded))


def units(text: str, start: int, end: int, quotes: list[QuoteSpan], sents=None) -> list[tuple[int, int]]:
    """Sentences of a paragraph, merged so that no quotation straddles two units (then cut to MAX_UNIT).

    ``sents`` are the paragraph's :func:`sentences` when already known.
    """
    if sents is None:
        sents = sentences(text, start, end)
    doubles = sorted((q.open, q.close) for q in quotes if not q.single)
    merged: list[list[int]] = []
    j = 0
    for s, e in sents:
        while j < len(doubles) and doubles[j][1] <= s:
            j += 1
        if merged and j < len(doubles) and doubles[j][0] < s < doubles[j][1]:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    glued: list[list[int]] = []
    for unit in merged:  # “Why not?” Ana Berg said. : the attribution after a quote that ends its sentence
        # (in the same paragraph: "Rubio disagreed." after a paragraph of Christie's is a reaction)
        if glued and _QUOTE_ENDS_SENTENCE.search(text, glued[-1][0], glued[-1][1]) and \
                "\n" not in text[glued[-1][1]:unit[0]] and _attribution_only_at(text, unit[0], unit[1]):
            glued[-1][1] = unit[1]
        else:
            glued.append(unit)
    return [piece for s, e in glued
            for piece in (((s, e),) if e - s <= MAX_UNIT else _split_long(text, s, e, doubles))]


#: A unit that ends with a quotation whose own ?, ! or full stop ended the sentence: “Why not?” / “We stay.”
#: / ''Why not?'' (two apostrophes as the closing mark, as the NYT writes it) / ''Ask 'why?''' (nested).
_QUOTE_ENDS_SENTENCE = re.compile(r"[?!.…]['’]?(?:[”\"]|'')\s*$")
#: A sentence that is only an attribution: a short subject (perhaps with an appositive between commas), a
#: verb of saying from the shipped lexicon (a finite form: "said", "demanded", "wonders"), perhaps who was
#: told, then at most an adjunct ("Ana Berg said.", "Tomas Ek, a strategist, said in a commentary.", "the
#: senator told reporters on Monday as the vote began."). A reported clause after the verb ("Ana Berg said
#: the mill will close.") is not glued.
_ATTRIBUTION_ONLY_PATTERN = (
    r"(?:[A-Z][\w.’'\-]*|[Tt]he|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?:[ \t]+(?!(?:VERBS)\b)[\w.’'\-]+){0,6}?"
    r"(?:,[ \t][^,;:“”\"\n]{1,100},)?[ \t]+(?:\w+ly[ \t]+)?"
    r"(?P<verb>VERBS)"
    r"(?:[ \t]+(?:reporters|him|her|them|me|us|[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*)*))?"
    r"(?:,?[ \t]+(?:on|in|at|as|after|before|when|while|during|to|from|via|through|with|of|about|last|this|earlier|"
    r"later|yesterday|today|then|again|recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?:(?!\bthat\b)[^“”\"])*)?[.!?]?\s*$")


@lru_cache(maxsize=1)
def _attribution_only() -> re.Pattern:
    """:data:`_ATTRIBUTION_ONLY_PATTERN` with the finite one-word forms of the shipped reporting verbs that
    have no other sense ("demanded", "wondered"; not "found", as in "The cake can be found in …")."""
    from .cues import _verbs

    forms = {f for f, v in _verbs().forms.items() if not v.is_phrase and not v.ambiguous and f in v.forms[1:4]}
    return re.compile(_ATTRIBUTION_ONLY_PATTERN.replace("VERBS", trie_regex(forms | _GLUE_AMBIGUOUS)))  # (twice)


def _attribution_only_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is only an attribution (see :func:`_attribution_only`); after a verb
    of the shipped lexicon other than the common ones, no topic follows ("She also argued in favor of …")."""
    m = _attribution_only().match(text, start, end)
    return m is not None and (m.group("verb") in _GLUE_AMBIGUOUS or _TOPIC_AFTER.match(text, m.end("verb")) is None)


_TOPIC_AFTER = re.compile(r"\s+(?:in favou?r|about|of|on|for|against|with|over)\b")


#: Verbs of the lexicon with other senses that still glue: "“Why?” she asked.", "“…” she wrote."
_GLUE_AMBIGUOUS = frozenset("said says asked asks added adds told tells wrote writes replied recalled continued "
                            "explained insisted declared exclaimed shouted tweeted".split())


@lru_cache(maxsize=1)
def punkt_tokenizer():
    """NLTK's Punkt splitter built from the shipped abbreviation list (no downloaded model).

    The extractor uses the faster :func:`sentences`; Punkt is here for comparison and for users who
    want to train it on their own corpus (``PunktTrainer``) and plug it in.
    """
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_abbreviations())
    return PunktSentenceTokenizer(params)


def punkt_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans by Punkt (see :func:`punkt_tokenizer`), as absolute offsets."""
    return [(start + s, start + e) for s, e in punkt_tokenizer().span_tokenize(text[start:end])]

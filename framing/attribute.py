"""Find attributions in an article body: direct, split, multi-paragraph, indirect, mixed, according-to.

The unit of work is a paragraph split into sentence units (no quotation straddles two units). Quoted
spans are masked so that cues are only looked for in the narrator's words. One reporting-verb lexicon
(``framing/lexicons/reporting_verbs.csv``) drives detection and stance.

>>> [(q.kind, q.content, q.speaker) for q in extract_quotes('“We will not leave,” Ana Berg said.')]
[('direct', 'We will not leave,', 'Ana Berg')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .resources import (
    INVISIBLE,
    lowered_for_matching,
    trie_regex as _trie_regex,
    AUDIENCE, AUXILIARIES, CLAUSE_BREAKERS, DETERMINERS, POSSESSIVES, PRONOUNS, SETTING_AFTER_CUE,
    TIME_AFTER_CUE,
)
from .segment import article_sentences, quote_spans, units
from .speakers import NAME_RUN_FAST, SpeakerResolver, _head, _lists, is_demonym
from .wordscan import WordScan

MASK = "\ue000"
#: Anything but space, masked quotes and light punctuation before a quote: it does not open its paragraph.
_NOT_LEAD = re.compile(r"[^\s\ue000,.\u200b\u200c\u200d\u2060\ufeff]")
#: A wire dateline at the start of a paragraph: "PORT ASTER, Sarneth (CWS) -- ", "PORT ASTER — ".
DATELINE = re.compile(r"[A-Z][A-Z .'’\-]{2,}(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s*")
_TOKEN = re.compile(r"\w+(?:[’'\-\.]\w+)*")
_MIN_SPEECH_WORDS = 4


@dataclass
class Quote:
    """One contiguous content fragment of an attribution (the JSONL contract of ``framing quotes``)."""

    kind: str
    content: str
    start: int
    end: int
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    cue_lemma: str | None
    cue_category: str | None
    speaker: str
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_type: str
    named: bool
    party: str | None = None
    sentiment: float | None = None
    attribution_id: int = 0
    fragment: int = 0
    speaker_descriptor: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    verb: object  # lexicon Verb
    form: str  # "verb", "phrase", "noun", "according"


@dataclass(slots=True)
class _Attr:
    kind: str
    fragments: list
    cue: _Cue | None
    mention: tuple | None  # (start, end)
    context: str = ""
    inherit: object = None  # the _Attr a continuation takes its speaker from
    order: int = 0


@lru_cache(maxsize=4)
def _verbs(extra=None):
    from .lexicon import load_verbs

    return load_verbs(extra)


# --------------------------------------------------------------------------------------------------
# cue finding
# --------------------------------------------------------------------------------------------------

def _tokens(masked: str, s: int, e: int):
    return [(m.start() + s, m.end() + s, m.group()) for m in _TOKEN.finditer(masked, s, e) for _ in [0]] if False else [
        (m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked, s, e)
    ]


_CUE_RE_CACHE: dict[int, tuple] = {}


def _cue_regex(lex, lowered: bool = False):
    """One compiled alternation of every cue surface form (phrases first), cached per lexicon.

    With ``lowered`` the pattern is case-sensitive, for text already lower-cased (see
    ``resources.lowered_for_matching``): the same matches, three times faster than ``re.IGNORECASE``.
    """
    key = id(lex)
    hit = _CUE_RE_CACHE.get(key)
    if hit is None or hit[0] is not lex:
        forms = {f.lower() for f in set(lex.forms) | set(lex.phrases) | set(lex.nouns)} | {"according to"}
        body = r"(?<![\w’'\-])" + _trie_regex(forms) + r"(?![\w\-]|[’']\w)"
        hit = _CUE_RE_CACHE[key] = (lex, re.compile(body, re.I), re.compile(body))
    return hit[2] if lowered else hit[1]


_NEXT_WORD = re.compile(r"\s+(\w+)")
_NEXT_THAT = re.compile(r"\s+that\b", re.I)


def _cue_scan(lex) -> WordScan:
    """The cue words of ``lex`` as a :class:`WordScan` for lower-cased text (``_cue_regex(lex, True)``)."""
    key = id(lex)
    hit = _CUE_SCAN_CACHE.get(key)
    if hit is None or hit[0] is not lex:
        forms = {f.lower() for f in set(lex.forms) | set(lex.phrases) | set(lex.nouns)} | {"according to"}
        hit = _CUE_SCAN_CACHE[key] = (lex, WordScan(forms, "’'-", r"[\w\-]|[’']\w"))
    return hit[1]


_CUE_SCAN_CACHE: dict[int, tuple] = {}


def _find_cues(masked: str, us: int, ue: int, lex, lowered: str | None = None,
               spans: list[tuple[int, int]] | None = None) -> list[_Cue]:
    """Cue candidates in the narrator's words of one unit (quoted text is masked; ``lowered`` is
    ``lowered_for_matching(masked)``, computed once per article; ``spans`` are the cue words' spans in the
    unit when already found)."""
    cues = []
    if spans is None:
        found = _cue_regex(lex, True).finditer(lowered, us, ue) if lowered is not None else \
            _cue_regex(lex).finditer(masked, us, ue)
        spans = [m.span() for m in found]
    forms = lex.forms
    for s, e in spans:
        w = masked[s:e]
        if w in forms and w.islower():  # one lower-case word, the common case: " ".join(w.lower().split()) == w
            lw = w
        else:
            words = w.lower().split()
            lw = words[0] if len(words) == 1 else " ".join(words)
        if lw == "according to":
            cues.append(_Cue(s, e, lex.lookup("according to"), "according"))
            continue
        if " " in lw:
            verb = lex.phrases.get(lw)
            if verb is not None:
                cues.append(_Cue(s, e, verb, "phrase"))
            continue
        verb = forms.get(lw)
        capital = w[:1].isupper()
        if capital or verb is not None and _noun_usage_possible(lw, verb):  # the only uses of the word before
            before = masked[max(us, s - 40):s]
            parts = before.rsplit(None, 1)
            prev = parts[-1].strip(",;:()\"“”‘’'" + MASK) if parts and before[-1:].isspace() else ""
        else:
            prev = ""
        if verb is not None and capital and prev and not _SENTENCE_END_BEFORE.search(before):
            verb = None  # "Secretary of State", "Call of Duty": a capitalised word mid-sentence
            if lw not in lex.nouns:
                continue
        if verb is not None and prev and _noun_usage(prev, lw, verb):
            verb = None
        if verb is not None and lw == verb.lemma:
            nxt = _NEXT_WORD.match(masked, e)
            if nxt and nxt.group(1).lower() in _lists()["role_or_title"]:
                verb = None  # "press secretary", "report author": a noun modifier
        if verb is not None:
            cues.append(_Cue(s, e, verb, "verb"))
        elif lw in lex.nouns and _NEXT_THAT.match(masked, e):
            cues.append(_Cue(s, e, lex.nouns[lw], "noun"))
    return cues


_NOUN_BEFORE = frozenset("the a an this that these those his her its their our my your whose such any "
                         "no every each another new latest earlier first second repeated".split())


def _noun_usage_possible(form: str, verb) -> bool:
    """Whether :func:`_noun_usage` can be true for this form, whatever word comes before it."""
    return form == verb.lemma or form.endswith("s") and form != "says"


def _noun_usage(prev: str, form: str, verb) -> bool:
    """True when a verb form is used as a noun ("the Valdorian demands", "Ek's claims", "a call")."""
    p = prev.lower()
    if _noun_usage_possible(form, verb):
        if p in _NOUN_BEFORE or p.endswith(("’s", "'s")) or is_demonym(prev):
            return True
    return False


# --------------------------------------------------------------------------------------------------
# subject (speaker) of a cue
# --------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _speaker_like(text: str) -> bool:
    """Could this noun phrase say something? Names, pronouns, roles, collectives, organisations."""
    toks = _TOKEN.findall(text)
    if not toks or len(toks) > 12:
        return False
    lists = _lists()
    low = [t.lower() for t in toks]
    if low[0] in _LEADING_PREP or low[0] in _NUMBERS and len(low) == 1 or low[0].isdigit():
        return False
    forms = _verbs().forms
    nouns = lists["role_or_title"]
    if any(w in forms and not toks[i][:1].isupper() and not (i + 1 < len(low) and low[i + 1] in nouns)
           for i, w in enumerate(low)):
        return False  # a verb inside the phrase: not a subject ("said the Valdorian"), unless "press secretary"
    head = _head(toks)
    if head is not toks and head:
        return _speaker_like(" ".join(head))
    if len(toks) == 1 and low[0] in PRONOUNS | set(POSSESSIVES):
        return low[0] not in ("it",) or True
    if low[-1] in lists["roles"] or low[-1] in lists["collectives"] or low[-1] in lists["orgs"]:
        return True
    if low[-1].endswith("s") and low[-1][:-1] in lists["roles"]:
        return True
    if low[-1].rstrip(".") in lists["title_words"]:
        return True
    last = toks[-1]
    if last[:1].isupper() and last.lower() not in DETERMINERS:
        return True
    return False


_AUDIENCE_PP = re.compile(r"\s+(?:outside|at|in|after|before|during|on|from|by)\b[^,;.:" + MASK + r"]{0,50}?\bthat\s+")
_RIGHT_STOP = re.compile(r"[,;:!?\u2014" + MASK + r"]|(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)"
                         r"(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)(?<!\bSt)(?<!\bProf)(?<!\b[A-Z])\."
                         r"|\s(?:who|which|with|in|at|on|during|after|of|told|to)\s")
_PREP_BEFORE = re.compile(r"\b(?:with|for|to|from|by|about|against|at|in|on|of|into|over)\s+$")
_REL_MARK = re.compile(r"\b(?:who|that)\b")
_GAP_BEFORE = re.compile(r"[\s,.!?—–-]*")
_GAP_AFTER = re.compile(r"[\s,:]*(?:that\s*)?")
_GAP_COMMA = re.compile(r"[\s,]*")
_COORD_END = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|later\s+)?$|,\s*(?:also\s+)?$")
_PREPS = frozenset("of in at from for on with".split())
_NUMBERS = frozenset("one two three four five six seven eight nine ten dozens hundreds thousands".split())
_LEADING_PREP = frozenset("in on at when after before during from for by with as while since until if although "
                          "though because addressing speaking".split())


_SKIP_BEFORE_CUE = AUXILIARIES | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                  "on", "not"}
_ACRONYM_END = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)$")
_REL_BEFORE = re.compile(r"\b(?:who|that)\s+$")


def _last_word(text: str, base: int, pos: int) -> tuple[str | None, int]:
    """The last run of word characters in ``text[base:pos]`` if only spaces follow it, and its start
    (what ``re.search(r"(\\w+)\\s*$", text[base:pos])`` finds, without trying every position)."""
    m = _WORD_AT_END_REVERSED.match(text[base:pos][::-1])
    if m is None:
        return None, -1
    return m.group(1)[::-1], pos - m.end(1)


_WORD_AT_END_REVERSED = re.compile(r"\s*(\w+)")


def _fewer_tokens(text: str, s: int, e: int, n: int) -> bool:
    """``len(_TOKEN.findall(text[s:e])) < n``, stopping at the n-th token."""
    for k, _ in enumerate(_TOKEN.finditer(text, s, e), 1):
        if k >= n:
            return False
    return True


def _left_subject(masked: str, unit_start: int, cue_start: int):
    """The noun phrase before a cue, skipping auxiliaries, time phrases and comma-parentheticals.

    Returns (start, end, appositive_text) or None.
    """
    pos = cue_start
    # skip auxiliaries / adverbs / "on Wednesday"
    while True:
        w, w_start = _last_word(masked, max(unit_start, pos - 40), pos)
        if w is None:
            break
        w = w.lower()
        if w in _SKIP_BEFORE_CUE or w.endswith("ly") and w != "italy":
            pos = w_start
            continue
        break
    before = masked[unit_start:pos].rstrip()
    appositive = ""
    for _ in range(3):
        if not before.endswith(","):
            break
        # "Lena Park, the country's former security adviser, said" / "X, speaking in Y, accused"
        inner_end = unit_start + len(before) - 1
        comma = masked.rfind(",", unit_start, inner_end)
        if comma < 0 or MASK in masked[comma:inner_end]:
            return None
        piece = masked[comma + 1:inner_end].strip()
        appositive = piece if not appositive else piece + ", " + appositive
        before = masked[unit_start:comma].rstrip()
    if appositive:
        first = appositive.split(",")[0].strip()
        name_start = masked.find(first, unit_start + len(before))
        if _is_full_name(first) and not _is_full_name(before.split(",")[-1].strip()) and name_start >= 0:
            # "The ministry's spokesman, Tomas Ek, said": the name is the speaker
            nb = before.split(",")[-1].strip()
            role_start = _np_start(masked, unit_start, unit_start + len(before.rstrip(", ")))
            return name_start, name_start + len(first), nb, role_start
    end = unit_start + len(before)
    acro = _ACRONYM_END.search(before) if before.endswith(")") else None
    if acro:  # "The Israel Defense Forces (IDF), which …, said"
        end = unit_start + acro.start()
        appositive = (before[acro.start():].strip() + " " + appositive).strip()
    start = _np_start(masked, unit_start, end)
    rel = _REL_BEFORE.search(masked[max(unit_start, (start or end) - 8):start or end])
    if start is not None and not rel:
        # "Aid workers who travelled with it said": "it" is the object of a preposition in a relative clause
        pm = _PREP_BEFORE.search(masked, max(unit_start, start - 12), start)
        if pm:
            rm = None
            for rm in _REL_MARK.finditer(masked, max(unit_start, start - 90), pm.start()):
                pass
            if rm is not None:
                rel = rm
                start = pm.start()
    if start is not None and rel and (not _speaker_like(masked[start:end]) or _PREP_BEFORE.search(
            masked, max(unit_start, start - 12), start + 1)):
        # "A senior official who spoke on condition of anonymity explained that …"
        rel_at = masked.rfind(rel.group().strip(), unit_start, start)
        start2 = _np_start(masked, unit_start, rel_at) if rel_at > unit_start else None
        if start2 is not None and _speaker_like(masked[start2:rel_at].strip()):
            e2 = start2 + len(masked[start2:rel_at].rstrip())
            return start2, e2, masked[rel_at:end].strip()
    if start is None or not _speaker_like(masked[start:end]):
        return None
    if masked[max(unit_start, start - 2):start] == ", " and not _is_full_name(masked[start:end]):
        # "Ruth Calloway, director of the network, which …, said": the name before the role is the speaker
        prev = _np_start(masked, unit_start, start - 2)
        if prev is not None and _is_full_name(masked[prev:start - 2]):
            return prev, start - 2, masked[start:end] + (", " + appositive if appositive else "")
    return start, end, appositive


def _np_start(masked: str, unit_start: int, end: int) -> int | None:
    """Start of the noun phrase that ends at ``end``, scanning leftwards to a clause boundary."""
    lo = max(unit_start, end - 100)
    m = _NP_REVERSED.match(masked[lo:end][::-1])
    if m is None:
        return None
    if m.end() <= 90:  # the scan below, in one match: every token of the phrase within the 90 characters
        return end - m.end()
    return _np_start_by_token(masked, lo, end)


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
_GAP_STOP = re.compile(r"[,;:()\u2014\u2013" + MASK + r"\"“”]|--")
_GAP_STOP_FIRST = re.compile(r"[;:\u2014\u2013" + MASK + r"\"“”]|--")
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
    first_gap = r"(?:[^\w;:\u2014\u2013" + MASK + r"\"“”\-]|-(?!-))*+"
    gap = r"(?:[^\w,;:()\u2014\u2013" + MASK + r"\"“”\-]|-(?!-))*+"
    return re.compile(first_gap + token + "(?:" + gap + token + ")*+")


_NP_REVERSED = _np_reversed_pattern()


_NOT_NAME_WORDS = frozenset(
    "on in at when after before during from for by with as while since until if although though because but and "
    "the a an this that monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december port mount lake river north south east west".split())


@lru_cache(maxsize=8192)
def _is_full_name(text: str) -> bool:
    toks = _TOKEN.findall(text)
    return 2 <= len(toks) <= 4 and all(t[:1].isupper() and t.lower() not in _NOT_NAME_WORDS for t in toks) and not any(
        t.lower() in _lists()["orgs"] or t.lower() in _lists()["title_words"] or is_demonym(t) for t in toks)


def _right_subject(masked: str, pos: int, unit_end: int):
    """The noun phrase after an inverted cue ("…,” said the official." / "…, said Ana Berg, a …")."""
    m = _SPACES.match(masked, pos, unit_end)
    s = m.end() if m else pos
    stop = _RIGHT_STOP.search(masked, s, unit_end)
    e = stop.start() if stop else unit_end
    while e > s and not masked[e - 1].isalnum():
        e -= 1
    if e <= s or not _speaker_like(masked[s:e]):
        return None
    return s, e, masked[e:unit_end]


# --------------------------------------------------------------------------------------------------
# content of indirect speech
# --------------------------------------------------------------------------------------------------

#: Every way TIME_AFTER_CUE (case-insensitive) and SETTING_AFTER_CUE can begin, after leading space.
_TIME_STARTS = tuple("on late early monday tuesday wednesday thursday friday saturday sunday last this yesterday "
                     "today tonight earlier later again also previously recently repeatedly publicly privately "
                     "separately afterwards then".split())
_SETTING_STARTS = tuple("in at during on after before via through over from to".split())


def _time_or_setting(rest: str):
    """``TIME_AFTER_CUE.match(rest) or SETTING_AFTER_CUE.match(rest)``, without running either regex
    when the first word rules it out (most cues are followed by neither)."""
    t = rest.lstrip()
    head = t[:12]
    if head.isascii():
        time_possible = head.lower().startswith(_TIME_STARTS)
    else:  # re.IGNORECASE folds some non-ASCII letters to ASCII ones: let the regex decide
        time_possible = True
    if time_possible:
        m = TIME_AFTER_CUE.match(rest)
        if m:
            return m
    if t.startswith(","):
        t = t[1:].lstrip()
    return SETTING_AFTER_CUE.match(rest) if t.startswith(_SETTING_STARTS) else None


def _content_after_ex(masked: str, pos: int, unit_end: int, verb) -> tuple[int, bool]:
    """Start of the reported clause after a cue (time, setting, audience/object and 'that' skipped), and
    whether an audience ("told reporters") was skipped."""
    audience = False
    for _ in range(4):
        rest = masked[pos:unit_end]
        m = _time_or_setting(rest)
        if m and m.end() > 0:
            pos += m.end()
            continue
        break
    if getattr(verb, "object", "none") in ("person", "to_person") or verb.lemma in ("tell", "inform", "assure"):
        rest = masked[pos:unit_end]
        m = _TO.match(rest) if verb.object == "to_person" else None
        if verb.object != "to_person" or m:
            off = m.end() if m else 0
            m2 = AUDIENCE.match(rest[off:])
            if m2 and (verb.object != "to_person" or m2.end() > 0):
                pos += off + m2.end()
                audience = True
                pp = _AUDIENCE_PP.match(masked, pos, unit_end)
                if pp:  # "told reporters outside the ministry that …"
                    pos = pp.end()
                for _ in range(2):
                    rest = masked[pos:unit_end]
                    m3 = _time_or_setting(rest)
                    if m3 and m3.end() > 0:
                        pos += m3.end()
    rest = masked[pos:unit_end]
    m = _THAT_LEAD.match(masked, pos, unit_end)
    pos = m.end() if m else pos
    return pos, audience


_CLAUSE_START = frozenset("the a an its his her their our this these those it he she they we there no any all "
                          "some every both neither none nobody everyone only".split())
_FINITE = frozenset("is are was were has have had will would could can should may might must did does do "
                    "came went made took gave saw knew left began held kept found fell hit shot brought fought "
                    "won lost ran met sent stood struck thought became broke chose drove flew grew led rose "
                    "sold shut tore withdrew remains remain needs need wants want means mean lies lay".split())


def _speech_complement(rest: str, verb) -> bool:
    """Evidence that an ambiguous verb reports speech: an "as"/"of"/"to" complement its frame expects,
    a gerund after a denial, or a following clause with a subject and a finite verb."""
    words = _TOKEN.findall(rest[:200])
    low = [w.lower() for w in words]
    if not low:
        return False
    if len(low) > 2 and (low[0] in ("his", "her", "their", "its") or low[0].endswith(("’s", "'s"))) and \
            low[1] in _verbs().nouns:
        return False  # "repeated her claim that …": the noun is the cue
    if MASK in rest[:160].split(",")[0] and verb.category in ("emotive", "accusatory", "denial", "distancing", "concessive",
                                                 "warning", "directive", "neutral", "endorsing", "insistent"):
        return True  # a quoted fragment in the complement: mixed speech ("condemned X as “…”")
    obj = getattr(verb, "object", "none")
    prep = {"person_as": "as", "person_of": "of", "person_to": "to", "person_for": "for"}.get(obj)
    if prep and prep in low[1:10]:
        return True
    if low[0] == "to" and verb.category in ("warning", "directive", "denial", "concessive"):
        return True
    if low[0].endswith("ing") and verb.category in ("denial", "concessive", "accusatory"):
        return True
    low = [w.lower() for w in _TOKEN.findall(rest[:200].split(",")[0])] or low
    if low[0] in _CLAUSE_START or words[0][:1].isupper() or low[0].isdigit():
        return any(w in _FINITE or (w.endswith("ed") and len(w) > 4) for w in low[1:12])
    return False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    return s, e


def _has_that(masked: str, cue_end: int, content_start: int) -> bool:
    return bool(_THAT_END.search(masked[cue_end:content_start]))



# --------------------------------------------------------------------------------------------------
# patterns used per cue (compiled once; ``match(text, pos, endpos)`` where the start context is irrelevant)
# --------------------------------------------------------------------------------------------------

_SENTENCE_END_BEFORE = re.compile(r"[.!?:\"”]\s*$")
_SPACES = re.compile(r"\s*")
_TO = re.compile(r"\s*to\s+")
_THAT_LEAD = re.compile(r"\s*,?\s*(?:that\b)?\s*")
_THAT_END = re.compile(r"\bthat\s*$")
_COLON_END = re.compile(r":\s*$")
_CONJ_END = re.compile(r"(?:,?\s*(?:and|but|while|whereas)|[;,])\s*$")
_BY = re.compile(r"\s+by\s+")
_PARTICIPLE_LEAD = re.compile(r",\s*(?:\w+ly\s+|also\s+)?$")
_COORD_LEAD = re.compile(r"\b(?:and|but|while|also)\s*$")
_THAT_OR_QUOTE = re.compile(r"\s*(?:,\s*)?(?:that\b|[\s,:]*" + MASK + ")")
_POSSESSOR_END = re.compile(r"(\w+(?:\s+\w+){0,3}?)(?:’s|'s)\s*$|\b(his|her|their|its)\s*$")
_WORD_CHAR = re.compile(r"\w")
_LIGHT_PUNCT = re.compile(r"[\s,.:;—–-]*")
_SHORT_GAP = re.compile(r"[,.!?]?\s*[\w’'\- ]{0,60}")
_LIST_GAP = re.compile(r"[\s,.;]*")
_COLON_ONLY = re.compile(r"\s*:\s*")
_SENTENCE_FINAL = re.compile(r"[\s.!?\"”’)]*|\s*(?:of|about)\s+[\w\s’'\-]{0,60}[.!?]?[\s\"”’]*")
_PARTICIPLE_AFTER = re.compile(r"\s*,\s*(?:adding|saying|noting|arguing|insisting|warning)\b")
_COMMA_DASH_END = re.compile(r"[,—–]\s*$")
_THAT = re.compile(r"\s*that\s*")
_CONTENT_STOP_PLAIN = re.compile(r";|,\s*according to\b|,\s*(?:saying|adding|noting)\b|\s+—\s+")
#: _CONTENT_STOP_PLAIN from the character each of its matches turns on (``;``, a comma, the dash), so ``re``
#: skips to the next of those instead of trying four branches at every position (see :func:`_content_stop`).
_CONTENT_STOP = re.compile(r"[;,—](?:(?<=;)|(?<=,)\s*(?:according to|saying|adding|noting)\b|(?<=—)\s+)")


def _content_stop(masked: str, start: int, end: int) -> int | None:
    """Where ``_CONTENT_STOP_PLAIN.search(masked, start, end)`` starts, or None. A dash match starts at the
    whitespace before the dash, which must lie inside the range."""
    pos = start
    while True:
        m = _CONTENT_STOP.search(masked, pos, end)
        if m is None:
            return None
        at = m.start()
        if masked[at] != "—":
            return at
        ws = at
        while ws > start and masked[ws - 1].isspace():
            ws -= 1
        if ws < at:
            return ws
        pos = at + 1
_TO_VERB = re.compile(r"to\s")
_WH_WORD = re.compile(r"(?:whether|if|why|how|what|when|where|who)\b")
_MASK_RUN = re.compile(MASK + "+")

# --------------------------------------------------------------------------------------------------
# the extractor
# --------------------------------------------------------------------------------------------------

class _Extractor:
    def __init__(self, text: str, excluded=(), verbs=None):
        self.text = text
        self.excluded = excluded
        self.lex = verbs or _verbs()
        self.attrs: list[_Attr] = []

    def run(self) -> list[_Attr]:
        text = self.text
        prev_para_attr = None  # last direct attribution of the previous paragraph
        pending_colon = None
        # an empty pair of marks (a stripped embed) is neither masked nor a quote
        paras = [(ps, pe, sents, [q for q in quote_spans(text, ps, pe) if q.content_end > q.content_start and
                                  not text[q.content_start:q.content_end].isspace()])
                 for ps, pe, sents in article_sentences(text, self.excluded)]
        masked, runs = _mask_runs(text, [q for _, _, _, qs in paras for q in qs])
        self.lowered = lowered = lowered_for_matching(masked)
        if lowered is not None:  # the cue words of the whole article in one scan, shared out to the units
            scan = _cue_scan(self.lex)
            scan_text = _scan_text(lowered, runs)
            cue_spans = scan.spans(scan_text)
        for ps, pe, sents, quotes in paras:
            opens = [q.open for q in quotes]
            para_attrs: list[_Attr] = []
            used_quotes: set[int] = set()
            dl = DATELINE.match(masked, ps, pe)
            for us, ue in units(text, ps, pe, quotes, sents):
                if dl and us == ps:
                    us = dl.end()
                if lowered is not None:
                    spans = scan.within(scan_text, cue_spans, us, ue)
                    if not spans:
                        continue
                else:
                    spans = None
                uq = quotes[bisect_left(opens, us):bisect_left(opens, ue)]
                self._unit(masked, us, ue, uq, para_attrs, used_quotes, spans)
            if not para_attrs and not quotes:  # narrative only: nothing to attach, nothing carried over
                pending_colon = prev_para_attr = None
                continue
            # quotes without attribution: split continuations, multi-paragraph runs, colon intros
            first_unattributed_at_start = True
            in_para = {id(a) for a in para_attrs}
            directs = sorted(((a.fragments[0][0], i, a) for i, a in enumerate(para_attrs)
                              if a.fragments and a.kind == "direct"), key=lambda t: (t[0], t[1]))
            direct_starts = [d[0] for d in directs]
            first_text = _NOT_LEAD.search(masked, ps, pe)
            for q in quotes:
                if id(q) in used_quotes or q.single:
                    continue
                at_start = first_text is None or first_text.start() >= q.open
                if not at_start and not _follows_sentence_end(text, ps, q.open):
                    continue
                if _fewer_tokens(text, q.content_start, q.content_end, 2) and not _ends_sentence(text, q):
                    continue
                k = bisect_left(direct_starts, q.open)
                last_earlier = directs[k - 1][2] if k else None
                owner = None
                if last_earlier is not None and not at_start:
                    owner = last_earlier
                elif at_start and pending_colon is not None:
                    owner = pending_colon
                elif at_start and prev_para_attr is not None and first_unattributed_at_start:
                    owner = prev_para_attr
                elif last_earlier is not None:
                    owner = last_earlier
                if owner is None:
                    continue
                first_unattributed_at_start = False
                used_quotes.add(id(q))
                if owner is pending_colon and not owner.fragments:
                    owner.fragments.append((q.content_start, q.content_end))
                    if id(owner) not in in_para:
                        para_attrs.append(owner)
                        in_para.add(id(owner))
                    continue
                new = _Attr("direct", [(q.content_start, q.content_end)], None, None, inherit=owner)
                if id(owner) in in_para or owner is pending_colon:
                    owner.fragments.append((q.content_start, q.content_end))
                else:
                    para_attrs.append(new)
                    in_para.add(id(new))
                    k = bisect_left(direct_starts, q.content_start)
                    direct_starts.insert(k, q.content_start)
                    directs.insert(k, (q.content_start, len(para_attrs), new))
            pending_colon = None
            para_attrs.sort(key=lambda a: a.fragments[0][0] if a.fragments else a.cue.start)
            for a in para_attrs:
                if not a.fragments and a.cue is not None and _COLON_END.search(text[max(a.cue.end, pe - 20):pe]):
                    pending_colon = a
            self.attrs.extend(a for a in para_attrs if a.fragments)
            directs = [a for a in para_attrs if a.kind == "direct" and a.fragments]
            prev_para_attr = directs[-1] if directs and _para_ends_in_quote(text, ps, pe, quotes) else None
            if pending_colon is not None:
                self.attrs.append(pending_colon)
        self.attrs = [a for a in self.attrs if a.fragments]
        seen = set()
        uniq = []
        for a in self.attrs:
            if id(a) not in seen:
                seen.add(id(a))
                uniq.append(a)
        return uniq

    # one sentence unit ------------------------------------------------------------------------------
    def _unit(self, masked, us, ue, uq, para_attrs, used_quotes, spans=None):
        text = self.text
        cues = _find_cues(masked, us, ue, self.lex, self.lowered, spans)
        if not cues:
            return
        self._cues = cues
        self._unit_quotes = uq
        unit_attrs: list[_Attr] = []
        for cue in cues:
            a = self._attribute(masked, us, ue, uq, cue, unit_attrs, used_quotes)
            if a is not None:
                unit_attrs.append(a)
        # nested/overlapping indirect contents: trim or drop
        final = []
        for a in unit_attrs:
            if final and a.kind != "direct" and final[-1].kind != "direct":
                prev = final[-1]
                ps_, pe_ = prev.fragments[0]
                clause_start = min(a.cue.start, a.mention[0] if a.mention else a.cue.start)
                if ps_ <= clause_start < pe_:
                    w0 = max(ps_, clause_start - 30)
                    cut = _CONJ_END.search(masked[w0:clause_start])
                    if cut or a.cue.form == "verb" and a.context == "participle":
                        new_end = w0 + cut.start() if cut else clause_start
                        s, e = _trim(text, ps_, new_end)
                        if e - s > 0:
                            prev.fragments[0] = (s, e)
                            if prev.kind == "mixed" and not any(s <= q.open < e for q in self._unit_quotes):
                                prev.kind = "indirect"
                            final.append(a)
                        continue
                    continue  # nested "said" inside reported content: part of it
            final.append(a)
        para_attrs.extend(final)

    def _attribute(self, masked, us, ue, uq, cue, unit_attrs, used_quotes):
        text = self.text
        verb = cue.verb
        lw = text[cue.start:cue.end].lower()
        if cue.form == "according":
            return self._according(masked, us, ue, uq, cue, used_quotes)
        if cue.form == "noun":
            return self._noun(masked, us, ue, uq, cue, used_quotes)
        if _BY.match(masked, cue.end, ue):
            return self._passive(masked, us, ue, uq, cue)
        # subject: left, else inverted right
        left = _left_subject(masked, us, cue.start)
        participle = lw.endswith("ing") and _PARTICIPLE_LEAD.search(masked[max(us, cue.start - 30):cue.start]) is not None
        inherited = None
        if participle or (left is None and _COORD_LEAD.search(masked[max(us, cue.start - 20):cue.start])):
            if verb.ambiguous and not _THAT_OR_QUOTE.match(masked, cue.end, ue):
                return None  # "…, speaking at a news conference", "to stop the fighting and release hostages"
            prior = [a for a in unit_attrs if a.mention or a.inherit]
            if prior:
                inherited = prior[-1]
            else:
                left = _initial_subject(masked, us, cue.start)
        right = None
        if left is None and inherited is None:
            lead = masked[us:cue.start].rstrip()
            if lead and not lead.endswith((",", MASK)):
                return None  # a subject on the right only in inverted order: "…,” said X" / "…, said X"
            if not lead and lw.endswith("ing"):
                return None  # "Addressing lawmakers, X said …": the participle has no subject of its own
            right = _right_subject(masked, cue.end, ue)
            if right is None:
                return None
        if cue.form == "noun":
            poss = _POSSESSOR_END.search(masked[us:cue.start])
            if not poss:
                return None
            left = (us + poss.start(), us + poss.end(), "")
        mention = (left[0], left[1]) if left else (right[0], right[1]) if right else None
        context = (left[2] if left else right[2] if right else "")
        clause_start = min(cue.start, mention[0]) if mention else cue.start
        if left is not None and len(left) > 3 and left[3] is not None:
            clause_start = min(clause_start, left[3])  # "“…,” the group's spokesman, Felix Moreau, said"
        clause_end = max(cue.end, mention[1]) if mention else cue.end
        # direct: a quote right before the clause, or right after it
        # only the nearest quote on each side can be adjacent to the clause
        k = bisect_left([q.close for q in uq], clause_start + 1)
        near_before = uq[k - 1:k] if k else []
        before_q = [q for q in near_before if q.close <= clause_start and
                    _GAP_BEFORE.fullmatch(masked, q.close, clause_start)]
        after_pos, audience = _content_after_ex(masked, clause_end, ue, verb) if cue.form != "noun" else \
            (clause_end, False)
        k = bisect_left([q.open for q in uq], clause_end)
        near_after = uq[k:k + 1]
        after_q = [q for q in near_after if _GAP_AFTER.fullmatch(masked, after_pos, q.open) and (
            masked[clause_end:q.open].count(":") or masked[clause_end:q.open].strip(" ,") == "" or
            _GAP_COMMA.fullmatch(masked, after_pos, q.open))] if near_after and near_after[0].open - after_pos < 200 else []
        if before_q and id(before_q[-1]) not in used_quotes and cue.form != "noun":
            q = before_q[-1]
            frags = [q]
            # earlier quotes of a split quote in the same unit: “A,” … “B,” he said
            for q2 in reversed([x for x in uq if x.close <= q.open]):
                if id(q2) in used_quotes or _WORD_CHAR.search(masked, q2.close, frags[0].open):
                    break
                frags.insert(0, q2)
            # quotes after the clause: “A,” he said, “B.”
            tail = [x for x in uq if x.open >= clause_end and _LIGHT_PUNCT.fullmatch(_between(masked, clause_end, x.open, cue, verb))]
            for x in tail[:1]:
                frags.append(x)
            for x in frags:
                used_quotes.add(id(x))
            return _Attr("direct", [(x.content_start, x.content_end) for x in frags], cue, mention, context,
                         inherit=inherited)
        if after_q and id(after_q[0]) not in used_quotes and (not _THAT_END.search(masked[clause_end:after_q[0].open])):
            q = after_q[0]
            if any(c is not cue and c.start >= q.close and _SHORT_GAP.fullmatch(masked, q.close, c.start) for c in self._cues):
                return None  # “…,” he said: the cue after the quote is its attribution
            frags = [q]
            for x in uq:
                if x.open > q.close and id(x) not in used_quotes and _LIST_GAP.fullmatch(masked, frags[-1].close, x.open):
                    frags.append(x)
            for x in frags:
                used_quotes.add(id(x))
            return _Attr("direct", [(x.content_start, x.content_end) for x in frags], cue, mention, context,
                         inherit=inherited)
        # indirect: sentence-final "…, X said." or a clause after the cue
        tail = masked[clause_end:ue]
        tail_after_time = tail
        m = _time_or_setting(tail_after_time)
        while m and m.end() > 0:
            tail_after_time = tail_after_time[m.end():]
            m = _time_or_setting(tail_after_time)
        if _COLON_ONLY.fullmatch(tail_after_time) and cue.form != "noun":
            return _Attr("direct", [], cue, mention, context, inherit=inherited)  # quote in the next paragraph
        if _SENTENCE_FINAL.fullmatch(tail_after_time) or (
            _PARTICIPLE_AFTER.match(tail_after_time)
        ):
            w0 = max(us, clause_start - 10)
            cm = _COMMA_DASH_END.search(masked[w0:clause_start])
            if not cm:
                return None
            s, e = _trim(text, us, w0 + cm.start())
            if e - s < 8 or _fewer_tokens(text, s, e, 2):
                return None
            if any(q.open >= s and q.close <= e + 2 for q in uq):
                inner = [q for q in uq if q.open >= s and q.close <= e + 2]
                if inner and masked[s:inner[0].open].strip() == "" and masked[inner[-1].close:e].strip(" ,") == "":
                    for q in inner:
                        used_quotes.add(id(q))
                    return _Attr("direct", [(q.content_start, q.content_end) for q in inner], cue, mention, context)
                for q in inner:
                    used_quotes.add(id(q))
                return _Attr("mixed", [(s, e)], cue, mention, context)
            return _Attr("indirect", [(s, e)], cue, mention, context)
        if cue.form == "noun":
            cs = clause_end
            m = _THAT.match(masked, cs, ue)
            cs = m.end() if m else cs
        else:
            cs = after_pos  # _content_after_ex(masked, clause_end, ue, verb), computed above
            # verbs with other senses ("added two checkpoints") need speech evidence
            if (verb.ambiguous or verb.category == "denial") and not _has_that(masked, cue.end, cs) and \
                    not audience and not _speech_complement(masked[cs:ue], verb):
                return None
        # content boundaries: ", according to", ", saying", ";" end the clause
        ce = _content_stop(masked, cs, ue)
        ce = ue if ce is None else ce
        for c in self._cues:  # "condemned X and called for Y": the next coordinated cue ends this content
            if cs < c.start < ce:
                win = max(cs, c.start - 30)
                co = _COORD_END.search(masked[win:c.start])
                if co and co.group().strip().startswith(",") and "and" not in co.group() and "but" not in co.group() \
                        and not masked[c.start:c.end].lower().endswith("ing"):
                    co = None  # only ", warning that …" participles end the clause, not ", X said"
                if co:
                    ce = win + co.start()
                    break
        s, e = _trim(text, cs, ce)
        if _fewer_tokens(text, s, e, 3):
            return None
        if _TO_VERB.match(masked, s, e) and verb.category not in ("warning", "directive"):
            return None  # "agreed to discuss": an action, not reported speech
        if cue.verb.category == "question" and not _WH_WORD.match(masked[s:e]):
            return None
        inner = [q for q in uq if q.open >= s and q.open < e]
        kind = "mixed" if inner else "indirect"
        for q in inner:
            used_quotes.add(id(q))
        if inner and inner[-1].closed and inner[-1].close > e:
            e = inner[-1].close
        a = _Attr(kind, [(s, e)], cue, mention, "participle" if participle else context, inherit=inherited)
        return a

    def _noun(self, masked, us, ue, uq, cue, used_quotes):
        """Noun cues: "Halloran's claim that …", "her assertion that …"."""
        text = self.text
        w0 = max(us, cue.start - 80)
        lead = masked[w0:cue.start]
        poss = re.search(r"((?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)(?:’s|'s)\s+(?:\w+\s+)?$|\b(his|her|their|its)\s+(?:\w+\s+)?$", lead)
        if not poss:
            return None
        if poss.group(1):
            mention = (w0 + poss.start(1), w0 + poss.end(1))
        else:
            mention = (w0 + poss.start(2), w0 + poss.end(2))
            subj = _initial_subject(masked, us, mention[0])
            if subj is not None and subj[1] <= mention[0]:
                mention = (subj[0], subj[1])
        cs = _THAT.match(masked, cue.end, ue).end()
        stop = re.search(r";|,\s*according to\b|\s+—\s+|,", masked[cs:ue])
        ce = cs + stop.start() if stop else ue
        if masked[us:mention[0]].strip() == "":
            # the noun phrase is the sentence subject: its content ends before the main verb
            words = list(_TOKEN.finditer(masked, cs, ce))
            cands = [w for w in words[2:] if w.group().lower() in _FINITE or w.group().lower().endswith("ed")]
            if len(cands) >= 2:
                ce = cands[1].start()  # the noun clause's own verb is the first; the main verb follows
        s, e = _trim(text, cs, ce)
        if _fewer_tokens(text, s, e, 3):
            return None
        inner = [q for q in uq if q.open >= s and q.open < e]
        for q in inner:
            used_quotes.add(id(q))
        return _Attr("mixed" if inner else "indirect", [(s, e)], cue, mention, "")

    def _passive(self, masked, us, ue, uq, cue):
        """"…, as first reported by the Sarnethi Courier": content is the main clause, speaker after "by"."""
        lead = re.search(r",\s*(?:as|which\s+was|was)\s+(?:\w+ly\s+|first\s+)?$", masked[max(us, cue.start - 40):cue.start])
        if not lead:
            return None
        by = _BY.match(masked, cue.end, ue)
        right = _right_subject(masked, by.end(), ue)
        if right is None:
            return None
        s, e = _trim(self.text, us, max(us, cue.start - 40) + lead.start())
        if _fewer_tokens(self.text, s, e, 3):
            return None
        return _Attr("indirect", [(s, e)], cue, (right[0], right[1]), "")

    def _according(self, masked, us, ue, uq, cue, used_quotes):
        text = self.text
        lead = masked[us:cue.start]
        if text[cue.start] == "A" and lead.strip() and not lead.rstrip().endswith(","):
            us = cue.start  # "… Hamas According to a diplomat, …": a sentence whose full stop went missing
            lead = ""
        if lead.strip(" ,") == "" or re.fullmatch(r"\s*(?:But|And|Yet|So)?\s*", lead):
            m = re.search(r",", masked[cue.end:ue])
            if not m:
                return None
            ms, me = _trim(text, cue.end, cue.end + m.start())
            s, e = _trim(text, cue.end + m.end(), ue)
        else:
            w0 = max(0, len(lead) - 10)
            cm = _COMMA_DASH_END.search(lead[w0:])
            end = us + (w0 + cm.start() if cm else len(lead.rstrip()))
            s, e = _trim(text, us, end)
            tail_end = re.search(r"[,;]", masked[cue.end:ue])
            ms, me = _trim(text, cue.end, cue.end + tail_end.start() if tail_end else ue)
        if me <= ms or e - s < 8:
            return None
        inner = [q for q in uq if q.open >= s and q.close <= e + 1]
        for q in inner:
            used_quotes.add(id(q))
        return _Attr("according_to", [(s, e)], cue, (ms, me), "")


def _between(masked, start, end, cue, verb):
    rest = masked[start:end]
    m = _time_or_setting(rest)
    return rest[m.end():] if m else rest


def _initial_subject(masked, us, limit):
    """The subject at the start of a unit ("Israel", "It", "The ministry"), for subjectless cues."""
    lead = re.match(r"\s*(?:In|On|At|After|Before|During|From|For|By|With|Later|Earlier|Meanwhile|Separately|"
                    r"Elsewhere|Still|However|Also)\b[^,]{0,60},\s*", masked[us:limit])
    if lead:
        us += lead.end()
    m = re.match(r"\s*((?:[A-Z][\w’'\-\.]*)(?:\s+(?:of|the|for|and)?\s*[A-Z][\w’'\-\.]*)*|(?:[Tt]he|[Aa]n?)\s+(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+)\b",
                 masked[us:limit])
    if not m:
        return None
    s, e = us + m.start(1), us + m.end(1)
    words = masked[s:e].split()
    if words and words[0] in ("But", "And", "Yet", "So", "On", "In", "At", "After", "Before", "For", "While"):
        return None
    if not _speaker_like(masked[s:e]):
        # try the head noun phrase only
        return None
    return s, e, ""


_INVISIBLE_TO_SPACE = {ord(c): " " for c in INVISIBLE}


def _mask(text, quotes):
    """The text with every quotation (marks included) replaced by MASK characters, offsets kept."""
    return _mask_runs(text, quotes)[0]


def _mask_runs(text, quotes):
    """``_mask(text, quotes)`` and the (start, end) spans it masked."""
    parts, runs, pos = [], [], 0
    for q in sorted(quotes, key=lambda q: q.open):
        if q.open < pos:
            continue
        parts.append(text[pos:q.open])
        parts.append(MASK * (q.close - q.open))
        runs.append((q.open, q.close))
        pos = q.close
    parts.append(text[pos:])
    out = "".join(parts)
    if not out.isascii() and any(c in out for c in INVISIBLE):
        out = out.translate(_INVISIBLE_TO_SPACE)
    return out, runs


def _scan_text(lowered: str, runs: list[tuple[int, int]]) -> str:
    """``lowered`` (the masked text, lower-cased) with each masked run of three or more characters written
    ``" 000 "``: the cue pattern finds the same matches in it (a space, like MASK, is neither a word character
    nor an apostrophe or hyphen, and no cue word has a digit or crosses "0"), and :class:`WordScan` jumps over
    the run instead of trying each of its characters. Runs of two stay MASK: a cue phrase could cross two
    spaces."""
    parts, pos = [], 0
    for s, e in runs:
        if e - s >= 3:
            parts.append(lowered[pos:s])
            parts.append(" " + "0" * (e - s - 2) + " ")
            pos = e
    if not parts:
        return lowered
    parts.append(lowered[pos:])
    return "".join(parts)


def _follows_sentence_end(text, ps, pos):
    i = pos - 1
    while i >= ps and text[i].isspace():
        i -= 1
    return i < ps or text[i] in ".!?:”\"’"


def _ends_sentence(text, q):
    return text[q.content_start:q.content_end].rstrip()[-1:] in ".!?"


def _para_ends_in_quote(text, ps, pe, quotes):
    if not quotes:
        return False
    last = quotes[-1]
    return (not last.closed) or text[last.close:pe].strip(" .") == "" or True


# --------------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------------

#: A capitalised word opening a sentence: a person named again in narrative ("Brell walked …").
_SENTENCE_SUBJECT = re.compile(r"(?:^|[.!?”\"]\s|\n)\s*(?:[A-Z][a-z]+\s+)?([A-Z][a-z’'\-]+)\s+(?!said)[a-z]")


#: _SENTENCE_SUBJECT without its ``^`` branch (which only matches at 0): it starts with a character class, so
#: ``re`` skips ahead to the next full stop or newline instead of trying every position.
#: Its first character is a set (a newline needs nothing after it, a full stop or a closing mark needs a space),
#: which is what lets ``re`` skip: an alternation of a set and a literal does not.
_SUBJECT_AFTER_BREAK = re.compile(r"[.!?”\"\n](?:(?<=\n)|\s)\s*(?:[A-Z][a-z]+\s+)?([A-Z][a-z’'\-]+)\s+(?!said)[a-z]")
_SUBJECT_AT_START = re.compile(r"\s*(?:[A-Z][a-z]+\s+)?([A-Z][a-z’'\-]+)\s+(?!said)[a-z]")


def _sentence_subjects(text: str):
    """The matches of ``_SENTENCE_SUBJECT.finditer(text)``, found faster."""
    first = _SUBJECT_AT_START.match(text)
    if first is not None:
        yield first
    yield from _SUBJECT_AFTER_BREAK.finditer(text, first.end() if first is not None else 0)


def extract_quotes(text: str, excluded=(), verbs=None) -> list[Quote]:
    """All attributions in ``text`` with canonical speakers (parties and sentiment left empty).

    ``excluded`` holds boilerplate spans (objects with ``start``/``end`` or pairs); nothing inside them
    yields a quote. ``verbs`` is a :class:`framing.lexicon.VerbLexicon` (the shipped one by default).
    """
    attrs = _Extractor(text, excluded, verbs).run()
    attrs.sort(key=lambda a: a.fragments[0][0])
    resolver = SpeakerResolver()
    # names and sentence subjects in reading order, read only as far as the last attribution needs
    names = NAME_RUN_FAST.finditer(text)
    subjects = _sentence_subjects(text)
    name = next(names, None)
    subject = next(subjects, None)
    out: list[Quote] = []
    resolved: dict[int, tuple] = {}
    for n, a in enumerate(attrs, 1):
        first = a.mention[0] if a.mention is not None else a.fragments[0][0]
        while name is not None and name.start() < first:
            resolver.note_names(name.group())
            name = next(names, None)
        while subject is not None and subject.start(1) < first:
            resolver.touch(subject.group(1))
            subject = next(subjects, None)
        if a.mention is not None:
            mention_text = text[a.mention[0]:a.mention[1]]
            ctx = a.context if a.context != "participle" else ""
            ctx = _MASK_RUN.sub("“…”", ctx) if MASK in ctx else ctx  # the context comes from the masked text
            tail = text[a.mention[1]:a.mention[1] + 120]
            sp = resolver.resolve(mention_text, tail, ctx)
            desc = "; ".join(d for d in sp.descriptors if d and d.strip())[:200] or None
            info = (sp.canonical, sp.type, sp.named, mention_text, a.mention[0], a.mention[1], desc)
        else:
            src = a.inherit
            while src is not None and id(src) not in resolved and src.inherit is not None:
                src = src.inherit
            base = resolved.get(id(src)) if src is not None else None
            if base is None:
                info = ("unknown", "anonymous", False, None, None, None, None)
            else:
                info = base[:3] + (None, None, None, base[6])
        resolved[id(a)] = info
        cue = a.cue
        if cue is not None:
            cue_fields = (text[cue.start:cue.end], cue.start, cue.end, cue.verb.lemma, cue.verb.category)
        else:
            cue_fields = (None, None, None, None, None)
        for k, (s, e) in enumerate(a.fragments):
            # Quote's fields in order (positional: three times faster to build than by keyword):
            # kind, content, start, end; cue, cue_start, cue_end, cue_lemma, cue_category; speaker,
            # speaker_mention, speaker_start, speaker_end, speaker_type, named; party, sentiment;
            # attribution_id, fragment, speaker_descriptor
            out.append(Quote(a.kind, text[s:e], s, e, *cue_fields, info[0], info[3], info[4], info[5], info[1],
                             info[2], None, None, n, k, info[6]))
    return out

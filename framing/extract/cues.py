"""Cue candidates: reporting verbs, phrases and nouns in the narrator's words of a sentence unit.

The unit's quotations are masked (``resources.MASK``), so only the narrator's words are searched. A
capitalised verb mid-sentence ("Secretary of State") and a verb form used as a noun ("the Valdorian
demands", "Ek's claims") are not cues; a noun is a cue only before "that" ("her claim that …").

>>> from framing.extract.cues import _find_cues, _verbs
>>> text = "Ek's claims were denied, officials said."
>>> [(text[c.start:c.end], c.form) for c in _find_cues(text, 0, len(text), _verbs())]
[('denied', 'verb'), ('said', 'verb')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import _lists, hyphenated_modifier, is_demonym
from .resources import COLON_QUOTE, MASK
from .resources import trie_regex as _trie_regex
from .wordscan import WordScan


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    verb: object  # lexicon Verb
    form: str  # "verb", "phrase", "noun", "according"


@lru_cache(maxsize=4)
def _verbs(extra=None):
    from ..lexicon import load_verbs

    return load_verbs(extra)


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
_SENTENCE_END_BEFORE = re.compile(r"[.!?:\"”]\s*$")
_NEXT_THAT = re.compile(r"\s+that\b", re.I)
#: A determiner up to two words before a word: "a snappy retort", "his answer".
_DETERMINER_NEAR = re.compile(r"\b(?:a|an|the|his|her|their|its|this|one)\s+(?:[a-z\-]+\s+){0,2}$")


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
               spans: list[tuple[int, int]] | None = None, title_case: bool = False) -> list[_Cue]:
    """Cue candidates in the narrator's words of one unit (quoted text is masked; ``lowered`` is
    ``lowered_for_matching(masked)``, computed once per article; ``title_case`` when the unit is a headline
    that capitalises its words, "Ek Says Truce Will Hold"; ``spans`` are the cue words' spans in the
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
        if capital or verb is not None and (_noun_usage_possible(lw, verb) or lw.endswith("ing")):  # (uses of the word before)
            before = masked[max(us, s - 40):s]
            parts = before.rsplit(None, 1)
            prev = parts[-1].strip(",;:()\"“”‘’'" + MASK) if parts and before[-1:].isspace() else ""
        else:
            prev = ""
        if verb is not None and capital and prev and not title_case and not _SENTENCE_END_BEFORE.search(before):
            verb = None  # "Secretary of State", "Call of Duty": a capitalised word mid-sentence
            if lw not in lex.nouns:
                continue
        if verb is not None and prev and (_noun_usage(prev, lw, verb) or lw == "order" and prev.lower() == "in"
                                          or lw.endswith("ing") and before.endswith(" " + prev + " ") and _gerund_noun(prev)):
            verb = None  # (and "in order to": no order given; "their worst showing": a noun)
        elif verb is not None and (lw == "thanks" and masked.startswith(" to ", e) or _noun_usage_possible(lw, verb)
                                   and _RELATIVE_THAT_NEXT.match(masked, e)):
            verb = None  # "thanks to the delays", "Southern states that will vote": not a verb
        elif verb is not None and prev == "and" and lw.endswith("s") and _OF_NEXT.match(masked, e) and \
                _PLURAL_AND.search(before):
            verb = None  # "names and addresses of members": nouns coordinated, the second with its "of"
        if verb is not None and lw in lex.nouns and COLON_QUOTE.match(masked, e) and \
                _DETERMINER_NEAR.search(masked, max(us, s - 30), s):
            verb = None  # "delivered a snappy retort: “…”": a noun, its quotation after the colon
        if verb is not None and lw == verb.lemma:
            nxt = _NEXT_WORD.match(masked, e)
            if nxt and nxt.group(1).lower() not in _HONORIFICS and (  # ("say Ms. Valk is ahead": a verb)
                    nxt.group(1).lower() in _lists()["role_or_title"] or nxt.group(1).lower() in _COMPOUND_HEADS or
                    masked.startswith(".", nxt.end()) and nxt.group(1).lower() + "." in _lists()["role_or_title"]):
                verb = None  # "press secretary", "press conferences", "state Sen.": a noun modifier
        if verb is not None:
            cues.append(_Cue(s, e, verb, "verb"))
        elif lw in lex.nouns and (_NEXT_THAT.match(masked, e) or COLON_QUOTE.match(masked, e)):
            cues.append(_Cue(s, e, lex.nouns[lw], "noun"))
    return cues


#: Titles of address, which no noun modifies ("state Sen." is a title after a modifier, "say Ms. Valk" is not).
_HONORIFICS = frozenset("mr mrs ms dr miss mx messrs".split())
#: A plural common noun and "and" before a form in -s, and "of" after it: nouns ("names and addresses of").
_PLURAL_AND = re.compile(r"\b[a-z]{3,}[^s\W]s\s+and\s+$")
_OF_NEXT = re.compile(r"\s+of\b")
#: Nouns that make a compound with a verb's base form before them: "press conferences", "call centre".
_COMPOUND_HEADS = frozenset("conference conferences release releases briefing briefings corps office room pool "
                            "gallery center centre centers centres log logs sign signs".split())

_NOUN_BEFORE = frozenset("the a an this that these those his her its their our my your whose such any "
                         "no every each another new latest earlier first second repeated".split())
#: Prepositions: a verb form right after one is a noun ("senators from states Trump won", "in contests").
_PREPOSITION_BEFORE = frozenset("of in from for with at on by between among across into about".split())
#: "that" then a finite verb after a form in -s: a relative clause on a noun ("states that will vote").
_RELATIVE_THAT_NEXT = re.compile(r"\s+that\s+(?:will|would|have|has|had|are|were|can|could|hold|held|voted?)\b")


def _noun_usage_possible(form: str, verb) -> bool:
    """Whether :func:`_noun_usage` can be true for this form, whatever word comes before it."""
    return form == verb.lemma or form.endswith("s") and form != "says"


def _gerund_noun(prev: str) -> bool:
    """Whether a form in -ing is a noun after ``prev``: a determiner or a superlative ("their worst showing",
    "the best warning") makes it one, not a participle."""
    p = prev.lower()
    return p in _DETERMINER_BEFORE_ING or p in ("worst", "best") or len(p) > 4 and p.endswith("est")


#: Determiners before a form in -ing that make it a noun ("a showing", "his saying", "this warning"); not "her"
#: or "that", which may be an object or a conjunction.
_DETERMINER_BEFORE_ING = frozenset("the a an this these those his its their our my your".split())  # ("citing her …")


def _noun_usage(prev: str, form: str, verb) -> bool:
    """True when a verb form is used as a noun ("the Valdorian demands", "Ek's claims", "a call")."""
    p = prev.lower()
    if _noun_usage_possible(form, verb):
        if p in _NOUN_BEFORE or p in _PREPOSITION_BEFORE or p.endswith(("’s", "'s")):
            return True
        if is_demonym(prev) or hyphenated_modifier(p):  # ("Valdorian demands", "short-term demands")
            return form in verb.nouns or not verb.nouns  # (not "The U.S. alleges": its noun is "allegations")
    return False


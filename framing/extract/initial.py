"""The subject at the start of a sentence unit, for cues with no subject of their own ("Then he cut into
Bush, calling …", "The ministry, in a statement, …, saying …"): fronted phrases, sentence adverbs and spans
of time are skipped, and the first noun phrase that can speak is read.

>>> from framing.extract.initial import _initial_subject
>>> text = "On Tuesday, the harbour pilots stood with the strikers, calling the toll a trap"
>>> s = _initial_subject(text, 0, text.index("calling"))
>>> text[s.start:s.end]
'the harbour pilots'
"""

from __future__ import annotations

import re

from .cues import _verbs
from .names import _lists
from .phrases import _FINITE_WORDS, _is_person_noun, _speaker_like
from .resources import (
    AUXILIARIES,
    CLAUSE_BREAKERS,
    COUNTED_SUBJECT,
    FRONTED_CLAUSE,
    INITIAL_LEAD,
    IRREGULAR_PAST,
    LEADING_PREP,
    POSSESSIVES,
    SUBJECT_PRONOUNS,
    duration_later,
)
from .resources import TOKEN as _TOKEN
from .subjects import Subject

#: Capitalised words that open a sentence without being its subject.
_NOT_INITIAL_SUBJECTS = frozenset("But And Yet So On In At After Before For While Even Still Instead Indeed However "
                                  "Meanwhile Now Then Also Moreover Nevertheless Thus First Finally Though".split())
#: A sentence adverb before the subject: "Instead, Fiorina …", "Then he …", "Even so, …", "First though, …".
_SENTENCE_ADVERB = re.compile(r"\s*(?:Even so|Still|Instead|Indeed|However|Meanwhile|Now|Then|Also|Moreover|"
                              r"Nevertheless|Thus|First|Finally|then|now|instead|still|however)\b(?:\s+though)?,?\s*")
# (lower-case after a conjunction: "And then Ek went on the attack, saying …")
_SUBJECT_PRONOUNS = frozenset(SUBJECT_PRONOUNS)
_ROLE_THEN_NAME = re.compile(r"(?P<mods>(?:\s+[a-z][\w\-]*){0,2})\s+(?P<role>[a-z][\w\-]*)(?:\s+[A-Z][\w’'\-]*\.?)+")

_POSSESSED = re.compile(r"\s+[a-z][\w’'\-]*")
#: "It" as the subject of an act (an organisation's): "it attacked Holm", "it has issued" (not "It is …").
_IT_ACTED = re.compile(r"\s*([Ii]t)(?=\s+(?:also\s+|then\s+|later\s+)?(?:has\s+|had\s+)?[a-z]{3,}ed\b)")
_INITIAL_PRONOUN = re.compile(r"\s*(" + "|".join(SUBJECT_PRONOUNS) + r")\b")


def _initial_subject(masked, us, limit):
    """The subject at the start of a unit ("Israel", "It", "The ministry"), for subjectless cues."""
    lead = INITIAL_LEAD.match(masked, us, limit)
    if lead and lead.end() > us and not any(w.lower() in _FINITE_WORDS or w in _SUBJECT_PRONOUNS
                                            for w in _TOKEN.findall(lead.group())):  # (not "Later they left,")
        us = lead.end()
    else:  # "Asked if the mayor would hold a press conference, he laughed and said …"
        lead = FRONTED_CLAUSE.match(masked, us, limit)
        us = lead.end() if lead else us
    adverb = _SENTENCE_ADVERB.match(masked, us, limit)
    us = adverb.end() if adverb else us  # "Instead, Fiorina opened …", "Then he cut into Bush, calling …"
    later = duration_later(masked, us + len(masked[us:limit]) - len(masked[us:limit].lstrip()), limit)
    us = later.end() + (masked[later.end():later.end() + 1] == ",") if later else us  # "A few minutes later they …"
    pronoun = _INITIAL_PRONOUN.match(masked, us, limit) or _IT_ACTED.match(masked, us, limit)
    if pronoun:  # "On Tuesday, he stood with the leaders and urged …", "Meanwhile, it attacked Holm, saying …"
        return Subject(pronoun.start(1), pronoun.end(1))
    # a determiner phrase first: "The senator" is not the name "The"
    m = COUNTED_SUBJECT.match(masked, us, limit)  # "Two objectors", "Several families" (not "Some seek")
    if m is not None and _speaker_like(m.group(1)):
        return Subject(m.start(1), m.end(1))
    m = re.match(r"\s*((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]bout|[Nn]early|[Mm]ore than|(?:[Hh]undreds|[Dd]ozens|"
                 r"[Tt]housands|[Ss]cores|[Mm]illions)\s+of(?:\s+the)?)\s+(?:[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*)*|(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+)|(?:[A-Z][\w’'\-\.]*)(?:\s+(?:of|the|for|and)?\s*[A-Z][\w’'\-\.]*)*)\b",
                 masked[us:limit])
    if not m:
        return None
    s, e = us + m.start(1), us + m.end(1)
    if " " not in m.group(1):  # "Former mayor Rudy Lind", "Republican nominee Ana Berg": a role, then the name
        titled = _ROLE_THEN_NAME.match(masked, e, limit)
        if titled is not None and _is_person_noun(titled.group("role")) and \
                not any(w in _verbs().forms for w in titled.group("mods").split()):
            e = titled.end()  # (not "Trump took to Twitter", "Carson took the stage")
    e = _extend_common_noun_phrase(masked, s, e, limit)
    words = masked[s:e].split()
    if words and (words[0] in _NOT_INITIAL_SUBJECTS or words[0].lower() in _verbs().forms):
        return None  # (nor a cue word: "Asked …", nor a sentence adverb: "Even so, …")
    if words and words[-1].endswith(("’s", "'s")):  # "The mayor’s right-hand woman": the possessor is not it
        end = e
        for word in _POSSESSED.finditer(masked, e, min(limit, e + 60)):
            if word.start() != end:
                break
            end = word.end()
            if _speaker_like(masked[s:end]):
                return Subject(s, end)
    if not _speaker_like(masked[s:e]):
        # try the head noun phrase only
        return None
    head = words[-1].lower().split("-")[-1]
    if words[0].lower() in POSSESSIVES and not (_is_person_noun(head) or head in _lists()["orgs"]):
        return None  # "His ex-wife agreed, but also contended", "Her campaign … said" (not "her decision to …")
    return Subject(s, e)


def _extend_common_noun_phrase(masked: str, s: int, e: int, limit: int) -> int:
    """The end of a determiner phrase read past its shortest match to its head: "The harbour pilots" in
    "The harbour pilots left …" (up to four words; a verb, an adverb or a clause word ends it)."""
    first = masked[s:e].split()[0].lower()
    if first not in POSSESSIVES and first not in _NP_OPENERS:
        return e
    end = e
    for word in _NEXT_WORD.finditer(masked, e, limit):
        w = word.group(1)
        if word.start() != end:
            return e
        if _verb_like(w):
            return end  # a head, then the sentence's verb
        if len(masked[s:word.end()].split()) > 5 or w.lower() in CLAUSE_BREAKERS or \
                w.endswith("ly") or w in LEADING_PREP:
            return e
        end = word.end()
    return e


def _verb_like(w: str) -> bool:
    return w in AUXILIARIES or w in IRREGULAR_PAST or w in _verbs().forms or w.endswith(("ed", "ght"))


_NEXT_WORD = re.compile(r"\s+([\w’'\-]+)")
#: Words that open a determiner phrase _initial_subject may read on to its head.
_NP_OPENERS = frozenset("the a an about nearly more hundreds dozens thousands scores millions".split())

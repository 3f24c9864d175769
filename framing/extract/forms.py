"""Cues that are not a finite reporting verb: "according to X", a speech noun, a passive.

- according to: "According to Ana Berg, the talks failed." / "The talks failed, according to Ana Berg.";
- noun: "Halloran's claim that the road was mined …", "her assertion that …" (the possessor speaks);
- passive: "…, as first reported by the Sarnethi Courier." (the main clause is the content).

>>> from framing import extract_quotes
>>> [(q.kind, q.content, q.speaker) for q in extract_quotes("The talks failed, according to Ana Berg.")]
[('according_to', 'The talks failed', 'Ana Berg')]
"""

from __future__ import annotations

import re

from .content import _FINITE, COMMA_DASH_END, fewer_tokens, trim
from .model import Attribution, Candidate
from .resources import TOKEN as _TOKEN
from .subjects import _initial_subject, _right_subject

_THAT = re.compile(r"\s*that\s*", re.I)  # the noun cue was found before "that" in any case
BY = re.compile(r"\s+by\s+")
_POSSESSOR = re.compile(r"((?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)(?:’s|'s)\s+(?:\w+\s+)?$|"
                        r"\b(his|her|their|its)\s+(?:\w+\s+)?$")
_NOUN_STOP = re.compile(r";|,\s*according to\b|\s+—\s+|,")
_PASSIVE_LEAD = re.compile(r",\s*(?:as|which\s+was|was)\s+(?:\w+ly\s+|first\s+)?$")
_LEAD_CONJUNCTION = re.compile(r"\s*(?:But|And|Yet|So)?\s*")


def according_to(c: Candidate, used: set[int]) -> Attribution | None:
    """"According to X, …" (content after the comma) or "…, according to X" (content before it)."""
    text, masked, us, ue, cue = c.text, c.masked, c.start, c.end, c.cue
    lead = masked[us:cue.start]
    if text[cue.start] == "A" and lead.strip() and not lead.rstrip().endswith(","):
        us = cue.start  # "… Hamas According to a diplomat, …": a sentence whose full stop went missing
        lead = ""
    if lead.strip(" ,") == "" or _LEAD_CONJUNCTION.fullmatch(lead):
        m = re.search(r",", masked[cue.end:ue])
        if not m:
            return None
        ms, me = trim(text, cue.end, cue.end + m.start())
        s, e = trim(text, cue.end + m.end(), ue)
    else:
        w0 = max(0, len(lead) - 10)
        cm = COMMA_DASH_END.search(lead[w0:])
        end = us + (w0 + cm.start() if cm else len(lead.rstrip()))
        s, e = trim(text, us, end)
        tail_end = re.search(r"[,;]", masked[cue.end:ue])
        ms, me = trim(text, cue.end, cue.end + tail_end.start() if tail_end else ue)
    if me <= ms or e - s < 8:
        return None
    for q in c.quotes:
        if q.open >= s and q.close <= e + 1:
            used.add(id(q))
    return Attribution("according_to", [(s, e)], cue, (ms, me), "")


def speech_noun(c: Candidate, used: set[int]) -> Attribution | None:
    """A speech noun after a possessor: "Halloran's claim that …", "her assertion that …"."""
    text, masked, us, ue, cue = c.text, c.masked, c.start, c.end, c.cue
    w0 = max(us, cue.start - 80)
    poss = _POSSESSOR.search(masked[w0:cue.start])
    if not poss:
        return None
    if poss.group(1):
        mention = (w0 + poss.start(1), w0 + poss.end(1))
    else:
        mention = (w0 + poss.start(2), w0 + poss.end(2))
        subj = _initial_subject(masked, us, mention[0])
        if subj is not None and subj.end <= mention[0]:
            mention = (subj.start, subj.end)
    cs = _THAT.match(masked, cue.end, ue).end()
    stop = _NOUN_STOP.search(masked[cs:ue])
    ce = cs + stop.start() if stop else ue
    if masked[us:mention[0]].strip() == "":
        # the noun phrase is the sentence subject: its content ends before the main verb
        words = list(_TOKEN.finditer(masked, cs, ce))
        cands = [w for w in words[2:] if w.group().lower() in _FINITE or w.group().lower().endswith("ed")]
        if len(cands) >= 2:
            ce = cands[1].start()  # the noun clause's own verb is the first; the main verb follows
    s, e = trim(text, cs, ce)
    if fewer_tokens(text, s, e, 3):
        return None
    inner = [q for q in c.quotes if q.open >= s and q.open < e]
    for q in inner:
        used.add(id(q))
    return Attribution("mixed" if inner else "indirect", [(s, e)], cue, mention, "")


def passive(c: Candidate) -> Attribution | None:
    """"…, as first reported by the Sarnethi Courier": content is the main clause, speaker after "by"."""
    masked, us, ue, cue = c.masked, c.start, c.end, c.cue
    lead = _PASSIVE_LEAD.search(masked[max(us, cue.start - 40):cue.start])
    if not lead:
        return None
    by = BY.match(masked, cue.end, ue)
    right = _right_subject(masked, by.end(), ue)
    if right is None:
        return None
    s, e = trim(c.text, us, max(us, cue.start - 40) + lead.start())
    if fewer_tokens(c.text, s, e, 3):
        return None
    return Attribution("indirect", [(s, e)], cue, (right.start, right.end), "")

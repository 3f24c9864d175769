"""Cues that are not a finite reporting verb: "according to X", a speech noun, a passive.

- according to: "According to Ana Berg, the talks failed." / "The talks failed, according to Ana Berg.";
- noun: "Halloran's claim that the road was mined …", "her assertion that …" (the possessor speaks);
- passive: "…, as first reported by the Sarnethi Courier." / "As reported by the Courier, …" (the main
  clause is the content);
- asked: "Asked about the toll, Ek said …", "Ek was asked whether …" (the question is the content).

>>> from framing import extract_quotes
>>> [(q.kind, q.content, q.speaker) for q in extract_quotes("The talks failed, according to Ana Berg.")]
[('according_to', 'The talks failed', 'Ana Berg')]
"""

from __future__ import annotations

import re

from .content import _FINITE, COMMA_DASH_END, content_stop, fewer_tokens, time_or_setting, trim
from .initial import _initial_subject
from .model import Attribution, Candidate
from .phrases import _speaker_like
from .resources import COLON_QUOTE, MASK
from .resources import TOKEN as _TOKEN
from .subjects import _right_subject

_THAT = re.compile(r"\s*that\s*", re.I)  # the noun cue was found before "that" in any case
BY = re.compile(r"\s+by\s+")
#: "by" + the means of saying, not its agent: "said by phone from Orsk", "told the Ledger by email".
BY_MEANS = re.compile(r"\s+by\s+(?:(?:tele)?phone|e-?mail|text(?:\s+message)?|video(?:\s*link)?|letter|radio|"
                      r"satellite|video\s*conference)\b")
_POSSESSOR = re.compile(r"((?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)(?:’s|'s)\s+(?:\w+\s+)?$|"
                        r"\b(his|her|their|its)\s+(?:\w+\s+)?$")
_NOUN_STOP = re.compile(r";|,\s*according to\b|\s+—\s+|,")
_PASSIVE_LEAD = re.compile(r",\s*(?:as|which\s+was|was)\s+(?:\w+ly\s+|first\s+)?$")
_AS_FRONT_PASSIVE = re.compile(r"\s*(?:(?:But|And)\s+)?[Aa]s\s+(?:\w+ly\s+|first\s+)?")
_LEAD_CONJUNCTION = re.compile(r"\s*(?:But|And|Yet|So)?\s*")


def according_to(c: Candidate, used: set[int]) -> Attribution | None:
    """"According to X, …" (content after the comma) or "…, according to X" (content before it)."""
    text, masked, us, ue, cue = c.text, c.masked, c.start, c.end, c.cue
    lead = masked[us:cue.start]
    if text[cue.start] == "A" and lead.strip() and not lead.rstrip().endswith(","):
        us = cue.start  # "… Hamas According to a diplomat, …": a sentence whose full stop went missing
        lead = ""
    if lead.strip(" ,") == "" or _LEAD_CONJUNCTION.fullmatch(lead):
        aside = _DASHED_ASIDE.match(masked, cue.end, ue)
        m = re.search(r",", masked[cue.end:ue]) if aside is None else None
        if aside is not None:  # "According to the study — which used two surveys — the sector …"
            ms, me = trim(text, cue.end, aside.start("dash"))
            s, e = trim(text, aside.end(), ue)
        elif not m:
            return None
        else:
            ms, me = trim(text, cue.end, cue.end + m.start())
            s, e = trim(text, cue.end + m.end(), ue)
    else:
        w0 = max(0, len(lead) - 10)
        cm = COMMA_DASH_END.search(lead[w0:])
        end = us + (w0 + cm.start() if cm else len(lead.rstrip()))
        s, e = trim(text, us, end)
        dashed = cm is not None and cm.group().strip()[:1] in "—–"  # "while — according to X — knowing …"
        tail_end = (_TAIL_END_DASHED if dashed else _TAIL_END).search(masked, cue.end, ue)
        ms, me = trim(text, cue.end, tail_end.start() if tail_end else ue)
        if tail_end and masked[tail_end.start()] in ",—–":
            lead_is_clause = _finite_within(_words(masked[s:e]), 40)
            rest = _rest_of_sentence(text, masked, tail_end.end(), ue, lead_is_clause)
            if rest is not None and me > ms:
                if _CONNECTIVE.fullmatch(text[s:e]):
                    s, e = rest  # "In addition, according to X, …": the connective is the narrator's
                else:
                    fragments = [(s, e), rest]  # "Fundraising, according to X, has surged …"
                    _use_quotes(c, s, rest[1], used)
                    return Attribution("according_to", fragments, cue, (ms, me), "")
    if me <= ms or e - s < 8:
        return None
    _use_quotes(c, s, e, used)
    return Attribution("according_to", [(s, e)], cue, (ms, me), "")


#: A source, then an aside between dashes and no comma before it: "According to the study — which used two
#: surveys — the sector …" (the source ends at the first dash, the content starts after the second).
_DASHED_ASIDE = re.compile(r"[^,;—–" + MASK + r"]{2,80}?(?P<dash>\s+[—–]\s+)[^—–;" + MASK + r"]{2,160}?\s*[—–]\s*")
#: Where the source after a mid-sentence "according to" ends: a comma or semicolon, or the closing dash
#: when a dash opened the aside.
_TAIL_END = re.compile(r"[,;]")
_TAIL_END_DASHED = re.compile(r"[,;—–]")
#: A sentence-initial connective is the narrator's, not the source's: "In addition, according to X, …".
_CONNECTIVE = re.compile(r"(?:and|but|yet|so|also|still|however|moreover|meanwhile|instead|indeed|in addition|"
                         r"in fact|further|furthermore|nevertheless|nonetheless|of course|at the same time|"
                         r"but now|and now|again|then|otherwise|similarly|likewise)", re.I)
_REST_REFUSED = frozenset("who whom whose which where when although though while whereas including compared "
                          "during even because as but or a an than like unlike".split())


def _finite_within(words: list[str], n: int = 12) -> bool:
    """A finite verb (an auxiliary or an -ed form) among the first ``n`` words."""
    return any(w in _FINITE or (w.endswith("ed") and len(w) > 4) for w in words[:n])


def _rest_of_sentence(text: str, masked: str, pos: int, ue: int, lead_is_clause: bool) -> tuple[int, int] | None:
    """The rest of a sentence after a mid-sentence "according to X," when it goes on with the reported
    content, up to where content stops; None when it does not.

    It goes on with a verb or a clause when the words before the cue are not yet a clause ("Fundraising,
    according to X, has surged"; "The next day, according to X, the mayor made demands") or with "and" + a
    clause. An appositive of X without a verb is skipped
    ("according to Dana Ross, a former envoy, was …"); a relative or contrast ("which …", "although …") is
    the narrator's.
    """
    chunk = re.match(r"[^,;]*,", masked[pos:ue])
    if chunk and not _finite_within(_words(chunk.group())) and not chunk.group().lstrip().lower().startswith(
            ("and ", "but ")):
        pos += chunk.end()  # an appositive of X
    words = _words(masked[pos:min(ue, pos + 200)])
    if not words:
        return None
    first = words[0]
    if first in _REST_REFUSED:
        return None
    if first == "and":
        ok = len(words) > 1 and _finite_within(words[1:])
    elif first in _FINITE or first.endswith("ed"):
        ok = not lead_is_clause
    else:
        ok = not lead_is_clause and _finite_within(words[1:])
    if not ok:
        return None
    stop = content_stop(masked, pos, ue)
    s, e = trim(text, pos, stop if stop is not None else ue)
    return (s, e) if e - s >= 3 else None


def _words(s: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(s)]


def _use_quotes(c: Candidate, s: int, e: int, used: set[int]) -> None:
    """Mark the quotations inside ``s..e`` as taken by this attribution."""
    for q in c.quotes:
        if q.open >= s and q.close <= e + 1:
            used.add(id(q))


def speech_noun(c: Candidate, used: set[int]) -> Attribution | None:
    """A speech noun after a possessor: "Halloran's claim that …", "her assertion that …"."""
    text, masked, us, ue, cue = c.text, c.masked, c.start, c.end, c.cue
    w0 = max(us, cue.start - 80)
    poss = _POSSESSOR.search(masked[w0:cue.start])
    colon = COLON_QUOTE.match(masked, cue.end, ue)
    if colon is not None:
        return _noun_then_quote(c, colon.end() - 1, None if poss is None else w0, poss, used)
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


def _noun_then_quote(c: Candidate, quote_at: int, w0, poss, used: set[int]) -> Attribution | None:
    """A speech noun, a colon and a quotation: the quotation is direct speech of the possessor ("her
    answer: “…”") or of the sentence's subject ("Holm delivered a snappy retort: “…”"), else None."""
    q = next((x for x in c.quotes if x.open == quote_at and id(x) not in used), None)
    if q is None:
        return None
    if poss is not None:
        group = 1 if poss.group(1) else 2
        mention = (w0 + poss.start(group), w0 + poss.end(group))
    else:
        subject = _initial_subject(c.masked, c.start, c.cue.start)
        if subject is None:
            return None
        mention = (subject.start, subject.end)
    used.add(id(q))
    return Attribution("direct", [(q.content_start, q.content_end)], c.cue, mention, "")


def passive(c: Candidate) -> Attribution | None:
    """"…, as first reported by the Sarnethi Courier": content is the main clause, speaker after "by"."""
    masked, us, ue, cue = c.masked, c.start, c.end, c.cue
    if _AS_FRONT_PASSIVE.fullmatch(masked, us, cue.start):  # "As reported by the Ledger, …": the rest
        right = _right_subject(masked, BY.match(masked, cue.end, ue).end(), ue)
        comma = masked.find(",", right.end, ue) if right is not None else -1
        if comma < 0:
            return None
        s, e = trim(c.text, comma + 1, ue)
        if fewer_tokens(c.text, s, e, 3):
            return None
        return Attribution("indirect", [(s, e)], cue, (right.start, right.end), "")
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


#: What comes before a passive "asked": nothing but a conjunction from the unit's start (“Asked about …, Ek
#: said”, _ASKED_FRONT), or a subordinator ("when asked whether …") or a form of "be" ("Ek was asked about …").
_ASKED_FRONT = re.compile(r"\s*(?:(?:But|And|Yet|So)\s+)?")
_ASKED_LEAD = re.compile(r"(?:\b(?:[Ww]hen|[Aa]fter|[Oo]nce|[Bb]efore|[Ii]f|[Aa]s)\s+|"
                         r"\b(?P<be>was|were|is|are|been|being|be)\s+(?:\w+ly\s+|also\s+|even\s+|then\s+)?)$")
#: The question a passive "asked" reports: about something, or an indirect question.
_QUESTION_START = re.compile(r"(?:about|whether|if|why|how|what|when|where|who|whom|which)\b|"
                             r"to\s+(?!(?:the|a|an|his|her|their|its|this|that)\b)[a-z]+\b")  # (a request: "to name …")
#: Where or when the question was asked, before it: " in Iowa recently", " on Fox News", " at a briefing Monday".
_SETTING_BEFORE_QUESTION = re.compile(r"\s+(?:in|on|at|during|after|before|recently|again|later|earlier|last|this)\b"
                                      r"[^,;" + MASK + r"]{0,50}?(?=\s+(?:about|whether|if|why|how|what|who)\b)")
#: The one who asked, after "by": up to the question, a comma or a setting.
_ASKER = re.compile(r"\s*by\s+(?P<np>[^,;" + MASK + r"]{2,60}?)(?=\s+(?:about|whether|if|why|how|what|when|where|who|"
                    r"which|on|in|at|during|after|to)\b|\s*,)")


def asked(c: Candidate, used: set[int]) -> Attribution | None:
    """A passive "asked" and the question it reports: "Asked about the toll, Ek said …", "when asked
    whether he would run", "Ek was asked by a reporter about the strike". The asker after "by" speaks;
    otherwise nobody named does. The question runs to the next comma, or to the content's end."""
    masked, us, ue, cue = c.masked, c.start, c.end, c.cue
    if c.text[cue.start:cue.end].lower() != "asked":
        return None
    fronted = _ASKED_FRONT.fullmatch(masked, us, cue.start) is not None
    lead = None if fronted else _ASKED_LEAD.search(masked, max(us, cue.start - 30), cue.start)
    if not fronted and lead is None:
        return None
    pos, mention = cue.end, None
    by = _ASKER.match(masked, pos, ue)
    if by is not None:
        asker = by.group("np").strip()
        if not _speaker_like(asker):
            return None
        mention = (by.start("np"), by.start("np") + len(asker))
        pos = by.end()
    for _ in range(2):
        m = time_or_setting(masked[pos:ue])
        if not m or m.end() == 0:
            break
        pos += m.end()
    setting = _SETTING_BEFORE_QUESTION.match(masked, pos, ue)
    if setting is not None:  # "Asked in Iowa recently whether …", "Asked on Fox News who leads …"
        pos = setting.end()
    comma_before = masked[pos:pos + 2].lstrip().startswith(",")
    while pos < ue and masked[pos] in " ,":
        pos += 1
    question = _QUESTION_START.match(masked, pos, ue)
    if question is None or comma_before and question.group() in ("who", "which", "whom", "when", "where"):
        return None  # "asked by host Bill Maher, who is …": a relative clause about the asker
    passive = lead is not None and lead.group("be") is not None  # "was asked about …": to the content's end
    comma = masked.find(",", pos, ue) if not passive else -1
    stop = comma if comma > pos else content_stop(masked, pos, ue)
    s, e = trim(c.text, pos, ue if stop is None else stop)
    if fewer_tokens(c.text, s, e, 2):
        return None
    inner = [q for q in c.quotes if s <= q.open < e]
    for q in inner:
        used.add(id(q))
    return Attribution("mixed" if inner else "indirect", [(s, e)], cue, mention, "")

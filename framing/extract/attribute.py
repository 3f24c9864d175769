"""Find attributions in an article body: direct, split, multi-paragraph, indirect, mixed, according-to.

The unit of work is a paragraph split into sentence units (no quotation straddles two units). Quoted
spans are masked so that cues are only looked for in the narrator's words. One reporting-verb lexicon
(``framing/lexicons/reporting_verbs.csv``) drives detection and stance. The cue candidates come from
``framing.extract.cues``, the speaking noun phrase from ``framing.extract.subjects``; this module holds the rules that
join a cue, its subject and its content into an attribution, and the public ``extract_quotes``.

>>> [(q.kind, q.content, q.speaker) for q in extract_quotes('“We will not leave,” Ana Berg said.')]
[('direct', 'We will not leave,', 'Ana Berg')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .cues import _Cue, _cue_scan, _find_cues, _verbs
from .resources import AUDIENCE, INVISIBLE, MASK, SETTING_AFTER_CUE, TIME_AFTER_CUE, lowered_for_matching
from .resources import TOKEN as _TOKEN
from .segment import article_sentences, quote_spans, units
from .speakers import NAME_RUN_FAST, SpeakerResolver
from .subjects import _initial_subject, _left_subject, _right_subject

#: Anything but space, masked quotes and light punctuation before a quote: it does not open its paragraph.
_NOT_LEAD = re.compile(r"[^\s\ue000,.\u200b\u200c\u200d\u2060\ufeff]")
#: A wire dateline at the start of a paragraph: "PORT ASTER, Sarneth (CWS) -- ", "PORT ASTER — ".
DATELINE = re.compile(r"[A-Z][A-Z .'’\-]{2,}(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s*")


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
class _Attr:
    kind: str
    fragments: list
    cue: _Cue | None
    mention: tuple | None  # (start, end)
    context: str = ""
    inherit: object = None  # the _Attr a continuation takes its speaker from
    order: int = 0


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

_AUDIENCE_PP = re.compile(r"\s+(?:outside|at|in|after|before|during|on|from|by)\b[^,;.:" + MASK + r"]{0,50}?\bthat\s+")
_GAP_BEFORE = re.compile(r"[\s,.!?—–-]*")
_GAP_AFTER = re.compile(r"[\s,:]*(?:that\s*)?")
_GAP_COMMA = re.compile(r"[\s,]*")
_COORD_END = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|later\s+)?$|,\s*(?:also\s+)?$")
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

def _fewer_tokens(text: str, s: int, e: int, n: int) -> bool:
    """``len(_TOKEN.findall(text[s:e])) < n``, stopping at the n-th token."""
    for k, _ in enumerate(_TOKEN.finditer(text, s, e), 1):
        if k >= n:
            return False
    return True



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


_INVISIBLE_TO_SPACE = {ord(c): " " for c in INVISIBLE}


def _mask_runs(text, quotes):
    """The text with every quotation (marks included) replaced by MASK characters, offsets kept, and the
    (start, end) spans it masked."""
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

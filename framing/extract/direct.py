"""Direct and split quotes: a quotation right before the attributing clause or right after it.

- before: "“We will stay,” Ana Berg said." and the split form "“A,” she said, “B.”", with the earlier
  quotes of a run ("“A.” “B,” she said"); a quotation in the middle of the narrator's sentence makes
  mixed speech with the sentence's opening words ("Not paying the toll “makes me smart,” Ek said");
- after: "Ana Berg said: “We will stay.”", with the quotes that follow it in a list.

>>> from framing import extract_quotes
>>> [(q.kind, q.content) for q in extract_quotes('“We will stay,” she said, “whatever it costs.”')]
[('direct', 'We will stay,'), ('direct', 'whatever it costs.')]
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .content import _THAT_END, time_or_setting, trim
from .model import Attribution, Candidate, Clause
from .resources import MASK, duration_later

_GAP_BEFORE = re.compile(r"[\s,.!?—–-]*")
#: A fronted participle or preposition right before a quotation: "Citing “…”", "Calling it “…”".
_PHRASE_WORD_BEFORE = re.compile(r"(?<!\S)(?:[Cc]iting|[Cc]alling|[Dd]escribing|[Qq]uoting|[Ll]abel+ing|[Dd]ubbing|"
                                 r"[Ii]nvoking|[Uu]nder|[Ww]ith|[Ff]or|[Aa]s)\s+(?:it\s+|them\s+|him\s+|her\s+)?$")
#: A manner adverb between the cue and the comma or colon before its quotation: "said simply: “…”".
_MANNER = r"(?:\s*(?<![a-z])[a-z]{2,}ly(?=\s*[,:]))?"
_GAP_AFTER = re.compile(_MANNER + r"[\s,:]*(?:that\s*)?")
#: A prepositional aside between commas after the clause, before its quotation: ", to rowdy applause, ".
_ASIDE_GAP = re.compile(r"\s*(?:to|with|at|in|on|amid|after|before|during|over)\s[^,;:“”\"\n" + MASK + r"]{2,40},\s*")
_GAP_COMMA = re.compile(_MANNER + r"[\s,]*")
#: What the quotation is about, between the cue and a comma or colon before it: " of the plan, ".
_TOPIC_GAP = re.compile(r"\s+(?:of|about)\s+[^,:;.!?" + MASK + r"]{1,60}[,:]\s*")
_WORD_CHAR = re.compile(r"\w")
_LIGHT_PUNCT = re.compile(r"[\s,.:;—–-]*")
#: Marks among the last non-word characters of a quotation that end or pause its sentence: "“…,” he said"
#: (a dash too), and those that let the narrator's sentence go on after it.
_PAUSE_MARKS = frozenset(",.!?…—–-")
_SENTENCE_MARKS = frozenset(".!?,;:…")
_BARE_SUBJECT_GAP = re.compile(r"\s+(?:(?:[A-Z][\w.’'\-]*\s+){1,4}|(?:he|she|they|we|I)\s+)")
_AND_GAP = re.compile(r"\s+(?:and|but)\s")
_SHORT_GAP = re.compile(r"[,.!?]?\s*[\w’'\- ]{0,60}")
#: A participle between a quotation and a later cue word: "“…,” raising questions" (no attribution of its own).
_PARTICIPLE_IN_GAP = re.compile(r"\b[a-z]{3,}ing\b")
#: A subordinator just before a cue after a quotation: its own clause, not the quotation's attribution.
_SUBORDINATE_GAP = re.compile(r"\b(?:when|if|after|before|once|as|while)\s+$")
#: The quotation's own sentence going on after its inverted clause: ", that both men …", ", would use …".
_CLAUSE_GOES_ON = re.compile(r"\s*,\s*((?:that|would|will|could|should|can|is|was|are|were|has|had|have)\s)")
#: Words right after a quotation's closing mark: the narrator's clause goes on around a quoted fragment.
_RUNS_ON = re.compile(r"\s+(?:[a-z][\w’'\-]*)")
_LIST_GAP = re.compile(r"[\s,.;]*")
_TAIL_GAP = re.compile(r"(?:\s+of\s+[^,;:.!?\"“”‘’]{1,60},|,\s*[a-z]{3,}ing\s[^,;:.!?\"“”‘’]{1,60},)?"
                       r"[\s,.:;—–-]*(?:(?:but|and)\s+)?")  # (“…,” he said of X, “…”; he said, referring to X, “…”)
#: A fronted adverb or short phrase before a quotation, which is not part of what was said ("Later,").
_SHORT_FRONTED = re.compile(r"[\w’'\-]+(?:\s+[\w’'\-]+){0,2},")
#: The narrator's words that open the sentence of a quotation ending before its clause (no colon: a label).
_LEAD = re.compile(r"\s*(\w[^:]*?\w[^:]*?)\s*")


def quote_before(c: Candidate, clause: Clause, used: set[int]) -> Attribution | None:
    """The quotation that ends just before the clause, with the rest of a split quote, or None."""
    masked, uq = c.masked, c.quotes
    k = bisect_left([q.close for q in uq], clause.start + 1)
    if not k:
        return None
    q = uq[k - 1]  # only the nearest quote before the clause can be adjacent to it
    if q.close > clause.start or not _GAP_BEFORE.fullmatch(masked, q.close, clause.start) or id(q) in used:
        return None
    if _PHRASE_WORD_BEFORE.search(masked, max(c.start, q.open - 20), q.open):
        return None  # "Citing “obligations at home,” the spokeswoman told …": the quote is in a fronted phrase
    if clause.participle and any(o is not c.cue and o.end <= q.open and _GAP_AFTER.fullmatch(masked, o.end, q.open)
                                 for o in c.cues):
        return None  # "…, chanting “No Holm,” raising questions": the quotation is the earlier cue's
    frags = [q]
    # earlier quotes of a split quote in the same unit: “A,” … “B,” he said
    for q2 in reversed([x for x in uq if x.close <= q.open]):
        if id(q2) in used or _WORD_CHAR.search(masked, q2.close, frags[0].open):
            break
        frags.insert(0, q2)
    # quotes after the clause: “A,” he said, “B.”, “A,” he said, but “B.”
    after = clause.content_from if clause.audience and clause.content_from > clause.end else clause.end
    # (after an audience: “A,” Ek told reporters, “B.”)
    tail = [x for x in uq if x.open >= after and _TAIL_GAP.fullmatch(_after_time(masked, after, x.open))]
    frags += tail[:1]
    lead = _LEAD.fullmatch(masked, c.start, frags[0].open)
    if lead is None or any(c.start <= o.start < frags[0].open for o in c.cues) or \
            _SHORT_FRONTED.fullmatch(lead.group(1)):
        rest = _CLAUSE_GOES_ON.match(masked, after, c.end) if not tail and frags[-1].close <= clause.start else None
        if rest is not None and not any(o.start >= after for o in c.cues if o is not c.cue) and MASK not in \
                masked[rest.end():c.end]:  # “It's our bad luck,” he said, that both men had ties to the mosque
            spans = [(x.content_start, x.content_end) for x in frags] + [trim(c.text, rest.start(1), c.end)]
            return _mixed(c, clause, frags, spans, used)
        return _direct(c, clause, frags, used)  # (not after "Later," or "On Monday,": a fronted adjunct)
    # “…” in the middle of the narrator's sentence: "Not paying taxes “makes me smart,” Ek said" is mixed
    spans = [(lead.start(1), frags[0].close)] + [(x.content_start, x.content_end) for x in frags[1:]]
    return _mixed(c, clause, frags, spans, used)


def quote_after(c: Candidate, clause: Clause, used: set[int], runs_on: bool = False):
    """The quotation that opens just after the clause (with the quotes listed after it), or None.

    Returns False when that quotation has an attribution of its own right after it ("She said: “…,”
    he said"): the cue after the quote is its attribution, and this cue none. A quoted fragment that the
    narrator's clause runs on after ("admitted “one or two instances” where …") is left to the reported
    clause (mixed), unless ``runs_on`` (no such clause was found: "said “no” and left").
    """
    masked, uq, after_pos, clause_end = c.masked, c.quotes, clause.content_from, clause.end
    k = bisect_left([q.open for q in uq], clause_end)
    if k == len(uq):
        return None
    q = uq[k]  # only the nearest quote after the clause can be adjacent to it
    aside = _ASIDE_GAP.fullmatch(masked, after_pos, q.open) if masked[max(0, after_pos - 4):after_pos].rstrip().endswith(
        ",") else None  # "told his audience, to rowdy applause, “…”": the content starts after the aside
    topic = _TOPIC_GAP.fullmatch(masked, clause_end, q.open)  # "Ek said of the plan, “It is dead.”"
    if q.open - after_pos >= 200 or not (_GAP_AFTER.fullmatch(masked, after_pos, q.open) or aside or topic):
        return None
    between = masked[clause_end:q.open]
    if not (between.count(":") or between.strip(" ,") == "" or _GAP_COMMA.fullmatch(masked, after_pos, q.open) or aside
            or topic):
        return None
    if id(q) in used or _THAT_END.search(between):
        return None
    marks = _closing_run(c.text, q.content_start, q.content_end)
    ends = not _PAUSE_MARKS.isdisjoint(marks) or \
        masked[q.close:q.close + 2].lstrip()[:1] in (",", ".", "!", "?")  # (“…,” he said; not “…” every time he …)
    if any(o is not c.cue and o.start >= q.close and _SHORT_GAP.fullmatch(masked, q.close, o.start) and
           (ends or _BARE_SUBJECT_GAP.fullmatch(masked, q.close, o.start)) and  # (“…” Farinloye says)
           not _AND_GAP.match(masked, q.close, o.start) and  # ("declared “What a night!” and said that …")
           not _SUBORDINATE_GAP.search(masked, q.close, o.start) and not masked.startswith("ing", o.end - 3)
           and not _PARTICIPLE_IN_GAP.search(masked, q.close, o.start) for o in c.cues):
        return False  # “…,” he said: the cue after the quote is its attribution (not "…,” when asked", "…,” adding)
    if not runs_on and _RUNS_ON.match(masked, q.close, c.end) and \
            _SENTENCE_MARKS.isdisjoint(marks):
        return None  # "admitted “one or two instances” where donations slipped": the clause runs on, mixed
    frags = [q]
    for x in uq:
        if x.open > q.close and id(x) not in used and _LIST_GAP.fullmatch(masked, frags[-1].close, x.open):
            frags.append(x)
    return _direct(c, clause, frags, used)


def _direct(c: Candidate, clause: Clause, quotes: list, used: set[int]) -> Attribution:
    for x in quotes:
        used.add(id(x))
    return Attribution("direct", [(x.content_start, x.content_end) for x in quotes], c.cue, clause.mention,
                       clause.context, inherit=clause.inherited)


def _closing_run(text: str, start: int, end: int) -> str:
    """The non-word characters that end ``text[start:end]`` (what ``\\W*$`` matches there): "We stay," -> ",".
    Read from the end, not searched for along the whole quotation."""
    i = end
    while i > start and not _WORD_CHAR.match(text, i - 1):
        i -= 1
    return text[i:end]


def _mixed(c: Candidate, clause: Clause, quotes: list, spans: list, used: set[int]) -> Attribution:
    """A mixed attribution of ``spans`` that holds ``quotes``, now used."""
    for x in quotes:
        used.add(id(x))
    return Attribution("mixed", spans, c.cue, clause.mention, clause.context, inherit=clause.inherited)


def _after_time(masked: str, start: int, end: int) -> str:
    """``masked[start:end]`` after a time or setting phrase at its start."""
    rest = masked[start:end]
    m = time_or_setting(masked[start:end + 1])  # (with the quotation's first mark: a title right after a medium)
    if m is None:
        m = duration_later(masked[start:end], 0, end - start)  # "he stated a day earlier, “…”"
    return rest[m.end():] if m and m.end() <= len(rest) else rest

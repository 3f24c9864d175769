"""Find attributions in an article body: direct, split, multi-paragraph, indirect, mixed, according-to.

The unit of work is a paragraph split into sentence units (no quotation straddles two units). Quoted
spans are masked so that cues are only looked for in the narrator's words. One reporting-verb lexicon
(``framing/lexicons/reporting_verbs.csv``) drives detection and stance.

This module walks the paragraphs and units and hands each cue candidate to its rule family:
- ``forms``: "according to X", speech nouns ("her claim that"), passives ("as reported by X");
- ``clause``: who speaks for a verb cue (left subject, inherited, or right of an inverted cue);
- ``direct``: a quotation right before or after the clause, split quotes;
- ``indirect``: content before a sentence-final clause or after the cue, with its boundaries;
- ``continuation``: quotes with no cue of their own (split continuations, quote paragraphs, colon intros);
- ``layout``: transcript lines ("VALK: …") and signed quotes ("“…” ― Ines Valk").
Then ``extract_quotes`` resolves each attribution's speaker (``speakers``).

>>> [(q.kind, q.content, q.speaker) for q in extract_quotes('“We will not leave,” Ana Berg said.')]
[('direct', 'We will not leave,', 'Ana Berg')]
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..read.formats import in_title_case, reads_as_headline
from . import direct, forms, indirect, layout
from .clause import verb_clause
from .continuation import Carry, close_paragraph
from .cues import _cue_scan, _find_cues, _verbs
from .model import Attribution, Candidate
from .names import NAME_RUN_FAST, _lists, org_named_after_head
from .resources import INVISIBLE, MASK, lowered_for_matching
from .segment import article_sentences, is_nickname, is_title, quote_spans, units
from .speakers import SpeakerResolver
from .subjects import in_fronted_phrase, relative_antecedent

#: A wire dateline at the start of a paragraph: "PORT ASTER, Sarneth (CWS) -- ", "PORT ASTER — ".
DATELINE = re.compile(r"[A-Z][A-Z .'’\-]{2,}(?:,\s*[A-Z][\w .]+)?\s*(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s*")
_MASK_RUN = re.compile(MASK + "+")


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


def find_attributions(text: str, excluded=(), verbs=None) -> list[Attribution]:
    """Every attribution in ``text``, in paragraph order, before speakers are resolved."""
    lex = verbs or _verbs()
    # an empty pair of marks (a stripped embed) is neither masked nor a quote
    paras, nicknames = [], []
    for ps, pe, sents in article_sentences(text, excluded):
        quotes = []
        for q in quote_spans(text, ps, pe):
            if q.content_end > q.content_start and not text[q.content_start:q.content_end].isspace():
                (nicknames if is_nickname(text, q, pe) else quotes).append(q)
        paras.append((ps, pe, sents, quotes))
    masked, runs = _mask_runs(text, [q for _, _, _, qs in paras for q in qs])
    for q in nicknames:  # Marcia “Cia” Price: the marks are read as spaces, the nickname as part of the name
        masked = (masked[:q.open] + " " * (q.content_start - q.open) + masked[q.content_start:q.content_end]
                  + " " * (q.close - q.content_end) + masked[q.close:])
    first_headline = bool(paras) and reads_as_headline(text[paras[0][0]:paras[0][1]])
    first_title_case = first_headline and in_title_case(text[paras[0][0]:paras[0][1]])
    if first_title_case:
        masked = layout.sentence_cased(masked, paras[0][0], paras[0][1], lex.forms)  # "Ek Announces Bill …"
    lowered = lowered_for_matching(masked)
    if lowered is not None:  # the cue words of the whole article in one scan, shared out to the units
        scan = _cue_scan(lex)
        scan_text = _scan_text(lowered, runs)
        cue_spans = scan.spans(scan_text)
    found: list[Attribution] = []
    carry = Carry()
    for number, (ps, pe, sents, quotes) in enumerate(paras):
        headline = number == 0 and first_headline
        title_case = number == 0 and first_title_case
        opens = [q.open for q in quotes]
        para_attrs: list[Attribution] = []
        used: set[int] = {id(q) for q in quotes if is_title(text, q, ps)}  # on CBS’ “Face the Nation”
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
            cues = _find_cues(masked, us, ue, lex, lowered, spans, title_case)
            if cues:
                uq = quotes[bisect_left(opens, us):bisect_left(opens, ue)]
                para_attrs += _unit(text, masked, us, ue, uq, cues, used)
        label = layout.headline_label(text, ps, pe) if headline and para_attrs else None
        if label is not None and not any(w.lower() in lex.forms for w in text[slice(*label.mention)].split()):
            # "Rubio: I Still Believe Trump …": the speaker's words, cue and all (not "Ek Addresses Fire: …")
            para_attrs, used = [label], used | {id(q) for q in quotes}
        if quotes:  # "Clinton: “…”": a name and a colon before a quotation
            para_attrs += layout.labelled_quotes(text, quotes, ps, used)
        if not para_attrs:  # no cue: a labelled headline, a transcript line or a signed quote
            made = layout.headline_label(text, ps, pe) if headline else None
            if made is None:
                para_attrs += layout.signed_quotes(text, quotes, pe, used)
                if not para_attrs and (not quotes or text[ps] in "\"“"):
                    made = layout.transcript_line(text, ps, pe)
                    if made is not None:  # '"EK: It is not fair.': the marks belong to the transcript
                        used.update(id(q) for q in quotes)
                if not para_attrs and made is None and not quotes:
                    made = layout.pull_quote(text, ps, pe)
            if made is not None:
                para_attrs.append(made)
        found += close_paragraph(text, masked, ps, pe, quotes, para_attrs, used, carry)
    seen: set[int] = set()
    uniq = []
    for a in found:
        if a.fragments and id(a) not in seen:
            seen.add(id(a))
            uniq.append(a)
    return uniq


def _unit(text, masked, us, ue, uq, cues, used) -> list[Attribution]:
    """The attributions of one sentence unit: each cue through its rule family, then nested contents
    separated."""
    unit_attrs: list[Attribution] = []
    for cue in cues:
        a = attribution(Candidate(text, masked, us, ue, uq, cues, cue), unit_attrs, used)
        if a is not None:
            unit_attrs.append(a)
    return indirect.separate_nested(unit_attrs, text, masked, uq)


def attribution(c: Candidate, unit_attrs: list[Attribution], used: set[int]) -> Attribution | None:
    """The attribution a cue candidate makes, or None: the rule families in the order they are tried."""
    if c.cue.form == "according":
        return forms.according_to(c, used)
    if c.cue.form == "noun":
        return forms.speech_noun(c, used)
    if c.cue.verb.lemma == "ask":
        found = forms.asked(c, used)
        if found is not None:
            return found
    if forms.BY.match(c.masked, c.cue.end, c.end) and not forms.BY_MEANS.match(c.masked, c.cue.end, c.end):
        return forms.passive(c)
    clause = verb_clause(c, unit_attrs)
    if clause is None:
        return None
    found = direct.quote_before(c, clause, used)
    if found is not None:
        return found
    found = direct.quote_after(c, clause, used)
    if found is not None:
        return found or None  # False: the quote after the clause has its own cue
    rest = indirect.rest_of_unit(c, clause)
    if indirect.is_colon_intro(rest) or clause.audience and indirect.is_colon_intro(c.masked[clause.content_from:c.end]):
        # the quote follows in the next paragraph (see continuation): "He said:", "He told his audience:"
        return Attribution("direct", [], c.cue, clause.mention, clause.context, inherit=clause.inherited)
    if (indirect.ends_its_sentence(rest, inverted=clause.mention is not None and clause.mention[0] > c.cue.start)
            # "…, Ines Valk told the council on Thursday.": only an audience and a time follow the cue
            or clause.audience and indirect.ends_its_sentence(c.masked[clause.content_from:c.end], phrases=True)
            or indirect.only_phrases_follow(c, clause, rest)) \
            and not indirect.opens_with_topic(c, clause, rest):
        return indirect.content_before(c, clause, used)
    if indirect.is_parenthetical(c, clause, rest):
        return indirect.content_around(c, clause, used)
    return indirect.content_after(c, clause, used) or direct.quote_after(c, clause, used, runs_on=True) or None


#: Documents that someone speaks in and that speak for them later ("said in a statement" … "The statement").
_SAID_IN = r"(statement|report|memo|study|letter|survey|analysis|release)"
#: A setting that names a document right after a cue: "said in a statement", "wrote in a recent report".
_IN_DOCUMENT = re.compile(r"\s+in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'\-]+\s+){0,2}?" + _SAID_IN + r"\b")
#: A document described with "the" as a speaker: "The statement", "the new report".
_DEFINITE_DOCUMENT = re.compile(r"[Tt]he\s+(?:[\w’'\-]+\s+)?" + _SAID_IN)
#: A definite description of one word: "the company", "The group".
_DEFINITE_HEAD = re.compile(r"[Tt]he\s+([a-z]+)")

#: A slash and an agency after a name: a photo credit ("Tijana Martin / The Canadian Press"), nobody in the story.
_CREDIT_AFTER = re.compile(r"[ \t]*/[ \t]*(?:The\s+)?[A-Z]")
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


# --------------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------------

#: A capitalised word opening a sentence: a person named again in narrative ("Brell walked …", "Adebanjo, a
#: soft-spoken diplomat, struck …").
_SENTENCE_SUBJECT = re.compile(r"(?:^|[.!?”\"]\s|\n)\s*(?:[A-Z][a-z]+\s+)?([A-Z][a-z’'\-]+(?:[A-Z][a-z’'\-]+)?)"
                               r"(?:\s+|,\s+(?=an?\s|the\s))(?!said)[a-z]")


#: _SENTENCE_SUBJECT without its ``^`` branch (which only matches at 0): it starts with a character class, so
#: ``re`` skips ahead to the next full stop or newline instead of trying every position.
#: Its first character is a set (a newline needs nothing after it, a full stop or a closing mark needs a space),
#: which is what lets ``re`` skip: an alternation of a set and a literal does not.
#: A surname, perhaps with a capital inside it ("McCallum", "DeSoto").
_SURNAME = r"([A-Z][a-z’'\-]+(?:[A-Z][a-z’'\-]+)?)"
_SUBJECT_AFTER_BREAK = re.compile(r"[.!?”\"\n](?:(?<=\n)|\s)\s*(?:[A-Z][a-z]+\s+)?" + _SURNAME +
                                  r"(?:\s+|,\s+(?=an?\s|the\s))(?!said)[a-z]")
_SUBJECT_AT_START = re.compile(r"\s*(?:[A-Z][a-z]+\s+)?" + _SURNAME + r"(?:\s+|,\s+(?=an?\s|the\s))(?!said)[a-z]")


#: A surname after a fronted phrase and its comma, before a finite verb: "Speaking in Orsk on Thursday,
#: Ek denied …" (group 1).
_SUBJECT_AFTER_COMMA = re.compile(r",\s+" + _SURNAME + r"\s+(?!said\b|says\b)[a-z]+(?:ed|es)\b")


def _sentence_subjects(text: str):
    """Sentence subjects in reading order: the matches of ``_SUBJECT_AT_START`` and ``_SUBJECT_AFTER_BREAK``
    (found faster than one pattern would), merged with those of ``_SUBJECT_AFTER_COMMA``."""
    first = _SUBJECT_AT_START.match(text)
    after_break = _SUBJECT_AFTER_BREAK.finditer(text, first.end() if first is not None else 0)
    after_comma = _SUBJECT_AFTER_COMMA.finditer(text)
    if first is not None:
        yield first
    yield from heapq.merge(after_break, after_comma, key=lambda m: m.start(1))


def _sentence_start(text: str, pos: int) -> int:
    """Roughly where the sentence holding ``pos`` starts: after the last line break or ". " (at most 200
    characters back)."""
    stop = text.rfind(". ", 0, pos)
    return max(text.rfind("\n", 0, pos) + 1, stop + 2 if stop >= 0 else 0, pos - 200, 0)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a paragraph or a sentence (only space after a full stop before it)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] == "," and i < pos - 1:  # "Later, Ines Valk …", "On Monday, …": after a fronted phrase
        fronted = _FRONTED_PHRASE.search(text, max(0, i - 40), i)
        if fronted is not None:
            i = fronted.start() - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
    return i < 0 or text[i] in "\n\r" or (text[i] in ".!?" and i < pos - 1)


#: A short phrase that opens a sentence before its subject and a comma ("Later", "On Monday", "First though").
_FRONTED_PHRASE = re.compile(r"(?<![\w,’'])[A-Z][\w’']*(?:\s+[\w’']+){0,3}$")


def extract_quotes(text: str, excluded=(), verbs=None) -> list[Quote]:
    """All attributions in ``text`` with canonical speakers (parties and sentiment left empty).

    ``excluded`` holds boilerplate spans (objects with ``start``/``end`` or pairs); nothing inside them
    yields a quote. ``verbs`` is a :class:`framing.lexicon.VerbLexicon` (the shipped one by default).
    """
    attrs = find_attributions(text, excluded, verbs)
    attrs.sort(key=lambda a: a.fragments[0][0])
    resolver = SpeakerResolver()
    # names and sentence subjects in reading order, read only as far as the last attribution needs
    names = NAME_RUN_FAST.finditer(text)
    subjects = _sentence_subjects(text)
    name = next(names, None)
    subject = next(subjects, None)
    out: list[Quote] = []
    resolved: dict[int, tuple] = {}
    said_in: dict[str, tuple] = {}  # "the statement" -> who spoke "in a statement" last
    for n, a in enumerate(attrs, 1):
        first = a.mention[0] if a.mention is not None else a.fragments[0][0]
        while name is not None and name.start() < first:
            if not _CREDIT_AFTER.match(text, name.end()):  # "Tijana Martin / The Canadian Press": a photo credit
                possessor = name.group().endswith(("’s", "'s"))  # named, but not the sentence's subject
                fronted = text.startswith(",", name.end()) and \
                    in_fronted_phrase(text, _sentence_start(text, name.start()), name.start())  # (an appositive needs a comma)
                resolver.note_names(name.group(), not possessor and _opens_sentence(text, name.start()),
                                    "" if fronted else text[name.end():name.end() + 80])  # (no appositive: "With
                # hosts Joe Berg and Mika Dahl, the candidate said": the candidate is not Mika Dahl)
                resolver.note_lead_noun(name.group(), text[max(0, name.start() - 30):name.start()])
            name = next(names, None)
        while subject is not None and subject.start(1) < first:
            if not subject.group(1).endswith(("’s", "'s")):  # "Hemmel’s request was …": not Hemmel
                resolver.touch(subject.group(1))
            subject = next(subjects, None)
        if a.mention is not None:
            mention_text = text[a.mention[0]:a.mention[1]]
            ctx = a.context if a.context != "participle" else ""
            ctx = _MASK_RUN.sub("“…”", ctx) if MASK in ctx else ctx  # the context comes from the masked text
            tail = text[a.mention[1]:a.mention[1] + 120]
            if mention_text.lower() in ("who", "that", "which") or mention_text.lower().endswith(" whom"):
                # "Ana Berg, who said …", "the families, many of whom say …": the antecedent speaks
                antecedent = relative_antecedent(text, a.mention[0])
                sp = resolver.resolve(text[antecedent[0]:antecedent[1]], tail, ctx) if antecedent else \
                    resolver.resolve("someone", tail, ctx)
            else:
                head = _DEFINITE_HEAD.fullmatch(mention_text)
                if head is not None and head.group(1).lower() in _lists()["orgs"]:  # "the company": named how?
                    org = org_named_after_head(text, head.group(1).lower(), a.mention[0])
                    if org is not None:
                        resolver.note_org(head.group(1), org)
                sp = resolver.resolve(mention_text, tail, ctx)
            desc = "; ".join(d for d in sp.descriptors if d and d.strip())[:200] or None
            info = (sp.canonical, sp.type, sp.named, mention_text, a.mention[0], a.mention[1], desc)
            document = _DEFINITE_DOCUMENT.fullmatch(mention_text)
            if document is not None and document.group(1).lower() in said_in:
                # "The statement said …" after "The association said in a statement …": the association
                info = said_in[document.group(1).lower()][:3] + info[3:]
        else:
            src = a.inherit
            while src is not None and id(src) not in resolved and src.inherit is not None:
                src = src.inherit
            base = resolved.get(id(src)) if src is not None else None
            if base is None:
                info = ("unknown", "anonymous", False, None, None, None, None)
            else:
                # the inherited subject and its mention span: "… and said", ", adding", a continuation quote
                info = base
        resolved[id(a)] = info
        setting = _IN_DOCUMENT.match(text, a.cue.end) if a.cue is not None and info[3] is not None else None
        if setting is not None:
            said_in[setting.group(1).lower()] = info
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

"""The attributing clause of a verb cue: who speaks, and where the clause starts and ends.

The subject is looked for left of the cue ("Ana Berg said"); a coordinated or participial cue ("… and
said", ", adding") inherits the speaker of the attribution before it in the unit; an inverted cue
("…,” said the official") takes the noun phrase on its right.

>>> from framing.extract.cues import _find_cues, _verbs
>>> from framing.extract.model import Candidate
>>> text = "Ana Berg, the envoy, said on Monday that talks would resume."
>>> cue = _find_cues(text, 0, len(text), _verbs())[0]
>>> clause = verb_clause(Candidate(text, text, 0, len(text), [], [cue], cue), [])
>>> text[slice(*clause.mention)], clause.context, text[clause.content_from:]
('Ana Berg', 'the envoy', 'talks would resume.')
"""

from __future__ import annotations

import re

from .content import TOPIC, TOPIC_VERBS, content_start, has_that, speech_complement
from .cues import _verbs
from .initial import _initial_subject
from .model import Attribution, Candidate, Clause
from .names import anonymity_marker_at
from .resources import DOCUMENTS, MASK, NAMING_VERBS
from .subjects import Subject, _left_subject, _right_subject

_PARTICIPLE_LEAD = re.compile(r",\s*(?:(?:before|after|while|by|then|all\s+while)\s+)?(?:\w+ly\s+|also\s+)?$")
_COMMA_QUOTE_LEAD = re.compile(r",(?:[”\"’]|'')\s*$")
#: A preposition that opens a sentence with a participle cue: "After saying …,", "Before announcing …,".
_PREP_LEAD = re.compile(r"\s*(?:After|Before|While|Since|Upon|Despite|Without|By)\s+")
#: The comma that ends a fronted phrase, inside a quotation's marks too: ",” she was …".
_MAIN_CLAUSE_COMMA = re.compile(r",[”\"’]?\s+")
#: A coordinating word before a cue whose subject is the clause's, perhaps with auxiliaries and adverbs
#: between ("… and said", "… but has since said", "…, but now said").
_COORD_LEAD = re.compile(r"\b(?:and|but|while|also|then)\s+(?:(?:has|have|had|will|would|did|now|since|then|later|also|"
                         r"still|again|quickly|publicly|repeatedly)\s+){0,3}$|\b(?:and|but|while|also|then)\s*$|"
                         r"\b(?:and|but)(?:\s+then)?\s*,[^,;:" + MASK + r"]{2,60},\s*$")  # (", and, behind her back, sniffed")
#: A relative pronoun as the subject of a cue ("who", "many of whom"), with the auxiliaries and adverbs that may
#: follow it.
_RELATIVE_BEFORE = re.compile(r"\b((?:many|some|most|all|several|few|none|both|one|two|three|half|each)\s+of\s+whom|"
                              r"who)\s+(?:(?:also|later|then|has|have|had|previously|once|recently|repeatedly|"
                              r"publicly|long|often|never|always|herself|himself|finally)\s+){0,3}$")
#: "that" or "which" after a noun, right before a cue: a relative pronoun that is the cue's subject ("a report
#: that alleged …"); the word before it is checked by :func:`_relative_that`.
_THAT_BEFORE = re.compile(r"\b([A-Za-z][\w’'\-]*)(?:\s+(that)|,?\s+(which))\s+(?:(?:also|later|then|has|have|had|"
                          r"first|[a-z]+ly)\s+){0,2}$")
_DETERMINER_END = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]his)\s+(?:[\w’'\-]+\s+)?$")
_NOT_BEFORE_RELATIVE = frozenset("so such now given except fact is was are were be been and or but than".split())


def _relative_that(masked: str, us: int, cue_start: int) -> tuple[int, int] | None:
    """Where a relative "that"/"which" before a cue after a noun is, or None: not after a verb ("said that
    claimed"), a conjunction or "so"."""
    m = _THAT_BEFORE.search(masked, max(us, cue_start - 60), cue_start)
    if m is None:
        return None
    before = m.group(1).lower()
    noun_after_determiner = _DETERMINER_END.search(masked, max(us, m.start(1) - 30), m.start(1)) is not None
    if before in _NOT_BEFORE_RELATIVE or before.endswith(("ly", "ing")) or \
            before in _verbs().forms and not noun_after_determiner:
        return None  # (but "a report that alleged …": a noun that is also a verb form, after its determiner)
    return m.span(2) if m.group(2) else m.span(3)


#: A form of "be" before a past participle cue: a passive ("She was told that …", "have been accused of"),
#: whose subject is the one spoken to or about, not the speaker.
_BE_FORMS = frozenset("is are was were be been being am".split())
_PASSIVE_ADVERBS = frozenset("not never also often repeatedly widely long".split())


_PERFECT_BE = frozenset(("been", "being"))


def _is_passive(before: str, be_forms: frozenset = _BE_FORMS) -> bool:
    """Whether the words before a cue end with a form of "be" and at most two adverbs ("was told", "have
    been repeatedly accused"); ``be_forms`` narrows the forms ("been" and "being" alone: never a copula)."""
    words = before.split()[-3:]
    for _ in range(2):
        if words and (words[-1] in _PASSIVE_ADVERBS or words[-1].endswith("ly") and words[-1].islower()):
            words.pop()
    return bool(words) and words[-1].lower() in be_forms


#: A document (or a few calls) right before a participle cue: "a sign saying …", "a tweet saying that …".
_DOCUMENT_BEFORE = re.compile(r"\b((?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'\-]+\s+){0,2}?(?:"
                              + "|".join(sorted(DOCUMENTS)) + r"|calls)s?)\s+$")
#: A verb of issuing right before a document: "released a statement saying", "has sent a letter urging".
_ISSUED_BEFORE = re.compile(r"\b(?:issu|releas|s[ae]nt|send|post|publish|put out|wr[io]te|tweet|file|sign|ran|run|air|"
                            r"plac|launch|unveil|shar|e-?mail|deliver|gave|give|circulat|distribut)[a-z]*\s+$")
#: After an inverted subject, the list of acts it would be part of goes on: ", and made …".
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:and|or)\s+(?:then\s+|also\s+)?[a-z]+(?:ed|ew|ade|ook|aid|ent)\b")
#: A passive verb phrase coordinated before a cue: the cue is passive too ("was fined and told to leave").
_PASSIVE_THEN_AND = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b[^,;.]{0,60}\sand\s+$")
#: "…, telling them, “…”", "…, telling the Courier: “…”", "… and called him “…”": an audience or the
#: object named between the cue and the quotation.
_OBJECT_QUOTE_VERBS = frozenset("tell write email text call dub brand label".split())
_AUDIENCE_THEN_QUOTE = re.compile(r"\s*(?:him|her|them|us|me|reporters|supporters|voters|the\s+[A-Z]?[\w’'\-]+|"
                                  r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3})\s*[,:]?\s*" + MASK)
_TOLD_VERBS = frozenset("tell inform assure notify brief warn advise".split())
_TO_NEXT = re.compile(r"\s+to\s+[a-z]")
_THAT_OR_QUOTE = re.compile(r"\s*(?:,\s*)?(?:that\b|[\s,:]*" + MASK + ")")


#: Categories whose ambiguous verbs report feelings or permissions more often than speech when a
#: participle has no "that" ("feeling it rise", "fuming about the rose", "allowing the procedure").
_NOT_SPEECH_ALONE = frozenset(("tentative", "emotive", "concessive"))


def _after_document(before: str) -> bool:
    """The quick test for _DOCUMENT_BEFORE: the word before the cue is a document or "calls"."""
    word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    return word == "calls" or word in DOCUMENTS or word.endswith("s") and word[:-1] in DOCUMENTS


def _speech_follows(masked: str, cue_end: int, ue: int, verb) -> bool:
    """Whether what follows an ambiguous participle is speech: a complement of speech (a naming one,
    "calling him a “loser.”"; a promise, "promising to lift the cap"), or an audience or object and then
    "that" ("telling supporters in Orsk that …")."""
    if verb.category not in _NOT_SPEECH_ALONE and speech_complement(masked[cue_end:ue], verb):
        return True
    topic = TOPIC.match(masked, cue_end, ue) if verb.lemma in TOPIC_VERBS else None
    if topic is not None and not topic.group().rstrip().endswith("on"):
        return True  # "…, talking about the crisis": a topic of speech (not "speaking on condition of …")
    start, audience = content_start(masked, cue_end, ue, verb)
    return has_that(masked, cue_end, start)  # "telling supporters in Orsk that", "stating on the radio that"


def verb_clause(c: Candidate, unit_attrs: list[Attribution]) -> Clause | None:
    """The clause of the verb cue ``c.cue``, or None when it has no speaker (not an attribution).

    ``unit_attrs`` are the attributions found earlier in the unit: an inheriting cue takes the last of
    them that has a speaker.
    """
    masked, us, ue, cue = c.masked, c.start, c.end, c.cue
    verb = cue.verb
    lw = c.text[cue.start:cue.end].lower()
    ing = lw.split(None, 1)[0].endswith("ing")  # a participle, of a phrase too ("referring to", "calling for")
    that_or_quote = _THAT_OR_QUOTE.match(masked, cue.end, ue) is not None
    # "was fined and told he must leave": a passive coordinated before the cue makes the cue passive too
    after_passive = not ing and masked[max(us, cue.start - 5):cue.start].rstrip().endswith("and") \
        and _PASSIVE_THEN_AND.search(masked, max(us, cue.start - 80), cue.start) is not None
    # "Musk was ordered to step down": the subject of a passive order is told, not telling
    ordered = verb.object == "person_to" and _TO_NEXT.match(masked, cue.end, ue) is not None or \
        verb.lemma in _TOLD_VERBS  # ("Cable was told he had three months": told, not telling)
    passive = after_passive or not ing and (that_or_quote or ordered or verb.lemma in NAMING_VERBS) \
        and _is_passive(masked[max(us, cue.start - 40):cue.start])  # (only these passives change the clause)
    # "Orsk’s ambitions have barely been mentioned in the race": "been" makes any cue passive, its speaker unnamed
    perfect = not passive and not ing and _is_passive(masked[max(us, cue.start - 40):cue.start],
                                                                      _PERFECT_BE)
    if passive and verb.lemma in NAMING_VERBS and not that_or_quote:
        return None  # "Oz has been called a charlatan": the one named is the subject, the namers unnamed
    if passive and (that_or_quote or ordered or after_passive) or perfect:
        # a passive: nobody named speaks ("She was told that the toll would rise": she is the hearer)
        content_from, audience = content_start(masked, cue.end, ue, verb)
        return Clause(None, "", cue.start, cue.end, None, False, content_from, audience)
    document = _DOCUMENT_BEFORE.search(masked, max(us, cue.start - 60), cue.start) \
        if ing and _after_document(masked[max(us, cue.start - 20):cue.start]) else None
    left = issuer = None
    if document is not None:  # "she released a statement saying, “…”": who issued it speaks through it
        issued = _ISSUED_BEFORE.search(masked, max(us, document.start(1) - 30), document.start(1))
        issuer = _left_subject(masked, us, issued.start()) if issued is not None else None
        left = issuer or Subject(document.start(1), document.end(1))
    else:
        left = _left_subject(masked, us, cue.start)
    participle = ing and (_PARTICIPLE_LEAD.search(masked[max(us, cue.start - 30):cue.start]) is not None
                          or _COMMA_QUOTE_LEAD.search(c.text, max(us, cue.start - 6), cue.start) is not None
                          # (the comma inside a title's quotation marks: "on Harbour 7’s “Morning Tide,” calling it …")
                                         or masked[max(us, cue.start - 3):cue.start] == "by ")  # "responded by saying"
    inherited = None
    if participle or (left is None and _COORD_LEAD.search(masked[max(us, cue.start - 90):cue.start])):
        if verb.ambiguous and not that_or_quote and not (
                verb.lemma in _OBJECT_QUOTE_VERBS and _AUDIENCE_THEN_QUOTE.match(masked, cue.end, ue)) and \
                not _speech_follows(masked, cue.end, ue, verb):
            return None  # "…, speaking at a news conference", "to stop the fighting and release hostages"
        prior = [a for a in unit_attrs if a.mention or a.inherit]
        if prior:
            inherited = prior[-1]
            if participle:
                left = None  # ", claiming that …" has no subject of its own: never a name to its left
        else:
            left = _initial_subject(masked, us, cue.start)
    subject = left
    if left is None and inherited is None:
        rel = _RELATIVE_BEFORE.search(masked, max(us, cue.start - 60), cue.start)
        rel_span = rel.span(1) if rel is not None else None if verb.ambiguous and not that_or_quote else \
            _relative_that(masked, us, cue.start)  # ("a report, which concluded that …")
        if rel_span is not None:  # "Ana Berg, who said …": "who" is the mention; its antecedent is resolved later
            if anonymity_marker_at(c.text[rel_span[0]:rel_span[0] + 90].lower()):
                return None  # "an official who spoke on condition of anonymity": how, not what, was said
            subject = Subject(*rel_span)
    if subject is None and inherited is None and ing and _PREP_LEAD.fullmatch(masked, us, cue.start):
        # "After saying her foot was “so swollen …,” she was taken …": the main clause's subject, after the comma
        comma = _MAIN_CLAUSE_COMMA.search(c.text, cue.end, ue)
        main = _initial_subject(masked, comma.end(), ue) if comma is not None else None
        if main is None:
            return None
        content_from, audience = content_start(masked, cue.end, ue, verb)
        return Clause((main.start, main.end), "", cue.start, cue.end, None, True, content_from, audience)
    if subject is None and inherited is None:
        lead = masked[us:cue.start].rstrip()
        if lead and not lead.endswith((",", MASK)):
            return None  # a subject on the right only in inverted order: "…,” said X" / "…, said X"
        if not lead and ing:
            return None  # "Addressing lawmakers, X said …": the participle has no subject of its own
        subject = _right_subject(masked, cue.end, ue, after_quote=lead.endswith(MASK))
        if subject is None:
            return None
        if not lead.endswith(MASK) and _LIST_GOES_ON.match(masked, subject.end, ue):
            return None  # "Lund complained …, mocked the party and its leaders, and made it clear …": a list of
            # the subject's acts, not an inverted clause ("…, said Ek, …")
    if subject is not None:
        mention, context = (subject.start, subject.end), subject.descriptor
        start, end = min(cue.start, subject.start), max(cue.end, subject.end)
        if issuer is not None:
            start = document.start(1)  # (the clause is the document's: "At Lund's direction, the DNC issued …")
    else:
        mention, context, start, end = None, "", cue.start, cue.end
    if left is not None and left.clause_start is not None:
        start = min(start, left.clause_start)  # "“…,” the group's spokesman, Felix Moreau, said"
    content_from, audience = content_start(masked, end, ue, verb)
    return Clause(mention, context, start, end, inherited, participle, content_from, audience)

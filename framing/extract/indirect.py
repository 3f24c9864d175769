"""Indirect and mixed speech: content before a sentence-final clause, or the clause after the cue.

- before: "The talks had failed, Ana Berg said." (the content ends at the comma or dash before the clause);
- after: "Ana Berg said on Monday that the talks had failed; …" (time, audience and "that" skipped; the
  content ends at ``;``, ", according to", ", saying", a spaced dash, or the next coordinated cue);
- a quotation inside the content makes it mixed ("She called the plan “a trap” for the north").

>>> from framing import extract_quotes
>>> [(q.kind, q.content) for q in extract_quotes("The talks had failed, Ana Berg said on Monday.")]
[('indirect', 'The talks had failed')]
"""

from __future__ import annotations

import re

from .content import (
    _FINITE,
    TOPIC,
    TOPIC_VERBS,
    content_stop,
    dash_goes_on,
    fewer_tokens,
    has_that,
    speech_complement,
    time_or_setting,
    trim,
    typed_dash_stop,
)
from .model import Attribution, Candidate, Clause
from .names import _lists
from .resources import DAYS, DOCUMENTS, IRREGULAR_PAST, MASK, NAMING_VERBS, PUT_PLACE, duration_later

#: Only a colon after the clause (perhaps after a prepositional aside: "told his audience, to rowdy applause:").
_COLON_ONLY = re.compile(r"(?:\s*,?\s*(?:to|with|amid|at|in|on|after|before|during)\s[^,:;" + MASK + r"]{1,40})?\s*:\s*")
_SENTENCE_FINAL = re.compile(r"(?:\s+(?:him|her|them|us|me))?(?:\s*\([^()]{1,120}\))?[\s.!?\"”’)]*|\s*(?:of|about)\s+[\w\s’'\-]{0,60}[.!?]?[\s\"”’]*")
_APPOSITIVE_TO_END = re.compile(r"\s*,\s*(?:a|an|the|who|whose|which|one|his|her|their|its)\b[^;:" + MASK + r"]*")
#: A comma, then a phrase to the end of the sentence (a bare role: see :func:`_role_to_end`).
_ROLE_TO_END = re.compile(r"\s*,\s*(?P<role>[a-zA-Z][^;:,.!?" + MASK + r"]*(?:,[^;:,.!?" + MASK + r"]*)?)[.!?]?[\s\"”’)]*")
_ROLE_MODIFIERS = frozenset("former senior chief deputy executive longtime veteran retired acting interim co-founder "
                            "founder head".split())
#: Prepositional phrases that run to the end of the sentence after a clause ("…, she said in a video message
#: to the convention.", "…, he said on the radio."): where and how it was said, not what.
_PHRASES_TO_END = re.compile(r",?\s*(?:in|on|at|during|before|after|from|with|outside|inside|through|via|aboard|"
                             r"near|while|as)\s[\w’'\- ]{1,80}[.!?]?[\s\"”’)]*")
_FRONTED = re.compile(r"\s*(?:(?:but|and|yet|so)\s+)?(?:as|like|unlike|in|on|at|for|with|after|before|during|from|"
                      r"by|this|last|earlier|later|" + DAYS + r")\b", re.I)
_PARTICIPLE_AFTER = re.compile(r"\s*,\s*(?:adding|saying|noting|arguing|insisting|warning)\b")
_COORD_END = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?(?:[a-z]+\s+(?:[a-z]+\s+){0,2}by\s+)?$|"
                        r",\s*(?:also\s+)?$")
_CONJ_END = re.compile(r"(?:,?\s*(?:and|but|while|whereas)(?:\s+(?:then|later|also|\w+ly))?|[;,])\s*$")
_TO_VERB = re.compile(r"to\s")
#: Where it was said, at the end of the content: "in a statement on Thursday", "during a speech in Orsk".
_SETTING_AT_END = re.compile(r"\s+(?:in|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,2}?"
                             r"(?:statement|interview|news conference|press conference|speech|tweet|email|letter|op-ed|"
                             r"rally|town hall)(?![\w\-])[^,;:.!?" + MASK + r"]{0,60}[.!?]?\s*$")
_ON_CONDITION = re.compile(r",?\s+on\s+(?:the\s+)?condition\s+(?:of|that)\b")
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|because|when|is|are|was|were|has|have|had|included?)\b")
#: A phrase cue that ends in the preposition of its object: "called for", "railed against", "weighed in on".
_PHRASE_WITH_OBJECT = re.compile(r"\s(?:for|against|on|about|of)$")
#: The comma (or dash) before a sentence-final clause, with an "as" ("…, as Ek noted.").
_COMMA_AS_END = re.compile(r"[,—–]\s*(?:as\s+)?$")
#: A phrase of the saying right after an "as" cue ("As Ek put it in his memo, “…”").
_PHRASE_START = re.compile(r"(?:in|on|at|during|about|of|to|with|from|after|before|last|this|earlier|later)\b")
#: A fronted "as" before a clause: "As Ek noted, …", "But as the report said, …".
_AS_FRONT = re.compile(r"\s*(?:(?:[Bb]ut|[Aa]nd|[Yy]et)\s+)?[Aa]s\s+")
#: A fronted subordinate clause: its content ends at the comma before the main clause.
_SUBORDINATOR = re.compile(r"\s*(?:when|after|before|although|though|because|since|while|if|once|until|unless|"
                           r"as soon as|even though|even as)\s", re.I)
#: A topic is a noun phrase: a coordinated verb after it is the narrator's ("talked about the market and made …",
#: "complained about the tone, mocked the party"; not a participle that modifies it: ", enshrined in law").
_TOPIC_END = re.compile(r"\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?[a-z]+(?:ed|ew|ought|ook|ade|aid|ent)\b|"
                        r",\s+[a-z]+(?:ed|ew|ought|ook|ade|aid|ent)\s+(?:the|a|an|his|her|their|its|to|that|him|them)\b")
#: "and" or "but" and a new subject (a pronoun, a "the" phrase or a name) with its verb (group 1): after a comma,
#: ", and the army withdrew" (_NEW_CLAUSE); after a quotation that ends in a comma (_CLAUSE_AFTER_QUOTE).
_AND_NEW_SUBJECT = (r"\s+(?:and|but|yet)\s+(?:he|she|they|we|I|it|the\s+[a-z]+|[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
                    r"\s+(?:also\s+|later\s+|then\s+)?([a-z]+)\b")
_NEW_CLAUSE = re.compile(r"," + _AND_NEW_SUBJECT)
_CLAUSE_AFTER_QUOTE = re.compile(_AND_NEW_SUBJECT)
#: The same with a longer subject, then an auxiliary: ", and the civil liberties union of Orsk has sued".
_NEW_CLAUSE_LONG = re.compile(r",\s+(?:and|but|yet)\s+(?:the|his|her|its|their|both|many|some|an?)\s+"
                              r"(?:(?!(?:where|who|which|that|when)\b)[\w’'\-]+\s+){1,5}?"
                              r"(?:(?:already|also|still|now|[a-z]+ly)\s+)?(is|are|was|were|has|have|had|will|would|can|could|did|does)\b")
#: A request after ask: an object and a to-infinitive ("voters to stay home"), or "for"/"about" + a phrase.
_REQUEST = re.compile(r"(?:(?:[\w’'\-]+\s+){1,4}?to\s+[a-z]|(?:for|about)\s+\w)")
_WH_WORD = re.compile(r"(?:whether|if|why|how|what|when|where|who|which)\b")


def _is_finite(word: str) -> bool:
    """A finite verb form, as far as a word list and the past tense tell."""
    return word in _FINITE or (word.endswith("ed") and len(word) > 4)


#: "and" (or "but") and a verb phrase that shares the clause's subject: "… and has repeatedly called …",
#: "… and refuses to answer", "… and cast himself as …" (group "verb"; an auxiliary first in group "aux").
_COORD_VP = re.compile(r"(?<!,)\s+(?:and|but)\s+(?:(?:also|then|later|even|often|repeatedly|\w+ly)\s+)?"
                       r"(?:(?P<aux>has|have|had|is|was)\s+(?:(?:also|since|repeatedly|\w+ly)\s+)?)?(?P<verb>[a-z]+(?:-[a-z]+)*)\b")
_WORD = re.compile(r"[a-z’']+")


def _past(word: str) -> bool:
    return word.endswith("ed") and len(word) > 4 or word in IRREGULAR_PAST


def _adjective_in_subject(masked: str, at: int, end: int) -> bool:
    """After a past form, a common noun and then a finite verb: the form modifies that noun in a
    coordinated subject ("the heat and unsettled weather could last"), it is not a verb of the speaker."""
    words = masked[at:end].split(maxsplit=2)[:2]
    return len(words) == 2 and words[0].isalpha() and words[0].islower() and words[0] not in _NOT_A_NOUN and \
        words[1] in _FINITE


#: Words after a past verb that make it a verb, not an adjective ("insisted it would fail").
_NOT_A_NOUN = frozenset("it he she they we i you that this there the a an his her their its".split())


def _shared_subject_verb(masked: str, cs: int, ce: int, cue_word: str) -> int | None:
    """Where a coordinated verb phrase of the speaker starts inside a noun-phrase content, or None: after a
    past cue, a past verb ("denied the charges and counter-accused her"), perhaps after "has"/"had". A
    content that is a clause keeps its own coordinated verbs ("said Emery abandoned his truck and tried …")."""
    if not _past(cue_word) or masked.find(" and ", cs, ce) < 0 and masked.find(" but ", cs, ce) < 0:
        return None  # (the quick tests first)
    for m in _COORD_VP.finditer(masked, cs, ce):
        verb, aux = m.group("verb"), m.group("aux")
        if aux is None and _adjective_in_subject(masked, m.end(), ce):
            continue  # "said the heat and unsettled weather could last": a participle before its noun
        if aux in (None, "has", "had") and _past(verb):
            if any(_is_finite(w) for w in _WORD.findall(masked[cs:m.start()].lower())):
                return None  # the content is a clause: its coordinated verbs are its own
            return m.start()
    return None


def rest_of_unit(c: Candidate, clause: Clause) -> str:
    """What follows the clause in its unit, after any time or setting phrases."""
    rest = c.masked[clause.end:c.end]
    m = time_or_setting(rest)
    while m and m.end() > 0:
        rest = rest[m.end():]
        m = time_or_setting(rest)
    return rest


def is_colon_intro(rest: str) -> bool:
    """Only a colon follows the clause ("He said:"): the quote comes in the next paragraph."""
    return _COLON_ONLY.fullmatch(rest) is not None


def ends_its_sentence(rest: str, inverted: bool = False, phrases: bool = False) -> bool:
    """The clause closes its sentence ("…, Ana Berg said." / "…, she said, adding that …"). After an
    inverted clause, an appositive to the end of the sentence closes it too ("…, said Ines Valk, a
    spokeswoman for the port."); with ``phrases``, so do where-and-how phrases ("…, he told the court in
    his filing.")."""
    return _SENTENCE_FINAL.fullmatch(rest) is not None or _PARTICIPLE_AFTER.match(rest) is not None or (
        inverted and (_APPOSITIVE_TO_END.fullmatch(rest) is not None or _role_to_end(rest))) or (
        phrases and _PHRASES_TO_END.fullmatch(rest) is not None)


def _role_to_end(rest: str) -> bool:
    """A role without an article to the end of the sentence: "…, said Dan Holm, director of Orsk
    Ghostwriters." (a role word, or "former", "senior" … first; no finite verb)."""
    m = _ROLE_TO_END.fullmatch(rest)
    if m is None:
        return False
    words = re.findall(r"[\w’']+", m.group("role").lower())
    return (words[0] in _lists()["role_or_title"] or words[0] in _ROLE_MODIFIERS) and not any(map(_is_finite, words))


def only_phrases_follow(c: Candidate, clause: Clause, rest: str) -> bool:
    """A sentence of content, a comma, then the clause and only prepositional phrases to the end of the
    sentence ("The toll is unfair, she said in a video message to the convention."): they say where and how
    it was said, so the content is before the clause. ``rest`` is what follows the clause after its time and
    setting phrases (:func:`rest_of_unit`); the phrases are also tried on the whole of what follows, since a
    setting may have been read into a longer phrase ("in a video" of "in a video message"). A fronted phrase
    ("On Thursday, she said …") is not content."""
    if clause.mention is None:
        return False
    rest = _before_participle(rest)
    if _PHRASES_TO_END.fullmatch(rest) is None:
        rest = _before_participle(c.masked[clause.end:c.end])
        if _PHRASES_TO_END.fullmatch(rest) is None:
            return False  # the quick tests first: most clauses are followed by their content
    if c.masked[clause.mention[0]:clause.mention[1]].lower() == "who":
        return False  # a relative subject ("…, who have insisted on acting now")
    if any(_is_finite(w) or w in ("that", "whether", "if") for w in re.findall(r"[\w’']+", rest.lower())):
        return False
    before = c.masked[c.start:clause.start].rstrip()
    return before.endswith(",") and not fewer_tokens(c.text, c.start, c.start + len(before), 4) and \
        not _SUBORDINATOR.match(before) and not _FRONTED.match(before)  # (words in quotes count too)


def _before_participle(rest: str) -> str:
    """``rest`` up to a participle clause of the speaker's (", noting …", ", adding …"), which the phrases
    before it may be followed by: "…, Valk said in Orsk, noting the harm to trade."."""
    m = _PARTICIPLE_AFTER.search(rest) if "," in rest else None
    return rest[:m.start()] if m is not None else rest


def opens_with_topic(c: Candidate, clause: Clause, rest: str) -> bool:
    """The clause opens its sentence, perhaps after a fronted phrase, and a topic follows ("Ines Valk
    talked about the harbour.", "As the news spread, members complained about the board.")."""
    if c.cue.verb.lemma not in TOPIC_VERBS or TOPIC.match(rest) is None:
        return False
    if clause.participle:
        return True  # "…, Valk said, talking about the crisis": the participle's own topic
    before = c.masked[c.start:clause.start].strip()
    return not before or before.endswith(",") and (_FRONTED.match(before) is not None or
                                                   _SUBORDINATOR.match(before) is not None or
                                                   _SHORT_PHRASE.fullmatch(before) is not None)


#: A short fronted phrase with no verb of its own before a comma ("Pressed again,", "Not far away,").
_SHORT_PHRASE = re.compile(r"(?:[A-Za-z][\w’'\-]*\s+){0,3}[A-Za-z][\w’'\-]*,")


def is_parenthetical(c: Candidate, clause: Clause, rest: str) -> bool:
    """The clause stands between commas inside the content: "The plan, Ek said, is dead."."""
    before = c.masked[c.start:clause.start]
    rest = _past_object(rest)
    if clause.participle and (clause.inherited is not None or clause.mention is not None and
                              clause.mention[1] < c.cue.start):
        return False  # "Trump attacked Romney, calling him, among other things, “…”": a participle goes on
    return rest.startswith(",") and before.rstrip().endswith(",") and not fewer_tokens(before, 0, len(before), 1)


def _past_object(rest: str) -> str:
    """``rest`` after a personal object and a time phrase, when it has them: in "The difference now, he
    told me on Friday, is that …" the parenthetical clause ends at the comma after "on Friday"."""
    if rest.startswith(","):
        return rest
    told = _TOLD_ME.match(rest)
    if told is None:
        return rest
    after = rest[told.end():]
    setting = time_or_setting(after)
    return after[setting.end():] if setting else after


#: A personal object between a parenthetical cue and its closing comma: "…, he told me on Friday, …".
_TOLD_ME = re.compile(r"\s+(?:me|us|him|her|them|reporters)\b")


def content_around(c: Candidate, clause: Clause, used: set[int]) -> Attribution | None:
    """The two pieces of content on each side of a parenthetical clause, as one attribution."""
    text = c.text
    s1, e1 = trim(text, c.start, clause.start)
    s2 = c.end - len(_past_object(rest_of_unit(c, clause)))
    stop = content_stop(c.masked, s2 + 1, c.end)  # "…, the latter a reference to …" is the narrator's
    s2, e2 = trim(text, s2, stop if stop is not None else c.end)
    if e1 <= s1 or fewer_tokens(text, s2, e2, 2):
        return None
    inner = [q for q in c.quotes if s1 <= q.open < e2]
    for q in inner:
        used.add(id(q))
    return Attribution("mixed" if inner else "indirect", [(s1, e1), (s2, e2)], c.cue, clause.mention, clause.context,
                       inherit=clause.inherited)


def content_before(c: Candidate, clause: Clause, used: set[int]) -> Attribution | None:
    """The content before a sentence-final clause, up to the comma or dash that precedes it."""
    text, masked, us, uq = c.text, c.masked, c.start, c.quotes
    w0 = max(us, clause.start - 10)
    cm = _COMMA_AS_END.search(masked[w0:clause.start])  # "…, Ek said." / "…, as Ek noted."
    if not cm:
        return None
    s, e = trim(text, us, w0 + cm.start())
    if e - s < 8 or fewer_tokens(text, s, e, 2):
        return None
    inner = [q for q in uq if q.open >= s and q.close <= e + 2]
    for q in inner:
        used.add(id(q))
    if inner and masked[s:inner[0].open].strip() == "" and masked[inner[-1].close:e].strip(" ,") == "":
        return Attribution("direct", [(q.content_start, q.content_end) for q in inner], c.cue, clause.mention,
                           clause.context)
    return Attribution("mixed" if inner else "indirect", [(s, e)], c.cue, clause.mention, clause.context)


#: Where a relative clause set off by commas gives way to its main clause: a comma, then a finite verb
#: ("Ana Berg, who said the toll is illegal, will testify", "…, said she liked the mayor").
_MAIN_VERB_AFTER_COMMA = re.compile(r",\s+(?:\w+ly\s+)?(?:is|are|was|were|has|have|had|will|would|could|can|should|"
                                    r"may|might|must|did|does|do|said|says|told|added|\w+ed)\b")


#: A pronoun and an auxiliary alone: an elliptical clause ("she could", "he would not", "they did").
_PRONOUN_AUX = re.compile(r"(?:he|she|they|we|I|it|you)\s+(?:could|would|will|did|does|do|had|has|have|was|were|"
                          r"is|are|can|should|might|must)(?:\s+not|n[’']t)?")
_CONJ_START = re.compile(r"\s*,\s*(?:and|but)\s")
_THAT_NEXT = re.compile(r"\s*,?\s*that\s+")
#: A free relative before a naming verb's subject: "in what he called …", "a practice which she calls …".
_WHAT_BEFORE = re.compile(r"\b(?:what|which)\s+$")


def content_after(c: Candidate, clause: Clause, used: set[int]) -> Attribution | None:
    """The reported clause after the cue, or None when there is none or the verb is not speech here."""
    text, masked, ue, cue, verb = c.text, c.masked, c.end, c.cue, c.cue.verb
    cs = clause.content_from
    topic = TOPIC.match(masked, cs, ue) if verb.lemma in TOPIC_VERBS else None
    fronted_as = clause.start - c.start < 16 and _AS_FRONT.fullmatch(masked, c.start, clause.start) is not None
    comma_after_cue = masked.find(",", clause.end, cs) >= 0  # "As Ek noted, …": the content after the comma
    if topic is not None:
        cs = topic.end()  # "talked about the harbour": what was said is about the harbour
    # verbs with other senses ("added two checkpoints") need speech evidence; a naming verb after "what he"
    # names what its object is ("what he calls a betrayal")
    elif (verb.ambiguous or verb.category == "denial") and not has_that(masked, cue.end, cs) and \
            not (verb.lemma in NAMING_VERBS and _WHAT_BEFORE.search(masked, max(c.start, clause.start - 8),
                                                                    clause.start)) and \
            not clause.audience and not speech_complement(masked[cs:ue], verb) and not (fronted_as and comma_after_cue):
        return None  # (but "As Ek noted, trust is collapsing": the fronted "as" clause reports the rest)
    if masked.startswith(",", cue.end) and _CONJ_START.match(masked, cue.end, ue):
        return None  # "Most agree, and three-fourths say …": the cue has no content; a new clause follows
    if verb.lemma == "put it" and PUT_PLACE.match(masked, cs, ue):
        return None  # "who put it into the empty side": a puck, not a phrasing
    later = duration_later(masked, cs, ue)
    if later is not None:  # "San Jose replied just 17 seconds later": when, not what
        that = _THAT_NEXT.match(masked, later.end(), ue)
        if that is None:
            return None
        cs = that.end()  # ("Ek replied two days later that …")
    # content boundaries: ", according to", ", saying", ";" end the clause
    ce = content_stop(masked, cs, ue)
    while ce is not None and masked[ce] != "," and masked[ce] != ";" and dash_goes_on(masked, cs, ce):
        ce = content_stop(masked, masked.index("—", ce) + 1, ue)  # (the dash's clause goes on: the next stop)
    ce = ue if ce is None else ce
    typed = typed_dash_stop(masked, cs, ce) if "-" in masked[cs:ce] or "–" in masked[cs:ce] else None
    ce = typed if typed is not None else ce
    for o in c.cues:  # "condemned X and called for Y": the next coordinated cue ends this content
        if cs < o.start < ce:
            win = max(cs, o.start - 30)
            co = _COORD_END.search(masked[win:o.start])
            if co and co.group().strip().startswith(",") and "and" not in co.group() and "but" not in co.group() \
                    and not masked[o.start:o.end].lower().endswith("ing"):
                co = None  # only ", warning that …" participles end the clause, not ", X said"
            if co:
                ce = win + co.start()
                break
    as_front = fronted_as and not comma_after_cue
    if _SUBORDINATOR.match(masked, c.start, clause.start) or as_front:
        comma = masked.find(",", cs, ce)  # "When Ek said the road was open, trucks moved in": the main clause
        if clause.mention is not None and clause.mention[0] > cue.end:  # "After saying …,” she was …": the
            inside = next((q.close for q in c.quotes if cs <= q.open and q.close <= clause.mention[0] and
                           _ends_in_comma(c.text, q)), -1)
            comma = inside if inside > cs and (comma < 0 or inside < comma) else comma  # comma in the marks
        if comma > cs and as_front and _PHRASE_START.match(masked, cs, comma):
            cs = comma + 1  # "As Ek put it in his memo, “…”": a phrase of the saying, then what was said
        elif comma > cs:  # after the comma is the narrator's
            ce = comma
    if clause.mention is not None and masked[clause.mention[0]:clause.mention[1]] in ("who", "which") and \
            masked[max(c.start, clause.mention[0] - 2):clause.mention[0]] == ", ":
        back = _MAIN_VERB_AFTER_COMMA.search(masked, cs, ce)  # "Ana Berg, who said X, will testify"
        if back is not None:
            ce = back.start()
    new_clause = None
    if masked.find(", ", cs, ce) >= 0:  # (the quick test: both patterns need a comma and a space)
        new_clause = _NEW_CLAUSE.search(masked, cs, ce)
        if new_clause is None or not _is_finite(new_clause.group(1)):
            new_clause = _NEW_CLAUSE_LONG.search(masked, cs, ce)
    if new_clause is not None and _is_finite(new_clause.group(1)):
        ce = new_clause.start()  # ", and the army withdrew": the narrator goes on
    for q in c.quotes:  # the same after a quotation whose comma is inside its marks: "“jobs, jobs,” but he has …"
        if cs < q.close < ce and _ends_in_comma(c.text, q):
            after = _CLAUSE_AFTER_QUOTE.match(masked, q.close, ce)
            if after is not None and _is_finite(after.group(1)):
                ce = q.close
                break
    shared = _shared_subject_verb(masked, cs, ce, c.text[cue.start:cue.end].lower().split()[0])
    if shared is not None:
        ce = shared  # "denied the charges and counter-accused her": the speaker's next act, not content
    if topic is not None and not _WH_WORD.match(masked, cs):
        end = _TOPIC_END.search(masked, cs, ce)
        ce = ce if end is None else end.start()
    anonymous = _ON_CONDITION.search(masked, cs, ce) if masked.find("condition", cs, ce) >= 0 else None
    if anonymous is not None and anonymous.start() > cs:
        ce = anonymous.start()  # "described the meeting on the condition of anonymity because …": how it was said
    setting = _SETTING_AT_END.search(masked, cs, ce)
    if setting is not None and not _CLAUSE_WORD.search(setting.group()) and not fewer_tokens(masked, cs,
                                                                                              setting.start(), 3):
        ce = setting.start()  # "… more school investment in a statement on Thursday": where it was said
    s, e = trim(text, cs, ce)
    # a topic, or the object of a phrase cue ("called for change"), may be short
    short_ok = topic is not None or cue.form == "phrase" and _PHRASE_WITH_OBJECT.search(c.text, cue.start, cue.end)
    short_ok = short_ok or e - s < 24 and _PRONOUN_AUX.fullmatch(masked, s, e) is not None or (
        anonymous is not None and not fewer_tokens(text, s, e, 2))  # "They said she could.", "confirmed the meeting"
    if not short_ok and fewer_tokens(text, s, e, 3) and (MASK not in masked[s:e] or fewer_tokens(text, s, e, 2)):
        return None  # too short to be a clause, unless it quotes: "called Ek “unhinged.”"
    if short_ok and fewer_tokens(text, s, e, 1):
        return None
    request = clause.audience and verb.lemma in ("tell", "ask") and _TO_VERB.match(masked, s, e) is not None
    if _TO_VERB.match(masked, s, e) and verb.category not in ("warning", "directive") and not request:
        return None  # "agreed to discuss": an action, not reported speech (but "told Holm to send the files")
    if verb.category == "question" and not _WH_WORD.match(masked[s:e]) and not _REQUEST.match(masked, s, e) and \
            not request and not has_that(masked, cue.end, s):  # ("asked that the vote be delayed": a request)
        return None  # "asked Ek to wait", "asked for calm" are requests; "asked a question" is not content
    inner = [q for q in c.quotes if q.open >= s and q.open < e]
    for q in inner:
        used.add(id(q))
    if inner and inner[-1].closed and inner[-1].close > e:
        e = inner[-1].close
    context = "participle" if clause.participle else clause.context
    if inner and masked[s:inner[0].open].strip() == "" and masked[inner[-1].close:e].strip(" ,.") == "" and \
            not has_that(masked, cue.end, s):
        # only a quotation: "As Ek put it in his memo, “…”"
        return Attribution("direct", [(q.content_start, q.content_end) for q in inner], cue, clause.mention, context,
                           inherit=clause.inherited)
    return Attribution("mixed" if inner else "indirect", [(s, e)], cue, clause.mention, context,
                       inherit=clause.inherited)


def _ends_in_comma(text: str, q) -> bool:
    """Whether a quotation's words end in a comma inside its marks ("“jobs, jobs, jobs,” but …"), read from the
    end (``text[q.content_start:q.content_end].rstrip().endswith(",")`` without the copy)."""
    i = q.content_end
    while i > q.content_start and text[i - 1].isspace():
        i -= 1
    return i > q.content_start and text[i - 1] == ","


def _document_then_cue(masked: str, content_start: int, a: Attribution) -> bool:
    """Whether an earlier content is only a document and this cue: "(issued) a statement saying …",
    "(released) an ad calling …" (the document phrase, then the cue; see ``clause.verb_clause``)."""
    if a.cue is None or a.cue.form != "verb" or a.inherit is not None or a.cue.start <= content_start:
        return False
    phrase = masked[content_start:a.cue.start].split()
    return 1 < len(phrase) <= 4 and phrase[0].lower() in _DOCUMENT_OPENERS and \
        (phrase[-1].lower() in DOCUMENTS or phrase[-1].lower()[:-1] in DOCUMENTS)


_DOCUMENT_OPENERS = frozenset("a an the his her their its".split())


def separate_nested(attrs: list[Attribution], text: str, masked: str, unit_quotes: list) -> list[Attribution]:
    """A unit's attributions with nested indirect contents resolved: a later cue inside an earlier
    content either ends it (after "and", "but", ";" or a participle: two attributions) or belongs to it
    (a "said" inside reported content: dropped)."""
    final: list[Attribution] = []
    dropped: dict[int, Attribution] = {}  # a nested attribution dropped -> the one whose content holds it
    for a in attrs:
        while a.inherit is not None and id(a.inherit) in dropped:
            a.inherit = dropped[id(a.inherit)]  # ("said he didn't believe …, arguing that …": the sayer argues)
        if final and a.kind != "direct" and final[-1].kind != "direct":
            prev = final[-1]
            ps_, pe_ = prev.fragments[0]
            clause_start = min(a.cue.start, a.mention[0] if a.mention else a.cue.start)
            naming = prev.cue is not None and prev.cue.verb is not None and prev.cue.verb.lemma in NAMING_VERBS
            if not naming and a.cue is not None and ps_ <= a.cue.start < pe_ and _document_then_cue(masked, ps_, a):
                # "issued a statement saying …": the one who issued it speaks, through the document
                if a.mention is None or a.mention[0] >= ps_:
                    a.mention, a.context, a.inherit = prev.mention, prev.context, prev.inherit
                final[-1] = a
                continue
            if ps_ <= clause_start < pe_:
                w0 = max(ps_, clause_start - 30)
                cut = _CONJ_END.search(masked[w0:clause_start])
                if cut or a.cue.form == "verb" and a.context == "participle":
                    new_end = w0 + cut.start() if cut else clause_start
                    s, e = trim(text, ps_, new_end)
                    if e - s > 0:
                        prev.fragments[0] = (s, e)
                        if prev.kind == "mixed" and not any(s <= q.open < e for q in unit_quotes):
                            prev.kind = "indirect"
                        final.append(a)
                    continue
                dropped[id(a)] = prev
                continue  # nested "said" inside reported content: part of it
        final.append(a)
    return final


"""Where the content of indirect speech starts and stops.

After a cue, time and setting phrases ("on Monday", "at a rally"), an audience ("told reporters") and
"that" are skipped to find where the reported clause starts; ``;``, ", according to", ", saying" and a
spaced dash end it. Verbs with other senses ("added two checkpoints") need evidence of speech first.

>>> text = "told reporters on Monday that the talks had failed"
>>> from framing.extract.cues import _verbs
>>> start, audience = content_start(text, 4, len(text), _verbs().lookup("told"))
>>> text[start:], audience
('the talks had failed', True)
"""

from __future__ import annotations

import re

from .cues import _verbs
from .resources import (
    AUDIENCE,
    IRREGULAR_PAST,
    MASK,
    NAMING_VERBS,
    SETTING_AFTER_CUE,
    TIME_AFTER_CUE,
    duration_later,
)
from .resources import TOKEN as _TOKEN

_THAT_OR_QUOTE_NEXT = re.compile(r"\s*[,:]?\s*(?:that\b|" + MASK + ")")
_AUDIENCE_PP = re.compile(r"\s+(?:outside|at|in|after|before|during|on|from|by)\b[^;.:" + MASK + r"]{0,60}?\bthat\s+")
_TO = re.compile(r"\s*to\s+")
_THAT_LEAD = re.compile(r"\s*,?\s*(?:that\b)?\s*")
#: A short object of "ask" before the question it asks: "asked the students if …", "asked our followers who …".
_OBJECT_THEN_WH = re.compile(r"\s*(?:[\w’'\-]+\s+){1,4}?(?=(?:whether|if|why|how|what|which|who|when|where)\b)")
#: A short object, then a clause whose subject is a pronoun: "told investigators he was upset".
_OBJECT_THEN_PRONOUN = re.compile(r"\s*(?:(?!(?:that|if|to|what|who|how|why|when|where|which|whether)\b)[\w’'\-]+\s+)"
                                  r"{1,3}?(?=(?:he|she|they|we|I)(?:\s+[a-z]|[’'](?:s|re|ve|ll|d|m)\b))")
_TELLING = frozenset(("tell", "warn", "assure", "inform", "remind", "advise", "caution"))
_OBJECT_THEN_THAT = re.compile(r"\s*(?:(?!(?:that|if|whether|who|which|what|how|why)\b)\w[\w’'\-]*\.?,?\s+){1,10}?"
                               r"that\s+(?!(?:has|have|had|is|are|was|were|will|would|can|could)\b)")
# (commas in it too: "Sen. Per Holm, the chair, that"; not a relative "that": "a party that had adopted")
#: A short object, then a comma or colon and a quotation: "told his followers, “…”", "told the Orsk Courier: “…”".
_OBJECT_BEFORE_QUOTE = re.compile(r"\s*(?:(?!(?:that|if|to|what|who|how|why|when|where|which|whether)\b)[\w’'\-]+(?:,\d{3})*\s+)"
                                r"{0,3}(?!(?:that|if|to|what|who|how|why|when|where|which|whether)\b)[\w’'\-]+"
                                r"(?=\s*[,:]\s*" + MASK + ")")
_THAT_END = re.compile(r"\bthat\s*$")
#: A comma or dash ending the text before a sentence-final clause or "according to".
COMMA_DASH_END = re.compile(r"[,—–]\s*$")

#: Every way TIME_AFTER_CUE (case-insensitive) and SETTING_AFTER_CUE can begin, after leading space.
_TIME_STARTS = tuple("on late early monday tuesday wednesday thursday friday saturday sunday last this yesterday "
                     "today tonight earlier later again also previously recently repeatedly publicly privately "
                     "separately afterwards then by in".split())
_SETTING_STARTS = tuple("in at during on after before via through over from to".split())


#: Verbs whose content follows "about"/"of": "talked about the harbour", "spoke of a betrayal".
TOPIC_VERBS = frozenset("talk speak complain comment write boast joke".split())
TOPIC = re.compile(r"\s*(?:(?:much|more|most|less|often|again|little|at length|at some length|[a-z]+ly)\s+)*"
                   r"(?:about|of|on)\s+")


def time_or_setting(rest: str):
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


def content_start(masked: str, pos: int, unit_end: int, verb) -> tuple[int, bool]:
    """Start of the reported clause after a cue (time, setting, audience/object and 'that' skipped), and
    whether an audience ("told reporters") was skipped."""
    audience = False
    that_near = masked.find("that", pos, min(unit_end, pos + 130)) >= 0  # the asides and adjuncts need one
    aside = _ASIDE_AFTER_CUE.match(masked, pos, unit_end) if that_near else None
    if aside is not None:  # "added, though, that …", "said — on the radio, as it happens — that …"
        pos = aside.end()
    for _ in range(4):
        rest = masked[pos:unit_end]
        m = time_or_setting(rest)
        if m and m.end() > 0:
            pos += m.end()
            continue
        later = duration_later(masked, pos + len(rest) - len(rest.lstrip()), unit_end)
        if later is not None and _THAT_OR_QUOTE_NEXT.match(masked, later.end(), unit_end):
            pos = later.end()  # "stated a day earlier, “…”", "replied two days later that …" (not "replied
            continue  # 17 seconds later, however, as …": when, not what)
        break
    if getattr(verb, "object", "none") in ("person", "to_person") or verb.lemma in ("tell", "inform", "assure"):
        rest = masked[pos:unit_end]
        m = _TO.match(rest) if verb.object == "to_person" else None
        if verb.object != "to_person" or m:
            off = m.end() if m else 0
            m2 = AUDIENCE.match(rest[off:])
            whole = _OBJECT_THEN_THAT.match(masked, pos + off, unit_end) if m2 and verb.object == "person" and \
                masked[pos + off + m2.end():pos + off + m2.end() + 1] in (",", ".") else None
            if whole is not None:  # "telling Sen. Per Lund, chair of the committee, that …": the audience runs on
                pos, audience = whole.end(), True
            elif m2 and (verb.object != "to_person" or m2.end() > 0):
                pos += off + m2.end()
                audience = True
                pp = _AUDIENCE_PP.match(masked, pos, unit_end)
                if pp:  # "told reporters outside the ministry that …"
                    pos = pp.end()
                for _ in range(2):
                    rest = masked[pos:unit_end]
                    m3 = time_or_setting(rest)
                    if m3 and m3.end() > 0:
                        pos += m3.end()
            elif verb.object == "person":
                m4 = _OBJECT_THEN_THAT.match(masked, pos, unit_end) or _OBJECT_BEFORE_QUOTE.match(masked, pos, unit_end) or (
                    _OBJECT_THEN_WH.match(masked, pos, unit_end) if verb.category == "question" else
                    _OBJECT_THEN_PRONOUN.match(masked, pos, unit_end) if verb.lemma in _TELLING else None)
                if m4:  # any short object before "that": "told a crowded hall that …", "warned Orsk's mayor that …"
                    pos, audience = m4.end(), True  # (or before a question: "asked the students if …")
    m = _ADJUNCT_THEN_THAT.match(masked, pos, unit_end) if that_near else None
    if m is not None and _is_adjunct(m.group("adjunct").lower().split()):
        return m.end(), audience  # "said at a rally ahead of the primary that …": the adjunct is the saying's
    return _THAT_LEAD.match(masked, pos, unit_end).end(), audience


def _is_adjunct(words: list[str]) -> bool:
    """Whether the words between a cue and "that" are one phrase of place or time: no verb or pronoun
    (a clause), no determiner that opens a second noun phrase without a preposition ("in his area a drug
    bust that …"), and no speech noun whose "that" is its own ("at accusations that …")."""
    if _CLAUSE_WORDS.intersection(words) or words[-1] in _verbs().nouns:
        return False
    return all(w not in _NOUN_PHRASE_START or words[i - 1] in _PREPOSITIONS for i, w in enumerate(words) if i)


_PREPOSITIONS = frozenset("at in on of during after before ahead from via through over outside inside near to "
                          "with for by across around".split())


#: An aside between a cue and its "that": a sentence adverb between commas, or anything between dashes.
_ASIDE_AFTER_CUE = re.compile(r"\s*(?:,?\s*(?:though|however|too|also|meanwhile|moreover|in fact|for example|"
                              r"for instance|again|once more)\s*,|(?:—|–|--)[^—–" + MASK + r"]{1,80}?(?:—|–|--))"
                              r"(?=\s*that\b)")
#: An adjunct of the saying between a cue and "that" ("at a rally ahead of the primary that",
#: "during this week's debate that"); a finite verb or a pronoun in it makes it a clause (_CLAUSE_WORDS).
_ADJUNCT_THEN_THAT = re.compile(r"\s*,?\s*(?P<adjunct>(?:at|in|on|during|after|before|ahead|from|via|through|over|"
                                r"outside|inside|near|last|this|earlier|later)\b[^,;:—()" + MASK + r"\"“”]{0,80}?)"
                                r"\s+that\b\s*")


_CLAUSE_START = frozenset("the a an its his her their our this these those it he she they we there no any all "
                          "some every both neither none nobody everyone only".split())
_FINITE = frozenset("is are was were has have had will would could can should may might must did does do "
                    "came went made took gave saw knew left began held kept found fell hit shot brought fought "
                    "won lost ran met sent stood struck thought became broke chose drove flew grew led rose "
                    "sold shut tore withdrew remains remain needs need wants want means mean lies lay".split())


_CLAUSE_WORDS = _FINITE | frozenset("he she they it we i you there said says told".split())

_NOUN_PHRASE_START = frozenset("the a an his her their its our this that these those my your every each "
                                "some any no all".split())
_OBJECT_PRONOUNS = frozenset("it him her them this that these those us me you himself herself themselves".split())
_PARTICLES = frozenset("back off in up out on over around down away to for at by from with about".split())


#: An object and then a quotation: the name a naming verb gives ("Ek “unhinged”", "him “a liar”").
_OBJECT_THEN_QUOTE = re.compile(r"\s*(?:him|her|it|them|us|me|[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3}|"
                                r"(?:the|his|her|their|its|[A-Z][\w\-]*[’']s)\s+(?:[\w’'\-]+\s+){0,7}?[\w’'\-]+)\s*,?\s*"
                                + MASK)  # (a longer object too: "called Ek’s statements and actions on Sunday “childish.”")
#: An adjective that ends a naming complement: "called the actions lawful", "called the squabble unusual".
_ADJECTIVE_END = re.compile(r"(?:ful|ous|ive|able|ible|al|ic|ish|less|ary|ent|ant)$")


def _names_something(low: list[str]) -> bool:
    """A naming complement after call/dub/brand/label: an object pronoun and the name given to it
    ("it unworkable", "him a liar"), or an object and an indefinite noun phrase ("the plan a trap").
    An indefinite object ("called a meeting") and a particle ("called him back") are other senses."""
    if len(low) < 2 or low[0] in ("a", "an") or low[0] in _PARTICLES:
        return False  # (nor "called in to a town hall")
    if low[0] in _OBJECT_PRONOUNS:
        return low[1] not in _PARTICLES
    k = next((i for i, w in enumerate(low[1:8], 1) if w in ("a", "an") or _superlative_phrase(low, i)), None)
    if k is None and low[0] in _NOUN_PHRASE_START | {"his", "her"} or low[0].endswith(("’s", "'s")):
        # "called the actions lawful", "called Ek's squabble with the council unusual": an adjective at the end
        k = next((i + 1 for i, w in enumerate(low[1:7], 1) if _ADJECTIVE_END.search(w) and len(w) > 5 and
                  (i + 1 == len(low) or low[i + 1] in ("and", "but", "because", "for"))), None)
    # a particle right after the object's first word ("called him back"), not a preposition ("on the port"); no
    # verb in the object ("call ended, Rubio's campaign sent out a …")
    return k is not None and not any(w in _PARTICLES and (j + 1 >= len(low) or low[j + 1] not in _NOUN_PHRASE_START)
                                     for j, w in enumerate(low[1:k], 1)) and \
        not any(w.endswith("ed") or w in IRREGULAR_PAST for w in low[:k])


def _superlative_phrase(low: list[str], i: int) -> bool:
    """A second noun phrase that can only be a name given: "one of the biggest …", "the single clearest …",
    "the most …" (called the program one of the biggest commitments)."""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    if low[i] == "one":
        return nxt == "of"
    return low[i] == "the" and (nxt in _SUPERLATIVE_WORDS or len(nxt) > 5 and nxt.endswith("est"))


_SUPERLATIVE_WORDS = frozenset("most least best worst single only biggest largest greatest".split())


def speech_complement(rest: str, verb) -> bool:
    """Evidence that an ambiguous verb reports speech: an "as"/"of"/"to" complement its frame expects,
    a gerund after a denial, or a following clause with a subject and a finite verb."""
    words = _TOKEN.findall(rest[:200])
    low = [w.lower() for w in words]
    if not low:
        return False
    if len(low) > 2 and (low[0] in ("his", "her", "their", "its") or low[0].endswith(("’s", "'s"))) and \
            low[1] in _verbs().nouns and (low[2] == "that" or MASK not in rest[:160]):
        return False  # "repeated her claim that …": the noun is the cue (not "called Ek's statements “childish”")
    if MASK in rest[:160].split(",")[0] and verb.category in ("emotive", "accusatory", "denial", "distancing", "concessive",
                                                 "warning", "directive", "neutral", "endorsing", "insistent"):
        return True  # a quoted fragment in the complement: mixed speech ("condemned X as “…”")
    if verb.lemma in NAMING_VERBS and (_names_something(low) or _OBJECT_THEN_QUOTE.match(rest)):
        return True  # "called the plan a trap", "dubbed it unworkable", "called Ek “unhinged.”"
    obj = getattr(verb, "object", "none")
    prep = {"person_as": "as", "person_of": "of", "person_to": "to", "person_for": "for"}.get(obj)
    if prep and prep in low[1:10]:
        k = low.index(prep, 1)
        after = low[k + 1] if k + 1 < len(low) else ""
        # "urged both sides to talk", not "invited the press to the opening": "to" + a verb, not a noun phrase
        if prep != "to" or (after and after not in _NOUN_PHRASE_START and not words[k + 1][:1].isupper()):
            return True
    if low[0] == "to" and verb.category in ("warning", "directive", "denial", "concessive") and len(low) > 1 and \
            low[1] not in _NOUN_PHRASE_START and not words[1][:1].isupper():
        return True  # "vowed to fight", not "appealing to his better nature": "to" + a verb
    if obj == "person" and "to" in low[1:5]:
        k = low.index("to", 1)
        if k + 1 < len(low) and low[k + 1] not in _NOUN_PHRASE_START:
            return True  # "told his advisers to stop the convoy": an order
    if low[0].endswith("ing") and verb.category in ("denial", "concessive", "accusatory"):
        return True
    if low[0] in ("whether", "why", "how") and len(low) > 2:
        return True  # an indirect question: "questioned whether the server broke the law"
    if verb.lemma in _OBJECT_IS_SPEECH and low[0] in _NOUN_PHRASE_START - {"that", "this", "these", "those"}:
        return True  # "announced his candidacy", "announced a deal": what is announced is said
    pieces = rest[:200].split(",")
    if len(pieces) > 1 and low[0] in _PREPOSITIONS and _TOKEN.search(pieces[1]):
        pieces = pieces[1:]  # "admits in this instance, there were fatalities": the clause after the phrase
        words = _TOKEN.findall(pieces[0])
    low = _uncontracted([w.lower() for w in _TOKEN.findall(pieces[0])] or low)
    if low[0] in _CLAUSE_START or words[0][:1].isupper() or low[0].isdigit():
        return _finite_in_clause(low[1:12])
    if tuple(low[:2]) in _AMOUNT_OPENERS:
        return _finite_in_clause(low[2:12])  # "reported at least six planes filled the skies"
    return False


#: Two words that open an amount, and so a clause's subject: "at least six planes", "more than 200 residents".
_AMOUNT_OPENERS = frozenset((("at", "least"), ("more", "than"), ("fewer", "than"), ("less", "than"), ("as", "many"),
                             ("at", "most")))


#: A pronoun with a contracted auxiliary: "he’s", "they're", "we’ve", "I’d", "it’ll".
_CONTRACTED = re.compile(r"(he|she|it|they|we|i|you|there|that|who|what)[’'](s|re|ve|ll|d|m)")
_FULL_FORM = {"s": "is", "re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}


def _uncontracted(low: list[str]) -> list[str]:
    """``low`` with a contracted pronoun and auxiliary as two words ("he’s" -> "he", "is"), so a clause
    that opens with one is read as one ("claims he’s worth $10 billion")."""
    if not any("’" in w or "'" in w for w in low[:3]):
        return low
    out: list[str] = []
    for w in low:
        m = _CONTRACTED.fullmatch(w)
        out += [m.group(1), _FULL_FORM[m.group(2)]] if m else [w]
    return out


#: Words that open an adjunct clause after a noun phrase: a verb after them is not the object's
#: ("failed to find the pills when he arrived").
_ADJUNCT_START = frozenset("when whenever after before because if since until while".split())


def _finite_in_clause(low: list[str]) -> bool:
    """A finite verb among ``low`` (a negated auxiliary too: "she wasn’t coming") before an adjunct
    clause starts; a form in -ed after a determiner or "the newly" is an adjective ("the newly launched show").
    """
    for i, w in enumerate(low):
        if w in _ADJUNCT_START:
            return False
        if w in _FINITE or _NEGATED.sub("", w) in _FINITE:
            return True
        if w.endswith("ed") and len(w) > 4:
            before = low[i - 1] if i else ""
            if before in _NOUN_PHRASE_START or before.endswith("ly") and i > 1 and low[i - 2] in _NOUN_PHRASE_START:
                continue
            return True
    return False


_NEGATED = re.compile(r"n[’']t$")
#: Verbs whose noun-phrase object is itself something said ("announced a deal").
_OBJECT_IS_SPEECH = frozenset(("announce",))


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:" or text[e - 1] in "-–—" and text[e - 2:e - 1].isspace()):
        e -= 1  # (a dash after a space, as in "… feat" - but …")
    return s, e


def has_that(masked: str, cue_end: int, content_start: int) -> bool:
    return bool(_THAT_END.search(masked[cue_end:content_start]))


#: Words after a comma that end reported content: another attribution, a participle ("…, claiming that",
#: "…, leaving no money"; not an -ing noun in a list: "schools, housing and …"), or a contrast in the
#: narrator's voice ("…, although she gave no date", "…, whereas the army …", "…, despite …"), or the
#: narrator's summing-up appositive ("…, a swipe at her rival", "…, a reference to the strike").
_STOP_AFTER_COMMA = (r"(?:according to|although|though|whereas|while|which|who|despite|the latter|the former|"
                     r"compared (?:with|to)|even (?:though|as|if|while)|"
                     r"an?\s+(?:[\w\-]+\s+)?(?:move|reference|swipe|jab|dig|nod|allusion|sign|signal|claim|charge|"
                     r"remark|comment|step|development|echo|shift|reversal|departure|rebuke|apparent|veiled|thinly)|"
                     r"(?:[a-z]{3,}ly\s+)?(?!(?:includ|dur|noth|someth|everyth|anyth|morn|even|k|th|spr|br|str)ing\b)"
                     r"[a-z]{2,}ing\b"
                     r"(?!\s*(?:[,.;:)]|and\b|or\b)))\b")
_CONTENT_STOP_PLAIN = re.compile(r";|,\s*" + _STOP_AFTER_COMMA + r"|\s+—\s+")
#: _CONTENT_STOP_PLAIN from the character each of its matches turns on (``;``, a comma, the dash), so ``re``
#: skips to the next of those instead of trying four branches at every position (see :func:`content_stop`).
_CONTENT_STOP = re.compile(r"[;,—](?:(?<=;)|(?<=,)\s*" + _STOP_AFTER_COMMA + r"|(?<=—)\s+)")
#: What follows a comma and ends the content (see _STOP_AFTER_COMMA), after a dash: "— a claim the yard disputed".
_NARRATOR_AFTER_DASH = re.compile(r"—\s*" + _STOP_AFTER_COMMA)


def dash_goes_on(masked: str, start: int, stop: int) -> bool:
    """Whether a spaced dash at ``stop`` (a :func:`content_stop` result) lies inside the reported clause:
    no quoted fragment before it and no narrator's phrase after it ("she suspected he was drugged — something a
    caller also said"; not "… a “disgrace” — a word she took back", "… in June — a claim the yard disputed")."""
    dash = masked.find("—", stop, stop + 4)
    if dash < 0:
        return False
    if _aside_then_verb(masked, masked.find("—", dash + 1, dash + 120)):
        return True  # an aside between dashes, then the clause goes on: "the toll — which rose twice — was unfair"
    return MASK not in masked[start:stop] and _NARRATOR_AFTER_DASH.match(masked, dash) is None


def _aside_then_verb(masked: str, close: int) -> bool:
    """Whether a finite verb follows the dash at ``close`` (-1: no closing dash) that closes an aside."""
    nxt = _TOKEN.search(masked, close + 1, close + 30) if close >= 0 else None
    return nxt is not None and (nxt.group().lower() in _FINITE or nxt.group().endswith("ed"))


#: A dash typed as a spaced hyphen, two hyphens or an en dash (" - ", " -- ", " – ").
_TYPED_DASH = re.compile(r"\s(?:--?|–)\s")
_NARRATOR_AFTER_TYPED_DASH = re.compile(r"\s(?:--?|–)\s*" + _STOP_AFTER_COMMA)


def typed_dash_stop(masked: str, start: int, end: int) -> int | None:
    """The first typed dash in ``masked[start:end]`` that ends reported content, as :func:`dash_goes_on`
    decides for an em dash: after a quoted fragment ("“burning the Constitution” - a charge that stung"),
    or before the narrator's summing-up; None when there is none."""
    for m in _TYPED_DASH.finditer(masked, start, end):
        close = _TYPED_DASH.search(masked, m.end(), min(end, m.end() + 120))
        if _aside_then_verb(masked, close.end() - 2 if close is not None else -1):
            continue  # an aside between dashes, then the clause goes on: "the toll - which rose twice - was unfair"
        if MASK in masked[start:m.start()] or _NARRATOR_AFTER_TYPED_DASH.match(masked, m.start()):
            return m.start()
    return None


#: A concessive aside between commas inside reported content; it is one when a finite verb follows it.
_CONCESSIVE_ASIDE = re.compile(r",\s*(?:although|though|despite|even though|which|[a-z]{2,}ing)\b[^,;" + MASK +
                               r"]{1,60}?(?P<close>,)\s*(?P<next>[a-z]+)")


def content_stop(masked: str, start: int, end: int) -> int | None:
    """Where ``_CONTENT_STOP_PLAIN.search(masked, start, end)`` starts, or None. A dash match starts at the
    whitespace before the dash, which must lie inside the range."""
    pos = start
    while True:
        m = _CONTENT_STOP.search(masked, pos, end)
        if m is None:
            return None
        at = m.start()
        if masked[at] == ",":
            if masked.startswith("who", m.end() - 3) and masked.find(",", m.end(), end) >= 0:
                pos = m.end()  # "the mayor, who …, was wrong": the relative clause is inside the content
                continue
            aside = _CONCESSIVE_ASIDE.match(masked, at, end)
            if aside is not None and (aside.group("next").lower() in _FINITE or aside.group("next").endswith("ed")):
                pos = aside.end("close")  # "the mayor, despite his wealth, is better placed", "Millennials,
                continue  # numbering 75.3 million, surpassed …": an aside
            return at
        if masked[at] != "—":
            return at
        ws = at
        while ws > start and masked[ws - 1].isspace():
            ws -= 1
        if ws < at:
            return ws
        pos = at + 1


def fewer_tokens(text: str, s: int, e: int, n: int) -> bool:
    """``len(_TOKEN.findall(text[s:e])) < n``, stopping at the n-th token."""
    for k, _ in enumerate(_TOKEN.finditer(text, s, e), 1):
        if k >= n:
            return False
    return True

"""Noun phrases that can speak: names, pronouns, roles, collectives, organisations, documents.

The tests the subject rules share (:mod:`framing.extract.subjects`): whether a run of words could say
something, whether it is a person's full name.

>>> _speaker_like("the ministry's spokesman"), _speaker_like("in the harbour"), _is_full_name("Ines Valk")
(True, False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cues import _verbs
from .names import _lists, hyphenated_modifier, is_demonym
from .resources import (
    AFTER_PRONOUN,
    AMOUNT_OF,
    AUXILIARIES,
    BARE_PLURAL,
    DETERMINERS,
    DOCUMENTS,
    GROUP_PRONOUNS,
    LEADING_PREP,
    NOT_NAME_WORDS,
    NOT_SPEAKER_HEADS,
    NUMBERS,
    PARTICLE_NAME,
    PERSON_ENDINGS,
    PERSONAL_PRONOUNS,
    PLURAL_POSSESSOR,
    POSSESSIVES,
    POSTMODIFIERS,
    PRONOUNS,
    QUANTIFIERS,
)
from .resources import SHARE_OF_GROUP as _SHARE_OF_GROUP
from .resources import TOKEN as _TOKEN
from .speakers import _head

#: An approximation before a count: "about 200 protesters", "more than 1,000 residents".
_APPROXIMATELY = re.compile(r"(?i:about|some|nearly|almost|roughly|around|more than|at least|as many as|up to|over)\s+"
                            r"(?=[\d,]+\s|(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\s)")
#: A preposition after a share's group, which a postmodifier opens ("voters in each state").
_GROUP_POSTMODIFIER = re.compile(r"\s+(?:in|across|from|at|on|with|who|under|over)\s+")
#: Finite auxiliaries: a run of words with one is a clause, not a noun phrase.
_FINITE_WORDS = frozenset("is are was were has have had will would could can should may might must did does do".split())


@lru_cache(maxsize=8192)
def _speaker_like(text: str) -> bool:
    """Could this noun phrase say something? Names, pronouns, roles, collectives, organisations."""
    toks = _TOKEN.findall(text)
    if not toks or len(toks) > 12:
        return False
    amount = AMOUNT_OF.match(text)
    if amount is not None and amount.end() < len(text):  # "a wide array of economists": the economists
        return _speaker_like(text[amount.end():])
    share = _SHARE_OF_GROUP.fullmatch(text.strip())
    if share is not None:  # "63 percent of voters", "nearly half", "eight of 10 Orsk voters"
        group = share.group("group")
        if group is not None and _GROUP_POSTMODIFIER.search(group):
            # "voters in each state", "GOP insiders across the four states": the head before the preposition
            # (one plural: not "eligible voters cast ballots in the primary", a clause)
            group = _GROUP_POSTMODIFIER.split(group, maxsplit=1)[0] or group
            if sum(w.endswith("s") and not w.endswith("ss") and w.islower() for w in group.split()) > 1:
                return False
        if group is None or group.split()[-1].endswith("s") or group.split()[-1][:1].isupper():
            return True
        if group.split()[-1] in ("overall", "polled", "surveyed", "asked"):
            return True  # "58 percent of Orsk voters overall"
        # "A third source": not a share, read on
    lists = _lists()
    low = [t.lower() for t in toks]
    approx = _APPROXIMATELY.match(text)
    if approx is not None and approx.end() < len(text):  # "about 200 protesters", "more than 1,000 residents"
        return _speaker_like(text[approx.end():])
    if low[0].isdigit() and 1 < len(low) <= 4 and _people(low[-1]) and \
            all(t.isdigit() or t.isalpha() and t.islower() and t not in _verbs().forms for t in toks[1:-1]):
        return True  # a counted group: "1,409 teachers", "200 residents", "200 ferry workers"
    if low[0] in LEADING_PREP or low[0] in NUMBERS and len(low) == 1 or low[0].isdigit():
        return False
    if len(low) > 1 and low[-1] in PERSONAL_PRONOUNS and low[-2] not in ("and", "or"):
        return False  # a pronoun ends no longer phrase: "a lack of leadership he (says …)" is a clause's end
    if len(low) > 1 and low[0] in PERSONAL_PRONOUNS and low[1] not in AFTER_PRONOUN:
        return False  # a pronoun heads no longer phrase: "It takes a big company to get people" is a clause
    forms = _verbs().forms
    cut = next((i for i, w in enumerate(low) if i and w in POSTMODIFIERS), None)
    if cut is not None and not any((w in forms or w in _FINITE_WORDS) and low[j - 1] not in DETERMINERS and
                                   not low[j - 1].endswith(("’s", "'s")) for j, w in enumerate(low[cut + 1:], cut + 1)):
        # "one official familiar with the talks", "two aides briefed on the talks" (and no verb after)
        return low[:cut] == ["those"] or _speaker_like(" ".join(toks[:cut]))  # ("Those close to him")
    if any(w in forms and not toks[i][:1].isupper() and not (
               i + 1 < len(low) and _is_person_noun(low[i + 1]) and forms[w].lemma == w)
           and not (i == len(low) - 1 and i > 0 and (low[i - 1] in _DEFINITE or low[0] in _DEFINITE))
           and not (i > 0 and w in DOCUMENTS and (low[0] in _DEFINITE or low[0] in ("a", "an", "another")))
           for i, w in enumerate(low)):
        # a verb inside the phrase: not a subject ("said the Valdorian"), unless "press secretary" or a noun
        # after its determiner ("the report says")
        return False
    head = _head(toks)
    if head is not toks and head:
        return _speaker_like(" ".join(head))
    if len(toks) == 1 and low[0] in PRONOUNS | set(POSSESSIVES) | GROUP_PRONOUNS:
        return True  # "he", "many", "others"
    if low[-1] in lists["roles"] or low[-1] in lists["collectives"] or low[-1] in lists["orgs"]:
        return True
    if low[-1].endswith("s") and low[-1][:-1] in lists["roles"]:
        return True
    if low[-1].rstrip(".") in lists["title_words"]:
        return True
    last = toks[-1]
    if last[:1].isupper() and last.lower() not in DETERMINERS or PARTICLE_NAME.fullmatch(last):
        return True  # (a name with a lower-case particle too: "al-Shabaab")
    if last.isdigit() and len(last) <= 3 and len(toks) >= 2 and toks[-2][:1].isupper() and \
            toks[-2].lower() not in _MONTHS_AND_DAYS:
        return True  # a channel's name: "Harbour 7", "Channel 4" (not "October 7")
    if len(low) == 2 and low[0] in ("this", "that") and low[1].endswith("s") and \
            not low[1].endswith(("ss", "is", "us", "ics", "news", "series", "species")):
        return False  # "This comes on the back of …": a singular determiner before a form in -s is a subject and verb
    if 1 < len(low) <= 6 and (low[-1].isalpha() or not hyphenated_modifier(low[-1]) and low[-1].replace(
            "-", "").isalpha()) and low[-1] not in NOT_SPEAKER_HEADS and \
            _NOT_IN_A_NOUN_PHRASE.isdisjoint(low):
        # a definite noun phrase can speak whatever its head: "the campaign", "the front-runner", "its letter"
        # the possessor: "Mrs. Valk's aides", a full name's "Ines Valk's campaign"
        possessor = next((w for w in low[:-1] if w.endswith(_POSSESSIVE_ENDS)), low[0])  # ("Rival Ines Valk’s campaign")
        if (low[0] in _DEFINITE or possessor.endswith(_POSSESSIVE_ENDS) or PLURAL_POSSESSOR.match(text)) and (
                len(low[-1]) > 2 or low[-1] in DOCUMENTS) and not (len(low) > 2 and low[-1].endswith("ed")):
            # ("the ad says"; "the accused", but not "the Harbour Office leaned": a verb after its subject)
            return True
        # a quantified group: "two Democratic speechwriters", "some environmental groups", "one questioner"
        if (low[0] in QUANTIFIERS or low[0] == "another") and low[-1].endswith(PERSON_ENDINGS):
            return True
    if low[0] in ("a", "an", "another") and low[-1] in DOCUMENTS and len(low) <= 5:
        return True  # a document speaks for its authors: "A statement said", "An earlier report said"
    person = low[-1][:-1].endswith(PERSON_ENDINGS[1:]) or _people(low[-1])  # "insiders", "residents", "fans"
    # before the plural, lowercase words, or with a plural of people any words ("Valk insiders", "hacking specialists")
    if len(low) <= 3 and BARE_PLURAL.fullmatch(toks[-1]) and toks[-1].isalpha() and low[-1] not in NOT_SPEAKER_HEADS \
            and all(t.isalpha() and (person or t.islower() and not t.endswith(("ed", "ing"))) for t in toks[:-1]) and \
            low[0] not in DETERMINERS and low[0] != "no" and _NOT_IN_A_NOUN_PHRASE.isdisjoint(low):
        return True  # a bare plural: "strategists", "security specialists", "Valk insiders"
    return False


def _people(word: str) -> bool:
    """A plural that names people: a collective ("residents") or a role's plural ("supporters")."""
    lists = _lists()
    return word in lists["collectives"] or word.endswith("s") and word[:-1] in lists["roles"]


def _is_person_noun(word: str) -> bool:
    """A role or title noun, or its plural: after a verb's base form it makes a noun phrase ("press
    secretary", "protest leaders"; not "said inspectors")."""
    lists = _lists()
    nouns = lists["role_or_title"]
    return word in nouns or word.endswith("s") and word[:-1] in nouns or word in lists["collectives"]


#: Words that make a run of words a clause rather than a noun phrase ("the government is cancelling …").
_NOT_IN_A_NOUN_PHRASE = PRONOUNS | AUXILIARIES | {"to", "for", "that", "which", "who"}
_MONTHS_AND_DAYS = frozenset("january february march april may june july august september october november december "
                              "jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: The endings of a possessor: "Valk’s", "Sanders’" (a name in -s), "the workers'".
_POSSESSIVE_ENDS = ("’s", "'s", "s’", "s'")
#: Definite determiners: an indefinite phrase of unknown head is more often something else ("a sedative
#: called clonazepam", "a proposed park").
_DEFINITE = frozenset("the this that these those its his her their our".split())


@lru_cache(maxsize=8192)
def _is_full_name(text: str) -> bool:
    toks = _TOKEN.findall(text)
    return 2 <= len(toks) <= 4 and all(t[:1].isupper() and t.lower() not in NOT_NAME_WORDS for t in toks) and not any(
        t.lower() in _lists()["orgs"] or t.lower() in _lists()["title_words"] or is_demonym(t) for t in toks)


#: Words that open a postmodifier after a head noun: a preposition, a relative, a participle of being
#: quoted or placed ("seen by", "based in"); a subject pronoun opens a contact clause ("people I spoke with").
_POSTMODIFIER_OPENERS = frozenset("for of in at from with on who that whose which I we you seen quoted cited "
                                  "interviewed polled surveyed based".split())


#: What follows a participle that opens a postmodifier ("voters going to the polls", "members supporting
#: the bill"); and irregular past tenses that make a relative clause finite ("a fisher who spoke …").
_AFTER_ING = frozenset("the a an his her their its our to in on at for with from about this that these those".split())
_PAST = frozenset("went made took gave saw knew left began held kept found spoke wrote told said met ran won lost "
                  "thought brought sent came".split())


def head_before_postmodifier(phrase: str) -> int | None:
    """Where the head of a long subject ends, before its postmodifier, or None: the head is the shortest
    opening of ``phrase`` that can speak and is followed by a postmodifier without a finite verb of its own
    (one inside a relative clause is its own).

    >>> phrase = "A spokesman for the news site Tidewire"
    >>> phrase[:head_before_postmodifier(phrase)]
    'A spokesman'
    >>> head_before_postmodifier("Ek has supported the levy at times") is None
    True
    """
    tokens = list(_TOKEN.finditer(phrase))
    if len(tokens) < 3:
        return None
    first = tokens[0].group()
    if first.lower() in LEADING_PREP or first.lower() in PRONOUNS or first.lower().endswith(("’s", "'s")) or \
            not (first[:1].isupper() or first.lower() in DETERMINERS or first.lower() in QUANTIFIERS):
        return None  # "In …", "It …", "Here's a sentence I …", "what …": no head noun phrase opens it
    forms = _verbs().forms
    if first.lower() in forms or first.lower() in ("even", "only", "just") or first.lower().endswith("ing"):
        return None  # "Says …", "Even …", "Taking nothing for granted": not a noun phrase's first word
    for k in range(1, min(len(tokens) - 1, 6)):
        word = tokens[k].group()
        rest = [t.group().lower() for t in tokens[k:]]
        if not (word in _POSTMODIFIER_OPENERS or word.lower() in _POSTMODIFIER_OPENERS or
                word.endswith("ing") and word.islower() and rest[1] in _AFTER_ING):
            continue  # ("members supporting the bill", not "a ruling made it legal")
        relative = next((i for i, w in enumerate(rest) if w in ("who", "that", "which", "whose", "i", "we", "you")),
                        len(rest))
        if not _FINITE_WORDS.isdisjoint(rest[:relative]) or any(w in forms or i and w.endswith("ed")
                                                                 for i, w in enumerate(rest[:relative])):
            return None  # a clause, not a noun phrase: "Ek has supported the levy", "… at Orsk says the data"
        if relative < len(rest) and not any(w in _FINITE_WORDS or w.endswith("ed") or w in _PAST or w in forms
                                            for w in rest[relative + 1:]):
            return None  # the cue is the relative clause's own verb: "the issues that it (decides)"
        if _speaker_like(phrase[:tokens[k - 1].end()]):
            return tokens[k - 1].end()
    return None


def _described_speaker(phrase: str) -> bool:
    """A short description after an inverted cue speaks whatever its head: "said a 2008 campaign veteran",
    "said the 46-year-old" (a head no list names), but not a time ("said the next day")."""
    head = phrase.split()[-1].lower()
    return head not in NOT_SPEAKER_HEADS and len(head) > 2 and head.replace("-", "").isalnum() and \
        not head.isdigit() and not head.endswith("ly")

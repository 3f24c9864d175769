"""Speaker mentions -> canonical speakers within one article.

A mention is the noun phrase at a cue ("Estlandic Foreign Ministry spokesman Tomas Ek", "he", "the
official", "experts", "Valdoria"). :class:`SpeakerResolver` walks an article's mentions in reading order
and gives each a canonical speaker: full names for people (later surnames, titles + surname, pronouns and
role nouns resolve to them), the bare noun phrase for unnamed sources.

>>> r = SpeakerResolver()
>>> r.resolve("Estlandic Foreign Ministry spokesman Tomas Ek").canonical
'Tomas Ek'
>>> s = r.resolve("the spokesman"); (s.canonical, s.named, s.type)
('Tomas Ek', True, 'person')
>>> r.resolve("a senior Valdorian official").type
'anonymous'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .names import (
    _COUNTRY_SUFFIX,
    _LEAD_NOUN,
    _NOT_LEAD_NOUNS,
    _TOKEN,
    _anonymity_regex,
    _appositive_role,
    _cap,
    _lists,
    _name_tail,
    _narrative_name,
    _strip_det,
    _title_before_name,
    ends_like_org_or_place,
    given_name_gender,
    is_demonym,
    role_appositive,
)
from .resources import (
    ACRONYM,
    AMOUNT_OF,
    DATA_FROM,
    DETERMINERS,
    KIN_OF,
    OWN_DOCUMENT,
    POSSESSIVES,
    POSTMODIFIERS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    SHARE_OF_GROUP,
)

_ALL_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING

@dataclass
class Speaker:
    """A resolved speaker: canonical name, type (person|anonymous|collective|organisation|country).

    ``canonical`` is fixed once made (the resolver keeps its lower-cased forms for comparisons)."""

    canonical: str
    type: str
    named: bool
    descriptors: list[str] = field(default_factory=list)
    plural: bool = False
    gender: str | None = None  # "he"/"she" once a pronoun or an honorific has told us

    def __post_init__(self):
        # what the resolver compares, once per speaker instead of once per comparison (not fields)
        self._key = self.canonical.lower()
        last = self.canonical.rsplit(None, 1)
        self._surname_key = last[-1].lower() if last else None
        if self.type == "person" and self.gender is None:
            self.gender = given_name_gender(self.canonical)  # "Laura Dorn": she, unless told otherwise

    def surname(self) -> str | None:
        return self.canonical.split()[-1] if self.type == "person" else None


_PREPS = frozenset("of in at from for on with".split())
_NOT_ROLE_BEFORE_NAME = _PREPS | DETERMINERS | frozenset("and or by to as than".split())
#: Head nouns a definite description uses for an organisation already named ("the company", "the agency").
_GENERIC_ORG_HEADS = frozenset("company firm agency utility group department organization organisation "
                               "corporation retailer bank airline carrier insurer charity".split())


def _head(toks: list[str]) -> list[str]:
    """Tokens before the first prepositional phrase, keeping names like "Ministry of Health" and "University
    of the Fraser Valley", and a person named after a role at the end ("University of the Fraser Valley
    political scientist Hamish Telford")."""
    tail = _name_tail(toks)
    if len(tail) >= 2 and len(toks) > len(tail) and toks[-len(tail) - 1].isalpha() and \
            toks[-len(tail) - 1].islower() and toks[-len(tail) - 1] not in _NOT_ROLE_BEFORE_NAME and \
            toks[-len(tail) - 1] not in _PREPS:  # (not "Institute on Drug Abuse")
        return toks  # a role word, then the name
    for i, t in enumerate(toks):
        if i and t in _PREPS:
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt == "the" and i + 2 < len(toks):
                nxt = toks[i + 2]
            if t in ("of", "on", "for") and toks[i - 1][:1].isupper() and nxt[:1].isupper() and \
                    toks[i - 1].lower() in _lists()["orgs"]:
                continue  # ("National Institute on Drug Abuse", "Centre for Addiction")
            return toks[:i]
    return toks


#: An acronym opening a name: "BC Hydro", "CTV News" are organisations, not people.
#: A one-word name that may be a surname: a capital, then lowercase letters (not "IRCC", not "McGill-Queen's").
_SURNAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")

_POSTMOD = frozenset("who whom whose which that close speaking with".split()) | POSTMODIFIERS
_QUANT = frozenset("two three four five six several some many few both about nearly around roughly".split())


def _cut_postmodifiers(toks: list[str]) -> list[str]:
    """Drop relative clauses and "familiar with …" tails, and leading numbers ("two delegates")."""
    for i, t in enumerate(toks):
        if i and t.lower() in _POSTMOD:
            toks = toks[:i]
            break
    while len(toks) > 1 and (toks[0].lower() in _QUANT or toks[0].replace(",", "").isdigit()):
        toks = toks[1:]  # ("two delegates", "about 200 residents": residents)
    # possessive speaker of a noun cue: "Halloran's" -> Halloran
    if toks and toks[-1].endswith(("’s", "'s")):
        toks = toks[:-1] + [toks[-1][:-2]]
    return toks


_LOWER_FIRST = frozenset("senior former two three several many some local top other".split())


def _common_case(toks: list[str]) -> list[str]:
    """Lower-case a sentence-initial common word ("Residents" -> "residents", "Senior official")."""
    first = toks[0]
    lists = _lists()
    if first[:1].isupper() and not is_demonym(first) and (
            first.lower() in lists["collectives"] or first.lower() in lists["roles"] or first.lower() in _LOWER_FIRST):
        return [first.lower()] + toks[1:]
    return toks


@lru_cache(maxsize=16384)
def _parse_mention(mention: str):
    """What :meth:`SpeakerResolver.resolve` reads from a mention alone, whatever came before it (so it is
    computed once per phrase): None (no words left), a pronoun (a str), or (tokens of the head noun
    phrase, definite?, the prepositional tail cut off or "", lower-cased head word, the name run at the
    end of the tokens).

    >>> _parse_mention("the spokesman of the ministry")
    (('spokesman',), True, 'of the ministry', 'spokesman', ())
    """
    toks = _TOKEN.findall(mention)
    if not toks:
        return None
    low0 = toks[0].lower()
    if len(toks) == 1 and (low0 in _ALL_PRONOUNS or low0 in POSSESSIVES):
        return POSSESSIVES.get(low0, low0)
    toks = _strip_det(_cut_postmodifiers(toks))
    head_np = _head(toks)
    pp = ""
    if head_np and len(head_np) < len(toks):
        pp = " ".join(toks[len(head_np):])
        toks = head_np
    if not toks:
        return None
    name = _name_tail(toks)
    if name and len(name) < len(toks) and toks[-len(name) - 1] in _PREPS:
        name = []  # the end of an organisation's name kept whole: "National Institute on Drug Abuse"
    return tuple(toks), low0 in ("the", "this", "that"), pp, toks[-1].lower(), tuple(name)


class SpeakerResolver:
    """Resolves mentions to canonical speakers across one article, in reading order."""

    def __init__(self):
        self.entities: list[Speaker] = []
        self.narrative_names: dict[str, str] = {}  # surname -> full name, people named outside cues
        self.narrative_orgs: dict[str, str] = {}  # head noun -> organisation named in narrative
        self.narrative_roles: dict[str, str] = {}  # title -> the person last named with it ("mayor")
        self.last_named: str | None = None  # the person named last in narrative

    # -- helpers -----------------------------------------------------------------------------------
    def _remember(self, sp: Speaker) -> Speaker:
        key = sp._key
        for i, e in enumerate(self.entities):
            if e._key == key and e.type == sp.type:
                for d in sp.descriptors:
                    if d not in e.descriptors:
                        e.descriptors.append(d)
                self.entities.append(self.entities.pop(i))
                return e
        self.entities.append(sp)
        return sp

    def _recent(self, pred) -> Speaker | None:
        for e in reversed(self.entities):
            if pred(e):
                return e
        return None

    def person_by_surname(self, word: str) -> Speaker | None:
        w = word.lower().rstrip("’'s").rstrip("’'")
        for e in reversed(self.entities):  # the most recent person with that surname
            if e.type == "person" and e._surname_key == w:
                return e
        return None

    # -- main entry ----------------------------------------------------------------------------------
    def resolve(self, mention: str, context: str = "", appositive: str = "") -> Speaker:
        """Canonical speaker for a mention.

        ``context`` is the text right after the mention (searched for anonymity markers such as "who
        spoke on condition of anonymity"); ``appositive`` is a descriptor set off by commas ("Lena Park,
        the country's former security adviser, said"), kept with the speaker.
        """
        lists = _lists()
        source = DATA_FROM.search(mention)
        if source is not None:  # "the most recent numbers from Statistics Canada": Statistics Canada
            return self.resolve(source.group(1), context)
        own = OWN_DOCUMENT.fullmatch(mention.strip())
        if own is not None:  # "her statement said": she speaks through it
            return self._pronoun(POSSESSIVES.get(own.group(1).lower(), "i")) if own.group(1) else self.resolve(own.group(2), context)
        amount = AMOUNT_OF.match(mention)
        if amount is not None and amount.end() < len(mention):  # "a wide array of economists": the economists
            mention = mention[amount.end():]
        share = SHARE_OF_GROUP.fullmatch(mention.strip())
        if share is not None:  # "63 percent of Orsk voters" speak for "Orsk voters"; "nearly half" for no one named
            group = share.group("group")
            if group is None:
                return self._remember(Speaker(mention.strip().lower(), "collective", False, plural=True))
            mention = group
        parsed = _parse_mention(mention)
        if parsed is None:
            return self._remember(Speaker("unknown", "anonymous", False))
        if type(parsed) is str:  # pronouns and possessives
            return self._pronoun(parsed)
        toks, definite, pp, head, name = parsed
        toks = list(toks)
        if pp:
            # "observers in Port Aster", "Jonah Okafor of Port Aster University": the head before the PP
            appositive = pp + ("; " + appositive if appositive else "")
        if name and len(name) >= 2 and (name[-1].lower().rstrip(".") in lists["orgs"] or ACRONYM.fullmatch(name[0])
                                        or ends_like_org_or_place(name)):
            name = ()  # "Orsk Mills Corp.", "BC Hydro", "Burnaby RCMP", "Wall Street": not a person
        if name:
            name = list(name)
            descriptors = [" ".join(toks[: len(toks) - len(name)])] if len(toks) > len(name) else []
            if len(name) >= 2:
                sp = self.person_by_surname(name[-1]) if len(name) == 2 and name[0].endswith(".") else None
                if sp is None:
                    sp = Speaker(" ".join(name), "person", True, descriptors + ([appositive] if appositive else []))
                honorific = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}.get(toks[0].lower().rstrip("."))
                if honorific and sp.gender is None:
                    sp.gender = honorific
                return self._remember(sp)
            # single capitalised word: a known surname, a title + surname, a country or an organisation
            word = name[0]
            known = self.person_by_surname(word)
            if known:
                return self._remember(known)
            full = self.narrative_names.get(word.lower())
            if full:
                return self._remember(Speaker(full, "person", True, descriptors))
            if len(toks) == 1 and not KIN_OF.search(appositive):  # "Michael says …" after "Michael Greenspan": a
                # person by first name (not one a relation introduces: "Spindler's father, Joseph, says")
                known = self._recent(lambda e: e.type == "person" and e.canonical.split()[0] == word and
                                     " " in e.canonical)
                if known:
                    return self._remember(known)
            if descriptors and any(w.lower().rstrip(".") in lists["title_words"] for w in toks[:-1]):
                return self._remember(Speaker(word, "person", True, descriptors))
            if len(toks) == 1:
                if word.lower() in lists["countries"] or _COUNTRY_SUFFIX.search(word):
                    return self._remember(Speaker(word, "country", False))
                gender = _gender_nearby(context)
                if gender is not None and not word.isupper():  # "Lonechild said she …": a person by surname
                    return self._remember(Speaker(word, "person", True, descriptors, gender=gender))
                if not word.isupper() and role_appositive(appositive):  # "said Rowland, co-owner of …"
                    return self._remember(Speaker(word, "person", True, descriptors + [appositive.strip(" ,.")]))
                if ACRONYM.fullmatch(word):  # "the PBO" after "the Parliamentary Budget Officer"
                    spelled = self._recent(lambda e: _initials(e.canonical) == word)
                    if spelled is not None:
                        return self._remember(spelled)
                    named = next((o for o in reversed(self.narrative_orgs.values()) if _initials(o) == word), None)
                    if named is not None:
                        return self._remember(Speaker(named, "organisation", False))
                return self._remember(Speaker(word, "organisation", False))
        # organisations
        if head in lists["orgs"] or (len(toks) > 1 and all(_cap(t) or t.lower() in ("of", "for", "and", "on") for t in toks)):
            canon = " ".join(toks)
            if definite and len(toks) <= 2 and not _cap(toks[-1]):
                def is_a(e):  # "the agency" after "Dorn Transit, the regional agency," or "the agency Dorn Transit"
                    if any(_descriptor_head(d) == head for d in e.descriptors):
                        return True
                    return e.type in ("organisation", "country") and head in e.canonical.lower()
                prior = self._recent(is_a)
                if prior:
                    return self._remember(prior)
                if head in self.narrative_orgs:  # "the network" after "the Tamsin Relief Network" in narrative
                    return self._remember(Speaker(self.narrative_orgs[head], "organisation", False))
                if head in _GENERIC_ORG_HEADS:  # "the company said" after "Orsk Mills said": the last one named
                    prior = self._recent(lambda e: e.type == "organisation" and e.named is False and _cap(
                        e.canonical[:1]) and e.canonical.lower() not in _lists()["orgs"])
                    if prior:
                        return self._remember(prior)
            if head in ("country", "nation", "state") and definite:
                prior = self._recent(lambda e: e.type == "country")
                if prior:
                    return self._remember(prior)
            return self._remember(Speaker(canon, "organisation", False))
        if head in ("country", "nation") and definite:
            prior = self._recent(lambda e: e.type == "country")
            if prior:
                return self._remember(prior)
        # collectives and plural roles
        canon = " ".join(_common_case(toks))
        if head in lists["collectives"] or (head.endswith("s") and head[:-1] in lists["roles"]):
            kind = "collective" if head in lists["collectives"] and head not in ("officials", "sources", "diplomats") else "anonymous"
            if any(is_demonym(t) for t in toks) and head in ("officials", "sources", "diplomats", "leaders"):
                kind = "anonymous"
            return self._remember(Speaker(canon, kind, False, [appositive] if appositive else [], plural=True))
        # role nouns: definite ones refer back to an earlier speaker with that role
        if head in lists["roles"] or head in lists["title_words"]:
            if definite:
                title = " ".join(toks[-2:]).lower()
                title = title if len(toks) > 1 and title in lists["titles"] else None  # "the prime minister"

                def has_role(e):  # "the mayor" after "mayoral candidate Doug Kessel": the word starts with the role
                    if title is not None:
                        return any(title in d.lower() for d in e.descriptors)
                    return any(w.startswith(head) for d in e.descriptors for w in d.lower().split()) or \
                        head in e.canonical.lower().split()
                # "the official" usually points back to an unnamed source; named people come back by surname
                prior = self._recent(lambda e: has_role(e) and not e.named) or self._recent(has_role)
                if prior:
                    return self._remember(prior)
                titled = self._titled(title or head, head)
                if titled is not None:  # "the mayor" after "Mayor Doug McCallum" in narrative
                    return titled
                last = self.entities[-1] if self.entities else None
                if last is not None and last.type == "person" and last.named and title is not None:
                    # "Valk spoke at a town hall. The prime minister said": a two-word title with no holder named
                    # describes the person just named (not "the mayor", which is as often someone else)
                    return self._remember(last)
            return self._remember(Speaker(canon, "anonymous", False, [canon] + ([appositive] if appositive else [])))
        titled = self._titled(head, head) if definite else None
        if titled is not None:  # "the defenceman" after "rookie defenceman Caleb Dorn"
            return titled
        canon = " ".join(_common_case(toks))
        if context and _anonymity_regex().search(context.lower()) is not None:
            return self._remember(Speaker(canon, "anonymous", False, [canon]))
        return self._remember(Speaker(canon, "organisation" if _cap(toks[0]) else "anonymous", False, [canon]))

    def _pronoun(self, p: str) -> Speaker:
        last = self.entities[-1] if self.entities else None
        if p in PRONOUNS_PERSON and last is not None and last.type == "organisation" and \
                _SURNAME_SHAPE.fullmatch(last.canonical) and last.canonical.lower() not in _lists()["orgs"]:
            # "Kim said …" then "“…,” she said": the one-word speaker just before was a person
            last.type, last.named, last.gender = "person", True, p
            return last
        if p in PRONOUNS_PERSON:
            fits = lambda e: e.gender in (None, p)  # noqa: E731
            roles = _lists()["role_or_title"]
            sp = (self._recent(lambda e: e.type == "person" and fits(e))
                  # "the official", "a spokeswoman"; not "the headline" or "her statement"
                  or self._recent(lambda e: e.type == "anonymous" and not e.plural and fits(e) and
                                  e.canonical.split()[-1].lower() in roles)
                  or self._narrative_person(p)
                  or self._recent(lambda e: e.type == "person"))
            if sp is None and self.last_named is not None:  # no speaker yet: the person named last in narrative
                sp = Speaker(self.last_named, "person", True, [])
            if sp is not None and sp.gender is None:
                sp.gender = p
        elif p == "it":
            sp = self._recent(lambda e: e.type in ("organisation", "country"))
        else:  # they / we
            sp = self._recent(lambda e: e.plural or e.type in ("organisation", "country"))
        if sp is None:
            return self._remember(Speaker(p, "anonymous", False))
        return self._remember(sp)

    def _narrative_person(self, pronoun: str) -> Speaker | None:
        """The person narrative named last whose given name says ``pronoun`` ("Laura Dorn" for "she"), when
        no speaker so far fits it."""
        for full in reversed(self.narrative_names.values()):
            if given_name_gender(full) == pronoun:
                return self.person_by_surname(full.split()[-1]) or Speaker(full, "person", True, [])
        return None

    def touch(self, word: str) -> None:
        """A known person named again in narrative ("Brell walked through …") becomes the most recent."""
        known = self.person_by_surname(word)
        if known is None:
            full = self.narrative_names.get(word.lower())
            if full:
                known = Speaker(full, "person", True, [])
        if known is not None:
            self._remember(known)

    def _titled(self, role: str, descriptor: str) -> Speaker | None:
        """The person narrative named with ``role`` ("Mayor Doug McCallum" for "mayor"), remembered, or None."""
        full = self.narrative_roles.get(role)
        if full is None:
            return None
        known = self.person_by_surname(full.split()[-1])
        return self._remember(known or Speaker(full, "person", True, [descriptor]))

    def note_org(self, head: str, name: str) -> None:
        """An organisation named after its head noun in narrative ("company Harbourline"): "the company"
        may later point back to it."""
        self.narrative_orgs[head.lower()] = name

    def note_lead_noun(self, phrase: str, before: str) -> None:
        """Register the common noun right before a capitalised run in narrative, which a definite
        description may later point back to: "media company Harbourline" ("the company"), "the city of
        Orsk" ("the city"), "rookie defenceman Caleb Dorn" ("the defenceman")."""
        if not before[-1:].isspace() or not before[-2:-1].islower():
            return  # the quick test: most names follow a capital, a comma or a quotation mark
        words = before.split()
        of = len(words) > 1 and words[-1] == "of"
        noun = words[-2 if of else -1] if words else ""
        if not _LEAD_NOUN.fullmatch(noun) or noun in _NOT_LEAD_NOUNS:
            return  # (a verb before a name registers a "role" no description will ever ask for)
        if noun in _lists()["orgs"] or of:  # "company Harbourline", "the city of Orsk"
            self.narrative_orgs[noun] = " ".join(_TOKEN.findall(phrase))
            return
        found = _narrative_name(phrase)
        if found is not None and found[0] == "person":
            self.narrative_roles[noun] = found[2]

    def note_names(self, phrase: str, subject: bool = False, after: str = "") -> None:
        """Register people named in narrative ("Foreign Minister Anton Vasko arrived"), for later surnames.

        A person named as the subject of a sentence (``subject``) also becomes the most recent person, the
        one a following "He said:" points back to. ``after`` is the text that follows the phrase: an
        appositive there ("Doug Kessel, the mayor of Orsk,") is a role "the mayor" may later point back to."""
        found = _narrative_name(phrase)
        if found is None:
            return
        kind, key, value = found
        titled = _title_before_name(phrase)
        if titled is not None:  # "Mayor Doug McCallum": "the mayor" later points back to him
            self.narrative_roles[titled[0]] = self.narrative_roles[titled[0].split()[-1]] = titled[1]
        elif kind == "person" and after.startswith(","):
            role = _appositive_role(after)
            if role is not None:  # "Doug Kessel, the mayor of Orsk, …"
                self.narrative_roles[role] = value
        if kind == "org":
            self.narrative_orgs[key] = value
        else:
            self.narrative_names.setdefault(key, value)
            self.last_named = self.narrative_names[key]
            if subject:
                known = self.person_by_surname(key)
                self._remember(known or Speaker(self.narrative_names[key], "person", True, []))


def _initials(name: str) -> str:
    """The capitals a name's acronym would spell ("Immigration, Refugees and Citizenship Canada": "IRCC").

    >>> _initials("Parliamentary Budget Officer"), _initials("Ines Valk")
    ('PBO', 'IV')
    """
    return "".join(w[0] for w in _TOKEN.findall(name) if w[0].isupper())


def _descriptor_head(descriptor: str) -> str:
    """The head noun of a descriptor: its last word before a preposition.

    >>> _descriptor_head("the regional agency"), _descriptor_head("director of the Orsk Relief Network")
    ('agency', 'director')
    """
    words = descriptor.lower().split()
    for i, w in enumerate(words):
        if w in _PREPS:
            words = words[:i]
            break
    return words[-1].strip(",.;") if words else ""


_GENDER_NEARBY = re.compile(r"[^.;:!?“”\"]{0,40}?\b(he|she|his|her|him|himself|herself)\b", re.I)


def _gender_nearby(tail: str) -> str | None:
    """"he"/"she" when a personal pronoun follows a mention in its clause ("Lonechild said she …",
    "Osk, who took her seat …"), else None.

    >>> _gender_nearby(" said she started the work"), _gender_nearby(" said the port is closed")
    ('she', None)
    """
    m = _GENDER_NEARBY.match(tail)
    if m is None:
        return None
    return "he" if m.group(1).lower() in ("he", "his", "him", "himself") else "she"


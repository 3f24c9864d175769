"""Names and word lists for speakers: the shipped lexicons a mention is read against, the shape of a
person's name, and the names, titles and organisations that narrative introduces before anyone speaks.

>>> _name_tail(["Foreign", "Minister", "Anton", "Vasko"])
['Anton', 'Vasko']
>>> _narrative_name("Mayor Doug McCallum")
('person', 'mccallum', 'Doug McCallum')
"""

from __future__ import annotations

import re
from functools import lru_cache

from .resources import ACRONYM, DETERMINERS, NUMBERS

_TOKEN = re.compile(r"[\w][\w’'\-\.]*[\w]|[\w]")
#: Capitalised words that are not parts of a person's name.
_NOT_NAME = frozenset("The A An His Her Their Its Our This That Mr Mrs Ms Dr Mr. Mrs. Ms. Dr.".split()) | frozenset(
    # capitalised only because they open a sentence: never part of a name ("But Ek said", "After Valk left")
    "But And Yet So Or Nor After Before When While Although Though Because If Since Until As On In At For From "
    "With By During Meanwhile However Still Also Then Later Earlier Last Next Today Yesterday Asked Speaking "
    "Having Being Following Including Citing Noting Adding Calling Saying Getting Making Taking Watching Seeing "
    "Hearing Given First Second Finally Instead Now Here There "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_COUNTRY_SUFFIX = re.compile(r"(?:ia|land|stan|ea|ey|ar|an|ru)$")


@lru_cache(maxsize=1)
def _lists():
    from ..lexicon import load_demonyms, load_wordlist

    titles = load_wordlist("titles")
    title_words = {w.rstrip(".") for t in titles for w in t.split()}
    demonyms = {k.lower(): v for k, v in load_demonyms().items()}
    countries = {v.lower() for v in demonyms.values()}
    roles = load_wordlist("role_nouns")
    return dict(
        titles=titles,
        title_words=title_words,
        roles=roles,
        role_or_title=frozenset(roles | title_words),
        collectives=load_wordlist("collectives"),
        orgs=load_wordlist("organisation_heads"),
        anonymity=load_wordlist("anonymity_markers"),
        female=load_wordlist("given_names_female"),
        male=load_wordlist("given_names_male"),
        demonyms=demonyms,
        countries=countries,
    )


@lru_cache(maxsize=1)
def _anonymity_regex():
    marks = sorted(_lists()["anonymity"], key=len, reverse=True)
    return re.compile("|".join(re.escape(m) for m in marks))


def anonymity_marker_at(phrase: str) -> bool:
    """Whether lower-cased ``phrase`` starts with an anonymity marker after at most a few words.

    >>> anonymity_marker_at("who spoke on condition of anonymity said"), anonymity_marker_at("who said so")
    (True, False)
    """
    m = _anonymity_regex().search(phrase, 0, 90)
    return m is not None and len(phrase[:m.start()].split()) <= 3


_DEMONYM_SHAPE = re.compile(r"[A-Z][a-z]+(?:ian|ians|ic|ese)")


@lru_cache(maxsize=8192)
def is_demonym(word: str) -> bool:
    """True for a nationality adjective: shipped table, or a capitalised -ian/-ic/-i/-ese adjective."""
    if word.lower() in _lists()["demonyms"]:
        return True
    return len(word) > 5 and _DEMONYM_SHAPE.fullmatch(word) is not None


def _strip_det(tokens: list[str]) -> list[str]:
    while tokens and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    return tokens


def _cap(tok: str) -> bool:
    return tok[:1].isupper()


def _name_tail(toks) -> list[str]:
    """The capitalised run at the end of ``toks`` that can be a person's name (titles, roles, orgs cut)."""
    lists = _lists()
    tail: list[str] = []
    for t in reversed(toks):
        bare = t.rstrip(".")
        lw = bare.lower()
        if not _cap(t) or t in _NOT_NAME:
            break
        if lw in lists["title_words"] or lw in lists["orgs"] or lw in lists["roles"] or (tail and is_demonym(bare)):
            break
        if lw in lists["collectives"]:
            break
        tail.insert(0, t)
    if tail and tail[-1].endswith("’s") or tail and tail[-1].endswith("'s"):
        return []
    return tail


def org_named_after_head(text: str, head: str, end: int) -> str | None:
    """The organisation last named after ``head`` before ``end``: "company Harbourline", "the city of
    Orsk" (a capitalised run, one word may do), or None. Called only for a description that needs it.

    >>> org_named_after_head("Media company Harbourline grew. The company said so.", "company", 32)
    'Harbourline'
    """
    last = None
    for last in _org_after_head(head).finditer(text, 0, end):
        pass
    return last.group(1) if last is not None else None


@lru_cache(maxsize=256)
def _org_after_head(head: str) -> re.Pattern:
    return re.compile(r"(?<![\w’'\-])" + re.escape(head) + r"(?:\s+of)?\s+([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})")


#: The shape of a lowercase noun right before a name ("defenceman Caleb Dorn", "city of Orsk").
_LEAD_NOUN = re.compile(r"[a-z][a-z\-]{2,}")
#: Words before a name that are not nouns describing it.
_NOT_LEAD_NOUNS = frozenset("the and but or nor for with from into onto upon over under about after before during "
                            "than then that this these those which who whom whose when where while said says told "
                            "asked added wrote met named called including like unlike between among against toward "
                            "towards across behind beyond near past since until via per both also even only just "
                            "not has have had was were are is be been being will would could should may might "
                            "must can did does do to at by in on as of if so yet all any each every some".split())


@lru_cache(maxsize=16384)
def _narrative_name(phrase: str) -> tuple[str, str, str] | None:
    """What a capitalised run in narrative names: ("org", head noun, organisation), ("person", surname,
    full name) or None. Depends on the phrase alone, so it is computed once per phrase."""
    toks = _TOKEN.findall(phrase)
    if toks and toks[-1].endswith(("’s", "'s")):
        toks[-1] = toks[-1][:-2]  # a possessor is named too: "David Rowland’s plan"
    if len(toks) >= 2 and toks[-1].lower() in _lists()["orgs"]:
        return "org", toks[-1].lower(), " ".join(_strip_det(toks))
    tail = _name_tail(toks)
    if len(tail) >= 2 and ends_like_org_or_place(tail):
        return "org", tail[-1].lower(), " ".join(_strip_det(toks))
    if len(tail) >= 2 and not any(is_demonym(t) or t.lower() in _lists()["countries"] for t in tail):
        return "person", tail[-1].lower(), " ".join(tail)
    return None


#: Last words of a place's name: "Wall Street", "Times Square" are not people; nor is a name that ends in
#: an acronym ("Burnaby RCMP"), unless it is a generation ("Charles Dorn III").
_PLACE_HEADS = frozenset("street avenue road square boulevard".split())  # (not "Hill", "Park": surnames)
_ROMAN = frozenset(("II", "III", "IV", "VI", "VII", "VIII"))


def ends_like_org_or_place(name) -> bool:
    """Whether a capitalised run's last word makes it an organisation or a place rather than a person.

    >>> ends_like_org_or_place(["Burnaby", "RCMP"]), ends_like_org_or_place(["Wall", "Street"])
    (True, True)
    >>> ends_like_org_or_place(["Charles", "Dorn", "III"]), ends_like_org_or_place(["Ines", "Valk"])
    (False, False)
    """
    last = name[-1]
    return last.lower() in _PLACE_HEADS or ACRONYM.fullmatch(last) is not None and last not in _ROMAN


def _appositive_role(after: str) -> str | None:
    """The role noun of an appositive right after a name (", the mayor of Orsk," -> "mayor"), or None."""
    piece = after[1:].split(",", 1)[0]
    words = [w.lower().strip(".") for w in piece.split()[:6]]
    lists = _lists()
    for w in words:
        if w in ("of", "for", "at", "in", "who", "which"):
            break
        if w in lists["roles"] or w in lists["title_words"]:
            return w
    return None


@lru_cache(maxsize=16384)
def _title_before_name(phrase: str) -> tuple[str, str] | None:
    """(role, full name) for a name run that starts with its title ("Mayor Doug McCallum", "Foreign Minister
    Anton Vasko": ("foreign minister", "Anton Vasko"); the role is the title's last word unless the last two
    make a known title), or None."""
    toks = _TOKEN.findall(phrase)
    tail = _name_tail(toks)
    head = [t.lower().rstrip(".") for t in toks[: len(toks) - len(tail)]]
    lists = _lists()
    if len(tail) >= 2 and head and (head[-1] in lists["roles"] or head[-1] in lists["title_words"]):
        two = " ".join(head[-2:])
        return (two if len(head) > 1 and two in lists["titles"] else head[-1]), " ".join(tail)
    return None


#: Runs of capitalised words, possibly after lowercase role words: candidate people named in narrative.
NAME_RUN = re.compile(r"\b(?:[A-Z]\.\s+|[A-Z][\w’'\-]*\s+){1,5}[A-Z][\w’'\-]*")
#: The same matches as NAME_RUN, twice as fast: it starts with a capital, so ``re`` can skip ahead to one
#: (``\b`` before a capital is "no word character just before it").
NAME_RUN_FAST = re.compile(r"[A-Z](?<!\w[A-Z])(?:\.\s+|[\w’'\-]*\s+)(?:[A-Z]\.\s+|[A-Z][\w’'\-]*\s+){0,4}[A-Z][\w’'\-]*")


def given_name_gender(full_name: str) -> str | None:
    """"he" or "she" for a full name whose given name the shipped lists know (given_names_*.txt), else None.

    >>> given_name_gender("Thomas Ek"), given_name_gender("Laura Dorn"), given_name_gender("Alex Dorn")
    ('he', 'she', None)
    """
    parts = full_name.split()
    if len(parts) < 2:
        return None
    first, lists = parts[0].lower(), _lists()
    if first in lists["female"]:
        return None if first in lists["male"] else "she"
    return "he" if first in lists["male"] else None


#: Last parts of a hyphenated word that make it a modifier, not a noun: "short-term", "mid-morning".
_MODIFIER_TAILS = frozenset("term time year day week month level style scale wing side line old long morning "
                            "evening night page paragraph minute hour point hand".split())


_FRACTIONS = frozenset("thirds quarters fourths fifths sixths tenths halves".split())


def hyphenated_modifier(word: str) -> bool:
    """A hyphenated word that modifies a noun rather than heads one: "fire-breathing", "oft-stated",
    "short-term", "two-paragraph" (not "front-runner", "ex-wife").

    >>> hyphenated_modifier("wide-ranging"), hyphenated_modifier("short-term"), hyphenated_modifier("front-runner")
    (True, True, False)
    """
    parts = word.lower().split("-")
    if len(parts) < 2 or parts[-1] in _FRACTIONS or parts[1] == "in":
        return False  # a share heads its phrase: "three-fourths say", "Three-in-five insiders said"
    return parts[-1].endswith(("ing", "ed")) or parts[-1] in _MODIFIER_TAILS or parts[0] in NUMBERS or \
        parts[0].isdigit()


def role_appositive(appositive: str) -> bool:
    """Whether an appositive gives a person's role: "co-owner of a brewery", "a spokesman for …"."""
    words = _TOKEN.findall(appositive[:60].lower())
    if words and words[0] in ("a", "an", "the"):
        words = words[1:]
    words = [w for w in words[:3] if w not in ("former", "senior", "chief", "deputy", "longtime", "acting")]
    lists = _lists()
    return bool(words) and (words[0] in lists["roles"] or words[0] in lists["title_words"] or
                            words[0].split("-")[-1] in lists["roles"])

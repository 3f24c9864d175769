"""The subject of a cue: the noun phrase that speaks ("Ana Berg said", "…,” said the official").

Left of the cue, auxiliaries, adverbs and time phrases are skipped, then comma appositives ("Lena Park,
the country's former security adviser, said"), relative clauses ("A senior official who spoke on
condition of anonymity said") and a role before a name ("The ministry's spokesman, Tomas Ek, said") are
read; right of an inverted cue, the phrase up to a stop. The text is the masked text of the extractor.

>>> from framing.extract.subjects import _left_subject
>>> text = "Ana Berg, the envoy, said on Monday"
>>> subject = _left_subject(text, 0, text.index("said"))
>>> text[subject.start:subject.end], subject.descriptor
('Ana Berg', 'the envoy')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import _lists, _title_before_name, given_name_gender
from .npstart import _np_start
from .phrases import (
    _FINITE_WORDS,
    _described_speaker,
    _is_full_name,
    _speaker_like,
    head_before_postmodifier,
)
from .resources import (
    ADVERBS_BEFORE_CUE,
    APPOSITIVE_NAME,
    ASPECT_VERBS,
    AUXILIARIES,
    CHAIN_VERBS,
    CLAUSE_INSIDE,
    CONTRACTED,
    DASHED_PIECE,
    DAYS,
    DESCRIPTION,
    DETERMINERS,
    FOCUS_ADVERB,
    HOW_LEAD,
    IN_A_MEDIUM,
    LEADING_PREP,
    MASK,
    MEDIA_NOUNS,
    MORE_THAN_BEFORE,
    PHRASE_BEFORE_CUE,
    POSSESSIVES,
    POSTMODIFIER_ADJECTIVE,
    POSTMODIFIER_BEFORE,
    POSTMODIFIER_PREPS,
    PRONOUNS,
    QUOTING_APPOSITIVE,
    SUBJECT_PRONOUNS,
    TIME_NOUNS,
)
from .resources import SHARE_OF_GROUP as _SHARE_OF_GROUP
from .resources import TOKEN as _TOKEN

_SPACES = re.compile(r"\s*")


@dataclass(slots=True)
class Subject:
    """The noun phrase that speaks: its span, the descriptor beside it (an appositive or relative clause
    left of the cue; for an inverted cue, the rest of the unit after the phrase), and where its clause
    starts when a role comes before the name ("The ministry's spokesman, Tomas Ek, said": the name speaks
    and the clause starts at "The")."""

    start: int
    end: int
    descriptor: str = ""
    clause_start: int | None = None


_RIGHT_STOP = re.compile(r"[,;:!?(\u2014" + MASK + r"]|(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)"
                         r"(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)(?<!\bSt)(?<!\bProf)(?<!\b[A-Z])\."
                         r"|\s(?:who|which|with|in|at|on|during|after|of|told|to|when|while|as|because|before)\s")
_PREP_BEFORE = re.compile(r"\b(?:with|for|to|from|by|about|against|at|in|on|of|into|over)\s+$")
_REL_MARK = re.compile(r"\b(?:who|that)\b")


_WEEKDAYS = frozenset(DAYS.lower().split("|"))
#: Words that open a new subject after "and" ("and the meeting …", "and he …"; not "and virulently opposed").
_NEW_SUBJECT_START = frozenset("the a an this that these those his her their its he she they it we i".split())
#: The naming verbs' forms start so: after "what he" they name the thing ("what he calls …").
_NAMING_STEMS = ("call", "dub", "brand", "label", "term")
_PHRASE_ENDS = frozenset("past meantime years months weeks decades turn times occasion private public response days".split())
_SKIP_BEFORE_CUE = AUXILIARIES | _WEEKDAYS | {"on", "not"} | ADVERBS_BEFORE_CUE | ASPECT_VERBS
#: An acronym or a party tag after a name: "(IDF)", "(R-Utah)", "(D-Calif.)", "(D)".
#: A description in parentheses after a name: "Sen. Per Holm (an Orsk Democrat so boyish he …) says".
_PARENTHESIS_END = re.compile(r"(?<=[A-Za-z.])\s*\((?:an?|the)\s[^()" + MASK + r"]{3,100}\)$")
_ACRONYM_END = re.compile(r"\s*\((?:[A-Z][A-Za-z]{0,7}|[A-Z]-[A-Z][A-Za-z. ]{1,14})\)$")
_REL_BEFORE = re.compile(r"\b(?:who|that)\s+$")


#: A second appositive before the one just read: an age, a sentence adverb, or a descriptive phrase
#: ("a fisher", "who …", "facing a challenge in Orsk", "now 81"), or a party tag ("D-Calif.").
_ANOTHER_PIECE = re.compile(r",\s*(?:\d{1,3}|meanwhile|however|too|though|instead|also|in turn|"
                            r"for (?:his|her|their|its) part|(?:a|an|the|who|whose|which|now|[a-z]{3,}ing)\s[^,]*|"
                            r"[DRI]-[A-Z][A-Za-z.]{1,14})$")


def _last_word(text: str, base: int, pos: int) -> tuple[str | None, int]:
    """The last run of word characters in ``text[base:pos]`` if only spaces follow it, and its start
    (what ``re.search(r"(\\w+)\\s*$", text[base:pos])`` finds, without trying every position)."""
    m = _WORD_AT_END_REVERSED.match(text[base:pos][::-1])
    if m is None:
        return None, -1
    return m.group(1)[::-1], pos - m.end(1)


_WORD_AT_END_REVERSED = re.compile(r"\s*(\w+)")


def _left_subject(masked: str, unit_start: int, cue_start: int):
    """The noun phrase before a cue, skipping auxiliaries, time phrases and comma-parentheticals.

    Returns a :class:`Subject` or None.
    """
    pos = cue_start
    # skip auxiliaries / adverbs / "on Wednesday"
    while True:
        w, w_start = _last_word(masked, max(unit_start, pos - 40), pos)
        if w is None:
            break
        if w[:1].isupper() and w.lower() in AUXILIARIES:
            break  # "Maren May said", "Ms. May said": a capitalised "May" or "Will" is a name
        capitalised = w[:1].isupper()
        w = w.lower()
        if w in _SKIP_BEFORE_CUE or w.endswith("ly") and not capitalised:  # "Ek quickly said", not "Kelly said"
            pos = w_start
            continue
        if w in TIME_NOUNS:  # "just this month announced", "last week said"
            v, v_start = _last_word(masked, max(unit_start, w_start - 12), w_start)
            if v is not None and v.lower() in ("this", "last", "earlier", "later", "next"):
                pos = v_start
                continue
        if w in CONTRACTED and masked[w_start - 1:w_start] in ("'", "’") and \
                masked[max(unit_start, w_start - 5):w_start - 1].lower().split()[-1:] in CONTRACTED[w]:
            pos = w_start - 1  # "he’s said", "they’ve suggested": a contracted auxiliary
            continue
        if w in _PHRASE_ENDS:
            phrase = PHRASE_BEFORE_CUE.search(masked, max(unit_start, w_start - 24), w_start + len(w))
            if phrase is not None and phrase.start() > unit_start:
                pos = phrase.start()  # "have in the past said": when, not who
                continue
        if w in MEDIA_NOUNS:
            medium = IN_A_MEDIUM.search(masked, max(unit_start, w_start - 40), w_start + len(w))
            if medium is not None and medium.start() > unit_start:
                pos = medium.start()  # "Ek in a blog post said": where it was said
                continue
        if w == "t" and masked[w_start - 2:w_start] in ("n'", "n’"):  # "didn't", "isn’t": a negated auxiliary
            pos = w_start - 2
            continue
        if w == "to":  # a verb chain: "continued to insist", "refused to say", "appeared to suggest"
            v, v_start = _last_word(masked, max(unit_start, w_start - 30), w_start)
            if v is not None and v.lower() in CHAIN_VERBS:
                pos = v_start
                continue
        break
    if w is not None and (w in _SUBJECT_PRONOUNS or w == "it") and masked[w_start - 1:w_start].isspace():
        prev, _ = _last_word(masked, max(unit_start, w_start - 30), w_start)
        naming = prev is not None and prev.lower() in ("what", "which") and (
            masked.startswith(_NAMING_STEMS, cue_start)  # "in what he called “the loneliest moment”"
            or prev.lower() == "what" and _VERB_AFTER_CUE.match(masked, cue_start) is not None)  # "what it says is …"
        if prev is not None and (naming or w != "it" and prev.lower() not in AUXILIARIES and prev.lower() not in CLAUSE_INSIDE and
                                 prev.lower() not in ("how", "what", "why", "whether", "and", "or")):
            # "… with the network RT he blasted", "a lack of leadership he says has left …" (a contact relative
            # clause: the pronoun speaks), not "How he answers", "Can he maintain"
            return Subject(w_start, w_start + len(w))
    before = masked[unit_start:pos].rstrip()
    appositive = ""
    dashes = DASHED_PIECE.search(before, max(0, len(before) - 100)) if before.endswith(("—", "–", "-")) else None
    if dashes is not None and masked.rfind(MASK, unit_start + dashes.start(), pos) < 0:
        # "Insiders in two towns — Orsk and Port Aster — said": the dashed piece describes the subject
        appositive = dashes.group("piece").strip()
        before = before[:dashes.start()].rstrip()
    if before.endswith(MASK):  # "Mr. Ek, citing “the magic of the harbour,” said": the comma is inside the quote
        comma = masked.rfind(",", unit_start, unit_start + len(before))
        if comma >= 0 and QUOTING_APPOSITIVE.match(masked, comma + 1, unit_start + len(before)):
            appositive = masked[comma + 1:unit_start + len(before)].strip()
            before = masked[unit_start:comma].rstrip()
    if before.endswith("),") and masked.rfind(",", unit_start, unit_start + len(before) - 1) < 0:
        before = before[:-1]  # "Sen. Jack Dorn (L-Orsk), said": a stray comma after a party tag
    for _ in range(3):
        if not before.endswith(","):
            break
        # "Lena Park, the country's former security adviser, said" / "X, speaking in Y, accused"
        inner_end = unit_start + len(before) - 1
        comma = masked.rfind(",", unit_start, inner_end)
        if comma < 0 or MASK in masked[comma:inner_end] and not QUOTING_APPOSITIVE.match(masked, comma + 1, inner_end):
            return None
        piece = masked[comma + 1:inner_end].strip()
        words = piece.lower().split()
        rel = next((i for i, w in enumerate(words) if w in CLAUSE_INSIDE), len(words))
        if rel and not words[0].endswith(("ing", "ed")) and not _FINITE_WORDS.isdisjoint(words[1:rel]):
            return None  # "In a year when …, candidates have more room, said Ek": a clause, not an appositive
        if len(words) > 2 and words[0] in ("and", "but", "so", "yet") and words[1] in _NEW_SUBJECT_START and \
                any(w in _FINITE_WORDS or len(w) > 4 and w.endswith("ed") for w in words[2:]):
            return None  # "…, and the meeting fell apart, said a source": a clause, the speaker comes after

        rel_m = None  # "Per Holm, whose hometown, Orsk, is …, argues", "Berg, who, like Holm, chairs …, said",
        for rel_m in _RELATIVE_COMMA.finditer(masked, max(unit_start, comma - 120), comma):
            pass  # "Phillips, who lost her daughter in Aurora, Colorado, said": a relative clause with commas inside
        # (no auxiliary yet in it): read it whole, back to its "who"
        if rel_m is not None and _FINITE_WORDS.isdisjoint(masked[rel_m.end():comma].lower().split()):
            piece = masked[rel_m.start() + 1:inner_end].strip()
            comma = rel_m.start()
        appositive = piece if not appositive else piece + ", " + appositive
        before = masked[unit_start:comma].rstrip()
        if _ANOTHER_PIECE.search(before) and (not piece[:1].isupper() or _PLACE_BEFORE.search(before)):
            # "Mara Holt, 27, a fisher, said", "Ek, meanwhile, who …, said" (not "the spokesman, Tomas Ek,"),
            # "Dean Holm, a salesman from Sumter, South Orsk, says": the state goes with the town
            before = masked[unit_start:comma + 1]
    if appositive:
        first = appositive.split(",")[0].strip()
        name_start = masked.find(first, unit_start + len(before))
        titled = _is_full_name(first) or first[:1].isupper() and _title_before_name(first) is not None or \
            first.isalpha() and first[:1].isupper() and given_name_gender(first + " X") is not None
        # (a given name alone names the person a description introduces: "Spindler's father, Joseph, says")
        nb = before.split(",")[-1].strip()
        if titled and not _is_full_name(nb) and name_start >= 0 and nb.split(" ", 1)[0].lower() not in _RELATIVES:
            # (not "Per Holm, whose hometown, Orsk, is …, argues": a name inside a relative clause)
            # "The ministry's spokesman, Tomas Ek, said", "One Democrat, Orsk Sen. Ines Valk, said": the name speaks
            role_start = _np_start(masked, unit_start, unit_start + len(before.rstrip(", ")))
            return Subject(name_start, name_start + len(first), nb, role_start)
    end = unit_start + len(before)
    acro = (_ACRONYM_END.search(before) or _PARENTHESIS_END.search(before)) if before.endswith(")") else None
    if acro:  # "The Israel Defense Forces (IDF), which …, said", "Sen. Per Holm (an Orsk Democrat …) says"
        end = unit_start + acro.start()
        appositive = (before[acro.start():].strip() + " " + appositive).strip()
    start = _np_start(masked, unit_start, end)
    how = HOW_LEAD.match(masked, start, end) if start is not None and masked.startswith(_HOW_STARTS, start) else None
    if how is not None:
        start = how.end()  # "“…,” is how Ek put it": Ek
    rel = _REL_BEFORE.search(masked[max(unit_start, (start or end) - 8):start or end])
    if start is not None and not rel:
        # "Aid workers who travelled with it said": "it" is the object of a preposition in a relative clause
        pm = _PREP_BEFORE.search(masked, max(unit_start, start - 12), start)
        if pm:
            rm = None
            for rm in _REL_MARK.finditer(masked, max(unit_start, start - 90), pm.start()):
                pass
            if rm is not None:
                rel = rm
                start = pm.start()
    if start is not None and rel and (not _speaker_like(masked[start:end]) or _PREP_BEFORE.search(
            masked, max(unit_start, start - 12), start + 1)):
        # "A senior official who spoke on condition of anonymity explained that …"
        rel_at = masked.rfind(rel.group().strip(), unit_start, start)
        start2 = _np_start(masked, unit_start, rel_at) if rel_at > unit_start else None
        if start2 is not None and _speaker_like(masked[start2:rel_at].strip()):
            e2 = start2 + len(masked[start2:rel_at].rstrip())
            return Subject(start2, e2, masked[rel_at:end].strip())
    if start is not None:
        start = _over_postmodifier(masked, unit_start, start)
    if start is not None and masked.endswith(" and ", unit_start, start) and not _speaker_like(masked[start:end]):
        # "Experts on Orsk and nuclear policy said": the "and" is inside the postmodifier of the head
        s2 = _np_start(masked, unit_start, start - 5)
        head_end = head_before_postmodifier(masked[s2:end]) if s2 is not None else None
        if head_end is not None:
            return Subject(s2, s2 + head_end, masked[s2 + head_end:end].strip())
    if start is not None and not _speaker_like(masked[start:end]):
        run, start = start, _after_fronted_phrase(masked, start, end)
        head_end = head_before_postmodifier(masked[run:end]) if start is None else None
        cue = _TOKEN.match(masked, cue_start)
        if head_end is not None and _agrees(masked[run:run + head_end], cue.group() if cue else "", before):
            return Subject(run, run + head_end, masked[run + head_end:end].strip())  # "A spokesman for … said"
    if start is None or not _speaker_like(masked[start:end]):
        return None
    if masked[max(unit_start, start - 2):start] == ", " and not _is_full_name(masked[start:end]) and not (
            masked[start].isupper() and _title_before_name(masked[start:end]) is not None and
            not _POSTMODIFYING.search(masked, start, end)):  # (not "…, Education Minister Rob Dorn said")
        # "Ruth Calloway, director of the network, which …, said": the name before the role is the speaker
        prev = _np_start(masked, unit_start, start - 2)
        if prev is not None and _is_full_name(masked[prev:start - 2]) and not in_fronted_phrase(masked, unit_start, prev):
            # (not "In an interview with Harbour Today, Holm said": a name in a fronted phrase, then the speaker)
            return Subject(prev, start - 2, masked[start:end] + (", " + appositive if appositive else ""))
    focus = FOCUS_ADVERB.match(masked, start, end)
    if focus is not None and focus.end() < end:
        start = focus.end()  # "Even some allies questioned …": the allies speak
    more = MORE_THAN_BEFORE.search(masked, max(unit_start, start - 14), start)  # "more than half said"
    start = more.start() if more is not None and _SHARE_OF_GROUP.fullmatch(masked, more.start(), end) else start
    return Subject(start, end, appositive, how.start() if how is not None else None)


def in_fronted_phrase(masked: str, unit_start: int, at: int) -> bool:
    """Whether ``at`` lies in a phrase that opens the sentence with a preposition and has no comma before
    ``at`` ("In an interview with hosts Joe Lind and Mika Berg, …"): a name there is no subject."""
    first = _TOKEN.search(masked, unit_start, at)
    return first is not None and first.group().lower() in LEADING_PREP and first.group()[:1].isupper() and \
        "," not in masked[unit_start:at]


_SUBJECT_PRONOUNS = frozenset(SUBJECT_PRONOUNS)
#: A cue, then a finite verb: "what it says is a deficit", "what she said was growing demand".
_VERB_AFTER_CUE = re.compile(r"\w+\s+(?:is|was|are|were|has|have|had|will|would|could|can)\b")
_RELATIVES = frozenset("who whose whom which where".split())
_RELATIVE_COMMA = re.compile(r",\s*(?:who|whose|which)\b")
_HOW_STARTS = ("is how", "was how", "Is how", "Was how")
#: A place at the end of an appositive, which a comma and its state or country may follow ("from Sumter, …").
_PLACE_BEFORE = re.compile(r"\b(?:from|in|near)\s+[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)?$")
_POSTMODIFYING = re.compile(r"\s(?:of|for|at|with)\s")


def _agrees(head: str, cue: str, before: str) -> bool:
    """Whether a head noun phrase is the subject of a finite cue after its postmodifier: not a participle's
    ("…, denouncing"), an infinitive's ("… to release") or a plural head's verb in -s ("concerns following
    the terrorist attacks")."""
    if cue.endswith("ing") or before.endswith((" to", " To")):
        return False
    return not (cue.endswith("s") and head.rstrip().endswith("s") and not head.rstrip().endswith(("’s", "'s")))


def _over_postmodifier(masked: str, unit_start: int, start: int) -> int:
    """The start of a speaker noun phrase whose postmodifier the scan stopped in ("People with knowledge
    of the deal said": "People", not "direct knowledge of the deal"), else ``start`` unchanged."""
    if not masked[max(unit_start, start - 6):start].rstrip().endswith(POSTMODIFIER_PREPS):
        return start  # the quick test: most subjects have no preposition before them
    m = POSTMODIFIER_BEFORE.search(masked, max(unit_start, start - 30), start)
    if m is None or m.group("adj") is None and m.group("prep") != "with":
        return start
    head_end = m.start()
    head_start = _np_start(masked, unit_start, head_end)
    if head_start is None or not _speaker_like(masked[head_start:head_end]):
        return start
    head = masked[head_start:head_end].split()
    noun = head[-1].lower().rstrip("s")
    if m.group("adj") is None and noun not in _lists()["roles"] and noun != "people" and \
            not _is_full_name(masked[head_start:head_end]):  # ("person" is a role; "Tim Guest with the authority")
        return start  # "the port with new cranes": only people speak with knowledge
    return head_start


def _after_fronted_phrase(masked: str, start: int, end: int) -> int | None:
    """The subject after a fronted phrase with no comma: "On Tuesday the minister", "In an interview Ek".

    A phrase that opens with a preposition loses it and its object: the subject starts at the next
    determiner or pronoun, else at a final run of capitalised words. None when no subject is found.
    """
    tokens = list(_TOKEN.finditer(masked, start, end))
    if len(tokens) < 3 or tokens[0].group().lower() not in LEADING_PREP:
        return None
    low = [t.group().lower() for t in tokens]
    for i in range(2, len(tokens)):
        if low[i] in DETERMINERS or low[i] in PRONOUNS:
            return tokens[i].start() if _speaker_like(masked[tokens[i].start():end]) else None
    i = len(tokens)
    while i > 2 and tokens[i - 1].group()[:1].isupper():
        i -= 1
    if i < len(tokens) and (not tokens[i - 1].group()[:1].isupper() or low[i - 1] in _WEEKDAYS):
        return tokens[i].start()  # "In an interview Ek", "On Tuesday Ines Valk"
    return None


def _right_subject(masked: str, pos: int, unit_end: int, after_quote: bool = False):
    """The noun phrase after an inverted cue ("…,” said the official." / "…, said Ana Berg, a …").

    ``after_quote``: the cue follows a quotation, where a short description speaks whatever its head."""
    m = _SPACES.match(masked, pos, unit_end)
    s = m.end() if m else pos
    stop = _RIGHT_STOP.search(masked, s, unit_end)
    e = stop.start() if stop else unit_end
    while e > s and not masked[e - 1].isalnum():
        e -= 1
    adjective = POSTMODIFIER_ADJECTIVE.search(masked, s, e)
    if adjective is not None:  # "…,” said a person close to the mayor": the head before the postmodifier
        e = adjective.start()
    if e <= s:
        return None
    name = APPOSITIVE_NAME.match(masked, e, unit_end)
    if name is not None and _is_full_name(name.group("name")) and not _is_full_name(masked[s:e]) and (
            _speaker_like(masked[s:e]) or DESCRIPTION.fullmatch(masked, s, e)):
        # "…,” said another harbour engineer, Ines Valk of the firm": the name is the speaker
        return Subject(name.start("name"), name.end("name"), masked[s:e])
    if not _speaker_like(masked[s:e]) and not (DESCRIPTION.fullmatch(masked, s, e) and (
            masked.startswith(" who ", e) or after_quote and _described_speaker(masked[s:e]))):
        return None  # (but "said a retired schoolteacher who asked not to be named", "said a 2008 campaign veteran")
    return Subject(s, e, masked[e:unit_end])


#: The noun phrase a possessive opens, up to its head: "’s right-hand woman", "’s campaign manager".
def relative_antecedent(text: str, who: int) -> tuple[int, int] | None:
    """The ``(start, end)`` of the noun phrase a relative "who" at ``who`` refers to, or None: the run of
    capitalised words before it (a name), else a determiner phrase of up to four words, else the noun.

    >>> t = "The march was led by Tomas Ek, who said the toll was unfair. He met voters who said so."
    >>> [t[slice(*relative_antecedent(t, i))] for i in (t.index("who"), t.rindex("who"))]
    ['Tomas Ek', 'voters']
    """
    end = who
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    words = list(_TOKEN.finditer(text, max(0, end - 120), end))
    if not words or words[-1].end() != end:
        return None
    i = len(words) - 1
    if words[i].group()[:1].isupper():
        while i > 0 and words[i - 1].group()[:1].isupper() and words[i - 1].end() + 1 == words[i].start():
            i -= 1
        if i > 0 and words[i - 1].group() in ("of", "at", "for") and text[who:who + 4].startswith("who"):
            # "Yoni Lind, medical director of Orsk’s Bariatric Institute, who writes …": the person before the role
            comma = text.rfind(", ", max(0, words[i].start() - 60), words[i].start())
            if comma > 0:
                person = relative_antecedent(text, comma + 2)
                if person is not None and _is_full_name(text[person[0]:person[1]]):
                    return person
        return (words[i].start(), end) if _speaker_like(text[words[i].start():end]) else None
    for j in range(i, max(-1, i - 4), -1):
        if words[j].group().lower() in DETERMINERS or words[j].group().lower() in POSSESSIVES:
            return words[j].start(), end
    return (words[i].start(), end) if _speaker_like(text[words[i].start():end]) else None

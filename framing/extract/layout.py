"""Attributions that layout makes, with no reporting verb: transcript lines and signed quotes.

- a headline that opens with a name and a colon ("Ines Valk: Port Tax Will Go");
- a transcript line: a speaker label in capitals and a colon, then what they said ("VALK: We will not
  sign."), where the label is a name the article gives in full ("Ines Valk"), so that a section head
  ("ENERGY: Crude oil fell …") is not a speaker;
- a signed quote: a quotation followed by a dash and a name to the end of its line ("“We stay.” ― Ines
  Valk");
- a quotation after a name and a colon within a paragraph ("Bush: “…”", "Dorn is more blunt: “…”");
- a pull quote: a paragraph of unquoted words that ends with its speaker's name ("It is very bad for our
  seniors. Rod Peters, Lake Orsk mayor").

A headline in title case is read in sentence case (:func:`sentence_cased`): its function words and cue
words lower-cased, so that "Ek Announces Bill Revoking the Permit" parses as "Ek announces Bill …".

>>> from framing import extract_quotes
>>> [(q.content, q.speaker) for q in extract_quotes("Ines Valk met the council.\\n\\nVALK: We will not sign.")]
[('We will not sign.', 'Ines Valk')]
"""

from __future__ import annotations

import re

from .model import Attribution
from .resources import AUXILIARIES, DETERMINERS, POSSESSIVES, PRONOUNS, QUOTE_CHARS

#: A speaker label of up to four words in capitals ("VALK:", "MR. EK:", "INES VALK:"), then the words; a
#: transcript set in quotation marks opens each paragraph with one ("\"VALK: We will not sign.").
_TRANSCRIPT = re.compile(r"[\"“]?((?:MRS?\.|MS\.|DR\.)?\s?[A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,3}):[ \t]+(?=\S)")
#: Labels that head a paragraph without naming a speaker.
_NOT_SPEAKERS = frozenset((
    "UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "EDITOR'S", "EDITOR’S", "CORRECTION", "CLARIFICATION",
    "PHOTO", "PHOTOS", "VIDEO", "WATCH", "READ MORE", "READ", "MORE", "RELATED", "ADVERTISEMENT", "SOURCE",
    "SOURCES", "WARNING", "BREAKING", "ANALYSIS", "OPINION", "Q", "A"))
#: Words that make a label a section head or a title, not a speaker ("THE DAY IN ASIA:", "The Latest:").
_HEAD_WORDS = frozenset("THE A AN IN OF ON AT FOR TO AND IS".split())
#: A dash and a name after a quotation, to the end of the paragraph ("” ― Ines Valk, port director").
_SIGNATURE = re.compile(r"\s*[―—–-]{1,2}\s*([A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3})(?:,[^\n]{0,80})?\s*")


#: Words a title-case headline capitalises that a sentence would not: function words (cue words come from the
#: lexicon).
_FUNCTION_WORDS = DETERMINERS | AUXILIARIES | PRONOUNS | frozenset(POSSESSIVES) | frozenset(
    "and or but nor if that as than not to of for with on in at by from about over after before into onto "
    "against while when amid despite during since until via".split())
_TITLE_WORD = re.compile(r"(?<![\w’'])[A-Z][a-z’']+(?![\w’'\-])")


def sentence_cased(masked: str, ps: int, pe: int, forms) -> str:
    """``masked`` with the title-case headline at ``ps:pe`` in sentence case: its capitalised function
    words and cue words (``forms``), all but the first, lower-cased (the same length: offsets hold).

    >>> sentence_cased("Ek Announces Bill to Cut The Toll", 0, 33, {"announces"})
    'Ek announces Bill to Cut the Toll'
    """
    out = list(masked[ps:pe])
    for m in _TITLE_WORD.finditer(masked, ps, pe):
        w = m.group().lower()
        if m.start() > ps and (w in _FUNCTION_WORDS or w in forms) and len(w) == m.end() - m.start():
            out[m.start() - ps:m.end() - ps] = w
    return masked[:ps] + "".join(out) + masked[pe:]


#: A headline that opens with a name and a colon ("Ines Valk: Port Tax Will Go").
_HEADLINE_LABEL = re.compile(r"([A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3}):[ \t]+(?=\S)")


def headline_label(text: str, ps: int, pe: int) -> Attribution | None:
    """The attribution of a headline "Name: what they said", where the name is a full name or a surname
    the article gives in full, or None."""
    m = _HEADLINE_LABEL.match(text, ps, pe)
    if m is None:
        return None
    words = m.group(1).split()
    if not (len(words) >= 2 or _named_in(text[m.end():], words[-1])) or m.group(1).upper() in _NOT_SPEAKERS:
        return None
    if words[0].upper() in _HEAD_WORDS or m.group(1).isupper() or any(w.endswith(("’s", "'s")) for w in words):
        return None  # "The Latest: …", "FIX IS IN: …", "Monday’s Morning Email: …": a title, not a speaker
    s, e = m.end(), pe
    while e > s and text[e - 1].isspace():
        e -= 1
    kind = "mixed" if any(ch in QUOTE_CHARS for ch in text[s:e]) else "indirect"  # the headline's words
    return Attribution(kind, [(s, e)], None, m.span(1), "") if e - s > 1 else None


def transcript_line(text: str, ps: int, pe: int) -> Attribution | None:
    """The attribution of a paragraph that opens with a speaker label, or None."""
    m = _TRANSCRIPT.match(text, ps, pe)
    if m is None or m.group(1).strip() in _NOT_SPEAKERS or not _named_in(text, m.group(1).split()[-1]) or \
            any(w in _HEAD_WORDS for w in m.group(1).split()):
        return None  # (nor is a section head: "THE DAY IN ASIA: Japan's Nikkei 225 index gained …")
    s, e = m.end(), pe
    while e > s and (text[e - 1].isspace() or text[e - 1] in "\"”" and text[ps] in "\"“"):
        e -= 1
    label = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip())
    return Attribution("direct", [(s, e)], None, (label, m.end(1)), "") if e - s > 1 else None


def _named_in(text: str, label_word: str) -> bool:
    """Whether the article names a person whose surname is ``label_word`` ("VALK": "Ines Valk")."""
    surname = label_word.strip(".").capitalize()
    return re.search(r"[A-Z][\w’'\-]*\.?\s+" + re.escape(surname) + r"\b", text) is not None


def signed_quotes(text: str, quotes: list, pe: int, used: set[int]) -> list[Attribution]:
    """The attributions of the quotations of a paragraph that a dash and a name follow to the end of their
    line ("“We stay.” ― Ines Valk", one per line in a collection of readers' voices)."""
    found = []
    for q in quotes:
        if id(q) in used or not q.closed or q.single:
            continue
        line_end = text.find("\n", q.close, pe)
        m = _SIGNATURE.fullmatch(text, q.close, pe if line_end < 0 else line_end)
        if m is None:
            continue
        used.add(id(q))
        found.append(Attribution("direct", [(q.content_start, q.content_end)], None, m.span(1), ""))
    return found


#: A pull quote: a paragraph of a sentence or two with no quotation marks, then the name of whoever said it
#: ("It is very bad for our seniors. Rod Peters, Lake Orsk mayor").
_PULL_QUOTE = re.compile(r"\s*(?P<body>[A-Z][^“”\"\n]{20,400}?[.!?])\s+(?P<name>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-.]*){1,3})"
                         r"(?:,\s*[^.,;:“”\"\n]{1,60})?\.?\s*")


def pull_quote(text: str, ps: int, pe: int) -> Attribution | None:
    """The attribution of a pull quote, a paragraph that ends with the name of its speaker (whose surname the
    article gives elsewhere too), or None.

    >>> t = "Rod Peters runs Lake Orsk.\\n\\nIt is very bad for our seniors if they have no backup. Rod Peters, mayor"
    >>> a = pull_quote(t, t.index("It"), len(t))
    >>> t[slice(*a.fragments[0])], t[slice(*a.mention)]
    ('It is very bad for our seniors if they have no backup.', 'Rod Peters')
    """
    m = _PULL_QUOTE.fullmatch(text, ps, pe)
    name = m.group("name").split() if m is not None else ()
    if m is None or text.count(name[-1]) < 2 or name[0] in _HEAD_WORDS_TITLE or _ABBREVIATION_END.search(m.group("body")):
        return None  # (not "… her rival, Sen. Bernie Sanders.": a title's full stop ends no sentence)
    return Attribution("direct", [m.span("body")], None, m.span("name"), "")


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])+)\.$")
#: Capitalised words that open a sentence rather than a name.
_HEAD_WORDS_TITLE = frozenset("The A An In Of On At For To And But It This That He She They We".split())


def labelled_quotes(text: str, quotes: list, ps: int, used: set[int]) -> list[Attribution]:
    """The attributions of quotations that a name and a colon introduce within a paragraph ("Clinton:
    “Our goal is to defeat them.” Bush: “The mission is …”"), or a name and a short predicate ("Dorn, the
    harbour doctor, is more blunt: “…”"): the name must open its sentence and be a person the article names
    in full (or he, she, they)."""
    found = []
    for q in quotes:
        if id(q) in used or q.single or not text[q.open - 3:q.open].rstrip().endswith(":"):
            continue  # the quick test first: a colon right before the quotation
        m = _LABEL_BEFORE.search(text, max(ps, q.open - 60), q.open) or \
            _CLAUSE_BEFORE.search(text, max(ps, q.open - 200), q.open)
        if m is None or m.group(1) in _NOT_SPEAKERS or not (m.group(1) in ("He", "She", "They") or
                                                           _named_in(text, m.group(1).split()[-1])):
            continue
        used.add(id(q))
        found.append(Attribution("direct", [(q.content_start, q.content_end)], None, m.span(1), ""))
    return found


#: A name opening a sentence whose short predicate says how the quotation after its colon is said ("Dorn,
#: the harbour doctor, is more blunt: “…”", "Valk put it this way: “…”").
_CLAUSE_BEFORE = re.compile(r"(?:^|(?<=[.!?”\"\n])\s+|(?<=\n))((?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]+)"
                            r"(?:,[^,:;“”\"]{3,80},)?\s+(?:is|was|are|were|put|puts|sounded|sounds|remained|remains)\b"
                            r"[^:;“”\".!?]{0,50}:\s*$")
#: A name and a colon opening a sentence, right before a quotation ("… ISIS.” Bush: “").
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[.!?”\"\n])\s+|(?<=\n))((?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]+):\s*$")

"""Quotations without a cue of their own: continuations of an attribution.

After a paragraph's cues are read, each quotation no rule took is given to an owner:
- a split continuation in the same paragraph ("“A,” she said. “B.”") goes to the last direct
  attribution before it;
- a quote that opens a paragraph continues the last direct attribution of the previous paragraph when
  that paragraph ended in a quote (a multi-paragraph statement);
- the quote after a colon intro ("He said:" at the end of the previous paragraph) is its content.

>>> from framing import extract_quotes
>>> text = "Ana Berg said:\\n\\n“We will stay.”\\n\\n“We will rebuild.”"
>>> [(q.content, q.speaker) for q in extract_quotes(text)]
[('We will stay.', 'Ana Berg'), ('We will rebuild.', 'Ana Berg')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .content import fewer_tokens
from .model import Attribution
from .names import _NOT_NAME, NAME_RUN_FAST, _narrative_name
from .resources import MASK

#: Anything but space, masked quotes and light punctuation before a quote: it does not open its paragraph.
_NOT_LEAD = re.compile(r"[^\s\ue000,.\u200b\u200c\u200d\u2060\ufeff]")
_COLON_END = re.compile(r":\s*$")


@dataclass(slots=True)
class Carry:
    """What one paragraph hands to the next: the direct attribution a quote paragraph may continue
    (``previous``) and a colon intro waiting for its quote (``colon``)."""

    previous: Attribution | None = None
    colon: Attribution | None = None


def close_paragraph(text: str, masked: str, ps: int, pe: int, quotes: list, para_attrs: list[Attribution],
                    used: set[int], carry: Carry) -> list[Attribution]:
    """Give the paragraph's unused quotations their owners, update ``carry`` for the next paragraph, and
    return the paragraph's attributions in order (a colon intro still waiting for its quote last)."""
    if not para_attrs and not quotes:  # narrative only: nothing to attach, nothing carried over
        carry.colon = carry.previous = None
        return []
    pending_colon, prev_para_attr = carry.colon, carry.previous
    first_unattributed_at_start = True
    in_para = {id(a) for a in para_attrs}
    directs = sorted(((a.fragments[0][0], i, a) for i, a in enumerate(para_attrs)
                      if a.fragments and _can_own(a)), key=lambda t: (t[0], t[1]))
    direct_starts = [d[0] for d in directs]
    first_text = _NOT_LEAD.search(masked, ps, pe)
    for q in quotes:
        if id(q) in used or q.single:
            continue
        at_start = first_text is None or first_text.start() >= q.open
        if not at_start and not _follows_sentence_end(text, ps, q.open):
            continue
        if fewer_tokens(text, q.content_start, q.content_end, 2) and not _ends_sentence(text, q):
            continue
        k = bisect_left(direct_starts, q.open)
        last_earlier = directs[k - 1][2] if k else None
        owner = None
        if last_earlier is not None and not at_start:
            owner = last_earlier
        elif at_start and pending_colon is not None:
            owner = pending_colon
        elif at_start and prev_para_attr is not None and first_unattributed_at_start:
            owner = prev_para_attr
        elif last_earlier is not None:
            owner = last_earlier
        if owner is None:
            continue
        first_unattributed_at_start = False
        used.add(id(q))
        subject = _subject_just_before(text, masked, _end_of(owner), q.open) if owner is not pending_colon else None
        if subject is not None:  # "… says House. Durning did not need coaxing. “I’m thankful …”": Durning's
            new = Attribution("direct", [(q.content_start, q.content_end)], None, subject)
            para_attrs.append(new)
            in_para.add(id(new))
            k = bisect_left(direct_starts, q.content_start)
            direct_starts.insert(k, q.content_start)
            directs.insert(k, (q.content_start, len(para_attrs), new))
            continue
        if owner is pending_colon and not owner.fragments:
            owner.fragments.append((q.content_start, q.content_end))
            if id(owner) not in in_para:
                para_attrs.append(owner)
                in_para.add(id(owner))
            continue
        new = Attribution("direct", [(q.content_start, q.content_end)], None, None, inherit=owner)
        if (id(owner) in in_para or owner is pending_colon) and owner.kind == "direct":
            owner.fragments.append((q.content_start, q.content_end))
        else:
            para_attrs.append(new)
            in_para.add(id(new))
            k = bisect_left(direct_starts, q.content_start)
            direct_starts.insert(k, q.content_start)
            directs.insert(k, (q.content_start, len(para_attrs), new))
    pending_colon = None
    para_attrs.sort(key=lambda a: a.fragments[0][0] if a.fragments else a.cue.start)
    for a in para_attrs:
        if not a.fragments and a.cue is not None and _COLON_END.search(text[max(a.cue.end, pe - 20):pe]):
            pending_colon = a
    out = [a for a in para_attrs if a.fragments]
    owners = [a for a in out if _can_own(a)]
    carry.previous = owners[-1] if owners and (quotes or owners[-1].kind != "direct") else None
    carry.colon = pending_colon
    if pending_colon is not None:
        out.append(pending_colon)
    return out


def _end_of(a: Attribution) -> int:
    """Where an attribution's last span (fragment, cue or mention) ends."""
    ends = [e for _, e in a.fragments] + ([a.cue.end] if a.cue is not None else []) + \
        ([a.mention[1]] if a.mention is not None else [])
    return max(ends) if ends else 0


def _subject_just_before(text: str, masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a person's name that opens the narrative sentence right before a quotation, after the
    quotation's would-be owner, or None: that person, not the earlier speaker, says the quotation."""
    start = max(start, end - 600)  # (the sentence is short; the search stays linear enough)
    segment = masked[start:end].rstrip()
    if len(segment) < 12 or segment[-1:] not in ".!?":
        return None
    boundary = _SENTENCE_BOUNDARY.search(segment, 0, len(segment) - 1)
    if boundary is None:
        return None
    at = start + boundary.end()
    if MASK in masked[at:end]:
        return None
    for run in NAME_RUN_FAST.finditer(masked, at, min(end, at + 80)):  # "Orsk retiree Doug Purdy, who …"
        found = _narrative_name(run.group())
        if found is not None and found[0] == "person" and fewer_tokens(masked, at, run.start(), 4):
            full = found[2]
            return run.start() + run.group().rfind(full), run.start() + run.group().rfind(full) + len(full)
        break
    name = _SENTENCE_NAME.match(masked, at, end)  # "Durning did not need much coaxing."
    if name is None or " " in name.group(1) or not _known_surname(text, at, name.group(1)):
        return None
    return name.span(1)


def _known_surname(text: str, before: int, word: str) -> bool:
    """Whether a one-word name was given in full to a person earlier in the text ("Jeanine Durning" before
    "Durning"; not "The Orsk Star" before "Orsk")."""
    for m in re.finditer(r"\b([A-Z][\w’'\-]+)\s+" + re.escape(word) + r"\b", text[:before]):
        found = _narrative_name(m.group())
        if m.group(1) not in _NOT_NAME and found is not None and found[0] == "person":
            return True
    return False


#: The end of the sentence before the last one in a stretch: a full stop or a closing quotation, then space.
_NOT_AFTER_TITLE = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bSt)(?<!\bGen)(?<!\bJr)"
_SENTENCE_BOUNDARY = re.compile(r"(?:" + _NOT_AFTER_TITLE + r"[.!?]|" + MASK + r")\s+(?=[A-Z])"
                                r"(?!.*(?:" + _NOT_AFTER_TITLE + r"[.!?]|" + MASK + r")\s+[A-Z])", re.S)
#: A name opening a sentence, then a lower-case verb ("Durning did not need …", "Ines Valk smiled").
_SENTENCE_NAME = re.compile(r"((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)\s+[a-z]")


def _can_own(a: Attribution) -> bool:
    """A quotation without a cue may continue a direct attribution, or an indirect or mixed one whose
    speaker is named ("Ek said the port would close. “We have no choice.”")."""
    return a.kind == "direct" or a.kind in ("indirect", "mixed") and (a.mention is not None or a.inherit is not None)


def _follows_sentence_end(text, ps, pos):
    i = pos - 1
    while i >= ps and text[i].isspace():
        i -= 1
    return i < ps or text[i] in ".!?:”\"’"


def _ends_sentence(text, q):
    return text[q.content_start:q.content_end].rstrip()[-1:] in ".!?"

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

"""What the extraction rules pass each other: a cue in its unit, the clause around a verb cue, and the
attribution a rule makes.

Offsets index the article text; ``masked`` is the same text with every quotation replaced by
``resources.MASK`` (same length), so the rules read only the narrator's words.

>>> a = Attribution("indirect", [(20, 41)], cue=None, mention=(0, 8))
>>> a.kind, a.fragments, a.inherit is None
('indirect', [(20, 41)], True)
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import _Cue


@dataclass(slots=True)
class Attribution:
    """One attribution: its kind, its content fragments as ``(start, end)``, its cue, the speaker
    mention's ``(start, end)`` and the descriptor beside it. ``inherit`` is the attribution whose speaker
    it takes when it names none (a continuation paragraph, "… and said", ", adding")."""

    kind: str
    fragments: list
    cue: _Cue | None
    mention: tuple | None
    context: str = ""
    inherit: Attribution | None = None


@dataclass(slots=True)
class Candidate:
    """A cue in its sentence unit, with everything a rule reads: the article ``text`` and its ``masked``
    copy, the unit's ``start`` and ``end``, the unit's quotations and all the unit's cues."""

    text: str
    masked: str
    start: int
    end: int
    quotes: list
    cues: list
    cue: _Cue


@dataclass(slots=True)
class Clause:
    """The attributing clause of a verb cue ("Ana Berg, the envoy, said on Monday").

    ``mention`` is the speaker's ``(start, end)`` (None when the speaker is inherited) and ``context`` the
    descriptor beside it; ``start``/``end`` bound the clause; ``inherited`` is the attribution a
    coordinated or participial cue takes its speaker from; ``content_from`` is where reported content
    may start after the clause (time, setting, audience and "that" skipped) and ``audience`` whether an
    audience ("told reporters") was skipped.
    """

    mention: tuple | None
    context: str
    start: int
    end: int
    inherited: Attribution | None
    participle: bool
    content_from: int
    audience: bool

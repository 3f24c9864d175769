"""Party colours for every figure and highlight: one function, so a party has one hue everywhere.

The report's plots, the explorer's highlights and quote tables, and the lessons' figures all take their
colours from :func:`party_colors`: the parties in the order given (actors.yaml order, then the others)
get the colour-blind-safe colours below in turn, "(no party)" is grey and does not use up a colour.
Highlights behind black text use ``light=True``: the same hue mixed with white.

>>> party_colors(["Valdoria", "Estland", "(no party)"])
{'Valdoria': '#0173B2', 'Estland': '#DE8F05', '(no party)': '#C7C7C7'}
>>> party_colors(["Valdoria"], light=True)
{'Valdoria': '#99C7E0'}
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["COLOURS", "LIGHT_MIX", "NO_PARTY", "NO_PARTY_COLOUR", "NO_PARTY_LIGHT", "contrast_with_black",
           "luminance", "party_colors", "tint"]

NO_PARTY = "(no party)"
#: seaborn's "colorblind" palette (Okabe-Ito based) without its grey, in the order parties receive them.
COLOURS = ("#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC", "#CA9161", "#FBAFE4", "#ECE133", "#56B4E9")
NO_PARTY_COLOUR = "#C7C7C7"
NO_PARTY_LIGHT = "#DDDDDD"
#: share of white mixed into a colour for a highlight behind black text
LIGHT_MIX = 0.6


def tint(colour: str, white: float = LIGHT_MIX) -> str:
    """``colour`` (``#RRGGBB``) mixed with ``white`` parts of white.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


def luminance(rgb) -> float:
    """WCAG relative luminance of an (r, g, b) colour, channels 0 to 1: 0 for black, 1 for white.

    >>> luminance((0.0, 0.0, 0.0)), round(luminance((1.0, 1.0, 1.0)), 6)
    (0.0, 1.0)
    """
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_black(colour: str) -> float:
    """WCAG contrast ratio of black text on ``colour`` (1 to 21; 4.5 is the minimum for body text).

    >>> round(contrast_with_black("#FFFFFF"), 1)
    21.0
    """
    return (luminance(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)) + 0.05) / 0.05


def party_colors(parties: Iterable, *, light: bool = False, no_party: str = NO_PARTY) -> dict[str, str]:
    """``{party: "#RRGGBB"}`` for ``parties`` in the order given (repeats and None skipped), cycling after
    :data:`COLOURS`; ``no_party`` is grey. ``light=True`` gives the highlight tints of the same hues."""
    out: dict[str, str] = {}
    n = 0
    for party in parties:
        if party is None or (isinstance(party, float) and math.isnan(party)) or party in out:  # None, NaN, repeats
            continue
        if party == no_party:
            out[party] = NO_PARTY_LIGHT if light else NO_PARTY_COLOUR
            continue
        colour = COLOURS[n % len(COLOURS)]
        out[party] = tint(colour) if light else colour
        n += 1
    return out

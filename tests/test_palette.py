"""One palette for every figure and highlight: a party keeps its hue in the report, the explorer and the
lessons; highlight tints stay readable behind black text."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from framing.palette import COLOURS, NO_PARTY, contrast_with_black, party_colors, tint


def test_colours_in_order_grey_for_no_party_and_skips():
    got = party_colors(["Valdoria", None, NO_PARTY, "Estland", "Valdoria", float("nan"), "Sarneth"])
    assert got == {"Valdoria": "#0173B2", NO_PARTY: "#C7C7C7", "Estland": "#DE8F05", "Sarneth": "#029E73"}
    assert party_colors(["Valdoria", "Estland"], light=True) == {"Valdoria": "#99C7E0", "Estland": "#F2D29B"}
    many = party_colors([f"P{i}" for i in range(len(COLOURS) + 1)])
    assert many["P0"] == many[f"P{len(COLOURS)}"]  # cycles


def test_tint_by_hand():
    # #0173B2 = (1, 115, 178); 60% white: 1 + 254*0.6 = 153.4, 115 + 140*0.6 = 199, 178 + 77*0.6 = 224.2
    assert tint("#0173B2") == "#99C7E0"
    assert tint("#FFFFFF", 0.3) == "#FFFFFF" and tint("#000000", 1.0) == "#FFFFFF"


@pytest.mark.parametrize("colour", COLOURS)
def test_every_highlight_tint_is_readable_behind_black_text(colour):
    assert contrast_with_black(tint(colour)) >= 7  # WCAG AAA for body text


def test_report_explorer_and_lessons_give_valdoria_the_same_hue(sample_dir):
    pytest.importorskip("seaborn")
    import framing
    from framing.report import plots
    from framing.teach import explore, highlight

    a = framing.analyze(sample_dir)
    explorer = explore._colors(a)  # actors.yaml order: Valdoria, Estland, Sarneth, Aid groups
    assert list(explorer)[:2] == ["Valdoria", "Estland"]
    report = plots.party_palette(["Valdoria", "Estland", "(no party)"])
    for party in ("Valdoria", "Estland"):
        assert explorer[party] == tint(to_hex(report[party]).upper())
    assert to_hex(report["Valdoria"]).upper() == "#0173B2"  # blue everywhere, as in lesson 2's figure
    assert highlight.party_palette(["Valdoria"])["Valdoria"] == explorer["Valdoria"]

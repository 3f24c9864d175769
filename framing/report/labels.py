"""Human column headers for the report's tables: one word per concept, the same word as in the figures.

Tables keep their snake_case column names (``first_date``, ``ci_low``); :func:`framing.report.plots.html_table`
shows them through :data:`COLUMN_LABELS`, and any other name with its underscores as spaces.

>>> header("ci_low"), header("effective_parties"), header("some_new_column")
('95% CI low', 'effective parties', 'some new column')
"""

from __future__ import annotations

COLUMN_LABELS = {
    "first_date": "first date",
    "last_date": "last date",
    "attributions": "attributions (all)",
    # balance_table counts only the attributions of party speakers: say so, in the overview's word
    "quotes": "attributions to parties",
    "parties": "parties quoted",
    "entropy": "evenness",
    "hhi": "concentration (HHI)",
    "effective_parties": "effective parties",
    "one_sided_rate": "one-sided articles",
    "estimate": "estimate",
    "ci_low": "95% CI low",
    "ci_high": "95% CI high",
    "n_articles": "articles",
    "units": "n",
    "unit": "counted in",
    "status": "note",
    "boot_low": "bootstrap low",
    "boot_high": "bootstrap high",
    "according_to": "according to",
}


def header(column) -> str:
    """The displayed header of a table column."""
    return COLUMN_LABELS.get(str(column), str(column).replace("_", " "))

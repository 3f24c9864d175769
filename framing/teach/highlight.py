"""Article bodies as HTML with every attribution highlighted: content by party, cue by verb category.

Everything taken from the article or the quotes table is escaped with :func:`html.escape`; spans that
overlap (a cue inside a mixed quote, two quotes sharing text, boilerplate around a quote) are split into
non-overlapping segments by a sweep over their start/end offsets, so the HTML is always well nested.
Styles are inline (no ``<style>`` block), so they survive notebook and e-mail HTML sanitisers.

>>> html = article_html("“We stay,” said Ana Berg.", [{"start": 1, "end": 9, "kind": "direct",
...     "cue_start": 11, "cue_end": 15, "cue": "said", "cue_category": "neutral", "speaker": "Ana Berg",
...     "speaker_start": 16, "speaker_end": 24, "party": "A", "sentiment": 0.0}], legend=False)
>>> ">We stay,</mark>" in html and ">said</span>" in html and ">Ana Berg</span>" in html
True
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from html import escape

from ..extract.segment import paragraphs
from ..palette import COLOURS, NO_PARTY, NO_PARTY_LIGHT, party_colors, tint

__all__ = [
    "CUE_STYLES", "NO_PARTY", "PALETTE", "article_html", "party_palette", "quotes_table_html", "segments",
]

# framing.palette's hues (the report's figures use the same ones) as light tints behind black text
PALETTE = tuple(tint(c) for c in COLOURS)
NO_PARTY_COLOR = NO_PARTY_LIGHT
# Cue verbs: line style AND colour differ per category (Okabe-Ito colours), named in the tooltip too.
CUE_STYLES = {
    "neutral": "border-bottom:1px dotted #555555",
    "endorsing": "border-bottom:3px solid #009E73",
    "insistent": "border-bottom:3px double #E69F00",
    "distancing": "border:2px dashed #D55E00",
    "tentative": "border-bottom:2px dashed #56B4E9",
    "concessive": "border-bottom:2px dotted #CC79A7",
    "denial": "border:2px solid #D55E00",
    "accusatory": "border:2px solid #000000",
    "warning": "border:3px double #E69F00",
    "directive": "border:2px dotted #0072B2",
    "emotive": "border:2px dashed #CC79A7",
    "question": "border-bottom:3px solid #0072B2",
}
_CUE_OTHER = "border-bottom:1px solid #999999"
_SPEAKER_STYLE = "text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px"
_EXCLUDED_STYLE = "color:#999999;font-style:italic"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TABLE_COLUMNS = ["speaker", "party", "kind", "cue", "cue_category", "sentiment", "content"]


# ------------------------------------------------------------------------------------------ input
try:  # pandas.NA is neither None nor a float NaN
    from pandas import NA as _NA
except ImportError:  # pragma: no cover - pandas is a dependency
    _NA = object()


def _missing(value) -> bool:
    return value is None or value is _NA or (isinstance(value, float) and math.isnan(value))


def _clean(value):
    """None for missing values (None, NaN, pd.NA), else the value."""
    return None if _missing(value) else value


def _int(value) -> int | None:
    value = _clean(value)
    return None if value is None else int(value)


def _records(quotes, article_id: str | None) -> list[dict]:
    """Quote rows as dicts (DataFrame, list of dicts or of objects with ``to_dict``) of one article."""
    if quotes is None:
        return []
    if hasattr(quotes, "to_dict") and hasattr(quotes, "columns"):
        rows = quotes.to_dict("records")
    else:
        rows = [q.to_dict() if hasattr(q, "to_dict") else dict(q) for q in quotes]
    if article_id:
        rows = [r for r in rows if _clean(r.get("article_id")) in (None, article_id)]
    return [{k: _clean(v) for k, v in r.items()} for r in rows]


def party_palette(parties: Iterable[str]) -> dict[str, str]:
    """Highlight colours for parties in the given order (:func:`framing.palette.party_colors`, light),
    plus grey for ``"(no party)"``.

    >>> party_palette(["Valdoria", "Estland"])
    {'Valdoria': '#99C7E0', 'Estland': '#F2D29B', '(no party)': '#DDDDDD'}
    """
    out = party_colors([p for p in parties if p != NO_PARTY], light=True)
    out[NO_PARTY] = NO_PARTY_COLOR
    return out


def _party(q: dict) -> str:
    return q.get("party") or NO_PARTY


def _fmt_sentiment(value) -> str:
    value = _clean(value)
    return "n/a" if value is None else f"{float(value):+.3f}"


def _quote_title(q: dict) -> str:
    cue = q.get("cue")
    verb = f"{cue} ({q.get('cue_category') or 'no category'})" if cue else "none (continuation)"
    return "\n".join([f"speaker: {q.get('speaker') or '?'}", f"party: {_party(q)}",
                      f"kind: {q.get('kind') or '?'}", f"verb: {verb}",
                      f"sentiment: {_fmt_sentiment(q.get('sentiment'))}"])


# ------------------------------------------------------------------------------------------ spans
def _span(start, end, layer, order, tag, attrs: str, key: str = "") -> tuple:
    """A span tuple (start, end, layer, order, open_tag, close_tag, key); ``attrs`` already escaped."""
    return (start, end, layer, order, f"<{tag} {attrs}>", f"</{tag}>", key)


def _layers(text: str, records: list[dict], excluded, colors: Mapping[str, str]) -> list[tuple]:
    """Span tuples (see :func:`_span`) for every highlight; layers 0..3: excluded, quote, speaker, cue.

    ``order`` ranks the spans of one layer (shorter quotes first); ``key`` names a quote.
    """
    spans = []
    for sp in excluded or ():
        if hasattr(sp, "start"):
            start, end, label = sp.start, sp.end, getattr(sp, "label", "")
        else:
            start, end, label = sp[0], sp[1], (sp[2] if len(sp) > 2 else "")
        title = escape(f"boilerplate ({label}): excluded from the analysis" if label else "boilerplate")
        spans.append(_span(start, end, 0, 0, "span",
                           f'class="fr-excluded" style="{_EXCLUDED_STYLE}" title="{title}"'))
    seen_cues, seen_speakers = set(), set()
    for i, q in enumerate(records):
        party = _party(q)
        start, end = _int(q.get("start")), _int(q.get("end"))
        if start is not None and end is not None:
            key = escape(str(q["attribution_id"] if q.get("attribution_id") is not None else i))
            style = f"background:{colors.get(party, NO_PARTY_COLOR)};color:#000000;padding:0 1px"
            attrs = (f'class="fr-quote" data-attribution="{key}" style="{style}" '
                     f'title="{escape(_quote_title(q))}"')
            spans.append(_span(start, end, 1, end - start, "mark", attrs, key))
        s_start, s_end = _int(q.get("speaker_start")), _int(q.get("speaker_end"))
        if s_start is not None and s_end is not None and (s_start, s_end) not in seen_speakers:
            seen_speakers.add((s_start, s_end))
            who = escape(f"speaker: {q.get('speaker') or '?'} ({party})")
            spans.append(_span(s_start, s_end, 2, 0, "span",
                               f'class="fr-speaker" style="{_SPEAKER_STYLE}" title="{who}"'))
        c_start, c_end = _int(q.get("cue_start")), _int(q.get("cue_end"))
        if c_start is not None and c_end is not None and (c_start, c_end) not in seen_cues:
            seen_cues.add((c_start, c_end))
            cat = q.get("cue_category")
            style = f"{CUE_STYLES.get(cat, _CUE_OTHER)};font-weight:600;padding:0 1px"
            tip = escape(f"verb: {q.get('cue') or text[c_start:c_end]} ({cat or 'no category'})\n"
                         f"speaker: {q.get('speaker') or '?'} ({party})")
            css = escape(str(cat or "none"))
            spans.append(_span(c_start, c_end, 3, 0, "span",
                               f'class="fr-cue fr-cat-{css}" style="{style}" title="{tip}"'))
    return spans


def segments(length: int, spans: Iterable[tuple]) -> list[tuple[int, int, list[tuple]]]:
    """Split [0, length) at every span boundary: (start, end, active spans) for each piece.

    Spans are tuples whose first two items are (start, end); they are clipped to [0, length) and empty
    ones dropped. Pieces with no active span are included too.

    >>> [(s, e, [x[2] for x in act]) for s, e, act in segments(10, [(2, 6, "a"), (4, 8, "b")])]
    [(0, 2, []), (2, 4, ['a']), (4, 6, ['a', 'b']), (6, 8, ['b']), (8, 10, [])]
    """
    clipped = []
    for sp in spans:
        s, e = max(0, sp[0]), min(length, sp[1])
        if s < e:
            clipped.append((s, e, *sp[2:]))
    bounds = sorted({0, length} | {b for sp in clipped for b in sp[:2]})
    starts: dict[int, list] = {}
    for sp in clipped:
        starts.setdefault(sp[0], []).append(sp)
    out, active = [], []
    for lo, hi in itertools.pairwise(bounds):
        active = [sp for sp in active if sp[1] > lo] + starts.get(lo, [])
        out.append((lo, hi, list(active)))
    return out


def _snap(text: str, pos: int) -> int:
    """Move an offset that falls inside a "\\r\\n" pair to after it (no piece ends in a lone "\\r")."""
    return pos + 1 if 0 < pos < len(text) and text[pos - 1] == "\r" and text[pos] == "\n" else pos


def _render_piece(text: str, active: list[tuple]) -> str:
    """One segment: escaped text inside the open tags of its active spans, outermost layer first.

    For one layer only one span is drawn (quotes: the shortest, i.e. innermost); other quotes that cover
    the same text are named in a ``data-also`` attribute so nothing is silently hidden.
    """
    body = "<br>\n".join(escape(line) for line in _LINE_BREAK.split(text))
    by_layer: dict[int, list[tuple]] = {}
    for sp in active:
        by_layer.setdefault(sp[2], []).append(sp)
    opens, closes = [], []
    for layer in sorted(by_layer):
        group = sorted(by_layer[layer], key=lambda sp: sp[3])
        tag = group[0][4]
        if layer == 1 and len(group) > 1:
            ids = " ".join(sp[6] for sp in group[1:])
            tag = tag.replace('class="fr-quote"', f'class="fr-quote fr-overlap" data-also="{ids}"', 1)
        opens.append(tag)
        closes.append(group[0][5])
    return "".join(opens) + body + "".join(reversed(closes))


# ------------------------------------------------------------------------------------------ output
def _legend(records: list[dict], colors: Mapping[str, str], has_excluded: bool) -> str:
    parties = [p for p in colors if any(_party(q) == p for q in records)]
    items = [f'<span style="background:{colors[p]};color:#000000;padding:0 4px;margin-right:6px">'
             f"{escape(p)}</span>" for p in parties]
    cats = sorted({q.get("cue_category") for q in records if q.get("cue_start") is not None},
                  key=lambda c: (list(CUE_STYLES).index(c) if c in CUE_STYLES else len(CUE_STYLES), str(c)))
    verbs = [f'<span style="{CUE_STYLES.get(c, _CUE_OTHER)};font-weight:600;padding:0 2px;margin-right:6px">'
             f"{escape(c or 'no category')}</span>" for c in cats]
    parts = []
    if items:
        parts.append("<strong>quoted content by party:</strong> " + "".join(items))
    if verbs:
        parts.append("<strong>verb by category:</strong> " + "".join(verbs))
    if records:
        parts.append(f'<span style="{_SPEAKER_STYLE}">speaker</span>')
    if has_excluded:
        parts.append(f'<span style="{_EXCLUDED_STYLE}">boilerplate (excluded)</span>')
    if not parts:
        return ""
    return ('<div class="fr-legend" style="font-size:90%;margin:0 0 0.8em 0;line-height:2">'
            + " &nbsp; ".join(parts) + "</div>")


def article_html(article, quotes=None, *, party_colors: Mapping[str, str] | None = None,
                 legend: bool = True, header: bool = True) -> str:
    """The article body as HTML, attributions highlighted; hover any highlight for details.

    ``article`` is a :class:`~framing.read.corpus.Article` (its ``excluded`` boilerplate spans are greyed) or
    a plain string. ``quotes`` is the ``quotes`` table (rows of other articles are ignored when it has
    an ``article_id`` column), a list of dicts or of :class:`~framing.extract.attribute.Quote`. Content is a
    ``<mark>`` coloured by party (``party_colors`` or :func:`party_palette`), the cue verb is boxed or
    underlined by category (:data:`CUE_STYLES`), the speaker mention underlined. Paragraphs (blank-line
    separated) become ``<p>``; single line breaks ``<br>``.

    >>> article_html("Hi <b>", [], legend=False)
    '<div class="framing-article" style="line-height:1.6;max-width:48em"><p>Hi &lt;b&gt;</p></div>'
    """
    text = article if isinstance(article, str) else (article.text or "")
    excluded = () if isinstance(article, str) else tuple(getattr(article, "excluded", ()) or ())
    records = _records(quotes, None if isinstance(article, str) else getattr(article, "id", None))
    colors = dict(party_colors) if party_colors is not None else party_palette(
        sorted({_party(q) for q in records} - {NO_PARTY}))
    colors.setdefault(NO_PARTY, NO_PARTY_COLOR)
    for p in sorted({_party(q) for q in records} - set(colors)):  # parties the caller did not colour
        colors[p] = PALETTE[(len(colors) - 1) % len(PALETTE)]
    spans = _layers(text, records, excluded, colors)
    parts = ['<div class="framing-article" style="line-height:1.6;max-width:48em">']
    if header and not isinstance(article, str):
        meta = " · ".join(escape(str(v)) for v in (article.outlet, article.date, article.id) if v)
        if article.title:
            parts.append(f'<h3 style="margin-bottom:0.2em">{escape(article.title)}</h3>')
        if meta:
            parts.append(f'<div style="color:#555555;font-size:90%;margin-bottom:0.6em">{meta}</div>')
    if legend:
        parts.append(_legend(records, colors, bool(excluded)))
    spans = [(_snap(text, sp[0]), _snap(text, sp[1]), *sp[2:]) for sp in spans]
    for p_start, p_end in paragraphs(text):  # the extractor's own paragraphs
        local = [(sp[0] - p_start, sp[1] - p_start, *sp[2:]) for sp in spans]
        pieces = segments(p_end - p_start, local)
        parts.append("<p>" + "".join(_render_piece(text[p_start + lo:p_start + hi], act)
                                     for lo, hi, act in pieces) + "</p>")
    parts.append("</div>")
    return "".join(p for p in parts if p)


#: compact table (the explorer's side panel): column widths, shorter headers, one line per row
_COMPACT_WIDTHS = {"speaker": 18, "party": 14, "cue": 12, "cue_category": 17, "sentiment": 11, "content": 28}
_COMPACT_HEADERS = {"cue_category": "category", "sentiment": "score"}  # full names in the tooltips
_COMPACT_CELL = "white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:1px 4px;text-align:left"
#: the box holding a compact table: it scrolls within the view, so its scrollbars are always in sight
COMPACT_BOX = "max-height:min(60vh,30em);overflow:auto;max-width:100%;border:1px solid #dddddd"


def _cell_text(column: str, value, max_chars: int, short_score: bool = False) -> tuple[str, str]:
    """(shown text, full text) of one table cell; ``short_score``: a sentiment to two decimals."""
    if value is None:
        return "", ""
    if column == "sentiment":
        full = _fmt_sentiment(value)
        return (f"{float(value):+.2f}" if short_score and full != "n/a" else full), full
    full = f"{value:.3f}" if isinstance(value, float) else str(value)
    return (full[:max_chars - 1] + "…" if len(full) > max_chars else full), full


def quotes_table_html(df, columns: list[str] | None = None, *, party_colors: Mapping[str, str] | None = None,
                      max_rows: int | None = None, max_chars: int = 160, compact: bool = False) -> str:
    """A compact HTML table of quote rows (every cell escaped; party cells coloured).

    ``columns`` defaults to speaker, party, kind, cue, cue_category, sentiment, content (those present);
    long content is cut to ``max_chars`` with "…"; ``max_rows`` limits the rows shown. ``compact=True``
    (the explorer's side panel) fits any width: speaker, party ("—" for none), cue, category, score and
    content in fixed widths, one line per row cut with "…" (the full text, and the kind, in each cell's
    tooltip), inside a box that scrolls within the view.

    >>> quotes_table_html([{"speaker": "<i>Ek</i>", "sentiment": 0.25}])  # doctest: +NORMALIZE_WHITESPACE
    '<table class="fr-quotes"><thead><tr><th>speaker</th><th>sentiment</th></tr></thead><tbody><tr>\
<td>&lt;i&gt;Ek&lt;/i&gt;</td><td>+0.250</td></tr></tbody></table>'
    >>> 'title="Ana Berg"' in quotes_table_html([{"speaker": "Ana Berg"}], compact=True)
    True
    """
    rows = _records(df, None)
    if columns is None:  # compact: the kind goes into the content's tooltip
        present = set().union(*(r.keys() for r in rows)) if rows else set(getattr(df, "columns", []))
        columns = [c for c in (_COMPACT_WIDTHS if compact else _TABLE_COLUMNS) if c in present]
    colors = dict(party_colors) if party_colors is not None else party_palette(
        sorted({r.get("party") for r in rows if r.get("party")}))
    shown = rows if max_rows is None else rows[:max_rows]
    cell = f' style="{_COMPACT_CELL}"' if compact else ""
    head = "".join(f'<th{cell} title="{escape(str(c))}">{escape(_COMPACT_HEADERS.get(c, str(c)))}</th>' if compact
                   else f"<th>{escape(str(c))}</th>" for c in columns)
    body = []
    for r in shown:
        cells = []
        for c in columns:
            v = r.get(c)
            if c == "party":
                label = v if v is not None else NO_PARTY
                color = colors.get(label, NO_PARTY_COLOR)
                tip = f' title="{escape(str(label))}"' if compact else ""
                style = f"{_COMPACT_CELL};" if compact else ""
                shown_label = "—" if compact and label == NO_PARTY else label
                cells.append(f'<td style="{style}background:{color};color:#000000"{tip}>{escape(str(shown_label))}'
                             "</td>")
                continue
            txt, full = _cell_text(c, v, max_chars, short_score=compact)
            if compact and c == "content" and r.get("kind"):
                full = f"{r['kind']}: {full}"
            tip = f' title="{escape(full)}"' if compact and full else ""
            cells.append(f"<td{cell}{tip}>{escape(txt)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if max_rows is not None and len(rows) > max_rows:
        more = f'<tr><td colspan="{len(columns)}">… {len(rows) - max_rows} more rows</td></tr>'
    if not compact:
        return (f'<table class="fr-quotes"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}{more}'
                "</tbody></table>")
    total = sum(_COMPACT_WIDTHS.get(c, 10) for c in columns)
    cols = "".join(f'<col style="width:{100 * _COMPACT_WIDTHS.get(c, 10) / total:.1f}%">' for c in columns)
    return (f'<div class="fr-quotes-box" style="{COMPACT_BOX}"><table class="fr-quotes" style="table-layout:fixed;'
            f'width:100%;border-collapse:collapse;font-size:11px;line-height:1.35"><colgroup>{cols}</colgroup>'
            f'<thead style="position:sticky;top:0;background:#ffffff"><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}{more}</tbody></table></div>')

"""Report parameters: the schema, validation, reading parameter sets from YAML, and applying them.

A parameter file holds one mapping, a list of mappings, or a mapping with a ``reports:`` list (its other
keys are defaults shared by every report). Every set is checked before anything runs; a mistake raises
:class:`~framing.exceptions.ParamsError` naming the file, the line and the key. :func:`load_data` applies
a set to an analysis (date filter, group column, the parties compared): it is the report notebook's
first step.

>>> validate_params({"group_by": "month", "n_boot": 500, "date_from": "2026-03"})
{'group_by': 'month', 'n_boot': 500, 'date_from': '2026-03'}
>>> with_defaults({"n_boot": 500})["group_by"], with_defaults({}, group_by="week")["group_by"]
('outlet', 'week')
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..exceptions import ParamsError
from ..measure.metrics import NO_PARTY, party_table
from ..read.yamlload import Refused, load_yaml
from ..run.analysis import Analysis, analyze
from ..run.io import safe_name

__all__ = ["SCHEMA", "Param", "ReportData", "assign_names", "describe_schema", "load_data", "load_params",
           "notebook_parameters", "prepare_analysis", "validate_params", "with_defaults"]

UNKNOWN = "(unknown)"  # group label of articles without a value
MANIFEST = "manifest.json"  # written beside a saved analysis by framing.report.render
RESERVED_NAMES = frozenset({"index"})  # index.html is the report list
DATE_WINDOWS = ("week", "month")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Param:
    """One report parameter: its name, expected type (in words), default and help text."""

    name: str
    type: str
    default: Any
    help: str
    check: Callable[[Any], Any]  # returns the normalised value or raises TypeError/ValueError(reason)


def _str(v):
    if not isinstance(v, str):
        raise TypeError("must be a string")
    return v


def _opt(check):
    return lambda v: None if v is None else check(v)


def _nonempty(v):
    if not _str(v).strip():
        raise ValueError("must not be empty")
    return v


def _str_list(v):
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise TypeError("must be a list of party names, e.g. [Valdoria, Estland]")
    if not v:
        raise ValueError("must name at least one party (or be left out for the two most quoted)")
    return list(v)


def _int(low):
    def check(v):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("must be a whole number")
        if v < low:
            raise ValueError(f"must be at least {low}")
        return v
    return check


def _date(v):
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):  # YAML reads an unquoted 2026-03-02 as a date
        return v.isoformat()
    if not isinstance(v, str) or not _ISO.match(v):
        raise TypeError("must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
    padded = v + "-01-01"[len(v) - 4:] if len(v) < 10 else v
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise ValueError("is not a real date") from None
    return v


def _lexicon(v):
    if isinstance(v, str):
        return v
    if not isinstance(v, dict):
        raise TypeError("must be a mapping {word: valence} or the path of a valence file")
    for word, valence in v.items():
        if not isinstance(word, str) or isinstance(valence, bool) or not isinstance(valence, (int, float)):
            raise TypeError(f"entry {word!r}: {valence!r} must map a word to a number (valence -4 to 4)")
    return {w: float(x) for w, x in v.items()}


SCHEMA: dict[str, Param] = {p.name: p for p in [
    Param("name", "str | None", None, "Output file name (sanitised); default: the title, else 'report'.",
          _opt(_nonempty)),
    Param("corpus", "str", None, "Corpus folder or file (default: the corpus given to run_reports).",
          _opt(_nonempty)),
    Param("actors", "str | None", None, "actors.yaml path (default: the corpus folder's actors.yaml).",
          _opt(_nonempty)),
    Param("group_by", "str", "outlet", "Article metadata column to compare, or 'week'/'month' for date "
          "windows.", _nonempty),
    Param("parties", "list[str] | None", None, "The parties to compare (default: the two most quoted).",
          _opt(_str_list)),
    Param("date_from", "str | None", None, "First date included (ISO, e.g. 2026-03-01).", _opt(_date)),
    Param("date_to", "str | None", None, "Last date included (ISO; 2026-03 means to the end of March).",
          _opt(_date)),
    Param("title", "str", "Framing report", "Report title.", _str),
    Param("lexicon_additions", "dict[str, float] | str | None", None,
          "Sentiment lexicon additions: {word: valence} or a valence file path.", _opt(_lexicon)),
    Param("results", "str | None", None, "Folder of a saved analysis to reuse instead of analysing.",
          _opt(_nonempty)),
    Param("n_boot", "int", 1000, "Bootstrap resamples for the 95% intervals.", _int(1)),
    Param("sample_quotes", "int", 5, "Extracted quotes shown per party for checking.", _int(0)),
]}


def describe_schema() -> str:
    """The parameters as a plain-text table (for --help and the docs).

    >>> describe_schema().splitlines()[1].split()[:2]
    ['corpus', 'str']
    """
    return "\n".join(f"{p.name:<18} {p.type:<30} default {p.default!r}: {p.help}" for p in SCHEMA.values())


def _fail(message: str, file, line) -> ParamsError:
    return ParamsError(message, file=None if file is None else str(file), line=line)


def _unknown(key) -> str:
    hint = difflib.get_close_matches(str(key), list(SCHEMA), n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else f" (known: {', '.join(SCHEMA)})"
    return f"unknown parameter {key!r}{extra}"


def validate_params(params: dict, *, file=None, lines: dict | None = None, where: str = "") -> dict:
    """Check one parameter set; return it normalised (dates as ISO strings). Defaults are not filled in.

    ``lines`` maps each key to its line in ``file`` (for messages). Raises :class:`ParamsError`.

    >>> validate_params({"n_boot": "many"})
    Traceback (most recent call last):
    ...
    framing.exceptions.ParamsError: parameter 'n_boot' must be a whole number, got str 'many'
    """
    lines = lines or {}
    if not isinstance(params, dict):
        raise _fail(f"{where}a parameter set must be a mapping of name: value, got {type(params).__name__}",
                    file, lines.get(None))
    out = {}
    for key, value in params.items():
        if key not in SCHEMA:
            raise _fail(where + _unknown(key), file, lines.get(key))
        try:
            out[key] = SCHEMA[key].check(value)
        except (TypeError, ValueError) as exc:
            shown = repr(value) if len(repr(value)) < 60 else repr(value)[:57] + "..."
            raise _fail(f"{where}parameter {key!r} {exc}, got {type(value).__name__} {shown}", file,
                        lines.get(key)) from None
    if out.get("date_from") and out.get("date_to") and out["date_from"][:len(out["date_to"])] > out["date_to"]:
        raise _fail(f"{where}date_from {out['date_from']} is after date_to {out['date_to']}", file,
                    lines.get("date_from"))
    return out


def _line(node) -> int:
    return node.start_mark.line + 1


def _key_lines(node, file) -> dict:
    """{key: line} of a mapping node (the value's line for type errors is close enough: the key's)."""
    if not isinstance(node, yaml.MappingNode):
        raise _fail("a parameter set must be a mapping of name: value", file, _line(node))
    lines, seen = {None: _line(node)}, set()
    for k, _v in node.value:
        if k.value in seen:
            raise _fail(f"duplicate parameter {k.value!r}", file, _line(k))
        seen.add(k.value)
        lines[k.value] = _line(k)
    return lines


def _sets(node, data, file) -> list[tuple[Any, Any]]:
    """(node, data) of every parameter set, with the shared keys of a ``reports:`` file merged in."""
    if isinstance(node, yaml.SequenceNode):
        return list(zip(node.value, data, strict=True))
    if not isinstance(node, yaml.MappingNode):
        raise _fail("expected a mapping of parameters or a 'reports:' list", file, _line(node))
    if not (isinstance(data, dict) and "reports" in data):
        return [(node, data)]
    rnode = next(v for k, v in node.value if k.value == "reports")
    if not isinstance(rnode, yaml.SequenceNode) or not rnode.value:
        raise _fail("'reports' must be a non-empty list of parameter sets", file, _line(rnode))
    shared_keys = [(k, v) for k, v in node.value if k.value != "reports"]
    shared = {k: v for k, v in data.items() if k != "reports"}
    shared_node = yaml.MappingNode(node.tag, shared_keys, node.start_mark, node.end_mark)
    validate_params(shared, file=file, lines=_key_lines(shared_node, file))
    return [(n, {**shared, **d} if isinstance(d, dict) else d) for n, d in zip(rnode.value, data["reports"],
                                                                              strict=True)]


def _bad_date(node, mark, key=None) -> tuple[str | None, str] | None:
    """(key, reason) of the timestamp at ``mark`` that Python cannot build (e.g. 2026-13-01), else None."""
    if isinstance(node, yaml.ScalarNode):
        at = (node.start_mark.line, node.start_mark.column) == (mark.line, mark.column)
        if at and node.tag.endswith(":timestamp"):
            try:
                yaml.safe_load(node.value)
            except (ValueError, OverflowError) as exc:
                return key, str(exc)
        return None
    pairs = node.value if isinstance(node, yaml.MappingNode) else [(None, n) for n in node.value]
    for k, v in pairs:
        found = _bad_date(v, mark, k.value if k is not None else key)
        if found is not None:
            return found
    return None


def load_params(path) -> list[dict]:
    """Read and validate every parameter set of a YAML file (only the keys given; see :func:`with_defaults`).

    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "p.yaml")
    >>> _ = open(f, "w").write("n_boot: 200\\nreports:\\n  - {name: a}\\n  - {name: b, group_by: month}\\n")
    >>> load_params(f)
    [{'n_boot': 200, 'name': 'a'}, {'n_boot': 200, 'name': 'b', 'group_by': 'month'}]
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise _fail(f"cannot read parameter file: {exc.strerror or exc}", file, None) from None
    try:
        node, data = load_yaml(text)  # as actors.yaml: no aliases, at most 100 levels, impossible dates refused
    except Refused as exc:
        raise _fail(f"the parameter file {exc.problem}", file, exc.problem_mark.line + 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, yaml.constructor.ConstructorError) and mark is not None:  # composed fine before
            bad = _bad_date(yaml.compose(text, Loader=yaml.SafeLoader), mark)
            if bad is not None:  # an impossible date such as 2026-13-01, named by its key
                raise _fail(f"parameter {bad[0]!r} is not a real date ({bad[1]})", file, mark.line + 1) from None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _fail(f"not valid YAML: {problem}", file, mark.line + 1 if mark else None) from None
    if node is None or data is None:
        raise _fail("the parameter file is empty", file, None)
    out = []
    for i, (set_node, set_data) in enumerate(_sets(node, data, file), start=1):
        where = f"report {i}: " if isinstance(node, yaml.SequenceNode) or "reports" in data else ""
        out.append(validate_params(set_data, file=file, lines=_key_lines(set_node, file), where=where))
    return out


def with_defaults(params: dict, **defaults) -> dict:
    """Every schema key: given value, else ``defaults`` (run-wide, e.g. corpus, group_by), else the default.

    >>> p = with_defaults({"title": "T"}, corpus="corpus/sample"); (p["corpus"], p["title"], p["n_boot"])
    ('corpus/sample', 'T', 1000)
    """
    unknown = [k for k in defaults if k not in SCHEMA]
    if unknown:
        raise ParamsError(_unknown(unknown[0]))
    out = {k: p.default for k, p in SCHEMA.items()}
    out.update({k: v for k, v in defaults.items() if v is not None})
    out.update(params)
    return out


def assign_names(sets: list[dict]) -> list[str]:
    """A distinct file-safe name per set (``name``, else ``title``, else "report"); never "index".

    >>> assign_names([{"name": "../../x"}, {"name": "/abs"}, {"name": "a b"}, {"name": "a_b"}, {"name": "index"}])
    ['x', 'abs', 'a_b', 'a_b-2', 'index-2']
    """
    taken = set(RESERVED_NAMES)
    return [safe_name(p.get("name") or p.get("title") or "report", taken) for p in sets]


def notebook_parameters(params: dict) -> dict:
    """The values injected into the template's parameters cell (every schema key but ``name``)."""
    return {k: params.get(k, p.default) for k, p in SCHEMA.items() if k != "name"}


# --------------------------------------------------------------- applying parameters to an analysis
@dataclass
class ReportData:
    """The analysis a report shows: date-filtered, with the group column on every table."""

    analysis: Analysis
    by: str
    parties: list[str]  # the parties compared (given, or the two most quoted)
    palette_order: list[str]  # every party, focal ones first, "(no party)" last
    lexicon: str
    corpus: str
    undated: int = 0  # articles dropped by a date filter because they have no date

    @property
    def groups(self) -> list:
        return sorted(self.analysis.articles[self.by].unique(), key=str)


def _group_column(articles: pd.DataFrame, by: str) -> pd.Series:
    if by in DATE_WINDOWS and by not in articles.columns:
        dates = pd.to_datetime(articles["date"].astype(str).str[:10], errors="coerce", format="%Y-%m-%d")
        if by == "month":
            labels = dates.dt.strftime("%Y-%m")
        else:
            labels = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
        return labels.where(dates.notna(), UNKNOWN)
    if by not in articles.columns:
        cols = [c for c in articles.columns if c not in ("article_id", "words", "excluded_spans", "quotes")]
        raise ParamsError(f"group_by {by!r} is not an article column; choose one of {cols} or week/month")
    values = articles[by].astype(object)
    return values.where(values.notna() & (values.astype(str).str.strip() != ""), UNKNOWN).astype(str)


def prepare_analysis(a: Analysis, by: str, date_from=None, date_to=None) -> tuple[Analysis, int]:
    """Keep articles dated within [date_from, date_to] (prefix comparison, so "2026-03" is the whole
    month) and put the group column ``by`` (a metadata column, or week/month windows) on every table.
    Returns the new Analysis and the number of undated articles dropped by the filter."""
    arts = a.articles.copy()
    undated = 0
    if date_from or date_to:
        dates = arts["date"].astype(object).where(arts["date"].notna(), "").astype(str)
        keep = dates != ""
        undated = int((~keep).sum())
        if date_from:
            keep &= dates.str[:len(date_from)] >= date_from
        if date_to:
            keep &= dates.str[:len(date_to)] <= date_to
        arts = arts[keep]
    arts[by] = _group_column(arts, by)
    lookup = arts.set_index("article_id")[by]

    def tag(df):
        df = df[df["article_id"].isin(lookup.index)].copy()
        df[by] = df["article_id"].map(lookup)
        return df.reset_index(drop=True)

    out = Analysis(articles=arts.reset_index(drop=True), quotes=tag(a.quotes), mentions=tag(a.mentions),
                   errors=a.errors, settings=a.settings, corpus=a.corpus)
    return out, undated


def load_data(corpus=None, *, results=None, actors=None, lexicon_additions=None, group_by="outlet",
              parties=None, date_from=None, date_to=None) -> ReportData:
    """The report's data: a saved analysis (``results``) or a fresh one of ``corpus``, then filtered.

    >>> d = load_data("corpus/sample", group_by="month"); d.groups, d.parties   # doctest: +SKIP
    (['2026-03'], ['Valdoria', 'Estland'])
    """
    if results:
        a = Analysis.load(results)
        manifest = Path(results) / MANIFEST
        info = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
        lexicon = info.get("lexicon", "unknown (not recorded with the saved analysis)")
        corpus = info.get("corpus", corpus or str(results))
    else:
        if corpus is None:
            raise ParamsError("give a corpus or a results folder")
        a = analyze(corpus, actors=actors, sentiment_lexicon=lexicon_additions, progress=False)
        lexicon = a.settings.sentiment.describe()
    a, undated = prepare_analysis(a, group_by, date_from, date_to)
    if (date_from or date_to) and not len(a.articles):
        raise ParamsError(f"no article is dated from {date_from or 'the start'} to {date_to or 'the end'}")
    table = party_table(a.quotes) if len(a.quotes) else pd.DataFrame(columns=["party", "quotes"])
    ranked = table[table["party"] != NO_PARTY].sort_values(["quotes", "party"], ascending=[False, True])
    focal = list(parties) if parties else list(ranked["party"][:2])
    order = focal + [p for p in ranked["party"] if p not in focal] + [NO_PARTY]
    return ReportData(a, group_by, focal, order, lexicon, str(corpus), undated)

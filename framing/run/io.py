"""Atomic writes: every output goes to a temporary name in the same folder, then is renamed.

An interrupted run (Ctrl-C, a killed worker) leaves the previous file or none, never half a file.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> atomic_write_text(p, "hello"); p.read_text()
'hello'
"""

from __future__ import annotations

import operator
import os
import re
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: The tag in the name of every temporary the kit writes (".NAME.framing-XXXXXXXX.tmp"; report notebooks
#: ".NAME.framing-XXXXXXXX.ipynb"): run.outdir.clean_stale removes only names that carry it.
TEMP_TAG = "framing-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; on success rename it over ``path``, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # ".NAME.framing-XXXXXXXX.tmp": a name the next run can recognise as the kit's (outdir.clean_stale)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_TAG}", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes private files; outputs get the usual permissions
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _for_files(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding mixed scalars become strings so Parquet accepts them."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            kinds = {type(v) for v in out[c].dropna()}
            if len(kinds) > 1 or (kinds and not kinds <= {str, bool}):
                out[c] = out[c].map(lambda v: v if v is None or (isinstance(v, float) and v != v) else str(v))
    return out


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with text cells that a spreadsheet would run as a formula prefixed by ``'`` (for CSV only).

    Numbers stay numbers (a negative sentiment is not text); Parquet tables keep the raw values.

    >>> csv_safe(pd.DataFrame({"q": ["=1+2", "-ok", "fine"], "x": [-1.5, 2, 3]})).values.tolist()
    [["'=1+2", -1.5], ["'-ok", 2.0], ['fine', 3.0]]
    """
    out = None
    for c in df.columns:
        col = df[c]
        if col.dtype != object and not pd.api.types.is_string_dtype(col.dtype):
            continue
        if col.dtype == object:  # mixed values: only text cells can be formulas
            risky = pd.Series([isinstance(v, str) and v[:1] in FORMULA_START for v in col], index=col.index)
        else:  # a string column: vectorised (most tables)
            risky = col.str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():
            out = df.copy() if out is None else out
            out[c] = pd.Series([f"'{v}" if r else v for v, r in zip(col, risky)], index=col.index, dtype=object)
    return df if out is None else out


_FORMULA = frozenset(FORMULA_START)
_FIRST = operator.itemgetter(0)
_NONE = type(None)


def _csv_cells(values: list) -> tuple[list, bool] | None:
    """(text of each cell, whether they are text the CSV may have to quote) of one column, as
    ``DataFrame(...).pipe(csv_safe).to_csv`` writes it; None when not sure how pandas would write it.

    pandas infers a column's type from its values: text (risky cells get ``'``), integers and bools as they
    are; integers with a float or a None become float64 ("740.0"); NaN and None are empty cells.
    """
    kinds = set(map(type, values))
    if kinds <= {str, _NONE}:
        if _NONE in kinds:
            values = ["" if v is None else v for v in values]
        if not _FORMULA.isdisjoint(map(_FIRST, filter(None, values))):  # a cell starts like a formula
            values = [f"'{v}" if v and v[0] in _FORMULA else v for v in values]
        return values, True
    if kinds == {int} or kinds == {bool}:
        return list(map(str, values)), False
    if kinds == {bool, _NONE}:
        return ["" if v is None else str(v) for v in values], False
    if kinds <= {int, float, _NONE} and kinds != {_NONE}:  # float64: numpy's str of a float is its repr
        if int in kinds and any(type(v) is int and not -2**53 <= v <= 2**53 for v in values):
            return None
        return ["" if v is None or v != v else repr(float(v)) for v in values], False
    return None


@lru_cache(maxsize=1)
def _csv_specials() -> re.Pattern | None:
    """The characters that make the csv module quote a cell (pandas' dialect: ',', '"', minimal quoting,
    os.linesep), found by asking it; None if it does anything else than quote them (or quotes "")."""
    import csv
    import io

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator=os.linesep)
    found = []
    for ch in [*map(chr, range(128)), "\x85", "\u2028", "\u2029"]:
        buf.seek(0)
        buf.truncate()
        writer.writerow([f"a{ch}b", ""])
        if buf.getvalue() != f"a{ch}b,{os.linesep}":
            if buf.getvalue() != '"a' + ch.replace('"', '""') + f'b",{os.linesep}':
                return None
            found.append(ch)
    return re.compile("[" + re.escape("".join(found)) + "]")


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def write_csv_columns(fh, cols: dict[str, list], columns: list[str], header: bool) -> bool:
    """Append rows given as columns to the open CSV ``fh``, byte for byte as
    ``csv_safe(pd.DataFrame(cols, columns=columns)).to_csv(fh, index=False, header=header)`` would, without
    the DataFrame, a column at a time (several times faster). Returns False, writing nothing, when a column
    holds values whose pandas text it does not reproduce (say numpy scalars or a mix of text and numbers):
    use pandas then."""
    special = _csv_specials()
    if special is None or len(columns) < 2:  # csv writes a row of one empty cell as ""
        return False
    cells = []
    for c in columns:
        col = _csv_cells(cols[c])
        if col is None:
            return False
        text, quotable = col
        if quotable and special.search("\0".join(text)):  # quote the cells that need it, as csv does
            text = [_quoted(v) if special.search(v) else v for v in text]
        cells.append(text)
    if header:
        fh.write(",".join(_quoted(c) if special.search(c) else c for c in columns) + os.linesep)
    if cells and cells[0]:
        fh.write(os.linesep.join(map(",".join, zip(*cells))) + os.linesep)
    return True


def write_table(df: pd.DataFrame, out_dir, name: str) -> list[Path]:
    """Write ``name.parquet`` and ``name.csv`` atomically (CSV cells made formula-safe); returns the paths."""
    out_dir = Path(out_dir)
    df = _for_files(df)
    pq, csv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
    with atomic_path(pq) as tmp:
        df.to_parquet(tmp, index=False)
    with atomic_path(csv) as tmp:
        csv_safe(df).to_csv(tmp, index=False)
    return [pq, csv]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# names Windows will not create whatever the extension ("con.html", "nul.csv")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def safe_name(value: str, taken: set | None = None, max_len: int = 80) -> str:
    """A file name derived from an id or parameter value that cannot leave its folder or collide.

    Accents are kept as their base letter, anything else outside ``[A-Za-z0-9._-]`` becomes "_"; names
    never start with "." or "-" and are never Windows device names. ``taken`` (lower-case names already
    used) gets the result added; a collision gets "-2", "-3", ...

    >>> safe_name("../../etc/passwd"), safe_name("Café Zürich"), safe_name("CON")
    ('etc_passwd', 'Cafe_Zurich', '_CON')
    >>> taken = set(); safe_name("a/b", taken), safe_name("a_b", taken)
    ('a_b', 'a_b-2')
    """
    import unicodedata

    name = "".join(c for c in unicodedata.normalize("NFKD", str(value)) if not unicodedata.combining(c))
    name = _UNSAFE.sub("_", name).strip("._-") or "item"
    name = re.sub(r"_+", "_", name)[:max_len].strip("._-") or "item"
    if name.split(".")[0].lower() in _WINDOWS_RESERVED:
        name = "_" + name
    if taken is not None:
        base, n = name, 2
        while name.lower() in taken:
            name = f"{base}-{n}"
            n += 1
        taken.add(name.lower())
    return name


def arrow_schema(kind: str):
    """The Arrow schema of the ``quotes`` table, or of the ``mentions`` table for any other ``kind``."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    if kind == "quotes":
        types = dict(article_id=s, outlet=s, date=s, attribution_id=i, fragment=i, kind=s, content=s, start=i,
                     end=i, cue=s, cue_start=i, cue_end=i, cue_lemma=s, cue_category=s, speaker=s,
                     speaker_mention=s, speaker_start=i, speaker_end=i, speaker_type=s, named=b, party=s,
                     sentiment=f, words=i, speaker_descriptor=s, headline=b)
    else:
        types = dict(article_id=s, outlet=s, date=s, party=s, start=i, end=i, sentence=s, tone=f)
    return pa.schema(list(types.items()))

"""Rows of a JSONL or CSV article file, one at a time: each a dict of fields or the ReadError that says
why that row alone cannot be read (broken JSON, too long, nested too deeply, a number too long).

Lone surrogates (``"\\ud83d"``, half of an emoji) are replaced with U+FFFD, with a warning: they cannot be
written to any output file.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
>>> _ = p.write_text('{"id": 1, "text": "Hi."}\\n\\n[2]\\n')
>>> [(r.rowno, r.line, r.value if isinstance(r.value, dict) else r.value.message)
...  for r in jsonl_rows(p, "a.jsonl", "utf-8", 1000)]
[(1, 1, {'id': 1, 'text': 'Hi.'}), (2, 3, 'row 2 is not a JSON object')]
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ..exceptions import ReadError
from .decode import _warn
from .files import MAX_ARTICLE_ENV, size_text

_MAX_DIGITS = 4300  # Python's limit for int() of a decimal string
_SURROGATE = re.compile("[\ud800-\udfff]")


class Row(NamedTuple):
    """One row: its number among the file's non-blank rows, its first line, and its fields or error."""

    rowno: int
    line: int
    value: dict | ReadError


class _LongNumber(ValueError):
    def __init__(self, digits: int):
        super().__init__(digits)
        self.digits = digits


def _parse_int(s: str) -> int:
    if len(s) > _MAX_DIGITS:
        raise _LongNumber(len(s))
    return int(s)


def clean_surrogates(value, count: list[int]):
    """`value` (JSON-like) with lone surrogates replaced by U+FFFD; `count[0]` is raised by their number.

    >>> n = [0]; clean_surrogates({"t": ["a\\ud83d"]}, n), n
    ({'t': ['a\\ufffd']}, [1])
    """
    if isinstance(value, str):
        if value.isascii():
            return value
        fixed, n = _SURROGATE.subn("\ufffd", value)
        count[0] += n
        return fixed
    if isinstance(value, dict):
        return {clean_surrogates(k, count): clean_surrogates(v, count) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_surrogates(v, count) for v in value]
    return value


def replace_surrogates(value, where: str):
    """:func:`clean_surrogates` of ``value``, with a FramingWarning "``where`` N lone surrogate(s) (...);
    replaced with U+FFFD" when there were any (``where``: ``"FILE:"``, ``"FILE: front matter has"``)."""
    count = [0]
    value = clean_surrogates(value, count)
    if count[0]:  # stacklevel 4: pointing where it pointed when each caller warned itself
        _warn(f"{where} {count[0]} lone surrogate(s) (half of a character such as an emoji); replaced with "
              "U+FFFD", stacklevel=4)
    return value


def _cleaned(row: dict, file: str, rowno: int, line: int) -> dict:
    return replace_surrogates(row, f"{file}: line {line}: row {rowno} has")


def _too_long(rowno: int, limit: int, what: str) -> str:
    return (f"row {rowno}: {what} is over the {size_text(limit)} article size limit "
            f"(set {MAX_ARTICLE_ENV} to raise it)")


def _json_row(text: str, rowno: int, file: str, lineno: int) -> dict | ReadError:
    try:
        obj = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        return ReadError(f"row {rowno} is not valid JSON: {exc.msg}", file=file, line=lineno)
    except _LongNumber as exc:
        return ReadError(f"row {rowno} has a number of {exc.digits} digits (at most {_MAX_DIGITS} are read); "
                         "write it as a string", file=file, line=lineno)
    except RecursionError:
        return ReadError(f"row {rowno} is nested too deeply (arrays or objects inside each other)",
                         file=file, line=lineno)
    if not isinstance(obj, dict):
        return ReadError(f"row {rowno} is not a JSON object", file=file, line=lineno)
    if "\\u" not in text and _SURROGATE.search(text) is None:
        return obj  # a lone surrogate comes from a \u escape or from the line itself: there is none to replace
    return _cleaned(obj, file, rowno, lineno)


def jsonl_rows(path: Path, file: str, enc: str, limit: int) -> Iterator[Row]:
    """The rows of a JSONL file; a line over `limit` characters is one row's error (and is skipped
    without being held in memory)."""
    rowno = lineno = 0
    with open(path, encoding=enc, errors="framing-cp1252", newline="") as fh:
        while line := fh.readline(limit + 1):
            lineno += 1
            long = len(line) > limit and not line.endswith(("\n", "\r"))
            while long and (rest := fh.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass  # the rest of an over-long line, read in pieces and dropped
            if not long and not line.strip():
                continue
            rowno += 1
            if long:
                yield Row(rowno, lineno, ReadError(_too_long(rowno, limit, "the line"), file=file,
                                                   line=lineno))
            else:
                yield Row(rowno, lineno, _json_row(line, rowno, file, lineno))


def csv_rows(path: Path, file: str, enc: str, limit: int) -> Iterator[Row]:
    """The rows of a CSV file with a header row; a field over `limit` characters ends the file with an
    error naming its row (the rows before it are read)."""
    csv.field_size_limit(limit)  # article texts are far above the 128 KB default: the size limit instead
    with open(path, encoding=enc, errors="framing-cp1252", newline="") as fh:
        reader = csv.reader(fh)
        rowno, start = 0, 1
        try:
            header = [h.strip() for h in next(reader, [])]
            if not any(header):
                raise ReadError("CSV file is empty (no header row)", file=file, line=1)
            if "text" not in header:
                raise ReadError("CSV file has no 'text' column", file=file, line=1)
            start = reader.line_num + 1
            for values in reader:
                if any(v.strip() for v in values):
                    rowno += 1
                    if len(values) > len(header):
                        yield Row(rowno, start, ReadError(f"row {rowno} has {len(values)} fields, the header "
                                                          f"{len(header)}", file=file, line=start))
                    else:
                        yield Row(rowno, start, _cleaned(dict(zip(header, values, strict=False)), file, rowno,
                                                         start))
                start = reader.line_num + 1
        except csv.Error as exc:
            what = _too_long(rowno + 1, limit, "a field") if "field limit" in str(exc) else \
                f"row {rowno + 1} is not valid CSV: {exc}"
            raise ReadError(what + "; the rest of the file is not read", file=file, line=start) from None

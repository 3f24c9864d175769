"""write_csv_columns writes what csv_safe + pandas' to_csv write, byte for byte, or leaves it to pandas."""

from __future__ import annotations

import io
import math
import random

import numpy as np
import pandas as pd

from framing.run.io import csv_safe, write_csv_columns

_TEXT = ["plain", "=1+2", "-dash", "+plus", "@at", "\ttab", "\rcr", "a,b", 'say "hi"', "two\nlines", "", " x",
         "’curly’", "nan", "None", "nul\0=x"]


def _value(rng: random.Random, kind: str):
    if rng.random() < 0.2:
        return None
    if kind == "text":
        return rng.choice(_TEXT)
    if kind == "int":
        return rng.choice([0, -1, 7, 740, 2**40, -(2**53)])
    if kind == "float":
        return rng.choice([0.0, -0.0, 0.5994, -0.1901, 1e-5, 1e16, 123456.789, math.nan, math.inf])
    if kind == "bool":
        return rng.random() < 0.5
    return rng.choice(["x", 3, 2.5, True, np.int64(4)])  # a mix pandas keeps as objects


def _pandas(cols, columns, header=True) -> str:
    buf = io.StringIO(newline="")
    csv_safe(pd.DataFrame(cols, columns=columns)).to_csv(buf, index=False, header=header)
    return buf.getvalue()


def test_same_bytes_as_pandas_on_random_columns():
    rng = random.Random(7)
    kinds = ["text", "int", "float", "bool", "mixed"]
    fast = 0
    for _ in range(400):
        columns = [rng.choice(["c", "a,b", 'q"', "n\nl"]) + str(i) for i in range(rng.randint(1, 5))]
        n = rng.choice([1, 3, 20])
        cols = {}
        for c in columns:
            kind = rng.choice(kinds)
            cols[c] = [_value(rng, kind) for _ in range(n)]
            if rng.random() < 0.3:  # a column without missing values (ints stay ints)
                cols[c] = [v for v in cols[c] if v is not None] or [_value(rng, kind) or 1]
                cols[c] = (cols[c] * n)[:n]
        buf = io.StringIO(newline="")
        header = rng.random() < 0.5
        if write_csv_columns(buf, cols, columns, header):
            fast += 1
            assert buf.getvalue() == _pandas(cols, columns, header), cols
        else:
            assert buf.getvalue() == ""
    assert fast > 100  # the fast path is the common one


def test_numpy_scalars_go_to_pandas():
    buf = io.StringIO()
    assert not write_csv_columns(buf, {"a": [np.float32(0.1)]}, ["a"], True)
    assert buf.getvalue() == ""

"""Source-balance indices over per-party quote counts, and per-group balance tables.

The scalar functions take counts per party (a list, array, dict or Series); the table functions take
the ``quotes`` table (see :mod:`framing.measure.metrics`) and count attributions, not fragments.

>>> round(shannon_evenness([3, 1]), 4), hhi([3, 1]), effective_parties([3, 1]), disparity(3, 1)
(0.8113, 0.625, 1.6, 0.5)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.measure.metrics import NO_PARTY, _with_groups, group_keys, one_sided_rate, prepare

BALANCE_COLUMNS = ["quotes", "parties", "entropy", "hhi", "effective_parties", "one_sided_rate"]


def _counts(counts) -> np.ndarray:
    if isinstance(counts, dict):
        counts = list(counts.values())
    arr = np.asarray(counts, dtype=float).ravel()
    if np.any(~np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"counts must be finite and non-negative, got {arr.tolist()}")
    return arr


def _evenness_rows(matrix: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Row-wise H / ln(k); NaN for empty rows or k == 0, 0.0 for k == 1."""
    total = matrix.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = matrix / total[:, None]
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
        h = 0.0 - plogp.sum(axis=1)  # 0.0 - x avoids -0.0
        out = h / np.log(np.where(k > 1, k, 2))
    out = np.where(k == 1, 0.0, out)
    return np.where((total > 0) & (k >= 1), np.clip(out, 0.0, 1.0), np.nan)


def shannon_evenness(counts) -> float:
    """Pielou evenness J = H / ln(k), H = -sum(p_i ln p_i), p_i = count_i / total; 1 = perfectly even.

    k = number of parties considered = number of counts passed, zeros included (pass [5, 0] to say
    "two parties, one never quoted": J = 0). Defined as 0.0 for k == 1 (a single voice is the least
    balanced coverage, as with [n, 0]) and NaN when k == 0 or all counts are 0.
    Example: [2, 2] -> 1.0; [3, 1] -> (0.75 ln(4/3) + 0.25 ln 4) / ln 2 = 0.8113.
    """
    arr = _counts(counts)
    return float(_evenness_rows(arr[None, :], np.array([arr.size]))[0])


def hhi(counts) -> float:
    """Herfindahl-Hirschman index sum(share_i^2), from 1/k (even) to 1 (one party); NaN if total is 0.

    Example: [3, 1] -> 0.75^2 + 0.25^2 = 0.625.
    """
    arr = _counts(counts)
    total = arr.sum()
    return float(np.sum((arr / total) ** 2)) if total > 0 else float("nan")


def effective_parties(counts) -> float:
    """Effective number of parties 1 / HHI (k for k even parties, 1 for one). Example: [3, 1] -> 1.6."""
    value = hhi(counts)
    return 1.0 / value if value > 0 else float("nan")


def disparity(a, b):
    """Normalised difference (a - b) / (a + b) in [-1, 1]; NaN when a + b == 0. Works on arrays too.

    Example: disparity(3, 1) = 2 / 4 = 0.5; disparity(0, 0) -> nan.
    """
    a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    total = a_arr + b_arr
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(total != 0, (a_arr - b_arr) / np.where(total != 0, total, 1.0), np.nan)
    if out.ndim == 0:
        return float(out)
    if isinstance(a, pd.Series):
        return pd.Series(out, index=a.index)
    return out


def _party_counts(quotes: pd.DataFrame, keys: list[str], parties, value: str, no_party: str):
    """(groups frame, count matrix groups x parties, party names) of party-attributed attributions."""
    att = prepare(quotes, no_party)
    att, g = _with_groups(att, keys)
    groups = att[g].drop_duplicates().sort_values(g, na_position="last").reset_index(drop=True)
    att = att[~att["_no_party"]]
    if parties is not None:
        att = att[att["party"].isin(list(parties))]
    att = att.assign(_value=1.0 if value == "quotes" else att["words"].astype(float))
    table = att.pivot_table(index=g, columns="party", values="_value", aggfunc="sum", dropna=False)
    names = list(parties) if parties is not None else sorted(table.columns)
    table = table.reindex(columns=names)
    matrix = groups.join(table, on=g)[names].fillna(0.0).to_numpy(dtype=float)
    return groups, matrix.reshape(len(groups), len(names)), names


def balance_table(quotes: pd.DataFrame, by=None, parties=None, no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per group: how evenly the parties share the quotes (no-party speakers excluded).

    quotes = #party-attributed attributions (of ``parties`` if given); parties = #parties quoted;
    entropy = :func:`shannon_evenness` with k = len(parties) if given (fixed, comparable across groups)
    else the number of parties quoted in the group; hhi, effective_parties as the scalar functions;
    one_sided_rate from :func:`framing.measure.metrics.one_sided_rate`. Columns: by..., quotes, parties, entropy,
    hhi, effective_parties, one_sided_rate. Example: A x3, B x1 -> entropy 0.8113, hhi 0.625, 1.6.
    """
    keys = group_keys(by)
    groups, matrix, names = _party_counts(quotes, keys, parties, "quotes", no_party)
    total = matrix.sum(axis=1)
    nonzero = (matrix > 0).sum(axis=1)
    k = np.full(len(groups), len(names)) if parties is not None else nonzero
    out = groups.copy()
    out["quotes"] = total.astype(int)
    out["parties"] = nonzero.astype(int)
    out["entropy"] = _evenness_rows(matrix, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = matrix / total[:, None]
        out["hhi"] = np.where(total > 0, (shares ** 2).sum(axis=1), np.nan)
        out["effective_parties"] = 1.0 / out["hhi"]
    one = one_sided_rate(quotes, by=keys or None, parties=parties, no_party=no_party)
    if keys:
        out = out.merge(one[keys + ["one_sided_rate"]], on=keys, how="left")
    else:
        out["one_sided_rate"] = one["one_sided_rate"].iloc[0] if len(one) else np.nan
    return out[keys + BALANCE_COLUMNS].reset_index(drop=True)


def disparity_table(quotes: pd.DataFrame, a: str, b: str, by=None, measure: str = "quotes",
                    no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per group: value_a, value_b (attributions or quoted words of parties a and b) and their disparity.

    disparity = (value_a - value_b) / (value_a + value_b): +1 only a quoted, -1 only b, 0 equal; NaN if
    neither. Columns: by..., party_a, party_b, measure, value_a, value_b, disparity.
    Example: A quoted 3x, B 1x -> disparity 0.5.
    """
    if measure not in ("quotes", "words"):
        raise ValueError(f"measure must be 'quotes' or 'words', got {measure!r}")
    keys = group_keys(by)
    groups, matrix, _ = _party_counts(quotes, keys, [a, b], measure, no_party)
    out = groups.copy()
    out["party_a"], out["party_b"], out["measure"] = a, b, measure
    out["value_a"], out["value_b"] = matrix[:, 0], matrix[:, 1]
    if measure == "quotes" or np.all(np.mod(matrix, 1) == 0):
        out[["value_a", "value_b"]] = out[["value_a", "value_b"]].astype(int)
    out["disparity"] = disparity(matrix[:, 0], matrix[:, 1])
    columns = keys + ["party_a", "party_b", "measure", "value_a", "value_b", "disparity"]
    return out[columns].reset_index(drop=True)

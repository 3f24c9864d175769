"""Streamed summary tables: ``speakers``, ``parties`` and ``parties_by_<col>`` without the quote table.

``framing analyze`` used to read every quote fragment back at the end (2.5 million rows for 100,000
articles) to run :func:`framing.measure.metrics.speaker_table` and :func:`~framing.measure.metrics.party_table`.
:class:`QuoteSummary` is fed the results batch by batch instead. It collapses each batch's fragments
with :func:`framing.measure.metrics.attributions` (an attribution never spans two articles, and an article is
in one batch) and keeps, per attribution, a few integer codes and numbers (~22 bytes); per article,
the party of its first and last party-attributed attribution; per mention, its party and tone. Both
metric functions accept it in place of the quotes (``party_table(summary, by="outlet")``) and give
the same table as on the full quote and mention tables:

- counts, integer sums and distinct speakers do not depend on the order of the rows;
- a rate is (#rows with the flag) / (#rows), the same two numbers pandas' mean divides;
- ``mean_sentiment`` and ``mean_tone`` are pandas group means over the same values in corpus order,
  so its compensated summation sees the same sequence and gives the same bits.

Grouping columns must be article-level: ``outlet`` or ``date`` (checked against each quote and
mention row), or another column of the ``articles`` table (not ``article_id``). When an assumption
fails (an article id twice, a quote whose outlet differs from its article's, ``named`` not all
True/False, non-integer ``words``), :attr:`QuoteSummary.exact` becomes False with the reason in
:attr:`QuoteSummary.why`, and the caller must compute the tables from the full quote table instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .metrics import _ALL, PARTY_COLUMNS, attributions, speaker_key
from .tables import QUOTE_COLUMNS

ROW_LEVEL = ("outlet", "date")  # columns of quotes and mentions, always equal to their article's
_QUOTE_COLS = ["article_id", "attribution_id", "outlet", "date", "kind", "start", "cue", "cue_lemma",
               "cue_category", "speaker", "speaker_type", "named", "party", "sentiment", "words"]
_MENTION_COLS = ["article_id", "outlet", "date", "party", "tone"]
_TEXT = ["kind", "cue", "cue_lemma", "cue_category", "speaker", "speaker_type", "party"]


def _column(rows: list[dict], name: str) -> list:
    return [r.get(name) for r in rows]


def _narrow(codes: np.ndarray) -> np.ndarray:
    """Integers in the smallest signed type that holds them (the per-attribution arrays add up)."""
    for t in (np.int8, np.int16, np.int32):
        if not len(codes) or np.iinfo(t).min <= codes.min() and codes.max() <= np.iinfo(t).max:
            return codes.astype(t)
    return codes


def _columns(rows, names: list[str]) -> dict:
    """A dict of columns (lists) from rows (dicts) or from a dict of columns."""
    if isinstance(rows, dict):
        return rows
    return {c: _column(rows, c) for c in names}


class QuoteSummary:
    """Per-attribution codes, per-article first/last parties and per-mention tones of a corpus.

    >>> s = QuoteSummary()
    >>> s.add(articles, quotes, mentions)  # each batch: its article, quote and mention rows  # doctest: +SKIP
    >>> s.articles = articles_df           # the articles table, for grouping columns        # doctest: +SKIP
    >>> party_table(s, by="outlet")        # == party_table(quotes, by=..., mentions=...)     # doctest: +SKIP
    """

    def __init__(self):
        self.exact, self.why = True, None
        self.articles: pd.DataFrame | None = None  # set by the caller once all batches are in
        self.n_articles = self.n_attributions = 0
        self._seen: set = set()
        self._codes: dict[str, dict] = {k: {} for k in ("party", "name", "key", "stype", "lemma")}
        self._batches: list[dict] = []  # per batch: per-attribution and per-mention arrays
        self._first: list[np.ndarray] = []  # per batch: raw party code of each article's first / last
        self._last: list[np.ndarray] = []
        self._split = False  # some attribution has several fragments (so the whole table collapses)
        self._name_key: list[int] = []  # speaker name code -> speaker key code
        self._arrays: dict | None = None

    # ----------------------------------------------------------------------------------- feeding
    def _give_up(self, why: str) -> None:
        if self.exact:
            self.exact, self.why = False, why
        self._batches, self._first, self._last = [], [], []

    def _encode(self, values, table: str) -> np.ndarray:
        """Global int32 codes of ``values`` (-1 for missing), stable across batches."""
        local, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        codes = self._codes[table]
        glob = np.array([codes.setdefault(u, len(codes)) for u in uniques] + [-1], dtype=np.int32)
        return glob[local]  # local -1 picks the trailing -1

    def _learn_keys(self) -> None:
        """Speaker keys (``metrics.speaker_key``) of the speaker names first seen in this batch."""
        known = self._codes["name"]
        if len(self._name_key) < len(known):
            self._name_key += [self._key_code(n) for n in list(known)[len(self._name_key):]]

    def _key_code(self, name: str) -> int:
        codes = self._codes["key"]
        return codes.setdefault(speaker_key(name), len(codes))

    def _rows(self, cols: dict, index: dict, level: dict, base: int) -> np.ndarray | None:
        """Article number of each row (rows come article by article); None if a row's article is not
        in the batch or its outlet or date differ from the article's."""
        ids = np.asarray(cols["article_id"], dtype=object)
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        run = [index.get(ids[i]) for i in starts]
        if None in run:
            return None
        art = np.repeat(np.array(run, dtype=np.int64), np.diff(np.r_[starts, len(ids)]))
        for c in ROW_LEVEL:
            a, b = np.asarray(cols[c], dtype=object), level[c][art - base]
            if not ((a == b) | (pd.isna(a) & pd.isna(b))).all():
                return None
        return art

    def add(self, articles: list[dict], quotes, mentions) -> None:
        """Take one batch: its article rows, and all their quote (fragment) and mention rows, as lists of
        dicts or as dicts of columns (lists), in article order."""
        base = self.n_articles
        index = {a["article_id"]: base + i for i, a in enumerate(articles)}
        self.n_articles += len(articles)
        if len(index) < len(articles) or not self._seen.isdisjoint(index):
            self._give_up("an article id occurs twice")
        self._seen.update(index)
        if not self.exact:
            return
        level = {c: np.array(_column(articles, c), dtype=object) for c in ROW_LEVEL}
        first = np.full(len(articles), -1, dtype=np.int32)
        last = first.copy()
        batch: dict = {}
        q = _columns(quotes, _QUOTE_COLS)
        if len(q["article_id"]):
            art = self._rows(q, index, level, base)
            if art is None:
                return self._give_up("a quote's outlet or date differs from its article's")
            att = self._collapse(q, art)
            if att is None:
                return self._give_up("named not all True/False, or words, start, attribution_id not numbers")
            # first/last voice per article, ordered as metrics._article_first_last orders them
            aid, start, art, party = att.pop("aid"), att.pop("start"), att["art"], att["party"]
            fl = np.flatnonzero(party >= 0)
            if len(fl):
                fl = fl[np.lexsort((aid[fl], start[fl], art[fl]))]  # stable: ties keep their order
                begin = np.r_[True, art[fl][1:] != art[fl][:-1]]
                end = np.r_[begin[1:], True]
                first[art[fl][begin] - base] = party[fl][begin]
                last[art[fl][end] - base] = party[fl][end]
            batch.update(att)
            self.n_attributions += len(art)
        m = _columns(mentions, _MENTION_COLS)
        if len(m["article_id"]):
            m_art = self._rows(m, index, level, base)
            if m_art is None:
                return self._give_up("a mention's outlet or date differs from its article's")
            batch.update(m_art=m_art.astype(np.int32), m_party=_narrow(self._encode(m["party"], "party")),
                         m_tone=np.array(m["tone"], dtype=float))
        self._batches.append(batch)
        self._first.append(first)
        self._last.append(last)

    def _collapse(self, q: dict, art: np.ndarray) -> dict | None:
        """Per-attribution arrays of one batch's fragment rows, in first-appearance order.

        Single-fragment attributions are taken as they are; the others are collapsed by
        ``metrics.attributions`` (so their sentiment is already sum(s * w) / sum(w), ``plain`` False)."""
        aid, start, words = (np.asarray(q[c]) for c in ("attribution_id", "start", "words"))
        named = np.asarray(q["named"])
        numbers = aid.dtype.kind == words.dtype.kind == "i" and start.dtype.kind in "if"
        if not numbers or named.dtype != bool:
            return None
        key = art * (int(aid.max()) - int(aid.min()) + 1) + (aid - aid.min())
        codes, _ = pd.factorize(key)  # attribution number, in first-appearance order
        size = np.bincount(codes)
        cols = {c: np.asarray(q[c], dtype=object) for c in _TEXT}
        cols.update(named=named, start=start.astype(float), aid=aid, words=words,
                    sentiment=np.array(q["sentiment"], dtype=float))
        plain = np.ones(len(codes), dtype=bool)
        if len(size) < len(codes):  # some attributions have several fragments: collapse them as metrics does
            self._split = True
            one = size[codes] == 1
            frame = pd.DataFrame({c: v[~one] for c, v in cols.items()})
            frame = frame.rename(columns={"aid": "attribution_id"})
            frame["article_id"] = art[~one]
            merged = attributions(frame)  # first-appearance order too
            at = np.unique(codes[~one])
            for c, v in list(cols.items()):
                col = np.empty(len(size), dtype=v.dtype)
                col[codes[one]] = v[one]
                col[at] = merged["attribution_id" if c == "aid" else c].to_numpy(v.dtype)
                cols[c] = col
            art = art[np.unique(codes, return_index=True)[1]]
            plain = np.zeros(len(size), dtype=bool)
            plain[codes[one]] = True
        name = self._encode(cols["speaker"], "name")
        self._learn_keys()
        lemma = np.where(pd.isna(cols["cue_lemma"]), cols["cue"], cols["cue_lemma"])
        kind = cols["kind"]
        return {"art": art.astype(np.int32), "party": _narrow(self._encode(cols["party"], "party")),
                "name": _narrow(name), "stype": _narrow(self._encode(cols["speaker_type"], "stype")),
                "lemma": _narrow(self._encode(lemma, "lemma")), "named": cols["named"],
                "direct": (kind == "direct") | (kind == "mixed"),
                "dist": cols["cue_category"] == "distancing",
                "words": _narrow(cols["words"]), "sent": cols["sentiment"], "plain": plain,
                "start": cols["start"], "aid": cols["aid"]}

    # ---------------------------------------------------------------------------------- reducing
    def _all(self) -> dict:
        """The batches' arrays joined (once). Sentiment of single-fragment attributions becomes
        s * w / w (when w > 0) if any attribution has fragments, as ``attributions`` then computes it."""
        if self._arrays is None:
            if not self.exact:
                raise ValueError(f"this QuoteSummary is not exact: {self.why}")
            empty = {"art": np.int32, "party": np.int8, "name": np.int8, "stype": np.int8, "lemma": np.int8,
                     "named": bool, "direct": bool, "dist": bool, "words": np.int8, "sent": np.float64,
                     "plain": bool, "m_art": np.int32, "m_party": np.int8, "m_tone": np.float64}
            arrays = {}
            for k, dtype in empty.items():  # one column at a time, dropping the pieces as we go
                arrays[k] = np.concatenate([np.empty(0, dtype)] + [b.pop(k) for b in self._batches if k in b])
            self._batches = []
            keys = np.array(self._name_key + [self._key_code("")], dtype=np.int32)  # name -1: no name, key ""
            arrays["key"] = keys[arrays["name"]]
            arrays["anon"] = arrays["stype"] == self._codes["stype"].get("anonymous", -2)
            if self._split:
                p, s, w = arrays.pop("plain"), arrays["sent"], arrays["words"]
                with np.errstate(invalid="ignore", divide="ignore"):
                    arrays["sent"] = np.where(p & (w > 0), (s * w) / w, s)
            arrays["first"] = np.concatenate([np.empty(0, np.int32)] + self._first)
            arrays["last"] = np.concatenate([np.empty(0, np.int32)] + self._last)
            self._first, self._last = [], []
            self._arrays = arrays
        return self._arrays

    def _groups(self, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
        """Per article its group number, and one row of key values per group (``__all__`` without keys)."""
        if not keys:
            return np.zeros(self.n_articles, np.int64), pd.DataFrame({_ALL: np.zeros(1, np.int64)})

        cols = {}
        for k in keys:
            if k not in ROW_LEVEL and (k in QUOTE_COLUMNS or k in PARTY_COLUMNS):
                raise KeyError(f"cannot group a QuoteSummary by {k!r}: a quote-level or table column")
            if k in ROW_LEVEL:  # as the quotes' own column, read back from Parquet: pandas' str dtype
                cols[k] = pd.Series(self.articles[k].astype(object).where(self.articles[k].notna(), None),
                                    dtype="str")
            elif k != "article_id" and self.articles is not None and k in self.articles.columns:
                cols[k] = self.articles[k]
            else:
                raise KeyError(f"cannot group a QuoteSummary by {k!r}: not an article-level column")
        df = pd.DataFrame(cols).reset_index(drop=True)
        codes = df.groupby(keys, dropna=False, sort=False).ngroup().to_numpy(np.int64)
        firsts = np.unique(codes, return_index=True)[1]
        return codes, df.iloc[firsts].reset_index(drop=True)

    def _labels(self, no_party: str) -> tuple[np.ndarray, np.ndarray]:
        """Party labels (object array) and raw code -> label number (raw -1, no party, maps last)."""
        raw = list(self._codes["party"]) + [no_party]
        lab, uniques = pd.factorize(pd.Series(raw, dtype=object))
        return np.asarray(uniques, dtype=object), lab.astype(np.int64)

    @staticmethod
    def _first_of(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
        """Per group the first value >= 0 (the first non-missing one), -1 if none."""
        valid = np.flatnonzero(values >= 0)
        groups, pos = np.unique(codes[valid], return_index=True)
        out = np.full(n, -1, dtype=np.int64)
        out[groups] = values[valid[pos]]
        return out

    def _keyed(self, frame: pd.DataFrame, keyrows: pd.DataFrame, gcode: np.ndarray, labels: np.ndarray,
               label: np.ndarray) -> pd.DataFrame:
        """``frame`` with the group key columns and ``party`` in front."""
        keys = keyrows.iloc[gcode].reset_index(drop=True)
        return pd.concat([keys, pd.DataFrame({"party": labels[label]}, dtype=object), frame], axis=1)

    def party_parts(self, keys: list[str], no_party: str):
        """``out``, ``fl``, ``tone`` and the group columns that :func:`framing.measure.metrics._party_rows` takes."""
        a = self._all()
        gart, keyrows = self._groups(keys)
        labels, lab = self._labels(no_party)
        P = len(labels)
        gp = gart[a["art"]] * P + lab[a["party"]]
        codes, uniq = pd.factorize(gp)
        n = len(uniq)
        count = np.bincount(codes, minlength=n)

        def total(flags):
            return np.bincount(codes, weights=flags, minlength=n)

        key_pairs = np.unique(codes.astype(np.int64) * (len(self._codes["key"]) + 1) + a["key"])
        out = pd.DataFrame({
            "quotes": count, "quoted_words": total(a["words"]).astype(np.int64),
            "named_rate": total(a["named"]) / count, "anonymous_rate": total(a["anon"]) / count,
            "direct_rate": total(a["direct"]) / count, "distancing_rate": total(a["dist"]) / count,
            "mean_sentiment": pd.Series(a["sent"]).groupby(codes).mean().reindex(range(n)).to_numpy(),
            "speakers": np.bincount(key_pairs // (len(self._codes["key"]) + 1), minlength=n)})
        out = self._keyed(out, keyrows, uniq // P, labels, uniq % P)
        # first/last: articles with a party-attributed attribution, per group; the parties present
        has = a["first"] >= 0
        art_g = gart[has]
        n_art = np.bincount(art_g, minlength=len(keyrows))
        present = np.unique(gp[a["party"] >= 0])

        def share(first):
            c = pd.Series(art_g * P + lab[first[has]]).value_counts()
            return c.reindex(present, fill_value=0).to_numpy() / n_art[present // P]

        fl = pd.DataFrame({"articles": n_art[present // P], "first_source_share": share(a["first"]),
                           "last_word_share": share(a["last"])})
        fl = self._keyed(fl, keyrows, present // P, labels, present % P)
        tone = None
        if len(a["m_tone"]):
            mg = gart[a["m_art"]] * P + lab[a["m_party"]]
            mean = pd.Series(a["m_tone"]).groupby(mg).mean()
            mg = mean.index.to_numpy(np.int64)
            tone = self._keyed(pd.DataFrame({"mean_tone": mean.to_numpy()}), keyrows, mg // P, labels, mg % P)
        return out, fl, tone, (list(keys) or [_ALL])

    def speaker_parts(self, keys: list[str], no_party: str):
        """Per (group, speaker, party): the aggregates of :func:`framing.measure.metrics.speaker_table` (indexed as
        its groupby), the cue lemma counts, and the group columns."""
        a = self._all()
        gart, keyrows = self._groups(keys)
        labels, lab = self._labels(no_party)
        P, K = len(labels), len(self._codes["key"])
        sg = (gart[a["art"]] * K + a["key"]) * P + lab[a["party"]]
        codes, uniq = pd.factorize(sg)
        n = len(uniq)
        first_name = self._first_of(codes, a["name"], n)
        first_type = self._first_of(codes, a["stype"], n)
        first_named = np.unique(codes, return_index=True)[1]  # named is never missing (else not exact)
        art_pairs = np.unique(codes.astype(np.int64) * max(self.n_articles, 1) + a["art"])
        names = np.array(list(self._codes["name"]) + [None], dtype=object)
        stypes = np.array(list(self._codes["stype"]) + [None], dtype=object)
        skeys = np.array(list(self._codes["key"]), dtype=object)
        frame = pd.DataFrame({
            "_speaker": skeys[(uniq // P) % K],
            "speaker": pd.Series(names[first_name], dtype="str"),
            "speaker_type": pd.Series(stypes[first_type], dtype="str"),
            "named": a["named"][first_named], "quotes": np.bincount(codes, minlength=n),
            "quoted_words": np.bincount(codes, weights=a["words"], minlength=n).astype(np.int64),
            "articles": np.bincount(art_pairs // max(self.n_articles, 1), minlength=n),
            "mean_sentiment": pd.Series(a["sent"]).groupby(codes).mean().reindex(range(n)).to_numpy()})
        out = self._keyed(frame, keyrows, uniq // (K * P), labels, uniq % P)
        g = list(keys) or [_ALL]
        gs = g + ["_speaker", "party"]
        out = out[gs + [c for c in out.columns if c not in gs]].set_index(gs)
        # verbs: counts of each cue lemma per (group, speaker, party)
        valid = a["lemma"] >= 0
        L = len(self._codes["lemma"])
        pairs, n_pair = np.unique(codes[valid].astype(np.int64) * L + a["lemma"][valid], return_counts=True)
        lemmas = np.array(list(self._codes["lemma"]), dtype=object)
        counts = self._keyed(pd.DataFrame({"_speaker": skeys[(uniq[pairs // L] // P) % K],
                                           "_lemma": lemmas[pairs % L], "n": n_pair}),
                             keyrows, uniq[pairs // L] // (K * P), labels, uniq[pairs // L] % P)
        return out, counts[gs + ["_lemma", "n"]], g

"""Per-party and per-speaker framing metrics over the tidy ``quotes`` table.

Every function is pure: it takes the pipeline's DataFrames and returns a new tidy DataFrame. ``by`` is
``None`` (the whole corpus), a column name (``"outlet"``) or a list of columns (``["outlet", "date"]``);
grouping columns should be article-level (outlet, date, metadata). Quotes arrive one row per content
fragment; every metric first collapses them with :func:`attributions`, so a quote split in three
fragments counts once. Speakers without a party are labelled ``no_party`` (default ``"(no party)"``).

>>> party_table(quotes, by="outlet")[["outlet", "party", "quotes", "share_of_voice"]]  # doctest: +SKIP
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

NO_PARTY = "(no party)"
NO_CATEGORY = "(none)"
CATEGORIES = ("neutral", "endorsing", "insistent", "distancing", "tentative", "concessive", "denial",
              "accusatory", "warning", "directive", "emotive", "question")
PARTY_COLUMNS = ["party", "quotes", "quoted_words", "speakers", "share_of_voice", "share_by_words",
                 "share_by_speakers", "named_rate", "anonymous_rate", "direct_rate", "first_source_share",
                 "last_word_share", "distancing_rate", "mean_sentiment", "mean_tone"]
SPEAKER_COLUMNS = ["speaker", "party", "speaker_type", "named", "quotes", "quoted_words", "articles",
                   "share_of_voice", "verbs", "mean_sentiment"]
_ALL = "__all__"
_KEY = ["article_id", "attribution_id"]
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


# ----------------------------------------------------------------------------------------- helpers
def group_keys(by) -> list[str]:
    """Normalise ``by`` to a list of column names: ``group_keys("outlet") == ["outlet"]``."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _require(df: pd.DataFrame, columns, name: str = "quotes") -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{name} lacks column(s) {missing}; has {list(df.columns)}")


def _is_summary(quotes) -> bool:
    """True for streamed aggregates (:class:`framing.measure.summary.QuoteSummary`) given instead of quotes."""
    return not isinstance(quotes, pd.DataFrame) and hasattr(quotes, "party_parts")


def _with_groups(df: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Return ``df`` and its grouping columns, adding a constant column when there are no keys."""
    if keys:
        return df, keys
    return df.assign(**{_ALL: 0}), [_ALL]


def _finish(out: pd.DataFrame, sort: list[str], columns: list[str]) -> pd.DataFrame:
    """Sort (no-party rows last within a group), drop the helper group column, fix column order."""
    out = out.sort_values(sort, kind="stable", na_position="last")
    cols = [c for c in columns if c != _ALL]
    return out.loc[:, cols].reset_index(drop=True)


def speaker_key(name) -> str:
    """Case-folded speaker name without a leading article: ``speaker_key("The Experts") == "experts"``."""
    text = " ".join(str(name).split()).casefold()
    return _LEADING_ARTICLE.sub("", text)


def _as_float(values: pd.Series) -> pd.Series:
    """Booleans (possibly with None/NaN) as floats 1.0/0.0/NaN."""
    out = pd.Series(np.nan, index=values.index, dtype=float)
    known = values.notna()
    out[known] = values[known].astype(bool).astype(float)
    return out


def attributions(quotes: pd.DataFrame) -> pd.DataFrame:
    """Collapse fragment rows to one row per (article_id, attribution_id), in first-appearance order.

    words = sum of fragment words; sentiment = sum(s_i * w_i) / sum(w_i) over fragments whose sentiment
    is not NaN (plain mean of those if their words sum to 0; NaN if none); start = min start, end = max
    end; every other column takes the first non-null value. Adds ``fragments`` (rows collapsed).
    Example: fragments (words 3, sentiment 0.5) and (words 1, sentiment -0.5) -> words 4,
    sentiment (1.5 - 0.5) / 4 = 0.25.
    """
    _require(quotes, _KEY)
    df = quotes.copy()
    if "words" not in df.columns:  # count them from the content (0 without content)
        content = df["content"] if "content" in df.columns else pd.Series("", index=df.index)
        df["words"] = content.fillna("").astype(str).str.split().str.len()
    df["words"] = pd.to_numeric(df["words"], errors="coerce").fillna(0)
    if "sentiment" not in df.columns:
        df["sentiment"] = np.nan
    df["sentiment"] = pd.to_numeric(df["sentiment"], errors="coerce").astype(float)
    if not df.duplicated(_KEY).any():
        return df.assign(fragments=1).reset_index(drop=True)
    has = df["sentiment"].notna()
    df["_w"] = df["words"].where(has, 0.0)
    df["_sw"] = (df["sentiment"] * df["words"]).where(has, 0.0)
    df["_s"] = df["sentiment"].where(has, 0.0)
    df["_n"] = has.astype(float)
    grp = df.groupby(_KEY, sort=False, dropna=False)
    out = grp.first()
    sums = grp[["words", "_w", "_sw", "_s", "_n"]].sum()
    out["words"] = sums["words"]
    weighted = sums["_sw"] / sums["_w"].where(sums["_w"] > 0)
    plain = sums["_s"] / sums["_n"].where(sums["_n"] > 0)
    out["sentiment"] = weighted.where(sums["_w"] > 0, plain)
    if "start" in df.columns:
        out["start"] = grp["start"].min()
    if "end" in df.columns:
        out["end"] = grp["end"].max()
    out["fragments"] = grp.size()
    out = out.reset_index()
    return out[[c for c in quotes.columns if c in out.columns] + [c for c in ("words", "sentiment")
                if c not in quotes.columns] + ["fragments"]]


def prepare(quotes: pd.DataFrame, no_party: str = NO_PARTY) -> pd.DataFrame:
    """Collapsed attributions plus helper columns used by all metrics (``_``-prefixed, float flags).

    Adds: party label (no-party -> ``no_party``), ``_no_party``, ``_speaker``, ``_named``, ``_anon``,
    ``_direct``, ``_dist``, ``_cat``. Example: ``prepare(q)["party"].unique()`` -> ['A', 'B', '(no party)'].
    """
    att = attributions(quotes)
    for col, default in (("party", np.nan), ("speaker", ""), ("speaker_type", np.nan), ("named", np.nan),
                         ("kind", np.nan), ("cue_category", np.nan), ("start", np.nan)):
        if col not in att.columns:
            att[col] = default
    att["_no_party"] = att["party"].isna()
    att["party"] = att["party"].astype(object).where(~att["_no_party"], no_party)
    names = att["speaker"].astype(object).where(att["speaker"].notna(), "")
    att["_speaker"] = names.map({name: speaker_key(name) for name in pd.unique(names)})
    att["_named"] = _as_float(att["named"])
    att["_anon"] = (att["speaker_type"] == "anonymous").astype(float)
    att["_direct"] = att["kind"].isin(["direct", "mixed"]).astype(float)
    att["_dist"] = (att["cue_category"] == "distancing").astype(float)
    att["_cat"] = att["cue_category"].astype(object).where(att["cue_category"].notna(), NO_CATEGORY)
    return att


def _party_order(df: pd.DataFrame, col: str, no_party: str) -> pd.DataFrame:
    return df.assign(_np=(df[col] == no_party))


# ----------------------------------------------------------------------------------- first / last
def _article_first_last(att: pd.DataFrame, g: list[str]) -> pd.DataFrame:
    att = att.sort_values(["start", "attribution_id"], kind="stable", na_position="last")
    grp = att.groupby(g + ["article_id"], dropna=False, sort=False)["party"]
    return pd.DataFrame({"first_party": grp.first(), "last_party": grp.last()}).reset_index()


def article_first_last(quotes: pd.DataFrame, by=None, include_no_party: bool = False,
                       no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per article: party of the first and of the last attribution (by ``start``, ties by id).

    No-party attributions are skipped unless ``include_no_party``; articles with no party-attributed
    attribution are dropped. Columns: by..., article_id, first_party, last_party.
    Example: an article quoting A (start 10), nobody (start 50), B (start 90) -> first A, last B.
    """
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    if not include_no_party:
        att = att[~att["_no_party"]]
    att, g = _with_groups(att, keys)
    out = _article_first_last(att, g)
    return out.drop(columns=[_ALL], errors="ignore").sort_values(keys + ["article_id"]).reset_index(drop=True)


def _first_last(att: pd.DataFrame, g: list[str]) -> pd.DataFrame:
    art = _article_first_last(att, g)
    n = art.groupby(g, dropna=False).size().rename("articles")
    present = att[g + ["party"]].drop_duplicates()
    first = art.groupby(g + ["first_party"], dropna=False).size().rename("first")
    last = art.groupby(g + ["last_party"], dropna=False).size().rename("last")
    out = present.merge(n.reset_index(), on=g, how="left")
    for counts, col in ((first, "first_party"), (last, "last_party")):
        out = out.merge(counts.reset_index().rename(columns={col: "party"}), on=g + ["party"], how="left")
    out[["first", "last"]] = out[["first", "last"]].fillna(0).astype(int)
    out["first_source_share"] = out["first"] / out["articles"]
    out["last_word_share"] = out["last"] / out["articles"]
    return out


def first_last(quotes: pd.DataFrame, by=None, include_no_party: bool = False,
               no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per group and party: share of articles in which the party is quoted first / has the last word.

    first_source_share = (#articles whose first considered attribution is the party's) / (#articles in
    the group with >= 1 considered attribution); likewise last_word_share. Considered = party-attributed
    (plus no-party ones if ``include_no_party``). Columns: by..., party, articles, first, last,
    first_source_share, last_word_share. Example: 3 articles opening A, A, B -> A 2/3, B 1/3.
    """
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    if not include_no_party:
        att = att[~att["_no_party"]]
    att, g = _with_groups(att, keys)
    out = _party_order(_first_last(att, g), "party", no_party)
    cols = g + ["party", "articles", "first", "last", "first_source_share", "last_word_share"]
    return _finish(out, g + ["_np", "party"], cols)


# ------------------------------------------------------------------------------------ party table
def _mentions_with_groups(mentions: pd.DataFrame, quotes: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Give ``mentions`` the grouping columns, taking missing ones from the article's quotes."""
    missing = [k for k in keys if k not in mentions.columns]
    if not missing:
        return mentions
    _require(quotes, missing)
    lookup = quotes.drop_duplicates("article_id").set_index("article_id")[missing]
    return mentions.join(lookup, on="article_id")


def party_table(quotes: pd.DataFrame, by=None, mentions: pd.DataFrame | None = None,
                no_party: str = NO_PARTY) -> pd.DataFrame:
    """One row per (group..., party) with the source-balance profile of each party.

    Within a group (attributions, fragments collapsed):
    quotes = #attributions; quoted_words = sum of words; speakers = #distinct speakers (case-insensitive,
    leading "the/a/an" ignored; one speaker in two articles counts once);
    share_of_voice = quotes / all quotes in group (no-party included); share_by_words = quoted_words /
    all words; share_by_speakers = speakers / sum of speakers over the group's rows;
    named_rate = mean(named) (missing values skipped); anonymous_rate = mean(speaker_type == anonymous);
    direct_rate = mean(kind in {direct, mixed}); distancing_rate = mean(cue_category == distancing);
    first_source_share / last_word_share from :func:`first_last` (NaN for the no-party row, 0 for a party
    never first); mean_sentiment = mean attribution sentiment (NaN skipped); mean_tone = mean tone of the
    party's ``mentions`` (NaN without). Parties only in ``mentions`` get a row with 0 quotes.
    Example: A quoted 2x, B 1x, nobody 1x -> share_of_voice A 0.5, B 0.25, (no party) 0.25.

    ``quotes`` may also be a :class:`framing.measure.summary.QuoteSummary` (what ``framing analyze`` streams;
    it holds its own mentions, so ``mentions`` must be None): same table, without the quote rows.
    """
    if _is_summary(quotes):
        if mentions is not None:
            raise ValueError("a QuoteSummary holds its mentions: pass mentions=None")
        out, fl, tone, g = quotes.party_parts(group_keys(by), no_party)
        return _party_rows(out, fl, tone, g, no_party)
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    att, g = _with_groups(att, keys)
    gp = g + ["party"]
    grp = att.groupby(gp, dropna=False, sort=False)
    out = grp.agg(quotes=("attribution_id", "size"), quoted_words=("words", "sum"),
                  named_rate=("_named", "mean"), anonymous_rate=("_anon", "mean"),
                  direct_rate=("_direct", "mean"), distancing_rate=("_dist", "mean"),
                  mean_sentiment=("sentiment", "mean")).reset_index()
    speakers = att.drop_duplicates(gp + ["_speaker"]).groupby(gp, dropna=False).size().rename("speakers")
    out = out.merge(speakers.reset_index(), on=gp, how="left")
    fl = _first_last(att[~att["_no_party"]], g)[gp + ["articles", "first_source_share", "last_word_share"]]
    tone = None
    if mentions is not None and len(mentions):
        _require(mentions, ["article_id", "party", "tone"], "mentions")
        men = _mentions_with_groups(mentions, quotes, keys)
        men = men.assign(party=men["party"].astype(object).where(men["party"].notna(), no_party))
        men, _ = _with_groups(men, keys)
        tone = men.groupby(gp, dropna=False)["tone"].mean().rename("mean_tone").reset_index()
    return _party_rows(out, fl, tone, g, no_party)


def _party_rows(out: pd.DataFrame, fl: pd.DataFrame, tone: pd.DataFrame | None, g: list[str],
                no_party: str) -> pd.DataFrame:
    """The end of :func:`party_table` from its per-(group, party) parts: ``out`` (quotes, quoted_words,
    the rates, mean_sentiment, speakers), ``fl`` (articles and first/last shares of the parties present)
    and ``tone`` (mean_tone; None without mentions). Adds mention-only parties, shares, order."""
    gp = g + ["party"]
    if tone is not None:
        out = out.merge(tone, on=gp, how="outer")
        out[["quotes", "quoted_words", "speakers"]] = out[["quotes", "quoted_words", "speakers"]].fillna(0)
    else:
        out["mean_tone"] = np.nan
    out = out.merge(fl, on=gp, how="left")
    # A party never quoted first in a group that has first/last data gets 0, not NaN.
    has_fl = out.groupby(g, dropna=False)["articles"].transform("max").notna()
    for col in ("first_source_share", "last_word_share"):
        out[col] = out[col].where(out[col].notna() | ~has_fl | (out["party"] == no_party), 0.0)
    out[["quotes", "speakers"]] = out[["quotes", "speakers"]].astype(int)
    if np.all(np.mod(out["quoted_words"], 1) == 0):
        out["quoted_words"] = out["quoted_words"].astype(int)
    totals = out.groupby(g, dropna=False)[["quotes", "quoted_words", "speakers"]].transform("sum")
    out["share_of_voice"] = out["quotes"] / totals["quotes"].where(totals["quotes"] > 0)
    out["share_by_words"] = out["quoted_words"] / totals["quoted_words"].where(totals["quoted_words"] > 0)
    out["share_by_speakers"] = out["speakers"] / totals["speakers"].where(totals["speakers"] > 0)
    out = _party_order(out, "party", no_party)
    return _finish(out, g + ["_np", "party"], g + PARTY_COLUMNS)


# ---------------------------------------------------------------------------------- speaker table
def _verb_summary(att: pd.DataFrame, gs: list[str], top: int) -> pd.Series:
    """Per group ``gs``: "say ×3, claim ×1" of the ``top`` most frequent ``_lemma`` values."""
    counts = att[att["_lemma"].notna()].groupby(gs + ["_lemma"], dropna=False).size()
    return _verb_text(counts.rename("n").reset_index(), gs, top)


def _verb_text(counts: pd.DataFrame, gs: list[str], top: int) -> pd.Series:
    """:func:`_verb_summary` from a table of counts (columns ``gs``, ``_lemma``, ``n``; any row order)."""
    counts = counts.sort_values(["n", "_lemma"], ascending=[False, True], kind="stable")
    counts = counts.groupby(gs, dropna=False, sort=False).head(top)
    counts["text"] = counts["_lemma"].astype(str) + " ×" + counts["n"].astype(str)
    return counts.groupby(gs, dropna=False, sort=False)["text"].agg(", ".join).rename("verbs")


def speaker_table(quotes: pd.DataFrame, by=None, top_verbs: int = 3,
                  no_party: str = NO_PARTY) -> pd.DataFrame:
    """One row per (group..., speaker, party), most quoted first.

    Speakers are matched case-insensitively without a leading article; the first spelling seen is shown.
    quotes = #attributions; quoted_words = sum of words; articles = #distinct articles; share_of_voice =
    quotes / all quotes in the group; verbs = the ``top_verbs`` most common cue lemmas (cue if no lemma)
    as "said ×3, claimed ×1" (ties alphabetical); speaker_type and named = first seen; mean_sentiment =
    mean attribution sentiment. Example: Rusk said twice and claimed once -> verbs "said ×2, claimed ×1".
    ``quotes`` may also be a :class:`framing.measure.summary.QuoteSummary` (see :func:`party_table`).
    """
    if _is_summary(quotes):
        out, counts, g = quotes.speaker_parts(group_keys(by), no_party)
        gs = g + ["_speaker", "party"]
        return _speaker_rows(out.join(_verb_text(counts, gs, top_verbs)).reset_index(), g)
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    if "cue_lemma" not in att.columns:
        att["cue_lemma"] = np.nan
    if "cue" not in att.columns:
        att["cue"] = np.nan
    att["_lemma"] = att["cue_lemma"].astype(object).where(att["cue_lemma"].notna(), att["cue"])
    att, g = _with_groups(att, keys)
    gs = g + ["_speaker", "party"]
    grp = att.groupby(gs, dropna=False, sort=False)
    out = grp.agg(speaker=("speaker", "first"), speaker_type=("speaker_type", "first"),
                  named=("named", "first"), quotes=("attribution_id", "size"),
                  quoted_words=("words", "sum"), articles=("article_id", "nunique"),
                  mean_sentiment=("sentiment", "mean"))
    out = out.join(_verb_summary(att, gs, top_verbs)).reset_index()
    return _speaker_rows(out, g)


def _speaker_rows(out: pd.DataFrame, g: list[str]) -> pd.DataFrame:
    """The end of :func:`speaker_table`: per (group..., _speaker, party) rows with verbs -> shares, order."""
    out["verbs"] = out["verbs"].fillna("")
    total = out.groupby(g, dropna=False)["quotes"].transform("sum")
    out["share_of_voice"] = out["quotes"] / total
    out["_neg"] = -out["quotes"]
    return _finish(out, g + ["_neg", "_speaker", "party"], g + SPEAKER_COLUMNS)


# ------------------------------------------------------------------------------------------- verbs
def _labels(att: pd.DataFrame, of: str) -> pd.Series:
    if of == "party":
        return att["party"]
    if of == "speaker":
        return att["speaker"]
    _require(att, [of])
    return att[of].astype(object).where(att[of].notna(), NO_CATEGORY)


def verb_table(quotes: pd.DataFrame, by=None, of: str = "party", no_party: str = NO_PARTY) -> pd.DataFrame:
    """Tidy counts and within-``of`` shares of each cue category (``of``: party, speaker or a column).

    share = count(category) / #attributions of that party in the group (uncategorised cues are listed
    as category "(none)" when present). Every category of ``CATEGORIES`` is listed, with 0 counts.
    Columns: by..., <of>, category, count, share. Example: A said, said, claimed -> A/neutral count 2,
    share 2/3; A/distancing count 1, share 1/3; A/insistent 0, 0.0.
    """
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    att = att.assign(_of=_labels(att, of))
    att, g = _with_groups(att, keys)
    counts = att.groupby(g + ["_of", "_cat"], dropna=False).size().rename("count").reset_index()
    cats = list(CATEGORIES) + sorted(set(counts["_cat"]) - set(CATEGORIES) - {NO_CATEGORY})
    if (counts["_cat"] == NO_CATEGORY).any():
        cats.append(NO_CATEGORY)
    frame = att[g + ["_of"]].drop_duplicates().merge(pd.DataFrame({"_cat": cats}), how="cross")
    out = frame.merge(counts, on=g + ["_of", "_cat"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["share"] = out["count"] / out.groupby(g + ["_of"], dropna=False)["count"].transform("sum")
    out["_order"] = out["_cat"].map({c: i for i, c in enumerate(cats)})
    out = _party_order(out, "_of", no_party).rename(columns={"_of": of, "_cat": "category"})
    return _finish(out, g + ["_np", of, "_order"], g + [of, "category", "count", "share"])


def relative_to_said(quotes: pd.DataFrame, by=None, of: str = "party",
                     no_party: str = NO_PARTY) -> pd.DataFrame:
    """The "said-baseline" ratio: rate(category) / rate(neutral) for each party and non-neutral category.

    Both rates share the party's denominator, so ratio = count(category) / count(neutral): how many
    attributions of that category a party gets per plain "said"-type verb. 0.5 distancing = one
    "claimed" for every two "said". NaN when the party has no neutral attribution. Comparing the ratio
    between parties or outlets removes differences in how much each party is quoted.
    Columns: by..., <of>, category, count, neutral, ratio. Example: B said x2, claimed x1 -> B/distancing 0.5.
    """
    keys = group_keys(by)
    vt = verb_table(quotes, by=by, of=of, no_party=no_party)
    neutral = vt[vt["category"] == "neutral"][keys + [of, "count"]].rename(columns={"count": "neutral"})
    out = vt[vt["category"] != "neutral"].merge(neutral, on=keys + [of], how="left")
    out["ratio"] = out["count"] / out["neutral"].where(out["neutral"] > 0)
    return out[keys + [of, "category", "count", "neutral", "ratio"]].reset_index(drop=True)


def one_sided_rate(quotes: pd.DataFrame, by=None, parties=None, no_party: str = NO_PARTY) -> pd.DataFrame:
    """Per group: share of articles quoting only one party, among articles quoting >= 1 party.

    Only party-attributed attributions count (only those of ``parties`` if given). one_sided_rate =
    #articles with exactly 1 distinct party / #articles with >= 1. Columns: by..., articles,
    one_sided_articles, one_sided_rate. Example: articles {A, B}, {A}, {no party} -> 1 / 2 = 0.5.
    """
    keys = group_keys(by)
    att = prepare(quotes, no_party)
    att = att[~att["_no_party"]]
    if parties is not None:
        att = att[att["party"].isin(list(parties))]
    att, g = _with_groups(att, keys)
    per_article = att.groupby(g + ["article_id"], dropna=False)["party"].nunique().rename("n").reset_index()
    per_article["one"] = (per_article["n"] == 1).astype(int)
    out = per_article.groupby(g, dropna=False).agg(articles=("n", "size"), one_sided_articles=("one", "sum"))
    out = out.reset_index()
    out["one_sided_rate"] = out["one_sided_articles"] / out["articles"]
    return _finish(out, g, g + ["articles", "one_sided_articles", "one_sided_rate"])

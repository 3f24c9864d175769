"""``framing actors suggest``: frequent speakers without a party, as a YAML skeleton for actors.yaml.

>>> print(suggest_from_quotes(_demo()), end="")  # doctest: +NORMALIZE_WHITESPACE
# Speakers without a party (2 of 3 attributions). Move each entry under the right party and rename
# the placeholder parties; delete what should stay unaffiliated.
parties:
  NEW PARTY (people):
    members:
      - "Lena Park"  # person, 2 quotes, e.g. "The zone freezes the war"
<BLANKLINE>
"""

from __future__ import annotations

import json

import pandas as pd

from ..measure.metrics import attributions


def _demo() -> pd.DataFrame:
    rows = [dict(article_id="a", attribution_id=i, speaker=s, speaker_type=t, party=p, content=c, words=4,
                 kind="direct", named=True, start=i, end=i + 1)
            for i, (s, t, p, c) in enumerate([("Lena Park", "person", None, "The zone freezes the war"),
                                              ("Lena Park", "person", None, "It will not hold"),
                                              ("Ana Berg", "person", "A", "Yes")])]
    return pd.DataFrame(rows)


def suggest_from_quotes(quotes: pd.DataFrame, min_quotes: int = 2, limit: int = 50) -> str:
    """The YAML skeleton text for speakers with no party quoted at least ``min_quotes`` times."""
    att = attributions(quotes)
    total = len(att)
    none = att[att["party"].isna()]
    lines = [f"# Speakers without a party ({len(none)} of {total} attributions). Move each entry under the right "
             "party and rename", "# the placeholder parties; delete what should stay unaffiliated.", "parties:"]
    groups = {"NEW PARTY (people)": ("members", ["person"]),
              "NEW PARTY (organisations)": ("aliases", ["organisation", "country"])}
    wrote = False
    for party, (key, types) in groups.items():
        sub = none[none["speaker_type"].isin(types)]
        counts = sub.groupby("speaker").size().sort_values(ascending=False, kind="stable")
        counts = counts[counts >= min_quotes].head(limit)
        if counts.empty:
            continue
        wrote = True
        lines += [f"  {party}:", f"    {key}:"]
        for speaker, n in counts.items():
            row = sub[sub["speaker"] == speaker].iloc[0]
            example = " ".join(str(row["content"]).split())[:60].replace("\"", "'")
            lines.append(f"      - {json.dumps(speaker, ensure_ascii=False)}  # {row['speaker_type']}, {n} quotes, "
                         f"e.g. \"{example}\"")
    others = none[~none["speaker_type"].isin(["person", "organisation", "country"])]
    oc = others.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    oc = oc[oc >= min_quotes].head(limit)
    if not oc.empty:
        lines.append("# Unnamed and collective sources without a party (no entry needed unless a descriptor names "
                     "a side):")
        lines += [f"#   {s}: {n} quotes" for s, n in oc.items()]
    if not wrote:
        lines.append("  {}  # nothing to suggest: every frequent named speaker has a party")
    return "\n".join(lines) + "\n"


def suggest_actors(corpus, actors=None, min_quotes: int = 2) -> str:
    """Analyse ``corpus`` and suggest actors.yaml entries for its unaffiliated speakers."""
    from ..run.analysis import analyze

    return suggest_from_quotes(analyze(corpus, actors=actors).quotes, min_quotes=min_quotes)

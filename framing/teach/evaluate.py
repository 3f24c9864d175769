"""Check the machine against gold annotations: precision, recall and F1 for content, speaker and cue.

Matching rule: a predicted fragment matches a gold fragment of the same article when at least half of
the prediction's characters lie inside the gold content. Precision counts predictions that match some
gold fragment; recall counts gold fragments matched by some prediction. ``content+speaker`` also
requires the canonical speakers to agree (case-insensitive, leading "the/a/an" ignored); ``cue``
requires the cue spans to overlap.

>>> overlap((0, 10), (5, 20))
5
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

_ART = re.compile(r"^(?:the|a|an)\s+", re.I)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def norm_speaker(name) -> str:
    """Canonical-speaker comparison key: lowercase, leading article removed, spaces collapsed."""
    return _ART.sub("", " ".join(str(name or "").lower().replace("’", "'").split()))


def load_gold(gold_dir) -> dict[str, list[dict]]:
    """Gold records by article id from ``gold_dir/<article id>.jsonl``."""
    gold_dir = Path(gold_dir)
    out = {}
    for p in sorted(gold_dir.rglob("*.jsonl")):
        aid = p.relative_to(gold_dir).with_suffix("").as_posix()
        out[aid] = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _matches(p: dict, g: dict) -> bool:
    n = p["end"] - p["start"]
    return n > 0 and overlap((p["start"], p["end"]), (g["start"], g["end"])) * 2 >= n


def _cue_match(p: dict, g: dict) -> bool:
    if p.get("cue_start") is None or g.get("cue_start") is None:
        return p.get("cue_start") is None and g.get("cue_start") is None
    return overlap((p["cue_start"], p["cue_end"]), (g["cue_start"], g["cue_end"])) > 0


@dataclass
class Evaluation:
    """Scores (one row per measure) and the errors behind them (misses and false alarms)."""

    scores: pd.DataFrame
    by_kind: pd.DataFrame
    errors: list[dict] = field(default_factory=list)

    def score(self, measure: str, what: str = "f1") -> float:
        return float(self.scores.set_index("measure").loc[measure, what])

    def to_text(self, errors: bool = False, limit: int = 40) -> str:
        lines = [self.scores.to_string(index=False, float_format=lambda x: f"{x:.3f}"), "",
                 "recall by gold kind / precision by predicted kind:",
                 self.by_kind.to_string(index=False, float_format=lambda x: f"{x:.3f}")]
        if errors:
            lines += ["", f"errors ({len(self.errors)}, first {limit}):"]
            for e in self.errors[:limit]:
                lines.append(f"- [{e['error']}] {e['article_id']}: {e['kind']} {e['content'][:90]!r} "
                             f"speaker={e.get('speaker')!r}" + (f" (gold speaker {e['gold_speaker']!r})"
                                                               if e.get("gold_speaker") else ""))
        return "\n".join(lines)


def _prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate_records(pred: dict[str, list[dict]], gold: dict[str, list[dict]]) -> Evaluation:
    """Compare predictions with gold, both as {article_id: [records]} with offsets into the same bodies."""
    counts = {m: [0, 0, 0, 0] for m in ("content", "content+speaker", "cue")}
    kinds: dict[str, list[int]] = {}
    errors = []
    for aid in sorted(set(gold) | set(pred)):
        P, G = pred.get(aid, []), gold.get(aid, [])
        for m in counts:
            counts[m][1] += len(P)
            counts[m][3] += len(G)
        for p in P:
            hits = [g for g in G if _matches(p, g)]
            k = kinds.setdefault(p["kind"], [0, 0, 0, 0])
            k[1] += 1
            if hits:
                counts["content"][0] += 1
                k[0] += 1
                if any(norm_speaker(p["speaker"]) == norm_speaker(g["speaker"]) for g in hits):
                    counts["content+speaker"][0] += 1
                else:
                    errors.append({"error": "wrong speaker", "article_id": aid, **_brief(p),
                                   "gold_speaker": hits[0]["speaker"]})
                if any(_cue_match(p, g) for g in hits):
                    counts["cue"][0] += 1
            else:
                errors.append({"error": "false alarm", "article_id": aid, **_brief(p)})
        for g in G:
            hits = [p for p in P if _matches(p, g)]
            k = kinds.setdefault(g["kind"], [0, 0, 0, 0])
            k[3] += 1
            if hits:
                counts["content"][2] += 1
                k[2] += 1
                if any(norm_speaker(p["speaker"]) == norm_speaker(g["speaker"]) for p in hits):
                    counts["content+speaker"][2] += 1
                if any(_cue_match(p, g) for p in hits):
                    counts["cue"][2] += 1
            else:
                errors.append({"error": "missed", "article_id": aid, **_brief(g)})
    rows = []
    for m, (tp_p, n_p, tp_g, n_g) in counts.items():
        p, r, f = _prf(tp_p, n_p, tp_g, n_g)
        rows.append({"measure": m, "precision": p, "recall": r, "f1": f, "predicted": n_p, "gold": n_g})
    krows = []
    for kind, (tp_p, n_p, tp_g, n_g) in sorted(kinds.items()):
        p, r, f = _prf(tp_p, n_p, tp_g, n_g)
        krows.append({"kind": kind, "precision": p, "recall": r, "f1": f, "predicted": n_p, "gold": n_g})
    return Evaluation(pd.DataFrame(rows), pd.DataFrame(krows), errors)


def _brief(r: dict) -> dict:
    return {"kind": r["kind"], "content": r["content"], "speaker": r.get("speaker"), "start": r["start"]}


def evaluate(corpus, gold_dir=None, actors=None) -> Evaluation:
    """Run extraction over ``corpus`` and score it against ``gold_dir`` (default ``<corpus>/gold``)."""
    from ..run.analysis import analyze

    corpus = Path(corpus)
    gold = load_gold(gold_dir or corpus / "gold")
    if not gold:
        from ..exceptions import CorpusError

        raise CorpusError("no gold annotations found (expected <article id>.jsonl files)",
                          file=str(gold_dir or corpus / "gold"))
    result = analyze(corpus, actors=actors)
    pred: dict[str, list[dict]] = {}
    for rec in result.quotes.to_dict("records"):
        if rec["article_id"] in gold:
            pred.setdefault(rec["article_id"], []).append(rec)
    return evaluate_records(pred, {k: v for k, v in gold.items()})

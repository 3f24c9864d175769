"""Turn a hand-written gold spec (strings) into gold JSONL (offsets).

Annotators write what they see; this script finds the offsets, so nobody counts characters by hand.

    python scripts/gold_locate.py SPEC.yaml ARTICLE.md OUT.jsonl [--show]

SPEC.yaml is a list of records with the fields of docs/gold-format.md, minus the offsets:

    - id: 1
      kind: direct
      content: "We will not sign a paper that rewards aggression,"
      cue: said
      cue_lemma: say
      speaker_mention: Tomas Ek
      speaker: Tomas Ek
      speaker_type: person
      named: true
      party: Estland

`content` must occur once in the body (else add `occurrence: N`, 1-based). The cue and the speaker
mention are taken at their occurrence nearest to the content (cue) and to the cue (speaker); override
with `cue_occurrence` / `speaker_occurrence` when nearest is wrong. `--show` prints every record in
context, with the located spans in [brackets], so the annotator can check each one.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

FIELDS = [
    "id", "kind", "content", "start", "end", "cue", "cue_start", "cue_end", "cue_lemma",
    "speaker_mention", "speaker_start", "speaker_end", "speaker", "speaker_type", "named", "party",
]


def body_of(path: Path) -> str:
    """The article body as the reader sees it (front matter removed; a .txt file is read whole, its title
    line included, so offsets index the file)."""
    text = path.read_bytes().decode("utf-8-sig")
    if text.startswith("---\n") or text.startswith("---\r\n"):
        m = re.search(r"^---[ \t]*\r?\n", text[3:], flags=re.M)
        if not m:
            raise SystemExit(f"{path}: front matter is not closed")
        return text[3 + m.end():]
    return text


def occurrences(body: str, needle: str, word: bool) -> list[int]:
    pat = re.escape(needle)
    if word:
        pat = r"(?<!\w)" + pat + r"(?!\w)"
    return [m.start() for m in re.finditer(pat, body)]


def pick(body: str, needle: str, anchor: int, which: int | None, what: str, word: bool = True) -> int:
    found = occurrences(body, needle, word)
    if not found:
        raise SystemExit(f"{what} {needle!r} not found")
    if which is not None:
        return found[which - 1]
    return min(found, key=lambda i: abs(i - anchor))


def locate(spec: list[dict], body: str) -> list[dict]:
    out = []
    for rec in spec:
        content = rec["content"]
        found = occurrences(body, content, word=False)
        if not found:
            raise SystemExit(f"record {rec.get('id')}: content not found: {content[:60]!r}")
        if len(found) > 1 and "occurrence" not in rec:
            raise SystemExit(f"record {rec.get('id')}: content occurs {len(found)} times; add occurrence")
        start = found[rec.get("occurrence", 1) - 1]
        row = dict(rec)
        row.pop("occurrence", None)
        row.update(start=start, end=start + len(content))
        for key in ("cue", "speaker"):
            text_key = "cue" if key == "cue" else "speaker_mention"
            needle = rec.get(text_key)
            occ = row.pop(f"{key}_occurrence", None)
            if needle is None:
                row[f"{key}_start"] = row[f"{key}_end"] = None
                continue
            anchor = start if key == "cue" else row["cue_start"] if row.get("cue_start") is not None else start
            i = pick(body, needle, anchor, occ, f"record {rec.get('id')}: {text_key}")
            row[f"{key}_start"], row[f"{key}_end"] = i, i + len(needle)
        row.setdefault("cue_lemma", None)
        row.setdefault("party", None)
        out.append({k: row.get(k) for k in FIELDS})
    return out


def show(records: list[dict], body: str) -> None:
    for r in records:
        spans = [(r["start"], r["end"], "C")]
        if r["cue_start"] is not None:
            spans.append((r["cue_start"], r["cue_end"], "V"))
        if r["speaker_start"] is not None:
            spans.append((r["speaker_start"], r["speaker_end"], "S"))
        lo = max(0, min(s for s, _, _ in spans) - 40)
        hi = max(e for _, e, _ in spans) + 40
        marks = {}
        for s, e, tag in spans:
            marks.setdefault(s, []).append(f"[{tag}:")
            marks.setdefault(e, []).insert(0, "]")
        text = "".join("".join(marks.get(i, [])) + body[i] for i in range(lo, min(hi, len(body))))
        print(f"#{r['id']} {r['kind']} speaker={r['speaker']} party={r['party']}\n  {text!r}\n")


def main(argv: list[str]) -> None:
    spec_path, article, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    body = body_of(article)
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8")) or []
    records = locate(spec, body)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    if "--show" in argv:
        show(records, body)
    print(f"{out}: {len(records)} records")


if __name__ == "__main__":
    main(sys.argv[1:])

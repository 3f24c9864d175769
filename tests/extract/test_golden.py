"""The golden tables of attribution cases (every ``tests/golden/*.yaml``, read in sorted file order), one
test per case.

Case names are unique across all files (they are the test ids). The well-formedness test checks every
file on its own: each table holds at least 40 cases, and every expected content occurs in its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framing import extract_quotes

GOLDEN = Path(__file__).parents[1] / "golden"
TABLES = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) or [] for p in sorted(GOLDEN.glob("*.yaml"))}
CASES = [c for table in TABLES.values() for c in table]


def _key(kind, content, cue, speaker):
    return (kind, content, cue, (speaker or "").lower())


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c["name"], marks=[pytest.mark.xfail(strict=True, reason=c["known_failure"])]
                  if c.get("known_failure") else []) for c in CASES],
)
def test_golden_case(case):
    text = case["text"]
    excluded = [tuple(x) for x in case.get("excluded", [])]
    found = extract_quotes(text, excluded=excluded)
    got = sorted(_key(q.kind, q.content, q.cue, q.speaker) for q in found)
    want = sorted(_key(e["kind"], e["content"], e.get("cue"), e["speaker"]) for e in case["expected"])
    assert got == want
    for q in found:
        assert text[q.start:q.end] == q.content
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention


def test_golden_table_is_well_formed():
    assert "attributions.yaml" in TABLES
    all_names = [c["name"] for c in CASES]
    assert len(all_names) == len(set(all_names)), sorted({n for n in all_names if all_names.count(n) > 1})
    for file, table in TABLES.items():
        names = [c["name"] for c in table]
        assert len(names) >= 40, (file, len(names))
        for c in table:
            for e in c["expected"]:
                assert e["content"] in c["text"], (file, c["name"], e["content"])
                assert e["kind"] in {"direct", "indirect", "mixed", "according_to"}, (file, c["name"])

"""The golden table of attribution cases (tests/golden/attributions.yaml), one test per case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framing import extract_quotes

CASES = yaml.safe_load((Path(__file__).parents[1] / "golden" / "attributions.yaml").read_text(encoding="utf-8"))


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
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) >= 40
    for c in CASES:
        for e in c["expected"]:
            assert e["content"] in c["text"], (c["name"], e["content"])
            assert e["kind"] in {"direct", "indirect", "mixed", "according_to"}

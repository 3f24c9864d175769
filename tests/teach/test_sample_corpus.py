"""The bundled sample corpus: gold annotations are consistent with the text, the JSONL contract holds,
and extraction quality on it stays above the documented targets."""

from __future__ import annotations

import json

import pytest

from framing.read.corpus import iter_articles
from framing.teach.evaluate import evaluate, load_gold

GOLD_FIELDS = {"id", "kind", "content", "start", "end", "cue", "cue_start", "cue_end", "cue_lemma",
               "speaker_mention", "speaker_start", "speaker_end", "speaker", "speaker_type", "named", "party"}


@pytest.fixture(scope="module")
def articles(sample_dir):
    return {a.id: a for a in iter_articles(sample_dir)}


@pytest.fixture(scope="module")
def gold(sample_dir):
    return load_gold(sample_dir / "gold")


def test_sample_has_three_outlets_and_eighteen_articles(articles):
    assert len(articles) == 18
    assert {a.outlet for a in articles.values()} == {
        "The Northgate Herald", "The Eastport Monitor", "Continental Wire Service"}
    for a in articles.values():
        assert 500 <= a.words <= 900, (a.id, a.words)


def test_every_article_has_gold_and_every_offset_matches(articles, gold):
    assert set(gold) == set(articles)
    for aid, records in gold.items():
        body = articles[aid].text
        ids = [r["id"] for r in records]
        assert ids == sorted(ids), aid
        for r in records:
            assert set(r) == GOLD_FIELDS, (aid, r)
            assert body[r["start"]:r["end"]] == r["content"], (aid, r["id"])
            if r["cue_start"] is not None:
                assert body[r["cue_start"]:r["cue_end"]] == r["cue"], (aid, r["id"])
            if r["speaker_start"] is not None:
                assert body[r["speaker_start"]:r["speaker_end"]] == r["speaker_mention"], (aid, r["id"])
            assert r["kind"] in {"direct", "indirect", "mixed", "according_to"}
            assert r["speaker_type"] in {"person", "anonymous", "collective", "organisation", "country"}
            assert r["named"] == (r["speaker_type"] == "person"), (aid, r["id"])
            assert not articles[aid].is_excluded(r["start"], r["end"]), (aid, r["id"])


def test_gold_covers_every_attribution_form(gold):
    records = [r for rs in gold.values() for r in rs]
    kinds = {r["kind"] for r in records}
    assert kinds == {"direct", "indirect", "mixed", "according_to"}
    lemmas = {r["cue_lemma"] for r in records if r["cue_lemma"]}
    for verb in ("say", "tell", "claim", "insist", "accuse", "deny", "admit", "warn", "vow", "urge"):
        assert verb in lemmas, verb
    assert any(r["cue"] is None for r in records)  # continuation paragraphs
    assert {r["speaker_type"] for r in records} == {"person", "anonymous", "collective", "organisation", "country"}


def test_jsonl_contract_on_the_sample(sample_dir, articles, capsys):
    from framing.cli import main

    assert main(["quotes", str(sample_dir), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 300
    required = {"article_id", "kind", "content", "start", "end", "cue", "cue_start", "cue_end", "cue_lemma",
                "cue_category", "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type",
                "named", "party", "sentiment"}
    for line in lines:
        rec = json.loads(line)
        assert required <= set(rec)
        body = articles[rec["article_id"]].text
        assert body[rec["start"]:rec["end"]] == rec["content"]
        if rec["cue_start"] is not None:
            assert body[rec["cue_start"]:rec["cue_end"]] == rec["cue"]
        if rec["speaker_start"] is not None:
            assert body[rec["speaker_start"]:rec["speaker_end"]] == rec["speaker_mention"]
        assert rec["kind"] in {"direct", "indirect", "mixed", "according_to"}
        assert -1 <= rec["sentiment"] <= 1


def test_extraction_meets_the_sample_targets(sample_dir):
    ev = evaluate(sample_dir)
    assert ev.score("content") >= 0.97
    assert ev.score("content+speaker") >= 0.95
    assert ev.score("cue") >= 0.93

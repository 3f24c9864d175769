"""Property-based tests of extraction on random text and on mutated sample articles: it never raises,
every offset points at exactly the text it reports, nothing comes from excluded spans, results are
deterministic, and analysing a corpus in parts gives the same tables as analysing it whole.

Runs are derandomized (the same examples every run, no example database), so a failure here is
reproducible and not a fluke of the seed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import analyze, extract_quotes
from framing.extract.attribute import MASK
from framing.label.parties import load_actors
from framing.read.boilerplate import Span, find_boilerplate
from framing.read.corpus import Article, iter_articles

PROPS = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SAMPLE_ROOT = Path(__file__).resolve().parents[2] / "corpus" / "sample"
SAMPLE = list(iter_articles(SAMPLE_ROOT))
TEXTS = [a.text for a in SAMPLE]

# characters and snippets that stress quotation, sentence and speaker logic
PIECES = list("“”„«»‘’‚‹›\"' \t\n\r\u00a0\u200b\u00ad\ufeff.,;:!?—–-()") + list("aAéZ0") + [
    "\n\n", "\r\n", " said ", " told ", "according to ", "'s claim that ", " that ", "He ", "She said",
    "Ana Berg", "the official", "“We will", "stay,” ", "By Jane Doe\n", "Read more: x\n", "U.S. ",
    " who ", ", saying ", "Mr. ", ": “", "”.",
]


def piece_text(max_pieces: int = 120):
    return st.lists(st.sampled_from(PIECES), max_size=max_pieces).map("".join)


@st.composite
def mutated_article(draw):
    """A sample article with characters inserted/deleted, quote marks added/removed, paragraphs shuffled."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["insert", "delete", "add_mark", "drop_mark", "shuffle"]))
        pos = draw(st.integers(0, len(text)))
        if op == "insert":
            text = text[:pos] + draw(st.sampled_from(PIECES)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif op == "add_mark":
            text = text[:pos] + draw(st.sampled_from("“”\"‘’«»")) + text[pos:]
        elif op == "drop_mark":
            marks = [i for i, c in enumerate(text) if c in "“”\"‘’«»"]
            if marks:
                i = marks[draw(st.integers(0, len(marks) - 1))]
                text = text[:i] + text[i + 1:]
        else:
            paras = text.split("\n\n")
            random.Random(draw(st.integers(0, 2**16))).shuffle(paras)
            text = "\n\n".join(paras)
    return text


any_text = st.one_of(mutated_article(), piece_text(), st.text(max_size=300))


def check_quotes(text: str, excluded) -> list:
    """extract_quotes(text) with every per-record invariant asserted; returns the records as dicts."""
    quotes = extract_quotes(text, excluded)
    spans = [(s.start, s.end) for s in excluded]
    out = []
    for q in quotes:
        d = q.to_dict()
        for field, start, end in (("content", "start", "end"), ("cue", "cue_start", "cue_end"),
                                  ("speaker_mention", "speaker_start", "speaker_end")):
            s, e, value = d[start], d[end], d[field]
            if field != "content" and value is None:
                assert s is None and e is None, d
                continue
            assert 0 <= s <= e <= len(text), d
            assert text[s:e] == value, (field, d)
            assert not any(xs < e and s < xe for xs, xe in spans), (field, d, spans)
        if MASK not in text:  # the extractor's internal mask must never leak into output
            leaked = [k for k, v in d.items() if isinstance(v, str) and MASK in v]
            assert leaked == [], d
        out.append(d)
    return out


@PROPS
@given(any_text)
def test_extract_quotes_invariants_with_boilerplate_spans(text):
    first = check_quotes(text, tuple(find_boilerplate(text)))
    assert check_quotes(text, tuple(find_boilerplate(text))) == first  # deterministic


@PROPS
@given(mutated_article(), st.lists(st.tuples(st.floats(0, 1), st.integers(1, 300)), min_size=1, max_size=5))
def test_extract_quotes_respects_arbitrary_excluded_spans(text, cuts):
    excluded = tuple(sorted((Span(int(f * len(text)), min(len(text), int(f * len(text)) + n), "x")
                             for f, n in cuts), key=lambda s: s.start))
    check_quotes(text, excluded)


@PROPS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extract_quotes_on_arbitrary_unicode(text):
    check_quotes(text, ())


def test_invariant_checker_catches_a_wrong_offset(monkeypatch):
    """The checker itself can fail: shift every start by one and it must object."""
    real = extract_quotes

    def shifted(text, excluded=(), verbs=None):
        qs = real(text, excluded, verbs)
        for q in qs:
            q.start += 1
        return qs

    monkeypatch.setattr(sys.modules[__name__], "extract_quotes", shifted)
    with pytest.raises(AssertionError):
        check_quotes("“We will stay,” said Ana Berg.", ())


def test_no_mask_characters_in_speaker_descriptors():
    text = "“We stay,” said Ana Berg, a “moderate” voice in the cabinet."
    (q,) = extract_quotes(text)
    assert MASK not in q.speaker_descriptor and q.speaker_descriptor.endswith(" voice in the cabinet.")
    leaks = [(a.id, q.content) for a in SAMPLE for q in extract_quotes(a.text, a.excluded)
             if MASK in (q.speaker_descriptor or "")]
    assert leaks == []


# --------------------------------------------------------------------------------- parts == whole

ACTORS = load_actors(SAMPLE_ROOT / "actors.yaml")


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if not isinstance(v, (list, dict)) and pd.isna(v) else v) for k, v in r.items()}
            for r in df.astype(object).to_dict("records")]


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutated_article(), min_size=2, max_size=6), st.lists(st.integers(0, 6), max_size=3))
def test_analysing_parts_separately_equals_analysing_the_whole(texts, cuts):
    arts = [Article(id=f"o/{i}", outlet="O" if i % 2 else "P", text=t, excluded=tuple(find_boilerplate(t)))
            for i, t in enumerate(texts)]
    whole = analyze(arts, actors=ACTORS, progress=False)
    bounds = sorted({0, len(arts), *(min(c, len(arts)) for c in cuts)})
    parts = [analyze(arts[a:b], actors=ACTORS, progress=False) for a, b in zip(bounds, bounds[1:])]
    for table in ("quotes", "mentions", "articles"):
        joined = [r for p in parts for r in records(getattr(p, table))]
        assert joined == records(getattr(whole, table)), table
    assert whole.errors.empty


def test_parts_equal_whole_on_the_sample_corpus():
    whole = analyze(SAMPLE, actors=ACTORS, progress=False)
    halves = [analyze(SAMPLE[:7], actors=ACTORS, progress=False),
              analyze(SAMPLE[7:], actors=ACTORS, progress=False)]
    assert [r for h in halves for r in records(h.quotes)] == records(whole.quotes)
    assert len(whole.quotes) > 300 and whole.errors.empty

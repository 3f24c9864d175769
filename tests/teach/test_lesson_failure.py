"""Lesson 3 shows one real failure of the machine on purpose: what an anonymous Valdorian official admitted in
eastport-monitor/01-talks-open, whose speaker is cut off from the verb by a long relative clause ("who spoke on
condition of anonymity because he was not authorised to brief the media").

If the extractor learns to find it, these tests fail on purpose: the lesson would then explain a miss that
no longer happens. What to do is in FIX_THE_LESSON below."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT

import framing
from framing.teach.evaluate import evaluate

ARTICLE = "eastport-monitor/01-talks-open"
QUOTE = "the army’s winter push had stalled and that Valdoria needed “a pause to regroup”"
LESSON = ROOT / "notebooks" / "lessons" / "03-sentiment-limits-and-checking-the-machine.ipynb"
FIX_THE_LESSON = (
    "The extractor now finds a speaker behind a long relative clause (the anonymous Valdorian official who "
    "'admitted that …' in eastport-monitor/01-talks-open). Lesson 3's section 'One failure, on purpose' "
    f"({LESSON.relative_to(ROOT)}) explains that miss and would now be wrong: pick another miss or wrong speaker "
    "with a structural cause from `framing evaluate corpus/sample --errors`, rewrite that section and its "
    "two code cells (FAILURE article, the one-paragraph demonstration), and update ARTICLE, QUOTE and the "
    "demonstration texts in tests/teach/test_lesson_failure.py and tests/teach/test_notebooks.py.")


@pytest.fixture(scope="module")
def errors(sample_dir):
    return evaluate(sample_dir).errors


def test_the_lesson_failure_is_still_a_miss_of_the_machine(errors):
    missed = [e for e in errors if e["error"] == "missed" and e["article_id"] == ARTICLE]
    assert any(e["content"] == QUOTE and e["speaker"] == "Valdorian official" and e["kind"] == "mixed"
               for e in missed), FIX_THE_LESSON


def test_its_cause_is_the_clause_between_speaker_and_verb():
    long = ("A Valdorian official who spoke on condition of anonymity because he was not authorised to brief "
            "the media admitted that the army's winter push had stalled.")
    assert framing.extract_quotes(long) == [], FIX_THE_LESSON
    short = long.replace(" because he was not authorised to brief the media", "")
    found = [(q.kind, q.speaker, q.content) for q in framing.extract_quotes(short)]
    assert found == [("indirect", "Valdorian official", "the army's winter push had stalled")]  # short: found


def test_the_lesson_points_at_this_failure(sample_dir):
    nb = nbformat.read(str(LESSON), as_version=4)
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "One failure, on purpose" in markdown and f"*{ARTICLE}*" in markdown
    assert "A Valdorian official who spoke on condition of anonymity" in markdown and "*admitted*" in markdown
    assert f'FAILURE = "{ARTICLE}"' in code and "compare_with_gold(a, FAILURE)" in code
    text = (sample_dir / f"{ARTICLE}.md").read_text(encoding="utf-8")
    assert ("official who spoke on condition of anonymity because he was not authorised to brief the media "
            "admitted that") in text  # the corpus still says it this way

"""Lesson 3 shows one real failure of the machine on purpose: Adebanjo's quotation in
eastport-monitor/01-talks-open, whose cue ("He told reporters:") ends the paragraph before it.

If the extractor learns to find it, these tests fail on purpose: the lesson would then explain a miss that
no longer happens. What to do is in FIX_THE_LESSON below."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT

import framing
from framing.teach.evaluate import evaluate

ARTICLE = "eastport-monitor/01-talks-open"
QUOTE = ("I have sat in many rooms like this one. The first day is always the easiest day. "
         "Tomorrow we begin the real work.")
LESSON = ROOT / "notebooks" / "lessons" / "03-sentiment-limits-and-checking-the-machine.ipynb"
FIX_THE_LESSON = (
    "The extractor now finds a quotation whose colon cue ends the paragraph before it (Adebanjo's 'He told "
    "reporters:' in eastport-monitor/01-talks-open). Lesson 3's section 'One failure, on purpose' "
    f"({LESSON.relative_to(ROOT)}) explains that miss and would now be wrong: pick another miss or wrong speaker "
    "with a structural cause from `framing evaluate corpus/sample --errors`, rewrite that section and its "
    "two code cells (FAILURE article, the one-paragraph demonstration), and update ARTICLE, QUOTE and the "
    "demonstration texts in tests/teach/test_lesson_failure.py and tests/teach/test_notebooks.py.")


@pytest.fixture(scope="module")
def errors(sample_dir):
    return evaluate(sample_dir).errors


def test_the_lesson_failure_is_still_a_miss_of_the_machine(errors):
    missed = [e for e in errors if e["error"] == "missed" and e["article_id"] == ARTICLE]
    assert any(e["content"] == QUOTE and e["speaker"] == "Cyril Adebanjo" and e["kind"] == "direct"
               for e in missed), FIX_THE_LESSON


def test_its_cause_is_the_paragraph_break_after_the_colon():
    split = "Adebanjo told reporters:\n\n“Tomorrow we begin the real work.”"
    assert framing.extract_quotes(split) == [], FIX_THE_LESSON
    joined = [(q.kind, q.speaker, q.content) for q in framing.extract_quotes(split.replace(":\n\n", ": "))]
    assert joined == [("direct", "Adebanjo", "Tomorrow we begin the real work.")]  # one paragraph: found


def test_the_lesson_points_at_this_failure(sample_dir):
    nb = nbformat.read(str(LESSON), as_version=4)
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "One failure, on purpose" in markdown and f"*{ARTICLE}*" in markdown
    assert "I have sat in many rooms like this one." in markdown and "*He told reporters:*" in markdown
    assert f'FAILURE = "{ARTICLE}"' in code and "compare_with_gold(a, FAILURE)" in code
    text = (sample_dir / f"{ARTICLE}.md").read_text(encoding="utf-8")
    assert "He told reporters:\n\n“I have sat in many rooms" in text  # the corpus still splits it this way

"""Exercise checks for the teaching notebooks (``notebooks/lessons``): answers are compared to values
computed from the corpus at check time, never to stored numbers, so they follow the data and the code.

>>> check = Checker("corpus/sample")                       # doctest: +SKIP
>>> check("1.1", None)                                      # doctest: +SKIP
1.1 not answered yet: set answer_1_1 above, run its cell, then run this one again.
>>> check("1.1", "distancing").status                       # doctest: +SKIP
'correct'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

__all__ = ["CORRECT", "NOT_ANSWERED", "NOT_CORRECT", "QUESTIONS", "CheckResult", "Checker", "LessonData",
           "Question", "normalize_text"]

CORRECT, NOT_CORRECT, NOT_ANSWERED = "correct", "not correct", "not answered yet"


class LessonData:
    """The corpus-derived tables the questions are computed from (each built once, when first needed)."""

    def __init__(self, corpus, analysis=None):
        self.corpus = str(corpus)
        self._analysis = analysis

    @cached_property
    def analysis(self):
        """The given analysis, or ``framing.analyze(corpus)``."""
        if self._analysis is not None:
            return self._analysis
        from ..run.analysis import analyze

        return analyze(self.corpus)

    @cached_property
    def attributions(self) -> pd.DataFrame:
        from ..measure.metrics import attributions

        return attributions(self.analysis.quotes)

    @cached_property
    def parties_by_outlet(self) -> pd.DataFrame:
        return self.analysis.parties_by("outlet")

    @cached_property
    def evaluation(self):
        """framing.evaluate on the same analysis (gold in ``<corpus>/gold``)."""
        from .evaluate import evaluate_records, load_gold

        gold = load_gold(Path(self.corpus) / "gold")
        pred: dict[str, list[dict]] = {}
        for rec in self.analysis.quotes.to_dict("records"):
            if rec["article_id"] in gold:
                pred.setdefault(rec["article_id"], []).append(rec)
        return evaluate_records(pred, gold)

    def party_value(self, outlet: str, party: str, column: str) -> float:
        t = self.parties_by_outlet
        row = t[(t["outlet"] == outlet) & (t["party"] == party)]
        if row.empty:
            raise KeyError(f"no row for {party!r} in {outlet!r}")
        return float(row[column].iloc[0])


@dataclass(frozen=True)
class Question:
    """One exercise: ``kind`` is "number" (within ``tolerance``), "integer", "text" or "set" (of texts)."""

    id: str
    prompt: str
    kind: str
    compute: Callable[[LessonData], object]
    tolerance: float = 0.006
    hint: str = ""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check; shows as its message in a notebook. ``status`` is one of "correct",
    "not correct", "not answered yet"."""

    question: str
    status: str
    message: str

    @property
    def ok(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__


def normalize_text(value) -> str:
    """Comparison key for text answers: lowercase, leading "the" dropped, letters and digits only.

    >>> normalize_text("The Northgate Herald") == normalize_text("northgate-herald")
    True
    """
    text = str(value).strip().casefold()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


# ------------------------------------------------------------------------------------- questions
def _verb_category(word: str) -> str:
    from ..lexicon import load_verbs

    return load_verbs().lookup(word).category


def _evenness(counts: list[int]) -> float:
    from ..measure.balance import shannon_evenness

    return shannon_evenness(counts)


def _n_attributions(d: LessonData, article_id: str) -> int:
    return int((d.attributions["article_id"] == article_id).sum())


def _ratio(d: LessonData, outlet: str, party: str, category: str) -> float:
    from ..measure.metrics import relative_to_said

    r = relative_to_said(d.analysis.quotes, by="outlet")
    row = r[(r["outlet"] == outlet) & (r["party"] == party) & (r["category"] == category)]
    return float(row["ratio"].iloc[0])


def _top_outlet_distancing(d: LessonData, party: str) -> str:
    from ..measure.metrics import relative_to_said

    r = relative_to_said(d.analysis.quotes, by="outlet")
    r = r[(r["party"] == party) & (r["category"] == "distancing")]
    return str(r.sort_values("ratio", ascending=False)["outlet"].iloc[0])


def _disparity(d: LessonData, outlet: str, a: str, b: str) -> float:
    from ..measure.balance import disparity_table

    t = disparity_table(d.analysis.quotes, a, b, by="outlet")
    return float(t[t["outlet"] == outlet]["disparity"].iloc[0])


def _first_count(d: LessonData, outlet: str, party: str) -> int:
    from ..measure.metrics import first_last

    t = first_last(d.analysis.quotes, by="outlet")
    row = t[(t["outlet"] == outlet) & (t["party"] == party)]
    return int(row["first"].iloc[0]) if len(row) else 0


def _most_even(d: LessonData, parties: list[str]) -> str:
    from ..measure.balance import balance_table

    t = balance_table(d.analysis.quotes, by="outlet", parties=parties)
    return str(t.sort_values("entropy", ascending=False)["outlet"].iloc[0])


def _vader_known(words: Iterable[str]) -> set[str]:
    from ..label.sentiment import Sentiment

    lex = Sentiment().lexicon
    return {w for w in words if w.lower() in lex}


def _masked_example() -> float:
    from ..label.sentiment import Sentiment, score_quote

    text = MASK_EXAMPLE
    start = text.index("denied")
    return score_quote(Sentiment(), text, 0, len(text), cue_spans=[(start, start + len("denied"))])


def _zero_share(d: LessonData) -> float:
    s = pd.to_numeric(d.attributions["sentiment"], errors="coerce")
    return float((s == 0).mean())


def _lowest_recall_kind(d: LessonData) -> str:
    k = d.evaluation.by_kind
    return str(k.sort_values(["recall", "kind"])["kind"].iloc[0])


KELLERFORD = "northgate-herald/02-kellerford-shelling"
HERALD, MONITOR, WIRE = "The Northgate Herald", "The Eastport Monitor", "Continental Wire Service"
VADER_WORDS = ("ceasefire", "massacre", "killed", "peace", "shelling", "war")
MASK_EXAMPLE = "The ministry denied that the convoy was attacked."

QUESTIONS: dict[str, Question] = {q.id: q for q in [
    # lesson 1: attribution verbs and stance
    Question("1.1", 'Which verb category does the lexicon give to "alleged"?', "text",
             lambda d: _verb_category("alleged"),
             hint='set WORD = "alleged" in the cell below the question and run it'),
    Question("1.2", f"How many attributions (not fragments) does framing find in {KELLERFORD}?", "integer",
             lambda d: _n_attributions(d, KELLERFORD),
             hint="the cell above the answer prints fragments and attributions; give the attributions"),
    Question("1.3", f"In {HERALD}, what share of Estland's attributions use a distancing verb?", "number",
             lambda d: d.party_value(HERALD, "Estland", "distancing_rate"),
             hint="a.parties_by('outlet'), column distancing_rate; give a share between 0 and 1"),
    Question("1.4", f"In {MONITOR}, how many insistent verbs does Valdoria get per neutral verb?", "number",
             lambda d: _ratio(d, MONITOR, "Valdoria", "insistent"),
             hint="framing.relative_to_said(a.quotes, by='outlet')"),
    Question("1.5", "Which outlet uses distancing verbs for Estland most often, relative to 'said'?", "text",
             lambda d: _top_outlet_distancing(d, "Estland"), hint="compare the distancing ratio per outlet"),
    # lesson 2: source balance and the first word (numbered in the order the notebook asks them)
    Question("2.1", f"What is Valdoria's share of voice in {HERALD}?", "number",
             lambda d: d.party_value(HERALD, "Valdoria", "share_of_voice"),
             hint="a share between 0 and 1, in the table a.parties_by('outlet'), column share_of_voice"),
    Question("2.2", "By hand: the evenness J of quote counts [5, 3] (two parties)?", "number",
             lambda d: _evenness([5, 3]),
             hint="set counts = [5, 3] in the cell above the answer; J = -(sum p ln p) / ln 2"),
    Question("2.3", f"What is the disparity (Valdoria vs Estland, by attributions) in {HERALD}?", "number",
             lambda d: _disparity(d, HERALD, "Valdoria", "Estland"),
             hint="(n_Valdoria - n_Estland) / (n_Valdoria + n_Estland), column disparity of the table"),
    Question("2.4", "Which outlet shares attributions most evenly between Valdoria and Estland?", "text",
             lambda d: _most_even(d, ["Valdoria", "Estland"]),
             hint="the highest entropy in framing.balance_table(a.quotes, by='outlet', "
                  "parties=['Valdoria', 'Estland'])"),
    Question("2.5", f"In how many articles of {MONITOR} is the first party-attributed quote Estland's?",
             "integer", lambda d: _first_count(d, MONITOR, "Estland"),
             hint="column first of framing.first_last(a.quotes, by='outlet')"),
    # lesson 3: sentiment limits and checking the machine
    Question("3.1", f"Which of these words are in VADER's lexicon: {', '.join(VADER_WORDS)}?", "set",
             lambda d: _vader_known(VADER_WORDS),
             hint="set WORD in the cell above the answer to each word in turn; unknown words have no rating"),
    Question("3.2", f'VADER score of "{MASK_EXAMPLE}" with the cue "denied" masked (two decimals)?',
             "number", lambda d: _masked_example(),
             hint="set MASK = True in the cell above the answer: score_quote(s, text, 0, len(text), "
                  "cue_spans=[cue])"),
    Question("3.3", "What share of the corpus's attributions get a sentiment of exactly 0?", "number",
             _zero_share, hint="the cell above the exercise prints it; a share between 0 and 1"),
    Question("3.4", "What is the recall of content extraction against the gold annotations?", "number",
             lambda d: d.evaluation.score("content", "recall"), hint="framing.evaluate(CORPUS).scores"),
    Question("3.5", "Which attribution kind has the lowest recall?", "text", _lowest_recall_kind,
             hint="the by_kind table of the evaluation"),
]}


# ----------------------------------------------------------------------------------------- checks
def _answered(answer) -> bool:
    if answer is None or answer is Ellipsis:
        return False
    if isinstance(answer, str):
        return bool(answer.strip())
    if isinstance(answer, float):
        return not math.isnan(answer)
    return True


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(q: Question, answer, expected) -> tuple[bool, str]:
    """(is it right, a hint about what is wrong) without revealing the expected value."""
    if q.kind in ("number", "integer"):
        got = _number(answer)
        if got is None:
            return False, f"expected a number, got {type(answer).__name__} {answer!r}"
        exp = float(expected)
        if q.kind == "integer":
            ok = got == exp
        else:
            ok = abs(got - exp) <= q.tolerance
        if ok:
            return True, ""
        if q.kind == "number" and 0 <= exp <= 1 < got <= 100 and abs(got / 100 - exp) <= q.tolerance:
            return False, "give it as a share between 0 and 1, not a percentage"
        return False, "too high" if got > exp else "too low"
    if q.kind == "set":
        if isinstance(answer, str):
            answer = [a for a in re.split(r"[,\s]+", answer) if a]
        try:
            got = {normalize_text(a) for a in answer}
        except TypeError:
            return False, "expected a list of words"
        exp_set = {normalize_text(e) for e in expected}
        if got == exp_set:
            return True, ""
        extra, missing = len(got - exp_set), len(exp_set - got)
        return False, f"{extra} word(s) should not be there, {missing} missing"
    return normalize_text(answer) == normalize_text(expected), ""


class Checker:
    """Checks exercise answers against values computed from ``corpus``: ``check("1.3", answer_1_3)``.

    Pass the notebook's ``analysis`` of the same corpus to avoid running the pipeline twice.

    A missing answer (None, "", ...) gives "not answered yet", never an error, so notebooks run top to
    bottom before students fill anything in. ``expected(qid)`` and ``answer_key()`` are for instructors.
    """

    def __init__(self, corpus="corpus/sample", analysis=None, questions: dict[str, Question] | None = None):
        self.data = LessonData(corpus, analysis)
        self.questions = dict(QUESTIONS if questions is None else questions)

    def _question(self, qid: str) -> Question:
        try:
            return self.questions[str(qid)]
        except KeyError:
            raise KeyError(f"no question {qid!r}; questions: {', '.join(self.questions)}") from None

    def prompt(self, qid: str) -> str:
        return self._question(qid).prompt

    def expected(self, qid: str):
        """The right answer, computed from the corpus now."""
        return self._question(qid).compute(self.data)

    def check(self, qid: str, answer) -> CheckResult:
        """Compare ``answer`` with the computed value; the result displays as a one-line message."""
        q = self._question(qid)
        var = "answer_" + q.id.replace(".", "_")
        if not _answered(answer):
            return CheckResult(q.id, NOT_ANSWERED, f"{q.id} {NOT_ANSWERED}: set {var} above, run its cell, "
                                                   "then run this one again.")
        ok, why = _compare(q, answer, self.expected(q.id))
        if ok:
            return CheckResult(q.id, CORRECT, f"{q.id} correct. Well done.")
        hint = f" Hint: {q.hint}." if q.hint else ""
        why = why or "a different answer"
        return CheckResult(q.id, NOT_CORRECT, f"{q.id} not correct yet ({why}).{hint}")

    __call__ = check

    def answer_key(self, lesson: str | int | None = None) -> pd.DataFrame:
        """Question, prompt and computed answer of every question (of one lesson: ``answer_key(2)``)."""
        rows = [{"question": q.id, "prompt": q.prompt, "answer": self.expected(q.id)}
                for q in self.questions.values() if lesson is None or q.id.split(".")[0] == str(lesson)]
        return pd.DataFrame(rows, columns=["question", "prompt", "answer"])

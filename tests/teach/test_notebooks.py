"""The explore notebook and the lesson notebooks run top to bottom (papermill), and the lesson checks work.

The four notebooks are executed once per session, concurrently (each in its own kernel), into tmp files.
"""

from __future__ import annotations

import ast
import math
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import framing
from framing.teach.lessons import CORRECT, NOT_ANSWERED, NOT_CORRECT, QUESTIONS, Checker, normalize_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "sample"
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted((NOTEBOOKS / "lessons").glob("*.ipynb"))
EXPLORE_ARTICLE = "eastport-monitor/01-talks-open"
HERALD, MONITOR, WIRE = "The Northgate Herald", "The Eastport Monitor", "Continental Wire Service"


def _execute(path: Path, out_dir: Path, parameters: dict) -> nbformat.NotebookNode:
    import papermill as pm

    out = out_dir / path.name
    pm.execute_notebook(str(path), str(out), parameters=parameters, kernel_name="python3",
                        cwd=str(path.parent), progress_bar=False, log_output=False, execution_timeout=300)
    return nbformat.read(str(out), as_version=4)


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    pytest.importorskip("papermill")
    out_dir = tmp_path_factory.mktemp("notebooks")
    jobs = {"explore.ipynb": (NOTEBOOKS / "explore.ipynb",
                              {"CORPUS": str(SAMPLE), "ARTICLE_ID": EXPLORE_ARTICLE})}
    jobs.update({p.name: (p, {"CORPUS": str(SAMPLE)}) for p in LESSONS})
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {name: pool.submit(_execute, path, out_dir, params)
                   for name, (path, params) in jobs.items()}
        return {name: f.result() for name, f in futures.items()}


def _outputs(nb, mime: str) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and mime == "stream":
                out.append(o["text"])
            elif mime in o.get("data", {}):
                out.append(o["data"][mime])
    return out


def _errors(nb) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for c in nb.cells for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


# ------------------------------------------------------------------------------- notebook structure
@pytest.mark.parametrize("path", [NOTEBOOKS / "explore.ipynb", *LESSONS], ids=lambda p: p.name)
def test_parameters_cell_holds_plain_literals(path):
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    tree = ast.parse(tagged[0].source)
    assert tree.body
    assert all(isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) for s in tree.body)
    names = {t.id for s in tree.body for t in s.targets}
    assert "CORPUS" in names
    assert all(c.cell_type != "code" or not c.get("outputs") for c in nb.cells)  # committed without outputs


def test_three_lessons_cover_every_question_once():
    assert [p.name for p in LESSONS] == ["01-attribution-verbs-and-stance.ipynb",
                                         "02-source-balance-and-first-word.ipynb",
                                         "03-sentiment-limits-and-checking-the-machine.ipynb"]
    seen = []
    for i, path in enumerate(LESSONS, 1):
        nb = nbformat.read(str(path), as_version=4)
        source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        checks = re.findall(r'check\("(\d\.\d)", (answer_\d_\d)\)', source)
        assert checks and all(qid.startswith(f"{i}.") and var == "answer_" + qid.replace(".", "_")
                              for qid, var in checks)
        for _, var in checks:  # every answer variable defaults to None
            assert re.search(rf"^{var} = None\b", source, re.MULTILINE), var
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "Learning goals" in markdown and "$$" in markdown  # goals and displayed formulas
        assert [qid for qid, _ in checks] == sorted(qid for qid, _ in checks)  # asked in numbered order
        seen += [qid for qid, _ in checks]
    assert sorted(seen) == sorted(QUESTIONS)


# ------------------------------------------------------------------------------------ execution
def test_explore_notebook_runs_and_renders_statically(executed):
    nb = executed["explore.ipynb"]
    assert _errors(nb) == []
    html = "".join(_outputs(nb, "text/html"))
    assert '<mark class="fr-quote' in html and 'class="fr-excluded"' in html  # Eastport has boilerplate
    assert "Estland demands Valdorian pullback" in html  # the ARTICLE_ID parameter was used
    assert '<div class="fr-quotes-box" style="max-height:min(60vh,30em);overflow:auto;' in html  # scrolls in view
    assert '<table class="fr-quotes" style="table-layout:fixed;width:100%;' in html  # fits the panel's width
    if _outputs(nb, "application/vnd.jupyter.widget-view+json"):
        assert any("VBox" in t for t in _outputs(nb, "text/plain"))


@pytest.mark.parametrize("name", [p.name for p in LESSONS])
def test_lesson_runs_top_to_bottom(executed, name):
    nb = executed[name]
    assert _errors(nb) == []
    html = "".join(_outputs(nb, "text/html"))
    assert '<mark class="fr-quote' in html  # a highlighted article is shown
    texts = "\n".join(_outputs(nb, "text/plain"))
    lesson = name[1]
    ids = sorted(q for q in QUESTIONS if q.startswith(lesson + "."))
    for qid in ids:  # unanswered exercises: every check says so, none fails
        assert f"{qid} {NOT_ANSWERED}" in texts
    assert NOT_CORRECT not in texts


def _pixels(png_b64: str, hex_colour: str) -> int:
    """How many pixels of a base64 PNG have exactly this colour."""
    import base64
    import io

    from matplotlib.image import imread

    rgb = (np.asarray(imread(io.BytesIO(base64.b64decode(png_b64)), format="png"))[..., :3] * 255).round()
    want = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return int((rgb == want).all(axis=-1).sum())


def test_lesson_specific_outputs(executed, analysis):
    l1 = executed["01-attribution-verbs-and-stance.ipynb"]
    streams = "".join(_outputs(l1, "stream"))
    att = _att(analysis)
    kell = analysis.quotes[analysis.quotes["article_id"] == "northgate-herald/02-kellerford-shelling"]
    assert (f"northgate-herald/02-kellerford-shelling: {len(kell)} fragments (rows of a.quotes), "
            f"{int((att['article_id'] == 'northgate-herald/02-kellerford-shelling').sum())} attributions") in streams
    assert "claimed -> distancing" in streams
    stance = next(h for h in _outputs(l1, "text/html") if "<th>stance</th>" in h)
    assert "NaN" not in stance and "<td>—</td>" in stance and "<td>-2</td>" in stance and "<td>+0</td>" in stance
    l2 = executed["02-source-balance-and-first-word.ipynb"]
    assert "by hand: 0.8113   framing: 0.8113" in "".join(_outputs(l2, "stream"))
    assert "shares: [0.75, 0.25]   J by hand: 0.8113" in "".join(_outputs(l2, "stream"))
    (png,) = _outputs(l2, "image/png")
    assert _pixels(png, "#0173B2") > 500 and _pixels(png, "#DE8F05") > 500  # Valdoria blue, Estland orange
    assert _pixels(png, "#FF7F0E") == 0  # not matplotlib's default orange
    l3 = executed["03-sentiment-limits-and-checking-the-machine.ipynb"]
    streams = "".join(_outputs(l3, "stream"))
    assert "by hand: 0.34   VADER: 0.34" in streams
    assert "masked text: 'The ministry        that the convoy was attacked.'" in streams
    assert "content+speaker" in streams  # the evaluation table
    assert "bakery -> not in VADER's lexicon" in streams
    assert "cue kept: -0.7096" in streams  # "denied" and "attacked" both count; masked: -0.4588
    n_zero = int((pd.to_numeric(framing.attributions(analysis.quotes)["sentiment"]) == 0).sum())
    n_att = len(framing.attributions(analysis.quotes))
    assert f"{n_zero} of {n_att} attributions score exactly 0: a share of {n_zero / n_att:.3f}" in streams
    assert "long relative clause: nothing found" in streams
    assert ("short relative clause: [('indirect', 'Valdorian official', \"the army's winter push had stalled\")]"
            in streams)
    html = "".join(_outputs(l3, "text/html"))
    assert "gold (the annotator)" in html and "framing (the machine)" in html


# ---------------------------------------------------------------------------------------- checks
@pytest.fixture(scope="module")
def analysis():
    return framing.analyze(SAMPLE)


@pytest.fixture(scope="module")
def checker(analysis):
    return Checker(SAMPLE, analysis=analysis)


def _att(analysis) -> pd.DataFrame:
    """One row per attribution, computed here without framing.measure.metrics."""
    return analysis.quotes.drop_duplicates(["article_id", "attribution_id"])


def _count(att, outlet, party=None, category=None) -> int:
    m = att["outlet"] == outlet
    if party is not None:
        m &= att["party"] == party
    if category is not None:
        m &= att["cue_category"] == category
    return int(m.sum())


def _evenness(counts) -> float:
    p = np.asarray(counts, dtype=float) / sum(counts)
    return float(-(p * np.log(p)).sum() / math.log(len(counts)))


def right_answers(analysis) -> dict:
    """The answer to every question, computed independently of framing.teach.lessons."""
    att = _att(analysis)
    ev = framing.evaluate(SAMPLE)
    outlets = sorted(att["outlet"].unique())
    first = (att.dropna(subset=["party"]).sort_values(["start", "attribution_id"])
             .groupby("article_id").first())
    sent = pd.to_numeric(framing.attributions(analysis.quotes)["sentiment"])
    return {
        "1.1": "distancing",
        "1.2": int((att["article_id"] == "northgate-herald/02-kellerford-shelling").sum()),
        "1.3": _count(att, HERALD, "Estland", "distancing") / _count(att, HERALD, "Estland"),
        "1.4": _count(att, MONITOR, "Valdoria", "insistent") / _count(att, MONITOR, "Valdoria", "neutral"),
        "1.5": max(outlets, key=lambda o: _count(att, o, "Estland", "distancing")
                   / max(_count(att, o, "Estland", "neutral"), 1)),
        "2.1": _count(att, HERALD, "Valdoria") / _count(att, HERALD),
        "2.2": 0.9544,  # by hand: -(5/8 ln 5/8 + 3/8 ln 3/8) / ln 2 = (0.2938 + 0.3678) / 0.6931
        "2.3": (_count(att, HERALD, "Valdoria") - _count(att, HERALD, "Estland"))
        / (_count(att, HERALD, "Valdoria") + _count(att, HERALD, "Estland")),
        "2.4": max(outlets, key=lambda o: _evenness([_count(att, o, "Valdoria"), _count(att, o, "Estland")])),
        "2.5": int(((first["outlet"] == MONITOR) & (first["party"] == "Estland")).sum()),
        "3.1": ["killed", "peace", "war"],  # docs/sentiment.md: ceasefire, massacre, shelling are absent
        "3.2": -0.4588,  # docs/sentiment.md: "attacked" only
        "3.3": float((sent == 0).mean()),
        "3.4": ev.score("content", "recall"),
        "3.5": ev.by_kind.sort_values("recall")["kind"].iloc[0],
    }


def wrong(qid: str, right):
    q = QUESTIONS[qid]
    if q.kind == "integer":
        return right + 1
    if q.kind == "number":
        return right + 0.05
    if q.kind == "set":
        return right[:-1]
    return "neutral" if right != "neutral" else "distancing"


def test_every_check_accepts_the_right_answer_and_rejects_a_wrong_one(checker, analysis):
    answers = right_answers(analysis)
    assert set(answers) == set(QUESTIONS)
    for qid, right in answers.items():
        assert checker(qid, right).status == CORRECT, (qid, right, checker.expected(qid))
        result = checker(qid, wrong(qid, right))
        assert result.status == NOT_CORRECT and not result.ok, qid
        assert checker(qid, None).status == NOT_ANSWERED
        var = "answer_" + qid.replace(".", "_")
        assert repr(checker(qid, None)) == (f"{qid} not answered yet: set {var} above, run its cell, "
                                            "then run this one again.")


def test_hand_checked_values(checker):
    assert checker.expected("1.1") == "distancing"
    assert checker.expected("2.2") == pytest.approx(0.954434, abs=1e-6)
    assert checker.expected("3.1") == {"killed", "peace", "war"}
    assert checker.expected("3.2") == -0.4588
    # the framing built into the sample corpus (corpus/sample/README.md)
    assert checker.expected("1.5") == HERALD
    assert checker.expected("2.4") == WIRE
    assert checker.expected("2.1") > 0.4 and checker.expected("2.3") > 0.2
    assert checker.expected("1.3") > 0.15
    assert 0 < checker.expected("3.4") <= 1


def test_answer_forms(checker):
    right = checker.expected("2.1")
    assert checker("2.1", round(right, 2)).status == CORRECT  # two decimals are enough
    assert checker("2.1", str(round(right, 3))).status == CORRECT
    pct = checker("2.1", right * 100)
    assert pct.status == NOT_CORRECT and "not a percentage" in pct.message
    assert "too high" in checker("2.1", right + 0.1).message
    assert "too low" in checker("2.1", right - 0.1).message
    assert "expected a number" in checker("2.1", "Valdoria").message
    assert checker("2.1", True).status == NOT_CORRECT
    assert checker("1.5", "northgate-herald").status == CORRECT  # folder name or outlet name
    assert checker("1.5", "  the NORTHGATE herald ").status == CORRECT
    assert checker("3.1", "war, killed peace").status == CORRECT
    extra = checker("3.1", ["war", "killed", "peace", "truce"])
    assert extra.message.startswith("3.1 not correct yet (1 word(s) should not be there, 0 missing)")
    assert checker("1.2", float(checker.expected("1.2"))).status == CORRECT
    for empty in ("", "  ", float("nan"), ...):
        assert checker("1.1", empty).status == NOT_ANSWERED
    with pytest.raises(KeyError, match="no question '9.9'"):
        checker("9.9", 1)
    assert checker("3.2", -0.46).status == CORRECT  # the question asks for two decimals (-0.4588)
    assert checker("3.2", -0.47).status == NOT_CORRECT
    for qid, q in QUESTIONS.items():  # every number is accepted rounded to two decimals, as the lessons ask
        if q.kind == "number":
            assert checker(qid, round(checker.expected(qid), 2)).status == CORRECT, qid
    key = checker.answer_key(2)
    assert list(key["question"]) == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert len(checker.answer_key()) == len(QUESTIONS)


def test_normalize_text():
    assert normalize_text("The Eastport Monitor") == normalize_text("eastport_monitor") == "eastportmonitor"
    assert normalize_text("According_to") == normalize_text("according to")

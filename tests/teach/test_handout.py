"""Lessons for people without Python: formulas drawn into the page, one failing lesson recorded and the others
written, and no file the user wrote is replaced."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from framing.exceptions import FramingError
from framing.teach.handout import (
    MARKER,
    answer_key_markdown,
    export_lessons,
    math_html,
    prerender_math,
    write_new,
)


def _svg(img_html: str) -> str:
    return base64.b64decode(re.search(r"base64,([^\"]+)", img_html).group(1)).decode("utf-8")


def test_formulas_become_svg_images_and_money_stays_text():
    md = r"Share $s_p = \frac{n_p}{N}$ costs US$5 or \$3, and $$J = \frac{-\sum_p s_p \ln s_p}{\ln k}$$ ends."
    out = prerender_math(md)
    assert out.count('class="fr-math"') == 2 and "US$5 or \\$3" in out
    assert 'alt="s_p = \\frac{n_p}{N}"' in out and '<div class="fr-math-display"' in out
    assert "$" not in out.replace("US$5", "").replace("\\$3", "")
    assert math_html(r"\begin{aligned} a<b \end{aligned}") == (
        r'<code class="fr-math-source">\begin{aligned} a&lt;b \end{aligned}</code>')  # shown, not lost
    assert 'style="vertical-align:-2pt;display:inline"' in math_html("[3, 1]")  # baseline: 2 pt of depth
    assert 'style="vertical-align:-0pt;display:inline"' in math_html("k")
    svg = _svg(math_html(r"\frac{a}{b}"))
    assert svg.lstrip().startswith("<?xml") and "<path" in svg and "<text" not in svg  # glyphs as paths: no fonts


def test_answer_key_markdown_escapes_pipes_and_rounds():
    rows = [{"question": "2.2", "prompt": "J of [5, 3]?", "answer": 0.954434},
            {"question": "3.1", "prompt": "a | b", "answer": {"war", "peace", "killed"}}]
    assert answer_key_markdown(rows).splitlines() == [
        "| question | prompt | answer |", "|---|---|---|", "| 2.2 | J of [5, 3]? | 0.9544 |",
        "| 3.1 | a \\| b | killed, peace, war |"]


def _lesson(path, code: str) -> None:
    nb = new_notebook(cells=[new_markdown_cell("# Lesson X · Tiny\n\nEvenness $J = 1$."),
                             new_code_cell('CORPUS = "x"', metadata={"tags": ["parameters"]}),
                             new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def test_one_failing_lesson_is_recorded_and_the_others_written(tmp_path, sample_dir):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    _lesson(lessons / "01-good.ipynb", "print('corpus is', CORPUS.rsplit('/', 1)[-1])")
    _lesson(lessons / "02-broken.ipynb", "1 / 0")
    run = export_lessons(tmp_path / "out", sample_dir, lessons=lessons, timeout=120)
    assert run.pages == [tmp_path / "out" / "01-good.html"]
    assert list(run.failed) == ["02-broken.ipynb"] and "ZeroDivisionError" in run.failed["02-broken.ipynb"]
    page = run.pages[0].read_text(encoding="utf-8")
    assert page.startswith(f"<!DOCTYPE html>\n{MARKER}\n") and "<title>Lesson X · Tiny</title>" in page
    assert "corpus is sample" in page  # run on the corpus given; the injected local path is not shown
    assert str(sample_dir) not in page and page.count('class="fr-math"') == 1 and "<script" not in page
    assert not (tmp_path / "out" / "02-broken.html").exists()


def test_write_new_never_replaces_a_users_file(tmp_path):
    mine = tmp_path / "key.md"
    mine.write_text("notes\n", encoding="utf-8")
    with pytest.raises(FramingError, match="exists and was not written by framing lessons") as err:
        write_new(mine, "# Answer key\n")
    assert err.value.file == str(mine) and mine.read_text(encoding="utf-8") == "notes\n"
    write_new(tmp_path / "new.md", "# Answer key\n")
    write_new(tmp_path / "new.md", "# Answer key, again\n")  # its own file: replaced
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == f"{MARKER}\n# Answer key, again\n"
    with pytest.raises(FramingError, match="corpus path does not exist"):
        export_lessons(tmp_path / "out", tmp_path / "missing")
    with pytest.raises(FramingError, match="is a file, not a folder"):
        export_lessons(mine, tmp_path)
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    _lesson(lessons / "01-good.ipynb", "print(1)")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "01-good.html").write_text("my page\n", encoding="utf-8")
    with pytest.raises(FramingError, match="01-good.html: exists and was not written by framing lessons"):
        export_lessons(tmp_path / "out", tmp_path, lessons=lessons)  # checked before any lesson runs

"""Reports: parameters, text helpers, and the papermill + nbconvert run end to end on the sample corpus."""

from __future__ import annotations

import ast
import html
import json
import math
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from framing.exceptions import ParamsError
from framing.report import render as report
from framing.report.params import SCHEMA, assign_names, load_data, load_params, validate_params, with_defaults

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = ["Corpus overview", "Share of voice", "Who speaks first, who has the last word",
            "Named and anonymous sources", "Attribution verbs", "Sentiment of quotes and tone about each party",
            "Balance", "Notable differences", "Check the machine: a sample of extracted quotes", "Method and limits"]
FIGURES = 9
IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,')
HOSTILE_TITLE = "<script>alert(2)</script> report"
ARTICLE = """---
title: "Talks <b>bold</b> & more"
outlet: "Evil <i>Times</i>"
date: 2026-03-02
---
“We will stay <script>alert(1)</script> in the valley,” said Dana Rusk, the Valdorian spokeswoman.

“The talks <img src=x onerror=alert(1)> are over <img src=x onerror='document.title=1'>,” said Tomas Ek, \
the Estlandic spokesman.

“Nothing will change,” Miro Stanek said.
"""
SMALL = """---
title: "Talks in {outlet}"
outlet: "{outlet}"
date: 2026-03-02
---
“We will stay in the valley,” said Dana Rusk, the Valdorian spokeswoman.

“The talks are over,” said Tomas Ek, the Estlandic spokesman.
"""


def hostile_corpus(folder: Path, sample: Path) -> Path:
    """One article whose quotes carry HTML/JS payloads, with the sample corpus's parties."""
    (folder / "evil").mkdir(parents=True)
    (folder / "evil" / "01-x.md").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(sample / "actors.yaml", folder / "actors.yaml")
    return folder


# ---------------------------------------------------------------------------------------- parameters
def write(tmp_path, text: str, name: str = "params.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_params_file_forms(tmp_path):
    one = write(tmp_path, "group_by: month\nparties: [Valdoria, Estland]\ndate_from: 2026-03-02\n")
    assert load_params(one) == [{"group_by": "month", "parties": ["Valdoria", "Estland"],
                                 "date_from": "2026-03-02"}]  # YAML's date read back as ISO text
    many = write(tmp_path, "n_boot: 300\nreports:\n  - name: a\n  - name: b\n    n_boot: 50\n")
    assert load_params(many) == [{"n_boot": 300, "name": "a"}, {"n_boot": 50, "name": "b"}]
    listed = write(tmp_path, "- {name: a}\n- {lexicon_additions: {ceasefire: 2}}\n")
    assert load_params(listed) == [{"name": "a"}, {"lexicon_additions": {"ceasefire": 2.0}}]


@pytest.mark.parametrize("text, line, words", [
    ("title: T\nn_bot: 10\n", 2, ["unknown parameter 'n_bot'", "did you mean 'n_boot'"]),
    ("reports:\n  - name: a\n  - name: b\n    n_boot: many\n", 4, ["report 2", "'n_boot'", "whole number"]),
    ("parties: Valdoria\n", 1, ["'parties'", "list of party names"]),
    ("sample_quotes: -1\n", 1, ["'sample_quotes'", "at least 0"]),
    ("date_to: 2026-13-01\n", 1, ["'date_to'", "not a real date"]),
    ("date_from: 2026-04\ndate_to: 2026-03-31\n", 1, ["after date_to"]),
    ("lexicon_additions: {ceasefire: high}\n", 1, ["'lexicon_additions'", "ceasefire"]),
    ("title: a\ntitle: b\n", 2, ["duplicate parameter 'title'"]),
    ("title: [unclosed\n", 2, ["not valid YAML"]),
    ("title: " + "[" * 150 + "]" * 150 + "\n", 1, ["the parameter file is nested more than 100 levels deep"]),
    ("n_boot: " + "9" * 5000 + "\n", 1, ["not valid YAML", "5000 characters is too long to read"]),
    ("reports:\n  - {date_to: 2026-13-01}\ndate_from: 2026-02-30\n", 3,  # the date YAML stopped at
     ["'date_from'", "not a real date (day is out of range for month)"]),
    ("reports: []\n", 1, ["non-empty list"]),
    ("- 3\n", 1, ["must be a mapping"]),
])
def test_params_errors_name_file_line_and_key(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(ParamsError) as err:
        load_params(path)
    assert err.value.file == str(path) and err.value.line == line and err.value.stage == "params"
    for w in words:
        assert w in str(err.value)
    assert str(err.value).startswith(f"{path}: line {line}: ")


def test_empty_params_file(tmp_path):
    with pytest.raises(ParamsError, match="empty"):
        load_params(write(tmp_path, "# nothing\n"))


def test_validate_and_defaults():
    assert validate_params({"date_to": "2026"}) == {"date_to": "2026"}
    with pytest.raises(ParamsError, match="'n_boot' must be a whole number, got bool True"):
        validate_params({"n_boot": True})
    full = with_defaults({"title": "T"}, corpus="c", group_by="week")
    assert set(full) == set(SCHEMA)
    assert (full["corpus"], full["group_by"], full["title"], full["n_boot"], full["sample_quotes"]) == \
        ("c", "week", "T", 1000, 5)
    assert with_defaults({"group_by": "outlet"}, group_by="week")["group_by"] == "outlet"  # the set wins


def test_names_are_safe_and_distinct():
    names = assign_names([{"name": "../../x"}, {"name": "/abs"}, {"name": "a b"}, {"name": "a_b"}, {},
                          {"title": "Herald vs Wire"}, {}, {"name": "INDEX"}, {"name": "../.."}])
    assert names == ["x", "abs", "a_b", "a_b-2", "report", "Herald_vs_Wire", "report-2", "INDEX-2", "item"]
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_template_copies_are_identical_and_parameters_match_the_schema():
    packaged = ROOT / "framing" / "report" / "templates" / "report.ipynb"
    assert packaged.read_bytes() == (ROOT / "notebooks" / "report.ipynb").read_bytes()
    assert report.template_path().read_bytes() == packaged.read_bytes()
    nb = nbformat.read(packaged, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "code" and 'warnings.filterwarnings("ignore")' in first.source
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    names = []
    for stmt in ast.parse(tagged[0].source).body:  # plain literals only
        assert isinstance(stmt, ast.Assign)
        ast.literal_eval(stmt.value)
        names.append(stmt.targets[0].id)
    assert names == [k for k in SCHEMA if k != "name"]
    headings = [line[3:] for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    assert headings == HEADINGS


# ------------------------------------------------------------------------------------- text helpers
def _diff(**kw) -> dict:
    row = {"statistic": "share_of_voice", "party": "Valdoria", "group_a": "The Northgate Herald",
           "group_b": "Continental Wire Service", "estimate_a": 0.44, "estimate_b": 0.31, "difference": 0.13,
           "ci_low": 0.05, "ci_high": 0.21, "effect_size": 0.27, "p_value": 0.001, "p_adjusted": 0.01,
           "articles_a": 6, "articles_b": 7, "units_a": 126, "units_b": 147, "unit": "attributions",
           "status": "ok", "notable": True}
    return {**row, **kw}


def test_describe_differences_sentences():
    diffs = pd.DataFrame([
        _diff(),
        _diff(statistic="mean_sentiment", party="Estland", group_a="X", group_b="Y", estimate_a=0.1,
              estimate_b=-0.25, difference=0.35, ci_low=0.1, ci_high=0.6, effect_size=0.8, units_a=30, units_b=1),
        _diff(party="Estland", group_a="X", group_b="Y", ci_low=-0.05, notable=False),
        _diff(statistic="first_source_share", group_b="Y", estimate_a=1.0, estimate_b=0.0, difference=1.0,
              ci_low=0.4485, ci_high=1.0, effect_size=math.pi, unit="articles", units_a=6, units_b=7),
    ])
    # the largest effect first (Cohen's h pi, then d 0.8, then h 0.27); each with both n and the interval
    assert report.describe_differences(diffs) == [
        ("The Northgate Herald quotes Valdoria first in 100% of its articles (6 articles) against 0% at Y "
         "(7 articles): 100 percentage points more (95% CI 45 to 100)."),
        ("Quotes of Estland average a sentiment of +0.10 in X (30 attributions, 6 articles) against -0.25 at Y "
         "(1 attribution, 7 articles): 0.35 higher (95% CI 0.10 to 0.60)."),
        ("The Northgate Herald gives Valdoria 44% of its attributions (126 attributions, 6 articles) against 31% "
         "at Continental Wire Service (147 attributions, 7 articles): 13 percentage points more (95% CI 5 to 21)."),
    ]
    sections = report.difference_sections(diffs)
    assert [(h, len(items)) for h, items in sections] == [("First voice", 1), ("Sentiment of quotes", 1),
                                                          ("Share of voice", 1)]
    week = report.describe_differences(diffs.iloc[:1].assign(group_a="2026-03-02", group_b="2026-03-09"), "week")
    assert week[0].startswith("Coverage in the week of 2026-03-02 gives Valdoria 44% of its attributions (126 "
                              "attributions, 6 articles) against 31% in the week of 2026-03-09")
    assert report.describe_differences(diffs.iloc[:0]) == [] and report.difference_sections(diffs.iloc[:0]) == []


def test_notable_differences_on_the_sample(sample_dir):
    data = load_data(sample_dir)
    assert data.parties == ["Valdoria", "Estland"]  # the two most quoted
    diffs = report.notable_differences(data)
    assert len(diffs) == 7 * 2 * 3  # statistics x parties x outlet pairs
    assert (diffs["difference"] >= 0).all()  # oriented: group_a is the higher one
    assert (diffs[["articles_a", "articles_b"]] == 6).all().all()
    row = diffs[(diffs["statistic"] == "share_of_voice") & (diffs["party"] == "Valdoria")
                & (diffs["group_a"] == "The Northgate Herald") & (diffs["group_b"] == "The Eastport Monitor")].iloc[0]
    # the Herald leans to Valdoria by design (corpus/sample/README.md): 63 of 128 against 34 of 138 (Felix
    # Moreau’s quotation "said by telephone" counts since a4bb898, the retired schoolteacher's since 1b24446;
    # "the army spokesman, Colonel Petr Halloran, alleged" is Halloran's, a Valdorian's, since 1db8a09; the
    # mediator's quotation after "He told reporters:" counts since 10563d4; "a strike that each side blames on
    # the other" is an attribution, to nobody's party, since "side" names a speaker)
    assert (row["units_a"], row["units_b"]) == (128, 138) and row["notable"]
    assert row["estimate_b"] == pytest.approx(34 / 138)
    assert row["estimate_a"] == pytest.approx(63 / 128) and row["ci_low"] > 0
    note = report.difference_note(diffs, data)
    assert len(note) == 1 and note[0].startswith(f"42 comparisons drawn (each pair of groups, each party "
                                                 f"compared, each measure); {int(diffs['notable'].sum())} listed")
    assert "Benjamini–Hochberg correction" in note[0]
    share = report.interval_table(data, "share_of_voice", n_boot=200).set_index(["outlet", "party"])
    herald = share.loc[("The Northgate Herald", "Valdoria")]
    assert (herald["articles"], herald["units"], herald["status"]) == (6, 128, "ok")
    assert herald["ci_low"] < 63 / 128 < herald["ci_high"] and herald["boot_low"] < herald["boot_high"]


def test_two_articles_against_one_are_not_compared(tmp_path, sample_dir):
    folder = tmp_path / "small"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for i, outlet in ((1, "a"), (2, "a"), (3, "b")):
        (folder / outlet / f"0{i}.md").write_text(SMALL.format(outlet=outlet.upper()), encoding="utf-8")
    shutil.copy(sample_dir / "actors.yaml", folder / "actors.yaml")
    data = load_data(folder)
    diffs = report.notable_differences(data)
    assert len(diffs) and (diffs["status"] == "too few articles").all() and not diffs["notable"].any()
    note = report.difference_note(diffs, data)
    assert note[1] == ("Too few articles to compare (fewer than 5 in a group): A (2 articles), B (1 article). "
                       "These groups get no interval and are left out of the comparisons.")
    run = report.run_reports(folder, [{"name": "small", "n_boot": 50}], out=tmp_path / "out")
    assert not run.failed, run.summary()
    page = html.unescape(re.sub(r"<[^>]+>", " ", run.reports[0].html.read_text(encoding="utf-8")))
    assert "Too few articles to compare" in page and "too few articles" in page  # the note and the table
    assert not [m for m in re.findall(r"CI (-?[\d.]+) to (-?[\d.]+)", page) if m[0] == m[1]]
    assert "No comparison could be drawn" in page


def test_load_data_windows_and_date_filter(sample_dir):
    month = load_data(sample_dir, group_by="month")
    assert month.groups == ["2026-03"]
    week = load_data(sample_dir, group_by="week", date_from="2026-03-06", date_to="2026-03-17")
    # events 02 (Fri 6 Mar), 03 (Wed 11 Mar), 04 (Tue 17 Mar) -> weeks starting Mon 2, 9 and 16 March
    assert week.groups == ["2026-03-02", "2026-03-09", "2026-03-16"]
    assert len(week.analysis.articles) == 9 and set(week.analysis.quotes["week"]) == set(week.groups)
    assert set(week.analysis.mentions["article_id"]) <= set(week.analysis.articles["article_id"])
    late = load_data(sample_dir, date_from="2026-03-10")
    lines = report.summary_lines(late)  # events 03 to 06 (11 to 30 March) in each of the 3 outlets
    assert lines[0] == "12 articles in 3 groups by outlet, dated 2026-03-11 to 2026-03-30."
    assert lines[2:] == ["Parties compared: Valdoria and Estland.", "Every file was read and analysed."]
    overview = report.overview_table(late)
    assert overview[["outlet", "articles", "first_date", "last_date"]].values.tolist() == [
        ["Continental Wire Service", 4, "2026-03-11", "2026-03-30"],
        ["The Eastport Monitor", 4, "2026-03-11", "2026-03-30"],
        ["The Northgate Herald", 4, "2026-03-11", "2026-03-30"]]
    att = late.analysis.quotes.drop_duplicates(["article_id", "attribution_id"])
    assert overview["attributions"].tolist() == att.groupby("outlet").size().tolist()
    with pytest.raises(ParamsError, match="not an article column"):
        load_data(sample_dir, group_by="colour")
    with pytest.raises(ParamsError, match="no article is dated"):
        load_data(sample_dir, date_from="2030")


def test_analysis_is_saved_once_and_reused(tmp_path, sample_dir, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_dir, corpus)
    monkeypatch.setattr(report, "_render_all", lambda *args: None)  # no notebook: the end-to-end run renders

    def data_folders(**params) -> list[Path]:
        return report.run_reports(corpus, [params], out=tmp_path / "out", progress=False).data

    [first] = data_folders()
    assert (first / "quotes.parquet").exists() and json.loads((first / "manifest.json").read_text())["lexicon"]

    def no_analysis(*args, **kwargs):
        raise AssertionError("analysed again")

    with monkeypatch.context() as m:
        m.setattr(report, "analyze", no_analysis)
        assert data_folders(title="Another report") == [first]
    art = next(corpus.glob("northgate-herald/*.md"))
    art.write_text(art.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    [changed] = data_folders()
    assert changed != first and (changed / "quotes.parquet").exists()
    [other] = data_folders(lexicon_additions={"ceasefire": 2.0})
    assert other not in (first, changed)


def test_bad_params_fail_before_anything_runs(tmp_path, sample_dir):
    bad = write(tmp_path, "reports:\n  - name: ok\n  - name: bad\n    grup_by: week\n")
    out = tmp_path / "out"
    with pytest.raises(ParamsError) as err:
        report.run_reports(sample_dir, params_file=bad, out=out)
    assert (err.value.file, err.value.line) == (str(bad), 4) and "grup_by" in str(err.value)
    with pytest.raises(ParamsError, match=r"params\[1\]: parameter 'n_boot'"):
        report.run_reports(sample_dir, [{}, {"n_boot": "x"}], out=out)
    assert not out.exists()  # nothing analysed, no notebook run


def test_unknown_group_column_stops_the_run_before_anything_is_written(tmp_path, sample_dir):
    with pytest.raises(ParamsError, match="group_by 'colour' is not an article column"):
        report.run_reports(sample_dir, [{"group_by": "colour"}], out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def run(tmp_path_factory, sample_dir):
    tmp = tmp_path_factory.mktemp("reports")
    evil = hostile_corpus(tmp / "evil-corpus", sample_dir)
    sets = [
        {"name": "../../x", "n_boot": 200, "title": "Sample by outlet"},
        {"name": "/abs", "corpus": str(tmp / "no-such-corpus")},  # fails before its notebook
        {"name": "a b", "corpus": str(evil), "n_boot": 200, "title": HOSTILE_TITLE},
        {"name": "late", "date_from": "2030-01-01", "n_boot": 200},  # fails inside the notebook
    ]
    return report.run_reports(sample_dir, sets, out=tmp / "out", jobs=3)


def test_report_files_and_sections(run):
    good = run.reports[0]
    assert good.ok and good.name == "x" and good.error is None
    assert good.html == run.out / "x.html" and good.notebook == run.out / "x.ipynb"
    nb = nbformat.read(good.notebook, as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    page = good.html.read_text(encoding="utf-8")
    for heading in ["Sample by outlet"] + HEADINGS:
        assert re.search(rf"<h[12][^>]*>{re.escape(html.escape(heading, quote=False))}", page), heading
    assert len(IMG.findall(page)) == FIGURES
    text = re.sub(r"<style.*?</style>", "", page, flags=re.DOTALL)  # CSS comments mention prompts
    assert "import framing" not in text and "plots.share_of_voice_bars" not in text
    assert "In&nbsp;[" not in text and "In [" not in text and "Out[" not in text
    assert "jp-InputPrompt" not in text and "jp-OutputPrompt" not in text and "jp-CodeMirrorEditor" not in text
    assert "<script" not in page.lower() and "cdnjs" not in page  # self-contained, opens offline
    assert "The Northgate Herald gives Valdoria 49% of its attributions (128 attributions, 6 articles)" in page
    assert "Benjamini–Hochberg" in page and "ci_low" not in page and "first_date" not in page  # human labels
    assert "VADER 3.3.2 stock lexicon" in page


def test_failures_are_recorded_and_others_render(run):
    by_name = {r.name: r for r in run.reports}
    assert run.failed and [r.name for r in run.reports] == ["x", "abs", "a_b", "late"]
    assert by_name["x"].ok and by_name["a_b"].ok
    missing = by_name["abs"]
    assert not missing.ok and "does not exist" in missing.error and missing.html is None
    late = by_name["late"]
    assert not late.ok and late.html is None and not (run.out / "late.html").exists()
    assert re.match(r"cell \d+ failed: ParamsError: .*no article is dated from 2030-01-01", late.error)
    assert late.notebook.exists()  # kept, to show the failing cell
    assert len(run.data) == 2  # the sample corpus analysed once for "x" and "late", plus the hostile one
    index = run.index.read_text(encoding="utf-8")
    assert '<a href="x.html">x</a>' in index and '<a href="a_b.html">a_b</a>' in index
    assert 'href="late.html"' not in index and html.escape(late.error, quote=True) in index
    assert index.count("failed</span>") == 2


def test_hostile_names_stay_inside_the_output_folder(run):
    out = run.out.resolve()
    produced = [p for p in out.rglob("*") if p.is_file()]
    assert all(out in p.resolve().parents for p in produced)
    assert sorted(p.name for p in out.glob("*.html")) == ["a_b.html", "index.html", "x.html"]
    assert not (out.parent.parent / "x.html").exists() and not Path("/abs.html").exists()
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".*.ipynb"))  # no temp files left


def test_hostile_article_is_escaped(run):
    page = run.reports[2].html.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower() and "<img src=x" not in page and "onerror=alert" not in page.replace(
        "&lt;img src=x onerror=alert(1)&gt;", "")
    assert html.escape(HOSTILE_TITLE, quote=False) in page and HOSTILE_TITLE not in page
    assert "Evil &lt;i&gt;Times&lt;/i&gt;" in page
    index = run.index.read_text(encoding="utf-8")
    assert HOSTILE_TITLE not in index and "<script" not in index.lower()


def test_a_bound_that_only_rounds_to_zero_is_not_shown_as_zero():
    # excludes zero on the unrounded 0.0031: the sentence must not read "95% CI 0.00 to 0.24"
    near = pd.DataFrame([_diff(statistic="mean_tone", ci_low=0.0031, ci_high=0.24, unit="mentions"),
                         _diff(ci_low=0.0004, ci_high=0.21, effect_size=0.1)])
    lines = report.describe_differences(near)
    assert lines[0].endswith("0.13 higher (95% CI 0.003 to 0.24).")
    assert lines[1].endswith("13 percentage points more (95% CI 0.04 to 21).")

"""The framing differences that corpus/sample/README.md says are built into the outlets show up in the
tables the kit computes (the numbers come from the extractor, not from the gold)."""

from __future__ import annotations

import pytest

import framing
from framing.measure.metrics import article_first_last, verb_table

NG, EM, CW = "The Northgate Herald", "The Eastport Monitor", "Continental Wire Service"


@pytest.fixture(scope="module")
def analysis(sample_dir):
    return framing.analyze(sample_dir)


@pytest.fixture(scope="module")
def parties(analysis):
    return analysis.parties_by("outlet").set_index(["outlet", "party"])


def test_northgate_quotes_valdoria_about_twice_as_often(parties):
    assert parties.loc[(NG, "Valdoria"), "quotes"] >= 1.7 * parties.loc[(NG, "Estland"), "quotes"]


def test_northgate_distancing_verbs_for_estland_only(parties):
    assert parties.loc[(NG, "Valdoria"), "distancing_rate"] == 0
    assert parties.loc[(NG, "Estland"), "distancing_rate"] >= 0.15


def test_northgate_relies_on_anonymous_valdorian_officials(parties):
    assert parties.loc[(NG, "Valdoria"), "anonymous_rate"] >= 0.25
    assert parties.loc[(CW, "Valdoria"), "anonymous_rate"] <= 0.1


def test_first_and_last_voice(analysis):
    fl = article_first_last(analysis.quotes)
    fl["outlet"] = fl["article_id"].str.split("/").str[0]
    ng = fl[fl.outlet == "northgate-herald"]
    assert (ng.first_party == "Valdoria").sum() >= 5 and (ng.last_party == "Valdoria").sum() >= 5
    em = fl[fl.outlet == "eastport-monitor"]
    estland_or_aid = {"Estland", "Aid groups"}
    assert em.first_party.isin(estland_or_aid).sum() >= 5 and em.last_party.isin(estland_or_aid).sum() >= 5
    cw = fl[fl.outlet == "continental-wire"]
    assert set(cw.first_party) == {"Valdoria", "Estland"}  # alternates


def test_eastport_uses_loaded_verbs_for_valdoria(analysis):
    vt = verb_table(analysis.quotes, by="outlet").set_index(["outlet", "party", "category"])["share"]
    loaded = ["insistent", "denial", "concessive"]
    assert sum(vt[(EM, "Valdoria", c)] for c in loaded) >= 0.3
    assert sum(vt[(EM, "Estland", c)] for c in loaded) <= 0.1


def test_eastport_narrative_tone_about_valdoria_is_more_negative(parties):
    assert parties.loc[(EM, "Valdoria"), "mean_tone"] < parties.loc[(CW, "Valdoria"), "mean_tone"] - 0.05


def test_continental_is_balanced(parties):
    v, e = parties.loc[(CW, "Valdoria"), "quotes"], parties.loc[(CW, "Estland"), "quotes"]
    assert abs(framing.disparity(v, e)) <= 0.1
    assert abs(parties.loc[(CW, "Valdoria"), "distancing_rate"] - parties.loc[(CW, "Estland"), "distancing_rate"]) <= 0.05


def test_difference_between_outlets_has_an_interval(analysis):
    res = framing.compare_groups(analysis.quotes, "share_of_voice", by="outlet", a=NG, b=CW, party="Valdoria",
                                 n_boot=400, seed=1)
    assert res["difference"] > 0.1
    assert res["ci_low"] > 0 and res["excludes_zero"]

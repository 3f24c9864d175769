"""Mention -> canonical speaker resolution within an article."""

from __future__ import annotations

from framing.extract.speakers import SpeakerResolver


def test_full_name_then_surname_and_title():
    r = SpeakerResolver()
    assert r.resolve("Foreign Minister Anton Vasko").canonical == "Anton Vasko"
    assert r.resolve("Vasko").canonical == "Anton Vasko"
    assert r.resolve("Mr. Vasko").canonical == "Anton Vasko"


def test_pronoun_takes_most_recent_person():
    r = SpeakerResolver()
    r.resolve("Ines Valk")
    r.resolve("the Tamsin Relief Network")
    assert r.resolve("she").canonical == "Ines Valk"
    assert r.resolve("it").canonical == "Tamsin Relief Network"


def test_role_noun_refers_back():
    r = SpeakerResolver()
    r.resolve("Estlandic Foreign Ministry spokesman Tomas Ek")
    r.resolve("Anton Vasko")
    sp = r.resolve("the spokesman")
    assert (sp.canonical, sp.type, sp.named) == ("Tomas Ek", "person", True)


def test_anonymous_and_collective():
    r = SpeakerResolver()
    sp = r.resolve("an official", context=" who spoke on condition of anonymity")
    assert (sp.canonical, sp.type, sp.named) == ("official", "anonymous", False)
    assert r.resolve("a senior Valdorian official").canonical == "senior Valdorian official"
    assert r.resolve("the official").canonical == "senior Valdorian official"
    sp = r.resolve("Experts")
    assert (sp.canonical, sp.type) == ("experts", "collective")
    assert r.resolve("two Valdorian officials who have seen the text").canonical == "Valdorian officials"


def test_organisations_and_countries():
    r = SpeakerResolver()
    assert r.resolve("the Valdorian Defence Ministry").type == "organisation"
    assert r.resolve("the ministry").canonical == "Valdorian Defence Ministry"
    sp = r.resolve("Valdoria")
    assert (sp.canonical, sp.type) == ("Valdoria", "country")
    assert r.resolve("Israel").type == "country"


def test_prepositional_tail_is_a_descriptor():
    r = SpeakerResolver()
    sp = r.resolve("Jonah Okafor of Port Aster University")
    assert sp.canonical == "Jonah Okafor"
    assert r.resolve("observers in Port Aster").canonical == "observers"


def test_an_organisation_named_with_a_preposition_keeps_its_whole_name():
    r = SpeakerResolver()
    sp = r.resolve("the Harbour Institute on Drug Safety")
    assert (sp.canonical, sp.type) == ("Harbour Institute on Drug Safety", "organisation")
    assert r.resolve("the Ministry of Health").canonical == "Ministry of Health"
    assert r.resolve("Jonah Okafor of Port Aster University").canonical == "Jonah Okafor"


def test_a_surname_alone_with_a_role_after_it_is_a_person():
    r = SpeakerResolver()
    sp = r.resolve("Dorn", "", ", co-owner of a brewery in Orsk.")
    assert (sp.canonical, sp.type, sp.named) == ("Dorn", "person", True)
    assert r.resolve("Harbourline", "", ", which runs the ferries.").type == "organisation"

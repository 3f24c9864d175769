"""The mention spans of the forms that are not a finite verb: "according to X", a speech noun."""

from __future__ import annotations

from framing import extract_quotes


def test_a_dashed_according_to_names_its_source_up_to_the_closing_dash():
    text = ("Valk blamed the attack on a video while — according to emails found in the inquiry — knowing the "
            "video had no link to it.")
    (quote,) = [q for q in extract_quotes(text) if q.kind == "according_to"]
    assert quote.speaker_mention == "emails found in the inquiry"
    assert quote.content == "Valk blamed the attack on a video while"


def test_an_according_to_between_commas_names_its_source_up_to_the_comma():
    quotes = extract_quotes("Fundraising, according to the filings, has surged this year.")
    assert {q.speaker_mention for q in quotes} == {"the filings"}
    assert [q.content for q in quotes] == ["Fundraising", "has surged this year"]


def test_a_speech_noun_before_a_colon_gives_the_quotation_to_the_subject():
    (quote,) = extract_quotes("Valk gave a blunt answer: “We will not sell the quay.”")
    assert (quote.kind, quote.content, quote.speaker_mention, quote.cue) == (
        "direct", "We will not sell the quay.", "Valk", "answer")

"""Boilerplate detection: every kind alone, all together in a scraped page, and look-alike negatives."""

from pathlib import Path

import pytest

from framing.read.boilerplate import LABELS, Span, find_boilerplate

FIXTURES = Path(__file__).parents[1] / "fixtures" / "corpus_cases"
ARTICLE = "The talks resumed in Port Aster on Tuesday after a day of delays."


def found(text):
    """(label, covered text) for every span, checking the offsets point at the text."""
    return [(s.label, text[s.start:s.end]) for s in find_boilerplate(text)]


@pytest.mark.parametrize("line,label", [
    ("See also  Supreme Court to hear a case on the border", "see_also"),
    ("See also: Kellerford mayor calls for inquiry", "see_also"),
    ("Source link", "source_link"),
    ("Read more: What is in the draft framework?", "read_more"),
    ("READ MORE: Aid groups warn of hunger", "read_more"),
    ("Read more about the ceasefire talks", "read_more"),
    ("Related: Who are the negotiators?", "read_more"),
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Subscribe to our newsletter", "share"),
    ("Sign up for our daily briefing", "share"),
    ("Follow us on Twitter and Instagram", "share"),
    ("By Ali Raza", "byline"),
    ("By Ana de la Cruz", "byline"),
    ("By Karen DeYoung and Michael Birnbaum", "byline"),
    ("By Jane Doe, Reuters", "byline"),
    ("By J. R. Smith, Anna Lee and Tom Fox", "byline"),
    ("I am a dedicated and skilled News Content Writer with a passion for accurate stories.", "bio"),
    ("Leave a Reply", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("12 comments", "comments"),
    ("Comments", "comments"),
    ("Comments (4)", "comments"),
    ("Morris reported from Berlin.", "credit"),
    ("Morris reported from Berlin, Fahim from Istanbul and Daduchi from Beirut.", "credit"),
    ("Morris reported from Berlin, Fahim from Istanbul and Daduchi from Beirut. Karen DeYoung in Washington "
     "and Michael Birnbaum in Jeddah, Saudi Arabia contributed to this report.", "credit"),
    ("Jane Doe contributed to this report.", "credit"),
    ("The Associated Press contributed to this report.", "credit"),
    ("Reporting by Lena Marsh; Editing by Tom Reyes", "credit"),
    ("Additional reporting by Jonah Price in Port Aster", "credit"),
])
def test_each_kind_alone_in_an_article(line, label):
    text = f"{ARTICLE}\n\n{line}\n\n{ARTICLE}\n"
    start = len(ARTICLE) + 2
    assert find_boilerplate(text) == [Span(start, start + len(line), label)]
    assert label in LABELS


@pytest.mark.parametrize("line", [
    "By Monday, the two delegations had exchanged three drafts.",
    "By Monday, Valdoria",
    "By then the convoy had been held for two days",
    "By March the talks had stalled",
    "Reuters reported from Kellerford that eleven civilians were killed in the shelling.",
    "The ministry reported from its own figures that the crossing was closed.",
    "Valdorian officials reported the shelling to the mediators.",
    "Officials in Port Aster contributed to this report's first draft, Ek said.",
    "Estlandic officials contributed to the draft framework.",
    "Reporting by the Herald showed the convoy was held for two days.",
    "Read more carefully, the draft shows that Valdoria conceded the point.",
    "Share prices in Port Aster fell on Monday.",
    "Follow the money, the analyst said.",
    "Comments made by the mayor angered the delegation.",
    "See the full text of the agreement below, the ministry said in a statement that ran to four pages.",
    "Tomas Ek is a former correspondent who now speaks for the Estlandic Foreign Ministry.",
    "Valk is a former reporter.",
    "“I am a farmer, not a soldier,” said one resident of Kellerford.",
    "Source: Tamsin Relief Network",
    "“Sign up for the exchange, and we will sign too,” Valk said.",
])
def test_article_sentences_that_look_similar_are_not_flagged(line):
    text = f"{ARTICLE}\n\n{line}\n\n{ARTICLE}\n"
    assert find_boilerplate(text) == []


def test_scraped_page_with_every_kind():
    text = (FIXTURES / "scraped_article.txt").read_text(encoding="utf-8")
    assert found(text) == [
        ("see_also", "See also  Kellerford mayor calls for international inquiry"),
        ("read_more", "READ MORE: What is in the draft framework?"),
        ("share", "Share this article"),
        ("share", "Share on Facebook"),
        ("share", "Subscribe to our newsletter for daily updates from the talks"),
        ("share", "Follow us on Twitter"),
        ("credit", "Halloran reported from Port Aster, Ek from Tallow and Park from Halden. "
                   "Ruth Calloway in Orsk contributed to this report."),
        ("credit", "Reporting by Lena Marsh; Editing by Tom Reyes"),
        ("credit", "Additional reporting by Jonah Price in Port Aster"),
        ("source_link", "Source link"),
        ("byline", "By Amira Solberg"),
        ("bio", "I am a dedicated and skilled news content writer with a passion for delivering accurate "
                "stories to a wide audience."),
        ("comments", "Leave a Reply"),
        ("comments", "Your email address will not be published. Required fields are marked *"),
        ("comments", "3 comments"),
    ]
    # the look-alike article lines of the fixture are kept
    kept = [text[s.start:s.end] for s in find_boilerplate(text)]
    assert not any(k.startswith(("By Monday", "Reuters reported")) for k in kept)


def test_paragraph_after_a_closing_byline_is_a_bio():
    paras = [ARTICLE, "Both sides said they would return on Friday.", "The mediator declined to comment.",
             "By Ana Ruiz", "Ana covers diplomacy and conflict for the Monitor from Port Aster.",
             "Leave a Reply"]
    text = "\n\n".join(paras) + "\n"
    assert found(text) == [("byline", "By Ana Ruiz"),
                           ("bio", "Ana covers diplomacy and conflict for the Monitor from Port Aster."),
                           ("comments", "Leave a Reply")]


@pytest.mark.parametrize("bio", [
    "Jane Doe is a staff writer at The Eastport Monitor covering diplomacy.",
    "Tom Fox is a correspondent for Continental Wire based in Port Aster.",
    "Ana Ruiz was our Sarneth reporter until 2025.",
])
def test_third_person_bio_at_the_end_of_the_page(bio):
    text = f"{ARTICLE}\n\n{ARTICLE}\n\n{bio}\n"
    assert found(text) == [("bio", bio)]
    # the same sentence at the top of the page is article text, not a bio
    assert found(f"{bio}\n\n{ARTICLE}\n\n{ARTICLE}\n") == []


def test_opening_byline_does_not_turn_the_first_paragraph_into_a_bio():
    text = "By Ana Ruiz\n\nTalks opened on Monday.\n\nBoth delegations set out demands.\n"
    assert found(text) == [("byline", "By Ana Ruiz")]


def test_crlf_spans_exclude_the_line_break_and_keep_offsets():
    text = "Talks opened.\r\n\r\nSource link\r\nBy Jane Doe, Reuters\r\n"
    spans = find_boilerplate(text)
    assert spans == [Span(17, 28, "source_link"), Span(30, 50, "byline")]
    assert [text[s.start:s.end] for s in spans] == ["Source link", "By Jane Doe, Reuters"]


def test_indented_line_span_covers_the_whole_line_and_nbsp_is_whitespace():
    text = "Talks opened.\n  Share this article  \nSee also\u00a0 Next story\n"
    assert found(text) == [("share", "  Share this article  "), ("see_also", "See also\u00a0 Next story")]


def test_empty_and_plain_texts_have_no_boilerplate():
    assert find_boilerplate("") == []
    assert find_boilerplate(ARTICLE) == []
    assert find_boilerplate("\n\n\r\n") == []


def test_huge_text_is_fast_and_text_is_never_changed():
    line = "Valdorian officials said the convoy reached the Orsk crossing on Thursday, residents reported.\n"
    text = line * 50_000 + "Source link\n"
    spans = find_boilerplate(text)
    assert spans == [Span(len(line) * 50_000, len(line) * 50_000 + 11, "source_link")]


def test_quick_rejection_never_drops_a_labelled_line():
    """``_may_be_boilerplate`` is false only where ``_classify`` finds nothing: every line of the sample
    corpus and of this file, upper- and lower-cased and with the letters ``re.IGNORECASE`` folds to ASCII."""
    from framing.read.boilerplate import _classify, _may_be_boilerplate

    root = Path(__file__).parents[2]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in [Path(__file__), FIXTURES / "scraped_article.txt",
                                                                      *(root / "corpus" / "sample").rglob("*.*")]]
    lines = {" ".join(x.split()) for t in texts for line in t.replace("\\n", "\n").split("\n")
             for x in (line, line.strip(" \"'(),")) if x.split()}
    lines |= {v for s in list(lines) for v in (s.upper(), s.lower(), s.replace("K", "\u212a"),
                                               s.replace("s", "\u017f").replace("i", "\u0131"))}
    labelled = [s for s in lines if _classify(s) is not None]
    assert len(labelled) > 50
    assert [s for s in labelled if not _may_be_boilerplate(s)] == []

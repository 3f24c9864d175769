"""Tests for framing.lexicon and the shipped lexicon files (framing/lexicons/)."""

from __future__ import annotations

import csv
import io
import pickle
from importlib.resources import files

import pytest

from framing import lexicon as lx
from framing.lexicon import (
    CATEGORIES,
    OBJECTS,
    LexiconError,
    Verb,
    VerbLexicon,
    demonym_country,
    inflect,
    load_demonyms,
    load_vader_additions,
    load_verbs,
    load_wordlist,
    parse_verb_csv,
)


def _shipped_rows() -> list[dict[str, str]]:
    text = (files("framing") / "lexicons" / "reporting_verbs.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- package data
def test_package_data_found_via_importlib_resources():
    base = files("framing") / "lexicons"
    names = {"reporting_verbs.csv", "demonyms.csv", "vader_news.txt", "README.md"}
    names |= {f"{n}.txt" for n in lx.WORDLISTS}
    for name in names:
        assert (base / name).is_file(), name
    assert not (base / "__init__.py").is_file()


def test_shipped_csv_columns_and_row_shape():
    rows = _shipped_rows()
    assert list(rows[0]) == list(lx.VERB_COLUMNS)
    for row in rows:
        forms = row["forms"].split("|")
        assert len(forms) == 5, row["lemma"]
        assert forms[0] == row["lemma"]
        assert row["category"] in CATEGORIES
        assert row["object"] in OBJECTS
        assert row["ambiguous"] in ("0", "1")
        assert row["sources"].strip(), row["lemma"]
        assert row["lemma"] == row["lemma"].lower()


def test_size_and_categories():
    verbs = load_verbs()
    assert len(verbs) >= 150
    assert verbs.categories == list(CATEGORIES)
    assert len(verbs.by_category("distancing")) == 4
    assert {v.lemma for v in verbs.by_category("question")} >= {"ask", "wonder", "query"}


def test_stance_empty_exactly_where_category_evaluates_the_speaker():
    scored = {"neutral", "endorsing", "insistent", "distancing", "tentative"}
    for v in load_verbs():
        assert (v.stance is not None) == (v.category in scored), v.lemma
        if v.stance is not None:
            assert -2 <= v.stance <= 2


def test_loaded_conflict_verbs_are_present():
    verbs = load_verbs()
    loaded = ["vow", "condemn", "reject", "threaten", "slam", "blast", "denounce", "dismiss", "decry",
              "hail", "welcome", "pledge", "demand", "boast", "concede", "retort", "counter", "lash out",
              "hit back", "brush off", "brush aside", "play down", "rule out", "call for", "point out"]
    missing = [w for w in loaded if verbs.lookup(w) is None]
    assert missing == []


# --------------------------------------------------------------------------- spot checks
def test_lookup_spot_checks():
    verbs = load_verbs()
    assert verbs.lookup("claimed").category == "distancing"
    assert verbs.lookup("claimed").stance == -2.0
    assert verbs.lookup("vowed").lemma == "vow"
    assert verbs.lookup("vowed").category == "warning"
    assert verbs.lookup("Said").lemma == "say"
    assert verbs.lookup("said").stance == 0.0
    assert verbs.lookup("told").object == "person"
    assert verbs.lookup("accused").object == "person_of"
    assert verbs.lookup("urging").object == "person_to"
    assert verbs.lookup("blamed").object == "person_for"
    assert verbs.lookup("confirmed").stance == 2.0
    assert verbs.lookup("noted").stance == 1.0
    assert verbs.lookup("insisted").stance == -1.0
    assert verbs.lookup("admitted").category == "concessive"
    assert verbs.lookup("denies").category == "denial"
    assert verbs.lookup("sobbed").category == "emotive"
    assert verbs.lookup("wept").lemma == "weep"
    assert verbs.lookup("thought").lemma == "think"
    assert verbs.lookup("asked").category == "question"
    assert verbs.lookup("slammed").lemma == "slam"
    assert verbs.lookup("spoken").lemma == "speak"
    assert verbs.lookup("rebutted").lemma == "rebut"
    assert verbs.lookup("banana") is None
    assert verbs.lookup("") is None


def test_phrases():
    verbs = load_verbs()
    acc = verbs.lookup("according to")
    assert acc is not None and acc.category == "neutral" and acc.stance == 0.0 and acc.is_phrase
    assert verbs.phrases["according to"] is acc
    assert verbs.lookup("Called  For").lemma == "call for"
    assert verbs.phrases["lashed out"].lemma == "lash out"
    assert verbs.phrases["went on to say"].lemma == "go on to say"
    assert verbs.phrases["brushed aside"].category == "denial"
    assert verbs.phrases["hitting back"].lemma == "hit back"
    assert verbs.lookup("took issue with").lemma == "take issue with"
    assert all(" " in p for p in verbs.phrases)
    assert all(" " not in f for f in verbs.forms)
    assert "said" in verbs.forms and "according to" not in verbs.forms
    assert verbs.max_phrase_words == 4  # "went on to say"


def test_nouns():
    verbs = load_verbs()
    assert verbs.nouns["claim"].lemma == "claim"
    assert verbs.nouns["claims"].lemma == "claim"
    assert verbs.nouns["denial"].lemma == "deny"
    assert verbs.nouns["statements"].lemma == "state"
    assert verbs.nouns["accusation"].lemma == "accuse"
    assert verbs.nouns["warnings"].lemma == "warn"
    assert verbs.nouns["insistence"].lemma == "insist"
    assert verbs.nouns["allegations"].lemma == "allege"
    assert verbs.nouns["calls"].lemma == "call for"
    assert "defence" not in verbs.nouns  # "defence minister" is not a speech cue


def test_ambiguous_flags():
    verbs = load_verbs()
    for word in ["added", "stated", "noted", "reported", "shows", "found", "told", "charged", "wrote"]:
        assert verbs.lookup(word).ambiguous, word
    for word in ["said", "insisted", "accused", "according to", "vowed", "urged"]:
        assert not verbs.lookup(word).ambiguous, word


def test_mappings_are_read_only_and_container_protocol():
    verbs = load_verbs()
    with pytest.raises(TypeError):
        verbs.forms["said"] = None  # type: ignore[index]
    assert "vowed" in verbs and "lashed out" in verbs and "banana" not in verbs
    assert sum(1 for _ in verbs) == len(verbs)
    assert load_verbs() is verbs  # cached


# --------------------------------------------------------------------------- inflect
@pytest.mark.parametrize("lemma, expected", [
    ("say", ("say", "says", "sayed", "sayed", "saying")),  # the rule is regular only; say is listed
    ("slam", ("slam", "slams", "slammed", "slammed", "slamming")),
    ("claim", ("claim", "claims", "claimed", "claimed", "claiming")),
    ("deny", ("deny", "denies", "denied", "denied", "denying")),
    ("argue", ("argue", "argues", "argued", "argued", "arguing")),
    ("stress", ("stress", "stresses", "stressed", "stressed", "stressing")),
    ("vow", ("vow", "vows", "vowed", "vowed", "vowing")),
    ("echo", ("echo", "echoes", "echoed", "echoed", "echoing")),
    ("agree", ("agree", "agrees", "agreed", "agreed", "agreeing")),
    ("vie", ("vie", "vies", "vied", "vied", "vying")),
    ("lament", ("lament", "laments", "lamented", "lamented", "lamenting")),
    ("hail", ("hail", "hails", "hailed", "hailed", "hailing")),
    ("lash out", ("lash out", "lashes out", "lashed out", "lashed out", "lashing out")),
])
def test_inflect(lemma, expected):
    assert inflect(lemma) == expected


def test_shipped_regular_forms_agree_with_inflect_where_regular():
    """Every shipped row either follows the rule or is a known irregular/explicit row."""
    explicit = {"say", "tell", "write", "speak", "according to", "go on", "go on to say", "agree",
                "speak out", "put it", "show", "prove", "find", "make clear", "stand by", "hit back",
                "shoot back", "admit", "rebut", "disagree", "dispel", "take issue with", "cast doubt on",
                "take aim at", "swear", "guarantee", "sound the alarm", "plead", "cry", "weep", "regret",
                "fret", "quip", "imply", "think", "feel", "forecast", "query", "refer to",
                "make it clear", "label"}
    differs = {r["lemma"] for r in _shipped_rows() if tuple(r["forms"].split("|")) != inflect(r["lemma"])}
    assert differs <= explicit
    assert {"say", "tell", "admit", "rebut", "think", "feel", "weep", "forecast", "quip"} <= differs


# --------------------------------------------------------------------------- user CSVs
def test_user_csv_overrides_and_adds(tmp_path):
    user = tmp_path / "my_verbs.csv"
    user.write_text(
        "lemma,category,stance,object,ambiguous,nouns,note\n"
        "note,neutral,0,none,1,,newsroom style: neutral\n"
        "opine,tentative,-1,none,0,opinion|opinions,\n"
        "intone,emotive,,,,,\n",
        encoding="utf-8")
    merged = load_verbs(user)
    assert merged.lookup("noted").category == "neutral"
    assert merged.lookup("noted").stance == 0.0
    assert merged.lookup("noted").note == "newsroom style: neutral"
    assert merged.lookup("opined").lemma == "opine"
    assert merged.lookup("opining").stance == -1.0
    assert merged.nouns["opinions"].lemma == "opine"
    intone = merged.lookup("intoned")
    assert intone.forms == ("intone", "intones", "intoned", "intoned", "intoning")
    assert intone.stance is None and intone.object == "none" and intone.ambiguous is False
    assert len(merged) == len(load_verbs()) + 2
    # the shipped lexicon is untouched
    assert load_verbs().lookup("noted").category == "endorsing"
    assert load_verbs().lookup("opined") is None


def test_user_row_wins_a_form_collision(tmp_path):
    user = tmp_path / "v.csv"
    user.write_text("lemma,category,forms\nstate publicly,neutral,"
                    "state publicly|states publicly|stated publicly|stated publicly|stating publicly\n"
                    "utter,neutral,\n", encoding="utf-8")
    merged = load_verbs(user)
    assert merged.lookup("stated publicly").lemma == "state publicly"
    assert merged.lookup("uttered").category == "neutral"


@pytest.mark.parametrize("body, line, fragment", [
    ("lemma,category\nopine,angry\n", 2, "unknown category 'angry'"),
    ("lemma,category,stance\nopine,tentative,x\n", 2, "not a number"),
    ("lemma,category,stance\nopine,tentative,3\n", 2, "outside -2..+2"),
    ("lemma,category\nchant,emotive\nopine,tentative\nrant,loud\n", 4, "unknown category 'loud'"),
    ("lemma,category,forms\nopine,tentative,opine|opines|opined\n", 2, "5 entries"),
    ("lemma,category,forms\nopine,tentative,opines|opine|opined|opined|opining\n", 2, "must be the lemma"),
    ("lemma,category,object\nopine,tentative,someone\n", 2, "unknown object"),
    ("lemma,category,ambiguous\nopine,tentative,maybe\n", 2, "ambiguous must be 0 or 1"),
    ("lemma,category\nopine,tentative\nopine,neutral\n", 3, "duplicate lemma"),
    ("lemma,category,nouns\nopine,tentative,view\nmuse,tentative,view\n", 3, "already belongs to 'opine'"),
    ("lemma,category\nopine,tentative,extra\n", 2, "too many fields"),
    ("lemma,categry\nopine,tentative\n", 1, "unknown column"),
    ("lemma,stance\nopine,-1\n", 1, "missing required column 'category'"),
    ("lemma,category\n,tentative\n", 2, "invalid lemma"),
])
def test_malformed_user_csv_names_file_and_line(tmp_path, body, line, fragment):
    path = tmp_path / "bad_verbs.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_verbs(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.file == str(path) and err.line == line
    assert fragment in err.message
    assert str(err).startswith(f"{path}:{line}: ")


def test_multiline_quoted_field_reports_the_right_line():
    text = 'lemma,category,note\nopine,tentative,"two\nlines"\nrant,loud,\n'
    with pytest.raises(LexiconError) as info:
        parse_verb_csv(text, "x.csv")
    assert info.value.line == 4


def test_missing_user_file_raises_lexicon_error(tmp_path):
    with pytest.raises(LexiconError) as info:
        load_verbs(tmp_path / "nope.csv")
    assert "cannot read" in info.value.message


def test_lexicon_error_pickles():
    err = pickle.loads(pickle.dumps(LexiconError("a.csv", 7, "boom")))
    assert (err.file, err.line, err.message, str(err)) == ("a.csv", 7, "boom", "a.csv:7: boom")


def test_shipped_file_requires_forms():
    with pytest.raises(LexiconError, match="forms are required"):
        parse_verb_csv("lemma,category\nopine,tentative\n", "shipped.csv", require_forms=True)


def test_comment_and_blank_rows_skipped():
    verbs = parse_verb_csv("lemma,category\n# my additions,\n\nopine,tentative\n")
    assert [v.lemma for v in verbs] == ["opine"]


def test_merge_later_wins_and_is_pure():
    a = VerbLexicon([Verb("opine", "tentative", -1.0, "none", False, inflect("opine"), ())])
    b = VerbLexicon([Verb("opine", "neutral", 0.0, "none", False, inflect("opine"), ("opinion",))])
    merged = a.merge(b)
    assert merged.lookup("opined").category == "neutral"
    assert merged.nouns["opinion"].lemma == "opine"
    assert a.lookup("opined").category == "tentative" and "opinion" not in a.nouns
    assert len(merged) == 1


# --------------------------------------------------------------------------- word lists
def test_wordlists_contents():
    titles = load_wordlist("titles")
    assert {"president", "prime minister", "foreign minister", "col.", "gen.", "dr.", "sheikh",
            "secretary of state", "spokeswoman", "chief negotiator"} <= titles
    assert load_wordlist("titles.txt") is titles
    assert {"official", "spokesman", "diplomat", "witness", "doctor", "source"} <= load_wordlist("role_nouns")
    assert {"experts", "residents", "aid workers", "human rights groups", "rights groups",
            "medics"} <= load_wordlist("collectives")
    assert {"ministry", "army", "embassy", "organisation", "organization"} <= load_wordlist("organisation_heads")
    assert {"on condition of anonymity", "who asked not to be named", "not authorised to speak",
            "familiar with", "close to the talks"} <= load_wordlist("anonymity_markers")
    abbrev = load_wordlist("abbreviations")
    assert {"mr", "gen", "u.s", "e.g", "jan", "sept", "no"} <= abbrev
    assert not any(a.endswith(".") for a in abbrev)
    assert "may" not in abbrev and "ill" not in abbrev


def test_wordlists_are_lowercase_without_comments():
    for name in lx.WORDLISTS:
        for entry in load_wordlist(name):
            assert entry == entry.lower() and "#" not in entry and entry == entry.strip(), (name, entry)


def test_wordlist_extra_adds_and_removes(tmp_path):
    extra = tmp_path / "titles.txt"
    extra.write_text("# mine\nhigh representative   # EU\n!sir\n", encoding="utf-8")
    titles = load_wordlist("titles", extra=extra)
    assert "high representative" in titles and "sir" not in titles
    assert "sir" in load_wordlist("titles")


def test_unknown_wordlist():
    with pytest.raises(ValueError, match="unknown word list"):
        load_wordlist("colours")


def test_abbreviations_drive_punkt_offline():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(load_wordlist("abbreviations"))
    text = "Col. Ann Lee met Mr. Cohen in the U.S. capital on Jan. 5. He said talks went well."
    assert PunktSentenceTokenizer(params).tokenize(text) == [
        "Col. Ann Lee met Mr. Cohen in the U.S. capital on Jan. 5.", "He said talks went well."]


# --------------------------------------------------------------------------- demonyms
def test_demonyms():
    d = load_demonyms()
    assert d["Israelis"] == "Israel" and d["Israeli"] == "Israel"
    assert d["Palestinians"] == "Palestine" and d["Qataris"] == "Qatar"
    assert d["U.S."] == "United States" and d["US"] == "United States" and d["Americans"] == "United States"
    assert d["Britons"] == "United Kingdom" and d["U.K."] == "United Kingdom"
    assert d["Taiwanese"] == "Taiwan" and d["Kosovars"] == "Kosovo" and d["Hong Konger"] == "Hong Kong"
    assert d["Emirati"] == "United Arab Emirates" and d["Egyptians"] == "Egypt"
    assert d["Nigerien"] == "Niger" and d["Nigerian"] == "Nigeria"
    assert "Korean" not in d
    d["Martian"] = "Mars"  # callers get a copy
    assert "Martian" not in load_demonyms()


def test_demonym_country():
    assert demonym_country("Qatari") == "Qatar"
    assert demonym_country("Israelis") == "Israel"
    assert demonym_country("ISRAELI") == "Israel"
    assert demonym_country("Israeli's") == "Israel"
    assert demonym_country("Palestinians\u2019") == "Palestine"
    assert demonym_country("North Korean") == "North Korea"
    assert demonym_country("us") is None and demonym_country("polish") is None
    assert demonym_country("Us") is None  # acronyms match exactly only
    assert demonym_country("Israel") is None  # a country name is not a demonym


def test_demonyms_cover_un_members_and_are_unique():
    text = (files("framing") / "lexicons" / "demonyms.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    countries = [r["country"] for r in rows]
    assert len(countries) == len(set(countries))
    assert len(countries) >= 193 + 2
    for c in ["Afghanistan", "Zimbabwe", "Eswatini", "South Sudan", "Timor-Leste", "Tuvalu", "Palestine",
              "Holy See", "Taiwan", "Kosovo", "Hong Kong", "Israel", "Lebanon", "Yemen", "Ukraine"]:
        assert c in countries, c
    seen: dict[str, str] = {}
    for r in rows:
        for dem in filter(None, r["demonyms"].split("|")):
            assert dem not in seen, (dem, r["country"], seen.get(dem))
            seen[dem] = r["country"]


def test_demonyms_extra_and_errors(tmp_path):
    extra = tmp_path / "dem.csv"
    extra.write_text("country,demonyms\nKurdistan Region,Kurdistani|Kurdistanis\n", encoding="utf-8")
    assert load_demonyms(extra)["Kurdistanis"] == "Kurdistan Region"
    bad = tmp_path / "bad.csv"
    bad.write_text("country,demonyms\nA,Aan\nB,Aan\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_demonyms(bad)
    assert info.value.line == 3 and "already belongs to 'A'" in info.value.message


# --------------------------------------------------------------------------- VADER additions
def test_vader_additions_shipped():
    add = load_vader_additions()
    assert add["massacre"] == -3.5
    assert add["ceasefire"] == 1.5
    assert {"hostage", "hostages", "famine", "shelling", "airstrike", "casualties", "displaced", "atrocity",
            "annexation", "blockade", "humanitarian", "truce"} <= set(add)
    assert all(-4 <= v <= 4 for v in add.values())
    assert all(w == w.lower() and " " not in w for w in add)


def test_vader_additions_fill_gaps_only():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    add = load_vader_additions()
    assert not set(add) & set(analyzer.lexicon)  # additions, not overrides
    sentence = "The massacre was reported by witnesses"
    assert analyzer.polarity_scores(sentence)["compound"] == 0.0
    analyzer.lexicon.update(add)
    assert analyzer.polarity_scores(sentence)["compound"] < -0.5


def test_vader_additions_user_file(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("# mine\nSkirmish\t-1.5\n\n", encoding="utf-8")
    assert load_vader_additions(path) == {"skirmish": -1.5}
    path.write_text("skirmish\t-1.5\nsiege -9\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_vader_additions(path)
    assert info.value.line == 2 and "outside -4..+4" in info.value.message
    path.write_text("ethnic cleansing\t-3\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"v\.txt:1: expected"):
        load_vader_additions(path)


def test_spelling_variants_in_a_form_slot():
    """A slot may hold British and American spellings: the first is the form, the others are matched too."""
    verbs = parse_verb_csv("lemma,category,forms\nlabel,accusatory,label|labels|labelled/labeled|labelled/labeled|"
                           "labelling/labeling\n")
    lex = lx.VerbLexicon(verbs)
    assert verbs[0].forms == ("label", "labels", "labelled", "labelled", "labelling")
    assert verbs[0].variants == ("labeled", "labeling")
    assert lex.lookup("labeled").lemma == lex.lookup("labelling").lemma == "label"
    assert load_verbs().lookup("labeling").lemma == "label"  # the shipped row lists both spellings
    with pytest.raises(LexiconError, match="'labeled' already belongs to 'label'"):
        parse_verb_csv("lemma,category,forms\nlabel,accusatory,label|labels|labelled/labeled|labelled|labelling\n"
                       "labe,neutral,labe|labes|labeled|labeled|labing\n")

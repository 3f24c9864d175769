"""actors.yaml validation and speaker -> party mapping."""

from __future__ import annotations

import pytest

from framing.exceptions import ActorsError
from framing.label.parties import Actors, PartyMatcher, demonyms_for, load_actors

ACTORS = """\
parties:
  Valdoria:
    aliases: [Valdorian Foreign Ministry, Valdorian army]
    members: [Anton Vasko, Dana Rusk]
  Estland:
    aliases: [Estlandic Foreign Ministry]
    members: [Tomas Ek]
  Israel:
    aliases: [Israel Defense Forces]
    members: []
"""


@pytest.fixture
def matcher(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text(ACTORS)
    return PartyMatcher(load_actors(p))


@pytest.mark.parametrize("speaker, mention, kind, party", [
    ("Anton Vasko", "Foreign Minister Anton Vasko", "person", "Valdoria"),
    ("Vasko", "Vasko", "person", "Valdoria"),                                 # surname once introduced
    ("Tomas Ek", "the spokesman", "person", "Estland"),
    ("senior Valdorian official", "a senior Valdorian official", "anonymous", "Valdoria"),  # demonym
    ("Valdorian officials", "Valdorian officials", "anonymous", "Valdoria"),
    ("Estlandic Foreign Ministry spokesman", "an Estlandic Foreign Ministry spokesman", "anonymous", "Estland"),
    ("Mara Quill", "Estlandic Foreign Ministry spokesman Mara Quill", "person", "Estland"),  # alias in descriptor
    ("Israeli official", "an Israeli official", "anonymous", "Israel"),       # shipped real demonym
    ("experts", "experts", "collective", None),
    ("Lena Park", "Lena Park", "person", None),
])
def test_party_of(matcher, speaker, mention, kind, party):
    assert matcher.party_of(speaker, mention, kind) == party


def test_longest_alias_wins(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text("parties:\n  A:\n    aliases: [Ministry]\n  B:\n    aliases: [Northern Ministry of Health]\n")
    assert PartyMatcher(load_actors(p)).party_of("Northern Ministry of Health", None, "organisation") == "B"


def test_demonym_rules():
    assert demonyms_for("Valdoria") == {"Valdorian", "Valdorians"}
    assert "Estlandic" in demonyms_for("Estland")
    assert "Sarnethi" in demonyms_for("Sarneth")
    assert "Qatari" in demonyms_for("Qatar")


def test_mention_patterns_find_parties_in_narrative(matcher):
    pats = matcher.mention_patterns()
    assert pats["Valdoria"].search("Valdorian guns fired")
    assert pats["Estland"].search("talks with Ek on Monday")
    assert not pats["Estland"].search("Valdorian guns fired")


def test_unknown_key_names_file_and_line(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties:\n  A:\n    aliases: [x]\n    memebers: [y]\n")
    with pytest.raises(ActorsError) as e:
        load_actors(p)
    assert e.value.line == 4 and "memebers" in str(e.value) and str(p) in str(e.value)


def test_unknown_top_level_key(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties: {}\nparty: {}\n")
    with pytest.raises(ActorsError) as e:
        load_actors(p)
    assert e.value.line == 2


def test_yaml_error_names_line(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties:\n  A:\n    aliases: [x\n  B: {}\n")
    with pytest.raises(ActorsError) as e:
        load_actors(p)
    assert e.value.line is not None and "not valid YAML" in str(e.value)


def test_python_tags_are_rejected_not_executed(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ActorsError):
        load_actors(p)


def test_no_actors_no_parties():
    assert PartyMatcher(Actors()).party_of("Anton Vasko", "Anton Vasko", "person") is None


# --- fast paths: memoised party_of, MentionPatterns ---------------------------------------------------

def test_party_of_is_memoised_and_matcher_pickles(matcher):
    import pickle

    args = ("Vasko", "Vasko", "person", None)
    assert matcher.party_of(*args) == matcher.party_of(*args) == "Valdoria"
    assert matcher._memo.cache_info().hits >= 1
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone.party_of(*args) == "Valdoria" and clone.party_of("experts", None, "collective") is None


def test_mention_patterns_union_matches_where_any_party_does(matcher):
    import pickle

    pats = matcher.mention_patterns()
    assert isinstance(pats, dict) and pats.fast_patterns(pats) is not None
    union, folded_union, folded = pats.fast_patterns(pats)
    texts = ["Valdorian guns fired", "talks with Ek on Monday", "EK, the VALDORIAN army", "weekend",
             "Anton  Vasko met Israel Defense Forces", "an Estlandic-Valdorian deal", "nothing here"]
    for t in texts:
        for i in range(len(t) + 1):
            if any(p.match(t, i) for p in pats.values()):
                assert union.match(t, i)
            low = t.lower()
            for k, p in pats.items():  # the case-sensitive twins on lower-cased text find the same
                assert bool(p.match(t, i)) == bool(folded[k].match(low, i))
            assert bool(union.match(t, i)) == bool(folded_union.match(low, i))
    # a replaced pattern disables the fast path; a pickled copy keeps it
    changed = type(pats)(pats)
    changed._built = dict(pats)
    changed["Valdoria"] = pats["Estland"]
    assert changed.fast_patterns(changed) is None
    assert pickle.loads(pickle.dumps(pats)).fast_patterns(pats) is not None


def test_non_ascii_names_have_no_folded_patterns(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties:\n  Café:\n    members: [Ana Berg]\n", encoding="utf-8")
    pats = PartyMatcher(load_actors(p)).mention_patterns()
    union, folded_union, folded = pats.fast_patterns(pats)
    assert folded_union is None and folded is None and union.search("the CAFÉ")

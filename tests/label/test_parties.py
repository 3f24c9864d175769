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


# ------------------------------------------------------------------------ issue 15: hostile actors.yaml

@pytest.mark.parametrize("text, line, message", [
    ("parties:\n  V:\n    aliases: [Port Aster Council]\n  E:\n    aliases: [Ministry, port aster council]\n",
     5,
     "alias 'port aster council' is given to both 'V' (line 3) and 'E'; an alias may name one party only"),
    ("parties:\n  V:\n    members: [Ana Berg]\n    aliases: [2026-02-30]\n", 4,
     "not valid YAML: '2026-02-30' is not a valid date or time (day is out of range for month)"),
    ("parties:\n  V:\n    aliases: [2026-01-01T25:00:00]\n", 3,
     "not valid YAML: '2026-01-01T25:00:00' is not a valid date or time (hour must be in 0..23)"),
    ("parties:\n  V:\n    aliases: " + "[" * 200 + "]" * 200 + "\n", 3,
     "actors file is nested more than 100 levels deep"),
    ("parties:\n  V:\n    aliases: &a [Valdoria]\n  E:\n    aliases: *a\n", 5,
     "actors file uses a YAML alias (*name); write the values out instead"),
])
def test_hostile_actors_files_are_refused_with_file_and_line(tmp_path, text, line, message):
    p = tmp_path / "actors.yaml"
    p.write_text(text)
    with pytest.raises(ActorsError) as exc:
        load_actors(p)
    assert (exc.value.file, exc.value.line, exc.value.message) == (str(p), line, message)


def test_the_same_alias_twice_in_one_party_is_still_accepted(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("parties:\n  V:\n    aliases: [Port Aster, port aster]\n")
    assert PartyMatcher(load_actors(p)).party_of("a Port Aster official", None, "anonymous") == "V"


def _brute_force_alias(matcher, text):
    """The alias rule as it was written before the index: every pattern searched, longest match wins."""
    best = None
    for pat, party in matcher.alias_patterns:
        m = pat.search(text)
        if m and (best is None or len(m.group()) > len(best[0])):
            best = (m.group(), party)
    return best[1] if best else None


def test_alias_index_finds_what_searching_every_pattern_finds():
    actors = Actors.from_dict({"parties": {
        "Valdoria": {"aliases": ["Valdorian army", "Port Aster Council", "Council"], "members": ["Ana Berg"]},
        "Estland": {"aliases": ["Estlandic Foreign Ministry", "Aster"]},
        "Sarneth": {"aliases": ["U.S.-Sarneth Forum", "Kiel Group", "Søndre Union"]},
        "Israel": {"aliases": ["Israel Defense Forces"]},
    }})
    m = PartyMatcher(actors)
    texts = ["a Valdorian army officer", "the Port  Aster\nCouncil said", "Aster council",
             "Estlandic officials",
             "the U.S.-Sarneth Forum", "KIEL GROUP", "\u212aiel Group", "søndre union", "Israeli officials",
             "Valdorians and Estlanders", "council of Aster", "nobody at all", "", "Port Aster Councils",
             "an official of the Council and the Valdorian army and the Estlandic Foreign Ministry"]
    for text in texts:
        assert m._alias(text) == _brute_force_alias(m, text), text
    assert m._alias("\u212aiel Group") == "Sarneth"  # Kelvin sign: re.IGNORECASE matches it to k


def test_a_matcher_of_many_parties_is_built_without_compiling_every_pattern():
    parties = {f"Partyland{i}": {"aliases": [f"Council {i}"], "members": [f"Ana Member{i}"]}
               for i in range(3000)}
    m = PartyMatcher(Actors.from_dict({"parties": parties}))
    assert m._aliases.compiled == {}  # nothing compiled until a text could match
    assert m.party_of("Ana Member1234", None, "person") == "Partyland1234"
    assert m.party_of("a Council 17 spokesman", None, "anonymous") == "Partyland17"
    assert 1 <= len(m._aliases.compiled) <= 4  # only the patterns whose rarest word the text holds
    pats = m.mention_patterns()
    assert pats["Partyland7"].search("said Ana Member7 on Monday").group() == "Ana Member7"


def test_a_lone_surrogate_escape_in_actors_is_replaced(tmp_path):
    from framing.exceptions import FramingWarning

    p = tmp_path / "actors.yaml"
    p.write_text('parties:\n  "Valdoria \\ud83d":\n    members: [Ana Berg]\n')
    with pytest.warns(FramingWarning, match=r"actors.yaml: 1 lone surrogate\(s\)"):
        actors = load_actors(p)
    assert actors.names == ["Valdoria \ufffd"]

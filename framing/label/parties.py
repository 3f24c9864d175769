"""Parties: the ``actors.yaml`` model, its validation, and speaker -> party mapping.

``actors.yaml``::

    parties:
      Valdoria:
        aliases: [Valdorian Foreign Ministry, Valdorian army]
        members: [Anton Vasko, Dana Rusk]

>>> actors = Actors.from_dict({"parties": {"Valdoria": {"aliases": ["Valdorian army"], "members": ["Anton Vasko"]}}})
>>> m = PartyMatcher(actors)
>>> m.party_of("Anton Vasko", "Foreign Minister Anton Vasko", "person")
'Valdoria'
>>> m.party_of("senior Valdorian official", "a senior Valdorian official", "anonymous")
'Valdoria'
>>> m.party_of("Vasko", "Vasko", "person")
'Valdoria'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from ..exceptions import ActorsError
from ..extract.wordscan import WordScan
from .namepatterns import LazyPattern, _AliasIndex, _pattern, _refold, _scan_pattern, _source

_PARTY_KEYS = {"aliases", "members"}


@dataclass
class Party:
    """A side of the story: its name, the organisations that speak for it, and its people."""

    name: str
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


@dataclass
class Actors:
    """All parties of a study (from ``actors.yaml``)."""

    parties: dict[str, Party] = field(default_factory=dict)
    source: str | None = None

    @classmethod
    def from_dict(cls, data: dict, source: str | None = None) -> "Actors":
        def names(values) -> list[str]:  # blank names would match everything: dropped
            return [str(v).strip() for v in values or [] if v is not None and str(v).strip()]

        parties = {}
        for name, spec in (data.get("parties") or {}).items():
            if name is None or not str(name).strip():
                continue
            spec = spec or {}
            parties[str(name).strip()] = Party(str(name).strip(), names(spec.get("aliases")),
                                               names(spec.get("members")))
        return cls(parties, source)

    @property
    def names(self) -> list[str]:
        return list(self.parties)


def load_actors(path: str | Path | None) -> Actors:
    """Read and validate an ``actors.yaml``; errors name the file and line (:class:`ActorsError`)."""
    if path is None:
        return Actors()
    from ..exceptions import ReadError
    from ..read.decode import decode_bytes
    from ..read.rows import replace_surrogates
    from ..read.yamlload import Refused, load_yaml

    path = Path(path)
    try:
        text = decode_bytes(path.read_bytes(), str(path))[0]  # not UTF-8: read as cp1252, with a warning
    except OSError as exc:
        raise ActorsError(f"cannot read actors file: {exc.strerror or exc}", file=str(path)) from None
    except ReadError as exc:
        raise ActorsError(exc.message, file=str(path)) from None
    try:
        node, data = load_yaml(text)  # no aliases, at most 100 levels, impossible dates refused
    except Refused as exc:
        raise ActorsError(f"actors file {exc.problem}", file=str(path), line=exc.problem_mark.line + 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ActorsError(f"not valid YAML: {problem}", file=str(path), line=line) from None
    if data is None:
        return Actors(source=str(path))
    _validate(node, data, str(path))
    data = replace_surrogates(data, f"{path}:")  # "\ud83d" escapes: half a character, unwritable in any table
    return Actors.from_dict(data, source=str(path))


def _line(node) -> int:
    return node.start_mark.line + 1


def _unique(pairs, what: str, file: str) -> None:
    """Duplicate keys are an error (YAML would silently keep the last one)."""
    seen: dict[str, int] = {}
    for key, _ in pairs:
        name = str(key.value).strip().lower()
        if name in seen:
            raise ActorsError(f"duplicate {what} {key.value!r} (first at line {seen[name]})", file=file,
                              line=_line(key))
        seen[name] = _line(key)


def _validate(node, data, file):
    if not isinstance(node, yaml.MappingNode):
        raise ActorsError("the top level must be a mapping with a 'parties' key", file=file, line=_line(node))
    _unique(node.value, "key", file)
    members: dict[str, str] = {}
    aliases: dict[str, tuple[str, int]] = {}  # alias -> (party, line)
    for key, value in node.value:
        if key.value != "parties":
            raise ActorsError(f"unknown key {key.value!r} (expected 'parties')", file=file, line=_line(key))
        if not isinstance(value, yaml.MappingNode):
            raise ActorsError("'parties' must map party names to {aliases, members}", file=file, line=_line(value))
        _unique(value.value, "party", file)
        for pkey, pval in value.value:
            if not isinstance(pkey, yaml.ScalarNode) or not pkey.value.strip() or pkey.tag.endswith(":null"):
                raise ActorsError("a party name must be a non-empty name", file=file, line=_line(pkey))
            if isinstance(pval, yaml.ScalarNode) and pval.value in ("", "~", "null"):
                continue
            if not isinstance(pval, yaml.MappingNode):
                raise ActorsError(f"party {pkey.value!r} must be a mapping with aliases/members", file=file,
                                  line=_line(pval))
            _unique(pval.value, f"key in party {pkey.value!r}:", file)
            for k, v in pval.value:
                if k.value not in _PARTY_KEYS:
                    raise ActorsError(f"unknown key {k.value!r} in party {pkey.value!r} (expected aliases, members)",
                                      file=file, line=_line(k))
                if isinstance(v, yaml.ScalarNode) and v.value in ("", "~", "null"):
                    continue
                if not isinstance(v, yaml.SequenceNode) or not all(isinstance(x, yaml.ScalarNode) for x in v.value):
                    raise ActorsError(f"{k.value!r} of party {pkey.value!r} must be a list of names", file=file,
                                      line=_line(v))
                for x in v.value:
                    if not x.value.strip() or x.tag.endswith(":null"):
                        raise ActorsError(f"{k.value!r} of party {pkey.value!r} has an empty name", file=file,
                                          line=_line(x))
                    if k.value == "aliases":
                        _unique_alias(aliases, x, pkey.value, file)
                    other = members.setdefault(x.value.strip().lower(), pkey.value) if k.value == "members" \
                        else pkey.value
                    if other != pkey.value:
                        raise ActorsError(f"{x.value!r} is a member of both {other!r} and {pkey.value!r}",
                                          file=file, line=_line(x))


def _unique_alias(seen: dict[str, tuple[str, int]], node, party: str, file: str) -> None:
    """An alias may name one party only: under two, the party earlier in the file would silently win."""
    first = seen.setdefault(node.value.strip().lower(), (party, _line(node)))
    if first[0] != party:
        raise ActorsError(f"alias {node.value.strip()!r} is given to both {first[0]!r} (line {first[1]}) and "
                          f"{party!r}; an alias may name one party only", file=file, line=_line(node))


@functools.lru_cache(maxsize=1)
def _demonyms_by_country() -> dict[str, frozenset[str]]:
    """The shipped demonym table by lower-cased country, built once (not once per party)."""
    from ..lexicon import load_demonyms

    out: dict[str, set[str]] = {}
    for dem, country in load_demonyms().items():
        out.setdefault(country.lower(), set()).add(dem)
    return {c: frozenset(d) for c, d in out.items()}


def demonyms_for(country: str) -> set[str]:
    """Demonym forms for a party named after a country: shipped table, else regular English rules.

    >>> sorted(demonyms_for("Valdoria"))
    ['Valdorian', 'Valdorians']
    >>> sorted(demonyms_for("Estland"))[:2]
    ['Estlander', 'Estlanders']
    """
    known = _demonyms_by_country().get(country.lower())
    if known:
        return set(known)
    if " " in country.strip():
        return set()
    c = country
    if c.endswith("ia"):
        base = {c + "n"}
    elif c.endswith("land"):
        base = {c + "ic", c + "er"}
    elif c.endswith("a"):
        base = {c + "n"}
    elif c.endswith(("e", "y")):
        base = {c[:-1] + "ian"}
    else:
        base = {c + "i", c + "ian"}
    return base | {b + "s" for b in base}


class MentionPatterns(dict):
    """{party: compiled mention pattern}, as a plain dict, that also carries ``union`` (matches wherever one
    of them does) and, for all-ASCII names, case-sensitive twins of the patterns for lower-cased text, so
    ``sentiment.party_tone`` scans a sentence once instead of once per party. ``folded_union`` is the
    twin of ``union`` (``_scan_pattern`` of the words, when given)."""

    def __init__(self, patterns: dict, union: re.Pattern | None = None, ascii_words: bool = False,
                 folded_union: re.Pattern | None = None, words: Iterable[str] | None = None):
        super().__init__(patterns)
        self.union = union
        #: the union's ``words`` (when given and ASCII) as a WordScan for lower-cased text: it tells faster
        #: whether a sentence mentions a party (``WordScan.finds``)
        self._scan_words = {w.lower() for w in words if w} if words and ascii_words else None
        self._scan = None
        self.parties_at: dict = {}  # sentiment.party_tone's memo: parties whose words fit a matched text
        self._built = dict(patterns)
        fold = ascii_words and union is not None
        self.folded = {k: _refold(v, v.flags & ~re.I) for k, v in patterns.items()} if fold else None
        if fold and folded_union is None:
            folded_union = _refold(union, union.flags & ~re.I)
        self.folded_union = folded_union if fold else None

    @property
    def scan(self) -> WordScan | None:
        """The union's words as a WordScan, built on first use (three large regexes)."""
        if self._scan is None and self._scan_words:
            self._scan = WordScan(self._scan_words, "", r"\w")
        return self._scan

    def fast_patterns(self, patterns) -> tuple | None:
        """(union, folded union, folded {party: pattern}) if every pattern in ``patterns`` is one built
        here."""
        built = self._built
        if self.union is None or any(built.get(k) != v for k, v in patterns.items()):
            return None
        return self.union, self.folded_union, self.folded


class PartyMatcher:
    """Maps speakers to parties: members (full name, then surname), aliases, demonyms, party names.

    ``party_of`` is memoised per matcher (bounded); do not mutate a matcher after use."""

    def __init__(self, actors: Actors | None):
        self.actors = actors or Actors()
        self.members: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = {}
        entries: list[tuple[str, str, list[str]]] = []  # (pattern source, party, names)
        words_by_party: dict[str, set[str]] = {}
        for p in self.actors.parties.values():
            words = {p.name, *p.aliases}
            for m in (m for m in p.members if m.split()):
                self.members[m.lower()] = p.name
                self.surnames.setdefault(m.split()[-1].lower(), set()).add(p.name)
                words |= {m, m.split()[-1]}
            dem = demonyms_for(p.name)
            words |= dem
            words_by_party[p.name] = words
            aliases = sorted({p.name, *p.aliases}, key=len, reverse=True)
            entries += [(_source([a]), p.name, [a]) for a in aliases]
            if dem:
                entries.append((_source(dem), p.name, sorted(dem)))
        # longest alias first, across parties
        entries.sort(key=lambda t: -len(t[0]))
        self._aliases = _AliasIndex(entries)
        # compiled on first use (LazyPattern): building stays linear in the number of parties
        self._mention_patterns = {name: LazyPattern(None, re.I, w) for name, w in words_by_party.items()
                                  if any(words_by_party[name])}
        # matches wherever some party's pattern does: the union of their words, same boundaries and flags
        self._mention_words = set().union(*words_by_party.values())
        words = self._mention_words
        self._mention_union = LazyPattern(None, re.I, words) if any(words) else None
        self._mention_scan = _scan_pattern(self._mention_words)
        self._ascii_words = all(w.lower().isascii() for ws in words_by_party.values() for w in ws)
        self._memo = functools.lru_cache(maxsize=4096)(self._party_of)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._memo = functools.lru_cache(maxsize=4096)(self._party_of)

    def party_of(self, speaker: str, mention: str | None = None, speaker_type: str | None = None,
                 descriptor: str | None = None) -> str | None:
        """The party of a speaker, or None when nothing in the actors file or demonym table matches."""
        try:
            return self._memo(speaker, mention, speaker_type, descriptor)
        except TypeError:  # unhashable arguments: not memoised
            return self._party_of(speaker, mention, speaker_type, descriptor)

    def _party_of(self, speaker, mention, speaker_type, descriptor):
        if not self.actors.parties:
            return None
        s = (speaker or "").lower()
        if s in self.members:
            return self.members[s]
        if speaker_type in (None, "person"):
            last = s.split()[-1] if s else ""
            parties = self.surnames.get(last)
            if parties and len(parties) == 1 and (len(s.split()) == 1 or speaker_type is None):
                return next(iter(parties))
            if speaker_type == "person":
                text = " ".join(x for x in (mention, descriptor) if x)
                return self._alias(text)
        text = " ".join(x for x in (speaker, mention, descriptor) if x)
        return self._alias(text)

    def _alias(self, text: str) -> str | None:
        return self._aliases.best(text)

    @property
    def alias_patterns(self) -> list[tuple[re.Pattern, str]]:
        """(pattern, party) for every alias and demonym set, longest pattern first (compiled here)."""
        return [(re.compile(src, re.I), party) for src, party, _ in self._aliases.entries]

    def any_mention_pattern(self) -> re.Pattern | None:
        """One pattern matching a mention of any party (to skip sentences that mention none)."""
        words = set()
        for p in self.actors.parties.values():
            words |= {p.name, *p.aliases, *p.members, *(m.split()[-1] for m in p.members), *demonyms_for(p.name)}
        return _pattern(words)

    def mention_patterns(self) -> dict[str, re.Pattern]:
        """One compiled pattern per party matching its name, aliases, people and demonyms in narrative
        (a :class:`MentionPatterns` dict)."""
        return MentionPatterns(dict(self._mention_patterns),
                               self._mention_union, self._ascii_words, self._mention_scan, self._mention_words)

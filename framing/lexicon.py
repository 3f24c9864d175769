"""Shipped lexicons (package data in ``framing/lexicons/``) and their loader.

One CSV of reporting verbs drives both attribution detection and verb-stance classification;
small word lists, a demonym table and opt-in VADER additions complete the package data.
See ``framing/lexicons/README.md`` for the file formats and category definitions.

Its 530 lines are one loader per shipped file (verbs, word lists, demonyms, VADER additions), each with
the merge of the user's own file and the line-numbered checks that make a typo in it a clear error; they
share the reading and the error type, so they stay together.

Example:
    >>> from framing.lexicon import load_verbs, demonym_country
    >>> verbs = load_verbs()
    >>> verbs.lookup("claimed").category, verbs.lookup("vowed").lemma
    ('distancing', 'vow')
    >>> demonym_country("Qatari")
    'Qatar'
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

CATEGORIES: tuple[str, ...] = (
    "neutral", "endorsing", "insistent", "distancing", "tentative", "concessive",
    "denial", "accusatory", "warning", "directive", "emotive", "question",
)
"""Verb categories, in reporting order (see lexicons/README.md for definitions)."""

OBJECTS: tuple[str, ...] = (
    "none", "person", "to_person", "with_person", "person_of", "person_to", "person_for", "person_as",
)
"""What may stand between a verb and its content (see lexicons/README.md)."""

VERB_COLUMNS: tuple[str, ...] = (
    "lemma", "category", "stance", "forms", "object", "ambiguous", "nouns", "sources", "note",
)
WORDLISTS: tuple[str, ...] = (
    "titles", "role_nouns", "collectives", "organisation_heads", "anonymity_markers", "abbreviations",
    "given_names_female", "given_names_male",
)

_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"", "0", "false", "no", "n"}
_LEMMA_RE = re.compile(r"^[a-z][a-z' -]*[a-z]$")
_VOWELS = set("aeiou")


class LexiconError(ValueError):
    """A lexicon file is malformed; ``str(err)`` is ``"file:line: message"``.

    Example:
        >>> str(LexiconError("my.csv", 3, "unknown category 'x'"))
        "my.csv:3: unknown category 'x'"
    """

    def __init__(self, file: str | Path, line: int, message: str):
        self.file = str(file)
        self.line = line
        self.message = message
        super().__init__(f"{self.file}:{line}: {message}")

    def __reduce__(self):
        return (type(self), (self.file, self.line, self.message))


@dataclass(frozen=True)
class Verb:
    """One reporting verb or phrase.

    ``stance`` is the reporter's stance toward the reported content (+2 endorses .. -2 distances),
    ``None`` where the category evaluates the speaker or the act instead.

    Example:
        >>> v = load_verbs().lookup("said")
        >>> (v.lemma, v.category, v.stance, v.forms[2])
        ('say', 'neutral', 0.0, 'said')
    """

    lemma: str
    category: str
    stance: float | None
    object: str
    ambiguous: bool
    forms: tuple[str, ...]
    nouns: tuple[str, ...]
    sources: tuple[str, ...] = ()
    note: str = ""
    variants: tuple[str, ...] = ()  # other spellings of the forms ("labeled" beside "labelled")

    @property
    def is_phrase(self) -> bool:
        """True for multiword entries ("call for", "according to")."""
        return " " in self.lemma


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


# --------------------------------------------------------------------------- morphology
def _double_final(word: str) -> bool:
    """One-syllable word ending consonant-vowel-consonant (not w/x/y): slam -> slammed."""
    groups = re.findall(r"[aeiouy]+", word[1:] if word[0] == "y" else word)
    if len(groups) != 1 or len(word) < 3:
        return False
    a, b, c = word[-3:]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy"


def _inflect_word(w: str) -> tuple[str, str, str, str, str]:
    cons_y = len(w) > 1 and w.endswith("y") and w[-2] not in _VOWELS
    if cons_y:
        third = w[:-1] + "ies"
    elif w.endswith(("s", "x", "z", "ch", "sh")) or (w.endswith("o") and len(w) > 1 and w[-2] not in _VOWELS):
        third = w + "es"
    else:
        third = w + "s"
    if w.endswith("e"):
        past = w + "d"
    elif cons_y:
        past = w[:-1] + "ied"
    elif _double_final(w):
        past = w + w[-1] + "ed"
    else:
        past = w + "ed"
    if w.endswith("ie"):
        ing = w[:-2] + "ying"
    elif w.endswith(("ee", "ye", "oe")) or w == "be":
        ing = w + "ing"
    elif w.endswith("e"):
        ing = w[:-1] + "ing"
    elif _double_final(w):
        ing = w + w[-1] + "ing"
    else:
        ing = w + "ing"
    return (w, third, past, past, ing)


def inflect(lemma: str) -> tuple[str, ...]:
    """Regular inflections ``(base, 3sg, past, past participle, present participle)``.

    Rule (used for user rows whose ``forms`` is empty): 3sg adds -es after s/x/z/ch/sh and
    consonant+o, -ies for consonant+y, else -s; past = participle adds -d after e, -ied for
    consonant+y, doubles the final consonant of a one-syllable consonant-vowel-consonant word
    (not w/x/y), else -ed; -ing drops a final silent e (ie -> ying; ee/ye/oe keep it).
    Phrases inflect their first word. Irregular verbs (and stress-final doubling such as
    admit -> admitted) need explicit forms.

    Example:
        >>> inflect("slam")
        ('slam', 'slams', 'slammed', 'slammed', 'slamming')
        >>> inflect("call for")
        ('call for', 'calls for', 'called for', 'called for', 'calling for')
    """
    words = _norm(lemma).split(" ")
    if not words or not words[0]:
        raise ValueError("cannot inflect an empty lemma")
    rest = (" " + " ".join(words[1:])) if len(words) > 1 else ""
    return tuple(f + rest for f in _inflect_word(words[0]))


# --------------------------------------------------------------------------- verb lexicon
class VerbLexicon:
    """Reporting verbs indexed by lemma, inflected surface form and noun cue.

    Later verbs win: a lemma given twice keeps the last row, and a surface form or noun cue
    claimed by two lemmas maps to the later one. Instances are read-only; ``merge`` returns
    a new lexicon.

    Example:
        >>> lex = load_verbs()
        >>> lex.lookup("Called For").lemma, lex.phrases["according to"].category
        ('call for', 'neutral')
        >>> lex.nouns["denials"].lemma
        'deny'
    """

    def __init__(self, verbs: Iterable[Verb] = ()):
        by_lemma: dict[str, Verb] = {}
        for v in verbs:
            by_lemma.pop(v.lemma, None)
            by_lemma[v.lemma] = v
        forms: dict[str, Verb] = {}
        phrases: dict[str, Verb] = {}
        nouns: dict[str, Verb] = {}
        for v in by_lemma.values():
            for f in v.forms + v.variants:
                (phrases if " " in f else forms)[f] = v
            for n in v.nouns:
                nouns[n] = v
        self._by_lemma = by_lemma
        self._forms = MappingProxyType(forms)
        self._phrases = MappingProxyType(phrases)
        self._nouns = MappingProxyType(nouns)

    @property
    def forms(self) -> Mapping[str, Verb]:
        """Single-word lowercase surface form -> Verb (read-only mapping)."""
        return self._forms

    @property
    def phrases(self) -> Mapping[str, Verb]:
        """Multiword lowercase surface form ("called for", "according to") -> Verb."""
        return self._phrases

    @property
    def nouns(self) -> Mapping[str, Verb]:
        """Noun cue surface form, singular and plural ("claim", "claims") -> Verb."""
        return self._nouns

    @property
    def categories(self) -> list[str]:
        """Categories present, in the canonical ``CATEGORIES`` order."""
        present = {v.category for v in self._by_lemma.values()}
        return [c for c in CATEGORIES if c in present]

    @property
    def max_phrase_words(self) -> int:
        """Length in words of the longest multiword surface form (1 if there is none)."""
        return max((len(p.split(" ")) for p in self._phrases), default=1)

    def lookup(self, word_or_phrase: str) -> Verb | None:
        """Verb for any inflected form or lemma, case- and whitespace-insensitive; else None."""
        key = _norm(word_or_phrase)
        return self._forms.get(key) or self._phrases.get(key) or self._by_lemma.get(key)

    def by_category(self, category: str) -> tuple[Verb, ...]:
        """All verbs of one category, in file order."""
        return tuple(v for v in self._by_lemma.values() if v.category == category)

    def merge(self, other: VerbLexicon | Iterable[Verb]) -> VerbLexicon:
        """New lexicon with ``other``'s verbs added; its lemmas override ours."""
        return VerbLexicon([*self._by_lemma.values(), *other])

    def __len__(self) -> int:
        return len(self._by_lemma)

    def __iter__(self) -> Iterator[Verb]:
        return iter(self._by_lemma.values())

    def __contains__(self, word_or_phrase: object) -> bool:
        return isinstance(word_or_phrase, str) and self.lookup(word_or_phrase) is not None

    def __repr__(self) -> str:
        return f"VerbLexicon({len(self)} lemmas, {len(self._forms) + len(self._phrases)} forms)"


def _split(cell: str | None, sep: str = "|") -> list[str]:
    return [p for p in (_norm(x) for x in (cell or "").split(sep)) if p]


def _parse_verb_row(row: dict[str, str | None], file: str, line: int, require_forms: bool) -> Verb:
    def err(msg: str) -> LexiconError:
        return LexiconError(file, line, msg)

    lemma = _norm(row.get("lemma") or "")
    if not _LEMMA_RE.match(lemma):
        raise err(f"invalid lemma {lemma!r} (lowercase letters, spaces, hyphens, apostrophes)")
    category = _norm(row.get("category") or "")
    if category not in CATEGORIES:
        raise err(f"{lemma}: unknown category {category!r}; expected one of {', '.join(CATEGORIES)}")
    raw_stance = _norm(row.get("stance") or "")
    stance: float | None = None
    if raw_stance not in ("", "n/a", "na"):
        try:
            stance = float(raw_stance)
        except ValueError:
            raise err(f"{lemma}: stance {raw_stance!r} is not a number") from None
        if not -2.0 <= stance <= 2.0:
            raise err(f"{lemma}: stance {stance} outside -2..+2")
    slots = _split(row.get("forms"))  # a slot may hold spellings: "labelled/labeled" (the first is the form)
    forms = tuple(slot.split("/")[0].strip() for slot in slots)
    variants = tuple(dict.fromkeys(v.strip() for slot in slots for v in slot.split("/")[1:] if v.strip()))
    if not forms:
        if require_forms:
            raise err(f"{lemma}: forms are required in this file")
        forms = inflect(lemma)
    if len(forms) != 5:
        raise err(f"{lemma}: forms needs 5 entries base|3sg|past|participle|-ing, got {len(forms)}")
    if forms[0] != lemma:
        raise err(f"{lemma}: first form {forms[0]!r} must be the lemma")
    obj = _norm(row.get("object") or "") or "none"
    if obj not in OBJECTS:
        raise err(f"{lemma}: unknown object {obj!r}; expected one of {', '.join(OBJECTS)}")
    amb = _norm(row.get("ambiguous") or "")
    if amb not in _TRUE | _FALSE:
        raise err(f"{lemma}: ambiguous must be 0 or 1, got {amb!r}")
    sources = tuple(s.strip() for s in (row.get("sources") or "").split(";") if s.strip())
    return Verb(lemma=lemma, category=category, stance=stance, object=obj, ambiguous=amb in _TRUE,
                forms=forms, nouns=tuple(_split(row.get("nouns"))),
                sources=sources, note=(row.get("note") or "").strip(), variants=variants)


def parse_verb_csv(text: str, file: str = "<string>", require_forms: bool = False) -> list[Verb]:
    """Parse reporting-verb CSV text (columns ``VERB_COLUMNS``; lemma and category required).

    Rows whose lemma starts with ``#`` and blank rows are skipped. Within one file a lemma,
    surface form or noun cue may belong to one lemma only.

    Example:
        >>> [v.forms[2] for v in parse_verb_csv("lemma,category\\nrant,emotive\\n")]
        ['ranted']
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [_norm(h) for h in (reader.fieldnames or [])]
    if not header:
        raise LexiconError(file, 1, "empty file: expected a header row")
    reader.fieldnames = header
    unknown = [h for h in header if h not in VERB_COLUMNS]
    if unknown:
        raise LexiconError(file, 1, f"unknown column(s) {unknown}; expected {', '.join(VERB_COLUMNS)}")
    for needed in ("lemma", "category"):
        if needed not in header:
            raise LexiconError(file, 1, f"missing required column {needed!r}")
    verbs: list[Verb] = []
    form_owner: dict[str, str] = {}
    noun_owner: dict[str, str] = {}
    lemmas: set[str] = set()
    for row in reader:
        line = reader.line_num
        if None in row:
            raise LexiconError(file, line, f"too many fields ({len(header) + len(row[None])})")
        lemma_cell = (row.get("lemma") or "").strip()
        if not any((v or "").strip() for v in row.values()) or lemma_cell.startswith("#"):
            continue
        verb = _parse_verb_row(row, file, line, require_forms)
        if verb.lemma in lemmas:
            raise LexiconError(file, line, f"duplicate lemma {verb.lemma!r}")
        lemmas.add(verb.lemma)
        for owner, kind, keys in ((form_owner, "form", verb.forms + verb.variants), (noun_owner, "noun", verb.nouns)):
            for key in keys:
                if owner.get(key, verb.lemma) != verb.lemma:
                    raise LexiconError(file, line, f"{verb.lemma}: {kind} {key!r} already belongs to "
                                                   f"{owner[key]!r}")
                owner[key] = verb.lemma
        verbs.append(verb)
    return verbs


def _package_file(name: str):
    return files("framing") / "lexicons" / name


@functools.lru_cache(maxsize=1)
def _default_verbs() -> VerbLexicon:
    res = _package_file("reporting_verbs.csv")
    return VerbLexicon(parse_verb_csv(res.read_text(encoding="utf-8"), str(res), require_forms=True))


def load_verbs(extra: str | Path | None = None) -> VerbLexicon:
    """The shipped reporting-verb lexicon, optionally merged with a user CSV (same columns).

    User rows override shipped rows with the same lemma; user rows may omit ``forms``
    (then ``inflect`` generates them). Raises ``LexiconError`` naming file and line.

    Example:
        >>> lex = load_verbs()
        >>> lex.lookup("lashed out").lemma, lex.lookup("according to").stance
        ('lash out', 0.0)
    """
    base = _default_verbs()
    if extra is None:
        return base
    path = Path(extra)
    return base.merge(parse_verb_csv(_read_user_file(path), str(path)))


def _read_user_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise LexiconError(path, 0, f"cannot read file: {exc.strerror or exc}") from exc


# --------------------------------------------------------------------------- word lists
def _parse_lines(text: str) -> Iterator[tuple[int, str]]:
    for i, raw in enumerate(text.splitlines(), start=1):
        entry = " ".join(raw.split("#", 1)[0].split())
        if entry:
            yield i, entry


@functools.lru_cache(maxsize=16)
def _shipped_wordlist(name: str) -> frozenset[str]:
    return frozenset(e for _, e in _parse_lines(_package_file(f"{name}.txt").read_text(encoding="utf-8")))


def load_wordlist(name: str, extra: str | Path | None = None) -> frozenset[str]:
    """A shipped word list by name (``WORDLISTS``; ".txt" optional), one entry per line.

    ``extra`` is a user file in the same format added to it; a user line ``!entry`` removes
    an entry. Shipped lists are lowercase: compare lowercased text.

    Example:
        >>> "prime minister" in load_wordlist("titles"), "u.s" in load_wordlist("abbreviations")
        (True, True)
    """
    key = name.removesuffix(".txt")
    if key not in WORDLISTS:
        raise ValueError(f"unknown word list {name!r}; expected one of {', '.join(WORDLISTS)}")
    entries = _shipped_wordlist(key)
    if extra is None:
        return entries
    path = Path(extra)
    add, remove = set(), set()
    for _, entry in _parse_lines(_read_user_file(path)):
        if entry.startswith("!"):
            remove.add(entry[1:].strip())
        else:
            add.add(entry)
    return frozenset((entries | add) - remove)


# --------------------------------------------------------------------------- demonyms
def _parse_demonyms(text: str, file: str) -> dict[str, str]:
    reader = csv.DictReader(io.StringIO(text))
    if [h.strip().lower() for h in reader.fieldnames or []] != ["country", "demonyms"]:
        raise LexiconError(file, 1, "header must be: country,demonyms")
    reader.fieldnames = ["country", "demonyms"]
    out: dict[str, str] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise LexiconError(file, line, "too many fields (quote a demonym cell containing commas)")
        country = " ".join((row["country"] or "").split())
        if not country:
            if (row["demonyms"] or "").strip():
                raise LexiconError(file, line, "demonyms without a country")
            continue
        for d in (" ".join(x.split()) for x in (row["demonyms"] or "").split("|")):
            if not d:
                continue
            if d in out and out[d] != country:
                raise LexiconError(file, line, f"demonym {d!r} already belongs to {out[d]!r}")
            out[d] = country
    return out


@functools.lru_cache(maxsize=1)
def _default_demonyms() -> Mapping[str, str]:
    res = _package_file("demonyms.csv")
    return MappingProxyType(_parse_demonyms(res.read_text(encoding="utf-8"), str(res)))


def load_demonyms(extra: str | Path | None = None) -> dict[str, str]:
    """Demonym surface form (case as in the file) -> country, e.g. "Israelis" -> "Israel".

    ``extra``: a user CSV with the same columns; its entries override shipped ones.

    Example:
        >>> d = load_demonyms()
        >>> d["Israelis"], d["U.S."]
        ('Israel', 'United States')
    """
    out = dict(_default_demonyms())
    if extra is not None:
        path = Path(extra)
        out.update(_parse_demonyms(_read_user_file(path), str(path)))
    return out


@functools.lru_cache(maxsize=1)
def _demonym_folded() -> Mapping[str, str]:
    # case-insensitive fallback only for entries with lowercase letters ("Qatari"), never acronyms ("US")
    return MappingProxyType({d.lower(): c for d, c in _default_demonyms().items()
                             if any(ch.islower() for ch in d)})


def demonym_country(word: str) -> str | None:
    """Country for a demonym in the shipped table, or None.

    Exact match first, then a case-insensitive match against non-acronym entries unless the
    word is all lowercase (so "ISRAELI" matches, but "polish" and "us" do not); each is retried
    with a trailing possessive ('s or ') stripped.
    Multiword demonyms ("North Korean") are matched whole: try the longest span first.

    Example:
        >>> demonym_country("Qatari"), demonym_country("Palestinians'"), demonym_country("us")
        ('Qatar', 'Palestine', None)
    """
    table = _default_demonyms()
    w = " ".join(word.replace("\u2019", "'").split())
    for cand in (w, re.sub(r"'s?$", "", w)):
        if cand in table:
            return table[cand]
        if not cand.islower() and cand.lower() in _demonym_folded():
            return _demonym_folded()[cand.lower()]
    return None


# --------------------------------------------------------------------------- VADER additions
def _parse_vader(text: str, file: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line, entry in _parse_lines(text):
        parts = entry.split(" ")
        if len(parts) != 2:
            raise LexiconError(file, line, f"expected 'word<TAB>valence', got {entry!r}")
        word, raw = parts[0].lower(), parts[1]
        try:
            val = float(raw)
        except ValueError:
            raise LexiconError(file, line, f"{word}: valence {raw!r} is not a number") from None
        if not -4.0 <= val <= 4.0:
            raise LexiconError(file, line, f"{word}: valence {val} outside -4..+4")
        if word in out:
            raise LexiconError(file, line, f"duplicate word {word!r}")
        out[word] = val
    return out


@functools.lru_cache(maxsize=1)
def _default_vader() -> Mapping[str, float]:
    res = _package_file("vader_news.txt")
    return MappingProxyType(_parse_vader(res.read_text(encoding="utf-8"), str(res)))


def load_vader_additions(path: str | Path | None = None) -> dict[str, float]:
    """Opt-in VADER lexicon additions (word -> valence -4..+4); the shipped file when None.

    Apply with ``analyzer.lexicon.update(load_vader_additions())``.

    Example:
        >>> load_vader_additions()["massacre"] < 0 < load_vader_additions()["ceasefire"]
        True
    """
    if path is None:
        return dict(_default_vader())
    p = Path(path)
    return _parse_vader(_read_user_file(p), str(p))

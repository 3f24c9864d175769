"""The analysis pipeline: Article -> ArticleResult (pure, per article) -> tidy tables.

Per article the unit of work is :func:`analyze_article`; a process pool, a Dask worker or the cache runs
exactly that, and tables are built from the results afterwards, so local, parallel and distributed runs
give identical output in the same order.

>>> from framing.read.corpus import Article
>>> r = analyze_article(Article(id="a", outlet="X", text="“We stay,” said Ana Berg."), Settings())
>>> [(q["speaker"], q["kind"]) for q in r.quotes]
[('Ana Berg', 'direct')]
"""

from __future__ import annotations

import hashlib
import json
import re  # noqa: E402
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .._version import __version__
from ..exceptions import ErrorRecord, FramingError
from ..extract.attribute import extract_quotes
from ..label.parties import Actors, PartyMatcher, load_actors
from ..read.article import count_words


@dataclass
class Settings:
    """Everything that changes per-article results (and so keys the cache): actors, lexicons."""

    actors: Actors | None = None
    verbs_extra: str | None = None
    sentiment_additions: str | dict | None = None
    mask_party_names: bool = False

    def fingerprint(self) -> str:
        """A hash of the settings and the package version (cache key part)."""
        parts = {
            "version": __version__,
            "actors": None if self.actors is None else {
                k: [p.aliases, p.members] for k, p in sorted(self.actors.parties.items())},
            "verbs": _file_digest(self.verbs_extra),
            "sentiment": (self.sentiment_additions if isinstance(self.sentiment_additions, dict)
                          else _file_digest(self.sentiment_additions)),
            "mask": self.mask_party_names,
        }
        return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]

    # per-process helpers (not pickled)
    def __getstate__(self):
        state = dict(self.__dict__)
        for k in ("matcher", "verbs", "sentiment", "mask_words", "mention_patterns", "any_mention"):
            state.pop(k, None)
        return state

    @cached_property
    def matcher(self) -> PartyMatcher:
        return PartyMatcher(self.actors)

    @cached_property
    def mention_patterns(self):
        return self.matcher.mention_patterns()

    @cached_property
    def any_mention(self):
        return self.matcher.any_mention_pattern()

    @cached_property
    def verbs(self):
        from ..lexicon import load_verbs

        return load_verbs(self.verbs_extra)

    @cached_property
    def mask_words(self) -> frozenset:
        return frozenset(self.verbs.forms) | frozenset(self.verbs.phrases)

    @cached_property
    def sentiment(self):
        from ..label.sentiment import Sentiment

        return Sentiment(self.sentiment_additions)


def _file_digest(path) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return str(path)


@dataclass
class ArticleResult:
    """What one article yields: its row in ``articles``, its quotes, party mentions and errors."""

    article: dict
    quotes: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


ARTICLE_FIELDS = ("title", "outlet", "date", "url", "author")


def article_row(article) -> dict:
    """The ``articles`` table row of an article (metadata scalars kept, nested values as JSON)."""
    row = {"article_id": article.id}
    for f in ARTICLE_FIELDS:
        row[f] = getattr(article, f, None)
    row["words"] = article.words
    row["excluded_spans"] = len(article.excluded)
    for k, v in (article.meta or {}).items():
        if k in row or k == "encoding" and v == "utf-8":
            continue
        row[k] = v if isinstance(v, (str, int, float, bool)) or v is None else json.dumps(v, default=str)
    return row


_RELATIVE = re.compile(r"\b(?:who|which|whose|that|whom)\b")


@lru_cache(maxsize=4096)
def _descriptor_for_party(desc: str | None) -> str | None:
    """The parts of a speaker's descriptors that say whom they speak for: appositive noun phrases
    ("director of the Tamsin Relief Network"), not relative clauses ("who helped free an Israeli
    soldier") and not former roles ("a former Valdorian security adviser")."""
    if not desc:
        return None
    desc = _RELATIVE.split(desc, maxsplit=1)[0]
    keep = [p for p in (x.strip() for x in desc.replace(";", ",").split(","))
            if p and not p.lower().startswith(("who ", "which ", "that ", "whose ")) and "former" not in p.lower()]
    return ", ".join(keep) or None


def _any_mention_for(settings: Settings, patterns, body: str):
    """(finds, text): ``finds(text, start, end)`` is true when ``settings.any_mention`` finds a party in
    ``body[start:end]``. Where the lower-cased body finds exactly the same (see
    ``resources.lowered_for_matching``), ``text`` is that and ``finds`` asks the case-sensitive twin (its
    ``WordScan`` when there is one); otherwise it is ``settings.any_mention.search`` on ``body``."""
    from ..extract.resources import lowered_for_matching

    anyp = settings.any_mention
    fast = patterns.fast_patterns(patterns) if hasattr(patterns, "fast_patterns") else None
    # flags as compiled: re.compile adds re.UNICODE to a str pattern's flags, a LazyPattern keeps them as given
    if fast is not None and fast[1] is not None and fast[0].pattern == anyp.pattern and \
            fast[0].flags | re.UNICODE == anyp.flags | re.UNICODE:
        low = lowered_for_matching(body)
        if low is not None:
            scan = getattr(patterns, "scan", None)  # the same words and boundaries as the folded union
            return (scan.finds if scan is not None else fast[1].search), low
    return anyp.search, body


def analyze_article(article, settings: Settings) -> ArticleResult:
    """Extract, resolve, map to parties and score one article. Never raises: errors go in the result."""
    from ..extract.segment import article_sentences
    from ..label.sentiment import _quote_scores, party_tone

    result = ArticleResult(article_row(article))
    try:
        body = article.text
        quotes = extract_quotes(body, article.excluded, settings.verbs)
        party_of = settings.matcher.party_of
        sent = settings.sentiment
        mask_words = settings.mask_words
        aid, outlet, date = article.id, article.outlet, article.date
        title_end = (article.meta or {}).get("title_end")  # a .txt file's first line, when it is a headline
        rows = []
        # score_quote(sent, body, q.start, q.end, [(q.cue_start, q.cue_end)], mask_words) for each quote
        scores = _quote_scores(sent, [(q.content, q.start, q.cue_start, q.cue_end) for q in quotes], mask_words)
        for q, score in zip(quotes, scores):
            row = {"article_id": aid, "outlet": outlet, "date": date}
            row.update(q.__dict__)  # Quote.to_dict() without the intermediate copy
            desc = _descriptor_for_party(q.speaker_descriptor)
            row["party"] = party_of(q.speaker, q.speaker_mention, q.speaker_type, desc)
            row["sentiment"] = round(score, 4)
            row["words"] = count_words(q.content)  # words as in the articles table
            row["headline"] = title_end is not None and q.start < title_end
            rows.append(row)
        result.quotes = rows
        result.article["quotes"] = len({r["attribution_id"] for r in rows})
        patterns = settings.mention_patterns
        if patterns:
            finds, text = _any_mention_for(settings, patterns, body)
            sents = [(s, e) for _, _, split in article_sentences(body, article.excluded) for s, e in split
                     if finds(text, s, e)]  # the split extraction made (remembered by segment)
            tone = party_tone(sent, body, sents, [(q.start, q.end) for q in quotes], patterns,
                              article.excluded, mask_names=settings.mask_party_names)
            result.mentions = [{"article_id": aid, "outlet": outlet, "date": date, "party": m["party"],
                                "start": m["start"], "end": m["end"], "sentence": m["sentence"],
                                "tone": round(m["tone"], 4)} for m in tone]
    except Exception as exc:  # one article must never stop a corpus
        rec = ErrorRecord(article.meta.get("source", article.id) if article.meta else article.id,
                          "analyze", f"{type(exc).__name__}: {exc}")
        result.errors.append(record_with_traceback(rec))
        result.quotes, result.mentions = [], []
    return result


def record_with_traceback(rec: ErrorRecord) -> dict:
    """``rec`` as a dict carrying the traceback of the exception being handled (shown by ``--debug``)."""
    import traceback

    rec.traceback = traceback.format_exc()
    return rec.to_dict(traceback=True)


def settings_for(corpus_path, actors=None, verbs_extra=None, sentiment_additions=None) -> Settings:
    """Build :class:`Settings`, finding ``actors.yaml`` in the corpus folder when none is given."""
    from ..read.corpus import find_actors

    if actors is None and corpus_path is not None:
        p = Path(corpus_path).resolve()
        # the corpus folder's actors.yaml, or the nearest one above a single file or sub-folder
        for folder in [p if p.is_dir() else p.parent, *(p if p.is_dir() else p.parent).parents][:4]:
            actors = find_actors(folder)
            if actors is not None:
                break
    if actors is not None and not isinstance(actors, Actors):
        actors = load_actors(actors)
    settings = Settings(actors=actors, verbs_extra=None if verbs_extra is None else str(verbs_extra),
                        sentiment_additions=sentiment_additions)
    try:  # load the lexicons now: a bad file is one set-up error, not one error per article
        settings.verbs, settings.sentiment
    except (OSError, ValueError) as exc:
        raise FramingError(str(exc), stage="analyze") from None
    return settings

"""Find (never delete) the boilerplate of scraped news pages.

`find_boilerplate(text)` works line by line and returns `Span(start, end, label)` offsets into `text`;
each span covers one whole line without its line break ("\\n" or "\\r\\n"). Labels:

- ``see_also``: "See also  Supreme Court to hear ..."
- ``source_link``: "Source link"
- ``read_more``: "Read more: ...", "READ MORE: ...", "Related: ..."
- ``share``: "Share this article", "Share on Facebook", "Subscribe to our newsletter", "Sign up for ...",
  "Follow us on ...", a line of social-network names
- ``byline``: "By NAME", "By NAME and NAME", "By NAME, Reuters" alone on a line
- ``bio``: the paragraph right after a byline at the end of the page; "NAME is a staff writer ...";
  "I am a ... writer ..."
- ``comments``: "Leave a Reply", "Your email address will not be published. ...", "12 comments", "Comments"
- ``credit``: "NAME reported from PLACE.", "NAME contributed to this report.", "Reporting by ...;
  Editing by ...", "Additional reporting by ..."

Lines are matched whole and conservatively, so article sentences such as "By Monday, the talks had
stalled." or "Reuters reported from Kellerford that eleven people died." are left alone.

>>> text = "Talks resumed on Monday.\\nSee also  Talks stall again\\nBy Jane Doe"
>>> [(s.label, text[s.start:s.end]) for s in find_boilerplate(text)]
[('see_also', 'See also  Talks stall again'), ('byline', 'By Jane Doe')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LABELS", "Span", "find_boilerplate"]

LABELS = ("see_also", "source_link", "read_more", "share", "byline", "bio", "comments", "credit")


@dataclass(frozen=True)
class Span:
    """A labelled character range `[start, end)` of an article body.

    >>> Span(0, 11, "byline")
    Span(start=0, end=11, label='byline')
    """

    start: int
    end: int
    label: str


# Lines are matched after collapsing every run of whitespace (NBSP too) to one space, so " " below
# stands for any whitespace.
_PART = r"(?:de|da|del|der|van|von|la|le|al|el|bin|ibn|dos|du)"
_TOK = r"[A-Z][\w'’.-]*"
_PART_OK = rf"{_PART}(?=(?: {_PART})* [A-Z])"  # a lowercase particle inside a name ("Ana de la Cruz")
# a proper name: capitalised tokens (initials, hyphens, apostrophes) with lowercase particles inside
NAME = rf"{_TOK}(?: (?:{_TOK}|{_PART_OK}))*"
PLACE = rf"{NAME}(?:, {NAME})?"
_AND = r"(?:, | and |, and | & )"
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "noon", "midnight", "then", "now", "far", "late", "early", "the", "this", "that", "next", "last", "all",
}

_SEE_ALSO = re.compile(r"see also\b", re.IGNORECASE)
_SOURCE = re.compile(r"source link ?[:.]?$", re.IGNORECASE)
_READ_MORE = re.compile(r"(?:read more|read also|also read|more reading|related articles?|related stories|"
                        r"related|recommended)\b ?(?P<sep>[:»›→|–—-]|\.\.\.|…)?", re.IGNORECASE)
_SHARE = re.compile(r"(?:click to )?share (?:this|on|via|the|article|story)\b"
                    r"|subscribe (?:to|now|today|for|here)\b|sign up (?:for|to|here|now|today)\b"
                    r"|follow (?:us|me|@\w+)\b", re.IGNORECASE)
_NETWORKS = {"facebook", "twitter", "x", "whatsapp", "email", "e-mail", "linkedin", "reddit", "telegram",
             "pinterest", "tweet", "messenger"}
_SOCIAL = _NETWORKS | {"share", "copy", "link", "print", "mail", "this", "article", "on", "via"}
_BYLINE = re.compile(rf"(?:by|written by|words by) (?P<first>{_TOK})(?P<rest>.*)$", re.IGNORECASE)
_BYLINE_REST = re.compile(
    rf"(?: (?:{_TOK}|{_PART_OK}))*"    # rest of the first name
    rf"(?:(?:,|{_AND}){NAME})*"        # more names, or ", Reuters"
    r"(?: ?[|•·][^.]{0,80})? ?$")      # "| 5 min read"
_BIO_ROLE = r"(?:writer|reporter|correspondent|journalist|columnist|editor|contributor|producer|blogger)s?"
_BIO_THIRD = re.compile(
    rf"{NAME} (?:is|was) (?:a|an|the|our)\b(?:(?!\bformer\b|\bex-)[^.]){{0,80}}?\b{_BIO_ROLE}\b")
_BIO_FIRST = re.compile(rf"I(?: am|’m|'m) (?:a|an|the)\b[^.]{{0,80}}?\b{_BIO_ROLE}\b", re.IGNORECASE)
_COMMENTS = re.compile(
    r"(?:leave a (?:reply|comment)|cancel reply|post comment|add a comment|comments?(?: ?\(\d+\))?|"
    r"\d+ comments?|view comments|show comments|required fields are marked ?\*?) ?[:.]?$"
    r"|your email address will not be published\b", re.IGNORECASE)
_CREDIT_START = re.compile(r"(?i:(?:additional |with )?(?:reporting|writing|editing) by) [A-Z]")
_CREDIT_REPORTED = re.compile(
    rf"{NAME}(?:{_AND}{NAME})* reported from {PLACE}(?:{_AND}{NAME} from {PLACE})*\.$")
_CREDIT_CONTRIB = re.compile(
    rf"{NAME}(?: (?:in|from) {PLACE})?(?:{_AND}{NAME}(?: (?:in|from) {PLACE})?)* (?:also )?contributed "
    rf"(?:reporting|to this (?:report|article|story))(?: from {PLACE})?\.$")
# sentence break: a full stop after a lowercase letter, digit or bracket (not after an initial "J.")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)\]]\.) (?=[A-Z])")
_QUOTES = set("\"“”«»")
_QUOTE = re.compile("[" + "".join(sorted(_QUOTES)) + "]")  # any of _QUOTES (one search, not five)
# every sentence of a credit line that does not start like "Reporting by" says one of these
_CREDIT_WORDS = (" reported from ", " contributed ")


def _is_byline(s: str) -> bool:
    m = _BYLINE.match(s)
    if not m or len(s) > 150 or s.rstrip().endswith((".", ":", ";", "?", "!")):
        return False
    if m.group("first").lower().rstrip(".,") in _NOT_NAMES:
        return False
    return _BYLINE_REST.fullmatch(m.group("rest")) is not None


def _is_social_row(s: str) -> bool:
    words = [w for w in re.split(r"[\s|/·•,:]+", s.lower()) if w]
    return 2 <= len(words) <= 12 and all(w in _SOCIAL for w in words) and any(w in _NETWORKS for w in words)


def _is_credit(s: str) -> bool:
    if len(s) > 400 or _QUOTE.search(s):
        return False
    if _CREDIT_START.match(s):
        return True
    if not any(w in s for w in _CREDIT_WORDS):  # no sentence can be a credit: skip the splitting
        return False
    sentences = _SENTENCE_BREAK.split(s)
    return all(_CREDIT_REPORTED.fullmatch(x) or _CREDIT_CONTRIB.fullmatch(x) for x in sentences)


# What every boilerplate line has (so a line without it is article text, told without _classify's ten tests):
# a start that one of the anchored patterns matches, or a first word that a row of social networks may start
# with (re.I folds at least what str.lower does to them), the words a credit needs, or a third-person bio.
_SOCIAL_START = r"[\s|/·•,:]*(?:" + "|".join(sorted(map(re.escape, _SOCIAL), key=len, reverse=True)) + r")(?![^\s|/·•,:])"
_MAY_START = re.compile("|".join(
    [f"(?i:{p.pattern})" for p in (_SEE_ALSO, _SOURCE, _READ_MORE, _SHARE, _BYLINE, _COMMENTS, _BIO_FIRST)]
    + [_CREDIT_START.pattern, f"(?i:{_SOCIAL_START})"]))


def _may_be_boilerplate(s: str) -> bool:
    """False only for a line that :func:`_classify` finds no label for (most article lines).

    >>> _may_be_boilerplate("Talks resumed on Monday."), _may_be_boilerplate("Share on Facebook")
    (False, True)
    """
    return (_MAY_START.match(s) is not None or " reported from " in s or " contributed " in s
            or _BIO_THIRD.match(s) is not None)


def _classify(s: str) -> str | None:
    """The boilerplate label of one stripped line, or None for an article line."""
    if not s or len(s) > 600:
        return None
    short = len(s) <= 160 and not _QUOTE.search(s)
    if _SEE_ALSO.match(s) and len(s) <= 250:
        return "see_also"
    if _SOURCE.match(s):
        return "source_link"
    m = _READ_MORE.match(s)
    if m and len(s) <= 250 and (m.group("sep") or (short and not s.endswith((".", "?", "!")))):
        return "read_more"
    if short and (_SHARE.match(s) or _is_social_row(s) or s.lower().rstrip(":") in {"share", "tweet"}):
        return "share"
    if _is_byline(s):
        return "byline"
    if _COMMENTS.match(s) and len(s) <= 250:
        return "comments"
    if _is_credit(s):
        return "credit"
    if len(s) <= 1500 and _BIO_FIRST.match(s):
        return "bio"
    if len(s) <= 1500 and _BIO_THIRD.match(s):
        return "bio?"  # a bio only in the second half of the page
    return None


def find_boilerplate(text: str) -> list[Span]:
    """Boilerplate lines of `text` as sorted spans (offsets into `text`; nothing is removed).

    >>> body = "Ceasefire talks opened.\\r\\n\\r\\nBy Ana Ruiz\\r\\nAna Ruiz is a staff writer.\\r\\n"
    >>> [(s.start, s.end, s.label) for s in find_boilerplate(body)]
    [(27, 38, 'byline'), (40, 67, 'bio')]
    """
    rows = []  # (start, end, label or None) for non-empty lines; ``end`` excludes "\n" and a "\r" before it
    start = 0
    for line in text.split("\n"):
        words = line.split()  # "\r" is whitespace: the words are those of the line without it
        if words:
            s = " ".join(words)
            rows.append([start, start + len(line) - line.endswith("\r"),
                         _classify(s) if _may_be_boilerplate(s) else None])
        start += len(line) + 1
    # a paragraph right after a byline in the second half of the page, with at most one more article
    # line after it, is the author's bio
    n = len(rows)
    for i, row in enumerate(rows):
        if row[2] == "bio?":
            row[2] = "bio" if i >= n / 2 else None
    for i, (_, _, label) in enumerate(rows):
        if label != "byline" or i < n / 2 or i + 1 >= n or rows[i + 1][2] is not None:
            continue
        rest = [r for r in rows[i + 1:] if r[2] is None]
        if len(rest) <= 2 and rows[i + 1][1] - rows[i + 1][0] <= 1500:
            rows[i + 1][2] = "bio"
    return [Span(s, e, label) for s, e, label in rows if label]

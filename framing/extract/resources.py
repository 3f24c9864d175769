"""Quote-mark tables and the regular expressions the extractor shares (one place, textacy-style).

>>> OPEN_DOUBLE, CLOSE_DOUBLE
('“„«', '”»')
"""

from __future__ import annotations

import re

#: Opening and closing double marks; the straight mark ``"`` is decided by context.
OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
#: Single marks (nested quotes, British-style primary quotes); ``'`` and ``’`` double as apostrophes.
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
STRAIGHT_SINGLE = "'"

ALL_DOUBLE = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE
QUOTE_CHARS = ALL_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE

#: What the extractor writes over every quotation (marks included), so that only the narrator's words are searched.
MASK = "\ue000"
#: A token of the extractor's rules: letters and digits, joined by inner apostrophes, hyphens and full stops.
TOKEN = re.compile(r"\w+(?:[’'\-\.]\w+)*")

#: Characters normalised away before matching (zero-width, soft hyphen, BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

#: Letters where ``str.lower`` and ``re.IGNORECASE`` disagree about ASCII: dotted capital I (lower-cases to
#: two characters), dotless i, long s and the Kelvin sign (IGNORECASE matches them to i, s and k).
FOLD_UNSAFE = ("\u0130", "\u0131", "\u017f", "\u212a")  # (written out in lowered_for_matching)


def lowered_for_matching(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive search of it with a lower-case ASCII pattern finds exactly
    what an IGNORECASE search of ``text`` finds (same length and offsets); None when it may not.

    >>> lowered_for_matching("Ana SAID"), lowered_for_matching("Ana \u017faid")
    ('ana said', None)
    """
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text):
        return None  # FOLD_UNSAFE, tested one by one (a generator over it costs more than the four searches)
    low = text.lower()
    return low if len(low) == len(text) else None

#: Paragraph break: a blank line (spaces, tabs, non-breaking spaces and \r allowed on it).
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\u00a0\r]*\r?\n\s*")

#: A word token (letters, digits, inner apostrophes and hyphens, dotted abbreviations like U.S.).
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w][\w'’\-\.]*[\w]|[\w]", re.UNICODE)

#: Sentence-final punctuation, optionally followed by closing marks.
SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*")

#: Determiners and possessives stripped from the front of a canonical speaker.
DETERMINERS = frozenset("the a an this that these those its his her their our one another some several".split())

PRONOUNS_PERSON = frozenset("he she".split())
PRONOUNS_PLURAL = frozenset("they we".split())
PRONOUNS_THING = frozenset(["it"])
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING
POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}

#: Words that may sit between a subject and its cue ("has also said", "on Monday warned").
AUXILIARIES = frozenset(
    "has have had having is was were are am be been will would could should may might must can did does do "
    "also again later earlier previously repeatedly once publicly privately separately then further "
    "first last already recently subsequently meanwhile furthermore however still openly flatly "
    "reportedly initially ultimately never not only just".split()
)

#: Words that end a subject noun phrase when scanning leftwards from a cue.
CLAUSE_BREAKERS = frozenset(
    "that and but or while as after before when because although though since if whether where which who "
    "whom whose so than until unless despite with without into onto upon over under".split()
)

#: Weekday / time phrases that may follow a cue ("said on Wednesday", "said Tuesday").
DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
TIME_AFTER_CUE = re.compile(
    rf"(?:^\s*(?:(?:on|late on|early on|late|early)\s+)?(?:{DAYS})(?:\s+(?:morning|afternoon|evening|night))?"
    r"|^\s*(?:on\s+)?(?:last|this|late|early|next|past)\s+(?:week|weekend|month|year|night|morning|evening|afternoon)"
    r"|^\s*(?:yesterday|today|tonight|earlier|later|again|also|previously|recently|repeatedly|publicly|privately"
    r"|separately|afterwards|then"
    r"|by\s+(?:(?:tele)?phone|e-?mail|text(?:\s+message)?|video(?:\s*link)?|letter|radio|satellite))"
    r"|^\s*on\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}"
    r"|^\s*in\s+(?:early\s+|late\s+|mid-)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+(?:19|20)\d\d)?|^\s*in\s+(?:19|20)\d\d"  # "stated in July it opposed …"
    r"|^\s*earlier\s+this\s+(?:week|month|year))"
    r"(?![\w'’\-])",  # whole words: "this weekend" is not "this week"
    re.I,
)

#: Settings that may follow a cue before the content ("in a statement", "at a news conference in X").
SETTING_AFTER_CUE = re.compile(
    r"^\s*,?\s*(?:on\s+(?:Twitter|Facebook|Instagram|TikTok|YouTube|Telegram|Threads|LinkedIn|Reddit|social media)"
    r"(?![\w'’\-])|(?:in|at|during|on|after|before|via|through|over|from|to)\s+"
    r"(?:a|an|the|his|her|their|its|Sunday's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's)?\s*"
    r"(?:[\w'’\-]+\s+){0,3}?"
    r"(?:statement|interview|briefing|news conference|press conference|conference|speech|address|post|"
    r"letter|video|broadcast|message|call|session|meeting|hearing|report|note|email|e-mail|televised address|"
    r"telephone interview|phone interview|radio interview|television interview|lunch|luncheon|dinner|breakfast|"
    r"rally|event|vote|debate|visit|tour|service|ceremony|forum|summit|town hall|appearance|blog|website|"
    r"podcast|show|programme|program|channel|account|feed|page)s?(?![\w'’\-])"
    r"(?!\s+(?:post|entry|page|video|message|statement|interview|segment|episode)s?\b)"  # "blog post": the last head
    r"(?!\s*" + MASK + r"))"  # (a quotation right after it is its title: "on the podcast “Tidewater Talk”")
    r"(?:\s+(?:in|at|with|on|to|from)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})?"
    r"(?:\s+on\s+(?:" + DAYS + r"))?",
)

#: Participles and adjectives that open a noun phrase's postmodifier ("officials familiar with the talks", "a
#: statement posted on the site"): the words before them are the phrase's head, the one that speaks.
POSTMODIFIERS = frozenset("familiar knowledgeable involved briefed acquainted posted released issued published "
                          "obtained filed sent close".split())

#: Verbs that report speech by naming: "called X a Y", "branded X a Y".
NAMING_VERBS = frozenset(("call", "dub", "brand", "label"))

#: Objects of "told" that name an audience rather than content.
AUDIENCE = re.compile(
    r"^\s*(?:(?:him|them|us|me|her)(?=\s*[,:]|\s+(?:that|he|she|they|it|we|I|there|the|his|their)\b)|reporters|"
    r"journalists|the press|the media|the newspaper|the agency|parliament|lawmakers|the court|the jury|the judge|"
    r"the council|the assembly|a news conference|a press conference|a briefing|a rally|crowds?|supporters|"
    r"state (?:television|media|radio)|(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,4}|"
    r"(?:a|an|the|his|her|their|its)\s+(?:[\w'’\-]+\s+){0,3}(?:reporter|reporters|journalists|audience|crowd|gathering|"
    r"conference|meeting|delegation|committee|panel|hearing|briefing|session|forum|summit|newspaper|radio|"
    r"television|broadcaster|agency|outlet))(?![\w'’\-])",
)

#: "according to X" (front or back of a sentence).
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\b")


def trie_regex(words) -> str:
    """A regex matching any of ``words``, built as a character trie so matching stays fast.

    >>> re.fullmatch(trie_regex(["say", "said", "says"]), "said") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            # prefer the longer form ("said that" before "said"): optional group is greedy
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


_PREV_WORD = re.compile(r"([\w’'\-\.]+)[^\w]*$")

#: A share of a group speaks for the group in poll stories: "63 percent of voters", "Nearly half",
#: "Eight of 10 voters", "A majority of Republicans", "Two-thirds of those asked", "Two in three".
SHARE_OF_GROUP = re.compile(
    r"(?i:(?:about|nearly|almost|only|just|roughly|more than|less than|fewer than|at least|over|some|a full|fully|"
    r"a mere|as many as)\s+)?"
    r"(?:(?:[\d.,]+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:percent|per cent)|[\d.,]+%|(?i:half|a third|a quarter|a majority|"
    r"(?:one|two|three|four|nine)-(?:thirds?|quarters?|fourths?|fifths?|tenths?)|most|a plurality|"
    r"all but (?:one|two|three|four|five|a few|a handful))|(?:[\d]+|[A-Za-z]+)\s+(?:of|in|out of)\s+"
    r"(?:10|ten|\d+|two|three|four|five|six|seven|eight|nine)|(?i:[a-z]+|\d+)-in-(?i:[a-z]+|\d+))"
    r"(?:\s+(?:of\s+)?(?P<group>(?:the\s+|those\s+)?[\w’'\- ]{2,60}))?")


# --- word tables of the subject scan (framing.extract.subjects) ---------------------------------------

#: Documents that say things in news copy, with an indefinite article too ("A court filing says").
DOCUMENTS = frozenset("statement report document memo letter email e-mail filing study survey poll analysis "
                      "release ruling complaint lawsuit indictment affidavit notice post tweet sign placard banner "
                      "poster headline message ad advert advertisement".split())

#: Data or a document and who made it: "numbers from Statistics Canada", "a study released Monday by Civic
#: Action" (the name at the end of the mention; not who obtained or saw it: "the memo obtained by The Globe").
DATA_FROM = re.compile(r"\b(?:numbers|data|figures|statistics|estimates|report|study|survey|poll|analysis|memo)\b"
                       r"[^,]{0,40}?\b(?:from|(?<!obtained )(?<!reviewed )(?<!seen )(?<!viewed )by)\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w’'\-]*){0,5})\s*$")
#: A document and whose it is: "her statement", "the company’s written statement", "Ek's tweet" (the
#: possessor in group 1 or 2): the owner speaks through it.
OWN_DOCUMENT = re.compile(r"(?:(his|her|their|its|our|my)|(\S.*?)[’']s?)\s+(?:[\w\-]+\s+){0,2}?(?:"
                          + "|".join(sorted(DOCUMENTS)) + r")s?", re.I)
#: A relation to someone else in a descriptor: "Spindler's father", "her husband", "their daughter".
KIN_OF = re.compile(r"(?:[’']s|\b(?:his|her|their))\s+(?:\w+\s+)?(?:father|mother|son|daughter|brother|sister|husband|wife|"
                    r"partner|friend|cousin|uncle|aunt|grandfather|grandmother|parent)s?\b", re.I)
#: "is how" before the subject of a cue after a quotation: "“…,” is how Ek put it" (Ek put it).
HOW_LEAD = re.compile(r"(?:is|was)\s+how\s+(?=\S)", re.I)
#: A place or direction after "put it": "put it into the empty net", "put it back" (not "put it bluntly", nor
#: "in a statement", where it was said).
PUT_PLACE = re.compile(r"\s*(?:into|onto|back|away|down|up|out|off|there|aside|behind|under|over|through|toward|"
                       r"towards|forward|together|past|between|inside|outside|near|where)\b")
#: Irregular past forms: a word that ends a subject's noun phrase ("The harbour pilots left …").
IRREGULAR_PAST = frozenset("said told wrote made took gave went came saw knew left began held kept found fell "
                           "brought fought won lost ran met sent stood struck thought became broke chose drove "
                           "flew grew led rose sold shut tore withdrew cast put set spent got hit cut".split())
#: A colon and a quotation after a word: "a snappy retort: “…”", "her answer: “…”".
COLON_QUOTE = re.compile(r"\s*:\s*" + MASK)
#: Contracted auxiliaries before a cue and the pronouns they follow ("he’s said", "they’ve suggested").
#: (Not "he’d": mostly "would", a hypothetical saying: "he’d say no".)
CONTRACTED = {"s": (["he"], ["she"], ["it"], ["who"]), "ve": (["they"], ["we"], ["i"], ["you"], ["who"]),
              "m": (["i"],)}
#: Where something was said, between a subject and its cue: "in a blog post", "in an interview".
MEDIA_NOUNS = frozenset("post interview statement letter tweet speech email op-ed column essay memo video "
                         "podcast broadcast briefing release filing".split())
IN_A_MEDIUM = re.compile(r"\s(?:in|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'\-]+\s+){0,2}?[\w’'\-]+\s*$")

#: Words that open a clause inside an appositive ("a strategist who has …", "when asked what … is").
CLAUSE_INSIDE = frozenset("who whose which that because when while if as although though since after before "
                           "where".split())
#: A counted or quantified subject at the start of a clause: "Two objectors", "Several families".
COUNTED_SUBJECT = re.compile(r"\s*((?:Two|Three|Four|Five|Six|Several|Some|Many|Most|Both|Dozens of)\s+[a-z][\w’'\-]*)\b")
#: A postmodifying adjective at the end of an inverted subject: "a person close (to the mayor)".
POSTMODIFIER_ADJECTIVE = re.compile(r"\s+(?:close|familiar|knowledgeable|involved|briefed|acquainted)$")
#: A short description that a name follows: "another ferry user", "a longtime harbour pilot".
DESCRIPTION = re.compile(r"(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he)(?:\s+[\w’'\-]+){1,5}")
#: A name set off by a comma after an inverted subject: ", Ines Valk" (then a stop, "of …" or the end).
APPOSITIVE_NAME = re.compile(r",\s+(?P<name>(?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]+)(?=\s+of\b|\s*[,.;:!?]|\s*$)")
#: A comparative before a share that a subject scan stops at: "more than (half)", "fewer than (4 in 10)".
MORE_THAN_BEFORE = re.compile(r"\b(?:[Mm]ore|[Ll]ess|[Ff]ewer)\s+than\s+$")
POSTMODIFIER_PREPS = (" with", " in", " on", " about", " to")
#: A postmodifier that ends where a subject's scan stopped: "people with direct knowledge of the deal",
#: "one official familiar with the talks", "a person involved in the planning".
POSTMODIFIER_BEFORE = re.compile(r"(?:\s+(?P<adj>familiar|knowledgeable|involved|briefed|acquainted|close))?"
                                 r"\s+(?P<prep>with|in|on|about|to)\s+$")
#: An acronym: two to five capitals ("BC Hydro", "the PBO", "Burnaby RCMP").
ACRONYM = re.compile(r"[A-Z]{2,5}")
#: Pronouns that may be the subject of a cue: "he said", "On Tuesday, they urged".
SUBJECT_PRONOUNS = ("he", "she", "they", "we", "He", "She", "They", "We", "I")
#: Pronouns of a group that speak alone: "many said Monday that …", "others insist".
GROUP_PRONOUNS = frozenset("many some others several most both another".split())

#: Number words that are not a subject alone.
NUMBERS = frozenset("one two three four five six seven eight nine ten dozens hundreds thousands".split())

#: A span of time and how long after or before: "just 17 seconds later", "a couple of minutes earlier". After a
#: cue it says when a team or a side "responded", not what was said.
DURATION_LATER = re.compile(r"(?:(?:just|only|about|some|nearly|almost)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten|a\s+few|a\s+couple(?:\s+of)?|several|\d+)\s+(?:[a-z]+\s+)?)?(?:seconds?|"
                            r"minutes?|hours?|days?|weeks?|months?|years?)\s+(?:later|earlier|ago|after|before)\b", re.I)
_LATER_WORD = re.compile(r"\b(?:later|earlier|ago|after|before)\b")


def duration_later(text: str, pos: int, end: int):
    """``DURATION_LATER.match(text, pos, end)``, run only when one of its last words is near (most cues
    have none after them)."""
    if _LATER_WORD.search(text, pos, min(end, pos + 80)) is None:
        return None
    return DURATION_LATER.match(text, pos, end)

#: Words that open a quantified group ("two aides", "some officials").
QUANTIFIERS = NUMBERS | frozenset("some many several most all both few".split())

#: Head nouns that do not speak: times ("the next day said" is a missing comma) and quantities.
NOT_SPEAKER_HEADS = frozenset("day days week weeks month months year years time times morning afternoon "
                              "evening night weekend moment hour hours minute minutes while past future "
                              "same rest most many few number lot sometimes often always".split())


#: First words of a phrase that is not a subject ("In Orsk", "Speaking to reporters").
LEADING_PREP = frozenset("in on at when after before during from for by with as among while since until if although "
                         "though because addressing speaking according".split())

#: Verbs that take a reporting verb after "to": "continued to insist", "declined to say", and the adjectives
#: and passives that do ("was quick to point out", "was prompted to say").
CHAIN_VERBS = frozenset(
    "continue continues continued continuing refuse refuses refused refusing decline declines declined declining "
    "appear appears appeared seem seems seemed want wants wanted try tries tried trying begin begins began "
    "start starts started need needs needed have has had going went used expect expects expected plan plans "
    "planned ought yet able unable likely set prompted moved forced compelled quick eager careful willing "
    "ready happy reluctant".split())

#: Time nouns after this/last/earlier before a cue ("last week said").
TIME_NOUNS = frozenset("week weekend month year morning afternoon evening night".split())

#: Adverbs that sit between a subject and its cue ("has long said", "now says", "has since said"), and
#: intensifying pronouns ("Ford itself said").
ADVERBS_BEFORE_CUE = frozenset("now long even always often sometimes still yet too already since once more less "
                                "itself himself herself themselves nevertheless nonetheless also again never "
                                "later soon".split())
#: A short phrase of time or manner between a subject (or its auxiliary) and a cue: "have in the past said",
#: "has for years argued", "in turn said".
PHRASE_BEFORE_CUE = re.compile(r"\b(?:in|for|at|on)\s+(?:the\s+)?(?:past|meantime|years|months|weeks|decades|turn|"
                               r"times|occasion|private|public|response|recent\s+(?:days|weeks|months|years))\s*$")

#: Capitalised words that do not make a full name (sentence-initial words, months, place words).
NOT_NAME_WORDS = frozenset(
    "on in at when after before during from for by with as while since until if although though because but and "
    "the a an this that monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december port mount lake river north south east west "
    "like unlike despite among amid under without within against about over through via".split())

#: Endings of nouns for people after a quantifier: "two aides", "one questioner", "one strategist",
#: "another commenter", "one resident", "one historian", "one senator".
PERSON_ENDINGS = ("s", "er", "ist", "ent", "ant", "ian", "or")
PERSONAL_PRONOUNS = frozenset("it he she they we i you".split())
AFTER_PRONOUN = frozenset("himself herself itself themselves ourselves myself yourself all both alone".split())

#: Verbs of aspect before a participle cue: "keeps talking about", "began saying", "quickly pivoted to talking".
ASPECT_VERBS = frozenset("keep keeps kept start starts started begin begins began continue continues continued "
                         "stop stops stopped".split())

#: An amount of a group before its noun: "a wide array of economists", "a handful of voters".
AMOUNT_OF = re.compile(r"\s*(?:[Aa]n?\s+)?(?:[A-Za-z]+\s+)?(?i:array|number|handful|host|range|variety|couple|dozen|"
                       r"score|lot|group|slew|raft|chorus|coalition|crowd|hundred|thousand)s?\s+of\s+")

#: A possessor written with a bare apostrophe: "Sanders' team", "the Valks’ lawyer".
PLURAL_POSSESSOR = re.compile(r"\s*(?:the\s+)?[A-Z]?\w*s['’]\s")

#: An appositive between dashes at the end of the words before a cue: "Insiders — in Orsk and Aster — said".
DASHED_PIECE = re.compile(r"\s(?:—|–|--?)\s(?P<piece>(?:(?!\s(?:—|–|--?)\s).){2,90}?)\s(?:—|–|--?)$")

#: An appositive that may hold a quotation: a description, a relative clause or a participle ("the author of
#: “Going Under,”", "who lost 16 lbs. “and two belt loops”", "citing ''the magic of the harbour,''"), not the
#: end of a quotation that came before the subject.
QUOTING_APPOSITIVE = re.compile(r"\s*(?:the|a|an|who|which|whose|[a-z]{3,}ing)\s")

#: A plural common noun (not "-ss", "-us", "-is": "press", "census", "analysis").
BARE_PLURAL = re.compile(r"(?!series|news|perhaps|names|means|terms)[a-z]{3,}[^su]s")

#: A focus adverb before a subject: "Even some allies questioned …" (the allies speak).
FOCUS_ADVERB = re.compile(r"(?:[Ee]ven|[Oo]nly|[Jj]ust)\s+")

#: A name that opens with a lower-case particle: "al-Shabaab", "el-Sisi", "bin-Talal".
PARTICLE_NAME = re.compile(r"(?:al|el|ad|bin|ibn)-[A-Z][\w’'\-]*")

#: What may stand before the subject of a unit's first clause: a conjunction, then a fronted phrase that
#: starts with a preposition or a time word ("But on Tuesday,", "Eight years ago,", "Meanwhile,").
INITIAL_LEAD = re.compile(r"\s*(?:(?:But|And|Yet|So)\s+)?(?:(?:[Ii]n|[Oo]n|[Aa]t|[Aa]fter|[Bb]efore|[Dd]uring|[Ff]rom|"
                           r"Outside|Inside|Absent|Back|Early|Late|Shortly|Soon|Long|Despite|Amid|Among|Under|Across|"
                           r"Throughout|Within|Since|Until|Following|Unlike|Like|Beyond|Ahead|Behind|Along|"
                           r"[A-Z][a-z]{2,}ing(?![\w’'])|"
                           r"[Ff]or|[Bb]y|[Ww]ith|[Ll]ater|[Ee]arlier|[Mm]eanwhile|[Ss]eparately|[Ee]lsewhere|[Ss]till|"
                           r"[Hh]owever|[Aa]lso|[Ll]ast|[Tt]his|Recently|Previously|Currently|Lately|Ultimately|Initially|"
                           r"Originally|Eventually|Subsequently|Additionally|Similarly|Privately|Publicly|Notably|"
                           r"Ironically|Interestingly|Predictably|Typically|Historically|Traditionally|Increasingly|"
                           r"Consequently|Accordingly|Likewise|Nonetheless|[Nn]ext|[Hh]ere|[Tt]here|[Tt]he\s+(?:next|following|previous|same)\s+"
                           r"(?:day|week|month|year|morning|afternoon|evening|night)|(?:[Aa] few|[A-Za-z]+)\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\s+(?:ago|later|earlier))"
                           r"\b[^,]{0,100},\s*|(?:But|And|Yet|So)\s+)")
#: A fronted subordinate or participial clause, finite verbs and all, before the subject of a unit's first
#: clause: "Asked if the mayor would hold a press conference,", "When asked whom she supported,".
FRONTED_CLAUSE = re.compile(r"\s*(?:(?:Even\s+)?(?:When|While|If|As|Though)|Although|Because|Since|Once|Until|Whenever|"
                            r"Asked|Pressed|"
                            r"Told|[A-Z][a-z]+ing(?=\s+[a-z]))\b[^,;:" + MASK + r"]{0,120},\s*")

"""framing: measure how news coverage frames the sides of a story.

A flat public namespace over stage subpackages, in the order data flows through them (read -> extract ->
label -> measure -> run -> report, teach):

>>> import framing
>>> [q.speaker for q in framing.extract_quotes('“We will stay,” said Ana Berg.')]
['Ana Berg']
"""

from ._version import __version__  # noqa: E402
from .exceptions import FramingError  # noqa: E402
from .extract.attribute import Quote, extract_quotes  # noqa: E402
from .label.parties import Actors, PartyMatcher, load_actors  # noqa: E402
from .measure.balance import (  # noqa: E402
    balance_table,
    disparity,
    disparity_table,
    effective_parties,
    hhi,
    shannon_evenness,
)
from .measure.metrics import (  # noqa: E402
    attributions,
    first_last,
    one_sided_rate,
    party_table,
    relative_to_said,
    speaker_table,
    verb_table,
)
from .measure.uncertainty import bootstrap_ci, compare_groups  # noqa: E402
from .read.corpus import Article, corpus_info, iter_articles, read_corpus  # noqa: E402
from .run.analysis import Analysis, analyze  # noqa: E402
from .teach.evaluate import evaluate  # noqa: E402

__all__ = [
    "__version__", "Analysis", "analyze", "Quote", "extract_quotes", "Article", "corpus_info", "iter_articles",
    "read_corpus", "evaluate", "FramingError", "attributions", "first_last", "one_sided_rate", "party_table",
    "relative_to_said", "speaker_table", "verb_table", "balance_table", "disparity", "disparity_table",
    "effective_parties", "hhi", "shannon_evenness", "Actors", "PartyMatcher", "load_actors", "bootstrap_ci",
    "compare_groups",
]

"""The columns of the tidy tables: what the run stage writes and the measure stage reads.

One row per quote fragment, per party mention, per article and per failed file. The order is the order
of the columns in ``framing analyze``'s CSV and Parquet files.

>>> QUOTE_COLUMNS[:4]
['article_id', 'outlet', 'date', 'attribution_id']
"""

QUOTE_COLUMNS = [
    "article_id", "outlet", "date", "attribution_id", "fragment", "kind", "content", "start", "end", "cue",
    "cue_start", "cue_end", "cue_lemma", "cue_category", "speaker", "speaker_mention", "speaker_start",
    "speaker_end", "speaker_type", "named", "party", "sentiment", "words", "speaker_descriptor", "headline",
]
MENTION_COLUMNS = ["article_id", "outlet", "date", "party", "start", "end", "sentence", "tone"]
ERROR_COLUMNS = ["file", "stage", "message", "line"]
ARTICLE_COLUMNS = ["article_id", "title", "outlet", "date", "url", "author", "words", "excluded_spans", "quotes"]

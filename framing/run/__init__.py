"""Run: a corpus in, tables out.

Takes a corpus and settings, runs read -> extract -> label on every article (one process, a pool, or
Dask; cached by hash) and gives the tidy tables, in memory or written atomically to a folder."""

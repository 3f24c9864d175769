"""Extract: an article body in, attributions out.

Takes text (and excluded spans) and gives ``Quote`` fragments: the content, its cue, the speaking noun
phrase and its canonical speaker, all as offsets into the text."""

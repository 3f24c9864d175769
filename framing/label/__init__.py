"""Label: attributions in, labelled attributions out.

Takes quotes and sentences and gives each attribution its party (actors.yaml, demonyms, descriptors),
its verb stance (from the lexicon) and its sentiment (VADER with the cue masked)."""

"""Teach: an analysis in, things to read and check out.

Takes articles and their attributions and gives highlighted HTML, the explorer and lesson helpers, and
precision/recall against gold annotations."""

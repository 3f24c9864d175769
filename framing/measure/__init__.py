"""Measure: tidy tables in, figures out.

Takes the quotes and mentions tables and gives share of voice, rates, verb stance, balance indices and
intervals, per speaker, party and any grouping column."""

"""Tables by group (year, speaker, org or any metadata column): slogans, metrics,
structure and the comparison of groups."""

"""Closed-class word lists by language, kept as data in one place (as spaCy's ``lang/`` does). Open-class
lexicons (triggers, cues, roles, place words) are TSV files under heron/data/, read by heron.datafiles."""

"""Fuzzing heron: hostile inputs (``strategies``) through every reader and the extractor (``run``)."""

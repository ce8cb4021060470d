"""English count words: the number words a count is written with, the scale words that multiply them, and the
plural scale words that give only a lower bound ("hundreds").
"""
from __future__ import annotations

from heron.lang.en.dates import NUMBER_WORDS

# Words past ninety and the ones that multiply the number before them: "two dozen", "1.5 million".
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
# A plural scale word is at least two of them: "dozens" >= 24, "hundreds" >= 200, "tens of thousands" >= 20,000.
VAGUE_SCALES = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
# Number words and scales, as one count: "a dozen" is twelve, "a hundred" a hundred.
COUNT_WORDS = {**NUMBER_WORDS, **SCALES}
# Articles that stand for one before a scale word: "a dozen", "a hundred".
ONE_ARTICLES = frozenset({"a", "an"})

"""What recognition and normalisation both read: regex alternations of the date words in
:mod:`heron.lang.en.dates`, the years said aloud, the counts, and the two time lexicons
(data/lexicons/time_words.tsv and time_cues.tsv)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from heron.datafiles import read_tsv
from heron.lang.en.dates import COUNT_WORDS, DAY_PARTS, NUMBER_WORDS

REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def alternatives(words: Iterable[str]) -> str:
    """``word|word|...`` matching each word literally, in the order given; a space matches any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def one_of(words: Iterable[str]) -> str:
    """A group matching any of ``words``: ``(?:word|word|...)``, as :func:`alternatives`."""
    return f"(?:{alternatives(words)})"


def _numbers(low: int, high: int) -> str:
    return one_of(w for w, n in NUMBER_WORDS.items() if low <= n <= high)


# Years read out as words, as in broadcast transcripts: "nineteen ninety-six", "two thousand one".
UNITS_W = _numbers(1, 9)
TEENS_W = _numbers(10, 19)
TENS_W = _numbers(20, 90)
SPOKEN_CENTURY = rf"(?:nineteen|twenty)[\s-](?:{TEENS_W}|{TENS_W}(?:[\s-]{UNITS_W})?|hundred)"
SPOKEN_2000S = rf"two\s+thousand(?:\s+and)?(?:[\s-](?:{TEENS_W}|{UNITS_W}))?"
SPOKEN_YEAR = rf"(?:{SPOKEN_CENTURY}|{SPOKEN_2000S})"
PART = one_of(DAY_PARTS)  # "Friday morning"

# The counts of "two days ago": number words to twelve, fifteen and twenty, and the count words.
COUNTS = COUNT_WORDS | {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 12 or n in (15, 20)}


@cache
def lexicon() -> dict[str, str]:
    """phrase -> PRESENT_REF | PAST_REF | FUTURE_REF | EVENT, from data/lexicons/time_words.tsv."""
    return {row["phrase"].lower(): row["value"] for row in read_tsv("lexicons", "time_words.tsv")}


@cache
def time_cues(role: str) -> tuple[str, ...]:
    """The words of one role in data/lexicons/time_cues.tsv, in the file's order."""
    return tuple(row["word"] for row in read_tsv("lexicons", "time_cues.tsv", required=("word", "role"))
                 if row["role"] == role)

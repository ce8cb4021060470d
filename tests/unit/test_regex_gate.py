"""The first-character lookahead keeps every match of a pattern."""
import re

import pytest

from heron.resolve import timex
from heron.resolve.regex_gate import gate

TEXT = """On Monday, 3 March 2022, officials met; last week's talks (the third-quarter review)
were held at 10:30 a.m. EST. Two days later, in mid-2021, the 1990s and Q3 2020 came up.
Next year? NEXT YEAR! The first half of fiscal 2023, yesterday morning, tonight, 2022-03-30."""


@pytest.mark.parametrize("pattern", [
    r"\b(?:last|next|this)\s+(?:week|year)\b",
    r"(?<![\d.])\b\d{4}\b",
    r"\b(?:the\s+)?(?:early\s+|mid-?)?(?:19\d0|20\d0)'?s\b",
    r"(?:\b(?:in\s+)|(?<=\bby\s))\d{4}",
    r"\b(?-i:Monday|Tuesday)\b",
])
def test_same_matches(pattern):
    plain = re.compile(pattern, re.IGNORECASE)
    gated = gate(plain)
    assert gated.pattern.startswith("(?=[")
    assert [m.span() for m in gated.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]


def test_patterns_with_an_open_start_are_left_alone():
    for pattern in (r".{3}day", r"[^a-z]+", r"\w+ago", r"(?:x)?"):
        compiled = re.compile(pattern)
        assert gate(compiled) is compiled


def test_time_patterns_find_the_same_expressions():
    ref_re, event_re = timex._lexicon_res()
    for plain in [*timex._DATE_RE, *timex._TIME_RE, ref_re, event_re]:
        assert [m.span() for m in gate(plain).finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    assert {"Monday, 3 March 2022", "Two days later", "Q3 2020", "2022-03-30"} <= {e.text for e in timex.find(TEXT)}

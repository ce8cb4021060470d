"""English date words: month and weekday names, seasons, ordinals, number and count words, time zones.

Closed classes, spelled once here (spaCy keeps its closed-class lists in spacy/lang/en/ the same way).
:mod:`heron.resolve.timex` builds its recognition patterns and its normalisation tables from these
lists, so a word added here is both found and understood. Order matters where a pattern is built
from a list: an alternation tries its words in the order given.
"""
from __future__ import annotations

# Capitalised as written; month n is MONTHS[n - 1].
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# "May" has no abbreviation. "Sept" before "Sep", so that a pattern tries the longer one first.
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9,
                       "Oct": 10, "Nov": 11, "Dec": 12}
# In datetime's order: WEEKDAYS[date.weekday()].
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Season -> its TIMEX3 code. "fall" is also the noun of "the fall of the city".
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# As far as quarters go: "the third quarter", "3rd-quarter".
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Decades read as words: "the sixties" (the century comes from the article date).
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
# Number words to ninety, in order: the parts of a year said aloud ("nineteen ninety-six").
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Words besides numbers that count days, weeks or years: "a day ago", "a couple of weeks later".
COUNT_WORDS = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
# Counts with no number: "a few days ago" is some time in the past, no day.
VAGUE_COUNTS = ("a few", "few", "several", "some", "many")
# Parts of a day: "Friday morning", "last night".
DAY_PARTS = ("morning", "afternoon", "evening", "night")
# Time zones written after a clock time: "10 a.m. EST".
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST", "ET", "PT")

# words before a number that make it approximate ("about 2000 people"): a count, not a year
APPROXIMATORS = frozenset({"about", "some", "nearly", "almost", "around", "over", "roughly", "approximately", "than"})

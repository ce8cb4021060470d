"""Temporal expressions: find them in text and normalise them to TIMEX3 values. No spaCy here.

:func:`find` (:mod:`.recognition`) spots date expressions with regular expressions;
:func:`normalise` (:mod:`.normalisation`) turns one expression into a TIMEX3-style value against an
anchor (the article date), with the calendar arithmetic of :mod:`.values`. Both build their
patterns from the date words of :mod:`heron.lang.en.dates` and the lexicons read in :mod:`.words`.

=========================  ===================  ===========
expression (anchor 1998-01-08, a Thursday)      value   granularity
=========================  ===================  ===========
yesterday                  1998-01-07           day
last week                  1998-W01             week
this month / January       1998-01              month
last year / in 1997        1997                 year
the third quarter          1997-Q3              quarter
this summer                1998-SU              season
the first half             1998-H1              half
the 1990s                  199                  decade
now / currently            PRESENT_REF          unknown
recently                   PAST_REF             unknown
the future                 FUTURE_REF           unknown
at the start of the war    None                 unknown
=========================  ===================  ===========

TimeBank's ``*_REF`` values are kept here so the scorer compares like with like;
:func:`calendar` maps them for heron's records (PRESENT_REF -> the anchor day, the others
-> no value). Nothing is guessed: what cannot be resolved gets ``(None, "unknown")``.
"""
from heron.resolve.timex.normalisation import calendar, is_relative, normalise
from heron.resolve.timex.recognition import (  # noqa: F401 (the private ones: for tests/unit/test_regex_gate.py)
    _DATE_RE,
    _TIME_RE,
    Expression,
    _lexicon_res,
    find,
    is_bare_year,
)
from heron.resolve.timex.values import UNKNOWN, Value
from heron.resolve.timex.words import REF_VALUES, time_cues

__all__ = ["REF_VALUES", "UNKNOWN", "Expression", "Value", "calendar", "find", "is_bare_year", "is_relative",
           "normalise", "time_cues"]

"""Recognition: where the time expressions of a text are. Regular expressions only, no spaCy.

:func:`find` gives each expression's offsets and kind; :mod:`heron.resolve.timex.normalisation`
reads its value. The date words come from :mod:`heron.lang.en.dates`, the reference and event
words from data/lexicons/time_words.tsv and the phases of an event ("the start of the war")
from data/lexicons/time_cues.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from heron.lang.en.dates import (
    DECADE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    ORDINALS,
    SEASONS,
    TIME_ZONES,
    VAGUE_COUNTS,
    WEEKDAYS,
)
from heron.resolve.regex_gate import gate
from heron.resolve.timex.words import (
    COUNTS,
    PART,
    REF_VALUES,
    SPOKEN_2000S,
    SPOKEN_CENTURY,
    SPOKEN_YEAR,
    TEENS_W,
    TENS_W,
    UNITS_W,
    alternatives,
    lexicon,
    one_of,
    time_cues,
)


@dataclass(frozen=True)
class Expression:
    """A time expression found in text. ``kind``: DATE (a calendar date at some granularity),
    TIME (a part of a day: "last night", "Friday morning") or EVENT (dated only by an event:
    "at the start of the war")."""

    start: int
    end: int
    text: str
    kind: str


# Month and weekday names count only capitalised.
_MON_FULL = rf"(?-i:{alternatives(MONTHS)})"
# Abbreviations only with a full stop or before a day number: "Mar" alone is rarely a month.
_MON_ABBR = rf"(?-i:{alternatives(MONTH_ABBREVIATIONS)})(?:\.|(?=\s+\d))"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
_WD = rf"(?-i:{alternatives(WEEKDAYS)})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# Not a bare "couple of": "couple of days ago" is found as "days ago" (normalisation reads both).
_NUM = rf"(?:{alternatives(w for w in COUNTS if w != 'couple of')}|\d+|{alternatives(VAGUE_COUNTS)})"
_UNIT = r"(?:day|week|month|year|decade)"
_ORD = one_of(ORDINALS)
_SEASON = one_of(SEASONS)
# A season straight before a year, capitalised or not; not "fall" ("fall of 1989" may be a city's fall).
_BARE_SEASONS = [s for s in SEASONS if s != "fall"]
_SEASON_YEAR = rf"(?-i:{alternatives([*(s.capitalize() for s in _BARE_SEASONS), *_BARE_SEASONS])})"
_DECADE_WORD = one_of(DECADE_WORDS)
_YEARSPEC = rf"(?:{_YEAR}|fiscal\s+{_YEAR}|this\s+year|last\s+year|next\s+year|the\s+year)"

_DATE_PATTERNS = [
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b",
    rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?![,.]?\d)(?:,?\s+{_YEAR}\b)?",
    rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?",
    rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b",
    rf"\b{_MON}\s+(?:this|last|next)\s+year\b",
    rf"\b(?:(?:this|last|next|this\s+past)\s+)?{_MON}(?!\w)",
    rf"\b(?:{_MON}\s+|(?:the\s+)?year\s+|(?:the\s+)?{_SEASON}\s+of\s+)?{SPOKEN_CENTURY}\b(?![\s-]+(?:{UNITS_W}|{TENS_W}|{TEENS_W}|hundred|thousand|million|billion)\b)",
    # "two thousand" is usually a count: a year only after a month, "year" or "in"/"since"/"by"/"until"
    rf"(?:\b(?:{_MON}\s+|(?:the\s+)?year\s+|(?:the\s+)?{_SEASON}\s+of\s+)|(?<=\bin\s)|(?<=\bsince\s)|(?<=\bby\s)|(?<=\buntil\s)){SPOKEN_2000S}\b(?!\s+(?:people|dollars|troops|soldiers|years|of)\b)",
    # "1639 UTC", "at 1800 hours": a 24-hour clock time, not a year
    (rf"(?<![$\d.,])\b(?:fiscal\s+(?:year\s+)?|the\s+year\s+)?{_YEAR}\b(?!\s*%)(?![-/,.:]\d)"
     r"(?!\s*(?:UTC|GMT|BST|CES?T|EES?T|[ECMP][SD]T|MSK|local\s+time|h(?:ou)?rs\b|hours\b))"),
    r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[6-9]\d0|20\d0)'?s\b",
    r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?'\d0s\b",
    rf"\bthe\s+(?:early\s+|late\s+|mid-?)?{_DECADE_WORD}\b",
    r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\s+century\b",
    (r"\b(?:the\s+)?(?:this|last|next|past|previous|coming|current|following|same|this\s+past|latest)\s+"
     r"(?:fiscal\s+)?(?:week|weekend|month|year|quarter|decade|century)\b"),
    r"\bthe\s+(?:week|weekend|full\s+year|fiscal\s+year|current\s+year)\b",
    r"\bthe\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?:year|month|week|quarter)\b",
    r"\bthe\s+(?:fiscal\s+)?quarter\b",
    r"\bthe\s+(?:latest|most\s+recent|just-ended|recent)\s+(?:fiscal\s+)?(?:quarter|period)\b",
    r"\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:fiscal\s+)?(?:quarter|period))?\b",
    (rf"\b(?:(?:the|this|last|next)\s+)?(?:(?:this|last|next)\s+year's\s+)?(?:{_YEAR}\s+)?"
     rf"(?:year-(?:earlier|ago)\s+)?(?:(?:fiscal|calendar)[-\s])?{_ORD}[-\s](?:fiscal\s+)?quarter\b"
     rf"(?:\s+of\s+{_YEARSPEC}\b)?"),
    rf"\bthe\s+{_YEAR}\s+(?:{_ORD}\s+)?(?:quarter|period)\b",
    rf"\b[Qq][1-4](?:\s+{_YEAR}\b)?",
    rf"\b(?:the\s+)?(?:first|second|last)\s+half(?:\s+of\s+{_YEARSPEC}\b)?",
    rf"\b(?:this\s+past|this|last|next|the|early|late|mid-?)\s+{_SEASON}(?:\s+(?:of\s+)?{_YEAR}\b)?",
    rf"\b{_SEASON_YEAR}\s+(?:of\s+)?{_YEAR}\b",
    rf"\b(?:{_NUM}\s+)?{_UNIT}s?\s+(?:ago|earlier|later|from\s+now|hence)\b",
    r"\b(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow)\b",
    r"\bthe\s+(?:next|following|previous|same)\s+day\b",
    rf"\b(?:(?:last|next|this|this\s+coming|coming|this\s+past|the\s+previous|the\s+following|the\s+next)\s+)?{_WD}(?!\w)",
]
_TZ = one_of(TIME_ZONES)
_CLOCK = rf"(?:\d{{1,2}}(?::\d{{2}})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?-i:{_TZ})\b)?|noon|midnight|mid-?afternoon|mid-?morning)"
_DAY_REF = rf"(?:{_WD}|today|yesterday|tomorrow|{_MON}\s+{_DAY}\b)"
_TIME_PATTERNS = [
    r"\btonight\b",
    rf"\b(?:this|last|yesterday|tomorrow|{_WD})\s+{PART}s?\b",
    rf"(?<!\w){_CLOCK},?\s+(?:on\s+)?{_DAY_REF}(?:,?\s+{_YEAR}\b)?",
    rf"\b{_DAY_REF},?\s+(?:at\s+)?{_CLOCK}",
    rf"\b(?:early|late)\s+(?:yesterday|today|tomorrow|{_WD})\s+{PART}\b",
]
_MODIFIER = re.compile(
    r"(?:\b(?:early|late|earlier|later|mid|sometime|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of|the\s+close\s+of|as\s+recently\s+as)[\s-]|\bmid-)$",
    re.IGNORECASE,
)
_DATE_RE = [re.compile(p, re.IGNORECASE) for p in _DATE_PATTERNS]
_TIME_RE = [re.compile(p, re.IGNORECASE) for p in _TIME_PATTERNS]
# "May" is also a verb: a bare one counts only after a temporal cue.
_CUE_BEFORE = re.compile(r"\b(?:in|last|next|this|since|until|till|by|early|late|mid|of|from|through|to|during|"
                         r"before|after|between|and|or)[\s-]+$", re.IGNORECASE)


@cache
def _lexicon_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    refs = sorted((p for p, v in lex.items() if v in REF_VALUES), key=len, reverse=True)
    events = sorted(p for p, v in lex.items() if v == "EVENT")
    ref_re = re.compile(r"\b(?:" + alternatives(refs) + r")\b", re.IGNORECASE)
    event_re = re.compile(
        r"\b(?:the\s+)?(?:" + alternatives(time_cues("phase")) + r")\s+of\s+"
        r"(?:the\s+|this\s+|last\s+)?(?:\w+\s+)?(?:" + alternatives(events) + r")\b",
        re.IGNORECASE,
    )
    return ref_re, event_re


@cache
def _searches() -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
    """Every recognition pattern with its kind, each behind a lookahead on its first characters."""
    ref_re, event_re = _lexicon_res()
    groups = (("DATE", _DATE_RE), ("TIME", _TIME_RE), ("DATE", [ref_re]), ("EVENT", [event_re]))
    return tuple((kind, tuple(gate(p) for p in patterns)) for kind, patterns in groups)


def find(text: str) -> list[Expression]:
    """Time expressions in ``text``, longest match first, non-overlapping, in text order."""
    found: list[tuple[int, int, str]] = []
    for kind, patterns in _searches():
        for pattern in patterns:
            found.extend((m.start(), m.end(), kind) for m in pattern.finditer(text) if m.end() > m.start())
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    out = []
    for start, end, kind in sorted(chosen):
        start, end = _trim(text, start, end)
        # a pre-modifier ("the third-quarter loss", "the year-ago figure") leaves out the article
        if (m := re.match(r"the\s+(?=\S+-(?:quarter|ago|earlier)$)", text[start:end], re.IGNORECASE)) is not None:
            start += m.end()
        if not _plausible(text, start, end):
            continue
        start = _extend_modifiers(text, start)
        out.append(Expression(start, end, text[start:end], kind))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,":
        end -= 1
    while start < end and text[start] in " ,":
        start += 1
    return start, end


def _plausible(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    word = span.lower()
    if re.search(r"\b(?:each|every)\s+$", text[max(0, start - 6):start], re.IGNORECASE):
        return False  # "every Thursday" is a set of days, not a date
    if word == "may":
        return bool(_CUE_BEFORE.search(text[max(0, start - 12):start]))
    # "the fall of the city", "the spring of discontent" are not seasons
    return not (word.split()[-1] in SEASONS and re.match(r"\s+of\s+(?!\d)", text[end:end + 6]))


def _extend_modifiers(text: str, start: int) -> int:
    m = _MODIFIER.search(text[max(0, start - 20):start])
    return start - len(m.group(0)) if m else start



def is_bare_year(text: str) -> bool:
    """True for a year with nothing around it ("1990", "nineteen ninety"), which may be a count."""
    return bool(re.fullmatch(rf"{_YEAR}|{SPOKEN_YEAR}", text.strip(), re.IGNORECASE))

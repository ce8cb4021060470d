"""Temporal expressions: find them in text and normalise them to TIMEX3 values. No spaCy here.

:func:`find` spots date expressions with regular expressions; :func:`normalise` turns one
expression into a TIMEX3-style value against an anchor (the article date):

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
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from heron.resolve.regex_gate import gate
from heron.datafiles import read_tsv

Value = tuple[str | None, str]
UNKNOWN: Value = (None, "unknown")
REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Expression:
    """A time expression found in text. ``kind``: DATE (a calendar date at some granularity),
    TIME (a part of a day: "last night", "Friday morning") or EVENT (dated only by an event:
    "at the start of the war")."""

    start: int
    end: int
    text: str
    kind: str


# --- vocabulary -------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "a couple of": 2, "couple of": 2,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


@cache
def _lexicon() -> dict[str, str]:
    """phrase -> PRESENT_REF | PAST_REF | FUTURE_REF | EVENT, from data/lexicons/time_words.tsv."""
    return {row["phrase"].lower(): row["value"] for row in read_tsv("lexicons", "time_words.tsv")}


# --- recognition ------------------------------------------------------------------------

_MON_FULL = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
# Abbreviations only with a full stop or before a day number: "Mar" alone is rarely a month.
_MON_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d+|a\s+few|few|several|some|many|a\s+couple\s+of)"
_UNIT = r"(?:day|week|month|year|decade)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
# Years read out as words, as in broadcast transcripts: "nineteen ninety-six", "two thousand one".
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_CENTURY = rf"(?:nineteen|twenty)[\s-](?:{_TEENS_W}|{_TENS_W}(?:[\s-]{_UNITS_W})?|hundred)"
_SPOKEN_2000S = rf"two\s+thousand(?:\s+and)?(?:[\s-](?:{_TEENS_W}|{_UNITS_W}))?"
_SPOKEN_YEAR = rf"(?:{_SPOKEN_CENTURY}|{_SPOKEN_2000S})"
_YEARSPEC = rf"(?:{_YEAR}|fiscal\s+{_YEAR}|this\s+year|last\s+year|next\s+year|the\s+year)"
_PART = r"(?:morning|afternoon|evening|night)"

_DATE_PATTERNS = [
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b",
    rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?![,.]?\d)(?:,?\s+{_YEAR}\b)?",
    rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?",
    rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b",
    rf"\b{_MON}\s+(?:this|last|next)\s+year\b",
    rf"\b(?:(?:this|last|next|this\s+past)\s+)?{_MON}(?!\w)",
    rf"\b(?:{_MON}\s+|(?:the\s+)?year\s+|(?:the\s+)?{_SEASON}\s+of\s+)?{_SPOKEN_CENTURY}\b(?![\s-]+(?:{_UNITS_W}|{_TENS_W}|{_TEENS_W}|hundred|thousand|million|billion)\b)",
    # "two thousand" is usually a count: a year only after a month, "year" or "in"/"since"/"by"/"until"
    rf"(?:\b(?:{_MON}\s+|(?:the\s+)?year\s+|(?:the\s+)?{_SEASON}\s+of\s+)|(?<=\bin\s)|(?<=\bsince\s)|(?<=\bby\s)|(?<=\buntil\s)){_SPOKEN_2000S}\b(?!\s+(?:people|dollars|troops|soldiers|years|of)\b)",
    # "1639 UTC", "at 1800 hours": a 24-hour clock time, not a year
    rf"(?<![$\d.,])\b(?:fiscal\s+(?:year\s+)?|the\s+year\s+)?{_YEAR}\b(?!\s*%)(?![-/,.:]\d)"
    r"(?!\s*(?:UTC|GMT|BST|CES?T|EES?T|[ECMP][SD]T|MSK|local\s+time|h(?:ou)?rs\b|hours\b))",
    r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[6-9]\d0|20\d0)'?s\b",
    r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?'\d0s\b",
    r"\bthe\s+(?:early\s+|late\s+|mid-?)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
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
    rf"\b(?-i:Spring|Summer|Autumn|Winter|spring|summer|autumn|winter)\s+(?:of\s+)?{_YEAR}\b",
    rf"\b(?:{_NUM}\s+)?{_UNIT}s?\s+(?:ago|earlier|later|from\s+now|hence)\b",
    r"\b(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow)\b",
    r"\bthe\s+(?:next|following|previous|same)\s+day\b",
    rf"\b(?:(?:last|next|this|this\s+coming|coming|this\s+past|the\s+previous|the\s+following|the\s+next)\s+)?{_WD}(?!\w)",
]
_TZ = r"(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|CEST|ET|PT)"
_CLOCK = rf"(?:\d{{1,2}}(?::\d{{2}})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?-i:{_TZ})\b)?|noon|midnight|mid-?afternoon|mid-?morning)"
_DAY_REF = rf"(?:{_WD}|today|yesterday|tomorrow|{_MON}\s+{_DAY}\b)"
_TIME_PATTERNS = [
    r"\btonight\b",
    rf"\b(?:this|last|yesterday|tomorrow|{_WD})\s+{_PART}s?\b",
    rf"(?<!\w){_CLOCK},?\s+(?:on\s+)?{_DAY_REF}(?:,?\s+{_YEAR}\b)?",
    rf"\b{_DAY_REF},?\s+(?:at\s+)?{_CLOCK}",
    rf"\b(?:early|late)\s+(?:yesterday|today|tomorrow|{_WD})\s+{_PART}\b",
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
    lex = _lexicon()
    refs = sorted((p for p, v in lex.items() if v in REF_VALUES), key=len, reverse=True)
    events = sorted(p for p, v in lex.items() if v == "EVENT")
    ref_re = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in refs) + r")\b", re.IGNORECASE)
    event_re = re.compile(
        r"\b(?:the\s+)?(?:start|beginning|end|outbreak|onset|eve|height|middle|aftermath|run-up)\s+of\s+"
        r"(?:the\s+|this\s+|last\s+)?(?:\w+\s+)?(?:" + "|".join(map(re.escape, events)) + r")\b",
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


# --- normalisation ----------------------------------------------------------------------

_LEADING = re.compile(
    r"^(?:on|in|at|during|since|until|till|by|from|around|about|approximately|roughly|nearly|almost|just|"
    r"only|sometime|as\s+of|as\s+early\s+as|as\s+late\s+as|as\s+recently\s+as|starting|through|throughout|"
    r"before|after|within|over|more\s+than|less\s+than)\s+"
)
_MODIFIER_PREFIX = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|first\s+days)\s+of\s+|^(?:early|late|earlier|later|mid)[\s-]+|^mid-"
)
_PART_SUFFIX = re.compile(rf"\s+{_PART}$")
_CLOCK_WORDS = (r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?:\s+(?:est|edt|cst|cdt|pst|pdt|gmt|utc|bst|cet|cest|et|pt))?"
                r"|noon|midnight|mid-?afternoon|mid-?morning)")
_CLOCK_AROUND = re.compile(rf"^{_CLOCK_WORDS},?\s+(?:on\s+)?|,?\s+(?:at\s+)?{_CLOCK_WORDS}$")


def normalise(
    expression: str,
    anchor: dt.date | None,
    tense: str | None = None,
    reference: str | None = None,
    dayfirst: bool | None = None,
) -> Value:
    """TIMEX3 value and granularity of ``expression`` against ``anchor``.

    ``tense`` (past | present | future) of the governing verb picks the direction of a bare
    weekday, month, season or quarter ("on Tuesday" is the Tuesday before the anchor in a
    past-tense clause, the next one in a future clause). ``reference`` is the value of an
    earlier expression that "a year earlier", "two days later", "the next day" count from.
    ``dayfirst`` settles 03/04/2022; when None an ambiguous numeric date is left unresolved.
    Absolute expressions resolve without an anchor; relative ones need it.
    """
    if not isinstance(expression, str):
        raise TypeError(f"expression must be a str, not {type(expression).__name__}")
    if anchor is not None and not isinstance(anchor, dt.date):
        raise TypeError(f"anchor must be a datetime.date or None, not {type(anchor).__name__}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    s = _clean(expression)
    lex = _lexicon()
    if s in lex:
        return (lex[s], "unknown") if lex[s] in REF_VALUES else UNKNOWN
    while (m := _LEADING.match(s)) is not None:
        s = s[m.end():]
    if s in lex:
        return (lex[s], "unknown") if lex[s] in REF_VALUES else UNKNOWN
    s = _CLOCK_AROUND.sub("", s)  # the day of "10 p.m. Wednesday"
    while (m := _MODIFIER_PREFIX.match(s)) is not None and m.end() < len(s):
        s = s[m.end():]
    if s == "last night":
        s = "yesterday"
    s = _PART_SUFFIX.sub("", s)
    if s in ("this", "tonight"):
        s = "today"
    ctx = _Context(anchor, tense, reference, dayfirst)
    for parser in _PARSERS:
        result = parser(s, ctx)
        if result is not None:
            return result
    return UNKNOWN


def is_bare_year(text: str) -> bool:
    """True for a year with nothing around it ("1990", "nineteen ninety"), which may be a count."""
    return bool(re.fullmatch(rf"{_YEAR}|{_SPOKEN_YEAR}", text.strip(), re.IGNORECASE))


def calendar(value: str | None, granularity: str, anchor: dt.date | None) -> Value:
    """The value heron stores: PRESENT_REF is the article day, the other references have none."""
    if value == "PRESENT_REF":
        return (anchor.isoformat(), "day") if anchor else UNKNOWN
    if value in REF_VALUES or value is None:
        return UNKNOWN
    return value, granularity


def is_relative(expression: str) -> bool:
    """True for expressions counted from another time ("two days later", "the next day")."""
    s = _clean(expression)
    return bool(re.search(r"\b(?:earlier|later)$|\bthe\s+(?:next|following|previous|same)\s+(?:day|week|month|year)$"
                          r"|^the\s+day\s+(?:before|after)$", s))


def _clean(expression: str) -> str:
    s = expression.replace("\u2019", "'").replace("\u2013", "-").lower()
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    s = re.sub(rf"\b{_SPOKEN_YEAR}\b", lambda m: str(_spoken_year(m.group(0))), s)
    return re.sub(r"'s$", "", s)


_WORD_VALUES = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])} | {w: 10 * i for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}


def _spoken_year(words: str) -> int:
    parts = [w for w in re.split(r"[\s-]+", words) if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES[w] for w in parts[2:])
    if parts[1] == "hundred":
        return _WORD_VALUES[parts[0]] * 100
    return _WORD_VALUES[parts[0]] * 100 + sum(_WORD_VALUES[w] for w in parts[1:])


@dataclass(frozen=True)
class _Context:
    anchor: dt.date | None
    tense: str | None
    reference: str | None
    dayfirst: bool | None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _closest_year(month: int, day: int, ctx: _Context) -> int | None:
    """The year of a month/day without one: the one nearest the anchor, where a clause's
    tense outweighs four months of distance (news dates reach both ways: "payable Nov. 20")."""
    if ctx.anchor is None:
        return None

    def cost(year: int) -> int:
        gap = ((_valid(year, month, day) or dt.date(year, month, 28)) - ctx.anchor).days
        wrong_way = (ctx.tense == "past" and gap > 1) or (ctx.tense == "future" and gap < 0)
        return abs(gap) + 120 * wrong_way

    return min((ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1), key=cost)


def _year_of(spec: str | None, ctx: _Context) -> int | None:
    """Year named by "1990", "fiscal 1990", "this year", "last year", "next year", "the year"."""
    if spec is None or spec in ("this year", "the year", "this year's"):
        return ctx.anchor.year if ctx.anchor else None
    if m := re.search(r"\d{4}", spec):
        return int(m.group(0))
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + (-1 if spec.startswith("last") else 1)


def _p_iso(s: str, ctx: _Context) -> Value | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        d = _valid(int(m[1]), int(m[2]), int(m[3]))
        return (d.isoformat(), "day") if d else UNKNOWN
    if m := re.fullmatch(r"(\d{4})-w(\d{2})", s):
        return f"{m[1]}-W{m[2]}", "week"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        return (s, "month") if 1 <= int(m[2]) <= 12 else UNKNOWN
    return None


def _p_numeric(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if len(m[3]) == 2:
        pivot = ctx.anchor.year if ctx.anchor else 2000
        year = min((c + year for c in (pivot // 100 * 100 - 100, pivot // 100 * 100)), key=lambda y: abs(y - pivot))
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b or ctx.dayfirst is not None:
        day, month = (a, b) if ctx.dayfirst else (b, a)
    else:
        return UNKNOWN
    d = _valid(year, month, day)
    return (d.isoformat(), "day") if d else UNKNOWN


_MONTH_RE = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_WEEKDAY_PREFIX = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+")


def _p_month_day(s: str, ctx: _Context) -> Value | None:
    s = _WEEKDAY_PREFIX.sub("", s)
    m = re.fullmatch(rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}|this year|last year|next year))?", s)
    if m:
        month, day, yspec = MONTHS[m[1]], int(m[2]), m[3]
    else:
        m = re.fullmatch(
            rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}|this year|last year|next year))?", s
        )
        if not m:
            return None
        month, day, yspec = MONTHS[m[2]], int(m[1]), m[3]
    year = _year_of(yspec, ctx) if yspec else _closest_year(month, day, ctx)
    if year is None:
        return UNKNOWN
    d = _valid(year, month, day)
    return (d.isoformat(), "day") if d else UNKNOWN


def _p_month(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"{_MONTH_RE},?\s+(?:of\s+)?(\d{{4}}|this year|last year|next year)", s)
    if m:
        year = _year_of(m[2], ctx)
        return (f"{year:04d}-{MONTHS[m[1]]:02d}", "month") if year else UNKNOWN
    m = re.fullmatch(rf"(?:(last|next|this|this past|the)\s+)?{_MONTH_RE}", s)
    if not m:
        return None
    if ctx.anchor is None:
        return UNKNOWN
    month, here = MONTHS[m[2]], ctx.anchor.month
    year = ctx.anchor.year
    if m[1] in ("last", "this past"):
        year -= month >= here
    elif m[1] == "next":
        year += month <= here
    elif m[1] != "this":
        # the nearest such month; a clause's tense outweighs up to five months of distance
        def cost(y: int) -> int:
            gap = (y * 12 + month) - (ctx.anchor.year * 12 + here)
            wrong_way = (ctx.tense == "past" and gap > 0) or (ctx.tense == "future" and gap < 0)
            return abs(gap) + 5 * wrong_way
        year = min((year - 1, year, year + 1), key=cost)
    return f"{year:04d}-{month:02d}", "month"


def _p_decade(s: str, ctx: _Context) -> Value | None:
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"^(?:early|late|mid)[\s-]*", "", s)
    if m := re.fullmatch(r"(\d{3})0'?s", s):
        return m[1], "decade"
    century = (ctx.anchor.year // 100) if ctx.anchor else 19
    if m := re.fullmatch(r"'(\d)0s", s):
        return f"{century}{m[1]}", "decade"
    if s in DECADE_WORDS:
        return f"{century}{DECADE_WORDS[s]}", "decade"
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", s):
        return f"{int(m[1]) - 1:02d}", "century"
    if m := re.fullmatch(r"(this|last|past|previous|next) (decade|century)", s):
        if ctx.anchor is None:
            return UNKNOWN
        shift = {"this": 0, "next": 1}.get(m[1], -1)
        if m[2] == "century":
            return f"{ctx.anchor.year // 100 + shift:02d}", "century"
        return str(ctx.anchor.year // 10 + shift), "decade"
    return None


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    k = year * 4 + q - 1 + n
    return k // 4, k % 4 + 1


def _shift_value(value: str, years: int) -> str | None:
    """Move a TIMEX3 value by whole years, keeping its granularity."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = dt.date.fromisoformat(value)
        return (_valid(d.year + years, d.month, d.day) or dt.date(d.year + years, d.month, 28)).isoformat()
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return f"{int(value[:4]) + years}{value[4:]}"
    if re.match(r"\d{4}", value):
        return f"{int(value[:4]) + years}{value[4:]}"
    return None


_NTH_QUARTER = re.compile(
    rf"(?:(this|last|next) year's\s+)?(?:(\d{{4}})\s+)?(?:(year-(?:earlier|ago))\s+)?(?:(?:fiscal|calendar)[-\s])?"
    rf"({'|'.join(ORDINALS)})[-\s](?:fiscal\s+)?quarter"
    rf"(?:\s+of\s+(?:fiscal\s+)?(\d{{4}}|this year|last year|next year|the year))?"
)


def _p_quarter(s: str, ctx: _Context) -> Value | None:
    s = re.sub(r"^(?:the|its)\s+", "", s)
    if re.fullmatch(r"(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:fiscal\s+)?(?:quarter|period))?", s):
        if ctx.reference and re.fullmatch(r"\d{4}(?:-Q\d|-H\d|-\d{2})?", ctx.reference):
            return _shift_value(ctx.reference, -1), _granularity(ctx.reference)
        if ctx.anchor is None:
            return UNKNOWN
        if s.endswith(("quarter", "period")):
            year, q = _shift_quarter(*_quarter_of(ctx.anchor), -5)
            return f"{year}-Q{q}", "quarter"
        return str(ctx.anchor.year - 1), "year"
    if m := _NTH_QUARTER.fullmatch(s):
        spec = f"{m[1]} year" if m[1] else (m[2] or m[5])
        q, back = ORDINALS[m[4]], bool(m[3])
    elif m := re.fullmatch(r"q([1-4])(?:\s+(\d{4}))?", s):
        spec, q, back = m[2], int(m[1]), False
    else:
        return _p_the_quarter(s, ctx)
    if spec:
        year = _year_of(spec, ctx)
    elif ctx.anchor is None:
        return UNKNOWN
    else:
        # the latest such quarter to have begun; results for a quarter are announced after it
        # ends, so only a future clause about a quarter well behind us means next year's
        here_year, here_q = _quarter_of(ctx.anchor)
        year = here_year - (q > here_q) + (ctx.tense == "future" and q < here_q - 1)
    if year is None:
        return UNKNOWN
    return f"{year - back}-Q{q}", "quarter"


def _p_the_quarter(s: str, ctx: _Context) -> Value | None:
    if m := re.fullmatch(r"(\d{4})\s+(?:fiscal\s+)?(quarter|period)", s):
        # "the 1988 quarter" names the quarter under discussion, in another year
        if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
            return f"{m[1]}{ctx.reference[4:]}", "quarter"
        return (m[1], "year") if m[2] == "period" else UNKNOWN
    m = re.fullmatch(r"(latest|most recent|recent|just-ended|this|current|last|previous|past|next|coming|)\s*"
                     r"(?:fiscal\s+)?(quarter|period)", s)
    if m is None or (m[2] == "period" and m[1] in ("", "this", "current", "last", "previous", "past", "next", "coming")):
        return None
    if ctx.anchor is None:
        return UNKNOWN
    shift = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(m[1], -1)
    year, q = _shift_quarter(*_quarter_of(ctx.anchor), shift)
    return f"{year}-Q{q}", "quarter"


def _p_half(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(r"(?:the\s+)?(first|second|last)\s+half(?:\s+of\s+(?:fiscal\s+)?(\d{4}|this year|last year|next year|the year))?", s)
    if not m:
        return None
    year = _year_of(m[2], ctx)
    return (f"{year}-H{1 if m[1] == 'first' else 2}", "half") if year else UNKNOWN


def _p_season(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(r"(?:(this past|this|last|next|the|early|late|mid)[\s-]+)?(spring|summer|autumn|fall|winter)"
                     r"(?:\s+(?:of\s+)?(\d{4}))?", s)
    if not m:
        return None
    code = SEASONS[m[2]]
    if m[3]:
        return f"{m[3]}-{code}", "season"
    if ctx.anchor is None:
        return UNKNOWN
    # this year's season starts (and ends) at: winter is counted in the year its December falls
    start = dt.date(ctx.anchor.year, SEASON_START[code], 1)
    end = dt.date(*_add_months(start.year, start.month, 3), 1)
    year = ctx.anchor.year
    if m[1] in ("last", "this past"):  # the latest one over
        year -= end > ctx.anchor
    elif m[1] == "next":  # the first one not yet begun
        year += start <= ctx.anchor
    elif ctx.tense == "past":  # the latest one begun
        year -= start > ctx.anchor
    elif ctx.tense == "future":  # the first one not yet over
        year += end <= ctx.anchor
    return f"{year}-{code}", "season"


def _p_year(s: str, ctx: _Context) -> Value | None:
    if m := re.fullmatch(r"(?:fiscal\s+(?:year\s+)?|the\s+year\s+|fy\s*)?(\d{4})", s):
        return m[1], "year"
    return None


_UNIT_RE = r"(day|week|weekend|month|year|fiscal year|full year|quarter|decade|century)"


def _p_relative_unit(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"(?:the\s+)?(this|last|next|past|previous|coming|current|following|same|this past|latest|)\s*{_UNIT_RE}", s)
    if not m or (m[1] == "" and not s.startswith("the ")) or m[2] in ("quarter", "decade", "century"):
        return None
    which, unit = m[1], m[2].replace("fiscal ", "").replace("full ", "")
    if which in ("following", "same") or (which in ("next", "previous") and s.startswith("the ")):
        start = _reference_start(ctx.reference) if ctx.reference else None
        if start is None or unit == "weekend" or _GRAIN_ORDER[start[1]] > _GRAIN_ORDER[unit]:
            return UNKNOWN
        return _at(start[0], unit, {"following": 1, "next": 1, "previous": -1, "same": 0}[which])
    if ctx.anchor is None:
        return UNKNOWN
    if unit == "weekend":
        return _weekend(ctx.anchor, {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}.get(which, 0), ctx.tense)
    n = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "day":
        return UNKNOWN if which in ("", "this", "current", "latest") and s != "the day" else _at(ctx.anchor, unit, n)
    return _at(ctx.anchor, unit, n)


def _weekend(anchor: dt.date, n: int, tense: str | None) -> Value:
    if n == 0:
        n = -1 if tense == "past" and anchor.weekday() < 5 else 0
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday() + 7 * n)
    return f"{_week(saturday)}-WE", "week"


def _at(base: dt.date, unit: str, n: int) -> Value:
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(base + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        year, month = _add_months(base.year, base.month, n)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "year":
        return str(base.year + n), "year"
    if unit == "decade":
        return str(base.year // 10 + n), "decade"
    return UNKNOWN


def _reference_date(ctx: _Context) -> dt.date | None:
    if ctx.reference and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.reference):
        return dt.date.fromisoformat(ctx.reference)
    return None


def _reference_start(ref: str) -> tuple[dt.date, str] | None:
    """First day and granularity of a calendar value, to count "the following month" from."""
    gran = _granularity(ref)
    if gran == "day":
        return dt.date.fromisoformat(ref), gran
    if gran == "week":
        return dt.date.fromisocalendar(int(ref[:4]), int(ref[6:8]), 1), gran
    if gran == "month":
        return dt.date(int(ref[:4]), int(ref[5:7]), 1), gran
    if gran == "quarter":
        return dt.date(int(ref[:4]), 3 * int(ref[6]) - 2, 1), gran
    if gran == "year":
        return dt.date(int(ref), 1, 1), gran
    return None


def _granularity(value: str) -> str:
    for pattern, gran in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-W\d{2}", "week"), (r"\d{4}-\d{2}", "month"),
                          (r"\d{4}-Q\d", "quarter"), (r"\d{4}-H\d", "half"), (r"\d{4}-(SP|SU|FA|WI)", "season"),
                          (r"\d{4}", "year"), (r"\d{3}", "decade")):
        if re.fullmatch(pattern, value):
            return gran
    return "unknown"


_GRAIN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6}


def _p_count(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"(?:({'|'.join(map(re.escape, [*NUMBERS, *VAGUE_NUMBERS]))}|\d+)\s+)?(day|week|month|year|decade)s?\s+"
                     r"(ago|earlier|later|before|after|from now|hence)", s)
    if not m:
        return None
    count, unit, direction = m[1], m[2], m[3]
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if count is None or count in VAGUE_NUMBERS:
        return {"ago": ("PAST_REF", "unknown"), "from now": ("FUTURE_REF", "unknown"),
                "hence": ("FUTURE_REF", "unknown")}.get(direction, UNKNOWN)
    n = sign * (int(count) if count.isdigit() else NUMBERS[count])
    ref = ctx.reference
    ref_gran = _granularity(ref) if ref else "unknown"
    from_reference = direction in ("earlier", "later", "before", "after") or (
        unit == "year" and ref_gran in ("quarter", "half", "season", "month"))
    if from_reference and ref and ref_gran in _GRAIN_ORDER and _GRAIN_ORDER[ref_gran] <= _GRAIN_ORDER[unit]:
        # keep the reference's granularity: "a year earlier" than 2021-Q3 is 2020-Q3
        if unit == "decade":
            return (str(int(ref) + n), "decade") if ref_gran == "decade" else UNKNOWN
        if unit == "year":
            return _shift_value(ref, n), ref_gran
        if ref_gran == "day":
            return _shift_days(ref, unit, n), "day"
        if ref_gran == unit:
            return _at(_reference_start(ref)[0], unit, n)
        return UNKNOWN
    if direction in ("before", "after") or ctx.anchor is None:
        return UNKNOWN
    return _at(ctx.anchor, unit, n)


def _shift_days(ref: str, unit: str, n: int) -> str:
    """The day ``n`` days, weeks or months from the day ``ref`` (clamped to the month's end)."""
    base = dt.date.fromisoformat(ref)
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return (base + dt.timedelta(weeks=n)).isoformat()
    year, month = _add_months(base.year, base.month, n)
    return dt.date(year, month, min(base.day, _calendar.monthrange(year, month)[1])).isoformat()


def _p_day(s: str, ctx: _Context) -> Value | None:
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2}
    if s in offsets:
        return ((ctx.anchor + dt.timedelta(days=offsets[s])).isoformat(), "day") if ctx.anchor else UNKNOWN
    relative = {"the next day": 1, "the following day": 1, "the day after": 1, "the previous day": -1,
                "the day before": -1, "the same day": 0, "that day": 0}
    if s in relative:
        base = _reference_date(ctx)
        return ((base + dt.timedelta(days=relative[s])).isoformat(), "day") if base else UNKNOWN
    return None


def _p_weekday(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(r"(?:(last|next|this|this coming|coming|this past|past|the previous|previous|the following|"
                     r"the next)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", s)
    if not m:
        return None
    which, target = m[1] or "", WEEKDAYS[m[2]]
    if which in ("the following", "the next", "the previous"):
        base = _reference_date(ctx)
        if base is None:
            return UNKNOWN
        which = "next" if which != "the previous" else "last"
    elif ctx.anchor is None:
        return UNKNOWN
    else:
        base = ctx.anchor
    back = (base.weekday() - target) % 7 or 7  # days to the previous such weekday
    ahead = (target - base.weekday()) % 7 or 7
    if which in ("last", "this past", "past", "previous"):
        return (base - dt.timedelta(days=back)).isoformat(), "day"
    if which in ("next", "this coming", "coming"):
        return (base + dt.timedelta(days=ahead)).isoformat(), "day"
    if which == "this":
        return (base + dt.timedelta(days=target - base.weekday())).isoformat(), "day"
    if target == base.weekday() and ctx.tense != "future":
        return base.isoformat(), "day"
    if ctx.tense == "future":
        return (base + dt.timedelta(days=ahead)).isoformat(), "day"
    if ctx.tense == "past" or back <= ahead:
        return (base - dt.timedelta(days=back)).isoformat(), "day"
    return (base + dt.timedelta(days=ahead)).isoformat(), "day"


_PARSERS = (_p_iso, _p_numeric, _p_month_day, _p_month, _p_decade, _p_quarter, _p_half, _p_season, _p_year,
            _p_count, _p_day, _p_relative_unit, _p_weekday)

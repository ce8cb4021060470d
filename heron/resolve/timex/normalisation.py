"""Normalisation: the TIMEX3 value of one time expression against an anchor (the article date).

:func:`normalise` reads an expression :func:`heron.resolve.timex.recognition.find` found, or any
other string; :func:`calendar` turns TimeBank's ``*_REF`` values into what heron stores. The
date words and their meanings come from :mod:`heron.lang.en.dates`, the reference words from
data/lexicons/time_words.tsv; the calendar arithmetic is in :mod:`heron.resolve.timex.values`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from heron.lang.en.dates import (
    DECADE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    TIME_ZONES,
    VAGUE_COUNTS,
    WEEKDAYS,
)
from heron.resolve.timex.values import (
    GRAIN_ORDER,
    UNKNOWN,
    Value,
    add_months,
    granularity_of,
    period_at,
    quarter_of,
    reference_start,
    shift_days,
    shift_quarter,
    shift_value,
    valid_date,
    week_of,
)
from heron.resolve.timex.words import (
    COUNTS,
    PART,
    REF_VALUES,
    SPOKEN_YEAR,
    alternatives,
    lexicon,
)

# Expressions reach here lower-cased: word -> month number (1-12) and weekday (Monday 0).
_MONTH_NUMBERS = {m.lower(): n for n, m in enumerate(MONTHS, start=1)} | {
    a.lower(): n for a, n in MONTH_ABBREVIATIONS.items()}
_WEEKDAY_NUMBERS = {d.lower(): n for n, d in enumerate(WEEKDAYS)}
_WEEKDAY_RE = alternatives(_WEEKDAY_NUMBERS)
# The month each TIMEX3 season starts in.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_LEADING = re.compile(
    r"^(?:on|in|at|during|since|until|till|by|from|around|about|approximately|roughly|nearly|almost|just|"
    r"only|sometime|as\s+of|as\s+early\s+as|as\s+late\s+as|as\s+recently\s+as|starting|through|throughout|"
    r"before|after|within|over|more\s+than|less\s+than)\s+"
)
_MODIFIER_PREFIX = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|first\s+days)\s+of\s+|^(?:early|late|earlier|later|mid)[\s-]+|^mid-"
)
_PART_SUFFIX = re.compile(rf"\s+{PART}$")
_TZ = alternatives(zone.lower() for zone in TIME_ZONES)
_CLOCK_WORDS = (rf"(?:\d{{1,2}}(?::\d{{2}})?\s*(?:a\.m\.?|p\.m\.?|am|pm)(?:\s+(?:{_TZ}))?"
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
    lex = lexicon()
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
        try:
            result = parser(s, ctx)
        except (OverflowError, ValueError):
            # the expression names a day outside the calendar (before year 1 or after 9999), e.g.
            # "tomorrow" in an article dated 9999-12-31: it has no value
            return UNKNOWN
        if result is not None:
            return result
    return UNKNOWN


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
    s = re.sub(rf"\b{SPOKEN_YEAR}\b", lambda m: str(_spoken_year(m.group(0))), s)
    return re.sub(r"'s$", "", s)


def _spoken_year(words: str) -> int:
    parts = [w for w in re.split(r"[\s-]+", words) if w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS[w] for w in parts[2:])
    if parts[1] == "hundred":
        return NUMBER_WORDS[parts[0]] * 100
    return NUMBER_WORDS[parts[0]] * 100 + sum(NUMBER_WORDS[w] for w in parts[1:])


@dataclass(frozen=True)
class _Context:
    anchor: dt.date | None
    tense: str | None
    reference: str | None
    dayfirst: bool | None


def _closest_year(month: int, day: int, ctx: _Context) -> int | None:
    """The year of a month/day without one: the one nearest the anchor, where a clause's
    tense outweighs four months of distance (news dates reach both ways: "payable Nov. 20")."""
    if ctx.anchor is None:
        return None

    def cost(year: int) -> int:
        gap = ((valid_date(year, month, day) or dt.date(year, month, 28)) - ctx.anchor).days
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
        d = valid_date(int(m[1]), int(m[2]), int(m[3]))
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
    d = valid_date(year, month, day)
    return (d.isoformat(), "day") if d else UNKNOWN


_MONTH_RE = rf"({alternatives(_MONTH_NUMBERS)})\.?"
_WEEKDAY_PREFIX = re.compile(rf"^(?:{_WEEKDAY_RE}),?\s+")


def _p_month_day(s: str, ctx: _Context) -> Value | None:
    s = _WEEKDAY_PREFIX.sub("", s)
    m = re.fullmatch(rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}|this year|last year|next year))?", s)
    if m:
        month, day, yspec = _MONTH_NUMBERS[m[1]], int(m[2]), m[3]
    else:
        m = re.fullmatch(
            rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}|this year|last year|next year))?", s
        )
        if not m:
            return None
        month, day, yspec = _MONTH_NUMBERS[m[2]], int(m[1]), m[3]
    year = _year_of(yspec, ctx) if yspec else _closest_year(month, day, ctx)
    if year is None:
        return UNKNOWN
    d = valid_date(year, month, day)
    return (d.isoformat(), "day") if d else UNKNOWN


def _p_month(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"{_MONTH_RE},?\s+(?:of\s+)?(\d{{4}}|this year|last year|next year)", s)
    if m:
        year = _year_of(m[2], ctx)
        return (f"{year:04d}-{_MONTH_NUMBERS[m[1]]:02d}", "month") if year else UNKNOWN
    m = re.fullmatch(rf"(?:(last|next|this|this past|the)\s+)?{_MONTH_RE}", s)
    if not m:
        return None
    if ctx.anchor is None:
        return UNKNOWN
    month, here = _MONTH_NUMBERS[m[2]], ctx.anchor.month
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


_NTH_QUARTER = re.compile(
    rf"(?:(this|last|next) year's\s+)?(?:(\d{{4}})\s+)?(?:(year-(?:earlier|ago))\s+)?(?:(?:fiscal|calendar)[-\s])?"
    rf"({alternatives(ORDINALS)})[-\s](?:fiscal\s+)?quarter"
    rf"(?:\s+of\s+(?:fiscal\s+)?(\d{{4}}|this year|last year|next year|the year))?"
)


def _p_quarter(s: str, ctx: _Context) -> Value | None:
    s = re.sub(r"^(?:the|its)\s+", "", s)
    if re.fullmatch(r"(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:fiscal\s+)?(?:quarter|period))?", s):
        if ctx.reference and re.fullmatch(r"\d{4}(?:-Q\d|-H\d|-\d{2})?", ctx.reference):
            return shift_value(ctx.reference, -1), granularity_of(ctx.reference)
        if ctx.anchor is None:
            return UNKNOWN
        if s.endswith(("quarter", "period")):
            year, q = shift_quarter(*quarter_of(ctx.anchor), -5)
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
        here_year, here_q = quarter_of(ctx.anchor)
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
    year, q = shift_quarter(*quarter_of(ctx.anchor), shift)
    return f"{year}-Q{q}", "quarter"


def _p_half(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(r"(?:the\s+)?(first|second|last)\s+half(?:\s+of\s+(?:fiscal\s+)?(\d{4}|this year|last year|next year|the year))?", s)
    if not m:
        return None
    year = _year_of(m[2], ctx)
    return (f"{year}-H{1 if m[1] == 'first' else 2}", "half") if year else UNKNOWN


def _p_season(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"(?:(this past|this|last|next|the|early|late|mid)[\s-]+)?({alternatives(SEASONS)})"
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
    end = dt.date(*add_months(start.year, start.month, 3), 1)
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
        start = reference_start(ctx.reference) if ctx.reference else None
        if start is None or unit == "weekend" or GRAIN_ORDER[start[1]] > GRAIN_ORDER[unit]:
            return UNKNOWN
        return period_at(start[0], unit, {"following": 1, "next": 1, "previous": -1, "same": 0}[which])
    if ctx.anchor is None:
        return UNKNOWN
    if unit == "weekend":
        return _weekend(ctx.anchor, {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}.get(which, 0), ctx.tense)
    n = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "day":
        return UNKNOWN if which in ("", "this", "current", "latest") and s != "the day" else period_at(ctx.anchor, unit, n)
    return period_at(ctx.anchor, unit, n)


def _weekend(anchor: dt.date, n: int, tense: str | None) -> Value:
    if n == 0:
        n = -1 if tense == "past" and anchor.weekday() < 5 else 0
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday() + 7 * n)
    return f"{week_of(saturday)}-WE", "week"


def _reference_date(ctx: _Context) -> dt.date | None:
    if ctx.reference and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.reference):
        return dt.date.fromisoformat(ctx.reference)
    return None


def _p_count(s: str, ctx: _Context) -> Value | None:
    m = re.fullmatch(rf"(?:({alternatives([*COUNTS, *VAGUE_COUNTS])}|\d+)\s+)?(day|week|month|year|decade)s?\s+"
                     r"(ago|earlier|later|before|after|from now|hence)", s)
    if not m:
        return None
    count, unit, direction = m[1], m[2], m[3]
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if count is None or count in VAGUE_COUNTS:
        return {"ago": ("PAST_REF", "unknown"), "from now": ("FUTURE_REF", "unknown"),
                "hence": ("FUTURE_REF", "unknown")}.get(direction, UNKNOWN)
    n = sign * (int(count) if count.isdigit() else COUNTS[count])
    ref = ctx.reference
    ref_gran = granularity_of(ref) if ref else "unknown"
    from_reference = direction in ("earlier", "later", "before", "after") or (
        unit == "year" and ref_gran in ("quarter", "half", "season", "month"))
    if from_reference and ref and ref_gran in GRAIN_ORDER and GRAIN_ORDER[ref_gran] <= GRAIN_ORDER[unit]:
        # keep the reference's granularity: "a year earlier" than 2021-Q3 is 2020-Q3
        if unit == "decade":
            return (str(int(ref) + n), "decade") if ref_gran == "decade" else UNKNOWN
        if unit == "year":
            return shift_value(ref, n), ref_gran
        if ref_gran == "day":
            return shift_days(ref, unit, n), "day"
        if ref_gran == unit:
            return period_at(reference_start(ref)[0], unit, n)
        return UNKNOWN
    if direction in ("before", "after") or ctx.anchor is None:
        return UNKNOWN
    return period_at(ctx.anchor, unit, n)


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
                     rf"the next)\s+)?({_WEEKDAY_RE})", s)
    if not m:
        return None
    which, target = m[1] or "", _WEEKDAY_NUMBERS[m[2]]
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

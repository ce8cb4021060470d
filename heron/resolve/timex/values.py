"""TIMEX3 values and calendar arithmetic: granularity, weeks, months, quarters, shifting by a count."""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

# A TIMEX3 value (None when unresolved) and its granularity.
Value = tuple[str | None, str]
UNKNOWN: Value = (None, "unknown")


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    k = year * 4 + q - 1 + n
    return k // 4, k % 4 + 1


def shift_value(value: str, years: int) -> str | None:
    """Move a TIMEX3 value by whole years, keeping its granularity."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = dt.date.fromisoformat(value)
        return (valid_date(d.year + years, d.month, d.day) or dt.date(d.year + years, d.month, 28)).isoformat()
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return f"{int(value[:4]) + years}{value[4:]}"
    if re.match(r"\d{4}", value):
        return f"{int(value[:4]) + years}{value[4:]}"
    return None


def period_at(base: dt.date, unit: str, n: int) -> Value:
    """The day, week, month, year or decade ``n`` of them from the one ``base`` falls in."""
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return week_of(base + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        year, month = add_months(base.year, base.month, n)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "year":
        return str(base.year + n), "year"
    if unit == "decade":
        return str(base.year // 10 + n), "decade"
    return UNKNOWN


def reference_start(ref: str) -> tuple[dt.date, str] | None:
    """First day and granularity of a calendar value, to count "the following month" from."""
    gran = granularity_of(ref)
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


def granularity_of(value: str) -> str:
    """day | week | month | quarter | half | season | year | decade of a TIMEX3 value; else unknown."""
    for pattern, gran in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-W\d{2}", "week"), (r"\d{4}-\d{2}", "month"),
                          (r"\d{4}-Q\d", "quarter"), (r"\d{4}-H\d", "half"), (r"\d{4}-(SP|SU|FA|WI)", "season"),
                          (r"\d{4}", "year"), (r"\d{3}", "decade")):
        if re.fullmatch(pattern, value):
            return gran
    return "unknown"


# Finer to coarser: an expression counts from a reference no coarser than its own unit ("the
# following month" from a day or a month, not from a year).
GRAIN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6}


def shift_days(ref: str, unit: str, n: int) -> str:
    """The day ``n`` days, weeks or months from the day ``ref`` (clamped to the month's end)."""
    base = dt.date.fromisoformat(ref)
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return (base + dt.timedelta(weeks=n)).isoformat()
    year, month = add_months(base.year, base.month, n)
    return dt.date(year, month, min(base.day, _calendar.monthrange(year, month)[1])).isoformat()

"""Article dates to ISO ``YYYY-MM-DD``.

The date written in the input is kept as stated: "2022-03-30T23:30:00-05:00"
is 2022-03-30, not converted to UTC, because it anchors the article's own
"yesterday" and "on Tuesday".
"""
from __future__ import annotations

import datetime as dt
import re

# Unambiguous numeric forms first: they are by far the most common and
# dateparser costs milliseconds per call.
_COMPACT = re.compile(r"\d{8}")
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")

# Only absolute dates with day, month and year: a bare "March 2022" or
# "yesterday" cannot anchor an article.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["absolute-time", "custom-formats"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def normalise_date(value: str | dt.date | None) -> str | None:
    """``YYYY-MM-DD`` for a date written in any common form; None for no date.

    Raises ValueError (message suitable for the user) when a date is given but
    cannot be read.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    parsed = _fast(text) or _dateparser(text)
    if parsed is None:
        raise ValueError(f"bad date {text!r}: expected YYYY-MM-DD")
    return parsed.isoformat()


def _fast(text: str) -> dt.date | None:
    iso = _ISO_PREFIX.fullmatch(text)
    if iso:
        try:
            return dt.datetime.fromisoformat(text.replace("z", "Z")).date()
        except ValueError:
            # "2022-13-45" must fail rather than reach dateparser, which might
            # reinterpret the digits; a valid day with an odd time part is kept.
            try:
                return dt.date(*(int(g) for g in iso.groups()))
            except ValueError:
                return None
    if _COMPACT.fullmatch(text):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
    return None


def _dateparser(text: str) -> dt.date | None:
    if _ISO_PREFIX.fullmatch(text) or _COMPACT.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    import dateparser  # imported on demand: most inputs carry ISO dates

    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None

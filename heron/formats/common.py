"""What the field formats share: stable event numbers, the event day, country codes, flat text."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from heron.tables import date_bounds
from heron.records import Article, Event, Extraction
from heron.datafiles import read_tsv


def event_number(article: Article, event: Event) -> int:
    """A stable integer id of one event: the first 60 bits of SHA-256("<article id>/<event id>").

    The article id is a hash of the article text and event ids are numbered in
    order of mention, so the same article gives the same numbers on every run;
    60 bits keep the number a positive signed 64-bit integer (what GDELT's
    GLOBALEVENTID column holds) with a negligible chance of collision.
    """
    digest = hashlib.sha256(f"{article.id}/{event.id}".encode()).hexdigest()
    return int(digest[:15], 16)


@dataclass(frozen=True)
class EventDay:
    """The one calendar day a field format needs, and how precise it really is."""

    day: dt.date
    granularity: str  # day | week | month | year: the precision of what the text said
    from_article: bool  # True when the day is the article's date, not a day the text gave


def event_day(extraction: Extraction, event: Event) -> EventDay | None:
    """The day to file ``event`` under.

    A day-level date is used as is. A coarser one (week, month, year) becomes the
    article date when the article date falls inside it (publication is the last
    day the event can have happened by, which is how GDELT dates its events),
    else the first day of the period. No usable date: the article date. Neither:
    None.
    """
    article_day = _iso_day(extraction.article.date)
    ref = event.date
    bounds = date_bounds(ref.value) if ref is not None and not ref.fallback else None
    if bounds is None:
        return EventDay(article_day, "day", True) if article_day else None
    start, end = dt.date.fromisoformat(bounds[0]), dt.date.fromisoformat(bounds[1])
    span = (end - start).days
    granularity = ref.granularity if ref.granularity in ("week", "month", "year") else (
        "week" if span <= 6 else "month" if span <= 30 else "year")
    if start == end:
        return EventDay(start, "day", False)
    if article_day and start <= article_day <= end:
        return EventDay(article_day, granularity, True)
    return EventDay(start, granularity, False)


def _iso_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Country:
    iso3: str
    fips: str  # FIPS 10-4, what GDELT's Geo fields use; "" when none is assigned
    iso_numeric: str  # "804"; what ACLED's iso column holds
    name: str


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV under heron/data/formats/ (header row; lines starting with # are comments)."""
    return [{k: v.strip() for k, v in row.items()} for row in read_tsv("formats", name)]


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    return {r["iso3"]: Country(r["iso3"], r["fips"], r["iso_numeric"], r["name"]) for r in read_table("iso3_fips.tsv")}


def country(iso3: str | None) -> Country | None:
    return countries().get(iso3.upper()) if iso3 else None


def flat(text: str | None) -> str:
    """One line of text: tabs and line breaks would break a TSV row (and are noise in a CSV cell)."""
    return " ".join(text.split()) if text else ""

"""What the field formats share: stable event numbers, the event day, country codes, flat text."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
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


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "a hundred": 100})
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_HEDGE = r"(?:at least |about |around |nearly |almost |more than |over |some |up to |an estimated )?"
_VICTIMS = (r"(?:people|persons|civilians|soldiers|troops|servicemen|police|policemen|officers|children|women|men"
            r"|protesters|demonstrators|militants|fighters|rebels|insurgents|members|passengers|villagers|residents"
            r"|workers|others|of them)")
_KILLED_PATTERNS = [
    # "killed 12 people", "killing at least five Ukrainian soldiers"
    re.compile(rf"\b(?:killed|killing|kills|kill)\s+{_HEDGE}{_NUM}\s+(?:[\w-]+\s+){{0,2}}{_VICTIMS}\b", re.I),
    # "12 people had been killed", "three civilians died", "at least 40 dead"
    re.compile(rf"\b{_HEDGE}{_NUM}\s+(?:[\w-]+\s+){{0,2}}{_VICTIMS}\s+(?:(?:were|was|had been|have been|has been"
               rf"|are|were reported|are reported|reportedly)\s+)?(?:killed|dead|died)\b", re.I),
    re.compile(rf"\b{_HEDGE}{_NUM}\s+(?:were|have been|had been)\s+killed\b", re.I),
    # "the death toll rose to 31"
    re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{_HEDGE}{_NUM}\b", re.I),
]


def _as_int(token: str) -> int:
    token = token.lower()
    return _NUMBER_WORDS[token] if token in _NUMBER_WORDS else int(token.replace(",", ""))


def killed_count(text: str | None) -> int | None:
    """How many people the sentence says were killed, when it gives a number; the largest if several.

    A deliberately small rule ("killed 12 people", "12 people had been killed",
    "the death toll rose to 31"): a sentence that gives no number gives None, not 0.
    """
    if not text:
        return None
    found = [_as_int(m.group(1)) for p in _KILLED_PATTERNS for m in p.finditer(text)]
    return max(found) if found else None

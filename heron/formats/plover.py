"""PLOVER JSON event records, one JSON object per line (JSONL), as the PLOVER manual's "Data Fields" chapter names them.

Field names follow the manual's tables (PLOVER JSON, entity, location and
citation objects): ``id``, ``date``/``enddate``, ``actor``/``recipient`` (lists
of entity objects: ``code``, ``sector``, ``entity_text``, ``identifier_id``,
``identifier_text``, ``office``), ``event`` (a list, one PLOVER category),
``event_loc`` (``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``,
``lon``, ``country``, ``country_code``, ``feature_class``, ``feature_code``,
``resolution``), ``event_text``, ``quad_code``, ``event_scale`` (the Goldstein
score), ``mode``, ``context``, ``text``/``text_info`` (the evidence sentence and
its offsets), ``cite_info`` and ``coder``. Fields heron has no value for are
null. ``dead`` and ``injured`` (the manual's ASSAULT fields) are the event's counts of
the killed and the injured (:meth:`heron.records.Event.toll`; running totals left out). The
manual lets providers add named fields: heron adds ``cameo``, ``heron_mode`` (every Mode
flag, including "reported" which PLOVER lacks), ``confidence`` and the entities' full
``actor_code`` (RUSGOV).

``mode`` holds PLOVER's auxiliary modes (historical, future, hypothetical,
negation): heron's negated and denied -> negation; ruled_out -> future +
negation (an action declared not to happen); future -> future; hypothetical and
conditional -> hypothetical. "reported" has no PLOVER mode. PLOVER's
category-specific modes (visit, phone, ...) are not coded by heron.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO

from heron import __version__
from heron.datafiles import read_tsv
from heron.tables import date_bounds
from heron.formats.common import country
from heron.records import Actor, Event, Extraction, Mode, Place

CODER = f"heron {__version__}"
AUX_MODES = ("historical", "future", "hypothetical", "negation")
_MODE_MAP = {
    "negated": ("negation",),
    "denied": ("negation",),
    "ruled_out": ("future", "negation"),
    "future": ("future",),
    "hypothetical": ("hypothetical",),
    "conditional": ("hypothetical",),
}
# The manual's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
_RESOLUTION = {"PCL": 1, "ADM1": 2, "ADM2": 3, "ADM3": 3, "ADM4": 5, "ADM5": 5}


def plover_modes(mode: Mode) -> list[str] | None:
    """PLOVER auxiliary modes of a heron Mode, in the manual's order; None when the event is plainly asserted."""
    found = {m for label in mode.labels() for m in _MODE_MAP.get(label, ())}
    return [m for m in AUX_MODES if m in found] or None


@lru_cache(maxsize=1)
def _polecat_sectors() -> dict[str, str]:
    """heron's sector -> the POLECAT actor type (heron/data/actors/sectors.tsv, column polecat)."""
    return {r["code"]: r["polecat"] for r in read_tsv("actors", "sectors.tsv")}


def _entity(actor: Actor) -> dict[str, Any]:
    text = actor.mentions[0].text if actor.mentions else actor.name
    return {
        "code": actor.country or actor.code,
        "sector": _polecat_sectors().get(actor.sector or "", actor.sector),
        "entity_text": text,
        "identifier_id": actor.kb_id,
        "identifier_text": actor.name,
        "office": actor.role,
        "actor_code": actor.code,
    }


def _resolution(feature: str | None) -> int | None:
    if not feature:
        return None
    klass, _, code = feature.partition(".")
    if klass == "A":
        return next((v for k, v in _RESOLUTION.items() if code.startswith(k)), None)
    if klass == "P":
        return 5 if code == "PPLX" else 4
    return None


def _location(place: Place) -> dict[str, Any]:
    klass, _, code = (place.feature or "").partition(".")
    c = country(place.country)
    return {
        "extracted_place": place.mentions[0].text if place.mentions else place.name,
        "resolved_place": place.name,
        "geonameid": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "country": c.name if c else None,
        "country_code": place.country,
        "feature_class": klass or None,
        "feature_code": code or None,
        "resolution": _resolution(place.feature),
    }


def event_dates(extraction: Extraction, event: Event) -> tuple[str | None, str | None]:
    """``date`` and ``enddate``: the day, or the span a week/month/year covers, cut at the article date.

    An event the text does not date is filed under the article date.
    """
    article_day = extraction.article.date[:10] if extraction.article.date else None
    ref = event.date
    bounds = date_bounds(ref.value) if ref is not None and not ref.fallback else None
    if bounds is None:
        return article_day, None
    start, end = bounds
    if article_day and start <= article_day < end:
        end = article_day
    return start, (end if end != start else None)


def plover_record(extraction: Extraction, event: Event) -> dict[str, Any]:
    article = extraction.article
    date, enddate = event_dates(extraction, event)
    place = extraction.place(event.place)
    actors = [a for a in map(extraction.actor, event.sources) if a is not None]
    recipients = [a for a in map(extraction.actor, event.targets) if a is not None]
    return {
        "id": f"{article.id}-{event.id}",
        "date": date,
        "enddate": enddate,
        "actor": [_entity(a) for a in actors],
        "recipient": [_entity(a) for a in recipients],
        "event": [event.type],
        "event_loc": _location(place) if place else None,
        "event_text": [event.trigger.text],
        "quad_code": event.quad,
        "event_scale": event.goldstein,
        "mode": plover_modes(event.mode),
        "context": None,
        "text": event.evidence.text.strip(),
        "text_info": {"start": event.evidence.start, "end": event.evidence.end},
        "cite_info": {
            "citation": article.doc_id or article.id,
            "url": article.url,
            "title": article.title,
            "language": "en",
            "publication": article.source,
            "coder": CODER,
            "codebook": "PLOVER",
        },
        "coder": CODER,
        "cameo": event.cameo,
        "heron_mode": event.mode.labels(),
        "dead": event.toll("killed") if event.type == "ASSAULT" else None,
        "injured": event.toll("injured") if event.type == "ASSAULT" else None,
        "confidence": event.confidence,
    }


def plover_records(extractions: Iterable[Extraction]) -> Iterator[dict[str, Any]]:
    for extraction in extractions:
        for event in extraction.events:
            yield plover_record(extraction, event)


def write_plover(extractions: Iterable[Extraction], fp: TextIO) -> int:
    """Write one PLOVER JSON record per event, one per line; returns the number of records."""
    n = 0
    for record in plover_records(extractions):
        fp.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


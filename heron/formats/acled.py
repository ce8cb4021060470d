"""ACLED-style CSV: one row per event, with ACLED's column names and its event/actor typology.

Mapping (the tables are data: heron/data/formats/plover_acled.tsv for event types,
heron/data/formats/acled_inter.tsv for actor types):

- event_id_cnty: the place's ISO3 (XXX when unknown) + :func:`heron.formats.common.event_number`.
- event_date (YYYY-MM-DD), year: the event day (:func:`heron.formats.common.event_day`);
  time_precision: 1 a day the text gives, 2 a week or no date at all (the article
  date stands in), 3 a month or year.
- disorder_type, event_type, sub_event_type: see plover_acled.tsv.
- actor1 / assoc_actor_1: the first source actor's name / the other sources ("; "-joined);
  actor2 / assoc_actor_2 likewise for targets. inter1/inter2 from the actor's
  sector (acled_inter.tsv); interaction: the two inter codes, smaller first
  (17), or inter1 * 10 when there is no second actor.
- civilian_targeting: "Civilian targeting" for political violence with a civilian (inter 7) target.
- iso (numeric), country, location, latitude, longitude: the event's place;
  geo_precision 1 for a populated place, 3 for a province or country, 2 otherwise.
  region, admin1-3: heron does not resolve them: empty.
- source: the article's source (else its URL); notes: the evidence sentence;
  tags: heron's mode flags when not plainly asserted ("reported").
- fatalities: the event's dead as the text counts them (:meth:`heron.records.Event.toll`: its
  non-cumulative killed magnitudes, summed), for political violence; empty when the text gives no
  count or only a running total ("the toll has risen to 31 so far").
- source_scale, timestamp: heron has no value: empty.

ACLED records only what happened: events heron marks negated, denied, ruled
out, future, hypothetical or conditional are left out unless
``include_unrealised=True``.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TextIO

from heron.formats.common import country, event_day, event_number, flat, read_table
from heron.records import Actor, Event, Extraction

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
UNREALISED = ("negated", "denied", "ruled_out", "future", "hypothetical", "conditional")
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_STATE, _PROTESTERS, _RIOTERS, _CIVILIANS, _EXTERNAL = 1, 6, 5, 7, 8


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str
    disorder_type: str


@dataclass(frozen=True)
class _Rule:
    plover_type: str
    cameo: str
    trigger: re.Pattern[str] | None
    kind: AcledType


@lru_cache(maxsize=1)
def _rules() -> list[_Rule]:
    return [
        _Rule(r["plover_type"], r["cameo"],
              re.compile(r"\b" + re.escape(r["trigger"].lower())) if r["trigger"] else None,
              AcledType(r["event_type"], r["sub_event_type"], r["disorder_type"]))
        for r in read_table("plover_acled.tsv")
    ]


@lru_cache(maxsize=1)
def _inter_of_sector() -> dict[str, int]:
    return {r["sector"]: int(r["inter"]) for r in read_table("acled_inter.tsv")}


def acled_type(event: Event, extraction: Extraction | None = None) -> AcledType:
    """ACLED's event type of a heron event (rule order documented in plover_acled.tsv)."""
    rules = _rules()
    cameo = event.cameo or ""
    by_code = [r for r in rules if r.cameo and cameo.startswith(r.cameo)]
    if by_code:
        kind = max(by_code, key=lambda r: len(r.cameo)).kind
    else:
        kind = _by_trigger(rules, event) or next(
            (r.kind for r in rules if r.plover_type == event.type and not r.cameo and r.trigger is None),
            next(r.kind for r in rules if r.plover_type == "*" and not r.cameo and r.trigger is None))
    if kind.event_type == "Battles" and extraction is not None and _civilian_target(extraction, event):
        return AcledType("Violence against civilians", "Attack", "Political violence")
    return kind


# An attack's means is often named outside its trigger ("attacked the port with drones"); for other types a word
# elsewhere in the sentence says little ("a pull-back is not a truce").
_SENTENCE_TYPES = {"ASSAULT"}


def _by_trigger(rules: list[_Rule], event: Event) -> AcledType | None:
    own = [r for r in rules if r.plover_type == event.type and r.trigger is not None]
    texts = [event.trigger.text.lower()]
    if event.type in _SENTENCE_TYPES:
        texts.append(event.evidence.text.lower())
    for text in texts:
        hits = [r for r in own if r.trigger.search(text)]
        if hits:
            return max(hits, key=lambda r: len(r.trigger.pattern)).kind
    return None


def _targets(extraction: Extraction, event: Event) -> list[Actor]:
    return [a for a in map(extraction.actor, event.targets) if a is not None]


def _sources(extraction: Extraction, event: Event) -> list[Actor]:
    return [a for a in map(extraction.actor, event.sources) if a is not None]


def _civilian_target(extraction: Extraction, event: Event) -> bool:
    return any(inter(a, None) == _CIVILIANS for a in _targets(extraction, event))


def inter(actor: Actor, event_country: str | None) -> int | None:
    """ACLED actor type of ``actor`` in an event located in ``event_country`` (ISO3); None when unknown."""
    code = _inter_of_sector().get(actor.sector or "")
    if code is None or (not actor.sector and not actor.country):
        return None
    if code == _STATE and event_country and actor.country and actor.country != event_country:
        return _EXTERNAL
    return code


def _interaction(inter1: int | None, inter2: int | None) -> str:
    if inter1 is None:
        return ""
    if inter2 is None:
        return str(inter1 * 10)
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def acled_row(extraction: Extraction, event: Event) -> list[str]:
    """The ACLED columns of one event, as strings ("" where heron has no value)."""
    article = extraction.article
    kind = acled_type(event, extraction)
    place = extraction.place(event.place)
    c = country(place.country if place else None)
    when = event_day(extraction, event)
    precision = ""
    if when is not None:
        precision = str(2 if when.from_article and when.granularity == "day" else _PRECISION[when.granularity])

    sources, targets = _sources(extraction, event), _targets(extraction, event)
    where = place.country if place else None
    inter1 = inter(sources[0], where) if sources else None
    if sources and event.type == "PROTEST":
        inter1 = _RIOTERS if kind.event_type == "Riots" else _PROTESTERS
    inter2 = inter(targets[0], where) if targets else None
    violence = "Political violence" in kind.disorder_type
    fatalities = event.toll("killed") if violence else None
    tags = event.mode.labels()

    return [
        f"{(place.country if place and place.country else 'XXX')}{event_number(article, event)}",
        when.day.isoformat() if when else "", str(when.day.year) if when else "", precision,
        kind.disorder_type, kind.event_type, kind.sub_event_type,
        flat(sources[0].name) if sources else "", "; ".join(flat(a.name) for a in sources[1:]),
        "" if inter1 is None else str(inter1),
        flat(targets[0].name) if targets else "", "; ".join(flat(a.name) for a in targets[1:]),
        "" if inter2 is None else str(inter2),
        _interaction(inter1, inter2),
        "Civilian targeting" if violence and _civilian_target(extraction, event) else "",
        c.iso_numeric if c else "", "", c.name if c else "", "", "", "",
        flat(place.name) if place else "",
        "" if place is None or place.lat is None else f"{place.lat:.4f}",
        "" if place is None or place.lon is None else f"{place.lon:.4f}",
        _geo_precision(place.feature) if place else "",
        flat(article.source or article.url), "", flat(event.evidence.text),
        "" if fatalities is None else str(fatalities),
        "" if tags == ["asserted"] else "; ".join(tags), "",
    ]


def _geo_precision(feature: str | None) -> str:
    klass, _, code = (feature or "").partition(".")
    if klass == "P":
        return "1"
    if klass == "A" and (code == "ADM1" or code.startswith("PCL")):
        return "3"
    return "2"


def realised(event: Event) -> bool:
    return not any(getattr(event.mode, flag) for flag in UNREALISED)


def acled_rows(extractions: Iterable[Extraction], include_unrealised: bool = False) -> Iterator[list[str]]:
    for extraction in extractions:
        for event in extraction.events:
            if include_unrealised or realised(event):
                yield acled_row(extraction, event)


def write_acled(extractions: Iterable[Extraction], fp: TextIO, include_unrealised: bool = False) -> int:
    """Write the ACLED-style CSV (header row first) to ``fp``; returns the number of event rows."""
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for row in acled_rows(extractions, include_unrealised):
        writer.writerow(row)
        n += 1
    return n

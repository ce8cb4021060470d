"""Flat tables from extractions: the rows the store keeps and ``heron extract`` prints.

One :class:`Column` list per table fixes the column order and type everywhere
(DuckDB schema, Arrow batches, CSV headers); docs/records.md documents each
column. Events and quotes are denormalised (actor codes, place, date bounds
copied in) so an analyst can filter them without joins; so are positions and claims, whose
conditions and guarantors get a table each (one row per condition, per guarantor).
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from heron.lang.en.heads import content_key
from heron.records import Actor, Extraction, Mention, TimeRef, to_dict


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # str | int | float | bool | list  (list = list of str)


def _cols(spec: str) -> tuple[Column, ...]:
    """``"name:type name:type"``; a bare name is a str column."""
    out = []
    for item in spec.split():
        name, _, typ = item.partition(":")
        out.append(Column(name, typ or "str"))
    return tuple(out)


TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        "article_id doc_id title date source url input n_chars:int n_actors:int n_places:int n_quotes:int"
        " n_events:int text"),
    "actors": _cols(
        "article_id actor_id name code country sector kind kb_id role context_country:bool n_mentions:int"),
    "mentions": _cols(
        "article_id record_id kind text start:int end:int"),
    "places": _cols(
        "article_id place_id name geonames_id:int country lat:float lon:float feature n_mentions:int"),
    "quotes": _cols(
        "article_id quote_id kind attitude content content_start:int content_end:int"
        " speaker_id speaker_name speaker_code speaker_country speaker_sector"
        " speaker_text speaker_start:int speaker_end:int cue_text cue_start:int cue_end:int"
        " confidence:float"),
    "events": _cols(
        "article_id event_id type cameo quad:int goldstein:float"
        " source_ids:list source_codes:list source_names:list source_countries:list"
        " target_ids:list target_codes:list target_names:list target_countries:list"
        " mode:list negated:bool future:bool hypothetical:bool conditional:bool reported:bool denied:bool"
        " ruled_out:bool condition_text condition_start:int condition_end:int"
        " place_id place_name geonames_id:int place_country lat:float lon:float"
        " date_value date_granularity date_fallback:bool date_text date_start date_end"
        " trigger_text trigger_start:int trigger_end:int evidence_text evidence_start:int evidence_end:int"
        " quote_id speaker_id speaker_name speaker_code confidence:float n_mentions:int"),
    "magnitudes": _cols(
        "article_id event_id kind count:int qualifier cumulative:bool who evidence_text evidence_start:int evidence_end:int"),
    "positions": _cols(
        "article_id position_id kind answer"
        " holder_ids:list holder_codes:list holder_names:list holder_countries:list"
        " addressee_ids:list addressee_codes:list addressee_names:list addressee_countries:list"
        " content_text content_start:int content_end:int content_key cue_text cue_start:int cue_end:int"
        " evidence_text evidence_start:int evidence_end:int event_id event_type responds_to responses:list status"
        " date_value date_start date_end quote_id confidence:float n_conditions:int n_guarantors:int"),
    "position_conditions": _cols(
        "article_id position_id clause_text clause_start:int clause_end:int condition_position_id"
        " condition_event_id"),
    "position_guarantors": _cols(
        "article_id position_id actor_id code name country obligation_text obligation_start:int obligation_end:int"),
    "claims": _cols(
        "article_id claim_group_id event_id event_type about_text about_start:int about_end:int"
        " holder_id holder_code holder_name holder_country attitude content_text content_start:int content_end:int"
        " quote_id"),
}


def _span(prefix: str, m: Mention | None) -> dict[str, Any]:
    return {f"{prefix}_text": m.text if m else None, f"{prefix}_start": m.start if m else None,
            f"{prefix}_end": m.end if m else None}


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """First and last day (ISO) covered by a TimeRef value, so a month or week can be range-filtered."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = dt.date(*map(int, m.groups()))
            return day.isoformat(), day.isoformat()
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
        if m := _YEAR.match(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:  # 2022-13, 2022-W60: not a date, so no bounds
        return None
    return None


def _record_id(value: Any) -> str | None:
    """A link to another record as its id. A link should hold the id; a record (an Event, or its JSON object, put
    where its id belongs) is reduced to its id, so one malformed link cannot make a whole batch unstorable."""
    if value is None or isinstance(value, str):
        return value
    found = value.get("id") if isinstance(value, Mapping) else getattr(value, "id", None)
    return str(found) if found else None


def _actor_lists(prefix: str, ids: list[str], actors: Mapping[str, Actor]) -> dict[str, list[Any]]:
    # the lists stay aligned with the ids: an uncoded actor leaves a null code
    found = [actors.get(i) for i in ids]
    return {f"{prefix}_ids": list(ids), f"{prefix}_codes": [a.code if a else None for a in found],
            f"{prefix}_names": [a.name if a else None for a in found],
            f"{prefix}_countries": [a.country if a else None for a in found]}


def _event_dates(date: TimeRef | None, article_date: str | None) -> dict[str, Any]:
    # An event without a usable date happened, as far as we know, by the article date.
    bounds = date_bounds(date.value if date else None) or date_bounds(article_date)
    return {
        "date_value": date.value if date else None,
        "date_granularity": date.granularity if date else None,
        "date_fallback": date.fallback if date else None,
        "date_text": date.mention.text if date and date.mention else None,
        "date_start": bounds[0] if bounds else None,
        "date_end": bounds[1] if bounds else None,
    }


def rows(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """The table rows of one extraction, keyed by table name, each row in :data:`TABLES` column order."""
    ex = extraction
    aid = ex.article.id
    actors = {a.id: a for a in ex.actors}
    places = {p.id: p for p in ex.places}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    art = ex.article
    out["articles"].append({
        "article_id": aid, "doc_id": art.doc_id, "title": art.title, "date": art.date, "source": art.source,
        "url": art.url, "input": art.input, "n_chars": len(art.text), "n_actors": len(ex.actors),
        "n_places": len(ex.places), "n_quotes": len(ex.quotes), "n_events": len(ex.events), "text": art.text,
    })
    for a in ex.actors:
        out["actors"].append({
            "article_id": aid, "actor_id": a.id, "name": a.name, "code": a.code, "country": a.country,
            "sector": a.sector, "kind": a.kind, "kb_id": a.kb_id, "role": a.role, "context_country": a.context_country,
            "n_mentions": len(a.mentions),
        })
        out["mentions"].extend(_mention_rows(aid, a.id, "actor", a.mentions))
    for p in ex.places:
        out["places"].append({
            "article_id": aid, "place_id": p.id, "name": p.name, "geonames_id": p.geonames_id,
            "country": p.country, "lat": p.lat, "lon": p.lon, "feature": p.feature, "n_mentions": len(p.mentions),
        })
        out["mentions"].extend(_mention_rows(aid, p.id, "place", p.mentions))
    for q in ex.quotes:
        speaker = actors.get(q.speaker) if q.speaker else None
        out["quotes"].append({
            "article_id": aid, "quote_id": q.id, "kind": q.kind, "attitude": q.attitude,
            "content": q.content.text, "content_start": q.content.start, "content_end": q.content.end,
            "speaker_id": q.speaker, "speaker_name": speaker.name if speaker else q.speaker_name,
            "speaker_code": speaker.code if speaker else None,
            "speaker_country": speaker.country if speaker else None,
            "speaker_sector": speaker.sector if speaker else None,
            **_span("speaker", q.speaker_mention), **_span("cue", q.cue), "confidence": q.confidence,
        })
    for e in ex.events:
        place = places.get(e.place) if e.place else None
        speaker = actors.get(e.speaker) if e.speaker else None
        mode = e.mode
        out["events"].append({
            "article_id": aid, "event_id": e.id, "type": e.type, "cameo": e.cameo, "quad": e.quad,
            "goldstein": e.goldstein,
            **_actor_lists("source", e.sources, actors), **_actor_lists("target", e.targets, actors),
            "mode": mode.labels(), "negated": mode.negated, "future": mode.future,
            "hypothetical": mode.hypothetical, "conditional": mode.conditional, "reported": mode.reported,
            "denied": mode.denied, "ruled_out": mode.ruled_out, **_span("condition", mode.condition),
            "place_id": e.place, "place_name": place.name if place else None,
            "geonames_id": place.geonames_id if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            **_event_dates(e.date, art.date),
            **_span("trigger", e.trigger), **_span("evidence", e.evidence),
            "quote_id": e.quote, "speaker_id": e.speaker, "speaker_name": speaker.name if speaker else None,
            "speaker_code": speaker.code if speaker else None, "confidence": e.confidence,
            "n_mentions": 1 + len(e.mentions),
        })
        for m in e.magnitudes:
            out["magnitudes"].append({
                "article_id": aid, "event_id": e.id, "kind": m.kind, "count": m.count, "qualifier": m.qualifier,
                "cumulative": m.cumulative, "who": m.who, **_span("evidence", m.evidence),
            })
    _position_rows(ex, actors, out)
    return out


def _position_rows(ex: Extraction, actors: Mapping[str, Actor], out: dict[str, list[dict[str, Any]]]) -> None:
    """Rows of the positions, their conditions and guarantors, and the claims (one row per claim)."""
    aid = ex.article.id
    for p in ex.positions:
        dates = _event_dates(p.date, ex.article.date)
        out["positions"].append({
            "article_id": aid, "position_id": p.id, "kind": p.kind, "answer": p.answer,
            **_actor_lists("holder", p.holders, actors), **_actor_lists("addressee", p.addressees, actors),
            **_span("content", p.content), "content_key": content_key(p.content.text if p.content else None),
            **_span("cue", p.cue), **_span("evidence", p.evidence),
            "event_id": _record_id(p.event), "event_type": p.event_type, "responds_to": _record_id(p.responds_to),
            "responses": [_record_id(r) for r in p.responses], "status": p.status,
            "date_value": dates["date_value"], "date_start": dates["date_start"], "date_end": dates["date_end"],
            "quote_id": _record_id(p.quote), "confidence": p.confidence,
            "n_conditions": len(p.conditions), "n_guarantors": len(p.guarantors),
        })
        for c in p.conditions:
            out["position_conditions"].append({
                "article_id": aid, "position_id": p.id, **_span("clause", c.clause),
                "condition_position_id": _record_id(c.position), "condition_event_id": _record_id(c.event),
            })
        for g in p.guarantors:
            actor = actors.get(g.actor)
            out["position_guarantors"].append({
                "article_id": aid, "position_id": p.id, "actor_id": g.actor,
                "code": actor.code if actor else None, "name": actor.name if actor else None,
                "country": actor.country if actor else None, **_span("obligation", g.obligation),
            })
    for group in ex.claim_groups:
        for c in group.claims:
            holder = actors.get(c.holder) if c.holder else None
            out["claims"].append({
                "article_id": aid, "claim_group_id": group.id, "event_id": _record_id(group.event),
                "event_type": group.event_type, **_span("about", group.about), "holder_id": c.holder,
                "holder_code": holder.code if holder else None, "holder_name": holder.name if holder else None,
                "holder_country": holder.country if holder else None, "attitude": c.attitude,
                **_span("content", c.content), "quote_id": _record_id(c.quote),
            })


def _mention_rows(aid: str, record_id: str, kind: str, mentions: list[Mention]) -> list[dict[str, Any]]:
    return [{"article_id": aid, "record_id": record_id, "kind": kind, "text": m.text, "start": m.start,
             "end": m.end} for m in mentions]


def table_rows(extractions: Iterable[Extraction]) -> dict[str, list[dict[str, Any]]]:
    """:func:`rows` of many extractions, concatenated per table."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for ex in extractions:
        for name, table in rows(ex).items():
            out[name].extend(table)
    return out


def write_json(extractions: Iterable[Extraction], fp: TextIO, lines: bool) -> int:
    """The documented JSON shape (:func:`heron.records.to_dict`): one array, or one object per line."""
    n = 0
    if lines:
        for ex in extractions:
            fp.write(json.dumps(to_dict(ex), ensure_ascii=False) + "\n")
            n += 1
        return n
    fp.write("[")
    for ex in extractions:
        fp.write(("," if n else "") + "\n" + json.dumps(to_dict(ex), ensure_ascii=False, indent=2))
        n += 1
    fp.write("\n]\n")
    return n


def csv_value(value: Any) -> str:
    """How a cell is written to CSV: lists as compact JSON arrays, booleans true/false, null empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def write_csv_table(name: str, table: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """One table as CSV with a header row in :data:`TABLES` column order."""
    columns = [c.name for c in TABLES[name]]
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in table:
        writer.writerow([csv_value(row[c]) for c in columns])
        n += 1
    return n


def write_csv(extractions: Iterable[Extraction], out: Path | str | Mapping[str, TextIO]) -> dict[str, int]:
    """Every table to ``<out>/<table>.csv``, or only the tables given as ``{table: open file}``.

    Returns the number of rows written per table.
    """
    tables = table_rows(extractions)
    if isinstance(out, Mapping):
        unknown = set(out) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown table(s) {sorted(unknown)}; tables are {', '.join(TABLES)}")
        return {name: write_csv_table(name, tables[name], fp) for name, fp in out.items()}
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in tables.items():
        with open(out_dir / f"{name}.csv", "w", encoding="utf-8", newline="") as fp:
            counts[name] = write_csv_table(name, table, fp)
    return counts

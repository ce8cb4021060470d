"""Parameterised SELECTs behind ``Store.query_*``: filters in, (sql, params) out, no connection needed.

User input only ever travels as a parameter; the SQL text is built from fixed fragments.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from heron.tables import date_bounds


@dataclass
class Select:
    source: str  # FROM ... (with joins)
    columns: str
    order: str
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def build(self, limit: int, offset: int) -> tuple[str, list[Any]]:
        if not isinstance(limit, int) or limit < 0 or not isinstance(offset, int) or offset < 0:
            raise ValueError(f"limit and offset must be non-negative integers, got {limit!r} and {offset!r}")
        where = f" WHERE {' AND '.join(self.where)}" if self.where else ""
        sql = f"SELECT {self.columns} FROM {self.source}{where} ORDER BY {self.order} LIMIT ? OFFSET ?"
        return sql, [*self.params, limit, offset]


def day(value: str, last: bool) -> str:
    """First (or last) day of a yyyy, yyyy-mm, yyyy-Www or yyyy-mm-dd filter value."""
    bounds = date_bounds(value.strip())
    if bounds is None:
        raise ValueError(f"not a date: {value!r} (use yyyy-mm-dd, yyyy-mm or yyyy)")
    return bounds[1] if last else bounds[0]


def _actor(sel: Select, codes: str, names: str, actor: str) -> None:
    """Code prefix ("RUS" finds RUSGOV, RUSMIL) or case-insensitive name substring, on list columns."""
    sel.add(f"(len(list_filter({codes}, lambda c: starts_with(c, ?))) > 0"
            f" OR len(list_filter({names}, lambda n: contains(lower(n), ?))) > 0)",
            actor.strip().upper(), actor.strip().lower())


def _one_of(sel: Select, column: str, values: str | Iterable[str]) -> None:
    """``type="ASSAULT,COERCE"`` or a list: any of them, compared upper-case."""
    items = values.split(",") if isinstance(values, str) else list(values)
    items = [v.strip().upper() for v in items if v.strip()]
    if items:
        sel.add(f"{column} IN ({', '.join('?' * len(items))})", *items)


def _contains(sel: Select, columns: Iterable[str], text: str) -> None:
    sel.add("(" + " OR ".join(f"contains(lower({c}), ?)" for c in columns) + ")",
            *[text.lower() for _ in columns])


def _id_order(alias: str, column: str) -> str:
    # articles by date, then ids in text order: "A2" before "A10"
    return f"a.date NULLS LAST, {alias}.article_id, TRY_CAST(substr({alias}.{column}, 2) AS INTEGER)"


def events(actor: str | None = None, country: str | None = None, type: str | Iterable[str] | None = None,
           quad: int | None = None, since: str | None = None, until: str | None = None,
           place: str | None = None, text: str | None = None, limit: int = 100,
           offset: int = 0) -> tuple[str, list[Any]]:
    sel = Select("events e JOIN articles a USING (article_id)", "e.*, a.date AS article_date",
                 "e.date_start NULLS LAST, e.article_id, e.evidence_start, e.trigger_start")
    if actor:
        _actor(sel, "list_concat(e.source_codes, e.target_codes)", "list_concat(e.source_names, e.target_names)",
               actor)
    if country:
        c = country.strip().upper()
        sel.add("(list_contains(e.source_countries, ?) OR list_contains(e.target_countries, ?)"
                " OR e.place_country = ?)", c, c, c)
    _event_filters(sel, "e", type, quad, since, until, place)
    if text:
        _contains(sel, ["e.evidence_text", "e.trigger_text"], text)
    return sel.build(limit, offset)


def global_events(actor: str | None = None, country: str | None = None, type: str | Iterable[str] | None = None,
                  quad: int | None = None, since: str | None = None, until: str | None = None,
                  place: str | None = None, limit: int = 100, offset: int = 0) -> tuple[str, list[Any]]:
    """Events merged across articles, most reported first within a day."""
    sel = Select("global_events g", "g.*", "g.date_start NULLS LAST, g.num_articles DESC, g.global_event_id")
    if actor:
        # uncoded actors are keyed by their lower-case name in the code lists
        sel.add("len(list_filter(list_concat(g.source_codes, g.target_codes),"
                " lambda c: starts_with(c, ?) OR contains(c, ?))) > 0",
                actor.strip().upper(), actor.strip().lower())
    if country:
        c = country.strip().upper()
        sel.add("(g.place_country = ? OR len(list_filter(list_concat(g.source_codes, g.target_codes),"
                " lambda x: starts_with(x, ?))) > 0)", c, c)
    _event_filters(sel, "g", type, quad, since, until, place)
    return sel.build(limit, offset)


def _event_filters(sel: Select, t: str, type: str | Iterable[str] | None, quad: int | None, since: str | None,
                   until: str | None, place: str | None) -> None:
    """The filters events and global events share; ``t`` is the table alias."""
    if type:
        _one_of(sel, f"{t}.type", type)
    if quad is not None:
        sel.add(f"{t}.quad = ?", int(quad))
    # an event's date is a range (a month, a week): keep it when the range overlaps [since, until]
    if since:
        sel.add(f"{t}.date_end >= ?", day(since, last=False))
    if until:
        sel.add(f"{t}.date_start <= ?", day(until, last=True))
    if place:
        sel.add(f"(contains(lower({t}.place_name), ?) OR CAST({t}.geonames_id AS VARCHAR) = ?)",
                place.strip().lower(), place.strip())


def quotes(speaker: str | None = None, country: str | None = None, kind: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None, limit: int = 100,
           offset: int = 0) -> tuple[str, list[Any]]:
    sel = Select("quotes q JOIN articles a USING (article_id)", "q.*, a.date AS article_date",
                 "a.date NULLS LAST, q.article_id, q.content_start")
    if speaker:
        _actor(sel, "[q.speaker_code]", "[q.speaker_name]", speaker)
    if country:
        sel.add("q.speaker_country = ?", country.strip().upper())
    if kind:
        sel.add("q.kind = ?", kind.strip().lower())
    _article_dates(sel, since, until)
    if text:
        _contains(sel, ["q.content"], text)
    return sel.build(limit, offset)


def actors(actor: str | None = None, country: str | None = None, sector: str | None = None,
           kind: str | None = None, limit: int = 100, offset: int = 0) -> tuple[str, list[Any]]:
    sel = Select("actors r JOIN articles a USING (article_id)", "r.*, a.date AS article_date",
                 _id_order("r", "actor_id"))
    if actor:
        _actor(sel, "[r.code]", "[r.name]", actor)
    if country:
        sel.add("r.country = ?", country.strip().upper())
    if sector:
        sel.add("r.sector = ?", sector.strip().upper())
    if kind:
        sel.add("r.kind = ?", kind.strip().lower())
    return sel.build(limit, offset)


def places(place: str | None = None, country: str | None = None, limit: int = 100,
           offset: int = 0) -> tuple[str, list[Any]]:
    sel = Select("places p JOIN articles a USING (article_id)", "p.*, a.date AS article_date",
                 _id_order("p", "place_id"))
    if place:
        sel.add("(contains(lower(p.name), ?) OR CAST(p.geonames_id AS VARCHAR) = ?)",
                place.strip().lower(), place.strip())
    if country:
        sel.add("p.country = ?", country.strip().upper())
    return sel.build(limit, offset)


def articles(text: str | None = None, source: str | None = None, since: str | None = None,
             until: str | None = None, limit: int = 100, offset: int = 0) -> tuple[str, list[Any]]:
    sel = Select("articles a", "a.*", "a.date NULLS LAST, a.article_id")
    if text:
        _contains(sel, ["a.title", "a.text"], text)
    if source:
        _contains(sel, ["a.source"], source)
    _article_dates(sel, since, until)
    return sel.build(limit, offset)


def _article_dates(sel: Select, since: str | None, until: str | None) -> None:
    if since:
        sel.add("left(a.date, 10) >= ?", day(since, last=False))
    if until:
        sel.add("left(a.date, 10) <= ?", day(until, last=True))

"""The event filter every web view shares: request parameters in, a parameterised WHERE clause over the index out.

User input only travels as a bound parameter; the SQL text is made of fixed fragments, and
sort columns come from a whitelist. Semantics match :func:`heron.store.queries.events`
(actor = code prefix or name substring, an event's date range overlaps [since, until]).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from heron.store.queries import day
from heron.web.index import ACTORS, EVENT_ACTORS, PLOVER_TYPES

# Mode labels as the store writes them (heron.records.Mode.labels).
MODES = ("asserted", "negated", "future", "hypothetical", "conditional", "reported", "denied", "ruled_out")
# Sortable columns: request name -> SQL expression.
SORTS = {"date": "e.date_start", "type": "e.type", "quad": "e.quad", "goldstein": "e.goldstein",
         "place": "e.place_lc", "trigger": "e.trigger_lc", "confidence": "e.confidence", "source": "e.src1",
         "target": "e.tgt1"}


class FilterError(ValueError):
    """A filter value that cannot mean anything (unknown type, bad date): the client's mistake, a 400."""


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # source or target: code prefix (RUS, RUSGOV) or name substring
    source: str | None = None  # source actor only, same matching
    target: str | None = None  # target actor only
    country: str | None = None  # ISO3 of a source, a target or the place
    type: str | None = None  # comma-separated PLOVER types
    quad: int | None = None
    mode: str | None = None  # one mode label
    since: str | None = None
    until: str | None = None
    place: str | None = None  # place name substring or GeoNames id
    text: str | None = None  # substring of the evidence sentence or trigger
    article: str | None = None  # article id

    def where(self) -> tuple[str, list[Any]]:
        """``WHERE ...`` (or "") over alias ``e`` = the event index (heron.web.index), and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        # an actor is matched on the small key table, then its events are found by integer join
        for value, sides in ((self.actor, "1, 2"), (self.source, "1"), (self.target, "2")):
            if value and value.strip():
                add(f"e.rid IN (SELECT r.rid FROM {EVENT_ACTORS} r WHERE r.side IN ({sides}) AND r.aid IN"
                    f" (SELECT k.aid FROM {ACTORS} k WHERE starts_with(k.code, ?) OR contains(k.name_lc, ?)))",
                    value.strip().upper(), value.strip().lower())
        if self.country and self.country.strip():
            c = self.country.strip().upper()
            add(f"(e.place_country = ? OR e.rid IN (SELECT r.rid FROM {EVENT_ACTORS} r WHERE r.aid IN"
                f" (SELECT k.aid FROM {ACTORS} k WHERE k.country = ?)))", c, c)
        if self.type and self.type.strip():
            types = [t.strip().upper() for t in self.type.split(",") if t.strip()]
            unknown = [t for t in types if t not in PLOVER_TYPES]
            if unknown:
                raise FilterError(f"unknown event type(s) {', '.join(unknown)}; types are {', '.join(PLOVER_TYPES)}")
            add(f"e.type IN ({', '.join('?' * len(types))})", *types)
        if self.quad is not None:
            add("e.quad = ?", self.quad)
        if self.mode and self.mode.strip():
            mode = self.mode.strip().lower()
            if mode not in MODES:
                raise FilterError(f"unknown mode {self.mode!r}; modes are {', '.join(MODES)}")
            add("contains(e.modes, ?)", f" {mode} ")
        try:
            if self.since and self.since.strip():
                add("e.date_end >= ?", day(self.since, last=False))
            if self.until and self.until.strip():
                add("e.date_start <= ?", day(self.until, last=True))
        except ValueError as exc:
            raise FilterError(str(exc)) from exc
        if self.place and self.place.strip():
            add("(contains(e.place_lc, ?) OR e.geonames_str = ?)", self.place.strip().lower(), self.place.strip())
        if self.text and self.text.strip():
            t = self.text.strip().lower()
            add("(contains(e.evidence_lc, ?) OR contains(e.trigger_lc, ?))", t, t)
        if self.article and self.article.strip():
            add("e.article_id = ?", self.article.strip())
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def order_by(sort: str, desc: bool) -> str:
    """ORDER BY for a whitelisted sort column; the store's row id breaks ties, so pages never overlap."""
    if sort not in SORTS:
        raise FilterError(f"cannot sort by {sort!r}; sort by one of {', '.join(SORTS)}")
    direction = "DESC" if desc else "ASC"
    return f"{SORTS[sort]} {direction} NULLS LAST, e.rid"

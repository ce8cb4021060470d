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


def dicts(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The rows of a query on ``con`` (a DuckDB connection), as dicts keyed by column name."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


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
    _overlap(sel, f"{t}.date_start", f"{t}.date_end", since, until)
    if place:
        sel.add(f"(contains(lower({t}.place_name), ?) OR CAST({t}.geonames_id AS VARCHAR) = ?)",
                place.strip().lower(), place.strip())


def _overlap(sel: Select, start: str, end: str, since: str | None, until: str | None) -> None:
    """Keep a record whose date range [start, end] overlaps [since, until]: a date is a range (a month, a week),
    so a record dated "2022-03" is kept by since=2022-03-15."""
    if since:
        sel.add(f"{end} >= ?", day(since, last=False))
    if until:
        sel.add(f"{start} <= ?", day(until, last=True))


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


# -- positions and claims -------------------------------------------------------------------------------------

POSITION_KINDS = ("offer", "demand", "proposal", "condition", "concession", "commitment", "rejection", "response")


def _party(prefix: str, actor: str) -> tuple[str, list[Any]]:
    """An actor among a record's ``{prefix}_codes/_countries/_names`` lists: code prefix (RUS finds RUSGOV),
    ISO3 country, or case-insensitive name substring. Returns the clause and its parameters."""
    a = actor.strip()
    return (f"(len(list_filter({prefix}_codes, lambda c: starts_with(c, ?))) > 0"
            f" OR list_contains({prefix}_countries, ?)"
            f" OR len(list_filter({prefix}_names, lambda n: contains(lower(n), ?))) > 0)"), [a.upper(), a.upper(),
                                                                                              a.lower()]


def _dyad_side(a: str, b: str) -> tuple[str, list[Any]]:
    """Positions held by ``a`` that face ``b``: addressed to b, answering a position b holds, or answered by b."""
    held_a, pa = _party("p.holder", a)
    to_b, pb = _party("p.addressee", b)
    other_b, po = _party("o.holder", b)
    clause = (f"({held_a} AND ({to_b}"
              f" OR EXISTS (SELECT 1 FROM positions o WHERE o.article_id = p.article_id"
              f" AND o.position_id = p.responds_to AND {other_b})"
              f" OR EXISTS (SELECT 1 FROM positions o WHERE o.article_id = p.article_id"
              f" AND o.responds_to = p.position_id AND {other_b})))")
    return clause, [*pa, *pb, *po, *po]


def _kinds(value: str | Iterable[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    kinds = [k.strip().lower() for k in items if k.strip()]
    unknown = [k for k in kinds if k not in POSITION_KINDS]
    if unknown:
        raise ValueError(f"unknown position kind(s) {', '.join(unknown)}; kinds are {', '.join(POSITION_KINDS)}")
    return kinds


def positions(actor: str | None = None, between: tuple[str, str] | list[str] | str | None = None,
              kind: str | Iterable[str] | None = None, status: str | None = None, since: str | None = None,
              until: str | None = None, text: str | None = None, article: str | None = None, limit: int = 100,
              offset: int = 0) -> tuple[str, list[Any]]:
    """Positions in date order. ``actor`` holds or is addressed (code prefix, ISO3 or name substring);
    ``between=(A, B)`` (or "A,B") keeps the positions of A facing B and of B facing A (:func:`_dyad_side`);
    ``kind`` one or more of :data:`POSITION_KINDS`; dates overlap [since, until]."""
    sel = Select("positions p JOIN articles a USING (article_id)",
                 "p.*, a.date AS article_date, a.title AS article_title",
                 "p.date_start NULLS LAST, a.date NULLS LAST, p.article_id, p.evidence_start, p.content_start")
    if actor and actor.strip():
        held, ph = _party("p.holder", actor)
        to, pt = _party("p.addressee", actor)
        sel.add(f"({held} OR {to})", *ph, *pt)
    if between:
        pair = [x.strip() for x in (between.split(",") if isinstance(between, str) else between) if x.strip()]
        if len(pair) != 2:
            raise ValueError(f"between takes two actors (e.g. UKR,RUS), got {between!r}")
        ab, pab = _dyad_side(pair[0], pair[1])
        ba, pba = _dyad_side(pair[1], pair[0])
        sel.add(f"({ab} OR {ba})", *pab, *pba)
    if kind:
        kinds = _kinds(kind)
        if kinds:
            sel.add(f"p.kind IN ({', '.join('?' * len(kinds))})", *kinds)
    if status and status.strip():
        sel.add("p.status = ?", status.strip().lower())
    _overlap(sel, "p.date_start", "p.date_end", since, until)
    if text and text.strip():
        _contains(sel, ["p.content_text", "p.evidence_text"], text.strip())
    if article and article.strip():
        sel.add("p.article_id = ?", article.strip())
    return sel.build(limit, offset)


_SUMMARY = ("article_id, position_id, kind, answer, status, holder_codes, holder_names, content_text, content_start,"
            " content_end, evidence_text, evidence_start, evidence_end, responds_to, date_value")


def attach_position_details(con: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each position row its ``conditions``, ``guarantors``, the positions answering it (``answered_by``)
    and the one it answers (``answers``), read from the same store in three queries."""
    if not found:
        return found
    ids = sorted({r["article_id"] for r in found})
    param = "(SELECT unnest(?::VARCHAR[]))"
    by_key: dict[tuple[str, str], dict[str, list]] = {}
    for row in dicts(con, f"SELECT * FROM position_conditions WHERE article_id IN {param} ORDER BY clause_start",
                     [ids]):
        by_key.setdefault((row["article_id"], row["position_id"]), {}).setdefault("conditions", []).append(row)
    for row in dicts(con, f"SELECT * FROM position_guarantors WHERE article_id IN {param} ORDER BY obligation_start,"
                     " TRY_CAST(substr(actor_id, 2) AS INTEGER)", [ids]):
        by_key.setdefault((row["article_id"], row["position_id"]), {}).setdefault("guarantors", []).append(row)
    summaries = {(s["article_id"], s["position_id"]): s
                 for s in dicts(con, f"SELECT {_SUMMARY} FROM positions WHERE article_id IN {param}", [ids])}
    for r in found:
        key = (r["article_id"], r["position_id"])
        details = by_key.get(key, {})
        r["conditions"] = details.get("conditions", [])
        r["guarantors"] = details.get("guarantors", [])
        r["answered_by"] = [summaries[(r["article_id"], pid)] for pid in r.get("responses") or []
                            if (r["article_id"], pid) in summaries]
        r["answers"] = summaries.get((r["article_id"], r["responds_to"])) if r.get("responds_to") else None
    return found


def claim_groups(about: str | None = None, actor: str | None = None, since: str | None = None,
                 until: str | None = None, article: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[str, list[Any]]:
    """The claim groups (article_id, claim_group_id) to show, a page of groups in article-date order.
    ``about``: words of the event mention or of a claim, or the event type; ``actor``: some holder of the group
    (code prefix, ISO3 or name substring; comma-separated: any of them); dates are the article's."""
    sel = Select("claims c JOIN articles a USING (article_id)",
                 "DISTINCT c.article_id, c.claim_group_id, a.date AS article_date,"
                 " TRY_CAST(substr(c.claim_group_id, 2) AS INTEGER) AS group_n",
                 "article_date NULLS LAST, article_id, group_n")
    if about and about.strip():
        t = about.strip()
        sel.add("(contains(lower(c.about_text), ?) OR contains(lower(c.content_text), ?) OR c.event_type = ?)",
                t.lower(), t.lower(), t.upper())
    names = [a.strip() for a in (actor or "").split(",") if a.strip()]
    if names:  # any of them
        one = "(starts_with(c.holder_code, ?) OR c.holder_country = ? OR contains(lower(c.holder_name), ?))"
        sel.add("(" + " OR ".join([one] * len(names)) + ")",
                *[v for a in names for v in (a.upper(), a.upper(), a.lower())])
    _article_dates(sel, since, until)
    if article and article.strip():
        sel.add("c.article_id = ?", article.strip())
    return sel.build(limit, offset)


_CLAIM_FIELDS = ("holder_id", "holder_code", "holder_name", "holder_country", "attitude", "content_text",
                 "content_start", "content_end", "quote_id")


def grouped_claims(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The groups :func:`claim_groups` selects, each with its claims side by side (in text order)."""
    keys = [(r[0], r[1]) for r in con.execute(sql, params).fetchall()]
    if not keys:
        return []
    rows = dicts(con, "SELECT c.*, a.date AS article_date, a.title AS article_title FROM claims c JOIN articles a"
                 " USING (article_id) WHERE c.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY c.content_start",
                 [sorted({k[0] for k in keys})])
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    wanted = set(keys)
    for row in rows:
        key = (row["article_id"], row["claim_group_id"])
        if key not in wanted:
            continue
        group = groups.setdefault(key, {
            "article_id": row["article_id"], "claim_group_id": row["claim_group_id"],
            "article_date": row["article_date"], "article_title": row["article_title"],
            "event_id": row["event_id"], "event_type": row["event_type"], "about_text": row["about_text"],
            "about_start": row["about_start"], "about_end": row["about_end"], "claims": []})
        group["claims"].append({f: row[f] for f in _CLAIM_FIELDS})
    return [groups[k] for k in keys if k in groups]


def threads(actor: str | None = None, kind: str | None = None, since: str | None = None,
            until: str | None = None, text: str | None = None, limit: int = 100,
            offset: int = 0) -> tuple[str, list[Any]]:
    """Position threads (:mod:`heron.store.threads`) in date order, most reported first within a day.
    ``actor``: a holder key (ISO3, organisation code prefix, or name substring); ``kind``: a family (offer,
    demand, rejection) or a kind of one."""
    from heron.store.threads import FAMILIES

    sel = Select("position_threads t", "t.*", "t.first_date NULLS LAST, t.num_articles DESC, t.thread_id")
    if actor and actor.strip():
        sel.add("len(list_filter(t.holders, lambda h: starts_with(h, ?) OR contains(h, ?))) > 0",
                actor.strip().upper(), actor.strip().lower())
    if kind and kind.strip():
        k = kind.strip().lower()
        family = k if k in FAMILIES else next((f for f, kinds in FAMILIES.items() if k in kinds), None)
        if family is None:
            raise ValueError(f"no thread holds {kind!r}; kinds are {', '.join(sorted(FAMILIES))} and their members")
        sel.add("t.family = ?", family)
    _overlap(sel, "t.first_date", "t.last_date", since, until)
    if text and text.strip():
        _contains(sel, ["t.content_text", "t.content_key"], text.strip())
    return sel.build(limit, offset)

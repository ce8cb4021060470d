"""Aggregates behind the web views: event pages, counts, timeline, dyad line, network, map, quote groups.

Each function takes a request's connection (see :mod:`heron.web.index`) and an
:class:`EventFilter`; filters, sorts and group-bys run on the flat event index ``ev``, and
full event rows are fetched from the read-only store by row id, only for what is shown.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from heron.store.queries import dicts
from heron.tables import TABLES
from heron.web.filters import SORTS, EventFilter, FilterError, order_by
from heron.web.index import EVENT_QUOTES, INDEX, STORE

EVENT_COLUMNS = [c.name for c in TABLES["events"]]
# split(...) turns a padded string column (" RUS UKR ") back into its items
GROUPS = {"type": "e.type", "quad": "CAST(e.quad AS VARCHAR)", "mode": "unnest(string_split(trim(e.modes), ' '))",
          "place": "e.place_name", "source_country": "unnest(string_split(trim(e.src_countries), ' '))",
          "target_country": "unnest(string_split(trim(e.tgt_countries), ' '))", "day": "e.date_start"}
CLAIM_GROUPS = ("event", "article")


def _and(where: str) -> str:
    return " AND " if where else " WHERE "


def events_by_rid(con: duckdb.DuckDBPyConnection, rids: list[int]) -> list[dict[str, Any]]:
    """Full store rows for these row ids, in the order given, with their article's title."""
    if not rids:
        return []
    rows = dicts(con, "SELECT e.rowid AS rid, e.*, coalesce(a.title, '') AS article_title FROM events e"
                      " LEFT JOIN articles a USING (article_id) WHERE e.rowid IN (SELECT unnest(?::BIGINT[]))",
                 [rids])
    by_rid = {r.pop("rid"): r for r in rows}
    return [by_rid[i] for i in rids if i in by_rid]


def events_page(con: duckdb.DuckDBPyConnection, f: EventFilter, sort: str, desc: bool, limit: int,
                offset: int) -> dict[str, Any]:
    """One page of events plus the total under the filter."""
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM {INDEX} e{where}", params).fetchone()[0]
    rids = [r[0] for r in con.execute(f"SELECT e.rid FROM {INDEX} e{where} ORDER BY {order_by(sort, desc)}"
                                      " LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()]
    return {"total": total, "limit": limit, "offset": offset, "rows": events_by_rid(con, rids)}


def events_csv_rows(con: duckdb.DuckDBPyConnection, f: EventFilter, sort: str, desc: bool,
                    limit: int) -> Iterator[tuple]:
    """Rows of the filtered events in table column order, fetched in chunks so memory stays flat."""
    where, params = f.where()
    ordering = order_by(sort, desc)  # refuses an unknown sort before SORTS is looked up
    cols = ", ".join(f'x."{c}"' for c in EVENT_COLUMNS)
    direction = "DESC" if desc else "ASC"
    # the top rows are chosen on the index, then joined to the store and put back in the same order
    cur = con.execute(f"SELECT {cols} FROM (SELECT e.rid, {SORTS[sort]} AS k FROM {INDEX} e{where}"
                      f" ORDER BY {ordering} LIMIT ?) i JOIN events x ON x.rowid = i.rid"
                      f" ORDER BY i.k {direction} NULLS LAST, i.rid", [*params, limit])
    while chunk := cur.fetchmany(2000):
        yield from chunk


def counts(con: duckdb.DuckDBPyConnection, f: EventFilter, by: str, limit: int) -> dict[str, Any]:
    """Event counts grouped by one field (type, quad, mode, place, source/target country, day)."""
    if by not in GROUPS:
        raise FilterError(f"cannot count by {by!r}; count by one of {', '.join(GROUPS)}")
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM {INDEX} e{where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT k, count(*) AS n FROM (SELECT {GROUPS[by]} AS k FROM {INDEX} e{where}) "
        "WHERE k IS NOT NULL AND k <> '' GROUP BY k ORDER BY n DESC, k LIMIT ?", [*params, limit]).fetchall()
    return {"by": by, "total": total, "counts": [{"key": k, "n": n} for k, n in rows]}


# Articles mention history ("in 1648", "since 1991"); a chart over centuries shows nothing. Unless the user
# sets a start date, time charts begin a year before the earliest article.
NEWS_PERIOD = (f" AND e.date_start >= (SELECT min(TRY_CAST(date AS DATE)) FROM {STORE}.articles)"
               " - INTERVAL 1 YEAR")


def _news_period(f: EventFilter) -> str:
    return "" if f.since and f.since.strip() else NEWS_PERIOD


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter, stack: str) -> dict[str, Any]:
    """Events per day (the first day of each event's date range), stacked by type or quad class."""
    column = {"type": "e.type", "quad": "CAST(e.quad AS VARCHAR)"}.get(stack)
    if column is None:
        raise FilterError(f"cannot stack by {stack!r}; stack by type or quad")
    where, params = f.where()
    floor = _news_period(f)
    rows = con.execute(
        f"SELECT e.date_start AS day, {column} AS k, count(*) AS n FROM {INDEX} e{where}{_and(where)}"
        f"e.date_start IS NOT NULL{floor} GROUP BY ALL ORDER BY day, k", params).fetchall()
    days: dict[str, dict[str, int]] = {}
    for d, k, n in rows:
        days.setdefault(d, {})[k if k is not None else "none"] = n
    keys = sorted({k for per in days.values() for k in per})
    return {"stack": stack, "keys": keys, "days": [{"day": d, "counts": per} for d, per in days.items()]}


def dyad(con: duckdb.DuckDBPyConnection, f: EventFilter, source: str, target: str) -> dict[str, Any]:
    """Mean Goldstein per day of the events from ``source`` to ``target`` (code prefixes or names)."""
    g = EventFilter(**{**f.as_dict(), "source": source, "target": target})
    where, params = g.where()
    floor = _news_period(g)
    rows = con.execute(
        f"SELECT e.date_start AS day, avg(e.goldstein) AS mean, count(*) AS n FROM {INDEX} e{where}{_and(where)}"
        f"e.goldstein IS NOT NULL AND e.date_start IS NOT NULL{floor} GROUP BY day ORDER BY day",
        params).fetchall()
    return {"source": source, "target": target,
            "days": [{"day": d, "mean_goldstein": round(m, 3), "n": n} for d, m, n in rows]}


def network(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int) -> dict[str, Any]:
    """Directed dyads (source actor -> target actor) with event count and mean Goldstein; the top ``limit``."""
    where, params = f.where()
    rows = con.execute(
        f"WITH pairs AS (SELECT unnest(e.src_nodes) AS s, e.tgt_nodes, e.goldstein FROM {INDEX} e{where}"
        f"{_and(where)}len(e.src_nodes) > 0 AND len(e.tgt_nodes) > 0),"
        " dy AS (SELECT s, unnest(tgt_nodes) AS t, goldstein FROM pairs)"
        " SELECT s, t, count(*) AS n, avg(goldstein) AS g FROM dy WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t"
        " GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?", [*params, limit]).fetchall()
    nodes: dict[str, int] = {}
    for s, t, n, _ in rows:
        nodes[s] = nodes.get(s, 0) + n
        nodes[t] = nodes.get(t, 0) + n
    return {"nodes": [{"id": k, "n": v} for k, v in sorted(nodes.items(), key=lambda kv: -kv[1])],
            "edges": [{"source": s, "target": t, "n": n, "mean_goldstein": None if g is None else round(g, 3)}
                      for s, t, n, g in rows]}


def map_points(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int) -> dict[str, Any]:
    """Events grouped by geocoded place: count, mean Goldstein, commonest type; the top ``limit`` places."""
    where, params = f.where()
    rows = dicts(con,
                 "WITH p AS (SELECT e.geonames_id, any_value(e.place_name) AS name, any_value(e.place_country)"
                 " AS country, avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS n,"
                 " round(avg(e.goldstein), 3) AS mean_goldstein, arg_max(e.type, e.rid) AS any_type"
                 f" FROM {INDEX} e{where}{_and(where)}e.lat IS NOT NULL AND e.lon IS NOT NULL"
                 " GROUP BY e.geonames_id ORDER BY n DESC, e.geonames_id LIMIT ?)"
                 # the commonest type is counted only for the places kept
                 f", t AS (SELECT e.geonames_id, e.type, count(*) AS c FROM {INDEX} e{where}{_and(where)}"
                 " e.geonames_id IN (SELECT geonames_id FROM p) GROUP BY ALL)"
                 " SELECT p.* EXCLUDE (any_type), (SELECT arg_max(t.type, t.c) FROM t WHERE"
                 " t.geonames_id = p.geonames_id) AS top_type FROM p ORDER BY n DESC, geonames_id",
                 [*params, limit, *params])
    return {"points": rows}


def speakers(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Who is quoted most: speaker name and code with the number of quotes."""
    return dicts(con,
                 "SELECT coalesce(speaker_name, '(unknown)') AS speaker_name, any_value(speaker_code) AS speaker_code,"
                 " count(*) AS n FROM quotes GROUP BY ALL ORDER BY n DESC, speaker_name LIMIT ?", [limit])


def claims(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, group: str = "event") -> list[dict[str, Any]]:
    """Quotes side by side: who claimed what about the same thing.

    ``group="event"``: quotes reporting an event of the same PLOVER type on the same day, across
    speakers and articles. ``group="article"``: the quotes of one article (its speakers on one
    story), with the event each reports when there is one. Groups with more distinct speakers
    come first: that is where claims can be compared.
    """
    if group not in CLAIM_GROUPS:
        raise FilterError(f"cannot group claims by {group!r}; group by event or article")
    where, params = f.where()
    if group == "event":
        source = (f"{EVENT_QUOTES} eq JOIN {INDEX} e ON e.rid = eq.rid JOIN quotes q ON q.rowid = eq.qrid")
        key = "CAST(e.type AS VARCHAR) || '|' || e.date_start"
        head = "e.type AS type, e.date_start AS day, NULL AS article_id, NULL AS title"
    else:
        # a filter on the event (e) keeps only quotes reporting a matching event; without one, every quote
        source = (f"quotes q JOIN articles a ON a.article_id = q.article_id LEFT JOIN {EVENT_QUOTES} eq"
                  f" ON eq.qrid = q.rowid LEFT JOIN {INDEX} e ON e.rid = eq.rid")
        key = "q.article_id"
        head = "NULL AS type, any_value(a.date) AS day, q.article_id AS article_id, any_value(a.title) AS title"
    # distinct counts over hashes and row ids: integers count much faster than strings
    speaker = "hash(coalesce(q.speaker_code, q.speaker_name, q.article_id || q.quote_id))"
    groups = dicts(con,
                   f"SELECT {key} AS key, {head}, count(DISTINCT {speaker}) AS speakers,"
                   f" count(DISTINCT q.rowid) AS n FROM {source}{where}"
                   " GROUP BY ALL ORDER BY speakers DESC, n DESC, day DESC NULLS LAST, key LIMIT ?", [*params, limit])
    if not groups:
        return []
    keys = [g["key"] for g in groups]
    # which quotes (and events) fill the groups, by row id; their text comes from the store by row id
    members = con.execute(f"SELECT {key} AS key, q.rowid AS qrid, e.rid FROM {source}{where}{_and(where)}"
                          f"{key} IN (SELECT unnest(?::VARCHAR[]))", [*params, keys]).fetchall()
    quotes = {r.pop("qrid"): r for r in dicts(
        con, "SELECT rowid AS qrid, article_id, quote_id, kind, attitude, content, content_start, speaker_name,"
             " speaker_code FROM quotes WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
        [sorted({m[1] for m in members})])}
    events = {r.pop("rid"): r for r in dicts(
        con, "SELECT rowid AS rid, type, date_start AS day, event_id, trigger_text, mode, source_codes, target_codes"
             " FROM events WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
        [sorted({m[2] for m in members if m[2] is not None})])}
    none = {"type": None, "day": None, "event_id": None, "trigger_text": None, "mode": None, "source_codes": None,
            "target_codes": None}
    by_key: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    seen: set[int] = set()
    for k, qrid, rid in sorted(members, key=lambda m: (quotes[m[1]]["speaker_name"] is None,
                                                       quotes[m[1]]["speaker_name"] or "", quotes[m[1]]["article_id"],
                                                       quotes[m[1]]["content_start"] or 0)):
        if qrid in seen:  # a quote reporting two events shows once
            continue
        seen.add(qrid)
        by_key[k].append({**events.get(rid, none), **quotes[qrid]})
    return [{**{c: g[c] for c in ("type", "day", "article_id", "title", "speakers", "n")},
             "quotes": by_key[g["key"]][:50]} for g in groups]

"""The web app's connection: the store attached READ_ONLY to an in-memory database holding a flat event index.

The store keeps actors as lists (``source_codes`` ...); list functions over a million rows are
slow, so at start-up the events are flattened once into ``memory.main.ev``: type as an ENUM,
dates as DATEs, countries and modes as padded strings (`` RUS UKR ``) that plain ``contains``
scans quickly, lower-cased text columns, and the store's ``rowid`` (``rid``) to fetch full rows
back; actors go to a small key table and an (event, actor, side) table of integers.
Filters, sorts and aggregates run on the index; pages fetch their rows from the store by rowid.

The store itself cannot be written: it is attached READ_ONLY, file access is then switched off
(no COPY TO, no ATTACH of another file) and cannot be switched back on while running.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from heron.store.schema import STORE_VERSION

STORE = "store"  # catalog name of the attached store
INDEX = "memory.main.ev"

# types the index narrows columns to: an ENUM compares and groups as a small integer, a DATE as a day number
PLOVER_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")

BUILD = f"""
CREATE TABLE {INDEX} AS SELECT
    rowid AS rid, article_id, event_id,
    TRY_CAST(type AS memory.main.plover) AS type, CAST(quad AS TINYINT) AS quad, goldstein,
    TRY_CAST(date_start AS DATE) AS date_start, TRY_CAST(date_end AS DATE) AS date_end, quote_id, confidence,
    ' ' || array_to_string(source_countries, ' ') || ' ' AS src_countries,
    ' ' || array_to_string(target_countries, ' ') || ' ' AS tgt_countries,
    ' ' || array_to_string(mode, ' ') || ' ' AS modes,
    source_codes[1] AS src1, target_codes[1] AS tgt1,
    -- network nodes: an actor without a code is named by its name
    list_transform(source_codes, lambda c, i: coalesce(c, source_names[i])) AS src_nodes,
    list_transform(target_codes, lambda c, i: coalesce(c, target_names[i])) AS tgt_nodes,
    place_name, lower(place_name) AS place_lc, geonames_id, CAST(geonames_id AS VARCHAR) AS geonames_str,
    place_country, lat, lon, lower(trigger_text) AS trigger_lc, lower(evidence_text) AS evidence_lc
FROM {STORE}.events
"""

ACTORS = "memory.main.actor_keys"
EVENT_ACTORS = "memory.main.ev_actor"
# Every distinct actor (code, name, country) once, and which events name it on which side (1 source,
# 2 target): an actor filter matches the few thousand keys, then joins integers, instead of
# scanning a million lists.
BUILD_ACTORS = [f"""
CREATE TABLE {ACTORS} AS SELECT row_number() OVER (ORDER BY code, name, country)::INTEGER AS aid, code,
    name, lower(name) AS name_lc, country
FROM (SELECT DISTINCT code, name, country FROM (
    SELECT unnest(list_concat(source_codes, target_codes)) AS code, unnest(list_concat(source_names, target_names))
        AS name, unnest(list_concat(source_countries, target_countries)) AS country FROM {STORE}.events))
""", f"""
CREATE TABLE {EVENT_ACTORS} AS
WITH x AS (
    SELECT rowid AS rid, 1 AS side, unnest(source_codes) AS code, unnest(source_names) AS name,
        unnest(source_countries) AS country FROM {STORE}.events
    UNION ALL
    SELECT rowid, 2, unnest(target_codes), unnest(target_names), unnest(target_countries) FROM {STORE}.events)
SELECT x.rid, k.aid, CAST(x.side AS TINYINT) AS side FROM x JOIN {ACTORS} k
    ON x.code IS NOT DISTINCT FROM k.code AND x.name IS NOT DISTINCT FROM k.name
    AND x.country IS NOT DISTINCT FROM k.country
"""]

EVENT_QUOTES = "memory.main.ev_quote"
# Which event reports which quote, by row ids: the quotes page groups quotes without joining strings.
BUILD_QUOTES = f"""
CREATE TABLE {EVENT_QUOTES} AS SELECT e.rid, q.rowid AS qrid FROM {INDEX} e
JOIN {STORE}.quotes q ON q.article_id = e.article_id AND q.quote_id = e.quote_id
"""


class WebError(Exception):
    """The store cannot be served (missing, not heron's, another version)."""


def open_store(path: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the store at ``path`` attached read-only and the event index built."""
    path = Path(path)
    if not path.is_file():
        raise WebError(f"no heron database at {path}")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {STORE} (READ_ONLY)", [str(path)])
    except duckdb.Error as exc:
        con.close()
        raise WebError(f"cannot open {path}: {exc}") from exc
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?",
                                        [STORE]).fetchall()}
    row = (con.execute(f"SELECT value FROM {STORE}.meta WHERE key = 'store_version'").fetchone()
           if "meta" in tables else None)
    if row is None or row[0] != str(STORE_VERSION):
        con.close()
        raise WebError(f"{path} is not a heron store of version {STORE_VERSION}")
    # fixed names from this module, not input: an ENUM's labels cannot be bound as parameters
    con.execute(f"CREATE TYPE memory.main.plover AS ENUM ({', '.join(repr(t) for t in PLOVER_TYPES)})")
    con.execute(BUILD)
    for statement in (*BUILD_ACTORS, BUILD_QUOTES):
        con.execute(statement)
    con.execute("SET enable_external_access = false")
    con.execute(f"USE {STORE}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A connection for one request (DuckDB connections are not shared across threads), reading the store."""
    cur = con.cursor()
    cur.execute(f"USE {STORE}")
    return cur

"""What the Negotiations page offers to pick from: the actors holding positions and the dyads that negotiate.

An actor is keyed as the position tables key it for threads: its country (ISO3), else its code (NATO, EU). Two
actors form a dyad when a position of one is addressed to the other or answers a position the other holds (the
same links as ``heron positions --between``), so the page can offer the busiest pairs first.
"""
from __future__ import annotations

from typing import Any

import duckdb

from heron.store.queries import dicts

_KEYED = """
keyed AS (
    SELECT article_id, position_id, responds_to,
           list_distinct(list_filter(list_transform(holder_ids, lambda x, i: coalesce(holder_countries[i],
                                                                                      holder_codes[i])),
                                     lambda k: k IS NOT NULL)) AS holders,
           list_distinct(list_filter(list_transform(addressee_ids, lambda x, i: coalesce(addressee_countries[i],
                                                                                         addressee_codes[i])),
                                     lambda k: k IS NOT NULL)) AS addressees
    FROM positions
)"""

_DYADS = f"""
WITH {_KEYED}, others AS (
    SELECT k.article_id, k.position_id, k.holders, k.addressees AS others FROM keyed k
    UNION ALL
    SELECT k.article_id, k.position_id, k.holders, o.holders FROM keyed k
    JOIN keyed o ON o.article_id = k.article_id AND o.position_id = k.responds_to
), pairs AS (
    SELECT article_id, position_id, h, unnest(others) AS o
    FROM (SELECT article_id, position_id, unnest(holders) AS h, others FROM others)
)
SELECT least(h, o) AS a, greatest(h, o) AS b, count(DISTINCT article_id || '/' || position_id) AS n,
       count(DISTINCT article_id) AS articles
FROM pairs WHERE h <> o
GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?
"""

_HOLDERS = f"""
WITH {_KEYED}
SELECT h AS key, count(*) AS n FROM (SELECT unnest(holders) AS h FROM keyed)
GROUP BY h ORDER BY n DESC, h LIMIT ?
"""


def dyads(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """The pairs of actor keys with the most positions between them: ``a``, ``b`` (sorted), ``n``, ``articles``."""
    return dicts(con, _DYADS, [limit])


def holders(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Actor keys holding positions, the busiest first."""
    return dicts(con, _HOLDERS, [limit])


def has_threads(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has ``position_threads`` (an ingest with --no-dedup leaves it out)."""
    from heron.store.threads import TABLE

    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'"
                      " AND database_name = current_database()", [TABLE]).fetchone()
    return bool(row and row[0])

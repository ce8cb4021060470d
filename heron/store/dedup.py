"""Events across articles: one ``global_events`` row per real-world event, with the mentions that report it.

Two article events report the same real-world event when they share

- the type, and whether it happened (``assertion``: asserted, negated/denied, or unrealised = future/hypothetical);
- the dyad: the sorted set of source codes and of target codes (an uncoded actor counts by its lower-case name);
- the place: GeoNames id, else the lower-case place name (no place is a value of its own);
- the date, within a day: day-precise dates (the event's own, or the article date when the text gives none) one
  day apart merge, so "yesterday" in one article meets "on Monday" in the next day's article. A run of
  consecutive days longer than that (a daily series of strikes) is not one event: it stays split by exact day.
  Week, month and year dates merge only with the same week, month or year.

Like GDELT's NumMentions / NumArticles / NumSources, each global event counts the mentions, the distinct articles
and the distinct sources (article source, else the host of its url, else the article itself) behind it, and lists
its mentions as (article_id, event_id) pairs.

The table is rebuilt from ``events`` in one SQL statement, so it never drifts from the events it summarises
(100k events take about a second on one core); ``global_event_id`` is a hash of the key and first day, stable
across rebuilds of the same events.
"""
from __future__ import annotations

import duckdb

TABLE = "global_events"

# an actor's key: its code, or its lower-case name when it has no code
_ACTORS = ("list_sort(list_distinct(list_transform({codes}, lambda c, i: "
           "coalesce(c, lower({names}[i]), '?'))))")
_KEY = "type, assertion, source_key, target_key, place_key, span_key"

_REBUILD = f"""
CREATE OR REPLACE TABLE {TABLE} AS
WITH keyed AS (
    SELECT e.article_id, e.event_id, e.type, e.cameo, e.quad, e.goldstein, e.place_name, e.geonames_id,
           e.place_country, e.lat, e.lon, e.date_start, e.date_end, e.confidence, e.n_mentions,
           a.date AS article_date,
           coalesce(a.source, nullif(regexp_extract(a.url, '^[A-Za-z]+://([^/:]+)', 1), ''),
                    'article:' || e.article_id) AS outlet,
           CASE WHEN coalesce(e.negated OR e.denied OR e.ruled_out, false) THEN 'negated'
                WHEN coalesce(e.future OR e.hypothetical OR e.conditional, false) THEN 'unrealised'
                ELSE 'asserted' END AS assertion,
           {_ACTORS.format(codes="e.source_codes", names="e.source_names")} AS source_key,
           {_ACTORS.format(codes="e.target_codes", names="e.target_names")} AS target_key,
           coalesce(CAST(e.geonames_id AS VARCHAR), lower(trim(e.place_name))) AS place_key,
           -- a day-precise date may move by a day; a week/month/year only matches itself
           CASE WHEN e.date_start = e.date_end THEN 'day' ELSE e.date_start || '/' || e.date_end END AS span_key,
           TRY_CAST(e.date_start AS DATE) AS day
    FROM events e JOIN articles a USING (article_id)
), gaps AS (
    SELECT *, CASE WHEN day - lag(day) OVER (PARTITION BY {_KEY} ORDER BY day, article_id, event_id) <= 1
                THEN 0 ELSE 1 END AS new_run
    FROM keyed
), runs AS (
    SELECT *, sum(new_run) OVER (PARTITION BY {_KEY} ORDER BY day, article_id, event_id
                                 ROWS UNBOUNDED PRECEDING) AS run
    FROM gaps
), days AS (
    -- a run of two days at most is one event; a longer run splits into its days
    SELECT *, CASE WHEN max(day) OVER r - min(day) OVER r <= 1 THEN min(day) OVER r ELSE day END AS first_day
    FROM runs
    WINDOW r AS (PARTITION BY {_KEY}, run)
), merged AS (
    SELECT {_KEY}, first_day,
           -- the most confident report speaks for the event (ties: the first article and event id)
           min_by({{'cameo': cameo, 'quad': quad, 'goldstein': goldstein, 'place_name': place_name,
                   'geonames_id': geonames_id, 'place_country': place_country, 'lat': lat, 'lon': lon}},
                  {{'c': -coalesce(confidence, -1.0), 'a': article_id, 'e': event_id}}) AS rep,
           min(date_start) AS date_start,
           max(date_end) AS date_end,
           CAST(sum(coalesce(n_mentions, 1)) AS BIGINT) AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT outlet) AS num_sources,
           min(article_date) AS first_seen,
           max(article_date) AS last_seen,
           max(confidence) AS confidence,
           list({{'article_id': article_id, 'event_id': event_id}} ORDER BY article_id, event_id) AS mentions
    FROM days
    GROUP BY {_KEY}, first_day
)
SELECT substr(md5(concat_ws('|', type, assertion, span_key, coalesce(CAST(first_day AS VARCHAR), ''),
                            array_to_string(source_key, ';'), array_to_string(target_key, ';'),
                            coalesce(place_key, ''))), 1, 16) AS global_event_id,
       type, rep.cameo AS cameo, rep.quad AS quad, rep.goldstein AS goldstein, assertion,
       source_key AS source_codes, target_key AS target_codes,
       rep.place_name AS place_name, rep.geonames_id AS geonames_id, rep.place_country AS place_country,
       rep.lat AS lat, rep.lon AS lon, date_start, date_end,
       num_mentions, num_articles, num_sources, first_seen, last_seen, confidence, mentions
FROM merged
"""


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build ``global_events`` from ``events`` and ``articles`` in one transaction; returns its row count."""
    return rebuild_table(con, _REBUILD, TABLE)


def rebuild_table(con: duckdb.DuckDBPyConnection, sql: str, table: str) -> int:
    """Run ``sql`` (which replaces ``table``) in one transaction, rolled back on any failure; returns the
    table's row count."""
    con.begin()
    try:
        con.execute(sql)
        n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        con.commit()
    except Exception:
        con.rollback()
        raise
    return int(n)

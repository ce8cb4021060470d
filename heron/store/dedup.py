"""Events across articles: one ``global_events`` row per real-world event, with the mentions that report it.

Two article events are the same real-world event when they share the type, whether it happened (asserted,
negated/denied, or only future/hypothetical), the dates (the event's own day, or the article date when the text
gives none, so "yesterday" in a Tuesday article meets "on Monday" in another), the dyad (the sorted set of source
codes and of target codes; an uncoded actor counts by its lower-case name) and the place (GeoNames id, else the
lower-case place name; no place is a value of its own). Like GDELT's NumMentions / NumArticles / NumSources, each
global event counts the mentions, the distinct articles and the distinct sources (article source, else the host
of its url, else the article itself) behind it.

The table is rebuilt from ``events`` in one SQL statement (about a second per 100k events), so it never
drifts from the events it summarises; ``global_event_id`` is a hash of the key, stable across rebuilds.
"""
from __future__ import annotations

import duckdb

TABLE = "global_events"

# an actor's key: its code, or its lower-case name when it has no code
_ACTORS = ("list_sort(list_distinct(list_transform({codes}, lambda c, i: "
           "coalesce(c, lower({names}[i]), '?'))))")

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
           coalesce(CAST(e.geonames_id AS VARCHAR), lower(trim(e.place_name))) AS place_key
    FROM events e JOIN articles a USING (article_id)
), merged AS (
    SELECT type, assertion, date_start, date_end, source_key, target_key, place_key,
           -- the most confident report speaks for the event (ties: the first article and event id)
           min_by({{'cameo': cameo, 'quad': quad, 'goldstein': goldstein, 'place_name': place_name,
                   'geonames_id': geonames_id, 'place_country': place_country, 'lat': lat, 'lon': lon}},
                  {{'c': -coalesce(confidence, -1.0), 'a': article_id, 'e': event_id}}) AS rep,
           CAST(sum(coalesce(n_mentions, 1)) AS BIGINT) AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT outlet) AS num_sources,
           min(article_date) AS first_seen,
           max(article_date) AS last_seen,
           max(confidence) AS confidence,
           list({{'article_id': article_id, 'event_id': event_id}} ORDER BY article_id, event_id) AS mentions
    FROM keyed
    GROUP BY type, assertion, date_start, date_end, source_key, target_key, place_key
)
SELECT substr(md5(concat_ws('|', type, assertion, coalesce(date_start, ''), coalesce(date_end, ''),
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
    con.begin()
    try:
        con.execute(_REBUILD)
        n = con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
        con.commit()
    except Exception:
        con.rollback()
        raise
    return int(n)

"""Positions across articles: one ``position_threads`` row per offer, demand or refusal followed through the news.

Two positions (of any articles) belong to one thread when they share

- the holder key: the sorted set of the holders' countries, else their codes (NATO, EU), else their lower-case
  names, so "Kyiv", "Ukraine" and "Zelensky" all hold for UKR;
- the kind family: ``offer`` (offer, proposal, concession, commitment), ``demand`` (demand, condition) or
  ``rejection``;
- the content key (``positions.content_key``, :func:`heron.lang.en.heads.content_key`): the sorted head words of
  what is offered or demanded ("adopt neutral status");
- and the time: dated (their own date, else the article's) at most ``WINDOW_DAYS`` after the previous position of
  the same key; a longer silence starts a new thread.

Answers (a response, or any position with ``responds_to``: "Russia rejected the offer") do not open threads: each
is listed under the thread of the position it answers (``responds_to``, inside its own article, as heron links
them). A thread lists its positions and responses as
(article_id, position_id) pairs, its first and last day, its numbers of positions and articles, and the kinds,
statuses and answers seen.

Like ``global_events`` the table is rebuilt in one SQL statement from ``positions`` and ``articles``, so it never
drifts from them; ``thread_id`` is a hash of the key and the first day, stable across rebuilds.
"""
from __future__ import annotations

import duckdb

from heron.store.dedup import rebuild_table

TABLE = "position_threads"
WINDOW_DAYS = 30
FAMILIES = {"offer": ("offer", "proposal", "concession", "commitment"), "demand": ("demand", "condition"),
            "rejection": ("rejection",)}

_FAMILY = "CASE " + " ".join(
    f"WHEN p.kind IN ({', '.join(repr(k) for k in kinds)}) THEN '{family}'" for family, kinds in FAMILIES.items()
) + " END"
_HOLDERS = ("list_sort(list_distinct(list_transform(p.holder_ids, lambda x, i: coalesce(p.holder_countries[i], "
            "p.holder_codes[i], lower(p.holder_names[i]), '?'))))")
_KEY = "family, holder_key, content_key"

_REBUILD = f"""
CREATE OR REPLACE TABLE {TABLE} AS
WITH keyed AS (
    SELECT p.article_id, p.position_id, p.kind, p.status, p.content_text, p.content_start,
           coalesce(p.content_key, '') AS content_key, {_FAMILY} AS family, {_HOLDERS} AS holder_key,
           TRY_CAST(coalesce(p.date_start, left(a.date, 10)) AS DATE) AS day
    FROM positions p JOIN articles a USING (article_id)
    -- an answer (a response, or a refusal of what another holds) is listed under what it answers
    WHERE {_FAMILY} IS NOT NULL AND p.responds_to IS NULL
), gaps AS (
    SELECT *, CASE WHEN day - lag(day) OVER (PARTITION BY {_KEY} ORDER BY day, article_id, content_start)
                        <= {WINDOW_DAYS} THEN 0 ELSE 1 END AS new_run
    FROM keyed
), runs AS (
    SELECT *, sum(new_run) OVER (PARTITION BY {_KEY} ORDER BY day, article_id, content_start
                                 ROWS UNBOUNDED PRECEDING) AS run
    FROM gaps
), answers AS (
    SELECT r.article_id, r.responds_to, r.position_id, r.kind, r.answer, r.holder_codes, r.holder_names
    FROM positions r WHERE r.responds_to IS NOT NULL
), merged AS (
    SELECT {_KEY}, run,
           min(day) AS first_day, max(day) AS last_day,
           -- the earliest statement speaks for the thread
           min_by(content_text, {{'d': day, 'a': article_id, 's': content_start}}) AS content_text,
           count(*) AS num_positions,
           count(DISTINCT article_id) AS num_articles,
           list_sort(list_distinct(list(kind))) AS kinds,
           list_sort(list_distinct(list(status))) AS statuses,
           list({{'article_id': article_id, 'position_id': position_id}}
                ORDER BY day, article_id, content_start) AS positions
    FROM runs
    GROUP BY {_KEY}, run
), members AS (
    SELECT {_KEY}, run, unnest(positions, recursive := true) FROM merged
), answered AS (
    SELECT m.family, m.holder_key, m.content_key, m.run,
           list({{'article_id': a.article_id, 'position_id': a.position_id, 'answers': m.position_id,
                  'kind': a.kind, 'answer': a.answer,
                  'holder_codes': list_transform(a.holder_codes, lambda c, i: coalesce(c, a.holder_names[i]))}}
                ORDER BY a.article_id, a.position_id) AS responses,
           list_sort(list_distinct(list(a.answer))) AS answers
    FROM members m JOIN answers a ON a.article_id = m.article_id AND a.responds_to = m.position_id
    GROUP BY m.family, m.holder_key, m.content_key, m.run
)
SELECT substr(md5(concat_ws('|', g.family, array_to_string(g.holder_key, ';'), g.content_key,
                            CAST(g.first_day AS VARCHAR))), 1, 16) AS thread_id,
       g.family, g.holder_key AS holders, g.content_key, g.content_text, g.kinds, g.statuses,
       coalesce(r.answers, []) AS answers,
       CAST(g.first_day AS VARCHAR) AS first_date, CAST(g.last_day AS VARCHAR) AS last_date,
       g.num_positions, g.num_articles, coalesce(len(r.responses), 0) AS num_responses,
       g.positions, coalesce(r.responses, []) AS responses
FROM merged g LEFT JOIN answered r USING (family, holder_key, content_key, run)
"""


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build ``position_threads`` from ``positions`` and ``articles`` in one transaction; returns its size."""
    return rebuild_table(con, _REBUILD, TABLE)

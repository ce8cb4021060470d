"""Times the web API on a large synthetic store (not a test): ``python -m heron.web.bench``.

Builds (once) a store of ``--events`` synthetic events (default 1,000,000) with DuckDB's
generate_series, ten events per article, then calls every endpoint in-process through
FastAPI's TestClient and prints the median and worst time of ``--repeat`` calls each.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from heron.store import Store

TYPES = ["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"]
QUADS = [3, 1, 2, 4, 4, 2, 1, 1, 4, 3, 3, 3, 2, 4, 1, 3]
COUNTRIES = ["RUS", "UKR", "USA", "GBR", "FRA", "DEU", "CHN", "TUR", "ISR", "PSE", "IRN", "POL", "EGY", "QAT", "IND"]
SECTORS = ["GOV", "MIL", "", "REB", "CVL"]
MODES = [["asserted"], ["reported"], ["future"], ["negated"], ["asserted"], ["asserted"], ["hypothetical", "reported"]]


def build(path: Path, n_events: int) -> None:
    """A heron store whose tables hold ``n_events`` events over ``n_events // 10`` articles."""
    Store(path).close()  # the schema and version row
    n_articles = max(1, n_events // 10)
    con = duckdb.connect(str(path))
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    # DuckDB named parameters ($name), so even the synthetic constants travel as parameters
    p = {"types": TYPES, "quads": QUADS, "countries": COUNTRIES, "sectors": SECTORS, "modes": MODES,
         "n_articles": n_articles, "n_events": n_events}

    def run(sql: str, names: tuple[str, ...]) -> None:
        con.execute(sql, {k: p[k] for k in names})

    run("""
        INSERT INTO articles SELECT 'a' || i, NULL, 'Synthetic article ' || i,
            strftime(DATE '2020-01-01' + CAST(i % 1500 AS INTEGER), '%Y-%m-%d'), 'bench', NULL, 'bench', 600,
            2, 1, 1, 10, 'Synthetic article number ' || i || '. ' || repeat('Officials said forces moved. ', 20)
        FROM generate_series(0, $n_articles - 1) t(i)""", ("n_articles",))
    run("""
        INSERT INTO actors SELECT 'a' || (i // 2), 'A' || (i % 2 + 1), 'Actor ' || (i % 300),
            c || s, c, nullif(s, ''), 'group', NULL, NULL, false, 1
        FROM (SELECT i, ($countries::VARCHAR[])[1 + (i * 7) % 15] AS c, ($sectors::VARCHAR[])[1 + i % 5] AS s
              FROM generate_series(0, $n_articles * 2 - 1) t(i))""", ("countries", "sectors", "n_articles"))
    run("""
        INSERT INTO mentions SELECT 'a' || (i // 2), 'A' || (i % 2 + 1), 'actor', 'Officials', 0, 9
        FROM generate_series(0, $n_articles * 2 - 1) t(i)""", ("n_articles",))
    run("""
        INSERT INTO places SELECT 'a' || i, 'P1', 'Place ' || (i % 500), 100000 + i % 500,
            ($countries::VARCHAR[])[1 + i % 15],
            CAST(hash(i % 500) % 12000 AS BIGINT) / 100.0 - 60,
            CAST(hash(i % 500 + 7) % 36000 AS BIGINT) / 100.0 - 180, 'P.PPL', 1
        FROM generate_series(0, $n_articles - 1) t(i)""", ("countries", "n_articles"))
    run("""
        INSERT INTO quotes SELECT 'a' || i, 'Q1', 'direct', 'assert', 'forces moved', 30, 42, 'A1',
            'Actor ' || (i % 300), ($countries::VARCHAR[])[1 + (i * 14) % 15] || 'GOV', NULL, 'GOV', 'Officials',
            0, 9, 'said', 10, 14, 0.9
        FROM generate_series(0, $n_articles - 1) t(i)""", ("countries", "n_articles"))
    run("""
        INSERT INTO events
        WITH g AS (SELECT i, CAST(hash(i) % 1000003 AS BIGINT) AS h, i // 10 AS art
                   FROM generate_series(0, $n_events - 1) t(i)),
        r AS (SELECT *, ($types::VARCHAR[])[1 + h % 16] AS typ, ($quads::INTEGER[])[1 + h % 16] AS quad,
                     ($countries::VARCHAR[])[1 + (art * 2 * 7) % 15] || ($sectors::VARCHAR[])[1 + (art * 2) % 5] AS src,
                     ($countries::VARCHAR[])[1 + (art * 2 * 7 + 7) % 15]
                        || ($sectors::VARCHAR[])[1 + (art * 2 + 1) % 5] AS tgt,
                     strftime(DATE '2020-01-01' + CAST((art + h % 5) % 1500 AS INTEGER), '%Y-%m-%d') AS d
              FROM g)
        SELECT 'a' || art, 'E' || (i % 10 + 1), typ, '0' || (h % 900), quad, round((h % 201) / 10.0 - 10, 1),
            ['A1'], [src], ['Actor ' || ((art * 2) % 300)], [left(src, 3)],
            ['A2'], [tgt], ['Actor ' || ((art * 2 + 1) % 300)], [left(tgt, 3)],
            ($modes::VARCHAR[][])[1 + h % 7], false, false, false, false, h % 7 = 1, false, false, NULL, NULL, NULL,
            'P1', 'Place ' || (art % 500), 100000 + art % 500, ($countries::VARCHAR[])[1 + art % 15],
            CAST(hash(art % 500) % 12000 AS BIGINT) / 100.0 - 60,
            CAST(hash(art % 500 + 7) % 36000 AS BIGINT) / 100.0 - 180,
            d, 'day', false, NULL, d, d, lower(typ), 30, 38,
            'Synthetic sentence ' || i || ' in which forces of ' || src || ' acted on ' || tgt || '.', 0, 80,
            CASE WHEN i % 10 = 0 THEN 'Q1' END, NULL, NULL, NULL, 0.8, 1
        FROM r""", ("types", "quads", "countries", "sectors", "modes", "n_events"))
    con.execute("CHECKPOINT")
    con.close()


def endpoints(article_id: str) -> list[str]:
    return [
        "/api/stats",
        "/api/events",
        "/api/events?actor=RUS",
        "/api/events?actor=actor 12",
        "/api/events?type=ASSAULT&since=2021-01-01&until=2021-06-30",
        "/api/events?quad=4&mode=reported&country=UKR",
        "/api/events?text=sentence 4242",
        "/api/events?place=Place 42",
        "/api/events?sort=goldstein&desc=true",
        "/api/events?sort=source&offset=500000",
        "/api/events.csv?type=AID&limit=1000",
        "/api/counts?by=type",
        "/api/counts?by=mode&actor=UKR",
        "/api/timeline?stack=type",
        "/api/timeline?stack=quad&actor=RUS",
        "/api/dyad?from=RUS&to=UKR",
        "/api/network",
        "/api/network?type=ASSAULT",
        "/api/map",
        "/api/quotes",
        "/api/quotes?speaker=RUS",
        "/api/quotes/speakers",
        "/api/quotes/claims",
        "/api/quotes/claims?group=article",
        "/api/actors?country=RUS",
        "/api/places?place=Place 7",
        "/api/articles",
        "/api/articles?text=number 4242",
        f"/api/articles/{article_id}",
        f"/article/{article_id}",
        "/events",
        "/",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "heron-bench-web.duckdb",
                        help="store to build or reuse")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild and args.db.exists():
        args.db.unlink()
    if not args.db.exists():
        t0 = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.db} ({args.events:,} events) in {time.perf_counter() - t0:.1f} s")

    from fastapi.testclient import TestClient

    from heron.web.app import create_app

    t0 = time.perf_counter()
    app = create_app(args.db)
    print(f"server start (attach + event index): {time.perf_counter() - t0:.1f} s")
    client = TestClient(app, base_url="http://127.0.0.1")
    print(f"events in store: {client.get('/api/stats').json()['events']:,}")
    # cold: the result cache emptied before each call, so every call runs its SQL; warm: answered from the cache
    # cpu: this process's CPU time (DuckDB's threads included); on a busy shared machine wall time
    # also counts the time other processes held the cores
    print(f"{'endpoint':60} {'cold median ms':>15} {'cold max':>9} {'cold cpu ms':>12} {'warm ms':>8}")
    worst = 0.0
    for url in endpoints("a4242"):
        times, cpu = [], []
        for _ in range(args.repeat):
            app.state.store.current.cache.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            res = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if res.status_code != 200:
                raise SystemExit(f"{url}: HTTP {res.status_code} {res.text[:200]}")
        t0 = time.perf_counter()
        client.get(url)
        warm = (time.perf_counter() - t0) * 1000
        med = statistics.median(times)
        worst = max(worst, med)
        print(f"{url:60} {med:15.1f} {max(times):9.1f} {statistics.median(cpu):12.1f} {warm:8.1f}")
    print(f"slowest cold median: {worst:.1f} ms")


if __name__ == "__main__":
    main()

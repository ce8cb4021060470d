"""Load test of `heron serve` on loopback (not a unit test): ``python -m heron.web.loadtest --db STORE``.

Starts ``heron serve`` on a free port of 127.0.0.1 (or uses ``--url`` of a running one), then
sends ``--requests`` requests from ``--concurrency`` connections at once: pages and API calls
with varied filters, sorts and pages (so the result cache answers few of them), and a share of
hostile ones (SQL fragments, odd Unicode, huge numbers, traversal) that must be 4xx. Prints
p50/p95/p99 latency and the count of each status class; exits 1 on any 5xx, any failed
connection, or a hostile request answered 2xx with more than an empty page. A request whose
kept-alive connection the server had just closed as idle is sent again once, as browsers do, and
counted apart.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from heron.web.bench import COUNTRIES, SECTORS, TYPES

PAGES = ["/", "/events", "/timeline", "/network", "/map", "/quotes", "/articles", "/docs", "/static/common.js",
         "/static/style.css"]
HOSTILE = ["/api/events?actor=%27%20OR%201%3D1%20--", "/api/events?sort=date%3BDROP%20TABLE%20events",
           "/api/events?limit=99999999999999999999", "/api/events?offset=-1", "/api/events?type=%00",
           "/api/events?since=%ED%A0%80", "/static/%2e%2e/app.py", "/static/..%2f..%2fetc%2fpasswd",
           "/api/events?quad=1e400", "/api/counts?by=password", "/api/articles/%FF", "/article/%E2%80%AE",
           "/api/events?text=" + "x" * 300, "/api/quotes?since=yesterday"]


@dataclass
class Report:
    requests: int
    concurrency: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # connection errors and hostile requests that got data
    retried: int = 0  # requests sent again after their kept-alive connection was closed under them

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> str:
        classes = Counter(f"{s // 100}xx" for s in self.statuses.elements())
        return (f"{self.requests:,} requests, concurrency {self.concurrency}, {self.seconds:.1f} s "
                f"({self.requests / self.seconds:.0f}/s); latency ms p50 {self.percentile(50):.0f} "
                f"p95 {self.percentile(95):.0f} p99 {self.percentile(99):.0f} max {max(self.latencies_ms):.0f} "
                f"(mean {statistics.fmean(self.latencies_ms):.0f}); "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(classes.items()))
                + f"; 5xx {self.server_errors}; failed {len(self.failures)}; retried once {self.retried}")


def plan(n: int, seed: int = 0, hostile_share: float = 0.1) -> list[tuple[str, bool]]:
    """``n`` (url, hostile) pairs drawn with a fixed seed: API calls with varied filters, pages, hostile calls."""
    rng = random.Random(seed)

    def filters() -> str:
        parts = []
        if rng.random() < 0.4:
            parts.append(f"actor={rng.choice(COUNTRIES)}{rng.choice(SECTORS)}")
        if rng.random() < 0.3:
            parts.append(f"type={rng.choice(TYPES)}")
        if rng.random() < 0.2:
            parts.append(f"quad={rng.randint(1, 4)}")
        if rng.random() < 0.3:
            year = rng.randint(2020, 2023)
            parts.append(f"since={year}-{rng.randint(1, 12):02d}&until={year + 1}")
        if rng.random() < 0.1:
            parts.append(f"text=sentence%20{rng.randint(1, 99999)}")
        if rng.random() < 0.1:
            parts.append(f"place=Place%20{rng.randint(1, 499)}")
        return "&".join(parts)

    def api() -> str:
        f = filters()
        kind = rng.random()
        if kind < 0.45:
            sort = rng.choice(["date", "type", "goldstein", "source", "place", "confidence"])
            return (f"/api/events?{f}&sort={sort}&desc={rng.choice(['true', 'false'])}"
                    f"&offset={rng.choice([0, 0, 50, rng.randint(0, 500_000)])}&limit={rng.choice([50, 100])}")
        if kind < 0.55:
            return f"/api/counts?{f}&by={rng.choice(['type', 'quad', 'mode', 'place', 'day'])}"
        if kind < 0.62:
            return f"/api/timeline?{f}&stack={rng.choice(['type', 'quad'])}"
        if kind < 0.67:
            return f"/api/network?{f}&limit={rng.choice([60, 150])}"
        if kind < 0.72:
            return f"/api/map?{f}"
        if kind < 0.77:
            return f"/api/dyad?from={rng.choice(COUNTRIES)}&to={rng.choice(COUNTRIES)}&{f}"
        if kind < 0.82:
            return f"/api/quotes?offset={rng.randint(0, 50_000)}&speaker={rng.choice(COUNTRIES)}"
        if kind < 0.87:
            return f"/api/articles?offset={rng.randint(0, 50_000)}"
        if kind < 0.92:
            return f"/api/articles/a{rng.randint(0, 99_999)}"
        if kind < 0.96:
            return f"/article/a{rng.randint(0, 99_999)}"
        return f"/api/events.csv?{f}&limit=200"

    out = []
    for _ in range(n):
        r = rng.random()
        if r < hostile_share:
            out.append((rng.choice(HOSTILE), True))
        elif r < hostile_share + 0.1:
            out.append((rng.choice(PAGES), False))
        else:
            out.append((api(), False))
    return out


async def _load(base_url: str, urls: list[tuple[str, bool]], concurrency: int, timeout: float) -> Report:
    queue: asyncio.Queue[tuple[str, bool]] = asyncio.Queue()
    for item in urls:
        queue.put_nowait(item)
    report = Report(len(urls), concurrency, 0.0)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def fetch(client: httpx.AsyncClient, url: str) -> httpx.Response:
        try:
            return await client.get(url)
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
            # a kept-alive connection the server closed as idle just as this request went out on it (the
            # client was late to reuse it): like a browser, send the GET again, once, on another connection
            report.retried += 1
            return await client.get(url)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            url, hostile = queue.get_nowait()
            t0 = time.perf_counter()
            try:
                res = await fetch(client, url)
            except httpx.HTTPError as exc:
                report.failures.append(f"{url}: {type(exc).__name__} {exc}")
                continue
            report.latencies_ms.append((time.perf_counter() - t0) * 1000)
            report.statuses[res.status_code] += 1
            if hostile and res.status_code < 300 and b'"rows":[]' not in res.content:
                report.failures.append(f"{url}: hostile request answered {res.status_code} with data")

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        report.seconds = time.perf_counter() - t0
    return report


def load(base_url: str, requests: int, concurrency: int, seed: int = 0, timeout: float = 120.0) -> Report:
    return asyncio.run(_load(base_url, plan(requests, seed), concurrency, timeout))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, wait: float = 300.0) -> subprocess.Popen:
    """``heron serve --db db`` on 127.0.0.1:port in a child process, returned once it answers."""
    # its messages go to a file: a pipe nobody reads would stall the server once full
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "heron.cli.main", "serve", "--db", str(db),
                                 "--port", str(port)], stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"heron serve exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"heron serve did not answer within {wait:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (e.g. one built by python -m heron.web.bench)")
    parser.add_argument("--url", help="a running server instead, e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.db and not args.url:
        parser.error("give --db STORE (a server is started) or --url of a running one")
    proc = None
    url = args.url
    if url is None:
        port = free_port()
        t0 = time.perf_counter()
        proc = serve(args.db, port)
        print(f"heron serve --db {args.db}: answering after {time.perf_counter() - t0:.1f} s")
        url = f"http://127.0.0.1:{port}"
    try:
        events = httpx.get(f"{url}/api/stats", timeout=30).json()["events"]
        print(f"events in store: {events:,}")
        report = load(url, args.requests, args.concurrency, args.seed)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    print(report.summary())
    print("statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(report.statuses.items())))
    for failure in report.failures[:20]:
        print(f"FAILED {failure}")
    sys.exit(1 if report.server_errors or report.failures else 0)


if __name__ == "__main__":
    main()

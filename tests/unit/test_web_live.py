"""Reading while writing: `heron serve` answers while an ingest writes to the same store, then shows what it wrote.

DuckDB lets one process write a file while nobody else has it open. The ingest opens the store only
to write a batch (Store(release=True)); the server reads a private copy taken between batches
(heron.web.live) and takes a new one when the store changes. Each side is tested from a separate
process, as it runs in practice.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from heron.records import Article, Extraction
from heron.store import Store
from heron.web.app import create_app
from heron.web.live import LiveStore, signature

ROOT = Path(__file__).resolve().parents[2]
LOCAL = "http://127.0.0.1"  # the server answers only requests for its loopback name (heron.web.guard)

# A writer in its own process: BATCHES batches of two articles, each in one short transaction, a pause between.
WRITER = """
import sys, time
from heron.records import Article, Extraction
from heron.store import Store
path, batches = sys.argv[1], int(sys.argv[2])
store = Store(path, release=True, lock_wait=10)
for b in range(batches):
    store.write([Extraction(Article(text=f"Batch {b}, article {i}: officials met in Geneva.", date="2024-05-0" + str(1 + i)))
                 for i in range(2)])
    print("batch", b, flush=True)
    time.sleep(0.15)
store.close()
"""


def _store(path: Path) -> Path:
    with Store(path) as store:
        store.write([Extraction(Article(text="The first article: talks began in Vienna.", date="2024-05-01"))])
    return path


def _articles(client: TestClient) -> int:
    res = client.get("/api/stats")
    assert res.status_code == 200, res.text
    return res.json()["articles"]


def _wait_for(client: TestClient, n: int, seconds: float = 20) -> int:
    deadline = time.monotonic() + seconds
    while (seen := _articles(client)) != n and time.monotonic() < deadline:
        time.sleep(0.1)
    return seen


def test_pages_answer_while_a_writer_commits_batches_and_show_them_after(tmp_path):
    db = _store(tmp_path / "h.duckdb")
    batches = 12
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(batches)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().startswith("batch 0")
    # the server starts while the writer is at work, and polls fast so the test sees refreshes
    app = create_app(db, poll=0.1)
    answered_during, seen = 0, set()
    with TestClient(app, base_url=LOCAL) as client:
        while writer.poll() is None:
            for url in ("/", "/events", "/api/events", "/api/articles"):
                assert client.get(url).status_code == 200, url
            seen.add(_articles(client))
            answered_during += 1
        err = writer.communicate()[1]
        assert writer.returncode == 0, err  # the server never kept the writer out for long
        assert answered_during > 0
        assert _wait_for(client, 1 + 2 * batches) == 1 + 2 * batches
        # the new articles are in the pages, not just the counts
        assert client.get("/api/articles", params={"text": f"Batch {batches - 1}"}).json()["rows"]
    assert len(seen) > 1, "the server showed the store's growth during the writes, not only at the end"


def test_heron_ingest_leaves_the_store_readable_between_batches(tmp_path, heron_pipeline):
    db = tmp_path / "news.duckdb"
    Store(db).close()
    ingest = subprocess.Popen([sys.executable, "-m", "heron.cli.main", "ingest", "examples", "--db", str(db),
                               "--batch-size", "1", "--no-dedup", "--quiet"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # once the first batch is in, the server can read the store: an ingest that kept the store open
    # from start to end would keep this snapshot out until it ended
    empty = signature(db)
    deadline = time.monotonic() + 120
    while signature(db) == empty and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    live = LiveStore(db, lock_wait=120)
    try:
        with live.reading() as r:
            first_seen = r.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        live.close()
    with TestClient(create_app(db, poll=0.1), base_url=LOCAL) as client:
        while ingest.poll() is None:
            assert client.get("/api/events").status_code == 200
            time.sleep(0.05)
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        stored = int(re.search(r"stored (\d+)", out).group(1))
        assert stored > 3
        assert first_seen < stored, "the server read the store while the ingest was writing it, not after"
        assert _wait_for(client, stored) == stored
        assert client.get("/api/events").json()["total"] > 0


def test_a_request_under_way_keeps_its_generation(tmp_path):
    db = _store(tmp_path / "h.duckdb")
    live = LiveStore(db)
    try:
        with live.reading() as old:
            with Store(db) as store:
                store.write([Extraction(Article(text="A second article: the talks ended.", date="2024-05-02"))])
            assert live.refresh()
            # the old copy still answers the request that holds it; a new request sees the new state
            assert old.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            with live.reading() as new:
                assert new.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
            copies = sorted(p.name for p in live._dir.iterdir())
            assert len(copies) == 2
        # once its last request ended, the old copy is gone
        assert sorted(p.name for p in live._dir.iterdir()) == copies[1:]
        assert not live.refresh()  # nothing changed since
    finally:
        live.close()
    assert not live._dir.exists()

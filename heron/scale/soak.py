"""The soak run behind ``heron soak``: one corpus ingested three times, twice under SIGKILL, compared table by table.

- **A** an uninterrupted single-process ``heron ingest``: the reference;
- **B** the same command, SIGKILLed at random moments (some of them while a batch is being written) and
  started again until it finishes;
- **C** ``heron ingest --workers N``, its Dask worker processes SIGKILLed while they extract a partition
  (the nanny starts a new worker and Dask reschedules the partition).

B and C must end identical to A: the same rows in every table (a content hash over the sorted rows), every
bad input of the corpus in ``errors``. The corpus is derived from the Wikinews articles of the shared data,
deterministically from the seed: each article is a numbered report made of 1-3 of a Wikinews article's
paragraphs in a random order (so each is a distinct article), a share of exact repeats (skipped as stored
already) and a share of inputs that cannot be read (empty, binary, not UTF-8, broken JSON, no text).
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

_HOME = Path(__file__).resolve().parents[2]
SHARD = 1_000  # articles per jsonl file of the corpus
REPEAT_SHARE = 0.02  # inputs that repeat an earlier article exactly (same text, another id)
BAD_SHARE = 0.005  # inputs that cannot be read and must end in errors
BAD_KINDS = ("empty", "binary", "latin-1", "broken-json", "no-text")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_WEEKDAY_LINE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}\s*$")

# Columns whose values legitimately differ between two runs of the same ingest, left out of the content hash:
# errors.recorded_at is the wall-clock time the error row was written (DEFAULT current_timestamp), so it differs
# between any two runs, killed or not. Every other column of every table is compared.
VOLATILE = {("errors", "recorded_at")}


# -- the corpus ---------------------------------------------------------------------------------------------


@dataclass
class Corpus:
    folder: Path  # what `heron ingest` reads
    articles: int  # distinct articles
    repeats: int  # inputs repeating an earlier article
    bad: list[str] = field(default_factory=list)  # input names the readers must turn into errors

    @property
    def inputs(self) -> int:
        return self.articles + self.repeats + len(self.bad)


def _wikinews(folder: Path) -> list[dict]:
    from heron.bench import read_corpus

    out = []
    for article in read_corpus(folder):
        paragraphs = [p.strip() for p in _PARAGRAPHS.split(article.text)]
        paragraphs = [p for p in paragraphs if len(p) > 60 and not _WEEKDAY_LINE.match(p)]
        if paragraphs:
            out.append({"date": article.date, "title": article.title, "paragraphs": paragraphs})
    if not out:
        raise ValueError(f"no usable Wikinews articles in {folder}")
    return out


def make_corpus(wikinews: Path, out: Path, n: int, seed: int, on_article: Callable[[], None] | None = None) -> Corpus:
    """Write ``n`` distinct articles (plus repeats and bad inputs) under ``out``, the same for the same seed."""
    rng = random.Random(seed)
    base = _wikinews(wikinews)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    corpus = Corpus(out, articles=0, repeats=0)
    n_repeats = round(n * REPEAT_SHARE)
    n_bad = max(len(BAD_KINDS), round(n * BAD_SHARE))
    # where the repeats and bad inputs go, among the n articles (a repeat only after its original)
    repeat_at = sorted(rng.sample(range(1, n), min(n_repeats, n - 1))) if n > 1 else []
    bad_at = sorted(rng.sample(range(n), n_bad) if n >= n_bad else [rng.randrange(n) for _ in range(n_bad)])
    kinds = [BAD_KINDS[i % len(BAD_KINDS)] for i in range(n_bad)]
    rng.shuffle(kinds)
    lines: list[str] = []
    texts: list[str] = []
    shard = 0

    def flush() -> None:
        nonlocal shard, lines
        if lines:
            (out / f"news-{shard:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            shard += 1
            lines = []

    def line_name() -> str:  # the input name the jsonl reader gives the next line
        return f"{out / f'news-{shard:04d}.jsonl'}:{len(lines) + 1}"

    bad_iter = iter(zip(bad_at, kinds, strict=True))
    next_bad = next(bad_iter, None)
    next_repeat = iter(repeat_at)
    repeat = next(next_repeat, None)
    for i in range(n):
        while next_bad is not None and next_bad[0] == i:
            kind = next_bad[1]
            if kind in ("broken-json", "no-text"):
                corpus.bad.append(line_name())
                lines.append('{"id": "broken", "text": "unterminated' if kind == "broken-json"
                             else json.dumps({"id": f"no-text-{i}", "date": "2020-01-01", "title": "No text"}))
            else:
                path = out / f"bad-{len(corpus.bad):05d}.txt"
                payload = {"empty": b"", "binary": bytes(rng.randrange(256) for _ in range(400)) + b"\0",
                           "latin-1": "date 2020-01-01\nCaf\u00e9 owners in S\u00e3o Paulo protested on Monday."
                           .encode("latin-1")}[kind]
                path.write_bytes(payload)
                corpus.bad.append(str(path))
            next_bad = next(bad_iter, None)
        src = rng.choice(base)
        k = rng.randint(1, min(3, len(src["paragraphs"])))
        body = "\n\n".join(rng.sample(src["paragraphs"], k))
        text = f"Soak report {i} (seed {seed}).\n\n{body}"
        texts.append(text)
        lines.append(json.dumps({"id": f"soak-{i}", "date": src["date"], "title": f"{src['title']} ({i})",
                                 "source": "Wikinews", "text": text}))
        corpus.articles += 1
        if repeat is not None and repeat == i:
            earlier = rng.randrange(len(texts))
            lines.append(json.dumps({"id": f"repeat-{i}", "date": "2021-06-01", "title": "A repeat",
                                     "text": texts[earlier]}))
            corpus.repeats += 1
            repeat = next(next_repeat, None)
        if len(lines) >= SHARD:
            flush()
        if on_article is not None:
            on_article()
    flush()
    return corpus


# -- running and killing ingests -----------------------------------------------------------------------------


def ingest_command(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "heron.cli.main", "ingest", str(corpus), "--db", str(db), "--quiet", *extra]


def start(args: list[str], log: Path) -> subprocess.Popen:
    """A child process writing its output to ``log`` (a pipe nobody reads would fill up and stall it)."""
    with open(log, "ab") as fh:  # run from where this heron is, so the children import the same code
        return subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=_HOME)


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], rng: random.Random, timeout: float = 120,
              max_delay: float = 1.5, poll: float = 0.02) -> bool:
    """SIGKILL ``proc`` a random moment (up to ``max_delay`` s) after ``ready()`` first holds.

    Returns False, killing nothing, when the process ended first; raises when ``ready()`` never held.
    """
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            return False
        if time.monotonic() > deadline:
            raise TimeoutError(f"pid {proc.pid}: the moment to kill never came in {timeout:.0f} s")
        time.sleep(poll)
    time.sleep(rng.uniform(0.0, max_delay))
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def stored_articles(db: Path) -> int | None:
    """Articles in the store, or None while a writer holds it (or a killed one left its write-ahead log)."""
    if not db.exists() or wal(db).exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


@dataclass
class Kills:
    delivered: int = 0
    during_write: int = 0  # client kills while the store's write-ahead log existed: a batch being written
    runs: int = 0  # processes started
    seconds: float = 0.0


def run_plain(corpus: Path, db: Path, log: Path, *extra: str, tick: Callable[[], None] = lambda: None) -> float:
    """An uninterrupted ingest; returns its wall time."""
    started = time.monotonic()
    proc = start(ingest_command(corpus, db, *extra), log)
    while proc.poll() is None:
        tick()
        time.sleep(0.5)
    if proc.returncode != 0:
        raise RuntimeError(f"ingest into {db} failed (exit {proc.returncode}), see {log}")
    return time.monotonic() - started


def run_with_client_kills(corpus: Path, db: Path, log: Path, kills: int, expected: float, rng: random.Random,
                          tick: Callable[[Kills], None] = lambda k: None) -> Kills:
    """``heron ingest`` SIGKILLed ``kills`` times, started again after each kill, then left to finish.

    Each life of the process lasts a random time, on average ``expected / (kills + 1) / 3`` s of an uninterrupted
    run's ``expected`` seconds, so the kills fall in about the first half of the ingest even when this run goes
    faster than the uninterrupted one did (a busier machine then: a kill drawn later would find the ingest ended);
    every other kill then waits for a batch to be written (the store's write-ahead log exists only during one) and
    strikes within 20 ms.
    """
    result = Kills()
    started = time.monotonic()
    mean = max(2.0, expected / (kills + 1) / 3)
    while True:
        proc = start(ingest_command(corpus, db), log)
        result.runs += 1
        if result.delivered >= kills:
            while proc.poll() is None:
                tick(result)
                time.sleep(0.5)
            break
        life = rng.uniform(0.0, 2 * mean)
        born = time.monotonic()
        mid_write = result.delivered % 2 == 1

        def ready(born: float = born, life: float = life, mid_write: bool = mid_write) -> bool:
            tick(result)
            return time.monotonic() - born >= life and (not mid_write or wal(db).exists())

        killed = kill_when(proc, ready, rng, timeout=life + max(600.0, expected), max_delay=0.02 if mid_write else 0,
                           poll=0.002 if mid_write else 0.05)
        if not killed:  # it finished first
            break
        result.delivered += 1
        result.during_write += wal(db).exists()
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"--- soak: SIGKILL {result.delivered} to pid {proc.pid} after {time.monotonic() - born:.1f} s"
                     f"{' (mid-write)' if mid_write else ''}\n")
    if proc.returncode != 0:
        raise RuntimeError(f"the last ingest into {db} failed (exit {proc.returncode}), see {log}")
    result.seconds = time.monotonic() - started
    return result


def dask_workers(client_pid: int) -> list:
    """The Dask worker processes under an ingest client: the multiprocessing children its nannies spawned."""
    import psutil

    try:
        children = psutil.Process(client_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for child in children:
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if ("spawn_main" in cmd or "forkserver" in cmd) and "resource_tracker" not in cmd:
            out.append(child)
    return out


def busy(procs: list, window: float = 0.5, share: float = 0.5, min_rss_mb: float = 200) -> list:
    """Those of ``procs`` working on a partition: at least ``share`` of a core over ``window`` s (an idle worker
    waits for its next task at 0%), holding over ``min_rss_mb`` (a fresh worker holds about 50 MB; one that has
    received a partition has imported heron and loads or holds the pipeline, 450 to 950 MB)."""
    import psutil

    before = {}
    for p in procs:
        try:
            if p.memory_info().rss >= min_rss_mb * 2**20:
                before[p.pid] = sum(p.cpu_times()[:2])
        except psutil.Error:
            pass
    time.sleep(window)
    out = []
    for p in procs:
        try:
            if p.pid in before and sum(p.cpu_times()[:2]) - before[p.pid] >= share * window:
                out.append(p)
        except psutil.Error:
            pass
    return out


def run_with_worker_kills(corpus: Path, db: Path, log: Path, workers: int, kills: int, expected: float,
                          rng: random.Random, tick: Callable[[Kills], None] = lambda k: None) -> Kills:
    """``heron ingest --workers N`` whose busy Dask workers are SIGKILLed ``kills`` times, at random moments
    spread over ``expected`` seconds; the client itself is never touched and runs to its end."""
    result = Kills(runs=1)
    started = time.monotonic()
    proc = start(ingest_command(corpus, db, "--workers", str(workers)), log)
    mean = max(1.0, expected / (kills + 1) / 1.5)  # over 2/3 of the time: the workers may be faster than guessed
    while proc.poll() is None:
        tick(result)
        if result.delivered >= kills:
            time.sleep(0.5)
            continue
        wait_until = time.monotonic() + rng.uniform(0.0, 2 * mean)
        while proc.poll() is None and time.monotonic() < wait_until:
            tick(result)
            time.sleep(0.2)
        # then the first moment a worker is extracting
        while proc.poll() is None:
            tick(result)
            working = busy(dask_workers(proc.pid))
            if working:
                victim = rng.choice(working)
                try:
                    os.kill(victim.pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue
                result.delivered += 1
                with open(log, "a", encoding="utf-8") as fh:
                    fh.write(f"--- soak: SIGKILL {result.delivered} to Dask worker pid {victim.pid} "
                             f"at {time.monotonic() - started:.1f} s\n")
                break
    if proc.returncode != 0:
        raise RuntimeError(f"the Dask ingest into {db} failed (exit {proc.returncode}), see {log}")
    result.seconds = time.monotonic() - started
    return result


# -- comparing stores ----------------------------------------------------------------------------------------


@dataclass
class TableDigest:
    rows: int
    digest: str


def digests(db: Path) -> dict[str, TableDigest]:
    """Every table's row count and a hash of its sorted rows (without the :data:`VOLATILE` columns)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("SET enable_progress_bar = false")
        catalog = con.execute("SELECT current_database()").fetchone()[0]
        return {name: TableDigest(*con.execute(_digest_sql(con, catalog, name)).fetchone())
                for name in _tables(con, catalog)}
    finally:
        con.close()


def _tables(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    sql = "SELECT table_name FROM duckdb_tables()" + (" WHERE database_name = ?" if catalog else "")
    return sorted(r[0] for r in con.execute(sql, [catalog] if catalog else []).fetchall())


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    rows = con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND table_name = ? "
                       "ORDER BY column_index", [catalog, table]).fetchall()
    return [r[0] for r in rows if (table, r[0]) not in VOLATILE]


def _select(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> str:
    cols = ", ".join(_q(c) for c in _columns(con, catalog, table))
    return f"SELECT {cols} FROM {_q(catalog)}.{_q(table)}"


def _digest_sql(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> str:
    # each row as text (a struct cast: every column, lists and NULLs included), sorted, hashed together
    return (f"SELECT count(*), coalesce(md5(string_agg(r, chr(10) ORDER BY r)), '') "
            f"FROM (SELECT CAST(t AS VARCHAR) AS r FROM ({_select(con, catalog, table)}) t)")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@dataclass
class Difference:
    table: str
    what: str
    only_reference: int = 0  # rows (with their multiplicity) the reference has and the other store lacks
    only_other: int = 0  # rows the other store has beyond the reference's: extra or duplicated

    def __str__(self) -> str:
        return f"{self.table}: {self.what}"


def compare(reference: Path, other: Path) -> list[Difference]:
    """Where ``other`` differs from ``reference``: tables present, then per table the rows only one side has."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"ATTACH {_literal(reference)} AS ref (READ_ONLY)")
        con.execute(f"ATTACH {_literal(other)} AS other (READ_ONLY)")
        ref_tables, other_tables = set(_tables(con, "ref")), set(_tables(con, "other"))
        out = [Difference(t, "missing") for t in sorted(ref_tables - other_tables)]
        out += [Difference(t, "not in the reference") for t in sorted(other_tables - ref_tables)]
        for table in sorted(ref_tables & other_tables):
            if _columns(con, "ref", table) != _columns(con, "other", table):
                out.append(Difference(table, "other columns"))
                continue
            ref = con.execute(_digest_sql(con, "ref", table)).fetchone()
            oth = con.execute(_digest_sql(con, "other", table)).fetchone()
            if ref == oth:
                continue
            only_ref = con.execute(f"SELECT count(*) FROM ({_select(con, 'ref', table)} EXCEPT ALL "
                                   f"{_select(con, 'other', table)})").fetchone()[0]
            only_other = con.execute(f"SELECT count(*) FROM ({_select(con, 'other', table)} EXCEPT ALL "
                                     f"{_select(con, 'ref', table)})").fetchone()[0]
            out.append(Difference(table, f"{ref[0]} rows against {oth[0]}: {only_ref} only in the reference, "
                                         f"{only_other} only here", only_ref, only_other))
        return out
    finally:
        con.close()


def missing_errors(db: Path, bad: list[str]) -> list[str]:
    """The bad inputs that have no row in the store's errors table."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        recorded = {r[0] for r in con.execute("SELECT input FROM errors").fetchall()}
    finally:
        con.close()
    return [name for name in bad if name not in recorded]

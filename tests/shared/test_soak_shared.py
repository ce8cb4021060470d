"""`heron soak`, the short version: 60 Wikinews-derived articles ingested uninterrupted (A), under 3 client
SIGKILLs (B) and under a Dask worker SIGKILL mid-partition (C); B and C must equal A table for table.

The long run (20,000 articles, 10 + 10 kills) is `heron soak`'s default; its figures are in the README.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from heron.cli.main import cli
from heron.scale import soak

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 60


@pytest.fixture(scope="module")
def run(wikinews, tmp_path_factory) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("soak") / "work"
    report = work.parent / "report.json"
    result = CliRunner().invoke(cli, ["soak", "--articles", str(N_ARTICLES), "--kills", "3", "--worker-kills", "1",
                                      "--dask-workers", "2", "--seed", "11", "--wikinews", str(wikinews),
                                      "--work", str(work), "--report", str(report), "--quiet"])
    assert report.exists(), result.output
    return work, json.loads(report.read_text(encoding="utf-8")) | {"output": result.output,
                                                                   "exit_code": result.exit_code}


def test_killed_runs_end_identical_to_the_uninterrupted_one(run):
    _, report = run
    assert report["exit_code"] == 0, report["output"]
    assert report["differences"] == {"A": 0, "B": 0, "C": 0}, report["output"]
    # the faults happened: three client kills, one at least during a batch write, one busy worker killed
    assert report["B"]["kills"] == 3 and report["B"]["kills_during_write"] >= 1 and report["B"]["runs"] == 4
    assert report["C"]["worker_kills"] == 1
    # and the stores hold the whole corpus: every article once, every unreadable input in errors
    corpus = report["corpus"]
    assert corpus["articles"] == N_ARTICLES and corpus["repeats"] >= 1 and corpus["bad_inputs"] >= 5
    assert report["tables"]["articles"] == N_ARTICLES and report["tables"]["events"] > 0
    assert report["tables"]["errors"] == corpus["bad_inputs"]
    assert "B against A: 0 differences" in report["output"] and "C against A: 0 differences" in report["output"]


def test_a_batch_written_in_part_would_be_found(run, tmp_path):
    """What a batch that is not one transaction leaves after a kill, and what the soak then reports.

    Article 1: its articles row committed, its records not: the rerun skips it as stored, its events stay missing.
    Article 2: its records committed, its articles row not: the rerun extracts it again, its events are doubled.
    """
    work, _ = run
    reference, broken = work / "a.duckdb", tmp_path / "x.duckdb"
    shutil.copy(reference, broken)
    con = duckdb.connect(str(broken))
    try:
        first, second = (r[0] for r in con.execute("SELECT article_id FROM events GROUP BY 1 ORDER BY 1 LIMIT 2")
                         .fetchall())
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_columns() WHERE column_name = "
                                            "'article_id' AND table_name NOT IN ('articles', 'global_events', "
                                            "'position_threads')").fetchall()]
        for table in tables:
            con.execute(f'DELETE FROM "{table}" WHERE article_id = ?', [first])
        con.execute("DELETE FROM articles WHERE article_id = ?", [second])
    finally:
        con.close()
    rerun = subprocess.run([sys.executable, "-m", "heron.cli.main", "ingest", str(work / "corpus"), "--db",
                            str(broken), "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert "stored 1," in rerun.stdout  # the second article only: the first counts as stored
    events = {d.table: d for d in soak.compare(reference, broken)}["events"]
    assert events.only_reference > 0 and events.only_other > 0, str(events)
    assert soak.compare(reference, reference) == []

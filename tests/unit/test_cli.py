"""The commands as a user runs them, on the example articles written for the repo."""
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from heron.cli.main import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def runner(heron_pipeline):
    # heron_pipeline is the process-wide pipeline the commands use too, so spaCy loads once.
    return CliRunner()


def test_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("extract", "ingest", "query", "export", "evaluate", "train"):
        assert name in result.output


def test_extract_json_has_every_record_kind(runner):
    result = runner.invoke(cli, ["extract", str(EXAMPLES / "istanbul-talks.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    doc = data[0] if isinstance(data, list) else data
    assert doc["article"]["date"] == "2022-03-30"
    assert doc["article"]["title"].startswith("Moscow promises")
    text = doc["article"]["text"]
    for kind in ("actors", "places", "quotes", "events"):
        assert doc[kind], f"no {kind} found"
    for place in doc["places"]:
        for m in place["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    codes = {a["code"] for a in doc["actors"]}
    assert any(c and c.startswith("RUS") for c in codes)


def test_extract_table_is_readable(runner):
    result = runner.invoke(cli, ["extract", str(EXAMPLES / "sanctions-brief.txt")])
    assert result.exit_code == 0, result.output
    assert "Events" in result.output and "Quotes" in result.output and "Kramatorsk" in result.output


def test_extract_reads_stdin_with_a_date(runner):
    text = "Protesters marched through Minsk on Sunday against the government, police said."
    result = runner.invoke(cli, ["extract", "-", "--date", "2020-08-17", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout.splitlines()[0])
    assert doc["article"]["date"] == "2020-08-17"


def test_ingest_is_idempotent_and_reports_bad_files(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "sanctions-brief.txt").read_text(encoding="utf-8"))
    (folder / "empty.txt").write_text("")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin.txt").write_bytes("Le président a déclaré à Genève que les négociations continuent."
                                       .encode("latin-1"))
    db = str(tmp_path / "h.duckdb")
    first = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--quiet"])
    assert first.exit_code == 0, first.output
    assert "stored 1" in first.output and "failed 3" in first.output
    second = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--quiet"])
    assert "stored 0" in second.output and "skipped 1" in second.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 1
    names = {row[0] for row in con.execute("select input from errors").fetchall()}
    assert {Path(n).name for n in names} >= {"empty.txt", "blob.txt", "latin.txt"}
    con.close()


def test_query_after_ingest(runner, tmp_path):
    db = str(tmp_path / "h.duckdb")
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(cli, ["query", "--db", db, "events", "--actor", "RUS", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(any((c or "").startswith("RUS") for c in r["source_codes"] + r["target_codes"]) for r in rows)
    sql = runner.invoke(cli, ["query", "--db", db, "--sql", "select count(*) as n from articles"])
    assert sql.exit_code == 0 and "5" in sql.output

"""heron.tables: flat rows, JSON/CSV writers, and the `heron export` command."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from heron.cli.export import command as export_command
from heron.tables import TABLES, date_bounds, rows, table_rows, write_csv, write_json
from heron.records import Extraction, from_dict, to_dict
from heron.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "store_sample.jsonl"


def load_sample() -> list[Extraction]:
    """Three hand-written articles: a reported shelling and quotes, talks dated to a month, an uncoded actor."""
    return [from_dict(json.loads(line)) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def sample() -> list[Extraction]:
    return load_sample()


def test_sample_offsets_point_at_their_text(sample):
    # the fixture itself must be right, or every offset check below means nothing
    for ex in sample:
        spans = [m for a in ex.actors for m in a.mentions] + [m for p in ex.places for m in p.mentions]
        spans += [e.trigger for e in ex.events] + [e.evidence for e in ex.events] + [q.content for q in ex.quotes]
        for m in spans:
            assert ex.article.text[m.start:m.end] == m.text


def test_every_row_has_the_table_columns_in_order(sample):
    for ex in sample:
        for name, table in rows(ex).items():
            for row in table:
                assert list(row) == [c.name for c in TABLES[name]], name


def test_row_counts_per_table(sample):
    t = table_rows(sample)
    assert {k: len(v) for k, v in t.items()} == {
        "articles": 3, "actors": 9, "mentions": 14, "places": 3, "quotes": 2, "events": 5, "magnitudes": 0,
        "positions": 0, "position_conditions": 0, "position_guarantors": 0, "claims": 0}


def test_event_rows_are_denormalised(sample):
    e1, e2, e3 = rows(sample[0])["events"]
    assert e1["source_codes"] == ["RUSMIL"] and e1["source_names"] == ["Russian troops"]
    assert e1["source_countries"] == ["RUS"] and e1["target_ids"] == []
    assert (e1["place_name"], e1["geonames_id"], e1["place_country"]) == ("Kharkiv", 706483, "UKR")
    assert e1["lat"] == pytest.approx(49.98081)
    assert e1["mode"] == ["reported"] and e1["reported"] is True and e1["negated"] is False
    assert (e1["date_value"], e1["date_granularity"], e1["date_text"]) == ("2022-03-29", "day", "Tuesday")
    assert (e1["date_start"], e1["date_end"]) == ("2022-03-29", "2022-03-29")
    assert (e1["quote_id"], e1["speaker_id"], e1["speaker_code"]) == ("Q1", "A2", "UKRGOV")
    assert e1["speaker_name"] == "Ukrainian defence ministry"
    assert e1["trigger_text"] == "shelled" and e1["evidence_start"] == 0
    # no date expression: bounded by the article date, value left empty
    assert e2["date_value"] is None and (e2["date_start"], e2["date_end"]) == ("2022-03-30", "2022-03-30")
    assert e2["target_codes"] == ["RUSGOV"] and e2["mode"] == ["asserted"]
    assert e3["n_mentions"] == 2 and e3["future"] is True


def test_uncoded_actor_keeps_lists_aligned(sample):
    (event,) = rows(sample[2])["events"]
    assert event["source_ids"] == ["A2"]
    assert event["source_codes"] == [None] and event["source_names"] == ["unidentified units"]


def test_quote_rows_resolve_the_speaker(sample):
    q1, q2 = rows(sample[0])["quotes"]
    assert (q1["speaker_code"], q1["speaker_country"], q1["speaker_sector"]) == ("UKRGOV", "UKR", "GOV")
    assert q2["speaker_name"] == "Jens Stoltenberg" and q2["speaker_code"] == "NATO"
    assert q2["speaker_country"] is None and q2["cue_text"] == "told" and q2["kind"] == "direct"
    assert sample[0].article.text[q2["content_start"]:q2["content_end"]] == q2["content"]


def test_mention_rows_cover_actors_and_places(sample):
    mentions = rows(sample[2])["mentions"]
    assert [(m["kind"], m["record_id"], m["text"]) for m in mentions] == [
        ("actor", "A1", "Officials in Kyiv"), ("actor", "A2", "unidentified units"),
        ("place", "P1", "Kyiv"), ("place", "P1", "the capital")]
    text = sample[2].article.text
    assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)


def test_article_row(sample):
    (art,) = rows(sample[1])["articles"]
    assert art["doc_id"] == "b-3" and art["n_events"] == 1 and art["n_quotes"] == 0
    assert art["n_chars"] == len(sample[1].article.text) and art["article_id"] == sample[1].article.id


@pytest.mark.parametrize("value,bounds", [
    ("2022-03-29", ("2022-03-29", "2022-03-29")),
    ("2022-03-29T10:00", ("2022-03-29", "2022-03-29")),
    ("2022-W13", ("2022-03-28", "2022-04-03")),
    ("2022-02", ("2022-02-01", "2022-02-28")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2022", ("2022-01-01", "2022-12-31")),
    ("2022-13", None),
    ("2022-W60", None),
    ("soon", None),
    (None, None),
])
def test_date_bounds(value, bounds):
    assert date_bounds(value) == bounds


@pytest.mark.parametrize("lines", [True, False])
def test_write_json_round_trips(sample, lines):
    buf = io.StringIO()
    assert write_json(sample, buf, lines=lines) == 3
    text = buf.getvalue()
    data = [json.loads(line) for line in text.splitlines()] if lines else json.loads(text)
    assert len(data) == 3 and all(d["schema_version"] == 1 for d in data)
    assert [to_dict(from_dict(d)) for d in data] == [to_dict(ex) for ex in sample]


def test_write_json_of_nothing_is_an_empty_array():
    buf = io.StringIO()
    write_json([], buf, lines=False)
    assert json.loads(buf.getvalue()) == []


def test_write_csv_to_a_directory(sample, tmp_path):
    counts = write_csv(sample, tmp_path / "out")
    assert counts == {"articles": 3, "actors": 9, "mentions": 14, "places": 3, "quotes": 2, "events": 5,
                      "magnitudes": 0, "positions": 0, "position_conditions": 0, "position_guarantors": 0, "claims": 0}
    for name in TABLES:
        with open(tmp_path / "out" / f"{name}.csv", encoding="utf-8", newline="") as fp:
            reader = csv.DictReader(fp)
            records = list(reader)
        assert len(records) == counts[name]
        assert reader.fieldnames == [c.name for c in TABLES[name]]
    with open(tmp_path / "out" / "events.csv", encoding="utf-8", newline="") as fp:
        first = next(csv.DictReader(fp))
    assert json.loads(first["source_codes"]) == ["RUSMIL"]
    assert first["reported"] == "true" and first["quote_id"] == "Q1" and first["condition_text"] == ""


def test_write_csv_single_table_to_a_stream(sample):
    buf = io.StringIO()
    assert write_csv(sample, {"events": buf}) == {"events": 5}
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("article_id,event_id,type,cameo,quad,goldstein,") and len(lines) == 6
    with pytest.raises(ValueError, match="unknown table"):
        write_csv(sample, {"event": io.StringIO()})


def test_docs_describe_every_column():
    doc = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    for name, columns in TABLES.items():
        section = re.search(rf"^### `{name}`\n(.*?)(?=^##)", doc, re.S | re.M)
        assert section, f"docs/records.md has no section for table {name}"
        documented = re.findall(r"^\| `([a-z_]+)` \|", section.group(1), re.M)
        assert documented == [c.name for c in columns], name


@pytest.fixture()
def db(sample, tmp_path) -> Path:
    path = tmp_path / "heron.duckdb"
    with Store(path) as store:
        store.write(sample, [])
    return path


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_store_export_round_trip_counts(db, tmp_path, fmt):
    out = tmp_path / fmt
    with Store(db, read_only=True) as store:
        files = store.export(out, fmt)
        expected = store.count()
    assert {f.table: f.rows for f in files} == expected
    reader = {"parquet": "read_parquet", "jsonl": "read_json_auto", "csv": "read_csv_auto"}[fmt]
    con = duckdb.connect()
    for f in files:
        assert f.path == out / f"{f.table}.{fmt}" and f.path.is_file()
        if f.rows:  # an empty jsonl file has no columns to infer
            assert con.execute(f"SELECT count(*) FROM {reader}(?)", [str(f.path)]).fetchone()[0] == f.rows


def test_store_csv_export_matches_write_csv(db, sample, tmp_path):
    # `heron extract --format csv` and `heron export --format csv` must write the same cells
    with Store(db, read_only=True) as store:
        store.export(tmp_path / "store", "csv")
    write_csv(sample, tmp_path / "direct")
    for name in TABLES:
        assert (tmp_path / "store" / f"{name}.csv").read_text() == (tmp_path / "direct" / f"{name}.csv").read_text()


def test_parquet_export_keeps_list_types(db, tmp_path):
    with Store(db, read_only=True) as store:
        store.export(tmp_path, "parquet")
    con = duckdb.connect()
    codes = con.execute("SELECT source_codes FROM read_parquet(?) WHERE type = 'CONSULT'",
                        [str(tmp_path / "events.parquet")]).fetchone()[0]
    assert codes == ["UKRGOV", "POLGOV"]


def test_cli_export(db, tmp_path):
    out = tmp_path / "cli"
    result = CliRunner().invoke(export_command, ["--db", str(db), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^events\s+5 rows\s+.*events\.jsonl$", result.output, re.M)
    assert "12 files, 36 rows" in result.output
    assert len((out / "mentions.jsonl").read_text().splitlines()) == 14


def test_cli_export_missing_db(tmp_path):
    result = CliRunner().invoke(export_command, ["--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path)])
    assert result.exit_code != 0 and "no heron database" in result.output
    assert not (tmp_path / "nope.duckdb").exists()

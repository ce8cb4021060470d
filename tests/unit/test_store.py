"""heron.store: idempotent transactional writes, query filters, read-only SQL, and `heron query`."""
from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from heron.cli.query import command as query_command
from heron.records import Actor, Article, Event, Extraction, Mention, from_dict
from heron.store import Store, StoreError, check_read_only

SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "store_sample.jsonl"


@dataclass
class InputProblem:
    input: str
    reason: str
    severity: str


def load_sample() -> list[Extraction]:
    return [from_dict(json.loads(line)) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def sample() -> list[Extraction]:
    return load_sample()


@pytest.fixture()
def db(sample, tmp_path) -> Path:
    path = tmp_path / "heron.duckdb"
    with Store(path) as store:
        store.write(sample, [InputProblem("news/empty.txt", "empty text", "error")])
    return path


COUNTS = {"articles": 3, "actors": 9, "mentions": 14, "places": 3, "quotes": 2, "events": 5, "magnitudes": 0,
          "positions": 0, "position_conditions": 0, "position_guarantors": 0, "claims": 0,
          "errors": 1}
EMPTY = dict.fromkeys(COUNTS, 0)


def test_write_then_count(db):
    with Store(db, read_only=True) as store:
        assert store.count() == COUNTS


def test_second_write_is_skipped(db, sample):
    with Store(db) as store:
        result = store.write(sample, [InputProblem("news/empty.txt", "empty text", "error")])
        assert (result.stored, result.skipped_duplicates, result.errors) == (0, 3, 0)
        assert store.count() == COUNTS


def test_duplicate_inside_a_batch_is_stored_once(sample, tmp_path):
    copy = from_dict(sample[0].to_dict())
    copy.article.input = "elsewhere/a1.txt"  # same text from another file: same article
    with Store(tmp_path / "h.duckdb") as store:
        result = store.write([sample[0], copy, sample[1]], [])
        assert (result.stored, result.skipped_duplicates) == (2, 1)
        assert store.count()["articles"] == 2


def test_new_errors_are_recorded_once(db):
    with Store(db) as store:
        result = store.write([], [InputProblem("news/empty.txt", "empty text", "error"),
                                  InputProblem("news/bin.dat", "binary file", "error"),
                                  InputProblem("news/bin.dat", "binary file", "error")])
        assert result.errors == 1
        assert [(e["input"], e["reason"]) for e in store.errors()] == [
            ("news/empty.txt", "empty text"), ("news/bin.dat", "binary file")]


def test_has_articles(db, sample):
    with Store(db, read_only=True) as store:
        assert store.has_articles([sample[0].article.id, "0" * 20]) == {sample[0].article.id}
        assert store.has_articles([]) == set()


def _bad_event(ex: Extraction) -> Extraction:
    bad = from_dict(ex.to_dict())
    bad.events[0].goldstein = "very negative"  # not a float: the events insert fails
    return bad


def test_failed_batch_leaves_nothing(sample, tmp_path):
    path = tmp_path / "h.duckdb"
    with Store(path) as store:
        store.write([sample[2]], [])
        before = store.count()
        # articles, actors, mentions, places and quotes of the batch go in before events fail
        with pytest.raises(StoreError, match="not stored"):
            store.write([sample[0], _bad_event(sample[1])], [InputProblem("x.txt", "too large", "error")])
        assert store.count() == before
        assert store.has_articles([sample[0].article.id, sample[1].article.id]) == set()
        # the store is still usable and the batch can be written once fixed
        assert store.write(sample[:2], []).stored == 2
    with Store(path, read_only=True) as store:
        assert store.count()["articles"] == 3


def test_1000_articles_write_quickly(tmp_path):
    text = "Soldiers from Ruritania crossed into Freedonia on Monday, officials said. Number {}."
    batch = []
    for i in range(1000):
        t = text.format(i)
        batch.append(Extraction(
            article=Article(text=t, date="2022-03-30"),
            actors=[Actor("A1", "Ruritania", "RRRMIL", "RRR", "MIL", "country",
                          mentions=[Mention("Ruritania", 14, 23)]),
                    Actor("A2", "Freedonia", "FFFGOV", "FFF", "GOV", "country",
                          mentions=[Mention("Freedonia", 36, 45)])],
            events=[Event("E1", "ASSAULT", "190", 4, -10.0, Mention("crossed", 24, 31), Mention(t, 0, len(t)),
                          ["A1"], ["A2"])],
        ))
    with Store(tmp_path / "big.duckdb") as store:
        start = time.perf_counter()
        result = store.write(batch, [])
        elapsed = time.perf_counter() - start
        assert result.stored == 1000 and store.count()["events"] == 1000
    assert elapsed < 5.0, f"1000 articles took {elapsed:.2f}s"


def test_read_only_store_refuses_writes_and_missing_files(db, tmp_path):
    with pytest.raises(StoreError, match="no heron database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write([], [])


def test_foreign_or_newer_databases_are_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not a heron database"):
            Store(other, read_only=read_only)
    con = duckdb.connect(str(other), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] == ["sales"]
    con.close()
    newer = tmp_path / "newer.duckdb"
    Store(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'store_version'")
    con.close()
    with pytest.raises(StoreError, match="store version 99"):
        Store(newer)


# -- queries ------------------------------------------------------------------------------------------------


def _events(db: Path, **filters) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as store:
        return [(r["type"], r["event_id"]) for r in store.query_events(**filters)]


def test_query_events_actor_code_prefix(db):
    # RUS finds the RUSMIL source of the shelling and the RUSGOV target of the demand
    assert sorted(_events(db, actor="RUS")) == [("ASSAULT", "E1"), ("REQUEST", "E2")]
    assert sorted(_events(db, actor="rusgov")) == [("REQUEST", "E2")]
    assert sorted(_events(db, actor="NATO")) == [("AID", "E3"), ("REQUEST", "E2")]
    assert _events(db, actor="POL") == [("CONSULT", "E1")]


def test_query_events_actor_name_substring(db):
    assert _events(db, actor="unidentified") == [("RETREAT", "E1")]
    assert _events(db, actor="Stoltenberg") == _events(db, actor="NATO")


def test_query_events_type_quad_country_place_text(db):
    assert _events(db, type="ASSAULT") == [("ASSAULT", "E1")]
    assert sorted(_events(db, type="assault,retreat")) == [("ASSAULT", "E1"), ("RETREAT", "E1")]
    assert sorted(_events(db, quad=2)) == [("AID", "E3"), ("RETREAT", "E1")]
    assert sorted(_events(db, country="POL")) == [("CONSULT", "E1")]  # via the actors and Warsaw
    assert _events(db, place="kharkiv") == [("ASSAULT", "E1")]
    assert _events(db, place="703448") == [("RETREAT", "E1")]
    assert _events(db, text="pull its forces") == [("REQUEST", "E2")]
    assert _events(db, type="PROTEST") == []


def test_query_events_dates(db):
    # shelling on 03-29, demand undated (article 03-30), talks "next month" = all of March, retreat 04-05
    assert _events(db, since="2022-03-30") == [("CONSULT", "E1"), ("REQUEST", "E2"), ("AID", "E3"),
                                               ("RETREAT", "E1")]
    assert _events(db, since="2022-03-01", until="2022-03-29") == [("CONSULT", "E1"), ("ASSAULT", "E1")]
    assert _events(db, until="2022-02") == []
    assert _events(db, since="2022-04") == [("RETREAT", "E1")]
    assert _events(db, actor="RUS", type="ASSAULT", since="2022-03-01") == [("ASSAULT", "E1")]


def test_query_events_rows_and_paging(db):
    with Store(db, read_only=True) as store:
        everything = store.query_events()
        assert len(everything) == 5
        assert everything[0]["article_date"] == "2022-02-10" and everything[0]["source_codes"] == ["UKRGOV", "POLGOV"]
        page = store.query_events(limit=2, offset=1)
        assert [r["trigger_text"] for r in page] == [r["trigger_text"] for r in everything[1:3]]


@pytest.mark.parametrize("filters,message", [
    ({"since": "March"}, "not a date"),
    ({"colour": "red"}, "colour"),
    ({"limit": -1}, "non-negative"),
])
def test_query_events_bad_filters(db, filters, message):
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match=message):
        store.query_events(**filters)


def test_query_quotes_actors_places_articles(db):
    with Store(db, read_only=True) as store:
        assert [q["quote_id"] for q in store.query_quotes(speaker="UKR")] == ["Q1"]
        assert [q["speaker_name"] for q in store.query_quotes(speaker="stolten")] == ["Jens Stoltenberg"]
        assert [q["quote_id"] for q in store.query_quotes(kind="direct", text="helping")] == ["Q2"]
        assert store.query_quotes(since="2022-04-01") == []
        assert sorted(a["code"] for a in store.query_actors(actor="UKR")) == ["UKRGOV", "UKRGOV", "UKRGOV",
                                                                               "UKRGOV"]
        assert [a["name"] for a in store.query_actors(sector="IGO")] == ["Jens Stoltenberg"]
        assert [p["name"] for p in store.query_places(country="UKR")] == ["Kharkiv", "Kyiv"]
        assert [p["geonames_id"] for p in store.query_places(place="warsaw")] == [756135]
        assert [a["date"] for a in store.query_articles()] == ["2022-02-10", "2022-03-30", "2022-04-05"]
        assert [a["title"] for a in store.query_articles(text="talks")] == ["Talks planned"]
        assert [a["date"] for a in store.query_articles(source="wire", until="2022-03-31")] == ["2022-03-30"]


# -- read-only SQL ------------------------------------------------------------------------------------------


def test_sql_select(db):
    with Store(db, read_only=True) as store:
        columns, rows = store.sql("select type, count(*) as n from events group by type order by type")
        assert columns == ["type", "n"] and rows[0] == ("AID", 1) and len(rows) == 5
        columns, rows = store.sql("with t as (select 1 as x) select x from t;")
        assert rows == [(1,)]
        assert ("type",) in [r[:1] for r in store.sql("describe events")[1]]


@pytest.mark.parametrize("query", [
    "delete from events",
    "select 1; drop table events",
    "drop table events",
    "insert into errors (input) values ('x')",
    "copy events to '/tmp/heron_events_leak.csv'",
    "attach 'other.duckdb'",
    "",
])
def test_sql_refuses_writes_and_changes_nothing(db, query):
    with Store(db) as store:
        with pytest.raises(StoreError):
            store.sql(query)
        assert store.count() == COUNTS
        # the store's own connection is back and writable after a refused query
        assert store.write([], [InputProblem("later.txt", "empty text", "error")]).errors == 1
    assert not Path("/tmp/heron_events_leak.csv").exists()


def test_sql_cannot_read_other_files(db, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="query failed"):
        store.sql(f"select * from read_csv('{secret}')")


def test_check_read_only_accepts_reading_statements():
    for query in ("select 1", "WITH a AS (SELECT 1) SELECT * FROM a", "show tables", "describe events",
                  "explain select 1", "pragma table_info('events')", "from events"):
        check_read_only(query)


# -- CLI ----------------------------------------------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(query_command, list(args))


def test_cli_events_table(db):
    result = _run("--db", str(db), "events", "--actor", "RUS", "--type", "ASSAULT", "--since", "2022-03-01")
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.output and "RUSMIL" in result.output and "Kharkiv" in result.output
    assert "REQUEST" not in result.output and "1 shown" in result.output


def test_cli_events_json_and_csv(db):
    result = _run("--db", str(db), "events", "--actor", "NATO", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert sorted(r["type"] for r in records) == ["AID", "REQUEST"]
    assert records[0]["source_codes"] == ["NATO"]
    result = _run("--db", str(db), "events", "--quad", "4", "--format", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert row["type"] == "ASSAULT" and json.loads(row["source_codes"]) == ["RUSMIL"] and row["reported"] == "true"


@pytest.mark.parametrize("target,expected", [
    ("quotes", "Stoltenberg"), ("actors", "POLGOV"), ("places", "703448"), ("articles", "Talks planned"),
    ("errors", "empty text"),
])
def test_cli_other_targets(db, target, expected):
    result = _run("--db", str(db), target)
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_cli_sql(db):
    result = _run("--db", str(db), "--sql", "select count(*) as n from mentions", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "14"]
    result = _run("--db", str(db), "--sql", "delete from events")
    assert result.exit_code != 0 and "read-only" in result.output
    with Store(db, read_only=True) as store:
        assert store.count()["events"] == 5


@pytest.mark.parametrize("args,message", [
    (["events", "--sector", "MIL"], "--sector not valid for events"),
    (["events", "--sql", "select 1"], "not both"),
    ([], "not both"),
    (["events", "--since", "last week"], "not a date"),
])
def test_cli_usage_errors(db, args, message):
    result = _run("--db", str(db), *args)
    assert result.exit_code != 0 and message in result.output


def test_cli_missing_db(tmp_path):
    result = _run("--db", str(tmp_path / "none.duckdb"), "events")
    assert result.exit_code != 0 and "no heron database" in result.output
    assert not (tmp_path / "none.duckdb").exists()


def test_event_fields_survive_the_store(db, sample):
    # every denormalised value read back equals what heron.tables.rows produced
    from heron.tables import rows

    expected = {(r["article_id"], r["event_id"]): r for ex in sample for r in rows(ex)["events"]}
    with Store(db, read_only=True) as store:
        for got in store.query_events():
            want = expected[(got.pop("article_id"), got.pop("event_id"))]
            got.pop("article_date")
            assert got == {k: v for k, v in want.items() if k not in ("article_id", "event_id")}


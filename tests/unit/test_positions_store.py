"""Positions and claims everywhere an analyst meets them: table rows, the store and its threads across articles,
the exports, the Parquet dataset, `heron positions` / `heron claims`, and the web API and page.

The extractions are built by hand (tests/unit/position_fixtures.py): Ukraine offers neutrality on two
conditions, Russia answers that it will consider it, Moscow and Washington say different things about one
pull-back; ten days later Ukraine offers it again and Nato refuses something; four months later a third offer.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from position_fixtures import TALKS, all_three, follow_up, talks

from heron.cli.main import cli
from heron.lang.en.heads import content_key
from heron.records import Condition, from_dict, to_dict
from heron.store import Store, StoreError
from heron.tables import TABLES, rows
from heron.web.app import create_app

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("positions") / "heron.duckdb"
    with Store(path) as store:
        store.write(all_three())
        store.rebuild_position_threads()
    return path


def ids(found: list[dict]) -> list[tuple[str, str]]:
    return [(r["article_id"][:4], r["position_id"]) for r in found]


# -- head words ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("to adopt a permanently neutral status if guarantors defend it", "adopt neutral status"),
    ("adopting neutral status", "adopt neutral status"),
    ("a full ceasefire before any referendum", "ceasefire"),
    ("to impose a no-fly zone over Ukraine, which the president asked for", "impose no-fly zone"),
    ("the proposals", "proposal"),
    ("", ""),
    (None, ""),
])
def test_content_key_keeps_the_head_words(text, key):
    assert content_key(text) == key


# -- rows ----------------------------------------------------------------------------------------------------

def test_position_rows_are_denormalised():
    t = rows(talks())
    for name in ("positions", "position_conditions", "position_guarantors", "claims"):
        assert t[name] and all(list(r) == [c.name for c in TABLES[name]] for r in t[name]), name
    n1, n2 = t["positions"]
    assert (n1["holder_codes"], n1["holder_countries"], n1["addressee_names"]) == (["UKR"], ["UKR"], ["Russia"])
    assert TALKS[n1["content_start"]:n1["content_end"]] == n1["content_text"] == "to accept a neutral status"
    assert n1["content_key"] == "accept neutral status"
    assert (n1["responses"], n1["status"], n1["n_conditions"], n1["n_guarantors"]) == (["N2"], "considered", 1, 2)
    assert (n2["kind"], n2["answer"], n2["responds_to"]) == ("response", "consider", "N1")
    assert (n1["date_value"], n1["date_start"]) == ("2022-03-29", "2022-03-29")
    cond = t["position_conditions"][0]
    assert (cond["condition_event_id"], cond["clause_text"]) == ("E2", "Britain and Turkey agreed to defend it")
    assert [(g["code"], g["obligation_text"]) for g in t["position_guarantors"]] == [
        ("GBR", "to defend it"), ("TUR", "to defend it")]
    assert [(c["holder_code"], c["attitude"], c["about_text"]) for c in t["claims"]] == [
        ("RUSGOV", "assert", "the move"), ("USAGOV", "believe", "the move")]


def test_undated_position_takes_the_article_date():
    n1 = rows(follow_up())["positions"][0]
    assert (n1["date_value"], n1["date_start"], n1["date_end"]) == (None, "2022-04-08", "2022-04-08")


def test_a_link_holding_a_record_is_stored_as_its_id():
    ex = talks()
    event = ex.events[1]
    ex.positions[0].conditions = [Condition(ex.positions[0].conditions[0].clause, event=event)]
    assert rows(ex)["position_conditions"][0]["condition_event_id"] == "E2"
    # and after a JSON round trip, where the record became a dict
    again = from_dict(json.loads(json.dumps(to_dict(ex))))
    assert rows(again)["position_conditions"][0]["condition_event_id"] == "E2"


# -- store ---------------------------------------------------------------------------------------------------

def test_store_round_trip_counts(db):
    with Store(db, read_only=True) as store:
        counts = store.count()
    assert {k: counts[k] for k in ("positions", "position_conditions", "position_guarantors", "claims")} == {
        "positions": 5, "position_conditions": 1, "position_guarantors": 2, "claims": 2}


def test_positions_between_a_dyad_in_both_directions(db):
    with Store(db, read_only=True) as store:
        one = store.query_positions(between=("UKR", "RUS"))
        other = store.query_positions(between="RUS,UKR")
        # Ukraine's second offer names no addressee and has no answer: not part of the dyad
        assert [r["position_id"] for r in one] == [r["position_id"] for r in other] == ["N1", "N2"]
        offer, answer = one
        assert [c["clause_text"] for c in offer["conditions"]] == ["Britain and Turkey agreed to defend it"]
        assert [g["code"] for g in offer["guarantors"]] == ["GBR", "TUR"]
        assert [(a["position_id"], a["answer"]) for a in offer["answered_by"]] == [("N2", "consider")]
        assert answer["answers"]["position_id"] == "N1" and offer["answers"] is None
        assert store.query_positions(between=("UKR", "NATO")) == []


def test_position_filters(db):
    with Store(db, read_only=True) as store:
        assert [r["kind"] for r in store.query_positions(actor="UKR")] == ["offer", "offer", "proposal"]
        # an addressee counts as taking part
        assert [r["kind"] for r in store.query_positions(actor="russia")] == ["offer", "response"]
        assert [r["holder_codes"] for r in store.query_positions(kind="rejection")] == [["NATO"]]
        assert len(store.query_positions(kind="offer,proposal", since="2022-04-01")) == 2
        assert len(store.query_positions(until="2022-03")) == 2
        assert [r["status"] for r in store.query_positions(status="considered")] == ["considered"]
        assert len(store.query_positions(text="jets")) == 1
        with pytest.raises(StoreError, match="unknown position kind"):
            store.query_positions(kind="ultimatum")
        with pytest.raises(StoreError, match="two actors"):
            store.query_positions(between=("UKR",))


def test_claims_grouped_side_by_side(db):
    with Store(db, read_only=True) as store:
        (group,) = store.query_claims(about="move")
        assert group["event_type"] == "RETREAT"
        assert [(c["holder_name"], c["attitude"]) for c in group["claims"]] == [
            ("Moscow", "assert"), ("Washington", "believe")]
        assert store.query_claims(about="retreat") == [group]  # the event type finds it too
        assert store.query_claims(actor="USA") == [group]
        assert store.query_claims(actor="NATO") == []
        assert store.query_claims(since="2022-04-01") == []


def test_threads_follow_an_offer_across_articles(db):
    with Store(db, read_only=True) as store:
        threads = store.query_position_threads()
    by_first = {(t["family"], t["first_date"]): t for t in threads}
    assert set(by_first) == {("offer", "2022-03-29"), ("rejection", "2022-04-08"), ("offer", "2022-07-20")}
    first = by_first[("offer", "2022-03-29")]
    assert (first["holders"], first["content_key"]) == (["UKR"], "accept neutral status")
    # the offer repeated ten days later joins it; the one four months later opens its own thread
    assert (first["num_positions"], first["num_articles"], first["last_date"]) == (2, 2, "2022-04-08")
    assert [(r["position_id"], r["answer"], r["holder_codes"]) for r in first["responses"]] == [
        ("N2", "consider", ["RUS"])]
    assert by_first[("offer", "2022-07-20")]["num_positions"] == 1


def test_threads_rebuild_is_stable_and_filterable(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store(copy) as store:
        before = sorted(t["thread_id"] for t in store.query_position_threads())
        assert store.rebuild_position_threads() == 3
        assert sorted(t["thread_id"] for t in store.query_position_threads()) == before
        assert [t["family"] for t in store.query_position_threads(actor="NATO")] == ["rejection"]
        assert len(store.query_position_threads(kind="proposal")) == 2  # a kind stands for its family
        assert len(store.query_position_threads(since="2022-07-01")) == 1


def test_an_answer_opens_no_thread(tmp_path):
    ex = talks()
    ex.positions[1].kind, ex.positions[1].answer = "rejection", None  # "Russia rejected the offer"
    with Store(tmp_path / "h.duckdb") as store:
        store.write([ex])
        assert store.rebuild_position_threads() == 1
        (thread,) = store.query_position_threads()
    assert thread["family"] == "offer"
    assert [(r["position_id"], r["kind"], r["answer"]) for r in thread["responses"]] == [("N2", "rejection", None)]


def test_threads_missing_is_a_clear_error(tmp_path):
    with Store(tmp_path / "h.duckdb") as store:
        store.write([talks()])
        with pytest.raises(StoreError, match="no position_threads table"):
            store.query_position_threads()


# -- exports and the Parquet dataset -------------------------------------------------------------------------

def test_export_carries_the_new_tables(db, tmp_path):
    with Store(db, read_only=True) as store:
        written = {f.table: f for f in store.export(tmp_path / "csv", "csv")}
        parquet = {f.table: f for f in store.export(tmp_path / "pq", "parquet")}
    for name in ("positions", "position_conditions", "position_guarantors", "claims"):
        assert written[name].rows == parquet[name].rows > 0
    with open(written["positions"].path, encoding="utf-8", newline="") as fp:
        first = next(csv.DictReader(fp))
    assert json.loads(first["holder_codes"]) == ["UKR"] and json.loads(first["responses"]) == ["N2"]
    import pyarrow.parquet as pq

    assert pq.read_table(parquet["claims"].path).column("attitude").to_pylist() == ["assert", "believe"]


def test_parquet_dataset_carries_positions_into_a_store(tmp_path):
    from heron.scale.parquet import ParquetDataset
    from heron.scale.work import _arrow

    dataset = ParquetDataset(tmp_path / "ds")
    exs = all_three()
    dataset.write("k1", _arrow(exs))
    tables = dataset.read([ex.article.id for ex in exs])
    assert tables["positions"].num_rows == 5 and tables["claims"].num_rows == 2
    assert tables["position_guarantors"].num_rows == 2  # Britain and Turkey guarantee Ukraine's offer
    with Store(tmp_path / "h.duckdb") as store:
        store.write_tables(tables)
        assert [r["position_id"] for r in store.query_positions(between=("UKR", "RUS"))] == ["N1", "N2"]


# -- CLI -----------------------------------------------------------------------------------------------------

def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_positions_table(db):
    out = run("positions", "--db", str(db), "--between", "UKR", "RUS")
    assert "positions: 2 shown" in out
    for words in ("Ukraine [UKR]", "offer to RUS", "to accept a neutral", "GBR, TUR", "considered",
                  "RUS consider", "answers UKR offer", "2022-03-29"):
        assert words in out, words
    assert "Nato" not in out


def test_cli_positions_json_and_threads(db):
    found = json.loads(run("positions", "--db", str(db), "--kind", "rejection", "--format", "json"))
    assert [(r["holder_names"], r["content_text"]) for r in found] == [(["Nato"], "to send jets")]
    out = run("positions", "--db", str(db), "--threads", "--actor", "UKR")
    assert "position threads: 2 shown" in out and "accept neutral status" in out and "RUS consider" in out


def test_cli_claims(db):
    out = run("claims", "--db", str(db), "--about", "move")
    assert "RETREAT" in out and "Moscow [RUSGOV]" in out and "Washington [USAGOV]" in out
    assert "believe" in out and "regrouping" in out
    groups = json.loads(run("claims", "--db", str(db), "--actor", "RUS", "--format", "json"))
    assert [len(g["claims"]) for g in groups] == [2]
    assert "no group shown" in run("claims", "--db", str(db), "--about", "ceasefire")


def test_cli_errors_and_help(db, tmp_path):
    bad = CliRunner().invoke(cli, ["positions", "--db", str(db), "--kind", "ultimatum"])
    assert bad.exit_code != 0 and "unknown position kind" in bad.output
    missing = CliRunner().invoke(cli, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code != 0 and "no heron database" in missing.output
    both = CliRunner().invoke(cli, ["positions", "--db", str(db), "--threads", "--between", "UKR", "RUS"])
    assert both.exit_code != 0
    assert "--between A B" in run("positions", "--help") and "--about" in run("claims", "--help")
    listed = run("--help")
    assert "positions" in listed and "claims" in listed


# -- web -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url=LOCAL) as c:
        yield c


def test_api_positions(client):
    body = client.get("/api/positions", params={"between": "UKR,RUS"}).json()
    assert [r["position_id"] for r in body["rows"]] == ["N1", "N2"]
    assert body["rows"][0]["guarantors"][0]["code"] == "GBR"
    assert body["rows"][0]["answered_by"][0]["answer"] == "consider"
    assert len(client.get("/api/positions", params={"actor": "UKR", "kind": "offer"}).json()["rows"]) == 2
    assert client.get("/api/positions", params={"kind": "ultimatum"}).status_code == 400
    assert client.get("/api/positions", params={"between": "UKR"}).status_code == 400
    assert client.get("/api/positions", params={"since": "yesterday"}).status_code == 400


def test_api_claims_threads_dyads(client):
    groups = client.get("/api/claims", params={"actor": "NATO,USA"}).json()["rows"]
    assert [[c["attitude"] for c in g["claims"]] for g in groups] == [["assert", "believe"]]
    threads = client.get("/api/positions/threads", params={"actor": "UKR"}).json()["rows"]
    assert [t["num_articles"] for t in threads] == [2, 1]
    assert client.get("/api/positions/dyads").json() == [{"a": "RUS", "b": "UKR", "n": 2, "articles": 1}]
    assert client.get("/api/positions/holders").json()[0] == {"key": "UKR", "n": 3}


def test_negotiations_page_and_article_spans(client):
    page = client.get("/negotiations")
    assert page.status_code == 200 and '<script src="/static/negotiations.js" defer>' in page.text
    assert "<script>" not in page.text  # the policy allows no inline script
    assert "content-security-policy" in page.headers
    assert client.get("/static/negotiations.js").status_code == 200
    aid = client.get("/api/positions", params={"kind": "response"}).json()["rows"][0]["article_id"]
    data = client.get(f"/api/articles/{aid}").json()
    assert [(s["record"], s["label"]) for s in data["spans"] if s["kind"] == "position"] == [
        ("N1", "offer of UKR"), ("N2", "response of RUS")]
    assert data["position_guarantors"][0]["code"] == "GBR" and len(data["claims"]) == 2
    assert "k-position" in client.get(f"/article/{aid}").text

"""heron.web: the JSON API and pages over a small store built from hand-made records.

The protections are tested so that removing one fails a test: escaping (HTML and JSON),
the read-only connection, limits on sizes, and 4xx (never 500) for bad parameters.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re

import duckdb
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from heron.tables import TABLES
from heron.records import Actor, Article, Event, Extraction, Mention, Mode, Place, Quote, TimeRef
from heron.store import Store
from heron.web.app import MAX_BODY, create_app
from heron.web.index import WebError, open_store
from heron.web.spans import load_article, render_html, segments, spans

LOCAL = "http://127.0.0.1"  # the server answers only requests for its loopback name (heron.web.guard)


def m(text: str, sub: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Mention(sub, start, start + len(sub))


def shelling() -> Extraction:
    text = ("Officials in Kyiv said Russian troops shelled Kharkiv on Monday. "
            "The governor said \"the army pounded two districts\" before dawn.")
    art = Article(text=text, date="2022-03-30", title="Shelling reported in Kharkiv", source="Test Wire")
    kyiv = Actor("A1", "Officials in Kyiv", "UKRGOV", "UKR", "GOV", "group", mentions=[m(text, "Officials in Kyiv")])
    rus = Actor("A2", "Russian troops", "RUSMIL", "RUS", "MIL", "group",
                mentions=[m(text, "Russian troops"), m(text, "the army")])
    gov = Actor("A3", "The governor", "UKRGOV", "UKR", "GOV", "person", mentions=[m(text, "The governor")])
    kharkiv = Place("P1", "Kharkiv", 706483, "UKR", 49.98, 36.25, "P.PPLA", mentions=[m(text, "Kharkiv")])
    monday = TimeRef("T1", "2022-03-28", "day", m(text, "on Monday"))
    quote = Quote("Q1", m(text, "the army pounded two districts"), "direct", "A3", "The governor",
                  m(text, "The governor"), m(text, "said", 1))
    first = Event("E1", "ASSAULT", "195", 4, -10.0, m(text, "shelled"), m(text, text[:66]), ["A2"], ["A1"],
                  Mode(reported=True), "P1", monday, None, "A1")
    second = Event("E2", "ASSAULT", "190", 4, -10.0, m(text, "pounded"), m(text, text[67:]), ["A2"], [],
                   Mode(reported=True), "P1", TimeRef("T2", "2022-03-30", "day", fallback=True), "Q1", "A3")
    return Extraction(art, [kyiv, rus, gov], [kharkiv], [monday], [quote], [first, second])


def talks() -> Extraction:
    text = "Ukraine and Russia held talks in Istanbul on Tuesday, and Moscow promised to cut back attacks."
    art = Article(text=text, date="2022-03-30", title="Talks in Istanbul")
    ukr = Actor("A1", "Ukraine", "UKR", "UKR", None, "country", mentions=[m(text, "Ukraine")])
    rus = Actor("A2", "Russia", "RUSGOV", "RUS", "GOV", "country", mentions=[m(text, "Russia"), m(text, "Moscow")])
    ist = Place("P1", "Istanbul", 745044, "TUR", 41.01, 28.95, "P.PPLA", mentions=[m(text, "Istanbul")])
    tue = TimeRef("T1", "2022-03-29", "day", m(text, "on Tuesday"))
    talk = Event("E1", "CONSULT", "040", 1, 1.0, m(text, "held talks"), m(text, text), ["A1"], ["A2"], Mode(),
                 "P1", tue)
    promise = Event("E2", "CONCEDE", "0874", 2, 5.0, m(text, "promised"), m(text, text), ["A2"], ["A1"],
                    Mode(future=True), None, tue)
    return Extraction(art, [ukr, rus], [ist], [tue], [], [talk, promise])


HOSTILE_TEXT = 'A sign read <script>alert(1)</script> and a caption " onmouseover="alert(2) near Odesa, the mayor said.'


def hostile() -> Extraction:
    text = HOSTILE_TEXT
    art = Article(text=text, date="2022-04-02", title="<script>alert(3)</script> headline")
    mayor = Actor("A1", "the <b>mayor</b>", "UKRGOV", "UKR", "GOV", "person", mentions=[m(text, "the mayor")])
    odesa = Place("P1", "Odesa", 698740, "UKR", 46.48, 30.73, "P.PPLA", mentions=[m(text, "Odesa")])
    return Extraction(art, [mayor], [odesa], [], [
        Quote("Q1", m(text, 'A sign read <script>alert(1)</script> and a caption " onmouseover="alert(2) near Odesa'),
              "indirect", "A1", "the mayor", m(text, "the mayor"), m(text, "said"))], [
        Event("E1", "PROTEST", "140", 3, -6.5, m(text, "read"), m(text, text), [], ["A1"], Mode(), "P1")])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("web") / "heron.duckdb"
    with Store(path) as store:
        store.write([shelling(), talks(), hostile()])
    return path


@pytest.fixture(scope="module")
def app(db):
    return create_app(db)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, base_url=LOCAL)


def article_id(client: TestClient, title_word: str) -> str:
    rows = client.get("/api/articles", params={"text": title_word}).json()["rows"]
    assert len(rows) == 1
    return rows[0]["article_id"]


# -- escaping -------------------------------------------------------------------------------------------------

def test_article_page_escapes_text_and_title(client):
    aid = article_id(client, "caption")
    res = client.get(f"/article/{aid}")
    assert res.status_code == 200
    page = res.text
    assert "<script>alert" not in page and "<b>mayor" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt; headline" in page
    assert '" onmouseover="' not in page and "&quot; onmouseover=&quot;alert(2)" in page
    # the text, tags stripped and entities decoded, is the article exactly
    body = re.search(r'<div id="text" class="text">(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", body)) == HOSTILE_TEXT


def test_json_never_carries_raw_angle_brackets(client):
    aid = article_id(client, "caption")
    res = client.get(f"/api/articles/{aid}")
    raw = res.content.decode()
    assert "<script>" not in raw and "<b>" not in raw and "\\u003cscript\\u003e" in raw
    assert res.json()["article"]["text"] == HOSTILE_TEXT  # still the exact text once decoded
    assert res.headers["content-type"].startswith("application/json")


def test_no_page_references_an_external_url(client, app):
    aid = article_id(client, "Kharkiv")
    urls = ["/", "/events", "/timeline", "/network", "/map", "/quotes", "/articles", f"/article/{aid}", "/docs"]
    static = ["/static/" + name for name in ("common.js", "events.js", "article.js", "timeline.js", "network.js",
                                               "map.js", "quotes.js", "articles.js", "docs.js", "style.css",
                                               "favicon.svg")]
    for url in urls + static:
        res = client.get(url)
        assert res.status_code == 200, url
        # the SVG namespace is a name, not something fetched
        text = res.text.replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), url
    docs = client.get("/docs").text
    assert "validatorUrl: null" in client.get("/static/docs.js").text
    for asset in re.findall(r'(?:src|href)="([^"]+)"', docs):
        assert asset.startswith("/") and client.get(asset).status_code == 200, asset


# -- spans ----------------------------------------------------------------------------------------------------

def test_spans_point_at_their_words(app, client):
    aid = article_id(client, "Shelling")
    with app.state.store.reading() as r:
        data = load_article(r.con, aid)
    text = data["article"]["text"]
    found = {(s.kind, text[s.start:s.end]) for s in spans(data)}
    assert {("actor", "Russian troops"), ("actor", "the army"), ("place", "Kharkiv"), ("event", "shelled"),
            ("event", "pounded"), ("quote", "the army pounded two districts"), ("speaker", "The governor"),
            ("date", "on Monday")} <= found


def test_overlapping_spans_split_into_pieces_that_know_every_span(app, client):
    aid = article_id(client, "Shelling")
    with app.state.store.reading() as r:
        data = load_article(r.con, aid)
    text = data["article"]["text"]
    sp = spans(data)
    pieces = segments(text, sp)
    assert "".join(text[a:b] for a, b, _ in pieces) == text
    pounded = next(cov for a, b, cov in pieces if text[a:b] == "pounded")
    assert [s.kind for s in pounded] == ["quote", "event"]  # outermost first
    army = next(cov for a, b, cov in pieces if text[a:b] == "the army")
    assert {s.kind for s in army} == {"quote", "actor"}
    out = render_html(text, sp)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text
    assert re.search(r'<mark class="hl k-event in-event in-quote" data-spans="quote:Q1:\d+ event:E2:\d+"', out)


def test_article_api_returns_records_for_every_span(client):
    aid = article_id(client, "Shelling")
    data = client.get(f"/api/articles/{aid}").json()
    ids = {"actor": {a["actor_id"] for a in data["actors"]}, "place": {p["place_id"] for p in data["places"]},
           "quote": {q["quote_id"] for q in data["quotes"]}, "speaker": {q["quote_id"] for q in data["quotes"]},
           "event": {e["event_id"] for e in data["events"]}, "date": {e["event_id"] for e in data["events"]}}
    assert data["spans"]
    for s in data["spans"]:
        assert s["record"] in ids[s["kind"]]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/article/nope").status_code == 404


# -- read-only ------------------------------------------------------------------------------------------------

def test_connection_is_read_only(app, tmp_path):
    with pytest.raises(duckdb.Error, match="read-only"):
        app.state.store.current.con.execute("INSERT INTO meta VALUES ('written', 'by the web app')")
    with app.state.store.reading() as r:
        _refuses_writes(r.con, tmp_path)


def _refuses_writes(request_con, tmp_path) -> None:
    for statement in ("CREATE TABLE intruder (x INTEGER)", "DELETE FROM events", "UPDATE articles SET title = 'x'",
                      "DROP TABLE quotes"):
        with pytest.raises(duckdb.Error, match="read-only"):
            request_con.execute(statement)
    # nor can it write (or read) any other file
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        request_con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'")
    with pytest.raises(duckdb.Error, match="disabled by configuration|Cannot"):
        request_con.execute(f"ATTACH '{tmp_path / 'other.duckdb'}' AS other")


def test_requests_leave_the_store_unchanged(db, client):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405
    client.get("/api/events", params={"actor": "x'); DROP TABLE events; --"})
    client.get("/api/events.csv")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert client.get("/api/stats").json()["events"] == 5


def test_open_store_refuses_what_is_not_a_heron_store(tmp_path):
    with pytest.raises(WebError, match="no heron database"):
        open_store(tmp_path / "missing.duckdb")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(WebError, match="not a heron store"):
        open_store(other)


# -- bounds and bad parameters --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/events?limit=1001", "/api/events?limit=0", "/api/events?offset=-1",
                                 "/api/quotes?limit=5000", "/api/network?limit=100000", "/api/map?limit=1001",
                                 "/api/articles?limit=1001", "/api/events.csv?limit=100001",
                                 "/api/events?quad=9", "/api/events?quad=abc", "/api/events?desc=maybe",
                                 "/api/events?text=" + "x" * 201, "/api/dyad?from=RUS"])
def test_out_of_bounds_is_422_with_a_message(client, url):
    res = client.get(url)
    assert res.status_code == 422, res.text
    assert res.json()["detail"]


@pytest.mark.parametrize("url", ["/api/events?type=FOO", "/api/events?since=2022-13-45", "/api/events?until=soon",
                                 "/api/events?sort=evil", "/api/events?sort=date;DROP",
                                 "/api/events?mode=perhaps", "/api/counts?by=password", "/api/timeline?stack=x",
                                 "/api/quotes/claims?group=x", "/api/quotes?since=yesterday-ish",
                                 "/api/events.csv?type=FOO", "/api/network?since=2022-02-30"])
def test_bad_values_are_400_with_a_message(client, url):
    res = client.get(url)
    assert res.status_code == 400, res.text
    assert res.json()["detail"]


def test_body_over_the_limit_is_413(client):
    res = client.post("/api/extract", content=b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}',
                      headers={"content-type": "application/json"})
    assert res.status_code == 413


def test_bad_extract_requests_are_422(client):
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "Troops left.", "date": "30/03/2022"}).status_code == 422
    assert client.post("/api/extract", content=b"not json", headers={"content-type": "application/json"}
                       ).status_code == 422


def test_injection_is_just_a_value(client):
    res = client.get("/api/events", params={"actor": "' OR 1=1 --", "place": "x' OR 'a'='a"})
    assert res.status_code == 200 and res.json()["total"] == 0


# -- events ---------------------------------------------------------------------------------------------------

def total(client, **params) -> int:
    res = client.get("/api/events", params=params)
    assert res.status_code == 200, res.text
    return res.json()["total"]


def test_event_filters(client):
    assert total(client) == 5
    assert total(client, actor="RUS") == 4  # code prefix: RUSMIL and RUSGOV
    assert total(client, actor="russian troops") == 2  # name substring
    assert total(client, source="UKR") == 1 and total(client, target="UKR") == 3
    assert total(client, country="TUR") == 1  # the place's country
    assert total(client, type="ASSAULT,CONSULT") == 3
    assert total(client, quad=4) == 2
    assert total(client, mode="reported") == 2 and total(client, mode="future") == 1
    assert total(client, since="2022-03-29", until="2022-03-29") == 2
    assert total(client, since="2022-04") == 1
    assert total(client, place="kharkiv") == 2 and total(client, place="745044") == 1
    assert total(client, text="talks") == 2


def test_sorting_and_pagination(client):
    rows = client.get("/api/events", params={"sort": "goldstein", "desc": "true"}).json()["rows"]
    assert [r["goldstein"] for r in rows] == [5.0, 1.0, -6.5, -10.0, -10.0]
    page1 = client.get("/api/events", params={"limit": 2}).json()
    page3 = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert page1["total"] == 5 and len(page1["rows"]) == 2 and len(page3["rows"]) == 1
    everything = client.get("/api/events", params={"limit": 10}).json()["rows"]
    ids = [(r["article_id"], r["event_id"]) for r in everything]
    assert len(set(ids)) == 5
    assert ids[:2] == [(r["article_id"], r["event_id"]) for r in page1["rows"]]
    assert everything[0]["article_title"]


def test_csv_download_follows_the_filter(client):
    res = client.get("/api/events.csv", params={"type": "ASSAULT"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert "attachment" in res.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(res.text)))
    assert rows[0] == [c.name for c in TABLES["events"]]
    assert len(rows) == 3 and {r[2] for r in rows[1:]} == {"ASSAULT"}


# -- aggregates -----------------------------------------------------------------------------------------------

def test_counts(client):
    by_type = client.get("/api/counts", params={"by": "type"}).json()
    assert by_type["total"] == 5
    assert {c["key"]: c["n"] for c in by_type["counts"]} == {"ASSAULT": 2, "CONSULT": 1, "CONCEDE": 1, "PROTEST": 1}
    modes = {c["key"]: c["n"] for c in client.get("/api/counts", params={"by": "mode"}).json()["counts"]}
    assert modes["reported"] == 2 and modes["asserted"] == 2


def test_timeline(client):
    data = client.get("/api/timeline", params={"stack": "quad"}).json()
    assert data["keys"] == ["1", "2", "3", "4"]
    days = {d["day"]: d["counts"] for d in data["days"]}
    assert days["2022-03-28"] == {"4": 1} and days["2022-03-29"] == {"1": 1, "2": 1}


def test_time_charts_start_near_the_news_unless_asked(tmp_path):
    text = "Rebels seized the fort in 1648, and on Monday troops shelled it again."
    art = Article(text=text, date="2022-03-30", title="Old fort")
    rus = Actor("A1", "troops", "RUSMIL", "RUS", "MIL", "group", mentions=[m(text, "troops")])
    old = Event("E1", "ASSAULT", "190", 4, -10.0, m(text, "seized"), m(text, text), ["A1"], [], Mode(), None,
                TimeRef("T1", "1648", "year", m(text, "1648")))
    new = Event("E2", "ASSAULT", "195", 4, -10.0, m(text, "shelled"), m(text, text), ["A1"], [], Mode(), None,
                TimeRef("T2", "2022-03-28", "day", m(text, "on Monday")))
    path = tmp_path / "h.duckdb"
    with Store(path) as store:
        store.write([Extraction(art, [rus], [], [], [], [old, new])])
    with TestClient(create_app(path), base_url=LOCAL) as c:
        assert [d["day"] for d in c.get("/api/timeline").json()["days"]] == ["2022-03-28"]
        asked = c.get("/api/timeline", params={"since": "1600"}).json()["days"]
        assert [d["day"] for d in asked] == ["1648-01-01", "2022-03-28"]


def test_dyad_line(client):
    data = client.get("/api/dyad", params={"from": "RUS", "to": "UKR"}).json()
    assert data["days"] == [{"day": "2022-03-28", "mean_goldstein": -10.0, "n": 1},
                            {"day": "2022-03-29", "mean_goldstein": 5.0, "n": 1}]
    assert client.get("/api/dyad", params={"from": "UKR", "to": "RUS"}).json()["days"][0]["mean_goldstein"] == 1.0


def test_network(client):
    data = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): (e["n"], e["mean_goldstein"]) for e in data["edges"]}
    assert edges == {("RUSMIL", "UKRGOV"): (1, -10.0), ("UKR", "RUSGOV"): (1, 1.0), ("RUSGOV", "UKR"): (1, 5.0)}
    assert {n["id"] for n in data["nodes"]} == {"RUSMIL", "UKRGOV", "UKR", "RUSGOV"}


def test_map(client):
    points = {p["name"]: p for p in client.get("/api/map").json()["points"]}
    assert points["Kharkiv"]["n"] == 2 and points["Kharkiv"]["geonames_id"] == 706483
    assert points["Odesa"]["mean_goldstein"] == -6.5
    assert list(client.get("/api/map", params={"type": "CONSULT"}).json()["points"][0]["name"]) == list("Istanbul")


def test_quotes_speakers_and_claims(client):
    assert client.get("/api/quotes", params={"speaker": "governor"}).json()["rows"][0]["quote_id"] == "Q1"
    speakers = client.get("/api/quotes/speakers").json()
    assert {s["speaker_name"] for s in speakers} == {"The governor", "the <b>mayor</b>"}
    by_event = client.get("/api/quotes/claims").json()
    assert by_event[0]["type"] == "ASSAULT" and by_event[0]["quotes"][0]["speaker_name"] == "The governor"
    by_article = client.get("/api/quotes/claims", params={"group": "article"}).json()
    assert {g["title"] for g in by_article} == {"Shelling reported in Kharkiv", "<script>alert(3)</script> headline"}


def test_listing_endpoints(client):
    assert client.get("/api/stats").json() == {"articles": 3, "actors": 6, "mentions": 11, "places": 3,
                                               "quotes": 2, "events": 5, "magnitudes": 0,
                                               "positions": 0, "position_conditions": 0, "position_guarantors": 0, "claims": 0}
    assert {r["code"] for r in client.get("/api/actors", params={"country": "RUS"}).json()["rows"]} == {
        "RUSMIL", "RUSGOV"}
    assert client.get("/api/places", params={"place": "698740"}).json()["rows"][0]["name"] == "Odesa"
    rows = client.get("/api/articles").json()["rows"]
    assert len(rows) == 3 and "text" not in rows[0] and rows[0]["snippet"]
    assert client.get("/openapi.json").json()["paths"]["/api/extract"]["post"]


# -- extract --------------------------------------------------------------------------------------------------

def test_extract_returns_records_without_storing(client, heron_pipeline):
    before = client.get("/api/stats").json()
    text = "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."
    res = client.post("/api/extract", json={"text": text, "date": "2022-03-30"})
    assert res.status_code == 200, res.text
    data = res.json()
    assert data["schema_version"] == 1 and data["article"]["date"] == "2022-03-30"
    assert any(e["type"] == "ASSAULT" for e in data["events"])
    assert client.get("/api/stats").json() == before


# -- command --------------------------------------------------------------------------------------------------

def test_serve_command_reports_a_missing_store(tmp_path):
    from heron.cli.serve import command

    result = CliRunner().invoke(command, ["--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "no heron database" in result.output
    help_text = CliRunner().invoke(command, ["--help"]).output
    assert "127.0.0.1" in help_text and "8000" in help_text


def test_page_shells_carry_their_script(client):
    for name in ("events", "timeline", "network", "map", "quotes", "articles"):
        page = client.get(f"/{name}").text
        assert f'src="/static/{name}.js"' in page and "<nav>" in page
    assert json.loads(client.get("/static/world.json").text)["countries"]


@pytest.mark.parametrize("value", ["%'\\", "é漢字", "NaN", "2022-02-30"])
def test_odd_values_never_make_a_500(client, value):
    params = ["actor", "source", "target", "country", "type", "quad", "mode", "since", "until", "place", "text",
              "article", "sort", "desc", "limit", "offset", "by", "stack", "group", "speaker", "kind", "sector", "from",
              "to"]
    for path in ("/api/events", "/api/events.csv", "/api/counts", "/api/timeline", "/api/dyad", "/api/network",
                 "/api/map", "/api/quotes", "/api/quotes/claims", "/api/articles"):
        for name in params:
            res = client.get(path, params={name: value, **({"from": "RUS", "to": "UKR"} if name not in ("from", "to")
                                                            else {})})
            assert res.status_code < 500, (path, name, value, res.text)
    assert client.get("/api/articles/" + value).status_code == 404

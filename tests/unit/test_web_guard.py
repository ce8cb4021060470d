"""The web under attack: security headers, the Host check, hostile parameters, traversal, big and slow requests.

Most requests go over a real socket to the real server (heron.web.server on 127.0.0.1), so that
what a client can send (raw paths, broken encodings, huge heads, slow bytes) is what is tested.
Every answer must be a 4xx or a 2xx with nothing from outside the store, never a 5xx.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from heron.records import Actor, Article, Event, Extraction, Mention, Mode
from heron.store import Store
from heron.web import server
from heron.web.app import MAX_BODY, create_app
from heron.web.guard import CSP

SECRET = "the text of a file outside the store"


def _extraction() -> Extraction:
    text = "Officials in Kyiv said Russian troops shelled Kharkiv on Monday."
    rus = Actor("A1", "Russian troops", "RUSMIL", "RUS", "MIL", "group", mentions=[Mention("Russian troops", 23, 37)])
    event = Event("E1", "ASSAULT", "195", 4, -10.0, Mention("shelled", 38, 45), Mention(text, 0, len(text)), ["A1"],
                  [], Mode())
    return Extraction(Article(text=text, date="2022-03-30", title="Shelling"), [rus], [], [], [], [event])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory):
    """The server on a free loopback port, over a small store; yields (host, port)."""
    work = tmp_path_factory.mktemp("guard")
    (work / "secret.txt").write_text(SECRET)  # beside the store: must never be served
    with Store(work / "h.duckdb") as store:
        store.write([_extraction()])
    srv = server.uvicorn.Server(server.config(create_app(work / "h.duckdb"), "127.0.0.1", 0))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    srv.should_exit = True
    thread.join(10)


def raw(base: tuple[str, int], data: bytes, timeout: float = 30) -> tuple[int | None, dict[str, str], bytes]:
    """Sends bytes as they are; returns (status, headers, body) of the answer (status None: no answer)."""
    with socket.create_connection(base, timeout=timeout) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.1 (\d{3})", lines[0])
    headers = {k.lower(): v for k, _, v in (line.partition(": ") for line in lines[1:]) if v}
    return (int(m.group(1)) if m else None), headers, body


def get(base: tuple[str, int], target: str, host: str = "127.0.0.1") -> tuple[int | None, dict[str, str], bytes]:
    return raw(base, f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))


# -- headers --------------------------------------------------------------------------------------------------

def test_every_answer_carries_the_security_headers(base):
    for target in ("/", "/events", "/article/nope", "/docs", "/api/events", "/api/events.csv", "/api/events?quad=9",
                   "/api/events?type=FOO", "/static/common.js", "/static/nope.js", "/openapi.json"):
        status, headers, _ = get(base, target)
        assert status is not None and status < 500, target
        assert headers.get("content-security-policy") == CSP, target
        assert headers.get("x-content-type-options") == "nosniff", target
        assert headers.get("x-frame-options") == "DENY", target
        assert headers.get("referrer-policy") == "no-referrer", target


def test_the_policy_allows_no_inline_script_and_no_framing():
    directives = {d.split()[0]: d.split()[1:] for d in CSP.split("; ")}
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP


def test_no_page_needs_inline_script_or_style(base):
    _, _, body = get(base, "/api/articles")
    aid = re.search(rb'"article_id":"([^"]+)"', body).group(1).decode()
    for target in ("/", "/events", "/timeline", "/network", "/map", "/quotes", "/articles", f"/article/{aid}",
                   "/article/nope", "/docs"):
        status, _, page = get(base, target)
        html = page.decode()
        assert status in (200, 404), target
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), target  # every script is a file
        assert "<style" not in html and not re.search(r"\sstyle=", html), target
        assert not re.search(r"\son[a-z]+=", html), target  # no inline event handlers


def test_another_host_name_is_refused(base):
    # a page elsewhere whose DNS name was rebound to 127.0.0.1 sends its own name as Host
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
        status, _, _ = get(base, "/api/stats", host=host)
        assert status == 400, host
    for host in ("127.0.0.1", f"127.0.0.1:{base[1]}", "localhost", f"localhost:{base[1]}", "[::1]", f"[::1]:{base[1]}"):
        assert get(base, "/api/stats", host=host)[0] == 200, host


def test_any_host_when_asked(tmp_path):
    from fastapi.testclient import TestClient

    with Store(tmp_path / "h.duckdb") as store:
        store.write([_extraction()])
    client = TestClient(create_app(tmp_path / "h.duckdb", allowed_hosts=None), base_url="http://heron.lan")
    assert client.get("/api/stats").status_code == 200


# -- hostile parameters ---------------------------------------------------------------------------------------

TRAVERSALS = ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py",
              "/static/..%5capp.py", "/static/....//app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
              "/static/..%2f..%2f..%2fsecret.txt", "/swagger/../../secret.txt", "/swagger/%2e%2e/%2e%2e/secret.txt",
              "/static/%00", "/static/common.js%00.txt", "/static/../../../../../../etc/passwd",
              "/article/..%2f..%2fsecret.txt", "/api/articles/..%2f..%2fetc%2fpasswd", "/../secret.txt",
              "/%2e%2e/secret.txt"]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_reads_nothing_outside(base, target):
    status, _, body = get(base, target)
    assert status is not None and 400 <= status < 500, (target, status)
    assert b"create_app" not in body and b"root:" not in body and SECRET.encode() not in body


HOSTILE_VALUES = ["' OR 1=1 --", "x'); DROP TABLE events; --", "1; SELECT * FROM read_csv('/etc/passwd')",
                  "%00", "%FF%FE", "%ED%A0%80", "%E2%80%AE", "%F0%9F%92%A5" * 20, "%C0%AF", "e%CC%81" * 50,
                  "%EF%BC%9C%EF%BC%9E", "..%2f..%2f", "*", "%25", "NaN", "-0", "1e400", "9" * 100, "-" + "9" * 30,
                  "0x7fffffff", "null", "[]", "{}", "\\", "%0d%0aX-Injected: 1"]
NUMBERS = {"limit": ["0", "-1", "1001", "99999999999999999999999999", "1e9", "1.5", "NaN", "inf", ""],
           "offset": ["-1", "100000001", "99999999999999999999999999", "1e3", "NaN"],
           "quad": ["0", "5", "99999999999999999999", "1.5", "-inf"]}
ENDPOINTS = ["/api/events", "/api/events.csv", "/api/counts", "/api/timeline", "/api/network", "/api/map",
             "/api/quotes", "/api/quotes/claims", "/api/quotes/speakers", "/api/articles", "/api/actors", "/api/places"]
PARAMS = ["actor", "source", "target", "country", "type", "mode", "since", "until", "place", "text", "article",
          "sort", "desc", "by", "stack", "group", "speaker", "kind", "sector", "limit", "offset", "quad"]


def test_hostile_values_in_every_parameter_are_4xx_or_an_answer_from_the_store(base):
    checked = 0
    for path in ENDPOINTS:
        for name in PARAMS:
            for value in HOSTILE_VALUES:
                status, headers, body = get(base, f"{path}?{name}={value}")
                assert status is not None and status < 500, (path, name, value, status, body[:200])
                assert "x-injected" not in headers and b"root:" not in body
                checked += 1
    assert checked == len(ENDPOINTS) * len(PARAMS) * len(HOSTILE_VALUES)


def test_huge_numbers_and_pages_are_422_or_an_empty_page(base):
    for name, values in NUMBERS.items():
        for value in values:
            status, _, body = get(base, f"/api/events?{name}={value}")
            assert status == 422, (name, value, status, body[:200])
    status, _, body = get(base, "/api/events?offset=100000000&limit=1000")
    assert status == 200 and b'"rows":[]' in body
    assert get(base, "/api/dyad?from=" + "R" * 201 + "&to=UKR")[0] == 422
    assert get(base, "/api/events?text=" + "x" * 100_000)[0] == 422


def test_odd_unicode_in_paths_is_a_404(base):
    for target in ("/article/%FF", "/article/%ED%A0%80", "/article/%00", "/api/articles/%E2%80%AE" + "x" * 5000,
                   "/api/articles/%F0%9F%92%A5", "/%FF", "/static/%FF.js"):
        assert get(base, target)[0] == 404, target


# -- big and slow requests ------------------------------------------------------------------------------------

def test_oversized_bodies_are_413(base):
    head = "POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
    # announced too big: refused before it is read
    status, _, _ = raw(base, f"{head}Content-Length: {MAX_BODY + 1}\r\n\r\n".encode() + b"{")
    assert status == 413
    # not announced (chunked): refused once the limit is passed
    chunk = b"a" * 100_000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(MAX_BODY // len(chunk) + 2)) + b"0\r\n\r\n"
    status, _, _ = raw(base, f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + body)
    assert status == 413


def test_a_huge_request_head_is_400(base):
    status, _, _ = raw(base, b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"x" * 1_000_000
                       + b"\r\nConnection: close\r\n\r\n")
    assert status == 400


def test_slow_clients_time_out_and_never_hold_up_others(base, monkeypatch):
    monkeypatch.setattr(server.DeadlineProtocol, "request_timeout", 1.5)
    slow = [socket.create_connection(base, timeout=30) for _ in range(20)]
    idle = socket.create_connection(base, timeout=30)  # sends nothing at all
    try:
        for s in slow:  # half a head, then nothing (slowloris)
            s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        t0 = time.monotonic()
        status, _, _ = get(base, "/api/stats")
        assert status == 200 and time.monotonic() - t0 < 5  # the others are answered meanwhile
        answers = [s.recv(200) for s in slow]  # each slow one gets 408 and is hung up on
        assert all(a.startswith(b"HTTP/1.1 408 ") for a in answers), answers[:2]
        assert all(s.recv(200) == b"" for s in slow)
        assert idle.recv(200) == b""  # hung up on without an answer: it asked nothing
    finally:
        for s in (*slow, idle):
            s.close()
    # a body that trickles in is cut off as well
    with socket.create_connection(base, timeout=30) as s:
        s.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\": \"")
        t0 = time.monotonic()
        try:
            rest = s.recv(200)
            while rest and not rest.startswith(b"HTTP/1.1 4"):
                rest = s.recv(200)
        except ConnectionResetError:
            rest = b""
        assert time.monotonic() - t0 < 20 and not rest.startswith(b"HTTP/1.1 5")


def test_served_files_are_only_the_packaged_ones():
    static = Path(__file__).resolve().parents[2] / "heron" / "web" / "static"
    assert not any(p.is_symlink() for p in static.rglob("*"))  # a link could lead out of the folder


def test_serve_listens_on_loopback_by_default_and_checks_the_host_there(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from heron.cli.serve import command

    with Store(tmp_path / "h.duckdb") as store:
        store.write([_extraction()])
    started = {}
    monkeypatch.setattr(server, "run", lambda app, host, port, log_level: started.update(app=app, host=host))
    assert CliRunner().invoke(command, ["--db", str(tmp_path / "h.duckdb")]).exit_code == 0
    assert started["host"] == "127.0.0.1"
    assert TestClient(started["app"], base_url="http://evil.example").get("/api/stats").status_code == 400
    # listening on every interface, the machine's own names must pass
    assert CliRunner().invoke(command, ["--db", str(tmp_path / "h.duckdb"), "--host", "0.0.0.0"]).exit_code == 0
    assert TestClient(started["app"], base_url="http://heron.lan").get("/api/stats").status_code == 200

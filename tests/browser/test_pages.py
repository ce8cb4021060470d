"""Every page of ``heron serve`` driven in Debian's Chromium through Playwright.

A store is built from examples/ with ``heron ingest`` (plus one hostile article), the server
runs as a subprocess on a free port, and the browser may reach nothing but that server.
Skips only when Chromium (or Playwright) is missing and CI is not set; under CI a missing
browser fails.

Screenshots of the pages go to a temporary folder (pytest's tmp dir, ``screenshots*``), so an
ordinary run leaves the repository as it was. To refresh the ones the docs show, in
docs/screenshots/<page>.png, run with ``HERON_REFRESH_DOCS=1``:

    HERON_REFRESH_DOCS=1 python -m pytest tests/browser
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
DOC_SHOTS = ROOT / "docs" / "screenshots"  # written only with HERON_REFRESH_DOCS=1
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = """title: A hostile headline <script>alert(1)</script>
date: 2022-04-02
source: heron test

Officials in Kyiv said on Friday that Russian forces had shelled the port of Mykolaiv again.
The report quoted a banner reading <script>alert(1)</script> and a caption " onmouseover="alert(2)
that were shown in the city. The mayor said the city would ask the United Nations for help.
"""

# Two sides offering, refusing and disputing one pull-back: the Negotiations page has a dyad, an answer under
# what it answers, and claims side by side to show (written for the test).
NEGOTIATION = """title: Offer of a ceasefire rejected
date: 2022-04-04
source: heron test

Russia said on Monday that the withdrawal of its troops from the north was a gesture of goodwill. The United States believes the withdrawal is a regrouping of forces, while Ukraine denied that any withdrawal had taken place.

Ukraine offered Russia a ceasefire along the front line. Russia rejected the offer on Tuesday. The European Union demanded that Russia release the detained sailors.
"""


def _require_browser() -> None:
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} not found (run scripts/install-browser.sh)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: docs/screenshots when HERON_REFRESH_DOCS=1, else a temporary folder."""
    if os.environ.get("HERON_REFRESH_DOCS") == "1":
        return DOC_SHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_browser()
    work = tmp_path_factory.mktemp("web")
    inputs = work / "inputs"
    shutil.copytree(ROOT / "examples", inputs)
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "negotiation.txt").write_text(NEGOTIATION, encoding="utf-8")
    db = work / "heron.duckdb"
    done = subprocess.run([sys.executable, "-m", "heron.cli.main", "ingest", str(inputs), "--db", str(db), "--quiet"],
                          cwd=work, timeout=600, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"heron ingest failed: {done.stderr or done.stdout}")
    return db


@pytest.fixture(scope="module")
def server(store: Path):
    port = _free_port()
    from heron.cli.main import cli

    # `heron serve` once the command is registered in heron.cli.main, the same command object until then
    entry = ["heron.cli.main", "serve"] if "serve" in cli.lazy else ["heron.cli.serve"]
    proc = subprocess.Popen([sys.executable, "-m", *entry, "--db", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2) as res:
                if res.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"heron serve did not start: {proc.communicate()[0]}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def _page(browser, server: str, strict: bool):
    """A fresh page that may only talk to the server; anything else is recorded and refused.

    Playwright's wait_for_function evaluates its test as a string, which the server's
    Content-Security-Policy forbids; so the pages that use it bypass the policy, and
    ``strict_page`` (which keeps it) checks every page under the policy.
    """
    context = browser.new_context(viewport={"width": 1360, "height": 900}, bypass_csp=not strict)
    page = context.new_page()
    page.outside = []
    page.dialogs = []
    page.errors = []
    page.refused = []  # what the Content-Security-Policy blocked

    def guard(route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    assert page.outside == [], f"the page tried to reach {page.outside}"
    assert page.refused == [], f"the Content-Security-Policy refused: {page.refused}"
    assert page.errors == [], f"script errors: {page.errors}"
    context.close()


@pytest.fixture
def page(browser, server: str):
    yield from _page(browser, server, strict=False)


@pytest.fixture
def strict_page(browser, server: str):
    yield from _page(browser, server, strict=True)


def _open(page, url: str, name: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"body[data-loaded='{name}']", timeout=15_000)


def _shot(page, shots: Path, name: str, full_page: bool = False) -> None:
    shots.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"{name}.png"), full_page=full_page)


def test_events_filter_changes_rows(page, server: str, shots: Path) -> None:
    _open(page, server + "/events", "events")
    before = page.locator("#events tbody tr").count()
    total_before = page.inner_text("#count")
    assert before > 1
    types = set(page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)"))
    assert "ASSAULT" in types and len(types) > 1
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.querySelector('#count').textContent !== {total_before!r}")
    after = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert after and set(after) == {"ASSAULT"} and len(after) < before
    assert "type=ASSAULT" in page.get_attribute("#csv", "href")
    assert "type=ASSAULT" in page.url
    page.select_option("select[name=type]", "")
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"document.querySelector('#count').textContent === {total_before!r}")
    _shot(page, shots, "events")


def test_events_start_newest_first(page, server: str) -> None:
    _open(page, server + "/events", "events")
    dates = [d for d in page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)") if d]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)


def test_network_shows_as_many_dyads_as_asked(page, server: str) -> None:
    _open(page, server + "/network", "network")
    page.select_option("#top", "30")
    page.wait_for_function("document.querySelectorAll('#network line.edge').length <= 30")
    assert page.locator("#network line.edge").count() > 0


def test_sorting_by_type(page, server: str) -> None:
    _open(page, server + "/events", "events")
    renders = page.get_attribute("body", "data-renders")
    page.click("th[data-sort=type]")
    page.wait_for_function(f"document.body.dataset.renders !== {renders!r}")
    assert "sort=type" in page.url
    types = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types == sorted(types)


def test_article_highlight_opens_record_panel(page, server: str, shots: Path) -> None:
    _open(page, server + "/events?type=ASSAULT", "events")
    page.click("#events tbody tr a")
    page.wait_for_selector("body[data-loaded='article']")
    assert page.locator("mark.k-actor").count() > 0 and page.locator("mark.k-event").count() > 0
    page.locator("mark.k-place").first.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert "GeoNames id" in panel.inner_text()
    page.locator("mark.k-event").first.click()
    text = panel.inner_text()
    assert "type" in text and "quad class" in text and "Goldstein" in text
    assert page.locator("#panel .card").first.get_attribute("data-kind") == "event"
    assert page.locator("mark.selected").count() >= 1
    _shot(page, shots, "article")


def test_hostile_article_shows_as_text(page, server: str) -> None:
    _open(page, server + "/articles?text=banner", "articles")
    page.click("#articles tbody a")
    page.wait_for_selector("body[data-loaded='article']")
    body = page.inner_text("#text")
    assert "<script>alert(1)</script>" in body
    assert '" onmouseover="alert(2)' in body
    assert page.locator("#text script").count() == 0
    assert page.locator("[onmouseover]").count() == 0
    assert "<script>" in page.inner_text("h1")
    page.hover("#text")
    assert page.dialogs == []


def test_timeline_and_dyad(page, server: str, shots: Path) -> None:
    # a dyad the store has, whatever the pipeline found in the examples
    with urllib.request.urlopen(server + "/api/network") as res:
        edge = json.load(res)["edges"][0]
    query = urllib.parse.urlencode({"from": edge["source"], "to": edge["target"]})
    _open(page, server + f"/timeline?{query}", "timeline")
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#legend .key").count() > 1
    assert page.locator("#dyadchart circle.dot").count() > 0
    page.select_option("#stack", "quad")
    page.wait_for_function("document.querySelector('#legend').textContent.includes('material conflict')")
    _shot(page, shots, "timeline", full_page=True)


def test_network(page, server: str, shots: Path) -> None:
    _open(page, server + "/network", "network")
    assert page.locator("#network line.edge").count() > 0
    assert page.locator("#network g.node").count() > 1
    page.locator("#network line.edge").first.dispatch_event("click")
    assert "→" in page.inner_text("#edgeinfo")
    _shot(page, shots, "network", full_page=True)


def test_map(page, server: str, shots: Path) -> None:
    _open(page, server + "/map", "map")
    assert page.locator("#map .land path").count() > 100
    points = page.locator("#map circle.place")
    assert points.count() > 0
    points.first.dispatch_event("click")
    assert "GeoNames" in page.inner_text("#placeinfo")
    _shot(page, shots, "map")


def test_quotes(page, server: str, shots: Path) -> None:
    _open(page, server + "/quotes", "quotes")
    assert page.locator("#speakers li").count() > 0
    assert page.locator("#claims .claims-group").count() > 0
    rows = page.locator("#quotes tbody tr").count()
    assert rows > 0
    page.select_option("#group", "article")
    page.wait_for_function("document.location.search.includes('group=article')")
    page.wait_for_selector("#claims .claims-group h3 a")
    # the busiest article comes first, its speakers side by side
    assert page.locator("#claims .claims-group").first.locator(".claim").count() > 2
    # heron's claim groups: two holders or more about one event, each with its attitude
    page.select_option("#group", "claims")
    page.wait_for_function("document.location.search.includes('group=claims')")
    page.wait_for_selector("#claims .claims-group .attitude")
    assert page.locator("#claims .claims-group").first.locator(".claim").count() > 1
    page.select_option("#group", "event")
    page.wait_for_function("document.location.search.includes('group=event')")
    page.locator("#speakers li a").first.click()
    page.wait_for_function(f"document.querySelectorAll('#quotes tbody tr').length < {rows}")
    _shot(page, shots, "quotes")


def test_negotiations(page, server: str, shots: Path) -> None:
    _open(page, server + "/negotiations", "negotiations")
    # with nothing asked the page opens on the busiest dyad, offered among the chips
    assert page.locator("#dyads a.chip").count() > 0
    a, b = page.input_value("input[name=a]"), page.input_value("input[name=b]")
    assert a and b and f"a={a}" in page.url
    assert page.locator("#negotiation > li.move").count() > 0
    # an answer sits under the position it answers, and every move shows its words in its sentence
    assert page.locator("#negotiation .answers > li.move").count() > 0
    assert page.locator("#negotiation mark.k-position").count() == page.locator("#negotiation li.move").count()
    assert page.locator("#threads li.thread").count() > 0
    assert page.locator("#claimgroups .claims-group .claim").count() > 1
    _shot(page, shots, "negotiations", full_page=True)
    # one actor alone: every position it holds or is addressed
    page.fill("input[name=b]", "")
    page.click("#nfilters button[type=submit]")
    page.wait_for_function("!document.location.search.includes('b=')")
    page.wait_for_function(f"document.querySelector('#timeline-title').textContent === 'Timeline: {a}'")
    assert page.locator("#negotiation li.move").count() > 0
    # the sentence links to the article, which opens with the position highlighted and its record shown
    page.locator("#negotiation a.evidence-link").first.click()
    page.wait_for_selector("body[data-loaded='article']")
    assert "#N" in page.url
    page.wait_for_selector("#panel .card-position")
    assert page.locator("mark.k-position.selected, mark.in-position.selected").count() > 0
    _shot(page, shots, "negotiations-article")


def test_api_docs_offline(page, server: str, shots: Path) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 10
    _shot(page, shots, "docs")


def test_every_page_runs_under_the_policy(strict_page, server: str) -> None:
    page = strict_page
    for name in ("events", "timeline", "network", "map", "quotes", "negotiations", "articles"):
        _open(page, server + f"/{name}", name)
    page.click("#articles tbody a")
    page.wait_for_selector("body[data-loaded='article']")
    page.locator("mark.k-event").first.click()
    assert page.locator("#panel").is_visible()
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    # the fixture then finds no refusal and no script error


def test_the_policy_blocks_an_injected_inline_script(strict_page, server: str) -> None:
    page = strict_page
    _open(page, server + "/events", "events")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = 1'; document.head.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert any("inline script" in r or "script-src" in r for r in page.refused), page.refused
    page.refused.clear()  # the one refusal this test caused on purpose


def test_colours_set_by_scripts_survive_the_policy(strict_page, server: str) -> None:
    page = strict_page
    _open(page, server + "/events", "events")
    tag = page.locator("#events tbody span.tag").first
    assert tag.evaluate("e => getComputedStyle(e).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    _open(page, server + "/network", "network")
    assert page.locator(".sw.conflict").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(192, 57, 43)"

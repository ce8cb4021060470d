"""The per-article time and memory budgets: a stalled article, or one that takes the process's memory past
its limit, becomes an error record and the batch goes on, in the main thread (SIGALRM for the time), in any
other thread (the watchdog Dask workers rely on) and on Dask workers."""
from __future__ import annotations

import threading
import time

import pytest

from heron.ingest import InputError
from heron.nlp.batch import extract_all
from heron.nlp.budget import (
    ArticleOverBudget,
    ArticleOverMemory,
    ArticleTimeout,
    rss_mb,
    time_limit,
)
from heron.records import Article

STALL = 8.0  # seconds a stalled piece of code runs before giving up on its own: the tests must end either way


def _spin(seconds: float = STALL) -> None:
    """Busy Python code, the kind a quadratic loop in a component is."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _timed(block) -> tuple[BaseException | None, float]:
    start = time.monotonic()
    try:
        block()
    except BaseException as exc:  # noqa: BLE001
        return exc, time.monotonic() - start
    return None, time.monotonic() - start


def _limited_spin() -> None:
    with time_limit(0.3):
        _spin()



def _here_or_in_a_thread(run, in_thread: bool) -> None:
    """Run ``run`` in this (main) thread, or in a new thread and wait for it: the alarm's path or the watchdog's."""
    if in_thread:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    else:
        run()

def test_time_limit_interrupts_busy_code_in_the_main_thread():
    assert threading.current_thread() is threading.main_thread()
    exc, seconds = _timed(_limited_spin)
    assert isinstance(exc, ArticleTimeout) and str(exc) == "timed out after 0.3 s"
    assert seconds < 2


def test_time_limit_interrupts_a_backtracking_regex_in_the_main_thread():
    import re

    def backtrack() -> None:
        with time_limit(0.3):
            re.match(r"(a+)+$", "a" * 27 + "b")  # some 2**27 steps: seconds of backtracking

    exc, seconds = _timed(backtrack)
    assert isinstance(exc, ArticleTimeout) and seconds < 2


def test_time_limit_interrupts_busy_code_in_another_thread():
    result: dict = {}

    def worker() -> None:
        result["exc"], result["seconds"] = _timed(_limited_spin)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert isinstance(result["exc"], ArticleTimeout) and str(result["exc"]) == "timed out after 0.3 s"
    assert result["seconds"] < 2


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_block_that_ends_in_time_leaves_nothing_behind(in_thread):
    outcome: dict = {}

    def run() -> None:
        try:
            with time_limit(0.2):
                time.sleep(0.05)
            time.sleep(0.4)  # past the limit, outside the block: nothing may go off here
            outcome["ok"] = True
        except BaseException as exc:  # noqa: BLE001
            outcome["exc"] = exc

    _here_or_in_a_thread(run, in_thread)
    assert outcome == {"ok": True}


def test_no_limit_means_no_timer():
    with time_limit(None):
        time.sleep(0.05)
    with time_limit(0):
        time.sleep(0.05)


# -- the pipeline --------------------------------------------------------------------------------------------


def _events_that(monkeypatch, marker: str, action) -> None:
    """heron's events component runs ``action`` first on any article mentioning ``marker``."""
    from heron.components import events

    real = events.find_events

    def find_events(doc, *models):
        if marker in doc.text:
            action()
        return real(doc, *models)

    monkeypatch.setattr(events, "find_events", find_events)


def _three_articles(middle: str, prefix: str) -> list[Article]:
    """Two plain articles around ``middle``, named PREFIX0.txt to PREFIX2.txt."""
    texts = ["Police arrested five protesters in Lyon on Monday.", middle,
             "The minister met union leaders in Paris on Tuesday."]
    return [Article(text=t, date="2023-03-07", input=f"{prefix}{i}.txt") for i, t in enumerate(texts)]


@pytest.fixture
def stalling_events(monkeypatch):
    """heron's events component stalls (busy, for STALL seconds) on any article mentioning 'stall'."""
    _events_that(monkeypatch, "stall", _spin)


def _articles() -> list[Article]:
    return _three_articles("The engine stall in the old mill lasted a week, the owner said.", "a")


def _extract_with_budget(heron_pipeline, budget: float) -> tuple[list, list[InputError], float]:
    errors: list[InputError] = []
    start = time.monotonic()
    out = extract_all(heron_pipeline, _articles(), errors, budget=budget)
    return out, errors, time.monotonic() - start


def test_a_stalled_article_becomes_an_error_and_the_batch_goes_on(heron_pipeline, stalling_events):
    extract_all(heron_pipeline, _articles()[:1], [])  # first use loads the lexicons: not the article's time
    out, errors, seconds = _extract_with_budget(heron_pipeline, 1.0)
    assert [ex.article.input for ex in out] == ["a0.txt", "a2.txt"]
    assert [(e.input, e.reason, e.severity) for e in errors] == [("a1.txt", "timed out after 1 s", "error")]
    assert seconds < STALL


def test_the_budget_holds_in_a_worker_thread(heron_pipeline, stalling_events):
    extract_all(heron_pipeline, _articles()[:1], [])
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(r=_extract_with_budget(heron_pipeline, 1.0)))
    thread.start()
    thread.join()
    out, errors, seconds = result["r"]
    assert [ex.article.input for ex in out] == ["a0.txt", "a2.txt"]
    assert [(e.input, e.reason) for e in errors] == [("a1.txt", "timed out after 1 s")]
    assert seconds < STALL


def _long_article() -> Article:
    # about 190 kB: half a minute of parsing and extraction without a budget
    text = " ".join(f"Police said {n} protesters were arrested in Lyon on Monday." for n in range(3_000))
    return Article(text=text, date="2023-03-07", input="long.txt")


def test_a_slow_parse_times_out_and_only_that_article_is_lost(heron_pipeline):
    short = Article(text="Police arrested five protesters in Lyon on Monday.", date="2023-03-07", input="short.txt")
    extract_all(heron_pipeline, [short], [])
    errors: list[InputError] = []
    start = time.monotonic()
    out = extract_all(heron_pipeline, [_long_article(), short], errors, budget=2.0)
    assert [ex.article.input for ex in out] == ["short.txt"]
    assert [(e.input, e.reason) for e in errors] == [("long.txt", "timed out after 2 s")]
    assert time.monotonic() - start < 20


def _warm_up() -> None:
    import heron

    heron.load().extract(Article(text="Police arrested five protesters in Lyon on Monday.", date="2023-03-07"))


def test_the_budget_holds_on_dask_workers():
    from heron.scale import DaskExecutor
    from heron.scale.partitions import Partition

    short = Article(text="Police arrested five protesters in Lyon on Monday.", date="2023-03-07", input="short.txt")
    executor = DaskExecutor(workers=1, budget=2.0)
    try:
        executor.client.run(_warm_up)  # the worker loads its models outside any article's budget
        part = Partition(articles=[_long_article(), short], n_inputs=2)
        start = time.monotonic()
        ((_, rows),) = list(executor.map([part]))
        seconds = time.monotonic() - start
    finally:
        executor.close()
    assert rows.tables["articles"].column("input").to_pylist() == ["short.txt"]
    assert [(e.input, e.reason) for e in rows.errors] == [("long.txt", "timed out after 2 s")]
    assert seconds < 30


def test_the_watchdog_interrupts_again_when_the_first_interruption_is_lost():
    """An interruption that lands where the interpreter ignores errors (a garbage-collection callback) is lost;
    the watchdog raises again until the block ends. Here the block swallows the first one itself."""
    result: dict[str, float] = {}

    def work() -> None:
        swallowed = 0
        deadline = time.monotonic() + 10
        try:
            with time_limit(0.3):
                while time.monotonic() < deadline:
                    try:
                        while time.monotonic() < deadline:
                            pass
                    except ArticleTimeout:
                        swallowed += 1
                        if swallowed > 1:
                            raise
        except ArticleTimeout:
            result["stopped"] = time.monotonic()
        result["swallowed"] = swallowed

    start = time.monotonic()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(15)
    assert result["swallowed"] == 2 and result["stopped"] - start < 5


# -- the memory budget ---------------------------------------------------------------------------------------

STEP_MB = 20  # one allocation step
HOG_MB = 360  # what a hog allocates at most before giving up on its own: the tests must end either way
HEADROOM_MB = 150  # the limit above the process's memory when a test starts

needs_statm = pytest.mark.skipif(rss_mb() is None, reason="no /proc/self/statm: no memory budget here")


def _hog(limit_mb: float = HOG_MB) -> int:
    """Allocate (and touch) memory in steps, the way a component caught in a growing list does; the MB it got."""
    held = []
    while len(held) * STEP_MB < limit_mb:
        held.append(bytearray(STEP_MB * 2**20))  # zero-filled by calloc: touch it so that it is resident
        held[-1][::4096] = b"\1" * (STEP_MB * 2**20 // 4096)
        time.sleep(0.02)  # slower than the watchdog's sampling, as real growth under parsing is
    return len(held) * STEP_MB


def test_rss_is_read_from_proc_on_linux():
    import sys

    if sys.platform.startswith("linux"):
        rss = rss_mb()
        assert rss is not None and 10 < rss < 100_000


@needs_statm
@pytest.mark.parametrize("in_thread", [False, True])
def test_memory_limit_interrupts_a_growing_block(in_thread):
    result: dict = {}

    def run() -> None:
        limit = rss_mb() + HEADROOM_MB

        def block() -> None:
            with time_limit(None, limit):
                result["got"] = _hog()

        result["exc"], result["seconds"] = _timed(block)
        result["limit"] = limit

    _here_or_in_a_thread(run, in_thread)
    exc = result["exc"]
    assert "got" not in result  # stopped before the hog had all it wanted
    assert isinstance(exc, ArticleOverMemory) and isinstance(exc, ArticleOverBudget)
    assert not isinstance(exc, ArticleTimeout)
    assert exc.limit_mb == result["limit"] and exc.rss_mb > result["limit"]
    assert str(exc) == f"over the memory budget (RSS {exc.rss_mb:,.0f} MB > {result['limit']:,.0f} MB)"
    assert result["seconds"] < 5


@needs_statm
def test_memory_and_time_limits_together_keep_the_time_limit():
    """A memory limit the block stays under changes nothing about the time limit (SIGALRM in the main thread)."""
    exc, seconds = _timed(lambda: _limited_spin_with_memory(rss_mb() + 2000))
    assert isinstance(exc, ArticleTimeout) and str(exc) == "timed out after 0.3 s" and seconds < 2


def _limited_spin_with_memory(memory_mb: float) -> None:
    with time_limit(0.3, memory_mb):
        _spin()


@needs_statm
def test_a_block_under_the_memory_limit_runs_whole():
    with time_limit(None, rss_mb() + 2000):
        got = _hog(40)
        time.sleep(0.3)
    assert got == 40


@pytest.fixture
def hogging_events(monkeypatch):
    """heron's events component allocates memory in steps (up to HOG_MB) on any article mentioning 'hog'."""
    _events_that(monkeypatch, "hog", _hog)


def _hog_articles() -> list[Article]:
    return _three_articles("Farmers drove a hog to the ministry in Paris on Monday, the police said.", "m")


def _extract_with_memory_budget(heron_pipeline) -> tuple[list, list[InputError], float, float]:
    errors: list[InputError] = []
    limit = rss_mb() + HEADROOM_MB
    start = time.monotonic()
    out = extract_all(heron_pipeline, _hog_articles(), errors, budget=60.0, memory_mb=limit)
    return out, errors, limit, time.monotonic() - start


def _check_memory_errors(out, errors, limit) -> None:
    assert [ex.article.input for ex in out] == ["m0.txt", "m2.txt"]
    assert out[1].events  # the article after the hog is extracted whole
    assert [(e.input, e.severity) for e in errors] == [("m1.txt", "error")]
    reason = errors[0].reason
    assert reason.startswith("over the memory budget (RSS ") and reason.endswith(f" > {limit:,.0f} MB)")


@needs_statm
def test_an_article_over_the_memory_budget_becomes_an_error_and_the_batch_goes_on(heron_pipeline, hogging_events):
    extract_all(heron_pipeline, _hog_articles()[:1], [])  # first use loads the lexicons: not the article's memory
    out, errors, limit, seconds = _extract_with_memory_budget(heron_pipeline)
    _check_memory_errors(out, errors, limit)
    assert seconds < 10


@needs_statm
def test_the_memory_budget_holds_in_a_worker_thread(heron_pipeline, hogging_events):
    extract_all(heron_pipeline, _hog_articles()[:1], [])
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(r=_extract_with_memory_budget(heron_pipeline)))
    thread.start()
    thread.join()
    out, errors, limit, seconds = result["r"]
    _check_memory_errors(out, errors, limit)
    assert seconds < 10


def test_no_memory_limit_where_rss_cannot_be_read(monkeypatch):
    from heron.nlp import budget

    monkeypatch.setattr(budget, "rss_mb", lambda: None)
    with time_limit(None, 1.0):  # 1 MB: far below any process, but unknowable here
        got = _hog(40)
        time.sleep(0.3)
    assert got == 40


# -- the options reach the extraction ------------------------------------------------------------------------


@pytest.fixture
def recorded_budgets(monkeypatch, heron_pipeline):
    """extract_all records the budgets it is given (and extracts nothing)."""
    from heron.nlp import batch

    seen: list[tuple] = []

    def extract_all(heron, articles, errors, budget=None, memory_mb=None):
        seen.append((budget, memory_mb))
        return []

    monkeypatch.setattr(batch, "extract_all", extract_all)
    return seen


def _article_file(tmp_path) -> str:
    path = tmp_path / "a.txt"
    path.write_text("Police arrested five protesters in Lyon on Monday.\n")
    return str(path)


@pytest.mark.parametrize("args, expected", [([], (120.0, 3000.0)),
                                            (["--memory-limit", "1500", "--timeout", "7"], (7.0, 1500.0)),
                                            (["--memory-limit", "0"], (120.0, None))])
def test_extract_passes_the_memory_limit(tmp_path, recorded_budgets, args, expected):
    from click.testing import CliRunner

    from heron.cli.main import cli

    result = CliRunner().invoke(cli, ["extract", _article_file(tmp_path), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    assert recorded_budgets == [expected]


def test_ingest_passes_the_memory_limit_in_process_and_to_dask_workers(tmp_path, recorded_budgets, monkeypatch):
    from click.testing import CliRunner

    import heron.scale
    from heron.cli.main import cli

    result = CliRunner().invoke(cli, ["ingest", _article_file(tmp_path), "--db", str(tmp_path / "x.duckdb"),
                                      "--quiet", "--no-dedup", "--memory-limit", "900"])
    assert result.exit_code == 0, result.output
    assert recorded_budgets == [(120.0, 900.0)]

    given: dict = {}

    class Executor:
        def __init__(self, *args, **kwargs):
            given.update(kwargs)
            raise OSError("not started in this test")

    monkeypatch.setattr(heron.scale, "DaskExecutor", Executor)
    CliRunner().invoke(cli, ["ingest", _article_file(tmp_path), "--db", str(tmp_path / "y.duckdb"), "--quiet",
                             "--workers", "2", "--memory-limit", "900", "--timeout", "30"])
    assert given["budget"] == 30.0 and given["memory_mb"] == 900.0

"""The per-article time budget: a stalled article becomes an error record and the batch goes on, in the main
thread (SIGALRM), in any other thread (the watchdog Dask workers rely on) and on Dask workers."""
from __future__ import annotations

import threading
import time

import pytest

from heron.ingest import InputError
from heron.nlp.batch import extract_all
from heron.nlp.budget import ArticleTimeout, time_limit
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

    if in_thread:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    else:
        run()
    assert outcome == {"ok": True}


def test_no_limit_means_no_timer():
    with time_limit(None):
        time.sleep(0.05)
    with time_limit(0):
        time.sleep(0.05)


# -- the pipeline --------------------------------------------------------------------------------------------


@pytest.fixture
def stalling_events(monkeypatch):
    """heron's events component stalls (busy, for STALL seconds) on any article mentioning 'stall'."""
    from heron.components import events

    real = events.find_events

    def find_events(doc, *models):
        if "stall" in doc.text:
            _spin()
        return real(doc, *models)

    monkeypatch.setattr(events, "find_events", find_events)


def _articles() -> list[Article]:
    texts = ["Police arrested five protesters in Lyon on Monday.",
             "The engine stall in the old mill lasted a week, the owner said.",
             "The minister met union leaders in Paris on Tuesday."]
    return [Article(text=t, date="2023-03-07", input=f"a{i}.txt") for i, t in enumerate(texts)]


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

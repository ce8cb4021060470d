"""The per-article budget: a block of code that runs past its seconds, or while which the process's resident
memory grows past its megabytes, is interrupted.

Two interruptions, chosen by where the code runs:

* in the main thread (``heron extract``, ``heron ingest`` without workers) a SIGALRM timer, whose handler
  raises in the running Python code; it also stops a regular expression caught in backtracking, since
  CPython's regex engine checks for signals while it matches;
* in any other thread (a Dask worker runs its tasks in one) a watchdog timer thread that raises the same
  exception in the running thread (``PyThreadState_SetAsyncExc``); signals reach only the main thread.

The memory budget uses the watchdog in every thread (the same thread that keeps the time where SIGALRM
cannot): it reads the process's resident set size from ``/proc/self/statm`` every :data:`SAMPLE` seconds
and, past the limit, raises :class:`ArticleOverMemory` in the running thread. Where ``/proc/self/statm``
cannot be read (not Linux) there is no memory limit. The limit is on the whole process, so it is set well
above what heron needs for any article: past it, the article being processed is what grew it. Before
giving up on an article the watchdog asks glibc to hand freed memory back (``malloc_trim``), so memory
an earlier article freed but the allocator kept does not count against this one.

Both land between Python bytecodes, so one long call into C runs to its end first. spaCy's parser is the
one long C call in heron's pipeline, and :meth:`heron.nlp.runner.Heron.pipe` bounds it by parsing at most
60,000 characters at a time (about a second). A process per article (or per batch) that could be killed
outright was weighed and left out: forking a process that holds the ONNX runtime's thread pool and Dask's
threads is not safe, and a fresh process would reload the models (seconds) for every batch.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

DEFAULT_TIMEOUT = 120.0  # seconds per article: the slowest real article (5 MB) takes about a minute
# megabytes of resident memory (the whole process) while an article is processed: heron peaks under 1 GB
# on normal articles (models loaded, a 5-MB article parsed in chunks), so 3,000 MB leaves room for the
# largest inputs and for a Dask worker's own overhead while still stopping one runaway article before it
# takes the machine's memory (or Dask's nanny restarts the worker and the whole partition is lost)
DEFAULT_MEMORY_MB = 3000.0


class ArticleOverBudget(BaseException):
    """An article ran past its time or memory budget.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in a component or a library
    swallows it halfway through the article. Catch this class to handle both budgets.
    """

    article: Any = None  # set by the pipeline when it knows which article it was


class ArticleTimeout(ArticleOverBudget):
    """An article ran past its time budget."""

    def __init__(self, seconds: float | None = None, article: Any = None) -> None:
        super().__init__(f"timed out after {seconds:g} s" if seconds is not None else "timed out")
        self.seconds = seconds
        self.article = article


class ArticleOverMemory(ArticleOverBudget):
    """The process's resident memory grew past the memory budget while an article was processed."""

    def __init__(self, rss_mb: float | None = None, limit_mb: float | None = None, article: Any = None) -> None:
        super().__init__(f"over the memory budget (RSS {rss_mb:,.0f} MB > {limit_mb:,.0f} MB)"
                         if rss_mb is not None and limit_mb is not None else "over the memory budget")
        self.rss_mb = rss_mb
        self.limit_mb = limit_mb
        self.article = article


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float | None:
    """This process's resident memory in MB (from ``/proc/self/statm``); None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return None


try:  # glibc's, found among the symbols the interpreter is linked with
    _malloc_trim = ctypes.CDLL(None).malloc_trim
except (OSError, AttributeError, TypeError):  # not glibc (musl, macOS, Windows)
    _malloc_trim = None


def _trim() -> None:
    """Ask glibc to return freed memory to the system; nothing where there is no glibc."""
    if _malloc_trim is not None:
        _malloc_trim(0)


@contextmanager
def time_limit(seconds: float | None, memory_mb: float | None = None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in this block once it has run ``seconds``, :class:`ArticleOverMemory`
    once the process's resident memory exceeds ``memory_mb`` during it; None or 0: no such limit."""
    seconds = seconds if seconds and seconds > 0 else None
    memory_mb = memory_mb if memory_mb and memory_mb > 0 and rss_mb() is not None else None
    if seconds is None and memory_mb is None:
        yield
        return
    main = threading.current_thread() is threading.main_thread()
    # someone else's alarm (or handler) is left alone: the watchdog does the job then
    free = seconds is not None and main and hasattr(signal, "setitimer") \
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0 \
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    measured: dict[str, float] = {}
    try:
        with (_alarm(seconds) if free else nullcontext()), _watchdog(None if free else seconds, memory_mb, measured):
            yield
    except ArticleTimeout as exc:
        raise ArticleTimeout(seconds, exc.article) from None
    except ArticleOverMemory as exc:
        raise ArticleOverMemory(measured.get("rss"), memory_mb, exc.article) from None


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            # restored even if the alarm rang just as the block ended; a signal still pending then finds
            # the default handler, which Python skips
            signal.signal(signal.SIGALRM, previous)


# two handles on one C function: raising passes the exception class, clearing passes NULL
_raise_in = ctypes.pythonapi["PyThreadState_SetAsyncExc"]
_raise_in.argtypes = (ctypes.c_ulong, ctypes.py_object)
_clear_in = ctypes.pythonapi["PyThreadState_SetAsyncExc"]
_clear_in.argtypes = (ctypes.c_ulong, ctypes.c_void_p)


REFIRE = 0.5  # seconds between repeated interruptions of a block that has not stopped yet
SAMPLE = 0.1  # seconds between two readings of the resident memory


@contextmanager
def _watchdog(seconds: float | None, memory_mb: float | None, measured: dict[str, float]) -> Iterator[None]:
    """One thread keeping both limits of a block (either may be None); the RSS past the limit goes to
    ``measured["rss"]``."""
    if seconds is None and memory_mb is None:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    stop = threading.Event()
    state = {"done": False, "fired": False}
    deadline = time.monotonic() + seconds if seconds is not None else None

    def over_memory() -> bool:
        rss = rss_mb()
        if rss is None or rss <= memory_mb:
            return False
        _trim()  # freed memory glibc kept (an earlier article's) is not this article's
        rss = rss_mb()
        if rss is None or rss <= memory_mb:
            return False
        measured["rss"] = rss
        return True

    def watch() -> None:
        while True:
            wait = SAMPLE if memory_mb is not None else None
            if deadline is not None:
                left = max(0.0, deadline - time.monotonic())
                wait = left if wait is None else min(wait, left)
            if stop.wait(wait):
                return
            if deadline is not None and time.monotonic() >= deadline:
                exc = ArticleTimeout
                break
            if memory_mb is not None and over_memory():
                exc = ArticleOverMemory
                break
        while True:
            with lock:
                if state["done"]:
                    return
                _raise_in(target, exc)
                state["fired"] = True
            # an exception raised while the thread runs a callback the interpreter ignores errors of (a
            # garbage-collection callback such as Dask's, a __del__) is lost: raise it again until the block ends
            if stop.wait(REFIRE):
                return

    watcher = threading.Thread(target=watch, name="heron-article-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        while True:  # a repeated interruption may land here too: the block has ended only once this is set
            try:
                with lock:
                    state["done"] = True
                break
            except ArticleOverBudget:
                continue
        stop.set()
        if state["fired"]:
            # fired as the block ended: the exception may still be pending; it must not surface later,
            # in code that has nothing to do with this article
            _clear_in(target, None)

"""The per-article time budget: a block of code that runs past its seconds is interrupted.

Two interruptions, chosen by where the code runs:

* in the main thread (``heron extract``, ``heron ingest`` without workers) a SIGALRM timer, whose handler
  raises in the running Python code; it also stops a regular expression caught in backtracking, since
  CPython's regex engine checks for signals while it matches;
* in any other thread (a Dask worker runs its tasks in one) a watchdog timer thread that raises the same
  exception in the running thread (``PyThreadState_SetAsyncExc``); signals reach only the main thread.

Both land between Python bytecodes, so one long call into C runs to its end first. spaCy's parser is the
one long C call in heron's pipeline, and :meth:`heron.nlp.runner.Heron.pipe` bounds it by parsing at most
60,000 characters at a time (about a second). A process per article (or per batch) that could be killed
outright was weighed and left out: forking a process that holds the ONNX runtime's thread pool and Dask's
threads is not safe, and a fresh process would reload the models (seconds) for every batch.
"""
from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_TIMEOUT = 120.0  # seconds per article: the slowest real article (5 MB) takes about a minute


class ArticleTimeout(BaseException):
    """An article ran past its budget.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in a component or a library
    swallows it halfway through the article.
    """

    def __init__(self, seconds: float | None = None, article: Any = None) -> None:
        super().__init__(f"timed out after {seconds:g} s" if seconds is not None else "timed out")
        self.seconds = seconds
        self.article = article  # set by the pipeline when it knows which article it was


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in this block once it has run ``seconds``; None or 0: no limit."""
    if not seconds or seconds <= 0:
        yield
        return
    main = threading.current_thread() is threading.main_thread()
    # someone else's alarm (or handler) is left alone: the watchdog does the job then
    free = main and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0 \
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    try:
        with (_alarm(seconds) if free else _watchdog(seconds)):
            yield
    except ArticleTimeout as exc:
        raise ArticleTimeout(seconds, exc.article) from None


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


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    stop = threading.Event()
    state = {"done": False, "fired": False}

    def watch() -> None:
        if stop.wait(seconds):
            return
        while True:
            with lock:
                if state["done"]:
                    return
                _raise_in(target, ArticleTimeout)
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
            except ArticleTimeout:
                continue
        stop.set()
        if state["fired"]:
            # fired as the block ended: the exception may still be pending; it must not surface later,
            # in code that has nothing to do with this article
            _clear_in(target, None)

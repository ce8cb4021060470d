"""The store as the web app reads it: a private snapshot, taken again when the store changes.

DuckDB lets one process write a file while no other process has it open, and a reader that keeps
it open keeps every writer out. So `heron serve` never keeps the store open: it copies the file
(and its write-ahead log, if any) into a private folder while holding DuckDB's shared lock for
the copy only (an ingest, which opens the store once per batch, waits that moment), and serves
the copy. Every ``poll`` seconds it compares the store's size and modification time with those
it copied; on a change it copies and indexes the store again in the background and swaps the
new generation in. A request runs on the generation it started on; a replaced generation is
closed, and its copy removed, when its last request ends.
"""
from __future__ import annotations

import itertools
import logging
import shutil
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from heron.store.store import LOCK_WAIT, is_lock_conflict
from heron.web.index import WebError, cursor, open_store

POLL = 2.0  # seconds between looks at the store
log = logging.getLogger(__name__)


class ResultCache:
    """Answers already computed, by request, least recently used dropped first.

    Sound because a generation never changes: a changed store is a new generation with an empty cache.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


@dataclass
class Reader:
    """What one request reads with: a cursor on one generation, and that generation's answers."""

    con: duckdb.DuckDBPyConnection
    cache: ResultCache


Signature = tuple[tuple[int, int] | None, ...]


def signature(db: Path) -> Signature:
    """Size and modification time of the store and its write-ahead log: any commit changes one of them."""
    out = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            st = path.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


@dataclass
class Generation:
    con: duckdb.DuckDBPyConnection  # in-memory index with the copy attached read-only (heron.web.index)
    copy: Path
    signature: Signature
    cache: ResultCache = field(default_factory=ResultCache)
    users: int = 0
    retired: bool = False

    def close(self) -> None:
        self.con.close()
        for path in (self.copy, self.copy.with_name(self.copy.name + ".wal")):
            path.unlink(missing_ok=True)


class LiveStore:
    """The current generation of the store at ``db``; ``start()`` begins watching it for changes."""

    def __init__(self, db: str | Path, poll: float = POLL, lock_wait: float = LOCK_WAIT) -> None:
        self.db = Path(db)
        if not self.db.is_file():
            raise WebError(f"no heron database at {self.db}")
        self.poll = poll
        self.lock_wait = lock_wait
        self._dir = Path(tempfile.mkdtemp(prefix="heron-serve-"))
        # the copies go when this object does, or at the latest when the interpreter exits
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            self.current = self._take()
        except WebError:
            self._cleanup()
            raise

    def _take(self) -> Generation:
        copy = self._dir / f"store-{next(self._numbers)}.duckdb"
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                # a read-only connection holds DuckDB's shared lock: no writer can commit while we copy
                guard = duckdb.connect(str(self.db), read_only=True)
                break
            except duckdb.Error as exc:
                if not is_lock_conflict(exc) or time.monotonic() >= deadline:
                    raise WebError(f"cannot open {self.db}: {exc}") from exc
                time.sleep(0.05)
        try:
            sig = signature(self.db)
            shutil.copyfile(self.db, copy)
            wal = self.db.with_name(self.db.name + ".wal")
            if wal.exists():  # left by a writer that stopped without a checkpoint; the copy replays it
                shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
        finally:
            guard.close()
        try:
            con = open_store(copy)
        except WebError:
            copy.unlink(missing_ok=True)
            copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
            raise
        return Generation(con, copy, sig)

    def refresh(self) -> bool:
        """Take a new generation if the store changed since the current one was copied; whether it did."""
        if signature(self.db) == self.current.signature:
            return False
        fresh = self._take()
        with self._lock:
            old, self.current = self.current, fresh
            old.retired = True
            idle = old.users == 0
        if idle:
            old.close()
        return True

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        with self._lock:
            gen = self.current
            gen.users += 1
        cur = cursor(gen.con)
        try:
            yield Reader(cur, gen.cache)
        finally:
            cur.close()
            with self._lock:
                gen.users -= 1
                last = gen.retired and gen.users == 0
            if last:
                gen.close()

    def start(self) -> None:
        """Watch the store in a background thread until :meth:`close`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="heron-store-watch", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self.refresh()
            except (WebError, OSError) as exc:  # busy past the wait, or removed: keep serving, look again later
                log.warning("serving the store as it was: %s", exc)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self.current.retired = True
            idle = self.current.users == 0
        if idle:
            self.current.close()
        self._cleanup()

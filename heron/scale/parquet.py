"""A Parquet dataset of heron's tables, partitioned by article date, that DuckDB queries directly.

Layout (hive style)::

    ROOT/events/date=2022-03-29/part-<key>.parquet     one file per (table, article date, partition)
    ROOT/articles/date=__HIVE_DEFAULT_PARTITION__/...  articles without a date
    ROOT/errors/part-<hash>.parquet                    inputs that could not be read or extracted

    SELECT type, count(*) FROM 'ROOT/events/*/*.parquet' GROUP BY type;

Crash safety: each file is written to a temporary name and renamed, and a partition's ``articles`` file for a date
is renamed last, so it marks that (date, partition) complete. :meth:`ParquetDataset.recover` deletes the files
a killed run left without their ``articles`` file; their articles are then simply processed again.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from heron.tables import TABLES
from heron.store.schema import ERROR_COLUMNS, ERRORS_TABLE, arrow_schema

NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # DuckDB and Spark read this partition value as NULL
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_TMP = ".tmp"


def date_partition(date: str | None) -> str:
    return date[:10] if date and _DAY.match(date) else NO_DATE


class DatasetBusy(RuntimeError):
    """Another ingest is writing the dataset."""


class ParquetDataset:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._ids: set[str] | None = None
        self._lock: IO[str] | None = None

    def lock(self) -> None:
        """Claim the dataset for this run: :meth:`recover` must never delete the files of a run still going.

        The lock is the kernel's, on an open file, so a killed run cannot leave it behind.
        """
        if self._lock is not None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".heron-lock", "a", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise DatasetBusy(f"{self.root} is being written by another heron ingest") from None
        self._lock = fh

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file drops the lock
            self._lock = None

    def glob(self, table: str) -> str:
        """The pattern DuckDB reads a table from."""
        return str(self.root / table / ("*.parquet" if table == ERRORS_TABLE else "*/*.parquet"))

    def recover(self) -> int:
        """Delete what a killed run left half-written; returns the number of files removed."""
        self.lock()
        removed = 0
        for tmp in self.root.glob(f"**/*{_TMP}"):
            tmp.unlink()
            removed += 1
        committed = {(p.parent.name, p.name) for p in (self.root / "articles").glob("*/*.parquet")}
        for table in TABLES:
            if table == "articles":
                continue
            for path in (self.root / table).glob("*/*.parquet"):
                if (path.parent.name, path.name) not in committed:
                    path.unlink()
                    removed += 1
        return removed

    def ids(self) -> set[str]:
        """Ids of the articles the dataset holds (read once, then kept up to date by :meth:`write`)."""
        if self._ids is None:
            self._ids = set()
            if any((self.root / "articles").glob("*/*.parquet")):
                rows = duckdb.execute("SELECT article_id FROM read_parquet(?, hive_partitioning = false)",
                                      [self.glob("articles")]).fetchall()
                self._ids = {r[0] for r in rows}
        return self._ids

    def known(self, ids: Iterable[str]) -> set[str]:
        return set(ids) & self.ids()

    def write(self, key: str, tables: Mapping[str, pa.Table]) -> None:
        """One partition's rows, split by article date; articles last, so that they commit the partition."""
        articles = tables["articles"]
        date_of = dict(zip(articles.column("article_id").to_pylist(),
                           (date_partition(d) for d in articles.column("date").to_pylist()), strict=True))
        for name in [t for t in TABLES if t != "articles"] + ["articles"]:
            table = tables.get(name)
            if table is None or not table.num_rows:
                continue
            dates = pa.array([date_of[a] for a in table.column("article_id").to_pylist()], pa.string())
            for day in sorted(set(dates.to_pylist())):
                path = self.root / name / f"date={day}" / f"part-{key}.parquet"
                _write_atomic(table.filter(pc.equal(dates, day)), path)
        self.ids().update(date_of)

    def write_errors(self, errors: Iterable[object]) -> None:
        """Errors in a file named after its content, so the same failures seen again overwrite, not repeat."""
        rows = [{"input": str(e.input), "reason": str(e.reason), "severity": str(e.severity)} for e in errors]
        if not rows:
            return
        digest = hashlib.sha256(repr(sorted(r.values() for r in rows)).encode("utf-8")).hexdigest()[:16]
        table = pa.Table.from_pylist(rows, schema=arrow_schema(ERROR_COLUMNS))
        _write_atomic(table, self.root / ERRORS_TABLE / f"part-{digest}.parquet")

    def read(self, ids: Iterable[str]) -> dict[str, pa.Table]:
        """Every table's rows for these articles, with exactly the :data:`TABLES` columns."""
        wanted = sorted(set(ids))
        out = {}
        con = duckdb.connect()
        try:
            for name in TABLES:
                if not any((self.root / name).glob("*/*.parquet")):
                    continue
                columns = ", ".join(f'"{c.name}"' for c in TABLES[name])
                rel = con.sql(f"SELECT {columns} FROM read_parquet(?, hive_partitioning = false) "
                              "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", params=[self.glob(name), wanted])
                out[name] = pa.table(rel.arrow())  # a Table in DuckDB 1.x, a RecordBatchReader in 2.x
        finally:
            con.close()
        return out


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + _TMP)
    pq.write_table(table, tmp)
    with open(tmp, "rb") as fh:  # on disk before the rename makes it visible
        os.fsync(fh.fileno())
    os.replace(tmp, path)

"""heron's DuckDB store: idempotent batch writes, filtered queries, read-only SQL, exports."""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from heron.tables import TABLES, table_rows
from heron.records import Extraction
from heron.store import queries
from heron.store.schema import ERROR_COLUMNS, ERRORS_TABLE, STORE_VERSION, arrow_schema, ddl, quote

# DESCRIBE, SHOW and SUMMARIZE parse as SELECT statements.
_READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN, duckdb.StatementType.PRAGMA}
EXPORT_FORMATS = ("parquet", "jsonl", "csv")
_BATCH = "_heron_batch"
LOCK_WAIT = 120.0  # seconds to wait for another process (a writer, or `heron serve` copying) to let go of the file


class StoreError(Exception):
    """A store problem worth a one-line message: missing database, refused SQL, failed batch."""


# What DuckDB says about a file it cannot use -> what the user can do about it. A failed open changes
# nothing in the file; a failed write is rolled back; so every one of these leaves the store as it was.
_FILE_PROBLEMS = (
    (re.compile(r"Could not set lock"), "{path} is in use by another process{pid}; wait for it to finish, or stop it"),
    (re.compile(r"not a valid DuckDB database file"), "{path} is not a DuckDB database; heron left it as it was"),
    (re.compile(r"Could not read enough bytes|[Cc]orrupt|checksum|Failed to load metadata pointer"),
     "{path} is damaged (truncated or corrupt); heron left it as it was: restore a copy, or store into a new file"),
    (re.compile(r"Read-only file system|Permission denied"),
     "{path} cannot be written (read-only file or folder); `heron query` can still read it"),
    (re.compile(r"No space left on device|File too large|Disk quota exceeded"),
     "no space left to write {path}; nothing of the batch was stored and the store is as it was"),
)


def explain(path: Path, exc: BaseException) -> str | None:
    """One line for a file-level problem DuckDB reported (None for any other error)."""
    message = str(exc)
    for pattern, text in _FILE_PROBLEMS:
        if pattern.search(message):
            pid = re.search(r"PID \d+", message)
            return text.format(path=path, pid=f" ({pid.group()})" if pid else "")
    return None


class InputErrorLike(Protocol):
    input: Any
    reason: Any
    severity: Any


@dataclass
class WriteResult:
    stored: int  # articles written
    skipped_duplicates: int  # articles already in the store (or twice in the batch)
    errors: int  # new input errors recorded


@dataclass
class ExportedFile:
    table: str
    path: Path
    rows: int


class Store:
    """A DuckDB file holding heron's tables (see docs/records.md).

    >>> with Store("heron.duckdb") as store:             # doctest: +SKIP
    ...     store.write(extractions, errors)
    ...     store.query_events(actor="RUS", since="2022-03-01")
    """

    def __init__(self, path: str | Path, read_only: bool = False, release: bool = False,
                 lock_wait: float = LOCK_WAIT) -> None:
        """``release=True`` opens the file for each operation and closes it after (the ingest does this), so
        that between batches another process can open it, e.g. `heron serve` taking a snapshot. DuckDB lets one
        process write a file and nobody read it meanwhile; an open that meets a lock waits up to ``lock_wait``
        seconds for it."""
        self.path = Path(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        if read_only and not self.path.is_file():
            raise StoreError(f"no heron database at {self.path}")
        self._con: duckdb.DuckDBPyConnection | None = self._connect()
        try:
            with self._reading():
                self._open_schema()
        except StoreError:
            self._con.close()
            raise
        if release:
            self._con.close()
            self._con = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.IOException as exc:
                if not is_lock_conflict(exc) or time.monotonic() >= deadline:
                    raise StoreError(explain(self.path, exc) or f"cannot open {self.path}: {exc}") from exc
                time.sleep(0.05)
            except duckdb.Error as exc:
                raise StoreError(explain(self.path, exc) or f"cannot open {self.path}: {exc}") from exc

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection, or (with ``release=True``) one opened for this operation and closed after it."""
        if self._con is not None:
            yield self._con
            return
        con = self._connect()
        try:
            yield con
        finally:
            con.close()

    def _create(self) -> None:
        self._con.begin()
        for stmt in ddl():
            self._con.execute(stmt)
        self._con.execute("INSERT INTO meta VALUES ('store_version', ?)", [str(STORE_VERSION)])
        self._con.commit()

    def _open_schema(self) -> None:
        tables = {r[0] for r in self._con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "meta" not in tables:
            # an empty file becomes a heron store; someone else's database is left alone
            if tables or self.read_only:
                raise StoreError(f"{self.path} is not a heron database (no meta table)")
            self._create()
        self._check_version()

    def _check_version(self) -> None:
        row = self._con.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
        if row is None or row[0] != str(STORE_VERSION):
            found = row[0] if row else "none"
            raise StoreError(f"{self.path} has store version {found}; this heron reads version {STORE_VERSION}")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """DuckDB's errors as StoreErrors: a damaged file may open and fail only when a page is read."""
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(explain(self.path, exc) or f"{self.path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------------

    def write(self, extractions: Sequence[Extraction], errors: Iterable[InputErrorLike] = ()) -> WriteResult:
        """Store a batch in one transaction: every new article with its records, or nothing at all."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        known = self.has_articles([ex.article.id for ex in extractions])
        fresh: list[Extraction] = []
        for ex in extractions:
            if ex.article.id not in known:
                known.add(ex.article.id)
                fresh.append(ex)
        try:
            tables = {name: pa.Table.from_pylist(table, schema=arrow_schema(TABLES[name]))
                      for name, table in table_rows(fresh).items()}
        except (pa.ArrowException, TypeError, ValueError) as exc:  # a record that does not fit its column
            raise StoreError(f"batch of {len(fresh)} article(s) not stored: {exc}") from exc
        result = self._write_arrow(tables, errors, len(fresh))
        result.skipped_duplicates = len(extractions) - len(fresh)
        return result

    def write_tables(self, tables: Mapping[str, pa.Table], errors: Iterable[InputErrorLike] = ()) -> WriteResult:
        """Store rows already flattened (:data:`TABLES` columns, e.g. from a worker or a Parquet file) in one
        transaction, leaving out every article (and its rows) that the store already holds."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise StoreError(f"unknown table(s) {sorted(unknown)}; tables are {', '.join(TABLES)}")
        articles = tables.get("articles")
        ids = articles.column("article_id").to_pylist() if articles is not None else []
        known = self.has_articles(ids)
        fresh = set(ids) - known
        keep = pa.array(sorted(fresh), pa.string())
        kept = {name: table.filter(pc.is_in(table.column("article_id"), value_set=keep))
                for name, table in tables.items() if table.num_rows}
        result = self._write_arrow(kept, errors, len(fresh))
        result.skipped_duplicates = len(ids) - len(fresh)
        return result

    def _write_arrow(self, tables: Mapping[str, pa.Table], errors: Iterable[InputErrorLike],
                     n_articles: int) -> WriteResult:
        error_rows = [{"input": _text(e.input), "reason": _text(e.reason), "severity": _text(e.severity)}
                      for e in errors]
        with self._connection() as con:
            con.begin()
            try:
                for name, table in tables.items():
                    _insert(con, name, table)
                n_errors = _insert_errors(con, error_rows)
                con.commit()
            except Exception as exc:
                try:
                    con.rollback()
                except duckdb.Error:
                    pass  # a failed commit (a full disk) has ended the transaction already
                reason = explain(self.path, exc) or str(exc)
                raise StoreError(f"batch of {n_articles} article(s) not stored: {reason}") from exc
        return WriteResult(stored=n_articles, skipped_duplicates=0, errors=n_errors)

    # -- reading -------------------------------------------------------------------------------------------

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already (the ingest skips parsing them)."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        with self._connection() as con, self._reading():
            rows = con.execute("SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                               [ids]).fetchall()
        return {r[0] for r in rows}

    def count(self) -> dict[str, int]:
        """Rows per table, errors included."""
        with self._connection() as con, self._reading():
            return {name: con.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0]
                    for name in (*TABLES, ERRORS_TABLE)}

    def errors(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        sql = f"SELECT * FROM {ERRORS_TABLE} ORDER BY recorded_at, input LIMIT ? OFFSET ?"
        return self._dicts(sql, [limit, offset])

    def query_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events plus their article date; filters and their meaning: :func:`heron.store.queries.events`."""
        return self._dicts(*_checked(queries.events, filters))

    def query_global_events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events merged across articles (:mod:`heron.store.dedup`); filters: :func:`queries.global_events`."""
        from heron.store.dedup import TABLE

        self._require_table(TABLE)
        return self._dicts(*_checked(queries.global_events, filters))

    def rebuild_global_events(self) -> int:
        """Merge the events of all articles into ``global_events`` (see :mod:`heron.store.dedup`); returns its size."""
        from heron.store.dedup import rebuild

        return self._rebuild(rebuild, "global events")

    def rebuild_position_threads(self) -> int:
        """Follow positions across articles into ``position_threads`` (see :mod:`heron.store.threads`)."""
        from heron.store.threads import rebuild

        return self._rebuild(rebuild, "position threads")

    def _require_table(self, table: str) -> None:
        """A table the ingest derives (global events, position threads) exists, or a StoreError says to ingest."""
        with self._connection() as con:
            found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0]
        if not found:
            raise StoreError(f"{self.path} has no {table} table yet: run `heron ingest --db {self.path} ...`")

    def _rebuild(self, rebuild: Any, what: str) -> int:
        """Run a table ``rebuild(connection) -> rows`` on the writable store; a DuckDB failure names ``what``."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        try:
            with self._connection() as con:
                return rebuild(con)
        except duckdb.Error as exc:
            raise StoreError(f"{what} not rebuilt: {exc}") from exc

    def query_positions(self, **filters: Any) -> list[dict[str, Any]]:
        """Positions with their conditions, guarantors and answers; filters: :func:`queries.positions`."""
        sql, params = _checked(queries.positions, filters)
        with self._connection() as con, self._reading():
            return queries.attach_position_details(con, queries.dicts(con, sql, params))

    def query_claims(self, **filters: Any) -> list[dict[str, Any]]:
        """Claim groups, each with its claims side by side; filters: :func:`queries.claim_groups`."""
        with self._connection() as con, self._reading():
            return queries.grouped_claims(con, *_checked(queries.claim_groups, filters))

    def query_position_threads(self, **filters: Any) -> list[dict[str, Any]]:
        """Positions followed across articles (:mod:`heron.store.threads`); filters: :func:`queries.threads`."""
        from heron.store.threads import TABLE

        self._require_table(TABLE)
        return self._dicts(*_checked(queries.threads, filters))

    def query_quotes(self, **filters: Any) -> list[dict[str, Any]]:
        return self._dicts(*_checked(queries.quotes, filters))

    def query_actors(self, **filters: Any) -> list[dict[str, Any]]:
        return self._dicts(*_checked(queries.actors, filters))

    def query_places(self, **filters: Any) -> list[dict[str, Any]]:
        return self._dicts(*_checked(queries.places, filters))

    def query_articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self._dicts(*_checked(queries.articles, filters))

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        with self._connection() as con, self._reading():
            return queries.dicts(con, sql, params)

    def sql(self, query: str) -> tuple[list[str], list[tuple]]:
        """Run one read-only statement on a separate read-only connection; returns (columns, rows).

        Only SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE/EXPLAIN/PRAGMA pass; the connection is read-only and
        cannot touch other files, so even a statement that slips through cannot change anything.
        """
        check_read_only(query)
        # DuckDB refuses a second connection to one file with different settings in one process,
        # so the store's own connection (if it holds one) steps aside while the read-only one runs.
        held = self._con is not None
        if held:
            self._con.close()
        try:
            con = duckdb.connect(str(self.path), read_only=True, config={"enable_external_access": False})
            try:
                cur = con.execute(query)
                columns = [d[0] for d in cur.description] if cur.description else []
                return columns, cur.fetchall()
            finally:
                con.close()
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        finally:
            if held:
                self._con = self._connect()

    # -- export --------------------------------------------------------------------------------------------

    def export(self, out_dir: str | Path, fmt: str) -> list[ExportedFile]:
        """One file per table (articles ... events, errors) in ``out_dir``: parquet, jsonl or csv."""
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in (*TABLES, ERRORS_TABLE):
            path = out / f"{name}.{fmt}"
            select = f"SELECT * FROM {quote(name)}"
            if fmt == "csv":
                # lists as compact JSON arrays, the same cells heron.tables.write_csv writes
                lists = [c.name for c in TABLES.get(name, ()) if c.type == "list"]
                if lists:
                    repl = ", ".join(f"to_json({quote(c)})::VARCHAR AS {quote(c)}" for c in lists)
                    select = f"SELECT * REPLACE ({repl}) FROM {quote(name)}"
            options = {"parquet": "FORMAT PARQUET", "jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER"}[fmt]
            with self._connection() as con:
                row = con.execute(f"COPY ({select}) TO ? ({options})", [str(path)]).fetchone()
            written.append(ExportedFile(name, path, int(row[0]) if row else 0))
        return written


def is_lock_conflict(exc: duckdb.Error) -> bool:
    """Whether opening failed only because another process holds the file (it may let go soon)."""
    return "could not set lock" in str(exc).lower()


def check_read_only(query: str) -> None:
    """Refuse anything but a single read-only statement, before it reaches a connection."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"cannot parse query: {exc}") from exc
    if len(statements) != 1:
        raise StoreError(f"expected exactly one SQL statement, got {len(statements)}")
    kind = statements[0].type
    if kind not in _READ_ONLY_STATEMENTS:
        raise StoreError(f"only read-only queries (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, PRAGMA) are allowed, "
                         f"not {kind.name}")


def _insert(con: duckdb.DuckDBPyConnection, name: str, batch: pa.Table) -> None:
    if not batch.num_rows:
        return
    con.register(_BATCH, batch)
    try:
        con.execute(f"INSERT INTO {quote(name)} BY NAME SELECT * FROM {_BATCH}")
    finally:
        con.unregister(_BATCH)


def _insert_errors(con: duckdb.DuckDBPyConnection, error_rows: list[dict[str, Any]]) -> int:
    if not error_rows:
        return 0
    con.register(_BATCH, pa.Table.from_pylist(error_rows, schema=arrow_schema(ERROR_COLUMNS)))
    try:
        # the same failure seen again on a re-run is not a new error
        row = con.execute(
            f"INSERT INTO {ERRORS_TABLE} (input, reason, severity) "
            f"SELECT DISTINCT input, reason, severity FROM {_BATCH} b WHERE NOT EXISTS ("
            f"SELECT 1 FROM {ERRORS_TABLE} e WHERE e.input IS NOT DISTINCT FROM b.input "
            "AND e.reason IS NOT DISTINCT FROM b.reason AND e.severity IS NOT DISTINCT FROM b.severity)"
        ).fetchone()
    finally:
        con.unregister(_BATCH)
    return int(row[0]) if row else 0


def _checked(build: Any, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    try:
        return build(**filters)
    except TypeError as exc:  # an unknown filter name
        raise StoreError(str(exc)) from exc
    except ValueError as exc:
        raise StoreError(str(exc)) from exc


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

"""The DuckDB schema, derived from :data:`heron.tables.TABLES` so store and exports share one column list."""
from __future__ import annotations

import pyarrow as pa

from heron.tables import TABLES, Column

# Bump when a table changes shape; a store written by another version is refused, not silently mixed.
STORE_VERSION = 4  # 2: actors.context_country; 3: the magnitudes table;
# 4: the positions, position_conditions, position_guarantors and claims tables (heron_positions)

_SQL = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "list": "VARCHAR[]"}
_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
          "list": pa.list_(pa.string())}

# Where a table's rows come from an input that failed, not from an extraction.
ERRORS_TABLE = "errors"
ERROR_COLUMNS = (Column("input", "str"), Column("reason", "str"), Column("severity", "str"))

_KEYS = {"articles": "PRIMARY KEY (article_id)"}


def quote(name: str) -> str:
    """A SQL identifier; quoting keeps reserved words such as ``end`` usable as column names."""
    return '"' + name.replace('"', '""') + '"'


def create_table(name: str, columns: tuple[Column, ...], extra: tuple[str, ...] = ()) -> str:
    parts = [f"{quote(c.name)} {_SQL[c.type]}" for c in columns] + list(extra)
    if name in _KEYS:
        parts.append(_KEYS[name])
    return f"CREATE TABLE IF NOT EXISTS {quote(name)} ({', '.join(parts)})"


def ddl() -> list[str]:
    """Statements that create every table (idempotent)."""
    stmts = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    stmts += [create_table(name, cols) for name, cols in TABLES.items()]
    stmts.append(create_table(ERRORS_TABLE, ERROR_COLUMNS, ("recorded_at TIMESTAMP DEFAULT current_timestamp",)))
    return stmts


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([pa.field(c.name, _ARROW[c.type]) for c in columns])

"""heron's DuckDB store: ``Store(path)`` writes extractions idempotently and answers queries."""
from heron.store.store import EXPORT_FORMATS, ExportedFile, Store, StoreError, WriteResult, check_read_only

__all__ = ["EXPORT_FORMATS", "ExportedFile", "Store", "StoreError", "WriteResult", "check_read_only"]

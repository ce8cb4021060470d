"""The client side of an ingest: plan partitions, hand them to an executor, write each result in one go."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from heron.ingest import InputError
from heron.records import Article
from heron.scale.executors import Executor
from heron.scale.parquet import ParquetDataset
from heron.scale.partitions import Partition, plan
from heron.scale.work import Rows
from heron.store import Store


@dataclass
class Counts:
    stored: int = 0  # extracted and stored by this run
    skipped: int = 0  # already stored (recovered ones included), or repeated in the input
    failed: int = 0
    warnings: int = 0
    inputs: int = 0  # items read, for progress
    recovered: int = 0  # articles a killed run had left in the Parquet dataset only, now merged into the store
    peak_rss_mb: float = 0.0  # highest peak memory reported by a process that extracted articles
    errors: list[InputError] = field(default_factory=list)  # this run's problems, in order


@dataclass
class Sinks:
    """Where results go: the DuckDB store (the single writer is this client), a Parquet dataset, or both.

    With a store, an article counts as done once the store holds it; with the dataset alone, once the dataset
    holds its ``articles`` row. Either way one partition is written in one step, so it is all there or not at all.
    """

    store: Store | None = None
    parquet: ParquetDataset | None = None

    def __post_init__(self) -> None:
        if self.store is None and self.parquet is None:
            raise ValueError("nowhere to write: give a store, a Parquet dataset, or both")

    def known(self, ids: list[str]) -> set[str]:
        return self.store.has_articles(ids) if self.store is not None else self.parquet.known(ids)

    def recover(self) -> int:
        """Tidy a killed run's Parquet files and merge the partitions it wrote there but not into the store."""
        if self.parquet is None:
            return 0
        self.parquet.recover()
        if self.store is None:
            return 0
        missing = self.parquet.ids() - self.store.has_articles(self.parquet.ids())
        if not missing:
            return 0
        return self.store.write_tables(self.parquet.read(missing)).stored

    def release(self) -> None:
        if self.parquet is not None:
            self.parquet.release()

    def write(self, part: Partition, rows: Rows) -> tuple[int, int]:
        """Store a partition's rows and errors; returns (articles newly stored, articles found stored already)."""
        errors = [*part.errors, *rows.errors]
        stored = skipped = 0
        if self.parquet is not None:
            articles = rows.tables.get("articles")
            if articles is not None and articles.num_rows:
                self.parquet.write(part.key, rows.tables)
                stored = articles.num_rows
            self.parquet.write_errors(errors)
        if self.store is not None:
            result = self.store.write_tables(rows.tables, errors)
            stored, skipped = result.stored, result.skipped_duplicates
        return stored, skipped


def ingest(items: Iterable[Article | InputError], sinks: Sinks, executor: Executor, partition_size: int = 32,
           default_date: str | None = None, on_progress: Callable[[Counts, int], None] | None = None) -> Counts:
    """Extract every new article of ``items`` into ``sinks``; ``on_progress(counts, n_inputs_done)`` follows."""
    counts = Counts()
    try:
        counts.recovered = sinks.recover()
        for part, rows in executor.map(plan(items, partition_size, sinks.known, default_date)):
            errors = [*part.errors, *rows.errors]
            stored, skipped = sinks.write(part, rows)
            counts.stored += stored
            counts.skipped += part.skipped + skipped
            counts.failed += sum(1 for e in errors if e.severity == "error")
            counts.warnings += sum(1 for e in errors if e.severity != "error")
            counts.inputs += part.n_inputs
            counts.peak_rss_mb = max(counts.peak_rss_mb, rows.peak_rss_mb)
            counts.errors.extend(errors)
            if on_progress is not None:
                on_progress(counts, part.n_inputs)
    finally:
        sinks.release()
    return counts

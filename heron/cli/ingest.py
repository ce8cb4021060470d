"""``heron ingest``: read articles in partitions, extract them here or on Dask workers, and store them."""
from __future__ import annotations

from pathlib import Path

import click

from heron.nlp.budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB file to store into (created if missing).")
@click.option("--batch-size", type=click.IntRange(1, 10_000),
              help="Input items per partition: one task, one transaction; a crash never leaves half a partition. "
                   "[default: 32; 8 with --workers/--cluster, so that the last partitions finish together]")
@click.option("--date", help="Article date (YYYY-MM-DD) for inputs that do not carry one.")
@click.option("--model", help="spaCy pipeline to use (package name or path).")
@click.option("--workers", type=click.IntRange(1, 256),
              help="Extract on a local Dask cluster of N worker processes (each loads the models once).")
@click.option("--cluster", metavar="ADDRESS",
              help="Extract on a running Dask cluster, e.g. tcp://scheduler:8786 (workers need heron installed).")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 100),
              help="With --workers/--cluster: times a failed partition is retried.")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
              help="Also write a Parquet dataset here: DIR/<table>/date=YYYY-MM-DD/part-<hash>.parquet.")
@click.option("--no-db", is_flag=True, help="Write only the --parquet dataset, no DuckDB store.")
@click.option("--dedup/--no-dedup", default=True, show_default=True,
              help="Rebuild the store's global_events (events merged across articles) and position_threads "
                   "(positions followed across articles) tables after the ingest.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              help="Seconds one article may take; past it the article becomes an error record "
                   "('timed out after N s') and the batch goes on. 0: no limit.")
@click.option("--memory-limit", default=DEFAULT_MEMORY_MB, show_default=True, type=click.FloatRange(min=0),
              metavar="MB", help="Resident memory (MB) the process may reach while an article is processed (on "
                                 "Dask workers: each worker process); past it the article becomes an error record "
                                 "('over the memory budget ...') and the batch goes on. 0: no limit; none either "
                                 "where /proc/self/statm cannot be read (not Linux).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def command(inputs: tuple[str, ...], db: str, batch_size: int | None, date: str | None, model: str | None,
            workers: int | None, cluster: str | None, retries: int, parquet_dir: str | None, no_db: bool,
            dedup: bool, timeout: float, memory_limit: float, quiet: bool) -> None:
    """Extract INPUTS (files, folders, jsonl/csv exports, html, or - for stdin) into the store.

    Articles already in the store (same text) are skipped, so running the same
    ingest twice adds nothing, and an ingest that was killed finishes the rest.
    Inputs that cannot be read are recorded in the store's errors table with
    their name and reason (see `heron query errors`).

    \b
    heron ingest news/ --db news.duckdb --workers 2
    heron ingest news/ --db news.duckdb --cluster tcp://scheduler:8786 --parquet out/
    """
    from heron.ingest import read_inputs
    from heron.scale import DaskExecutor, DatasetBusy, InProcess, ParquetDataset, Sinks, ingest
    from heron.store import StoreError

    if workers and cluster:
        raise click.UsageError("give --workers (a local cluster) or --cluster (a running one), not both")
    if no_db and not parquet_dir:
        raise click.UsageError("--no-db needs --parquet DIR: the results must go somewhere")
    if batch_size is None:
        batch_size = 8 if workers or cluster else 32
    if not cluster:
        _check_model(model)  # here, not once per partition on every worker
    console = Console(stderr=True)
    store = None if no_db else _open_store(db)
    name = str(parquet_dir) if no_db else db
    try:
        sinks = Sinks(store, ParquetDataset(Path(parquet_dir)) if parquet_dir else None)
        with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                      console=console, disable=quiet) as progress:
            task = progress.add_task("ingest", total=None, status="starting workers" if workers or cluster
                                     else "loading models")
            try:
                budget, memory_mb = timeout or None, memory_limit or None
                executor = (DaskExecutor(model, workers=workers, address=cluster, retries=retries, budget=budget,
                                         memory_mb=memory_mb)
                            if workers or cluster else InProcess(model, budget, memory_mb))
            except OSError as exc:  # an unreachable scheduler
                raise click.ClickException(f"cannot reach the Dask cluster {cluster}: {exc}") from exc
            shown = 0

            def report(counts, advance: int) -> None:
                nonlocal shown
                progress.update(task, advance=advance, status=f"stored {counts.stored} skipped {counts.skipped} "
                                                              f"failed {counts.failed}")
                for err in counts.errors[shown:]:
                    progress.console.print(f"[yellow]{err.severity}[/yellow] {err.input}: {err.reason}",
                                           markup=True, highlight=False)
                shown = len(counts.errors)

            try:
                counts = ingest(read_inputs(inputs), sinks, executor, batch_size, date, report)
            finally:
                executor.close()
            if store is not None and dedup:
                progress.update(task, status="merging events across articles")
                store.rebuild_global_events()
                progress.update(task, status="following positions across articles")
                store.rebuild_position_threads()
    except (StoreError, DatasetBusy) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if store is not None:
            store.close()
    failed, warnings = counts.failed, counts.warnings
    click.echo(f"{name}: stored {counts.stored}, skipped {counts.skipped} (already stored), failed {failed}"
               + (f", warnings {warnings}" if warnings else "")
               + (f", merged {counts.recovered} from {parquet_dir} into the store" if counts.recovered else "")
               + (f" - see `heron query --db {db} errors`" if (failed or warnings) and store is not None else ""))


def _open_store(db: str):
    from heron.store import Store, StoreError

    try:
        # the file is open only while a batch is written, so `heron serve` can read the store meanwhile
        return Store(db, release=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _check_model(model: str | None) -> None:
    from heron.nlp.model import ModelNotFound, find_model

    try:
        find_model(model)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from exc

"""``heron ingest``: read articles in batches, extract, and store them in DuckDB."""
from __future__ import annotations

import itertools
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from heron.ingest import InputError
from heron.records import Article


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(itertools.islice(items, size)):
        yield batch


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB file to store into (created if missing).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction: a crash never leaves half a batch stored.")
@click.option("--date", help="Article date (YYYY-MM-DD) for inputs that do not carry one.")
@click.option("--model", help="spaCy pipeline to use (package name or path).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def command(inputs: tuple[str, ...], db: str, batch_size: int, date: str | None, model: str | None,
            quiet: bool) -> None:
    """Extract INPUTS (files, folders, jsonl/csv exports, html, or - for stdin) into the store.

    Articles already in the store (same text) are skipped, so running the same
    ingest twice adds nothing. Inputs that cannot be read are recorded in the
    store's errors table with their name and reason (see `heron query errors`).
    """
    from heron.cli.batch import extract_all
    from heron.ingest import read_inputs
    from heron import pipeline
    from heron.store import Store

    console = Console(stderr=True)
    stored = skipped = failed = warnings = 0
    heron = None
    with Store(db) as store, Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(),
                                      MofNCompleteColumn(), TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                                      console=console, disable=quiet) as progress:
        task = progress.add_task("ingest", total=None, status="")
        for batch in _batches(iter(read_inputs(inputs)), batch_size):
            errors = [item for item in batch if isinstance(item, InputError)]
            articles: list[Article] = []
            seen: set[str] = set()
            for item in batch:
                if isinstance(item, Article):
                    if item.date is None and date:
                        item.date = date
                    if item.id in seen:
                        skipped += 1
                    else:
                        seen.add(item.id)
                        articles.append(item)
            known = store.has_articles([a.id for a in articles])
            new = [a for a in articles if a.id not in known]
            skipped += len(articles) - len(new)
            if new and heron is None:
                progress.update(task, status="loading models")
                heron = pipeline(model)
            extractions = extract_all(heron, new, errors) if new else []
            result = store.write(extractions, errors)
            stored += result.stored
            skipped += result.skipped_duplicates
            failed += sum(1 for e in errors if e.severity == "error")
            warnings += sum(1 for e in errors if e.severity != "error")
            progress.update(task, advance=len(batch),
                            status=f"stored {stored} skipped {skipped} failed {failed}")
            for err in errors:
                progress.console.print(f"[yellow]{err.severity}[/yellow] {err.input}: {err.reason}",
                                       markup=True, highlight=False)
    click.echo(f"{db}: stored {stored}, skipped {skipped} (already stored), failed {failed}"
               + (f", warnings {warnings}" if warnings else "")
               + (" - see `heron query --db %s errors`" % db if failed or warnings else ""))

"""``heron export``: every table of a store to parquet, jsonl or csv files, one file per table."""
from __future__ import annotations

from pathlib import Path

import click

from heron.store import EXPORT_FORMATS, Store, StoreError


@click.command(name="export")
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The heron database to export.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the files (created if missing; files of the same name are replaced).")
def command(db: Path, fmt: str, out: Path) -> None:
    """Write articles, actors, mentions, places, quotes, events and errors to OUT/<table>.<format>."""
    if not db.is_file():
        raise click.ClickException(f"no heron database at {db}")
    try:
        with Store(db, read_only=True) as store:
            files = store.export(out, fmt)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    width = max(len(f.table) for f in files)
    for f in files:
        click.echo(f"{f.table:<{width}}  {f.rows:>8} rows  {f.path}")
    click.echo(f"{len(files)} files, {sum(f.rows for f in files)} rows in {out}")

"""``heron evaluate events [DIR]``: whole-article event extraction against heron's own gold (gold/events)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from heron.evaluate.events import GOLD_DIR, WIKINEWS_DIR


@click.command("events")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Which articles to score (all: dev and test, each shown on its own line too).")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the Wikinews CSVs [default: ../shared/data/wikinews beside the repo].")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--model", default=None, help="spaCy pipeline to use (package name or path).")
def command(folder: Path | None, split: str, data_dir: Path | None, as_json: bool, model: str | None) -> None:
    """Score heron's events, type and dyad P/R/F1, against the gold in FOLDER [default: gold/events of the repo],
    with the two annotators' agreement on the double-coded articles beside them."""
    from heron.evaluate.events import GoldError, evaluate, lines

    try:
        report = evaluate(folder or GOLD_DIR, split=split, data_dir=data_dir or WIKINEWS_DIR, model=model)
    except GoldError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(lines(report)))

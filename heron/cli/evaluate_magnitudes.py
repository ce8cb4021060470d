"""``heron evaluate magnitudes [DIR]``: killed, injured, arrested, displaced and missing counts against heron's
own gold (gold/magnitudes)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from heron.evaluate.magnitudes import GOLD_DIR, WIKINEWS_DIR


@click.command("magnitudes")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Which sentences to score (all: dev and test, each shown on its own line too).")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the Wikinews CSVs [default: ../shared/data/wikinews beside the repo].")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--model", default=None, help="spaCy pipeline to use (package name or path).")
def command(folder: Path | None, split: str, data_dir: Path | None, as_json: bool, model: str | None) -> None:
    """Score heron's magnitudes, (kind, count) P/R/F1 and qualifier and cumulative accuracy, against the gold
    sentences in FOLDER [default: gold/magnitudes of the repo]: as read from the sentences and as carried by
    the extracted events."""
    from heron.evaluate.events import GoldError
    from heron.evaluate.magnitudes import evaluate, lines

    try:
        report = evaluate(folder or GOLD_DIR, split=split, data_dir=data_dir or WIKINEWS_DIR, model=model)
    except GoldError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(lines(report)))

"""``heron evaluate events [DIR]``: whole-article event extraction against heron's own gold (gold/events)."""
from __future__ import annotations

from pathlib import Path

import click

from heron.cli.gold_options import gold_options, print_report
from heron.evaluate.events import GOLD_DIR, WIKINEWS_DIR


@click.command("events")
@gold_options("articles", splits=("dev", "test", "train"))
def command(folder: Path | None, split: str, data_dir: Path | None, as_json: bool, model: str | None) -> None:
    """Score heron's events, type and dyad P/R/F1, against the gold in FOLDER [default: gold/events of the repo],
    with the two annotators' agreement on the double-coded articles beside them."""
    from heron.evaluate.events import evaluate, lines

    print_report(evaluate, lines, folder, GOLD_DIR, split, data_dir, WIKINEWS_DIR, as_json, model)

"""``heron evaluate magnitudes [DIR]``: killed, injured, arrested, displaced and missing counts against heron's
own gold (gold/magnitudes)."""
from __future__ import annotations

from pathlib import Path

import click

from heron.cli.gold_options import gold_options, print_report
from heron.evaluate.magnitudes import GOLD_DIR, WIKINEWS_DIR


@click.command("magnitudes")
@gold_options("sentences")
def command(folder: Path | None, split: str, data_dir: Path | None, as_json: bool, model: str | None) -> None:
    """Score heron's magnitudes, (kind, count) P/R/F1 and qualifier and cumulative accuracy, against the gold
    sentences in FOLDER [default: gold/magnitudes of the repo]: as read from the sentences and as carried by
    the extracted events."""
    from heron.evaluate.magnitudes import evaluate, lines

    print_report(evaluate, lines, folder, GOLD_DIR, split, data_dir, WIKINEWS_DIR, as_json, model)

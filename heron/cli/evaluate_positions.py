"""``heron evaluate positions [DIR]``: offers, demands and answers, their links, and claim groups, against heron's
own gold (gold/positions)."""
from __future__ import annotations

from pathlib import Path

import click

from heron.cli.gold_options import gold_options, print_report
from heron.evaluate.positions import GOLD_DIR, SHARED_DIR


@click.command("positions")
@gold_options("articles", data_help="The shared data folder holding wikinews/ and polnear/ "
                                    "[default: ../shared/data beside the repo].")
def command(folder: Path | None, split: str, data_dir: Path | None, as_json: bool, model: str | None) -> None:
    """Score heron's positions (holder + kind + overlapping content), condition and response links, and claim
    groups (pairs of claims), P/R/F1, against the gold in FOLDER [default: gold/positions of the repo]."""
    from heron.evaluate.positions import evaluate, lines

    print_report(evaluate, lines, folder, GOLD_DIR, split, data_dir, SHARED_DIR, as_json, model)

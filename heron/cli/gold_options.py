"""What the commands scoring heron's own gold (`evaluate events`, `evaluate magnitudes`, `evaluate positions`) share: the
folder argument, the split/data/json/model options and the run that prints the report."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


WIKINEWS_HELP = "Folder of the Wikinews CSVs [default: ../shared/data/wikinews beside the repo]."


def gold_options(unit: str, data_help: str = WIKINEWS_HELP, splits: tuple[str, ...] = ("dev", "test")
                 ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """FOLDER, --split, --data, --json and --model; ``unit`` names what a split holds ("articles"), ``splits``
    the splits a gold folder may hold."""
    def apply(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed((
            click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)),
            click.option("--split", type=click.Choice([*splits, "all"]), default="all", show_default=True,
                         help=f"Which {unit} to score (all: every split the folder holds, each shown on its own "
                              "line too)."),
            click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         default=None, help=data_help),
            click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON."),
            click.option("--model", default=None, help="spaCy pipeline to use (package name or path)."),
        )):
            func = option(func)
        return func
    return apply


def print_report(evaluate: Callable[..., Any], lines: Callable[[Any], list[str]], folder: Path | None, gold_dir: Path,
                 split: str, data_dir: Path | None, wikinews_dir: Path, as_json: bool, model: str | None) -> None:
    """Run ``evaluate`` on the gold and print its report as text or JSON; a broken gold file is a clean error."""
    from heron.evaluate.events import GoldError

    try:
        report = evaluate(folder or gold_dir, split=split, data_dir=data_dir or wikinews_dir, model=model)
    except GoldError as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else "\n".join(lines(report)))

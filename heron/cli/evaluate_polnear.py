"""``heron evaluate polnear FOLDER``: quote attribution scores on a PolNeAR split."""
from __future__ import annotations

import json

import click

from heron.evaluate.polnear import PolnearFormatError, evaluate

_ROWS = (
    ("content precision", "content_precision"),
    ("content recall", "content_recall"),
    ("content F1", "content_f1"),
    ("content+speaker precision", "speaker_precision"),
    ("content+speaker recall", "speaker_recall"),
    ("content+speaker F1", "speaker_f1"),
    ("direct recall", "direct_recall"),
    ("non-direct recall", "nondirect_recall"),
    ("content recall, 3+ words", "long_content_recall"),
    ("content+speaker recall, 3+", "long_speaker_recall"),
    ("documents per second", "docs_per_second"),
)


@click.command("polnear")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N articles (sorted by name).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def command(folder: str, limit: int | None, as_json: bool) -> None:
    """Score heron's quotes against the PolNeAR split in FOLDER (with text/ and attributions/)."""
    try:
        result = evaluate(folder, limit=limit)
    except (FileNotFoundError, PolnearFormatError) as err:
        raise click.ClickException(str(err)) from err
    figures = result.to_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"PolNeAR {folder}: {result.documents} documents, {result.gold} gold attributions, "
               f"{result.predicted} predicted quotes ({result.direct_gold} direct / {result.nondirect_gold} other gold)")
    for label, key in _ROWS:
        click.echo(f"  {label:<28}{figures[key]:.3f}")

"""`heron evaluate geo FOLDER`: geoparsing scores on a brat corpus (see heron.evaluate.geo)."""
from __future__ import annotations

import json

import click


@click.command("geo")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--model", default=None, help="spaCy pipeline to use (package name or path).")
def command(folder: str, as_json: bool, limit: int | None, model: str | None) -> None:
    """Score toponym resolution and recognition on FOLDER (NAME.txt + NAME.ann, brat)."""
    from heron.evaluate.geo import BratError, evaluate
    from heron.nlp.model import load_spacy

    try:
        report = evaluate(folder, nlp=load_spacy(model), limit=limit)
    except BratError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(report.lines()))

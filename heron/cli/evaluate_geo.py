"""`heron evaluate geo PATH`: geoparsing scores on a brat corpus or GeoVirus' XML (see heron.evaluate.geo)."""
from __future__ import annotations

import json

import click


@click.command("geo")
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--model", default=None, help="spaCy pipeline to use (package name or path).")
@click.option("--points", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A GeoNames dump (e.g. geo/extra/geonames-no-country.txt) locating gold ids the gazetteer lacks.")
def command(path: str, as_json: bool, limit: int | None, model: str | None, points: str | None) -> None:
    """Score toponym resolution and recognition on PATH: a brat folder (NAME.txt + NAME.ann) or GeoVirus.xml."""
    from heron.evaluate.geo import BratError, evaluate
    from heron.nlp.model import load_spacy

    try:
        report = evaluate(path, nlp=load_spacy(model), limit=limit, points=points)
    except BratError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo("\n".join(report.lines()))

"""``heron setup``: build the derived indexes once (the gazetteer), so later runs start fast."""
from __future__ import annotations

import time

import click


@click.command("setup")
def command() -> None:
    """Build heron's offline indexes from the installed packages (no downloads)."""
    from heron.nlp.model import find_model
    from heron.resolve.gazetteer import build_index

    start = time.perf_counter()
    path = build_index()
    click.echo(f"gazetteer index: {path} ({time.perf_counter() - start:.1f} s)")
    click.echo(f"spaCy pipeline: {find_model()}")

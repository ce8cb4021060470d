"""``heron setup``: build the derived indexes once (the gazetteer, the actor base), so later runs start fast."""
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
    from heron.resolve.actor_base import load_base
    from heron.resolve.actor_base.build import file_stamp, cache_path, user_actors_path

    start = time.perf_counter()
    load_base()
    user = user_actors_path()
    click.echo(f"actor base: {cache_path(user, file_stamp(user))} ({time.perf_counter() - start:.1f} s)")
    click.echo(f"spaCy pipeline: {find_model()}")

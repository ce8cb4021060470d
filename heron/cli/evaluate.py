"""``heron evaluate``: one scorer per benchmark, each in its own module."""
from __future__ import annotations

import click

from heron.cli.main import LazyGroup


@click.group(
    "evaluate",
    cls=LazyGroup,
    lazy={
        "plv": "heron.cli.evaluate_plv",
        "polnear": "heron.cli.evaluate_polnear",
        "geo": "heron.cli.evaluate_geo",
        "timex": "heron.cli.evaluate_timex",
        "events": "heron.cli.evaluate_events",
        "actors": "heron.cli.evaluate_actors",
        "magnitudes": "heron.cli.evaluate_magnitudes",
        "positions": "heron.cli.evaluate_positions",
        "quotes-junk": "heron.cli.evaluate_quote_junk",
    },
)
def command() -> None:
    """Score heron on a benchmark and print the figures."""

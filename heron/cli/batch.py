"""Printing the errors a batch collected; reading and extracting the batch is heron.nlp.batch."""
from __future__ import annotations

import click

from heron.ingest import InputError


def report_errors(errors: list[InputError], limit: int = 50) -> None:
    for err in errors[:limit]:
        label = "warning" if err.severity == "warning" else "error"
        click.echo(f"heron: {label}: {err.input}: {err.reason}", err=True)
    if len(errors) > limit:
        click.echo(f"heron: ... and {len(errors) - limit} more", err=True)

"""The ``heron`` command. Subcommands load lazily so ``heron --help`` answers without loading spaCy."""
from __future__ import annotations

import importlib
import os

import click

from heron import __version__


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when invoked (click's documented pattern)."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, _, attr = self.lazy[name].partition(":")
            cmd = getattr(importlib.import_module(module), attr or "command")
            cmd.name = name  # modules name their command object "command"
            return cmd
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup,
    lazy={
        "extract": "heron.cli.extract",
        "ingest": "heron.cli.ingest",
        "query": "heron.cli.query",
        "positions": "heron.cli.positions",
        "claims": "heron.cli.claims",
        "export": "heron.cli.export",
        "evaluate": "heron.cli.evaluate",
        "train": "heron.cli.train",
        "setup": "heron.cli.setup",
        "actors": "heron.cli.actors",
        "bench": "heron.cli.bench",
        "serve": "heron.cli.serve",
        "fuzz": "heron.cli.fuzz",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="heron")
def cli() -> None:
    """heron reads news and writes down what happened: events, quotes, actors, places and dates."""


def main() -> None:
    # One BLAS thread per heron process (see heron/nlp/blas.py): set before numpy loads OpenBLAS.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli()


if __name__ == "__main__":
    main()

"""The ``heron`` command. Subcommands load lazily so ``heron --help`` answers without loading spaCy."""
from __future__ import annotations

import importlib
import importlib.abc
import os
import sys

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


# The commands that parse text load spaCy, hence thinc; the store and web commands (query, positions, claims,
# export, serve) never do, and neither does ``heron --help``, so they do not pay for importing thinc.
PARSES_TEXT = frozenset({"extract", "ingest", "evaluate", "train", "setup", "actors", "bench", "fuzz"})


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
        "soak": "heron.cli.soak",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="heron")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """heron reads news and writes down what happened: events, quotes, actors, places and dates."""
    # click runs the group before its subcommand, so thinc is set up before the command first imports it
    if ctx.invoked_subcommand in PARSES_TEXT:
        thinc_without_torch()


class _NoTorch(importlib.abc.MetaPathFinder):
    """Answers that torch is not installed."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001, ANN201
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def thinc_without_torch() -> None:
    """Have thinc (spaCy's layers) start as if torch were not installed.

    thinc imports torch whenever it is installed (``heron[train]`` installs it), only to offer torch-backed
    layers that no spaCy pipeline heron loads uses: 2.5 s of every text command's start. torch stays importable
    afterwards (``heron train`` imports it itself); only thinc's own torch bridge is off in this process.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    blocker = _NoTorch()
    sys.meta_path.insert(0, blocker)
    try:
        import thinc.compat  # noqa: F401
    finally:
        sys.meta_path.remove(blocker)


def main() -> None:
    # One BLAS thread per heron process (see heron/nlp/blas.py): set before numpy loads OpenBLAS.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli()


if __name__ == "__main__":
    main()

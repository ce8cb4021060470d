"""``heron evaluate plv``: typing and end-to-end scores on a PLV TSV file."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("plv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--folds", type=int, default=None,
              help="Cross-validate: retrain the typer on K-1 folds and score each held-out fold (on PLV_train, "
                   "folds of the rows not set aside). Without it or --aside the shipped typer is scored on FILE.")
@click.option("--aside", is_flag=True,
              help="Train a typer on the rows of PLV_train not set aside and score the aside fifth "
                   "(heron/data/plv/plv_train_aside.tsv): the figure no setting was tuned on.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--no-end-to-end", is_flag=True, help="Score typing with gold spans only (skips the full pipeline).")
@click.option("--encoder", "design", type=click.Choice(["fine-tune", "pretrained", "none"]), default=None,
              help="With --folds or --aside: the encoder the retrained typers read: MiniLM fine-tuned on each "
                   "training part (minutes per typer, cached), the pretrained MiniLM, or none (parse features "
                   "only). Default: the shipped typer's design. Fine-tune and pretrained need the train extra "
                   "unless cached.")
def command(file: Path, folds: int | None, aside: bool, as_json: bool, no_end_to_end: bool,
            design: str | None) -> None:
    """Score event typing (given spans) and the whole pipeline (end to end) on FILE."""
    from heron.evaluate.plv import evaluate

    try:
        report = evaluate(file, folds=folds, aside=aside, run_end_to_end=not no_end_to_end, design=design,
                          log=lambda line: click.echo(line, err=True))
    except (OSError, ValueError, RuntimeError) as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    _print(report)


def _print(report) -> None:
    from heron.cli.console import console as stdout_console
    from rich.table import Table

    console = stdout_console()
    t = report.typing
    console.print(f"[bold]PLV[/bold] {report.file} — {t.n} sentences: {report.scope}")
    console.print("[bold]Typing with the gold spans[/bold]")
    summary = Table("", "macro-F1", "accuracy")
    summary.add_row("root (15)", f"{t.root_macro_f1:.3f}", f"{t.root_accuracy:.3f}")
    summary.add_row("quad (4)", f"{t.quad_macro_f1:.3f}", f"{t.quad_accuracy:.3f}")
    console.print(summary)
    for title, classes in (("root", t.roots), ("quad", t.quads)):
        table = Table(title, "precision", "recall", "F1", "support")
        for c in classes:
            table.add_row(c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
        console.print(table)
    console.print(f"typing speed on parsed sentences: {report.typing_per_cpu_second:,.0f} sentences per CPU-second")
    e = report.end_to_end
    console.print("[bold]End to end (full pipeline on the raw sentence)[/bold]")
    if not e.available:
        console.print(f"[yellow]not available:[/yellow] {e.reason}")
    else:
        table = Table("", "value")
        table.add_row("triple recall (root + source + target)", f"{e.triple_recall:.3f}")
        table.add_row("type recall (an event of the gold root)", f"{e.type_recall:.3f}")
        table.add_row("events per sentence", f"{e.events_per_sentence:.2f}")
        table.add_row("sentences", str(e.n))
        console.print(table)
    console.print(f"time {report.seconds:.1f}s")

"""``heron evaluate timex FOLDER``: DATE recognition and value accuracy on TimeML files (TimeBank)."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("timex")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also list this many mismatches.")
@click.option("--model", default=None, help="spaCy pipeline to use (package name or path).")
def command(folder: Path, as_json: bool, show_errors: int, model: str | None) -> None:
    """Score heron's date expressions against the TIMEX3 DATEs of every .tml file in FOLDER."""
    from heron.evaluate.timex import TimeMLError, evaluate

    try:
        result = evaluate(folder, model=model)
    except TimeMLError as err:
        raise click.ClickException(str(err)) from err
    errors = result.pop("errors")
    if as_json:
        click.echo(json.dumps({**result, "errors": errors[:show_errors]}, indent=2))
        return
    click.echo(f"{result['documents']} documents; TIMEX3 DATE expressions")
    click.echo(f"{'split':6} {'gold':>5} {'pred':>5}  {'strict P/R/F1':>20}  {'relaxed P/R/F1':>20}  "
               f"{'value acc':>9} {'(strict)':>8} {'value F1':>8}")
    for split in ("all", "even", "odd"):
        f = result[split]
        click.echo(
            f"{split:6} {f['gold']:>5} {f['predicted']:>5}  "
            f"{f['strict_precision']:.3f}/{f['strict_recall']:.3f}/{f['strict_f1']:.3f}  "
            f"{f['relaxed_precision']:.3f}/{f['relaxed_recall']:.3f}/{f['relaxed_f1']:.3f}  "
            f"{f['value_accuracy']:>9.3f} {f['value_accuracy_strict']:>8.3f} {f['value_f1']:>8.3f}"
        )
    for e in errors[:show_errors]:
        click.echo(f"  {e['doc']} [{e['dct']}] gold={e['gold']!r}:{e['gold_value']} "
                   f"pred={e['predicted']!r}:{e['predicted_value']}")

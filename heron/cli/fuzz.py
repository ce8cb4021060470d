"""``heron fuzz``: hostile inputs through every reader and the extractor; reports the crashes, saved to disk."""
from __future__ import annotations

import json
import time
from pathlib import Path

import click

from heron.nlp.budget import DEFAULT_TIMEOUT


@click.command("fuzz")
@click.option("--examples", default=1_000, show_default=True, type=click.IntRange(1),
              help="Inputs to generate (readers and heron.extract together).")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed; the same seed, the same inputs.")
@click.option("--api-share", default=0.05, show_default=True, type=click.FloatRange(0, 1),
              help="Share of the inputs given straight to heron.extract as raw text; the rest are files for the "
                   "readers.")
@click.option("--extract-every", default=10, show_default=True, type=click.IntRange(1),
              help="Also extract every N-th article the readers produce.")
@click.option("--no-extract", is_flag=True, help="Readers and their checks only: no model, about 1,000 inputs/s.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              help="Seconds per extracted article before it becomes a 'timed out' error record. 0: no limit.")
@click.option("--out", default="heron-fuzz", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the crashing inputs (crash-NNNN.*, with a traceback beside each) and report.json.")
@click.option("--model", help="spaCy pipeline to use (package name or path).")
def command(examples: int, seed: int, api_share: float, extract_every: int, no_extract: bool, timeout: float,
            out: str, model: str | None) -> None:
    """Generate EXAMPLES hostile inputs (malformed Unicode, huge and empty files, broken JSON, CSV and HTML,
    absurd dates...) and check that each ends as articles or error records naming it, never a crash.

    \b
    heron fuzz --examples 2000                # a few minutes
    nice -n 10 heron fuzz --examples 100000   # a long run
    """
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        raise click.ClickException("heron fuzz needs hypothesis: pip install 'heron-events[test]'") from None
    from heron.fuzz.run import Fuzzer, run

    folder = Path(out)
    pipeline = None
    if not no_extract:
        from heron import load

        pipeline = load(model)
    fuzzer = Fuzzer(folder, pipeline, extract_every=extract_every, budget=timeout or None)
    started = time.monotonic()

    def write_report(tally) -> dict:
        report = {
            "inputs": tally.total, "seed": seed, "seconds": round(time.monotonic() - started),
            "by_path": dict(sorted(tally.inputs.items())), "articles_read": tally.articles,
            "error_records": tally.error_records, "warnings": tally.warnings, "extracted": tally.extracted,
            "timed_out": tally.timed_out, "refused_by_heron_extract": tally.refused,
            "crashes": [{"path": c.path, "input": str(c.saved), "error": c.error} for c in tally.crashes],
        }
        # rewritten after every round, so a run stopped early still says what it did
        (folder / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return report

    def progress(tally) -> None:
        write_report(tally)
        click.echo(f"heron fuzz: {tally.total} inputs, {tally.inputs['extract'] + tally.inputs['api']} extractions, "
                   f"{len(tally.crashes)} crashes, {time.monotonic() - started:.0f} s", err=True)

    tally = run(fuzzer, examples, 0.0 if no_extract else api_share, seed, progress)
    report = write_report(tally)
    for name, n in report["by_path"].items():
        click.echo(f"{name:12} {n:>8}")
    click.echo(f"inputs {tally.total}, articles read {tally.articles}, error records {tally.error_records}, "
               f"warnings {tally.warnings}, extracted {tally.extracted}, timed out {tally.timed_out}, "
               f"refused by heron.extract {tally.refused}, crashes {len(tally.crashes)}")
    for crash in tally.crashes[:20]:
        click.echo(f"crash: {crash.path}: {crash.saved}: {crash.error}")
    if tally.crashes:
        raise SystemExit(1)

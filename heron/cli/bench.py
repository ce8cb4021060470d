"""``heron bench``: how fast heron runs, against the bare spaCy pipeline it is built on."""
from __future__ import annotations

import json
from pathlib import Path

import click

_HERE = Path(__file__).resolve()
DEFAULT_CORPUS = _HERE.parents[3] / "shared" / "data" / "wikinews"
DEFAULT_COLD_INPUT = _HERE.parents[2] / "examples" / "istanbul-talks.txt"


@click.command("bench")
@click.argument("corpus", required=False, type=click.Path(exists=True, file_okay=True))
@click.option("--tokens", "min_tokens", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Repeat the corpus until the workload holds at least this many tokens (20000 for a quick run).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--model", help="spaCy pipeline to use (package name or path); default: the best installed one.")
@click.option("--skip-bare", is_flag=True, help="Do not time bare spaCy.")
@click.option("--skip-heron", is_flag=True, help="Do not time heron end to end.")
@click.option("--cold-start/--no-cold-start", default=True, show_default=True,
              help="Also time `heron extract` on one example in a fresh process.")
@click.option("--cold-input", type=click.Path(exists=True, dir_okay=False), default=None,
              help=f"File for the cold start [default: {DEFAULT_COLD_INPUT.name} from the repo's examples].")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON instead of a table.")
def command(corpus: str | None, min_tokens: int, batch_size: int, model: str | None, skip_bare: bool,
            skip_heron: bool, cold_start: bool, cold_input: str | None, as_json: bool) -> None:
    """Measure throughput (articles/s, tokens/s), peak memory and cold-start time.

    CORPUS is a folder or file of articles (default: ../shared/data/wikinews beside the repo).

    \b
    Examples:
      heron bench --tokens 20000
      heron bench --json > bench.json
    """
    from heron.bench import run_benchmark

    corpus_path = Path(corpus) if corpus else DEFAULT_CORPUS
    if not corpus_path.exists():
        raise click.UsageError(f"corpus {corpus_path} not found: give a folder of articles")
    cold_path = None
    if cold_start:
        cold_path = Path(cold_input) if cold_input else DEFAULT_COLD_INPUT
        if not cold_path.exists():
            raise click.UsageError(f"cold-start input {cold_path} not found: give --cold-input FILE")
    try:
        result = run_benchmark(corpus_path, min_tokens=min_tokens, batch_size=batch_size, model=model,
                               run_bare=not skip_bare, run_heron=not skip_heron, cold_start_input=cold_path,
                               log=lambda msg: click.echo(msg, err=True))
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        _print_table(result)


def _print_table(result) -> None:
    from heron.cli.console import console as stdout_console
    from rich.table import Table

    console = stdout_console()
    console.print(f"heron bench: {result.workload_articles} articles, {result.workload_tokens:,} tokens "
                  f"(corpus {result.corpus_articles} articles, {result.corpus_tokens:,} tokens; "
                  f"batch {result.batch_size})")
    table = Table()
    # Short headers keep the table whole in an 80-column terminal.
    for col in ("run", "art/s", "tok/s", "tok/CPU-s", "wall s", "warm-up s", "peak MiB"):
        table.add_column(col, justify="left" if col == "run" else "right", no_wrap=True)
    for run in (result.bare, result.bare_same_blas, result.heron):
        if run is not None:
            table.add_row(run.name, f"{run.articles_per_s:.2f}", f"{run.tokens_per_s:,.0f}",
                          f"{run.tokens_per_cpu_s:,.0f}", f"{run.seconds:.1f}",
                          f"{run.warmup_seconds:.1f}", f"{run.peak_rss_mb:,.0f}")
    console.print(table)
    if result.ratio is not None:
        cpu = f", {result.ratio_cpu:.3f} (CPU time)" if result.ratio_cpu is not None else ""
        console.print(f"heron / bare spaCy speed: {result.ratio:.3f} (wall){cpu}")
    if result.ratio_same_blas is not None and result.blas != "blis":
        console.print(f"heron / bare spaCy on the same {result.blas} BLAS: {result.ratio_same_blas:.3f} (wall); "
                      "spaCy's BLIS falls back to its generic kernel on this CPU (see heron/nlp/blas.py)")
    if result.heron_error:
        console.print(f"[red]heron failed:[/red] {result.heron_error}")
    if result.cold_start is not None:
        cs = result.cold_start
        status = "ok" if cs.returncode == 0 else f"exit {cs.returncode}: {cs.error}"
        console.print(f"cold start (heron extract, fresh process): {cs.seconds:.1f} s ({status})")
    load = f"{result.load_before:.1f}" if result.load_before is not None else "?"
    console.print(f"model {result.model}; {result.cpu_count} CPUs, load average {load} at start")
    for note in result.notes:
        console.print(f"note: {note}")

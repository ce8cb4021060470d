"""``heron extract``: read articles and print what heron finds, without storing anything."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from heron.cli.console import console
from heron.nlp.budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

FORMATS = ("table", "json", "jsonl", "csv", "gdelt", "plover", "acled")


@click.command("extract")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table: readable tables; json: one document; jsonl: one line per article; csv: one file per table; "
                   "gdelt: GDELT 2.0 event rows; plover: PLOVER JSON lines; acled: ACLED-style CSV.")
@click.option("--date", help="Article date (YYYY-MM-DD) for inputs that do not carry one; anchors relative dates.")
@click.option("--out", type=click.Path(), help="Write here instead of stdout (a folder for csv).")
@click.option("--model", help="spaCy pipeline to use (package name or path); default: the best installed English one.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0),
              help="Seconds one article may take; past it the article becomes an error record "
                   "('timed out after N s') and the batch goes on. 0: no limit.")
@click.option("--memory-limit", default=DEFAULT_MEMORY_MB, show_default=True, type=click.FloatRange(min=0),
              metavar="MB", help="Resident memory (MB) the process may reach while an article is processed (on "
                                 "Dask workers: each worker process); past it the article becomes an error record "
                                 "('over the memory budget ...') and the batch goes on. 0: no limit; none either "
                                 "where /proc/self/statm cannot be read (not Linux).")
def command(inputs: tuple[str, ...], fmt: str, date: str | None, out: str | None, model: str | None,
            timeout: float, memory_limit: float) -> None:
    """Extract events, quotes, actors, places and dates from INPUTS (files, folders, or - for stdin).

    \b
    Examples:
      heron extract article.txt
      heron extract article.txt --format json
      cat article.txt | heron extract - --date 2022-03-30
    """
    from heron import load
    from heron.cli.batch import report_errors
    from heron.cli.render import render
    from heron.nlp.batch import extract_all, read_articles
    from heron.tables import write_csv, write_json
    from heron.formats import WRITERS

    if not inputs:
        raise click.UsageError("give at least one input file or folder, or - to read stdin")
    errors: list = []
    articles = list(read_articles(inputs, errors, default_date=date))
    extractions = extract_all(load(model), articles, errors, timeout or None, memory_limit or None) if articles else []
    report_errors(errors)

    if fmt == "csv":
        if not out:
            raise click.UsageError("--format csv writes one file per table: give --out DIR")
        for table, n in write_csv(extractions, out).items():
            click.echo(f"wrote {Path(out) / f'{table}.csv'} ({n} rows)", err=True)
    elif fmt != "table":
        stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            if fmt in ("json", "jsonl"):
                write_json(extractions, stream, lines=fmt == "jsonl")
            else:
                WRITERS[fmt](extractions, stream)
        finally:
            if out:
                stream.close()
    else:
        out_console = console(open(out, "w", encoding="utf-8") if out else None)
        for ex in extractions:
            render(ex, out_console)
    if any(e.severity == "error" for e in errors):
        sys.exit(1)

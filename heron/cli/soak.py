"""``heron soak``: one corpus ingested without faults, under client SIGKILLs and under Dask worker SIGKILLs;
the three stores must be identical."""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

DEFAULT_WIKINEWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "wikinews"  # <repo>/../shared/data


@click.command("soak")
@click.option("--articles", default=20_000, show_default=True, type=click.IntRange(1),
              help="Distinct articles to generate (plus 2% exact repeats and 0.5% unreadable inputs).")
@click.option("--kills", default=10, show_default=True, type=click.IntRange(0),
              help="SIGKILLs of the ingest client (run B), restarted after each.")
@click.option("--worker-kills", type=click.IntRange(0),
              help="SIGKILLs of busy Dask workers (run C).  [default: --kills]")
@click.option("--dask-workers", default=2, show_default=True, type=click.IntRange(0),
              help="Workers of run C; 0 leaves run C out.")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seeds the corpus and the kill moments; the same seed, the same corpus.")
@click.option("--wikinews", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the Wikinews CSVs the articles are made from.  [default: ../shared/data/wikinews]")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the corpus, the three stores and the ingest logs, kept afterwards (it must not "
                   "hold a previous soak).  [default: a temporary folder, deleted at the end]")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the report as JSON here.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def command(articles: int, kills: int, worker_kills: int | None, dask_workers: int, seed: int,
            wikinews: Path | None, work: Path | None, report_path: Path | None, quiet: bool) -> None:
    """Soak `heron ingest` under faults: make --articles articles from the Wikinews data and ingest them:

    \b
    A  uninterrupted, in one process (the reference);
    B  in one process, SIGKILLed --kills times at random moments (every other
       one while a batch is being written) and started again until it ends;
    C  on --dask-workers local Dask workers, SIGKILLing a busy worker
       (mid-partition) --worker-kills times;

    then compare B and C with A: every table's rows (a hash of the sorted rows),
    and every unreadable input in `errors`. Exits 1 on any difference.

    \b
    heron soak --articles 300 --kills 3                  # about 2 minutes
    nice -n 10 heron soak --articles 20000 --kills 10    # about an hour on 2 cores
    """
    from heron.scale import soak

    wikinews = wikinews or DEFAULT_WIKINEWS
    if not wikinews.is_dir():
        raise click.UsageError(f"no Wikinews folder at {wikinews}; give --wikinews DIR")
    worker_kills = kills if worker_kills is None else worker_kills
    keep = work is not None
    folder = work if keep else Path(tempfile.mkdtemp(prefix="heron-soak-"))
    if keep and folder.exists() and any(folder.iterdir()):
        raise click.UsageError(f"{folder} is not empty: give a new --work folder")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    console = Console(stderr=True)
    started = time.monotonic()
    dbs = {"A": folder / "a.duckdb", "B": folder / "b.duckdb", "C": folder / "c.duckdb"}
    report: dict = {"seed": seed, "work": str(folder)}
    try:
        with Progress(TextColumn("[bold]{task.description:<26}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[status]}"), TimeElapsedColumn(), console=console,
                      disable=quiet) as progress:
            bar = progress.add_task("corpus", total=articles, status="")
            corpus = soak.make_corpus(wikinews, folder / "corpus", articles, seed,
                                      on_article=lambda: progress.advance(bar))
            report["corpus"] = {"articles": corpus.articles, "repeats": corpus.repeats, "bad_inputs": len(corpus.bad),
                                "inputs": corpus.inputs}

            def follower(task, db: Path):
                last = [0.0]

                def tick(kills=None) -> None:
                    now = time.monotonic()
                    if now - last[0] < 3:
                        return
                    last[0] = now
                    n = soak.stored_articles(db)
                    status = "" if kills is None else f"kills {kills.delivered}, runs {kills.runs}"
                    if n is not None:
                        progress.update(task, completed=n, status=status)
                    else:
                        progress.update(task, status=status)
                return tick

            task = progress.add_task("A uninterrupted", total=corpus.articles, status="")
            seconds_a = soak.run_plain(corpus.folder, dbs["A"], folder / "a.log", tick=follower(task, dbs["A"]))
            progress.update(task, completed=corpus.articles, status=f"{seconds_a:.0f} s")
            report["A"] = {"seconds": round(seconds_a)}

            task = progress.add_task(f"B {kills} client kills", total=corpus.articles, status="")
            b = soak.run_with_client_kills(corpus.folder, dbs["B"], folder / "b.log", kills, seconds_a, rng,
                                           tick=follower(task, dbs["B"]))
            progress.update(task, completed=corpus.articles, status=f"kills {b.delivered}, {b.seconds:.0f} s")
            report["B"] = {"kills": b.delivered, "kills_during_write": b.during_write, "runs": b.runs,
                           "seconds": round(b.seconds)}
            if dask_workers:
                task = progress.add_task(f"C {worker_kills} worker kills", total=corpus.articles, status="")
                c = soak.run_with_worker_kills(corpus.folder, dbs["C"], folder / "c.log", dask_workers,
                                               worker_kills, seconds_a / dask_workers, rng,
                                               tick=follower(task, dbs["C"]))
                progress.update(task, completed=corpus.articles, status=f"kills {c.delivered}, {c.seconds:.0f} s")
                report["C"] = {"workers": dask_workers, "worker_kills": c.delivered, "seconds": round(c.seconds)}
            else:
                dbs.pop("C")
            task = progress.add_task("compare", total=len(dbs), status="")
            tables = soak.digests(dbs["A"])
            report["tables"] = {name: d.rows for name, d in tables.items()}
            differences: dict[str, list[str]] = {}
            for name, db in dbs.items():
                found = [f"errors: no row for bad input {m}" for m in soak.missing_errors(db, corpus.bad)]
                if name != "A":
                    found = [str(d) for d in soak.compare(dbs["A"], db)] + found
                differences[name] = found
                progress.advance(task)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    report["differences"] = {name: len(found) for name, found in differences.items()}
    report["seconds"] = round(time.monotonic() - started)
    stored = report["tables"].get("articles", 0)
    click.echo(f"corpus: {corpus.articles} articles, {corpus.repeats} repeats, {len(corpus.bad)} unreadable inputs "
               f"(seed {seed})")
    click.echo(f"A uninterrupted: {stored} articles, {report['tables'].get('events', 0)} events, "
               f"{report['tables'].get('quotes', 0)} quotes, {report['tables'].get('errors', 0)} errors "
               f"in {report['A']['seconds']} s")
    click.echo(f"B client SIGKILLs: {b.delivered} delivered ({b.during_write} while a batch was being written), "
               f"{b.runs} runs, {report['B']['seconds']} s")
    if "C" in report:
        click.echo(f"C Dask worker SIGKILLs: {report['C']['worker_kills']} delivered to busy workers "
                   f"({dask_workers} workers), {report['C']['seconds']} s")
    click.echo("tables compared: " + ", ".join(f"{name} {rows}" for name, rows in report["tables"].items()))
    for name, found in differences.items():
        label = "A (bad inputs in errors)" if name == "A" else f"{name} against A"
        click.echo(f"{label}: {len(found)} differences")
        for line in found[:20]:
            click.echo(f"  {line}")
    click.echo(f"total {report['seconds']} s" + (f"; stores and logs in {folder}" if keep else ""))
    if report_path is not None:
        report["difference_lines"] = differences
        report_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if any(differences.values()):
        raise SystemExit(1)

"""``heron query``: filtered events, quotes, actors, places, articles or errors from a store, or read-only SQL."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from heron.cli.console import console
from rich.table import Table

from heron.tables import csv_value
from heron.store import Store, StoreError

# Which filters each target understands (option name -> Store.query_* keyword).
FILTERS: dict[str, dict[str, str]] = {
    "events": {"actor": "actor", "country": "country", "type": "type", "quad": "quad", "since": "since",
               "until": "until", "place": "place", "text": "text"},
    "quotes": {"actor": "speaker", "country": "country", "kind": "kind", "since": "since", "until": "until",
               "text": "text"},
    "actors": {"actor": "actor", "country": "country", "sector": "sector", "kind": "kind"},
    "places": {"place": "place", "country": "country"},
    "articles": {"text": "text", "source": "source", "since": "since", "until": "until"},
    "errors": {},
    "global-events": {"actor": "actor", "country": "country", "type": "type", "quad": "quad", "since": "since",
                      "until": "until", "place": "place"},
}
EVIDENCE_CHARS = 80


def _short(text: Any, n: int = EVIDENCE_CHARS) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _codes(codes: list | None, names: list | None) -> str:
    # an uncoded actor still shows, by name
    return ", ".join(c or (n or "?") for c, n in zip(codes or [], names or [], strict=False))


# Per target: the table columns shown (header, cell from a result row). JSON/CSV keep every column.
VIEWS: dict[str, list[tuple[str, Callable[[dict], Any]]]] = {
    "events": [
        ("type", lambda r: r["type"]),
        ("date", lambda r: r["date_value"] or r["article_date"] or ""),
        ("source", lambda r: _codes(r["source_codes"], r["source_names"])),
        ("target", lambda r: _codes(r["target_codes"], r["target_names"])),
        ("place", lambda r: r["place_name"] or ""),
        ("mode", lambda r: ", ".join(r["mode"] or [])),
        ("trigger", lambda r: r["trigger_text"] or ""),
        ("evidence", lambda r: _short(r["evidence_text"])),
    ],
    "quotes": [
        ("date", lambda r: r["article_date"] or ""),
        ("speaker", lambda r: r["speaker_name"] or ""),
        ("code", lambda r: r["speaker_code"] or ""),
        ("kind", lambda r: r["kind"]),
        ("attitude", lambda r: r["attitude"]),
        ("content", lambda r: _short(r["content"])),
    ],
    "actors": [
        ("name", lambda r: r["name"]),
        ("code", lambda r: r["code"] or ""),
        ("country", lambda r: r["country"] or ""),
        ("sector", lambda r: r["sector"] or ""),
        ("kind", lambda r: r["kind"]),
        ("mentions", lambda r: r["n_mentions"]),
        ("date", lambda r: r["article_date"] or ""),
    ],
    "places": [
        ("name", lambda r: r["name"]),
        ("geonames", lambda r: r["geonames_id"] if r["geonames_id"] is not None else ""),
        ("country", lambda r: r["country"] or ""),
        ("lat", lambda r: r["lat"] if r["lat"] is not None else ""),
        ("lon", lambda r: r["lon"] if r["lon"] is not None else ""),
        ("feature", lambda r: r["feature"] or ""),
        ("date", lambda r: r["article_date"] or ""),
    ],
    "articles": [
        ("article_id", lambda r: r["article_id"]),
        ("date", lambda r: r["date"] or ""),
        ("title", lambda r: _short(r["title"], 60)),
        ("source", lambda r: r["source"] or ""),
        ("events", lambda r: r["n_events"]),
        ("quotes", lambda r: r["n_quotes"]),
    ],
    "global-events": [
        ("type", lambda r: r["type"]),
        ("date", lambda r: r["date_start"] if r["date_start"] == r["date_end"] else
                           f"{r['date_start']}..{r['date_end']}"),
        ("source", lambda r: ", ".join(r["source_codes"] or [])),
        ("target", lambda r: ", ".join(r["target_codes"] or [])),
        ("place", lambda r: r["place_name"] or ""),
        ("assertion", lambda r: r["assertion"]),
        ("articles", lambda r: r["num_articles"]),
        ("sources", lambda r: r["num_sources"]),
        ("mentions", lambda r: r["num_mentions"]),
    ],
    "errors": [
        ("input", lambda r: r["input"] or ""),
        ("severity", lambda r: r["severity"] or ""),
        ("reason", lambda r: r["reason"] or ""),
        ("recorded_at", lambda r: r["recorded_at"]),
    ],
}


def _print_table(title: str, headers: Sequence[str], cells: Sequence[Sequence[Any]], lines: bool = False) -> None:
    table = Table(title=title, show_lines=lines)
    for h in headers:
        table.add_column(h, overflow="fold")
    for row in cells:
        table.add_row(*[str(c) for c in row])
    console().print(table)


def _print_csv(headers: Sequence[str], cells: Sequence[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(headers)
    for row in cells:
        writer.writerow([csv_value(c) for c in row])


def _print_json(headers: Sequence[str], cells: Sequence[Sequence[Any]]) -> None:
    records = [dict(zip(headers, row, strict=True)) for row in cells]
    click.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))


def _emit(fmt: str, title: str, headers: Sequence[str], cells: Sequence[Sequence[Any]]) -> None:
    if fmt == "json":
        _print_json(headers, cells)
    elif fmt == "csv":
        _print_csv(headers, cells)
    else:
        _print_table(title, headers, cells)


def _run_target(store: Store, target: str, filters: dict[str, Any], limit: int, offset: int, fmt: str) -> None:
    if target == "errors":
        results = store.errors(limit=limit, offset=offset)
    else:
        results = getattr(store, f"query_{target.replace('-', '_')}")(**filters, limit=limit, offset=offset)
    if fmt == "table":
        headers = [h for h, _ in VIEWS[target]]
        cells = [[cell(r) for _, cell in VIEWS[target]] for r in results]
        _print_table(f"{target}: {len(results)} shown (offset {offset})", headers, cells)
    elif results:
        headers = list(results[0])
        _emit(fmt, target, headers, [[r[h] for h in headers] for r in results])
    else:
        _emit(fmt, target, [], [])


@click.command(name="query")
@click.argument("target", required=False, type=click.Choice(list(FILTERS)))
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The heron database to read.")
@click.option("--sql", "sql_text", help="One read-only SQL statement (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN).")
@click.option("--actor", help="Actor code prefix (RUS finds RUSGOV, RUSMIL) or name substring; speaker for quotes.")
@click.option("--country", help="ISO3 country of an actor (or, for events, of the place).")
@click.option("--type", "type_", help="PLOVER event type(s), comma separated: ASSAULT,COERCE.")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--place", help="Place name substring or GeoNames id.")
@click.option("--text", help="Substring of the evidence / quote / article text.")
@click.option("--since", help="From this date on (yyyy-mm-dd, yyyy-mm or yyyy).")
@click.option("--until", help="Up to this date (inclusive).")
@click.option("--kind", help="Quote kind (direct, indirect, mixed) or actor kind (person, organization, ...).")
@click.option("--sector", help="Actor sector: GOV, MIL, ...")
@click.option("--source", help="Article source substring.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def command(target: str | None, db: Path, sql_text: str | None, limit: int, offset: int, fmt: str,
            **options: Any) -> None:
    """Show what the store holds: TARGET is events, quotes, actors, places, articles, errors, or global-events
    (events merged across the articles that report them, with their numbers of articles and sources).

    \b
    heron query --db heron.duckdb events --actor RUS --type ASSAULT --since 2022-03-01
    heron query --db heron.duckdb --sql "select type, count(*) from events group by type"
    """
    if (target is None) == (sql_text is None):
        raise click.UsageError("give either a TARGET (events, quotes, ...) or --sql, not both")
    given = {name.rstrip("_"): value for name, value in options.items() if value is not None}
    if sql_text is not None and given:
        raise click.UsageError("filters do not apply to --sql; put them in the WHERE clause")
    if target is not None:
        wrong = sorted(set(given) - set(FILTERS[target]))
        if wrong:
            allowed = ", ".join(f"--{f}" for f in FILTERS[target]) or "none"
            raise click.UsageError(f"{', '.join('--' + w for w in wrong)} not valid for {target} (valid: {allowed})")
    if not db.is_file():
        raise click.ClickException(f"no heron database at {db} (create one with `heron ingest --db {db} ...`)")
    try:
        with Store(db, read_only=True) as store:
            if sql_text is not None:
                columns, rows = store.sql(sql_text)
                _emit(fmt, "sql", columns, rows)
            else:
                filters = {FILTERS[target][name]: value for name, value in given.items()}
                _run_target(store, target, filters, limit, offset, fmt)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc

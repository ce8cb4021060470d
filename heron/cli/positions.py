"""``heron positions``: who offered, demanded, refused or answered what, from a store; or the same positions
followed across articles (``--threads``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from heron.cli.query import _codes, _print_table, _short
from heron.store import Store, StoreError
from heron.store.queries import POSITION_KINDS

CONTENT_CHARS = 70


def _who(codes: list | None, names: list | None) -> str:
    # a name with its code when it has one: "Ukraine [UKR]"; an uncoded holder still shows, by name
    out = []
    for code, name in zip(codes or [], names or [], strict=False):
        out.append(f"{name} [{code}]" if name and code else (name or code or "?"))
    return "; ".join(out)


def _kind(r: dict[str, Any]) -> str:
    kind = f"{r['kind']} ({r['answer']})" if r.get("answer") else r["kind"]
    to = _codes(r.get("addressee_codes"), r.get("addressee_names"))
    return f"{kind} to {to}" if to else kind


def _responses(r: dict[str, Any]) -> str:
    lines = [f"{_codes(a['holder_codes'], a['holder_names'])} {a['answer'] or a['kind']}: "
             f"{_short(a['content_text'], 40)} ({a['position_id']})" for a in r.get("answered_by") or []]
    if r.get("answers"):
        a = r["answers"]
        lines.append(f"answers {_codes(a['holder_codes'], a['holder_names'])} {a['kind']}: "
                     f"{_short(a['content_text'], 40)} ({a['position_id']})")
    return "\n".join(lines)


COLUMNS: list[tuple[str, Any]] = [
    ("holder", lambda r: _who(r["holder_codes"], r["holder_names"])),
    ("kind", _kind),
    ("content", lambda r: _short(r["content_text"], CONTENT_CHARS)),
    ("conditions", lambda r: "\n".join(_short(c["clause_text"], 50) for c in r["conditions"])),
    ("guarantors", lambda r: _codes([g["code"] for g in r["guarantors"]], [g["name"] for g in r["guarantors"]])),
    ("status", lambda r: r["status"]),
    ("responses", _responses),
    ("date", lambda r: r["date_value"] or r["article_date"] or ""),
    ("article", lambda r: f"{r['article_id'][:10]} {r['position_id']}"),
]
THREAD_COLUMNS: list[tuple[str, Any]] = [
    ("holders", lambda t: ", ".join(t["holders"] or [])),
    ("family", lambda t: t["family"]),
    ("content", lambda t: _short(t["content_text"], CONTENT_CHARS)),
    ("key", lambda t: t["content_key"]),
    ("first", lambda t: t["first_date"] or ""),
    ("last", lambda t: t["last_date"] or ""),
    ("articles", lambda t: t["num_articles"]),
    ("positions", lambda t: t["num_positions"]),
    ("answers", lambda t: ", ".join(f"{', '.join(a['holder_codes'] or [])} {a['answer'] or a['kind']}"
                                    for a in t["responses"])),
    ("statuses", lambda t: ", ".join(t["statuses"] or [])),
]


def open_store(db: Path) -> Store:
    if not db.is_file():
        raise click.ClickException(f"no heron database at {db} (create one with `heron ingest --db {db} ...`)")
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command(name="positions")
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The heron database to read.")
@click.option("--actor", help="A holder or addressee: code prefix (RUS finds RUSGOV), ISO3 country or name "
                              "substring.")
@click.option("--between", nargs=2, metavar="A B",
              help="Positions of A facing B and of B facing A: addressed to the other, answering a position the "
                   "other holds, or answered by it.")
@click.option("--kind", help=f"Kind(s), comma separated: {', '.join(POSITION_KINDS)}. With --threads: offer, "
                             "demand or rejection.")
@click.option("--status", type=click.Choice(["open", "considered", "countered", "accepted", "rejected"]),
              help="What the article says became of the position.")
@click.option("--since", help="From this date on (yyyy-mm-dd, yyyy-mm or yyyy).")
@click.option("--until", help="Up to this date (inclusive).")
@click.option("--text", help="Words in the content or the sentence stating it.")
@click.option("--threads", is_flag=True,
              help="Show positions followed across articles (same holders, kind and head words within 30 days) "
                   "instead of one row per position.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=0))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json keeps every column, with each position's conditions, guarantors and answers.")
def command(db: Path, actor: str | None, between: tuple[str, str] | None, kind: str | None, status: str | None,
            since: str | None, until: str | None, text: str | None, threads: bool, limit: int, offset: int,
            fmt: str) -> None:
    """Offers, demands, proposals, conditions, concessions, commitments, rejections and the answers to them,
    with their conditions, guarantors and status, in date order.

    \b
    heron positions --db heron.duckdb --between UKR RUS --since 2022-02-24
    heron positions --db heron.duckdb --actor NATO --kind rejection
    heron positions --db heron.duckdb --threads --actor UKR
    """
    if threads and (between or status):
        raise click.UsageError("--between and --status do not apply to --threads")
    with open_store(db) as store:
        try:
            if threads:
                found = store.query_position_threads(actor=actor, kind=kind, since=since, until=until, text=text,
                                                     limit=limit, offset=offset)
            else:
                found = store.query_positions(actor=actor, between=between, kind=kind, status=status, since=since,
                                              until=until, text=text, limit=limit, offset=offset)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    columns = THREAD_COLUMNS if threads else COLUMNS
    title = f"{'position threads' if threads else 'positions'}: {len(found)} shown (offset {offset})"
    _print_table(title, [h for h, _ in columns], [[cell(r) for _, cell in columns] for r in found], lines=True)

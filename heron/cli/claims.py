"""``heron claims``: what two or more actors say about one event, side by side, from a store."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from heron.cli.console import console
from heron.cli.positions import open_store
from heron.cli.query import _short
from heron.store import StoreError


@click.command(name="claims")
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The heron database to read.")
@click.option("--about", help="Words of the event mention or of a claim (withdrawal, redeployment), or an event "
                              "type (RETREAT).")
@click.option("--actor", help="Some holder of the group: code prefix, ISO3 country or name substring.")
@click.option("--since", help="Articles from this date on (yyyy-mm-dd, yyyy-mm or yyyy).")
@click.option("--until", help="Articles up to this date (inclusive).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0), help="Claim groups shown.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(db: Path, about: str | None, actor: str | None, since: str | None, until: str | None, limit: int,
            offset: int, fmt: str) -> None:
    """Claims and counter-claims about one event: per group the event type, the words naming the event, and
    each holder with its attitude (assert, believe, deny, doubt) and what it says.

    \b
    heron claims --db heron.duckdb --about withdrawal
    heron claims --db heron.duckdb --actor RUS --since 2022-03
    """
    with open_store(db) as store:
        try:
            groups = store.query_claims(about=about, actor=actor, since=since, until=until, limit=limit,
                                        offset=offset)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(groups, ensure_ascii=False, indent=2, default=str))
        return
    out = console()
    if not groups:
        out.print(f"claims: no group shown (offset {offset})")
    for g in groups:
        # one table per group: its holders are its columns, so the claims read side by side
        title = (f"{g['event_type'] or 'event'} \u201c{_short(g['about_text'], 60)}\u201d \u00b7 "
                 f"{g['article_date'] or ''}")
        caption = f"{_short(g['article_title'] or '', 60)} [{g['article_id'][:10]} {g['claim_group_id']}]"
        table = Table(title=title, caption=caption, show_lines=True)
        for c in g["claims"]:
            who = c["holder_name"] or "(unknown)"
            table.add_column(f"{who} [{c['holder_code']}]" if c["holder_code"] else who, overflow="fold")
        table.add_row(*[c["attitude"] for c in g["claims"]])
        table.add_row(*[_short(c["content_text"], 120) for c in g["claims"]])
        out.print(table)

"""``heron serve``: the web workspace and JSON API over a store, read-only, on 127.0.0.1 by default."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("serve")
@click.option("--db", default="heron.duckdb", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The DuckDB store to serve (read from a copy, renewed when an ingest writes to it).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 exposes the store to the network. On a loopback address "
                   "only requests for 127.0.0.1, localhost or [::1] are answered (no DNS rebinding).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def command(db: Path, host: str, port: int, log_level: str) -> None:
    """Browse events, articles, timeline, network, map and quotes at http://HOST:PORT/ (API docs at /docs).

    \b
    heron serve --db heron.duckdb
    heron serve --db heron.duckdb --port 8080
    """
    from heron.web import server
    from heron.web.app import create_app
    from heron.web.guard import LOOPBACK_HOSTS
    from heron.web.index import WebError

    click.echo(f"heron: indexing {db} (a few seconds per million events) ...")
    try:
        app = create_app(db, allowed_hosts=LOOPBACK_HOSTS if host.strip("[]") in LOOPBACK_HOSTS else None)
    except WebError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"heron: serving {db} read-only at http://{host}:{port}/, with what an ingest adds to it "
               "(Ctrl-C stops)")
    server.run(app, host=host, port=port, log_level=log_level)


if __name__ == "__main__":
    command()

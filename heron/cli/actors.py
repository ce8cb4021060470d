"""``heron actors``: see the actor base (shipped + the user's file), add actors to it, and check how a name codes."""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from functools import lru_cache
from typing import Any

import click

from heron.datafiles import DataFileError
from heron.resolve.actor_base import (
    USER_COLUMNS,
    ActorBase,
    Entry,
    append_user_row,
    load_base,
    read_tsv,
    user_actors_path,
    user_row_problems,
)

FORMATS = ("table", "tsv", "json")
LIST_KINDS = ("person", "country", "seat", "igo", "group", "region")
LIST_COLUMNS = ("kind", "name", "code", "country", "sector", "role", "start", "end", "aliases", "source")
LOOKUP_COLUMNS = ("mention", "name", "code", "country", "sector", "role", "kind", "kb_id")

def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None

def _base() -> ActorBase:
    try:
        return load_base()
    except DataFileError as exc:  # a broken user file: say which line, do not print a traceback
        raise click.ClickException(str(exc)) from None

def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)

def _emit(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str, title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([{c: _text(r.get(c)) or None for c in columns} for r in rows], indent=2,
                              ensure_ascii=False))
    elif fmt == "tsv":
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(columns)
        writer.writerows([_text(r.get(c)) for c in columns] for r in rows)
    else:
        from heron.cli.console import console
        from rich.table import Table

        table = Table(title=title)
        for column in columns:
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(*(_text(r.get(c)) for c in columns))
        # a pipe or a test runner gets a wide table; a terminal keeps its own width
        console().print(table)

# -- list ----------------------------------------------------------------------------------------

def _entry_row(entry: Entry, names: list[str]) -> dict[str, Any]:
    return {"kind": entry.kind, "name": entry.name, "code": entry.code, "country": entry.country,
            "sector": entry.sector, "aliases": "; ".join(n for n in names if n != entry.name), "source": entry.source}

def base_rows(base: ActorBase, kind: str | None = None, country: str | None = None, sector: str | None = None,
              name: str | None = None, day: dt.date | None = None) -> list[dict[str, Any]]:
    """Rows of the base matching the filters: one per office for people (only offices held on ``day``
    when given), one per country, seat, organisation, group or region."""
    rows: list[dict[str, Any]] = []
    if kind in (None, "country"):
        for c in base.countries.values():
            rows.append({"kind": "country", "name": c.name, "code": c.iso3, "country": c.iso3,
                         "aliases": "; ".join(n for n in c.names if n != c.name), "source": "shipped",
                         "_names": c.names})
    if kind != "person":
        for entry in base.all_entries():
            if entry.kind != "country" and kind in (None, entry.kind):
                names = base.entry_names[entry]
                rows.append({**_entry_row(entry, names), "_names": (entry.name, *names)})
    if kind in (None, "person"):
        for person in base.all_people:
            offices = person.offices_at(day) if day else person.offices
            for office in offices:
                rows.append({"kind": "person", "name": person.name, "code": office.code, "country": office.country,
                             "sector": office.sector, "role": office.role, "start": office.start, "end": office.end,
                             "aliases": "; ".join(n for n in person.names if n != person.name), "source": office.source,
                             "_names": person.names})
    needle = name.lower() if name else None
    return [
        r for r in rows
        if (country is None or r.get("country") == country.upper())
        and (sector is None or r.get("sector") == sector.upper())
        and (needle is None or any(needle in n.lower() for n in r["_names"]))
    ]

# -- add -----------------------------------------------------------------------------------------

def _check_country(code: str, base: ActorBase) -> str:
    """An ISO3 code pycountry or the base knows (the base adds a few, e.g. XKX Kosovo), else a clear error."""
    import pycountry

    upper = code.strip().upper()
    if upper in base.countries or pycountry.countries.get(alpha_3=upper) is not None:
        return upper
    try:
        guess = pycountry.countries.lookup(code.strip())
    except LookupError:
        hint = "e.g. UKR, RUS, USA"
    else:
        hint = f"did you mean {guess.alpha_3} ({guess.name})?"
    raise click.BadParameter(f"{code!r} is not an ISO 3166 alpha-3 country code: {hint}", param_hint="'--country'")

# -- lookup --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _spacy(model: str | None = None):
    from heron.nlp.model import load_spacy

    return load_spacy(model)

def lookup_rows(text: str, day: dt.date, base: ActorBase, nlp) -> list[dict[str, Any]]:
    """How heron codes ``text`` on ``day``: the actors of a one-sentence article with ``text`` as its subject."""
    from heron.components.actors import find_actors

    # news names actors as the subjects of reporting verbs; "Moscow" alone would be a place, "Moscow said" acts
    doc = nlp(f"{text} said.")
    doc._.article_date = day
    actors, _ = find_actors(doc, base)
    rows = []
    for actor in actors:
        inside = [m for m in actor.mentions if m.start < len(text)]
        if inside:
            rows.append({"mention": inside[0].text, "name": actor.name, "code": actor.code, "country": actor.country,
                         "sector": actor.sector, "role": actor.role, "kind": actor.kind, "kb_id": actor.kb_id})
    return rows

# -- the commands --------------------------------------------------------------------------------

@click.group("actors")
def command() -> None:
    """The actor base: list it, add your own actors, see how a name is coded.

    Your actors live in one TSV file (see `heron actors path`), merged over the shipped base; your rows win.
    """

@command.command("path")
def path_command() -> None:
    """Print where your actors file is (it need not exist yet)."""
    click.echo(str(user_actors_path()))

@command.command("list")
@click.option("--country", help="ISO3 code of the country (RUS).")
@click.option("--sector", help="Sector code (GOV, MIL ...).")
@click.option("--name", help="Part of a name or alias, any case (putin).")
@click.option("--date", "day", callback=_day, help="Only offices held on this date (YYYY-MM-DD).")
@click.option("--kind", type=click.Choice(LIST_KINDS), help="Only this kind of actor.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def list_command(country: str | None, sector: str | None, name: str | None, day: dt.date | None, kind: str | None,
                 fmt: str) -> None:
    """List the actor base (shipped and yours); people get one row per office.

    \b
    Examples:
      heron actors list --name putin
      heron actors list --country RUS --sector GOV --date 2022-03-30
      heron actors list --kind igo --format tsv
    """
    rows = base_rows(_base(), kind, country, sector, name, day)
    title = f"{len(rows)} actors" + (f" on {day.isoformat()}" if day else "")
    _emit(rows, LIST_COLUMNS, fmt, title)

@command.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(("person", "igo", "group")), default="person", show_default=True)
@click.option("--country", help="ISO3 code (UKR). People and groups.")
@click.option("--sector", help="Sector code from sectors.tsv (GOV, MIL, REB ...). People and groups.")
@click.option("--role", help='The office, as news writes it ("governor of Mykolaiv"). People.')
@click.option("--org", help="Organisation code, for an official of one (NATO). People.")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeat the option for more).")
@click.option("--surname", help="The surname news uses alone, when not the last word of the name. People.")
@click.option("--gender", type=click.Choice(("m", "f")), help="For he/she. People.")
@click.option("--start", help="First day of the office (YYYY-MM-DD). People.")
@click.option("--end", help="Last day of the office (YYYY-MM-DD); empty while in office. People.")
@click.option("--code", help="Code of an organisation (OSCE) or group (default: country + sector).")
def add_command(name: str, kind: str, country: str | None, sector: str | None, role: str | None, org: str | None,
                aliases: tuple[str, ...], surname: str | None, gender: str | None, start: str | None,
                end: str | None, code: str | None) -> None:
    """Add NAME to your actors file (one office of a person, an organisation or a group).

    \b
    Examples:
      heron actors add "Vitaliy Kim" --country UKR --sector GOV --role "governor of Mykolaiv" --start 2020-11-24
      heron actors add "Wagner Group" --kind group --country RUS --sector MIL --alias Wagner
      heron actors add "Organization for Security and Co-operation in Europe" --kind igo --code OSCE --alias OSCE
    """
    base = _base()
    row = {column: "" for column in USER_COLUMNS}
    row.update(kind=kind, name=" ".join(name.split()), aliases=";".join(a.strip() for a in aliases),
               surname=surname or "", gender=gender or "", org=(org or "").upper(), role=role or "",
               sector=(sector or "").upper(), start=start or "", end=end or "", code=(code or "").upper())
    if country:
        row["country"] = _check_country(country, base)
    sectors = {r["code"] for r in read_tsv("sectors.tsv")}
    problems = user_row_problems(row, set(base.countries), sectors)
    if problems:
        raise click.UsageError("not added: " + "; ".join(problems))
    path = user_actors_path()
    try:
        append_user_row(path, row)
        added = _base()  # the file changed: this reloads it, and proves it still loads
    except (DataFileError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"added {kind} {row['name']!r} to {path}")
    click.echo(f"  now coded: {_coded(added, row)}")

def _coded(base: ActorBase, row: dict[str, str]) -> str:
    """What the base now says about the added row's name."""
    if row["kind"] == "person":
        person = base.people_for(row["name"])[0]
        offices = [o for o in person.offices if o.source == "user"]
        return "; ".join(f"{person.name} {o.code} {o.role} {_text(o.start) or '…'} to {_text(o.end) or '…'}"
                         for o in offices)
    entry = base.entries_for(row["name"])[0]
    return f"{entry.name} {entry.code}"

@command.command("lookup")
@click.argument("text")
@click.option("--date", "day", callback=_day, help="Article date (YYYY-MM-DD); default: today.")
@click.option("--model", help="spaCy pipeline to use (package name or path); default: the best installed one.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def lookup_command(text: str, day: dt.date | None, model: str | None, fmt: str) -> None:
    """Show how heron codes TEXT (a name or a description) in an article of --date.

    \b
    Examples:
      heron actors lookup "the Russian president" --date 2022-03-30
      heron actors lookup "Boris Johnson" --date 2024-01-01
    """
    base = _base()
    day = day or dt.date.today()
    rows = lookup_rows(text, day, base, _spacy(model))
    if not rows:
        click.echo(f"heron finds no actor in {text!r} on {day.isoformat()}", err=True)
    _emit(rows, LOOKUP_COLUMNS, fmt, f"{text!r} on {day.isoformat()}")

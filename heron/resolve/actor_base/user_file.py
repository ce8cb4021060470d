"""The user's own actors file (``heron actors add``): where it is, checking its rows, appending to it.
Its format is documented in heron/data/actors/README.md; :mod:`heron.resolve.actor_base.build` merges it
over the shipped base."""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path

from heron.datafiles import parse_tsv
from heron.resolve.actor_base.base import ActorBaseError

USER_FILE_ENV = "HERON_ACTORS"  # path of the user actors file
HOME_ENV = "HERON_HOME"  # heron's per-user folder; the actors file is actors.tsv in it
# The user file: people.tsv's columns plus kind (person | igo | group) and code (organisations and groups).
USER_COLUMNS = ("kind", "name", "aliases", "surname", "gender", "country", "org", "role", "sector", "start", "end",
                "code")
USER_KINDS = ("person", "igo", "group")
# columns a kind of row may fill (name and kind always)
USER_KIND_COLUMNS = {
    "person": {"aliases", "surname", "gender", "country", "org", "role", "sector", "start", "end"},
    "igo": {"aliases", "code"},
    "group": {"aliases", "country", "sector", "code"},
}
CODE_RE = re.compile(r"[A-Z][A-Z0-9]{1,11}")


def user_actors_path() -> Path:
    """Where the user's actors file is: $HERON_ACTORS, else $HERON_HOME/actors.tsv, else ~/.config/heron/actors.tsv."""
    env = os.environ
    return _user_path(env.get(USER_FILE_ENV) or None, env.get(HOME_ENV) or None, env.get("HOME"))


@lru_cache(maxsize=8)
def _user_path(actors: str | None, heron_home: str | None, home: str | None) -> Path:
    # cached on the variables it depends on: load_base() asks for the path on every call
    if actors:
        return Path(actors).expanduser()
    if heron_home:
        return Path(heron_home).expanduser() / "actors.tsv"
    return Path.home() / ".config" / "heron" / "actors.tsv"


def user_row_problems(row: dict[str, str], countries: set[str], sectors: set[str]) -> list[str]:
    """What is wrong with one row of the user file (empty when it is fine).

    ``countries`` and ``sectors`` are the known ISO3 and sector codes.
    """
    problems = []
    kind = row.get("kind") or "person"
    if kind not in USER_KINDS:
        return [f"kind {kind!r} is not one of {', '.join(USER_KINDS)}"]
    if not row.get("name", "").strip():
        problems.append("name is empty")
    for column, value in row.items():
        if value and any(c in value for c in "\t\r\n"):
            problems.append(f"{column} holds a tab or line break")
        if value and column not in USER_KIND_COLUMNS[kind] | {"kind", "name"}:
            problems.append(f"column {column!r} is not used by {kind} rows (value {value!r})")
    country, sector = row.get("country", ""), row.get("sector", "")
    if country and country not in countries:
        problems.append(f"country {country!r} is not an ISO 3166 alpha-3 code heron knows (e.g. UKR, RUS, USA)")
    if sector and sector not in sectors:
        problems.append(f"sector {sector!r} is not one of {', '.join(sorted(sectors))}")
    for column in ("org", "code"):
        if row.get(column) and not CODE_RE.fullmatch(row[column]):
            problems.append(f"{column} {row[column]!r} must be an upper-case code (letters and digits, e.g. NATO)")
    if row.get("gender") and row["gender"] not in ("m", "f"):
        problems.append(f"gender {row['gender']!r} must be m, f or empty")
    dates = {}
    for column in ("start", "end"):
        if row.get(column):
            try:
                dates[column] = dt.date.fromisoformat(row[column])
            except ValueError:
                problems.append(f"{column} date {row[column]!r} is not an ISO date (YYYY-MM-DD)")
    if len(dates) == 2 and dates["start"] > dates["end"]:
        problems.append(f"start {row['start']} is after end {row['end']}")
    if kind == "person":
        if not row.get("role"):
            problems.append("a person needs a role (e.g. \"governor of Mykolaiv\")")
        if not sector:
            problems.append("a person needs a sector (e.g. GOV)")
    elif kind == "igo" and not row.get("code"):
        problems.append("an organisation needs a code (e.g. NATO)")
    elif kind == "group" and not sector:
        problems.append("a group needs a sector (e.g. REB, INS)")
    return problems


def read_user_rows(path: Path, countries: set[str], sectors: set[str]) -> list[dict[str, str]]:
    """The checked rows of the user file, every column of USER_COLUMNS present ("" when absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorBaseError(f"{path}: cannot read the actors file: {exc}") from exc
    header = _header(text)
    if header is not None and (set(header) - set(USER_COLUMNS) or "name" not in header):
        unknown = ", ".join(sorted(set(header) - set(USER_COLUMNS))) or "none"
        raise ActorBaseError(f"{path}: the header must name columns among {', '.join(USER_COLUMNS)}, "
                             f"name included; unknown: {unknown}")
    rows = parse_tsv(text, str(path), short_ok=True)
    checked = []
    for n, row in rows:
        full = {column: (row.get(column) or "").strip() for column in USER_COLUMNS}
        full["kind"] = full["kind"] or "person"
        problems = user_row_problems(full, countries, sectors)
        if problems:
            raise ActorBaseError(f"{path}: line {n} ({full['name'] or 'no name'}): {'; '.join(problems)}")
        checked.append(full)
    return checked


def append_user_row(path: Path, row: dict[str, str]) -> None:
    """Add one row to the user file, creating it (and its folder) with a full header if needed.

    An existing file keeps its own header; a row needing a column that header lacks is refused.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    header = _header(text)
    if header is None:
        header = list(USER_COLUMNS)
        text += "\t".join(header) + "\n"
    # a file without a kind column holds people only (people.tsv's columns)
    missing = [column for column, value in row.items()
               if value and column not in header and (column, value) != ("kind", "person")]
    if missing:
        raise ActorBaseError(f"{path}: its header has no column {', '.join(missing)}; add it to the header first")
    if text and not text.endswith("\n"):
        text += "\n"
    text += "\t".join(row.get(column, "") for column in header) + "\n"
    path.write_text(text, encoding="utf-8")


def _header(text: str) -> list[str] | None:
    """The column names of a TSV text (its first line that is not blank or a comment)."""
    return next((line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")), None)

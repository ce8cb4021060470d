"""heron's actor base: countries, seats of power, organisations, armed groups, office holders and role words.

The base is the TSV files under ``heron/data/actors/`` (reviewable, hand-edited). This module
loads them into lookup tables and answers the questions the ``heron_actors`` component asks:
what does this name refer to, who held this office on this date, what sector is this role.
It knows nothing about spaCy.

Users extend the base with their own actors file (``user_actors_path()``, format in
``heron/data/actors/README.md``), merged over the shipped files at load time; its rows win.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from heron.datafiles import DataFileError, parse_tsv, split_values
from heron.datafiles import read_tsv as _read_tsv

WEST = "WST"  # CAMEO region code used in place of a country for "the West", "Western officials"
# words that make a role a different, lower office: a deputy prime minister is not the prime minister
DEPUTY_WORDS = {"deputy", "vice", "assistant", "junior", "shadow", "former", "ex", "under", "first-deputy"}

SHIPPED, USER = "shipped", "user"  # where a row of the base comes from
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


class ActorBaseError(DataFileError):
    """A data file of the actor base is malformed."""


@dataclass(frozen=True)
class Entry:
    """Something a name in the text can refer to (not a person).

    kind: country | seat | igo | group | region. ``city`` marks seats that are cities, which are actors
    only where they act (``Moscow said``), not where they are places (``in Moscow``).
    """

    kb_id: str
    name: str
    kind: str
    code: str
    country: str | None
    sector: str | None
    city: bool = False
    source: str = SHIPPED


@dataclass(frozen=True)
class Office:
    country: str | None
    org: str | None
    role: str
    canonical: str  # role name normalised through roles.tsv ("premier" -> "prime minister")
    sector: str
    start: dt.date | None
    end: dt.date | None
    source: str = SHIPPED

    def covers(self, day: dt.date) -> bool:
        # inclusive: on a hand-over day both held office (holders() prefers the newcomer)
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def code(self) -> str:
        if self.org:
            return self.org
        # no country: leaders of transnational groups, coded like the groups (IMGINS)
        return f"{self.country}{self.sector}" if self.country else f"IMG{self.sector}"


@dataclass(frozen=True)
class Person:
    kb_id: str
    name: str
    names: tuple[str, ...]  # name and aliases
    surname: str
    gender: str | None  # m | f | None
    offices: tuple[Office, ...]

    def office_at(self, day: dt.date) -> Office | None:
        """The office held on ``day``; of two, the one taken up last (Shoigu in May 2024: security council)."""
        held = self.offices_at(day)
        return held[-1] if held else None

    def offices_at(self, day: dt.date) -> list[Office]:
        return [o for o in self.offices if o.covers(day)]

    def last_office_before(self, day: dt.date) -> Office | None:
        past = [o for o in self.offices if o.end is not None and o.end < day]
        return max(past, key=lambda o: o.end) if past else None

    @property
    def country(self) -> str | None:
        return next((o.country for o in self.offices if o.country), None)


@dataclass(frozen=True)
class Role:
    phrase: str
    canonical: str
    sector: str
    kind: str  # person | collective | modifier
    local: bool


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass
class ActorBase:
    countries: dict[str, Country] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # surface key -> entries
    people: dict[str, list[Person]] = field(default_factory=dict)  # surface key of full names/aliases
    surnames: dict[str, list[Person]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)  # surface key -> ISO3s ("Congolese": 2)
    roles: dict[str, Role] = field(default_factory=dict)  # lowercased phrase -> role (person/collective)
    modifiers: dict[str, Role] = field(default_factory=dict)  # lowercased word -> modifier role
    leader_roles: dict[str, str] = field(default_factory=dict)  # ISO3 -> office "the X leader" means
    object_verbs: frozenset[str] = frozenset()  # verbs whose object city is an actor (metonym_verbs.tsv)
    all_people: tuple[Person, ...] = ()
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)  # lowercased first word of every name, to skip fast
    entry_names: dict[Entry, list[str]] = field(default_factory=dict)  # entry -> its names as written (listings)

    # -- names ---------------------------------------------------------------------------------

    def entries_for(self, text: str) -> list[Entry]:
        found = _get(self.entries, text)
        if not found and text[:4].lower() == "the ":
            found = _get(self.entries, text[4:])
        return found

    def people_for(self, text: str) -> list[Person]:
        return _get(self.people, text)

    def people_by_surname(self, surname: str) -> list[Person]:
        return _get(self.surnames, surname)

    def demonym(self, text: str) -> str | None:
        """ISO3 of a demonym or adjective ("Russian", "Britons"), or None."""
        hits = _get(self.demonyms, text)
        return hits[0] if hits else None

    def country_of_name(self, text: str) -> str | None:
        """ISO3 when ``text`` names a country ("Britain", "the US")."""
        return next((e.country for e in self.entries_for(text) if e.kind == "country"), None)

    def role(self, phrase: str) -> Role | None:
        return self.roles.get(" ".join(phrase.lower().split()))

    def modifier(self, word: str) -> Role | None:
        return self.modifiers.get(word.lower())

    def canonical_role(self, phrase: str) -> str:
        """The canonical name of a role phrase; falls back on the phrase's last known role word."""
        words = phrase.lower().replace(",", " ").split()
        for i in range(len(words)):
            role = self.roles.get(" ".join(words[i:]))
            if role is not None:
                if i and words[i - 1] in DEPUTY_WORDS:
                    return f"{words[i - 1]} {role.canonical}"
                return role.canonical
        return " ".join(words)

    # -- offices ---------------------------------------------------------------------------------

    def holders(self, where: str, canonical: str, day: dt.date) -> list[Person]:
        """People holding office ``canonical`` of country/org ``where`` on ``day``.

        "leader" is the country's top office (leaders.tsv; else president, else prime minister).
        """
        if canonical == "leader":
            for office in (self.leader_roles.get(where), "president", "prime minister"):
                if office and office != "leader" and (top := self.holders(where, office, day)):
                    return top
        found = []
        for person in self.all_people:
            for office in person.offices_at(day):
                if office.canonical == canonical and where in (office.country, office.org):
                    found.append((office, person))
        incoming = [(o, p) for o, p in found if o.end != day]
        if incoming and len(incoming) < len(found):  # a hand-over day: the newcomer holds the office
            found = incoming
        users = [(o, p) for o, p in found if o.source == USER]
        if users:  # the user's file is newer knowledge than the shipped base (a successor the base lacks)
            found = users
        return [person for _, person in found]

    def all_entries(self) -> list[Entry]:
        """Every non-person entry still reachable by at least one name, in load order."""
        return [entry for entry, names in self.entry_names.items() if names]


def surface_key(text: str) -> str:
    """Lookup key of a name: acronyms keep their case ("US" is not "us", "WHO" not "who")."""
    text = " ".join(text.replace("’", "'").split())
    bare = text[4:] if text.lower().startswith("the ") else text
    if bare.isupper():
        return text
    return text.lower()


def _get(table: dict[str, list], text: str) -> list:
    key = " ".join(text.replace("’", "'").split())
    if key.isupper():
        return table.get(key, [])
    return table.get(key) or table.get(key.lower(), [])


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _date(value: str, where: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ActorBaseError(f"{where}: bad date {value!r}") from exc


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file of the base (heron/data/actors/)."""
    return _read_tsv("actors", name)


# -- the user actors file -----------------------------------------------------------------------


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


def _overlap(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    return (a_start or dt.date.min) <= (b_end or dt.date.max) and (b_start or dt.date.min) <= (a_end or dt.date.max)


class _Builder:
    def __init__(self) -> None:
        self.base = ActorBase()

    def _first_word(self, text: str) -> None:
        words = text.replace("’", "'").lower().split()
        self.base.first_words.add(words[1] if words[0] == "the" and len(words) > 1 else words[0])

    def add_entry(self, text: str, entry: Entry, replace: bool = False) -> None:
        """``replace``: the entry becomes the only meaning of the name (user rows win over shipped ones)."""
        self._first_word(text)
        key = surface_key(text)
        if replace:
            for old in self.base.entries.get(key, []):
                names = self.base.entry_names[old]
                names[:] = [name for name in names if surface_key(name) != key]
            self.base.entries[key] = []
        bucket = self.base.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        names = self.base.entry_names.setdefault(entry, [])
        if text not in names:
            names.append(text)
        self.base.max_words = max(self.base.max_words, len(text.split()) + 2)

    def add_person_name(self, text: str, person: Person) -> None:
        self._first_word(text)
        bucket = self.base.people.setdefault(surface_key(text), [])
        if person not in bucket:
            bucket.append(person)
        self.base.max_words = max(self.base.max_words, len(text.split()) + 2)

    def roles(self) -> None:
        for row in read_tsv("roles.tsv"):
            role = Role(row["phrase"].lower(), row["canonical"].lower(), row["sector"], row["kind"],
                        local=row["local"] == "1")
            if role.kind not in ("person", "collective", "modifier"):
                raise ActorBaseError(f"roles.tsv: unknown kind {role.kind!r}")
            # a word can be both a modifier ("military spokesman") and a head ("the military")
            (self.base.modifiers if role.kind == "modifier" else self.base.roles)[role.phrase] = role

    def countries(self) -> None:
        seats = {surface_key(r["name"]) for r in read_tsv("seats.tsv")}
        for row in read_tsv("countries.tsv"):
            iso3 = row["iso3"]
            names = tuple(dict.fromkeys([row["name"], *split_values(row["aliases"])]))
            country = Country(iso3, row["name"], names, tuple(split_values(row["demonyms"])))
            self.base.countries[iso3] = country
            entry = Entry(f"country:{iso3}", row["name"], "country", iso3, iso3, None)
            for name in names:
                self.add_entry(name, entry)
            for demonym in country.demonyms:
                self.base.demonyms.setdefault(surface_key(demonym), []).append(iso3)
            capital = row["capital"].strip()
            if row["capital_metonym"] == "1" and capital and surface_key(capital) not in seats:
                self.add_entry(capital, Entry(f"gov:{iso3}", capital, "seat", f"{iso3}GOV", iso3, "GOV", city=True))

    def seats(self) -> None:
        for row in read_tsv("seats.tsv"):
            org, iso3 = row["org"] or None, row["country"] or None
            code = org or f"{iso3}{row['sector']}"
            kb_id = f"org:{org}" if org else f"{row['sector'].lower()}:{iso3}"
            entry = Entry(kb_id, row["name"], "seat", code, iso3, row["sector"], city=row["type"] == "city")
            for name in [row["name"], *split_values(row["aliases"])]:
                self.add_entry(name, entry)

    def igos(self) -> None:
        for row in read_tsv("igos.tsv"):
            entry = Entry(f"org:{row['code']}", row["name"], "igo", row["code"], None, "IGO")
            for name in [row["name"], *split_values(row["aliases"])]:
                self.add_entry(name, entry)

    def regions(self) -> None:
        for row in read_tsv("regions.tsv"):
            entry = Entry(f"region:{row['code']}", row["name"], "region", row["code"], None, None)
            for name in [row["name"], *split_values(row["aliases"])]:
                self.add_entry(name, entry)

    def groups(self) -> None:
        for row in read_tsv("groups.tsv"):
            entry = Entry(f"group:{_slug(row['name'])}", row["name"], "group", row["code"],
                          row["country"] or None, row["sector"])
            for name in [row["name"], *split_values(row["aliases"])]:
                self.add_entry(name, entry)

    def user_entries(self, rows: list[dict[str, str]]) -> None:
        """Organisations and groups of the user file: each of their names means them alone."""
        for row in rows:
            if row["kind"] == "igo":
                entry = Entry(f"org:{row['code']}", row["name"], "igo", row["code"], None, "IGO", source=USER)
            elif row["kind"] == "group":
                code = row["code"] or f"{row['country'] or 'IMG'}{row['sector']}"
                entry = Entry(f"group:{_slug(row['name'])}", row["name"], "group", code, row["country"] or None,
                              row["sector"], source=USER)
            else:
                continue
            for name in [row["name"], *split_values(row["aliases"])]:
                self.add_entry(name, entry, replace=True)

    def people(self, user_rows: list[dict[str, str]] = ()) -> None:
        rows: dict[str, list[tuple[dict[str, str], str]]] = defaultdict(list)
        for row in read_tsv("people.tsv"):
            rows[row["name"]].append((row, SHIPPED))
        known = {surface_key(text): name for name, group in rows.items()
                 for row, _ in group for text in [name, *split_values(row["aliases"])]}
        for row in (r for r in user_rows if r["kind"] == "person"):
            # a user row about someone the base knows (by name or alias) joins that person
            texts = [row["name"], *split_values(row["aliases"])]
            name = next((known[surface_key(t)] for t in texts if surface_key(t) in known), row["name"])
            rows[name].append((row, USER))
            known.update((surface_key(t), name) for t in texts)
        for name, group in rows.items():
            where = f"people.tsv {name}"
            dated = [(row, source, _date(row["start"], where), _date(row["end"], where)) for row, source in group]
            users = [(start, end) for _, source, start, end in dated if source == USER]
            # a user row replaces the shipped offices of the same person whose dates overlap it
            dated = [d for d in dated if d[1] == USER or not any(_overlap(d[2], d[3], s, e) for s, e in users)]
            offices = [Office(country=row["country"] or None, org=row["org"] or None, role=row["role"],
                              canonical=self.base.canonical_role(row["role"]), sector=row["sector"],
                              start=start, end=end, source=source)
                       for row, source, start, end in dated]
            # the first row's surname and gender, unless a user row gives them
            first = {column: next((row[column] for row, source in group if source == USER and row[column]),
                                  group[0][0][column]) for column in ("surname", "gender")}
            aliases = tuple(dict.fromkeys(
                a for row, source in group
                for a in ([row["name"]] if source == USER and row["name"] != name else []) + split_values(row["aliases"])))
            surname = first["surname"] or name.split()[-1]
            person = Person(f"person:{_slug(name)}", name, (name, *aliases), surname, first["gender"] or None,
                            tuple(sorted(offices, key=lambda o: o.start or dt.date.min)))
            for text in person.names:
                self.add_person_name(text, person)
            self.base.surnames.setdefault(surface_key(surname), []).append(person)
            self.base.all_people += (person,)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def load_base() -> ActorBase:
    """The actor base with the user's actors file merged in; reloaded only when that file changes (mtime, size)."""
    path = user_actors_path()
    return _load_base(path, _stamp(path))


@lru_cache(maxsize=1)
def _load_base(user_file: Path, stamp: tuple[int, int] | None) -> ActorBase:
    """The actor base (about 0.05 s). ``stamp`` is in the cache key so a changed user file is read again."""
    builder = _Builder()
    builder.roles()
    builder.base.object_verbs = frozenset(row["lemma"] for row in read_tsv("metonym_verbs.tsv"))
    builder.base.leader_roles = {row["iso3"]: row["role"] for row in read_tsv("leaders.tsv")}
    builder.countries()
    builder.seats()  # after countries: a seat row replaces the capital entry of the same name
    builder.igos()
    builder.groups()
    builder.regions()
    user_rows = []
    if stamp is not None:
        sectors = {row["code"] for row in read_tsv("sectors.tsv")}
        user_rows = read_user_rows(user_file, set(builder.base.countries), sectors)
    builder.user_entries(user_rows)
    builder.people(user_rows)
    return builder.base


load_base.cache_clear = _load_base.cache_clear  # type: ignore[attr-defined]  # callers reset the cache this way

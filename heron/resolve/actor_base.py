"""heron's actor base: countries, seats of power, organisations, armed groups, office holders and role words.

The base is the TSV files under ``heron/data/actors/`` (reviewable, hand-edited). This module
loads them into lookup tables and answers the questions the ``heron_actors`` component asks:
what does this name refer to, who held this office on this date, what sector is this role.
It knows nothing about spaCy.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

WEST = "WST"  # CAMEO region code used in place of a country for "the West", "Western officials"
# words that make a role a different, lower office: a deputy prime minister is not the prime minister
DEPUTY_WORDS = {"deputy", "vice", "assistant", "junior", "shadow", "former", "ex", "under", "first-deputy"}


class ActorBaseError(ValueError):
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


@dataclass(frozen=True)
class Office:
    country: str | None
    org: str | None
    role: str
    canonical: str  # role name normalised through roles.tsv ("premier" -> "prime minister")
    sector: str
    start: dt.date | None
    end: dt.date | None

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
        return [person for _, person in found]


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


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


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
    """Rows of a TSV file of the base; '#' lines are comments."""
    text = resources.files("heron").joinpath("data", "actors", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for n, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ActorBaseError(f"{name}: row {n} has the wrong number of columns: {row}")
        rows.append(row)
    return rows


class _Builder:
    def __init__(self) -> None:
        self.base = ActorBase()

    def _first_word(self, text: str) -> None:
        words = text.replace("’", "'").lower().split()
        self.base.first_words.add(words[1] if words[0] == "the" and len(words) > 1 else words[0])

    def add_entry(self, text: str, entry: Entry) -> None:
        self._first_word(text)
        key = surface_key(text)
        bucket = self.base.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
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
            names = tuple(dict.fromkeys([row["name"], *_split(row["aliases"])]))
            country = Country(iso3, row["name"], names, tuple(_split(row["demonyms"])))
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
            for name in [row["name"], *_split(row["aliases"])]:
                self.add_entry(name, entry)

    def igos(self) -> None:
        for row in read_tsv("igos.tsv"):
            entry = Entry(f"org:{row['code']}", row["name"], "igo", row["code"], None, "IGO")
            for name in [row["name"], *_split(row["aliases"])]:
                self.add_entry(name, entry)

    def regions(self) -> None:
        for row in read_tsv("regions.tsv"):
            entry = Entry(f"region:{row['code']}", row["name"], "region", row["code"], None, None)
            for name in [row["name"], *_split(row["aliases"])]:
                self.add_entry(name, entry)

    def groups(self) -> None:
        for row in read_tsv("groups.tsv"):
            entry = Entry(f"group:{_slug(row['name'])}", row["name"], "group", row["code"],
                          row["country"] or None, row["sector"])
            for name in [row["name"], *_split(row["aliases"])]:
                self.add_entry(name, entry)

    def people(self) -> None:
        rows: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in read_tsv("people.tsv"):
            rows[row["name"]].append(row)
        for name, group in rows.items():
            offices = []
            for row in group:
                role = row["role"]
                offices.append(Office(
                    country=row["country"] or None, org=row["org"] or None, role=role,
                    canonical=self.base.canonical_role(role), sector=row["sector"],
                    start=_date(row["start"], f"people.tsv {name}"), end=_date(row["end"], f"people.tsv {name}"),
                ))
            first = group[0]
            aliases = tuple(dict.fromkeys(a for row in group for a in _split(row["aliases"])))
            surname = first["surname"] or name.split()[-1]
            person = Person(f"person:{_slug(name)}", name, (name, *aliases), surname, first["gender"] or None,
                            tuple(sorted(offices, key=lambda o: o.start or dt.date.min)))
            for text in person.names:
                self.add_person_name(text, person)
            self.base.surnames.setdefault(surface_key(surname), []).append(person)
            self.base.all_people += (person,)


@lru_cache(maxsize=1)
def load_base() -> ActorBase:
    """The actor base, loaded once per process (about 0.05 s)."""
    builder = _Builder()
    builder.roles()
    builder.base.object_verbs = frozenset(row["lemma"] for row in read_tsv("metonym_verbs.tsv"))
    builder.base.leader_roles = {row["iso3"]: row["role"] for row in read_tsv("leaders.tsv")}
    builder.countries()
    builder.seats()  # after countries: a seat row replaces the capital entry of the same name
    builder.igos()
    builder.groups()
    builder.regions()
    builder.people()
    return builder.base

"""Builds the actor base from the shipped data files (heron/data/actors/) and the user's actors file,
whose rows win; :func:`load_base` caches it per state of the user file."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from heron.datafiles import read_tsv as _read_tsv
from heron.datafiles import cache_dir, split_values
from heron.resolve.actor_base.base import (
    SHIPPED,
    USER,
    ActorBase,
    ActorBaseError,
    Country,
    Entry,
    Office,
    Person,
    Role,
    surface_key,
)
from heron.resolve.actor_base.user_file import read_user_rows, user_actors_path


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


# Open Phoenix segments were open when the dictionaries were last edited (2014-2016), not today.
PHOENIX_EDITED = dt.date(2015, 12, 31)
DERIVED = "phoenix"  # the folder of the data derived from PETRARCH2's Phoenix dictionaries


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file of the base (heron/data/actors/; ``name`` may be "folder/file.tsv")."""
    return _read_tsv("actors", *name.split("/"))


def folder_files(folder: str) -> list[str]:
    """The TSV files of a folder of the base, in name order ("offices/africa_mideast.tsv", ...)."""
    return sorted(f"{folder}/{f.name}" for f in resources.files("heron").joinpath("data", "actors", folder).iterdir()
                  if f.name.endswith(".tsv"))


def _org_code(code: str, country: str | None, sector: str) -> str:
    """An organisation's code in heron's scheme: its country + sector when it has a country (Phoenix writes
    NGOs and companies as NGO.../MNC... codes), its own code otherwise (NATO, IMGINS)."""
    if country and sector != "IGO" and not code.startswith(country):
        return f"{country}{sector}"
    return code


def _overlap(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    return (a_start or dt.date.min) <= (b_end or dt.date.max) and (b_start or dt.date.min) <= (a_end or dt.date.max)


class _Builder:
    def __init__(self) -> None:
        self.base = ActorBase()
        # lower-case word -> its spellings (name_variants.tsv)
        self.variants = {word.lower(): group for row in read_tsv("name_variants.tsv")
                         for group in [[w.strip() for w in split_values(row["spellings"])]] for word in group}

    def _first_word(self, text: str) -> None:
        words = text.replace("’", "'").lower().split()
        first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
        # spaCy splits "Kassym-Jomart" at the hyphen: the scan meets "kassym" first
        self.base.first_words.update({first, first.split("-")[0]})

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
        """The name and, for a name of several words, its other spellings (name_variants.tsv)."""
        for n, spelling in enumerate(self.spellings(text)):
            self._first_word(spelling)
            bucket = (self.base.spelt if n else self.base.people).setdefault(surface_key(spelling), [])
            if person not in bucket:
                bucket.append(person)
        self.base.max_words = max(self.base.max_words, len(text.split()) + 2)

    def spellings(self, text: str) -> list[str]:
        words = text.split()
        if len(words) < 2:
            return [text]  # a lone "Ali" or "Hasan" is too common to multiply
        out = [""]
        for word in words:
            out = [f"{o} {v}".strip() for o in out for v in self.variants.get(word.lower(), [word])]
        return list(dict.fromkeys([text, *out]))

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
        """groups.tsv, then the organisation files of orgs/ and, last, those derived from Phoenix: a later file
        only adds names that no earlier file (nor a country, seat or intergovernmental organisation) has."""
        for name in ("groups.tsv", *folder_files("orgs"), f"{DERIVED}/orgs.tsv"):
            first = name == "groups.tsv"
            for row in read_tsv(name):
                sector, country = row["sector"], row["country"] or None
                code = _org_code(row["code"], country, sector)
                kind = "igo" if sector == "IGO" else "group"
                entry = Entry(f"{'org' if kind == 'igo' else 'group'}:{_slug(row['name'])}", row["name"], kind, code,
                              None if kind == "igo" else country, sector)
                for text in [row["name"], *split_values(row["aliases"])]:
                    if first or not self.base.entries.get(surface_key(text)):
                        self.add_entry(text, entry)

    def agents(self) -> None:
        """Group and role nouns ("striking miners", "nurses"): roles.tsv's own phrases first, then agents.tsv,
        then the agent nouns derived from Phoenix. A plural names a collective, a singular one person."""
        def add(phrase: str, sector: str, plural: bool) -> None:
            phrase = " ".join(phrase.lower().split())
            if phrase and phrase not in self.base.roles and phrase not in self.base.modifiers:
                self.base.roles[phrase] = Role(phrase, phrase, sector, "collective" if plural else "person", local=False)

        for row in read_tsv("agents.tsv"):
            add(row["phrase"], row["sector"], row["plural"] == "1")
        for row in read_tsv(f"{DERIVED}/agents.tsv"):
            add(row["phrase"], row["sector"], False)
            if row["plural"]:
                add(row["plural"], row["sector"], True)

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
        """people.tsv and the office files of offices/ (rows with the same name are one person), the user's
        rows over them, then the people derived from Phoenix whom none of those names."""
        rows: dict[str, list[tuple[dict[str, str], str]]] = defaultdict(list)
        for name in ("people.tsv", *folder_files("offices")):
            for row in read_tsv(name):
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
            # the same office in two files (people.tsv and offices/): the first file's row
            seen: set[tuple] = set()
            offices = [o for o in offices if (k := (o.country, o.org, o.canonical, o.start)) not in seen
                       and not seen.add(k)]
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
        self.derived_people(known)

    def derived_people(self, known: dict[str, str]) -> None:
        """People of the Phoenix dictionaries no curated or user row names. Known by full name and alias only:
        among 16,000 names, a bare surname would be anybody's. Their open offices end when the dictionaries
        were last edited, so later they are former office holders (ELI) of the right country."""
        rows: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in read_tsv(f"{DERIVED}/people.tsv"):
            rows[row["name"]].append(row)
        for name, group in rows.items():
            # one-word names ("Juba", "Abiy") are places and first names more often than these people
            texts = [t for t in dict.fromkeys([name, *(a for row in group for a in split_values(row["aliases"]))])
                     if len(t.split()) > 1]
            # a name the curated files know, or that names a country, seat or organisation ("South Sudan")
            if not texts or any(surface_key(t) in known or self.base.entries.get(surface_key(t)) for t in texts):
                continue
            where = f"{DERIVED}/people.tsv {name}"
            offices = tuple(sorted(
                (Office(country=row["country"] or None, org=row["org"] or None, role="", canonical="",
                        sector=row["sector"], start=_date(row["start"], where),
                        end=_date(row["end"], where) or PHOENIX_EDITED, source=DERIVED) for row in group),
                key=lambda o: o.start or dt.date.min))
            person = Person(f"person:{_slug(name)}", name, tuple(texts), name.split()[-1], None, offices)
            for text in texts:
                self.add_person_name(text, person)
            self.base.all_people += (person,)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time, size) of a file, None when it does not exist: the state the cache is keyed on."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def load_base() -> ActorBase:
    """The actor base with the user's actors file merged in; reloaded only when that file changes (mtime, size)."""
    path = user_actors_path()
    return _load_base(path, file_stamp(path))


@lru_cache(maxsize=1)
def _load_base(user_file: Path, stamp: tuple[int, int] | None) -> ActorBase:
    """The actor base. ``stamp`` is in the cache key so a changed user file is read again.

    Building it from the 40,000 rows of the data files takes a few seconds; the result is kept as a
    pickle in heron's cache folder (``heron setup`` writes it), named by a hash of every shipped file and
    of the user file's path and state, so a changed file builds it afresh."""
    path = cache_path(user_file, stamp)
    try:
        with path.open("rb") as handle:
            base = pickle.load(handle)
        if isinstance(base, ActorBase):
            return base
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    base = build_base(user_file, stamp)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(base, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a parallel worker reads a whole file or none
        prune_cache(path)
    except OSError:
        pass  # a read-only home: build every time, as before
    return base


KEPT_CACHES = 4  # builds kept for other states of the data or user files (one is ~9 MB)


def prune_cache(newest: Path) -> None:
    """Delete all but the most recent builds: each edit of the user's actors file (or of a data file) names a new
    one, and they would pile up. A process still reading a deleted build keeps its open file."""
    builds = sorted(newest.parent.glob("actors-*.pkl"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in builds[KEPT_CACHES:]:
        if old != newest:
            old.unlink(missing_ok=True)


FORMAT = 4  # bump when ActorBase or the build changes shape


def cache_path(user_file: Path, stamp: tuple[int, int] | None) -> Path:
    h = hashlib.sha256(f"format={FORMAT};user={user_file};stamp={stamp}".encode())
    root = resources.files("heron").joinpath("data", "actors")
    for name in sorted(_data_names(root)):
        h.update(name.encode())
        h.update(root.joinpath(*name.split("/")).read_bytes())
    return cache_dir() / f"actors-{h.hexdigest()[:16]}.pkl"


def _data_names(root) -> list[str]:
    names = []
    for item in root.iterdir():
        if item.is_dir():
            names += [f"{item.name}/{sub.name}" for sub in item.iterdir() if sub.name.endswith(".tsv")]
        elif item.name.endswith(".tsv"):
            names.append(item.name)
    return names


def build_base(user_file: Path, stamp: tuple[int, int] | None) -> ActorBase:
    """The actor base built from the data files (and the user's file, when ``stamp`` says it exists)."""
    builder = _Builder()
    builder.roles()
    builder.base.object_verbs = frozenset(row["lemma"] for row in read_tsv("metonym_verbs.tsv"))
    builder.base.leader_roles = {row["iso3"]: row["role"] for row in read_tsv("leaders.tsv")}
    builder.countries()
    builder.seats()  # after countries: a seat row replaces the capital entry of the same name
    builder.igos()
    builder.groups()
    builder.regions()
    builder.agents()
    user_rows = []
    if stamp is not None:
        sectors = {row["code"] for row in read_tsv("sectors.tsv")}
        user_rows = read_user_rows(user_file, set(builder.base.countries), sectors)
    builder.user_entries(user_rows)
    builder.people(user_rows)
    return builder.base


load_base.cache_clear = _load_base.cache_clear  # type: ignore[attr-defined]  # callers reset the cache this way

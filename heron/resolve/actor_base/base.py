"""heron's actor base as lookup tables: what a name refers to, who held an office on a date, what sector a
role is. It knows nothing about spaCy; :mod:`heron.resolve.actor_base.build` fills it from the data files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from heron.datafiles import DataFileError, read_tsv

WEST = "WST"  # CAMEO region code used in place of a country for "the West", "Western officials"
# words that make a role a different, lower office: a deputy prime minister is not the prime minister
_PERSON_WORDS = read_tsv("actors", "person_words.tsv", required=("word", "kind", "gender"))
DEPUTY_WORDS = {r["word"] for r in _PERSON_WORDS if r["kind"] == "deputy"}

# offices that outrank any other a person holds at the same time
TOP_OFFICES = frozenset(r["word"] for r in _PERSON_WORDS if r["kind"] == "top_office")

SHIPPED, USER = "shipped", "user"  # where a row of the base comes from


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
        """The office held on ``day``: a head of state's or government's over any other held with it (a
        president who is also his own defence minister), else the one taken up last (Shoigu in May 2024:
        security council)."""
        held = self.offices_at(day)
        top = [o for o in held if o.canonical in TOP_OFFICES]
        return (top or held)[-1] if held else None

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
    # the same names in their other spellings (name_variants.tsv): asked only when no name is spelt so
    spelt: dict[str, list[Person]] = field(default_factory=dict)
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
    _offices_by_role: dict[str, list[tuple[Office, Person]]] | None = field(default=None, repr=False)

    # -- names ---------------------------------------------------------------------------------

    def entries_for(self, text: str) -> list[Entry]:
        found = _get(self.entries, text)
        if not found and text[:4].lower() == "the ":
            found = _get(self.entries, text[4:])
        return found

    def people_for(self, text: str) -> list[Person]:
        return _get(self.people, text) or _get(self.spelt, text)

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
        found = [(office, person) for office, person in self.offices_by_role().get(canonical, ())
                 if office.covers(day) and where in (office.country, office.org)]
        incoming = [(o, p) for o, p in found if o.end != day]
        if incoming and len(incoming) < len(found):  # a hand-over day: the newcomer holds the office
            found = incoming
        users = [(o, p) for o, p in found if o.source == USER]
        if users:  # the user's file is newer knowledge than the shipped base (a successor the base lacks)
            found = users
        return list(dict.fromkeys(person for _, person in found))  # one person may hold it twice in the files

    def offices_by_role(self) -> dict[str, list[tuple[Office, Person]]]:
        """canonical role -> (office, holder), in the order of ``all_people``: built once, on first use."""
        if self._offices_by_role is None:
            index: dict[str, list[tuple[Office, Person]]] = {}
            for person in self.all_people:
                for office in person.offices:
                    if office.canonical:
                        index.setdefault(office.canonical, []).append((office, person))
            self._offices_by_role = index
        return self._offices_by_role

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

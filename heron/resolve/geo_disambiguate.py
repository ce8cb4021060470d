"""Choose the GeoNames record each toponym of an article refers to. Free of spaCy.

Each distinct name is scored against its candidates with

* priors: population (log scale), feature type (continents and countries before
  capitals, capitals before first-level regions and towns), a main name before an
  alternate spelling, a town before the district of the same name ("Chernihiv" the
  city, not the oblast, unless the text says "Chernihiv region");
* the article: countries the other toponyms and the demonyms point to (Kherson in a
  Ukraine story), regions that contain another toponym (Georgia beside Atlanta),
  regions that another toponym names or lies in, counties all the more when the article names
  their state (Montgomery County in an Iowa story);
* the phrase: "X, Y" (Paris, Texas) where Y is X's country or region, and the
  hints "X region/oblast/province" and "the city of X".

The same name in one article is one place. Context comes from the other names'
choices, so resolution runs a few rounds until the choices settle.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from heron.datafiles import read_tsv
from heron.resolve.gazetteer import (
    ADM1,
    ADM2,
    CAPITAL,
    CITY,
    CONTINENT,
    COUNTRY,
    REGION,
    Candidate,
    Gazetteer,
    without_article,
    demonyms,
    load,
    norm,
)
from heron.resolve.gazetteer import read_tsv as read_places_tsv  # heron/data/places, as the gazetteer reads it

# Oceans and seas have no population: their bonus stands in for it.
FEATURE_BONUS = {CONTINENT: 3.0, COUNTRY: 3.0, REGION: 2.0, CAPITAL: 1.5, ADM1: 1.0, ADM2: -0.5,
                 "H.OCN": 9.0, "H.SEA": 8.0}
_PLACE_WORDS = read_tsv("lexicons", "place_words.tsv", required=("word", "kind"))
ADMIN_SUFFIXES = {r["word"] for r in _PLACE_WORDS if r["kind"] == "admin_suffix"}
# Words that are toponyms only inside a longer name ("Central", "University").
GENERIC_WORDS = {r["word"] for r in _PLACE_WORDS if r["kind"] == "generic"}
ALTERNATE_PENALTY = 1.5
# aliases.tsv names the record news mean by a name ("Gaza": the Gaza Strip, not Mozambique's Gaza province)
NEWS_READING = {norm(r["alias"]): int(r["geonames_id"]) for r in read_places_tsv("aliases.tsv")}
NEWS_READING_BONUS = 3.0
TOWN_OVER_DISTRICT = 2.0  # penalty on a district when a sizeable town has the same name
TOWN_MIN_POP = 50_000
BIG_TOWN = 1_000_000
COUNTRY_CONTEXT = 2.5  # candidate lies in a country another toponym of the article names
COUNTRY_SHARE_POWER = 0.5  # a country named once beside ten others counts less
DEMONYM_CONTEXT = 1.5  # ... or that a demonym names ("Ukrainian forces")
CONTAINS_CONTEXT = 2.0  # candidate region contains another toponym of the article
WITHIN_CONTEXT = 1.5  # candidate town lies in a region another toponym names or lies in
NAMED_REGION_CONTEXT = 1.5  # ... one of several counties of a name, more when the article names its state
COMMA_CONTEXT = 6.0  # "X, Y" with Y the candidate's country or region
ADMIN_HINT = 4.0  # "X region", "X oblast"
CITY_HINT = 2.0  # "the city of X", "X city"
ROUNDS = 3
EMBEDDED_MIN_POP = 15_000  # a town found inside a longer unknown name must be this big


@dataclass
class Toponym:
    """One mention to resolve, with what its phrase says about it."""

    text: str
    start: int = 0
    end: int = 0
    qualifier: str | None = None  # Y in "X, Y"
    hint: str | None = None  # "admin" (X region/oblast/province) | "city" (the city of X)


@dataclass
class _Group:
    key: str  # the normalised name
    match: str  # the name its candidates matched: "new york" for "New York Auto Show"
    text: str
    cands: list[Candidate]
    qualifiers: set[str] = field(default_factory=set)
    hints: set[str] = field(default_factory=set)
    choice: Candidate | None = None
    scores: list[float] = field(default_factory=list)  # prior and phrase evidence, per candidate


def candidates(text: str, gaz: Gazetteer | None = None) -> list[Candidate]:
    """Gazetteer records for a toponym's text.

    A demonym ("Russian") stands for its place. A name the gazetteer lacks may embed
    one ("Colorado State University", "Dubai World Cup", "Washington, D.C."): then the
    longest run of capitalised words that it knows, leftmost first, or else the place
    of the demonym the name starts with.
    """
    return _match(text, gaz or load())[0]


def _match(text: str, gaz: Gazetteer) -> tuple[list[Candidate], str]:
    """The candidates of :func:`candidates` and the normalised name they matched."""
    key = norm(text)
    if key in demonyms():
        place = demonyms()[key]
        return ([place] if place is not None else []), key
    found = gaz.lookup(text)
    if not found and key.endswith("'s"):
        key = key[:-2]
        found = gaz.lookup(key)
    if not found:
        return _embedded(text, gaz)
    return found, key


def _embedded(text: str, gaz: Gazetteer) -> tuple[list[Candidate], str]:
    words = text.replace(",", " , ").split()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i:i + size]
            if not all(w[:1].isupper() for w in part):
                continue
            name = " ".join(part)
            key = norm(name)
            if key in demonyms() or key in GENERIC_WORDS:
                continue
            # The embedded name must be the place's own (or a big city's short) name:
            # "New York" in "New York Auto Show" is the city as well as the state.
            found = [c for c in gaz.lookup(name) if (c.primary or (c.population >= BIG_TOWN and key in norm(c.name)))
                     and (c.population >= EMBEDDED_MIN_POP or c.feature != CITY)]
            if found:
                return found, key
    # "European Commission", "Mexican Senate": the place of a demonym it starts with.
    for size in range(len(words) - 1, 0, -1):
        key = norm(" ".join(words[:size]))
        place = demonyms().get(key)
        if place is not None:
            return [place], key
    return [], norm(text)


def spelled_as(c: Candidate, key: str) -> bool:
    """The name matched is the record's main name or a spelling of it (Mykolaiv/Mykolayiv),
    not a different name (Oklahoma for Oklahoma City). A big city's shortened name is
    what people call it ("New York"), a nickname is not ("Garden City")."""
    name = norm(without_article(c.name, c.country) or c.name)  # "Ar Raqqah" is spelled "Raqqa"
    return c.primary or (c.population >= BIG_TOWN and key in name) or SequenceMatcher(None, name, key).ratio() >= 0.8


def shadowed(c: Candidate, group_cands: list[Candidate], key: str) -> bool:
    """A district named like a sizeable town in it (Chernihiv and its oblast), or like a
    national capital (Washington), or named by the town's name short of its own
    ("Charlotte" for Charlotte County): the name means the town. A town elsewhere does
    not shadow a district of exactly that name: Wyoming, Michigan leaves "Wyoming" the state."""
    if c.feature not in (ADM1, ADM2):
        return False
    short = norm(c.name) != key  # "Charlotte" for Charlotte County: the town's name, not the county's
    return any(
        o.feature.startswith("P.") and o.population >= TOWN_MIN_POP and spelled_as(o, key)
        and (short or o.feature == CAPITAL or _inside(o, c))
        for o in group_cands
    )


def _inside(town: Candidate, district: Candidate) -> bool:
    return town.country == district.country and town.admin1 is not None and town.admin1 == district.admin1


def prior(c: Candidate, group_cands: list[Candidate], key: str) -> float:
    s = math.log10(c.population + 1) + FEATURE_BONUS.get(c.feature, 0.0)
    if NEWS_READING.get(key) == c.geonames_id:
        s += NEWS_READING_BONUS
    if not spelled_as(c, key):
        s -= ALTERNATE_PENALTY
    if shadowed(c, group_cands, key):
        s -= TOWN_OVER_DISTRICT
    return s


def _qualifies(c: Candidate, qualifier_cands: list[Candidate]) -> bool:
    for q in qualifier_cands:
        if q.feature == COUNTRY and c.country == q.country and c.feature != COUNTRY:
            return True
        if q.feature == ADM1 and c.admin1 == q.admin1 and c.geonames_id != q.geonames_id:
            return True
    return False


def _same(a: Candidate, b: Candidate) -> bool:
    return a.geonames_id == b.geonames_id and a.name == b.name


def resolve(
    toponyms: Iterable[Toponym | str],
    demonym_countries: Iterable[str] = (),
    gaz: Gazetteer | None = None,
) -> list[Candidate | None]:
    """The chosen record for each toponym (None when the gazetteer has no candidate).

    ``demonym_countries`` lists the ISO3 countries named by demonyms in the article.
    """
    gaz = gaz or load()
    tops = [Toponym(t) if isinstance(t, str) else t for t in toponyms]
    groups: dict[str, _Group] = {}
    keys: list[str] = []
    for t in tops:
        name = norm(t.text)
        # "Lagos state" and "Lagos" are two places; every other repeat of a name is one.
        key = f"{name}|admin" if t.hint == "admin" else name
        g = groups.get(key)
        if g is None:
            cands, match = _match(t.text, gaz)
            g = groups[key] = _Group(name, match, t.text, cands)
        if t.qualifier:
            g.qualifiers.add(t.qualifier)
        if t.hint:
            g.hints.add(t.hint)
        if len(name.split()) > 1 and name.split()[-1] in ADMIN_SUFFIXES:
            g.hints.add("admin")
        keys.append(key)

    qual_cands = {q: candidates(q, gaz)[:5] for g in groups.values() for q in g.qualifiers}
    demonym_set = set(demonym_countries)
    for g in groups.values():
        qc = [c for q in g.qualifiers for c in qual_cands[q]]
        scores = []
        for c in g.cands:
            s = prior(c, g.cands, g.match)
            if qc and _qualifies(c, qc):
                s += COMMA_CONTEXT
            if "admin" in g.hints:
                s += ADMIN_HINT if c.feature in (ADM1, ADM2, REGION) else -ADMIN_HINT
            if "city" in g.hints and c.feature.startswith("P."):
                s += CITY_HINT
            if c.country in demonym_set:
                s += DEMONYM_CONTEXT
            scores.append(s)
        g.scores = scores
        g.choice = g.cands[max(range(len(scores)), key=scores.__getitem__)] if scores else None

    for _ in range(ROUNDS):
        changed = False
        for g in groups.values():
            if len(g.cands) < 2:
                continue
            # A longer or shorter form of this name ("Montgomery County History Center" for
            # "Montgomery County", "New York City" for "New York") is no evidence about it:
            # it only echoes this choice, or competes with it.
            others = [o.choice for o in groups.values() if o is not g and o.choice is not None
                      and (o.key == g.key or (g.key not in o.key and o.key not in g.key))]
            countries = Counter(o.country for o in others if o.country)
            top = max(countries.values(), default=1)
            admin1s = {o.admin1 for o in others if o.admin1 and o.feature != ADM1}
            regions = {o.admin1 for o in others if o.admin1}
            named_regions = {o.admin1 for o in others if o.admin1 and o.feature == ADM1}
            counties = sum(1 for c in g.cands if c.feature == ADM2)
            best, best_s = None, -math.inf
            for c, s in zip(g.cands, g.scores):
                if c.country in countries:
                    share = (countries[c.country] / top) ** COUNTRY_SHARE_POWER
                    s += COUNTRY_CONTEXT * share - (DEMONYM_CONTEXT if c.country in demonym_set else 0.0)
                if c.feature == ADM1 and c.admin1 in admin1s and not shadowed(c, g.cands, g.match):
                    s += CONTAINS_CONTEXT
                if c.feature != ADM1 and c.admin1 in regions:
                    s += WITHIN_CONTEXT
                    if c.feature == ADM2 and c.admin1 in named_regions and counties > 1:
                        s += NAMED_REGION_CONTEXT  # county names repeat from state to state
                if s > best_s:
                    best, best_s = c, s
            if best != g.choice:
                g.choice, changed = best, True
        if not changed:
            break
    # A longer name built on a place's name ("Montgomery County Museum") is that place,
    # as its own name resolved: the shorter name had the context to itself.
    for g in groups.values():
        if g.hints:
            continue  # "Lagos State" is not the city of Lagos
        inner = max((o for o in groups.values() if o is not g and o.choice is not None and not o.hints
                     and o.key != g.key and f" {o.key} " in f" {g.key} "),
                    key=lambda o: len(o.key), default=None)
        same = [c for c in g.cands if inner is not None and _same(c, inner.choice)]
        if same:
            g.choice = same[0]
    return [groups[k].choice for k in keys]


def demonym_countries(words: Iterable[str]) -> list[str]:
    """ISO3 countries named by the demonyms among ``words`` ("Ukrainian" -> UKR)."""
    table: Mapping[str, Candidate | None] = demonyms()
    out = []
    for w in words:
        place = table.get(norm(w))
        if place is not None and place.country and place.feature == COUNTRY:
            out.append(place.country)
    return out

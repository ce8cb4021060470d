"""Choose the GeoNames record each toponym of an article refers to. Free of spaCy.

Each distinct name is scored against its candidates with

* priors: population (log scale), feature type (continents and countries before
  capitals, capitals before first-level regions and towns), a main name before an
  alternate spelling, a town before the district of the same name ("Chernihiv" the
  city, not the oblast, unless the text says "Chernihiv region");
* the article: countries the other toponyms and the demonyms point to (Kherson in a
  Ukraine story), regions that contain another toponym (Georgia beside Atlanta);
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

from heron.resolve.gazetteer import (
    ADM1, ADM2, CAPITAL, CONTINENT, COUNTRY, REGION, Candidate, Gazetteer, demonyms, load, norm,
)

FEATURE_BONUS = {CONTINENT: 3.0, COUNTRY: 3.0, REGION: 2.0, CAPITAL: 1.5, ADM1: 1.0, ADM2: -0.5}
ALTERNATE_PENALTY = 1.0
TOWN_OVER_DISTRICT = 4.0  # penalty on a district when a sizeable town has the same name
TOWN_MIN_POP = 50_000
COUNTRY_CONTEXT = 2.5  # candidate lies in a country another toponym of the article names
DEMONYM_CONTEXT = 1.5  # ... or that a demonym names ("Ukrainian forces")
CONTAINS_CONTEXT = 2.0  # candidate region contains another toponym of the article
COMMA_CONTEXT = 6.0  # "X, Y" with Y the candidate's country or region
ADMIN_HINT = 4.0  # "X region", "X oblast"
CITY_HINT = 2.0  # "the city of X", "X city"
ROUNDS = 3


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
    key: str
    text: str
    cands: list[Candidate]
    qualifiers: set[str] = field(default_factory=set)
    hints: set[str] = field(default_factory=set)
    choice: Candidate | None = None


def candidates(text: str, gaz: Gazetteer | None = None) -> list[Candidate]:
    """Gazetteer records for a toponym's text; a demonym ("Russian") stands for its place."""
    gaz = gaz or load()
    found = gaz.lookup(text)
    if not found:
        key = norm(text)
        if key.endswith("'s"):
            found = gaz.lookup(key[:-2])
    if not found:
        place = demonyms().get(norm(text))
        found = [place] if place is not None else []
    return found


def prior(c: Candidate, group_cands: list[Candidate]) -> float:
    s = math.log10(c.population + 1) + FEATURE_BONUS.get(c.feature, 0.0)
    if not c.primary:
        s -= ALTERNATE_PENALTY
    if c.feature in (ADM1, ADM2) and any(
        o.feature.startswith("P.") and o.population >= TOWN_MIN_POP for o in group_cands
    ):
        s -= TOWN_OVER_DISTRICT
    return s


def _qualifies(c: Candidate, qualifier_cands: list[Candidate]) -> bool:
    for q in qualifier_cands:
        if q.feature == COUNTRY and c.country == q.country and c.feature != COUNTRY:
            return True
        if q.feature == ADM1 and c.admin1 == q.admin1 and c.geonames_id != q.geonames_id:
            return True
    return False


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
        key = norm(t.text)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key, t.text, candidates(t.text, gaz))
        if t.qualifier:
            g.qualifiers.add(t.qualifier)
        if t.hint:
            g.hints.add(t.hint)
        keys.append(key)

    qual_cands = {q: candidates(q, gaz)[:5] for g in groups.values() for q in g.qualifiers}
    demonym_set = set(demonym_countries)
    static: dict[str, list[float]] = {}
    for g in groups.values():
        qc = [c for q in g.qualifiers for c in qual_cands[q]]
        scores = []
        for c in g.cands:
            s = prior(c, g.cands)
            if qc and _qualifies(c, qc):
                s += COMMA_CONTEXT
            if "admin" in g.hints:
                s += ADMIN_HINT if c.feature in (ADM1, ADM2, REGION) else -ADMIN_HINT
            if "city" in g.hints and c.feature.startswith("P."):
                s += CITY_HINT
            if c.country in demonym_set:
                s += DEMONYM_CONTEXT
            scores.append(s)
        static[g.key] = scores
        g.choice = g.cands[max(range(len(scores)), key=scores.__getitem__)] if scores else None

    for _ in range(ROUNDS):
        changed = False
        for g in groups.values():
            if len(g.cands) < 2:
                continue
            others = [o.choice for o in groups.values() if o is not g and o.choice is not None]
            countries = Counter(o.country for o in others if o.country)
            admin1s = {o.admin1 for o in others if o.admin1 and o.feature not in (ADM1,)}
            best, best_s = None, -math.inf
            for c, s in zip(g.cands, static[g.key]):
                if c.country in countries:
                    s += COUNTRY_CONTEXT - (DEMONYM_CONTEXT if c.country in demonym_set else 0.0)
                if c.feature == ADM1 and c.admin1 in admin1s:
                    s += CONTAINS_CONTEXT
                if s > best_s:
                    best, best_s = c, s
            if best != g.choice:
                g.choice, changed = best, True
        if not changed:
            break
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

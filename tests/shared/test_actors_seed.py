"""heron_actors on the seed article (shared data, dated 2022-03-30): every actor is coded.

Fails (does not skip) when the shared data is missing.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from heron.components.actors import find_actors

# (mention as written, occurrence, code, country, sector); sector None = any sector allowed in ``ALSO``
EXPECTED = [
    ("Vladimir Putin", 0, "RUSGOV", "RUS", "GOV"),
    ("Mr Putin", 0, "RUSGOV", "RUS", "GOV"),
    ("the Russian president", 0, "RUSGOV", "RUS", "GOV"),
    ("Volodymyr Zelensky", 0, "UKRGOV", "UKR", "GOV"),
    ("Mr Zelensky", 0, "UKRGOV", "UKR", "GOV"),
    ("Joe Biden", 0, "USAGOV", "USA", "GOV"),
    ("Boris Johnson", 0, "GBRGOV", "GBR", "GOV"),
    ("John Kirby", 0, "USAMIL", "USA", "MIL"),
    ("Sergei Shoigu", 0, "RUSMIL", "RUS", "MIL"),
    ("Vladimir Medinsky", 0, "RUSGOV", "RUS", "GOV"),
    ("Alexander Fomin", 0, "RUSMIL", "RUS", "MIL"),
    ("Denis Pushilin", 0, "UKRREB", "UKR", "REB"),
    ("Vitaliy Kim", 0, "UKRGOV", "UKR", "GOV"),
    ("Mevlut Cavusoglu", 0, "TURGOV", "TUR", "GOV"),
    ("Oleksandr Chaly", 0, "UKRGOV", "UKR", "GOV"),
    ("Nato", 0, "NATO", None, "IGO"),
    ("Moscow", 0, "RUSGOV", "RUS", "GOV"),
    ("the Kremlin", 0, "RUSGOV", "RUS", "GOV"),
    ("Washington", 0, "USAGOV", "USA", "GOV"),
    ("Brussels", 0, "EU", None, "IGO"),
    ("Russia", 0, "RUS", "RUS", None),
    ("Ukrainian forces", 0, "UKRMIL", "UKR", "MIL"),
    ("Russian forces", 0, "RUSMIL", "RUS", "MIL"),
    ("US officials", 0, "USAGOV", "USA", "GOV"),
    ("Western officials", 0, "WSTGOV", None, "GOV"),
    ("Donetsk People", 0, "UKRREB", "UKR", "REB"),
    ("European Union", 0, "EU", None, "IGO"),
]


@pytest.fixture(scope="module")
def seed(nlp, seed_text, seed_date):
    doc = nlp(seed_text)
    doc._.article_date = dt.date.fromisoformat(seed_date)
    actors, actor_of = find_actors(doc)
    return doc, actors, actor_of


def actor_at(seed, mention: str, occurrence: int):
    doc, actors, actor_of = seed
    start = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", doc.text)][occurrence]
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    ids = {actor_of.get(t.i) for t in span} - {None}
    assert len(ids) == 1, f"{mention!r} #{occurrence}: actors {ids}"
    return next(a for a in actors if a.id in ids)


@pytest.mark.parametrize(("mention", "occurrence", "code", "country", "sector"), EXPECTED)
def test_seed_actor(seed, mention, occurrence, code, country, sector):
    actor = actor_at(seed, mention, occurrence)
    assert (actor.code, actor.country, actor.sector) == (code, country, sector)


def test_seed_capital_is_an_actor_only_where_it_acts(seed):
    doc, actors, actor_of = seed
    found = []
    for m in re.finditer(r"(?<!\w)Kyiv(?!\w)", doc.text):
        token = doc.char_span(m.start(), m.end(), alignment_mode="expand")[0]
        found.append(next((a for a in actors if a.id == actor_of.get(token.i)), None))
    assert found[0] is None  # the first Kyiv is the city Russia wanted to take
    acting = [a for a in found if a is not None]
    assert acting and all((a.code, a.country, a.sector) == ("UKRGOV", "UKR", "GOV") for a in acting)


def test_seed_wallace_is_british_defence(seed):
    wallace = actor_at(seed, "Ben Wallace", 0)
    assert wallace.country == "GBR" and wallace.sector in ("MIL", "GOV") and "defence" in (wallace.role or "")
    assert actor_at(seed, "Mr Wallace", 0) is wallace


def test_seed_arakhamia_is_ukrainian(seed):
    assert actor_at(seed, "David Arakhamia", 0).country == "UKR"


def test_seed_one_actor_per_person_and_pronouns(seed):
    doc, actors, _ = seed
    people = [a for a in actors if a.kind == "person"]
    assert len({a.name for a in people}) == len(people)
    assert len({a.kb_id for a in people if a.kb_id}) == len([a for a in people if a.kb_id])
    kim = actor_at(seed, "Vitaliy Kim", 0)
    assert [m.text for m in kim.mentions].count("he") == 2  # "said he survived ... because he overslept"
    cavusoglu = actor_at(seed, "Mevlut Cavusoglu", 0)
    assert "He" in [m.text for m in cavusoglu.mentions]  # the next sentence's "He also said"
    medinsky = actor_at(seed, "Vladimir Medinsky", 0)
    assert sum("negotiator" in m.text for m in medinsky.mentions) == 2  # his title, and a later bare description
    moscow = actor_at(seed, "Moscow", 0)
    assert actor_at(seed, "the Kremlin", 0) is moscow
    assert [a.id for a in actors] == [f"A{n}" for n in range(1, len(actors) + 1)]
    starts = [a.mentions[0].start for a in actors]
    assert starts == sorted(starts)

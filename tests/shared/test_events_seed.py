"""heron_events on the mission's seed article (shared data): the events the article reports.

Facts asserted here (types, countries, dates, places) come from reading the article; no
sentence of it is copied into the repo.
"""
from __future__ import annotations

import pytest

from heron.records import Article, Event, Extraction


@pytest.fixture(scope="module")
def seed(heron_pipeline, seed_text, seed_date) -> Extraction:
    return heron_pipeline.extract(Article(text=seed_text, date=seed_date))


def countries(ex: Extraction, ids: list[str]) -> set[str]:
    return {a.country for a in (ex.actor(i) for i in ids) if a is not None and a.country}


def codes(ex: Extraction, ids: list[str]) -> set[str]:
    return {a.code for a in (ex.actor(i) for i in ids) if a is not None and a.code}


def place_names(ex: Extraction, event: Event) -> str:
    place = ex.place(event.place)
    return place.name if place else ""


def find(ex: Extraction, type_: str, source_country: str | None = None) -> list[Event]:
    return [e for e in ex.events if e.type == type_ and (source_country is None or source_country in countries(ex, e.sources))]


def test_russia_retreats_near_kyiv_on_the_day_before(seed):
    events = find(seed, "RETREAT", "RUS")
    assert events, [(e.type, e.trigger.text) for e in seed.events]
    retreat = events[0]
    assert retreat.date is not None and retreat.date.value == "2022-03-29"
    assert retreat.mode.future and retreat.mode.reported and retreat.speaker is not None
    assert retreat.quad == 2 and retreat.cameo.startswith("08")


def test_ukraine_and_russia_consult_in_istanbul(seed):
    talks = [e for e in find(seed, "CONSULT") if {"UKR", "RUS"} <= countries(seed, e.sources + e.targets)]
    assert talks
    event = talks[0]
    assert event.date is not None and event.date.value == "2022-03-29"
    assert place_names(seed, event) == "Istanbul"


def test_ukraine_offers_neutrality_on_condition_of_guarantees(seed):
    offers = [e for e in find(seed, "AGREE", "UKR") if e.mode.conditional]
    assert offers
    offer = offers[0]
    assert offer.mode.condition is not None and offer.mode.condition.text.startswith("if ")
    assert "protection" in offer.mode.condition.text
    assert offer.date is not None and offer.date.value == "2022-03-29"


def test_russian_strike_in_mykolaiv_reported_by_ukraine(seed):
    strikes = [e for e in find(seed, "ASSAULT", "RUS") if place_names(seed, e) == "Mykolaiv"]
    assert strikes
    strike = strikes[0]
    assert strike.mode.reported and "UKR" in countries(seed, [strike.speaker])
    assert strike.goldstein == -10.0 and strike.quad == 4


def test_russia_reinforces_the_donbas(seed):
    mobilize = find(seed, "MOBILIZE", "RUS")
    assert mobilize and mobilize[0].mode.reported


def test_nato_rules_out_the_no_fly_zone_zelensky_asked_for(seed):
    rejects = [e for e in find(seed, "REJECT") if "NATO" in codes(seed, e.sources)]
    assert rejects and "UKR" in countries(seed, rejects[0].targets)
    requests = find(seed, "REQUEST", "UKR")
    assert any(e.evidence == rejects[0].evidence for e in requests)


def test_guarantor_countries_are_all_sources(seed):
    defend = [e for e in seed.events if {"USA", "CHN", "FRA", "GBR", "TUR", "DEU", "POL", "ISR"} <= countries(seed, e.sources)]
    assert defend and "UKR" in countries(seed, defend[0].targets)


def test_no_event_from_statements_alone(seed):
    triggers = {e.trigger.text.lower() for e in seed.events}
    assert not triggers & {"said", "says", "told", "claimed"}
    assert len(seed.events) < 45

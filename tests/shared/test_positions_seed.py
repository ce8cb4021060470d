"""heron_positions on the mission's seed article (shared data): who offered what against what.

Facts asserted here come from reading the article (a check, not training data); no sentence of it is copied
into the repo. Each assertion names the side and the kind of position, and a word of its content.
"""
from __future__ import annotations

import pytest

from heron.records import Article, Extraction, Position


@pytest.fixture(scope="module")
def seed(heron_pipeline, seed_text, seed_date) -> Extraction:
    return heron_pipeline.extract(Article(text=seed_text, date=seed_date))


def sides(ex: Extraction, ids: list[str]) -> set[str]:
    """The countries and the codes of the actors (UKR and UKRREB for a separatist republic)."""
    return {x for a in (ex.actor(i) for i in ids) if a is not None for x in (a.country, a.code) if x}


def find(ex: Extraction, kind: str, side: str, word: str) -> Position:
    found = [p for p in ex.positions if p.kind == kind and side in sides(ex, p.holders)
             and word in p.content.text.lower()]
    assert found, [(p.kind, sides(ex, p.holders), p.content.text) for p in ex.positions]
    return found[0]


def test_ukraines_neutrality_offer_has_its_condition_and_the_named_guarantors(seed):
    offer = find(seed, "offer", "UKR", "neutral")
    assert offer.conditions and offer.conditions[0].clause.text.startswith("if")
    assert {"USA", "CHN", "GBR", "TUR"} <= sides(seed, [g.actor for g in offer.guarantors])
    assert all(g.obligation is not None and "defend" in g.obligation.text for g in offer.guarantors)


def test_ukraines_demands(seed):
    find(seed, "demand", "UKR", "ceasefire")
    find(seed, "demand", "UKR", "referendum")
    membership = find(seed, "demand", "UKR", "oppose")
    assert "RUS" in sides(seed, membership.addressees)
    find(seed, "demand", "UKR", "security guarantees")


def test_ukraines_non_aligned_offer_is_conditioned_on_russia_not_opposing_eu_membership(seed):
    offer = find(seed, "offer", "UKR", "non-aligned")
    membership = find(seed, "demand", "UKR", "oppose")
    assert any(c.position == membership.id for c in offer.conditions)


def test_russia_answers_the_ukrainian_proposals(seed):
    consider = next(p for p in seed.positions if p.kind == "response" and p.answer == "consider")
    counter = next(p for p in seed.positions if p.kind == "response" and p.answer == "counter")
    for answer in (consider, counter):
        assert "RUS" in sides(seed, answer.holders)
        answered = next(p for p in seed.positions if p.id == answer.responds_to)
        assert "UKR" in sides(seed, answered.holders)


def test_nato_refuses_the_no_fly_zone_kyiv_asked_for(seed):
    refusal = find(seed, "rejection", "NATO", "no-fly")
    request = next(p for p in seed.positions if p.id == refusal.responds_to)
    assert request.kind == "demand" and "UKR" in sides(seed, request.holders)
    assert request.status == "rejected"


def test_the_eu_refuses_a_fast_track(seed):
    find(seed, "rejection", "EU", "fast-track")


def test_russias_pull_back_is_offered_as_a_trust_building_step(seed):
    assert any(p.kind == "concession" and "RUS" in sides(seed, p.holders) for p in seed.positions)


def test_the_separatist_leaders_intention_depends_on_controlling_donetsk(seed):
    intention = find(seed, "commitment", "UKRREB", "joining russia")
    assert intention.conditions and "donetsk" in intention.conditions[0].clause.text.lower()


def test_moscow_and_washington_read_the_withdrawal_differently(seed):
    groups = [g for g in seed.claim_groups if g.event_type == "RETREAT"]
    assert groups, seed.claim_groups
    holders = sides(seed, [c.holder for c in groups[0].claims])
    assert {"RUS", "USA"} <= holders
    assert {"assert", "believe"} <= {c.attitude for c in groups[0].claims}

"""heron_positions on short reports written for these tests: offers, demands, refusals, answers, conditions,
guarantors and claims, and what is not a position."""
from __future__ import annotations

import pytest

from heron.datafiles import DataFileError
from heron.positions.cues import parse_cues, parse_markers
from heron.records import Article, Extraction, Position


def extract(pipeline, text: str) -> Extraction:
    return pipeline.extract(Article(text=text, date="2024-05-10"))


def held(ex: Extraction, position: Position) -> set[str]:
    return {a.country or a.code for a in (ex.actor(h) for h in position.holders) if a is not None}


def of_kind(ex: Extraction, kind: str) -> list[Position]:
    return [p for p in ex.positions if p.kind == kind]


def test_an_offer_carries_its_condition_and_the_guarantors_named_after_it(heron_pipeline):
    ex = extract(heron_pipeline, "Armenia offered to withdraw its troops from the border if Russia sent "
                                 "peacekeepers. The offer would mean that France and Iran would be obliged to "
                                 "monitor the ceasefire line.")
    offers = of_kind(ex, "offer")
    assert offers and held(ex, offers[0]) == {"ARM"}, ex.positions
    offer = offers[0]
    assert offer.content.text.startswith("to withdraw its troops")
    assert offer.conditions and offer.conditions[0].clause.text.startswith("if Russia sent")
    guarantors = {ex.actor(g.actor).country for g in offer.guarantors}
    assert guarantors == {"FRA", "IRN"}
    assert all(g.obligation is not None and "monitor" in g.obligation.text for g in offer.guarantors)


def test_a_refusal_answers_the_demand_it_names_and_sets_its_status(heron_pipeline):
    ex = extract(heron_pipeline, "Poland demanded a no-fly zone over the border region. "
                                 "Germany rejected Poland's demand for a no-fly zone on Tuesday.")
    demands = [p for p in of_kind(ex, "demand") if held(ex, p) == {"POL"}]
    refusals = [p for p in of_kind(ex, "rejection") if held(ex, p) == {"DEU"}]
    assert demands and refusals, ex.positions
    assert refusals[0].responds_to in {d.id for d in demands}
    answered = next(d for d in demands if d.id == refusals[0].responds_to)
    assert answered.status == "rejected" and refusals[0].id in answered.responses


def test_ready_to_consider_answers_the_other_sides_last_offer(heron_pipeline):
    ex = extract(heron_pipeline, "Kenya offered to host a new round of talks in Nairobi. "
                                 "Ethiopia said it was ready to consider the proposal.")
    offer = next(p for p in of_kind(ex, "offer") if held(ex, p) == {"KEN"})
    response = next(p for p in of_kind(ex, "response") if held(ex, p) == {"ETH"})
    assert response.answer == "consider" and response.responds_to == offer.id
    assert offer.status == "considered"


def test_a_demand_put_to_another_side_names_it_as_addressee(heron_pipeline):
    ex = extract(heron_pipeline, "Egypt urged Israel to open the crossing for aid convoys.")
    demand = of_kind(ex, "demand")
    assert demand and held(ex, demand[0]) == {"EGY"}, ex.positions
    assert {ex.actor(a).country for a in demand[0].addressees} == {"ISR"}
    assert demand[0].content.text.startswith("to open the crossing")


def test_in_return_makes_the_demand_the_condition_of_the_offer_before_it(heron_pipeline):
    ex = extract(heron_pipeline, "Serbia said it was ready to recognise the new border. "
                                 "In return, Serbia wants Kosovo to protect the monasteries.")
    offer = next(p for p in of_kind(ex, "offer") if held(ex, p) == {"SRB"})
    demand = next(p for p in of_kind(ex, "demand") if held(ex, p) == {"SRB"})
    assert any(c.position == demand.id for c in offer.conditions), offer.conditions


def test_what_a_side_says_it_will_do_is_a_commitment_or_a_refusal(heron_pipeline):
    ex = extract(heron_pipeline, "Turkey said it would keep the straits open to grain ships. "
                                 "Greece said it would not sign the pipeline accord.")
    assert any(held(ex, p) == {"TUR"} for p in of_kind(ex, "commitment")), ex.positions
    assert any(held(ex, p) == {"GRC"} for p in of_kind(ex, "rejection")), ex.positions


@pytest.mark.parametrize("text", [
    "The ministry declined to comment on the talks.",
    "Chile told reporters that the meeting had been useful.",
    "The report says the economy will grow next year.",
    "There is no question that the talks were long.",
])
def test_statements_that_take_no_stance_are_not_positions(heron_pipeline, text):
    assert extract(heron_pipeline, text).positions == []


def test_two_sides_reading_one_withdrawal_form_a_claim_group(heron_pipeline):
    ex = extract(heron_pipeline, "Sudan said the withdrawal of its troops from the city was a goodwill gesture. "
                                 "Chad believes the withdrawal is only a regrouping before a new offensive.")
    assert ex.claim_groups, ex.quotes
    group = ex.claim_groups[0]
    sides = {ex.actor(c.holder).country for c in group.claims}
    assert sides == {"SDN", "TCD"}
    assert {c.attitude for c in group.claims} == {"assert", "believe"}
    assert "withdrawal" in group.about.text


def test_the_cue_tables_reject_unknown_kinds_and_roles():
    with pytest.raises(DataFileError):
        parse_cues("cue\twith\tpos\tkind\tanswer\ton_position\nbargain\t\tVERB\thaggle\t\t\n")
    with pytest.raises(DataFileError):
        parse_markers("word\trole\nif\tmaybe\n")
    table = parse_cues("cue\twith\tpos\tkind\tanswer\ton_position\nrule\tout\tVERB\trejection\t\t\n"
                       "accept\t\tVERB\tcommitment\t\tresponse/accept\n")
    assert table[("rule", "VERB")][0].needs == "out"
    assert table[("accept", "VERB")][0].on_position == ("response", "accept")


def test_the_scorer_counts_positions_links_and_claim_pairs():
    from heron.evaluate.positions import ScoredClaim, ScoredPosition, score_article

    gold = [ScoredPosition("offer", frozenset({"ARM"}), (0, 20), ref="1", conditions=((25, 40),)),
            ScoredPosition("rejection", frozenset({"AZE"}), (50, 60), ref="2", responds_to="1"),
            ScoredPosition("demand", frozenset({"AZE"}), (70, 80), ref="3", optional=True)]
    predicted = [ScoredPosition("offer", frozenset({"ARM"}), (5, 15), ref="N1", conditions=((30, 35),)),
                 ScoredPosition("rejection", frozenset({"AZE"}), (52, 58), ref="N2", responds_to="N1"),
                 ScoredPosition("demand", frozenset({"AZE"}), (71, 75), ref="N3"),  # matches an optional gold
                 ScoredPosition("offer", frozenset({"TUR"}), (5, 15), ref="N4")]  # wrong holder
    gold_claims = [ScoredClaim("ARM", "assert", (100, 120), "1"), ScoredClaim("AZE", "deny", (130, 150), "1")]
    pred_claims = [ScoredClaim("ARM", "assert", (105, 110), "C1"), ScoredClaim("AZE", "deny", (131, 140), "C1")]
    score = score_article(predicted, gold, pred_claims, gold_claims)
    assert (score.positions.tp, score.positions.fp, score.positions.fn) == (2, 1, 0)
    assert (score.conditions.tp, score.conditions.fp, score.conditions.fn) == (1, 0, 0)
    assert (score.responses.tp, score.responses.fp, score.responses.fn) == (1, 0, 0)
    assert score.claim_pairs.tp == 1 and score.claims.tp == 2
    wrong_link = [*predicted[:1], ScoredPosition("rejection", frozenset({"AZE"}), (52, 58), ref="N2", responds_to="N4")]
    assert score_article(wrong_link, gold).responses.tp == 0

"""Hand-built extractions with positions and claim groups, written in our own words for the store, query,
CLI and API tests (no pipeline run: every record is set here, offsets found in the text they point into)."""
from __future__ import annotations

from heron.records import (
    Actor,
    Article,
    Claim,
    ClaimGroup,
    Condition,
    Event,
    Extraction,
    Guarantor,
    Mention,
    Position,
    TimeRef,
)

TALKS = ("Ukraine offered to accept a neutral status if Britain and Turkey agreed to defend it. "
         "Russia said it was ready to consider the offer. "
         "Moscow said its troops were pulling back from the north, while Washington believed the move was a "
         "regrouping.")
FOLLOW_UP = "Ukraine again offered to accept neutral status at the second round of talks. Nato refused to send jets."
LATER = "Months later, Ukraine offered to accept a neutral status once more."


def span(text: str, phrase: str, after: int = 0) -> Mention:
    """The first occurrence of ``phrase`` in ``text`` at or after ``after``, as a Mention."""
    start = text.index(phrase, after)
    return Mention(phrase, start, start + len(phrase))


def sentence(text: str, words: str) -> Mention:
    start = text.index(words)
    end = text.index(".", start) + 1
    return Mention(text[start:end], start, end)


def _actor(aid: str, name: str, code: str | None, country: str | None, text: str) -> Actor:
    return Actor(aid, name, code=code, country=country, kind="country", mentions=[span(text, name)])


def talks() -> Extraction:
    t = TALKS
    art = Article(text=t, date="2022-03-30", title="Talks in a palace", source="heron test")
    actors = [_actor("A1", "Ukraine", "UKR", "UKR", t), _actor("A2", "Britain", "GBR", "GBR", t),
              _actor("A3", "Turkey", "TUR", "TUR", t), _actor("A4", "Russia", "RUS", "RUS", t),
              _actor("A5", "Moscow", "RUSGOV", "RUS", t), _actor("A6", "Washington", "USAGOV", "USA", t)]
    day = TimeRef("T1", "2022-03-29", "day")
    defend = Event("E2", "SUPPORT", "052", 1, 3.5, span(t, "defend"), sentence(t, "Ukraine offered"),
                   sources=["A2", "A3"], targets=["A1"])
    offer = Event("E1", "AGREE", "081", 1, 5.0, span(t, "offered"), sentence(t, "Ukraine offered"),
                  sources=["A1"], date=day)
    pull = Event("E3", "RETREAT", "0874", 2, 9.0, span(t, "pulling back"), sentence(t, "Moscow said"),
                 sources=["A5"])
    n1 = Position("N1", "offer", ["A1"], span(t, "to accept a neutral status"), sentence(t, "Ukraine offered"),
                  cue=span(t, "offered"), addressees=["A4"], event="E1", event_type="AGREE",
                  conditions=[Condition(span(t, "Britain and Turkey agreed to defend it"), event="E2")],
                  guarantors=[Guarantor("A2", span(t, "to defend it")), Guarantor("A3", span(t, "to defend it"))],
                  responses=["N2"], status="considered", date=day)
    n2 = Position("N2", "response", ["A4"], span(t, "the offer"), sentence(t, "Russia said"),
                  cue=span(t, "ready to consider"), answer="consider", responds_to="N1", date=day)
    group = ClaimGroup("C1", span(t, "the move"), event="E3", event_type="RETREAT", claims=[
        Claim("A5", "assert", span(t, "its troops were pulling back from the north")),
        Claim("A6", "believe", span(t, "the move was a regrouping")),
    ])
    return Extraction(art, actors=actors, times=[day], events=[offer, defend, pull], positions=[n1, n2],
                      claim_groups=[group])


def follow_up() -> Extraction:
    t = FOLLOW_UP
    art = Article(text=t, date="2022-04-08", title="A second round", source="heron test")
    actors = [_actor("A1", "Ukraine", "UKR", "UKR", t), Actor("A2", "Nato", code="NATO", kind="organization",
                                                             mentions=[span(t, "Nato")])]
    n1 = Position("N1", "offer", ["A1"], span(t, "to accept neutral status"), sentence(t, "Ukraine again"),
                  cue=span(t, "offered"))
    n2 = Position("N2", "rejection", ["A2"], span(t, "to send jets"), sentence(t, "Nato refused"),
                  cue=span(t, "refused"))
    return Extraction(art, actors=actors, positions=[n1, n2])


def later() -> Extraction:
    t = LATER
    art = Article(text=t, date="2022-07-20", title="Months later", source="heron test")
    n1 = Position("N1", "proposal", ["A1"], span(t, "to accept a neutral status"), sentence(t, "Months later"),
                  cue=span(t, "offered"))
    return Extraction(art, actors=[_actor("A1", "Ukraine", "UKR", "UKR", t)], positions=[n1])


def all_three() -> list[Extraction]:
    return [talks(), follow_up(), later()]

"""Answers aim at whoever asked: "The embassy declined the request" targets the one who made the request.

An answer (a refusal, an acceptance, a concession) whose object is a request or an offer named only by its
noun ("the request", "these demands", "the proposal") has no recipient in its own words. The recipient is the
source of the last earlier event of the matching kind in the article: a REQUEST for a request, demand, call
or appeal; an AGREE for an offer, proposal or invitation.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from heron.records import Event

ANSWER_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE", "SUPPORT"})
ASKED = {"request": "REQUEST", "demand": "REQUEST", "call": "REQUEST", "appeal": "REQUEST", "plea": "REQUEST",
         "ultimatum": "REQUEST", "offer": "AGREE", "proposal": "AGREE", "invitation": "AGREE", "bid": "AGREE"}
WINDOW = 8  # sentences back the request or offer may have been told


def _answered(trigger: Token) -> str | None:
    """The type of event the trigger's object names ("declined the request" -> REQUEST), when the object
    names no party of its own (no possessor, no "of"/"from"/"by" phrase)."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        kind = ASKED.get(obj.lemma_.lower())
        if kind is None:
            continue
        if any(c.dep_ == "poss" for c in obj.children) or any(
                c.dep_ == "prep" and c.lower_ in ("of", "from", "by") for c in obj.children):
            return None
        return kind
    return None


def aim_answers(events: list[Event], doc: Doc, sentence_of: dict[int, int]) -> None:
    """Give an answer with no target the source of the request or offer it answers, in place; ``sentence_of``
    maps a sentence's start offset to its number."""
    for n, event in enumerate(events):
        if event.targets or event.type not in ANSWER_TYPES:
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        kind = _answered(span.root) if span is not None else None
        if kind is None:
            continue
        here = sentence_of.get(event.evidence.start, 0)
        earlier = [e for e in events if e is not event and e.type == kind and e.sources
                   and e.evidence.start <= event.evidence.start
                   and here - sentence_of.get(e.evidence.start, 0) <= WINDOW]
        if earlier:
            asked = max(earlier, key=lambda e: e.evidence.start)
            event.targets = [a for a in asked.sources if a not in event.sources]

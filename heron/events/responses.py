"""Answers and judgements aim at whoever did what they answer or judge.

"The embassy declined the request" targets the one who made the request; "Borovia condemned the attack" targets
the attacker (the event coding guidelines: a condemnation targets whom it condemns, not the victims). An answer
(a refusal, an acceptance, a concession, a praise) or a judgement (an accusation, a condemnation) whose object
names an earlier act only by its noun ("the request", "these demands", "the withdrawal", "the decision") has no
recipient in its own words. The recipient is the source of the last earlier event of the matching kind in the
article: a REQUEST for a request, demand, call or appeal; an AGREE for an offer, proposal or invitation; an event
of the noun's own type for an event noun of the lexicon ("the withdrawal": a RETREAT); any event but another
judgement for a bare act ("the decision", "the move").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from heron.events.lexicon import has_rule, match_trigger
from heron.records import Event

ANSWER_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE", "SUPPORT", "ACCUSE"})
ASKED = {"request": "REQUEST", "demand": "REQUEST", "call": "REQUEST", "appeal": "REQUEST", "plea": "REQUEST",
         "ultimatum": "REQUEST", "offer": "AGREE", "proposal": "AGREE", "invitation": "AGREE", "bid": "AGREE"}
# Nouns that name an act without saying which: "criticised the decision" judges whatever was last done
ACTS = frozenset({"decision", "move", "step", "action", "measure", "announcement"})
ANY_ACT = "*"
JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT"})  # what a bare act noun never names: it is done, not judged
AIMING_PREPOSITIONS = frozenset({"against", "over", "on", "at", "about", "to"})
WINDOW = 8  # sentences back the request, offer or act may have been told


def _answered(trigger: Token) -> str | None:
    """The type of event the trigger's object names ("declined the request" -> REQUEST, "condemned the
    attack" -> ASSAULT, "criticised the move" -> any), when the object names no party of its own (no
    possessor, no "of"/"from"/"by" phrase)."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    # "spoke out against the attack"; not "rejected the report after the attack", which only dates it
    objects += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in AIMING_PREPOSITIONS
                for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        lemma = obj.lemma_.lower()
        named = match_trigger(obj) if obj.pos_ == "NOUN" else None
        kind = ASKED.get(lemma) or (ANY_ACT if lemma in ACTS else None) or (named.type if named else None)
        if kind is None:
            continue
        # "Arland's request", "the decision of the court", "the attack by X": a party of its own; but "the killing
        # of the protesters" names its victims
        own = ("from", "by", "of") if kind == ANY_ACT or has_rule(kind, "of_is_source") else ("from", "by")
        if any(c.dep_ == "poss" for c in obj.children) or any(
                c.dep_ == "prep" and c.lower_ in own for c in obj.children):
            return None
        return kind
    return None


def aim_answers(events: list[Event], doc: Doc, sentence_of: dict[int, int]) -> None:
    """Give an answer or judgement with no target the source of the act it answers or judges, in place;
    ``sentence_of`` maps a sentence's start offset to its number."""
    for event in events:
        if event.targets or event.type not in ANSWER_TYPES:
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        kind = _answered(span.root) if span is not None else None
        if kind is None:
            continue
        here = sentence_of.get(event.evidence.start, 0)
        earlier = [e for e in events if e is not event and e.sources
                   and (e.type == kind or kind == ANY_ACT and e.type not in JUDGEMENTS)
                   and e.evidence.start <= event.evidence.start
                   and here - sentence_of.get(e.evidence.start, 0) <= WINDOW]
        if earlier:
            done = max(earlier, key=lambda e: e.evidence.start)
            event.targets = [a for a in done.sources if a not in event.sources]

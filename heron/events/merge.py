"""One event mentioned several times in an article becomes one Event with every mention kept.

Two candidates merge when they have the same type, the same negation/future/hypothesis
flags, compatible dates and places and a shared source (by actor id or country; the very
same target actor when one has no source), or when one of them names no actor at all:
an argument-less event noun ("the withdrawal", "the talks") refers back to the last
event of its type, and an argument-less verb ("were killed") is the same event as an
event noun of its type in the same sentence ("in a strike by X"), as is an attack told only by its victims
("12 people were killed in a Russian strike").
"""
from __future__ import annotations

from collections import Counter

from heron.records import Actor, Event, Place, TimeRef

ANAPHORA_WINDOW = 8  # sentences back an argument-less event may refer to
CASUALTY_WINDOW = 2  # sentences between an attack and the toll told of it ("... were killed", "the attack")


def _keys(ids: list[str], actors: dict[str, Actor]) -> set[str]:
    keys = set(ids)
    for actor_id in ids:
        actor = actors.get(actor_id)
        if actor is not None and actor.country and actor.sector in (None, "GOV", "MIL"):
            keys.add(actor.country)
    return keys


def dates_compatible(a: TimeRef | None, b: TimeRef | None) -> bool:
    if a is None or b is None or a.fallback or b.fallback or not a.value or not b.value:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _bare(event: Event) -> bool:
    return not event.sources and not event.targets


# Casualty words: "12 people were killed in a Russian strike" tells the strike's toll, not a second attack
CASUALTY_WORDS = ("kill", "injur", "wound", "dead", "die", "hurt")


def _casualty(event: Event) -> bool:
    """An attack told only by its victims: a casualty verb with nobody named as doing it."""
    return event.type == "ASSAULT" and not event.sources and event.trigger.text.lower().startswith(CASUALTY_WORDS)


def _flags(event: Event) -> tuple[bool, bool, bool]:
    return event.mode.negated, event.mode.future, event.mode.hypothetical


def _same(a: Event, b: Event, actors: dict[str, Actor]) -> bool:
    """Same type, assertion, date and place, and the same source (or, lacking sources, the same target)."""
    if a.type != b.type or _flags(a) != _flags(b) or not dates_compatible(a.date, b.date):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.sources and b.sources:
        return bool(_keys(a.sources, actors) & _keys(b.sources, actors))
    # without sources only the very same recipient makes one event: two attacks on towns of one country are two
    return bool(set(a.targets) & set(b.targets))


def _finer(place: Place | None, other: Place | None) -> bool:
    """``other`` lies in ``place`` and says more: a town of the country or region told before."""
    if place is None or other is None or not place.feature or not other.feature:
        return False
    return (place.feature.startswith("A.PCL") or place.feature in ("A.ADM1", "L.RGN")) \
        and other.feature.startswith("P.") and other.country == place.country


def _absorb(kept: Event, other: Event, richer_trigger: bool, places: dict[str, Place]) -> None:
    """Fold ``other`` into ``kept``: union of actors, first known place (a town over its country), explicit
    date over fallback."""
    if richer_trigger:
        kept.trigger, kept.cameo, kept.goldstein, kept.quad = other.trigger, other.cameo, other.goldstein, other.quad
        if other.evidence != kept.evidence:  # the trigger's sentence is the evidence; the other a mention
            kept.mentions.insert(0, kept.evidence)
            kept.evidence = other.evidence
            kept.mentions = [m for m in kept.mentions if m != kept.evidence]
    kept.sources += [a for a in other.sources if a not in kept.sources]
    if richer_trigger:  # the event told by the richer words names its own recipients first
        kept.targets = [a for a in other.targets if a not in kept.sources] + \
            [a for a in kept.targets if a not in other.targets]
    else:
        kept.targets += [a for a in other.targets if a not in kept.targets and a not in kept.sources]
    if kept.place is None or _finer(places.get(kept.place), places.get(other.place or "")):
        kept.place = other.place or kept.place
    if kept.date is None or (kept.date.fallback and other.date is not None and not other.date.fallback):
        kept.date = other.date
    kept.confidence = max(kept.confidence, other.confidence)
    if other.evidence != kept.evidence and other.evidence not in kept.mentions:
        kept.mentions.append(other.evidence)
    kept.mentions += [m for m in other.mentions if m not in kept.mentions and m != kept.evidence]


def merge_events(events: list[Event], actors: list[Actor], sentence_of: dict[int, int],
                 anaphoric: list[bool] | None = None, places: list[Place] = ()) -> list[Event]:
    """Merge repeated mentions.

    ``sentence_of`` maps a sentence start offset to its number; ``anaphoric[i]`` says event i
    is a definite event noun ("the withdrawal") that may refer back to an earlier event.
    """
    by_id = {a.id: a for a in actors}
    place_by_id = {p.id: p for p in places}
    refers_back = anaphoric or [False] * len(events)
    kept: list[Event] = []
    # a toll whose own sentence tells an attack belongs to that attack, not to one told sentences before
    attacks_in = Counter(sentence_of.get(e.evidence.start, 0) for e in events if e.type == "ASSAULT")
    for event, definite in zip(events, refers_back):
        here = sentence_of.get(event.evidence.start, 0)
        target = None
        for prior in reversed(kept):
            if prior.type != event.type or prior.mode.negated != event.mode.negated:
                continue
            last = max(sentence_of.get(m.start, 0) for m in [prior.evidence, *prior.mentions])
            same_sentence = here == last
            if _same(prior, event, by_id) or (same_sentence and (_bare(prior) or _bare(event))) \
                    or (here - last <= CASUALTY_WINDOW
                        and (_casualty(prior) or (_casualty(event) and attacks_in[here] == 1))
                        and _flags(prior) == _flags(event) and dates_compatible(prior.date, event.date)):
                target = prior
                break
            if definite and _bare(event) and here - last <= ANAPHORA_WINDOW and dates_compatible(prior.date, event.date):
                target = prior
                break
        if target is None:
            kept.append(event)
        else:
            richer = (_bare(target) and not _bare(event)) or (_casualty(target) and not _casualty(event))
            _absorb(target, event, richer_trigger=richer, places=place_by_id)
    for n, event in enumerate(kept, start=1):
        event.id = f"E{n}"
    return kept

"""Which side of a negotiation an actor speaks for."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from heron.records import Actor

# sectors that speak for their state: a ministry, the army and the president are one side in a negotiation
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"})


class Sides:
    """The side of each actor of one document, by actor id: the country of a state actor, else the actor's code
    (rebels, parties and organisations are sides of their own), else its id."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors.setdefault(actor.id, actor)

    def of(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        if actor is None:
            return actor_id
        if actor.country and (actor.sector is None or actor.sector in STATE_SECTORS):
            return actor.country
        return actor.code or actor.country or actor.id

    def of_all(self, actor_ids: Iterable[str]) -> set[str]:
        return {self.of(i) for i in actor_ids}

    @cached_property
    def main(self) -> tuple[str, ...]:
        """The two actors an article is about, as ids: of its actors with a country or an organisation code,
        the two most often mentioned that are not one side (ties in the actors' order); none if there are not
        two. Ranked once per document, as the actors do not change."""
        ranked = sorted((a for a in self._actors.values() if a.code and a.kind != "place"),
                        key=lambda a: -len(a.mentions))
        chosen: list[str] = []
        seen: set[str] = set()
        for actor in ranked:
            key = self.of(actor.id)
            if key not in seen:
                seen.add(key)
                chosen.append(actor.id)
            if len(chosen) == 2:
                break
        return tuple(chosen) if len(chosen) == 2 else ()

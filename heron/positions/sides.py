"""Which side of a negotiation an actor speaks for."""
from __future__ import annotations

from heron.events.arguments import Arguments

# sectors that speak for their state: a ministry, the army and the president are one side in a negotiation
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"})


def side(reader: Arguments, actor_id: str) -> str:
    """What two holders share when they are one side: the country of a state actor, else the actor's code
    (rebels, parties and organisations are sides of their own), else its id."""
    actor = next((a for a in reader.actors if a.id == actor_id), None)
    if actor is None:
        return actor_id
    if actor.country and (actor.sector is None or actor.sector in STATE_SECTORS):
        return actor.country
    return actor.code or actor.country or actor.id

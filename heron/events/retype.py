"""Reconcile the lexicon's event type with the trained type classifier (event_typer), when one is shipped.

The rules find the (trigger, source, target) triple and a lexicon type; the classifier
sees the sentence with the source and target marked and predicts a PLOVER root (YIELD
for CONCEDE/RETREAT). A confident disagreement re-types the event, unless the lexicon
matched a multi-word reading ("rule out"); YIELD is mapped back
by the trigger's own reading, else by mode (announced -> CONCEDE, done -> RETREAT); the
CAMEO code is then the most specific one still consistent with the final type.
"""
from __future__ import annotations

from dataclasses import dataclass

from heron.events.lexicon import load_triggers
from heron.resolve.cameo import CameoInfo, consistent_cameo, plv_root

RETYPE_MIN_PROB = 0.6  # the classifier must be this sure to overrule the lexicon
KEEP_MIN_PROB = 0.15  # ... and the lexicon type must be this unlikely to it


@dataclass(frozen=True)
class Typed:
    type: str
    cameo: CameoInfo
    confidence: float


def yield_type(trigger_lemma: str, announced: bool) -> str:
    for rows in (load_triggers().get((trigger_lemma, "VERB")), load_triggers().get((trigger_lemma, "NOUN"))):
        for row in rows or []:
            if row.type in ("CONCEDE", "RETREAT"):
                return row.type
    return "CONCEDE" if announced else "RETREAT"


def reconcile(lexicon_type: str, cameo: str | None, trigger_lemma: str, announced: bool,
              root: str | None, probs: dict[str, float] | None, phrasal: bool = False,
              taken: frozenset[str] = frozenset()) -> Typed:
    """Final type/CAMEO/confidence from the lexicon reading and a classifier prediction (None when absent).

    ``phrasal``: the lexicon matched a multi-word reading ("rule out", "call for"), specific
    enough that the classifier only confirms it. ``taken``: the PLV roots other event words of the sentence
    read by the lexicon; the classifier, which reads the whole sentence, does not give this event one of them.
    """
    own = plv_root(lexicon_type)
    if root is None or not probs:
        return Typed(lexicon_type, consistent_cameo(cameo, lexicon_type), 0.6)
    p_own = probs.get(own, 0.0)
    p_root = probs.get(root, 0.0)
    if phrasal or root == own or root in taken or p_root < RETYPE_MIN_PROB or p_own >= KEEP_MIN_PROB:
        return Typed(lexicon_type, consistent_cameo(cameo, lexicon_type), max(0.6, p_own))
    new_type = yield_type(trigger_lemma, announced) if root == "YIELD" else root
    return Typed(new_type, consistent_cameo(cameo, new_type), p_root)

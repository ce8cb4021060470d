"""Which of the events heron found an expert coder would count: a learnt filter, the last step of the events
component.

The trigger lexicon and the parse find every word that may tell an event; many of those are not events an
expert codes (a generic statement, background told in passing, a word that tells another event of the sentence
again, a party read from the wrong clause). The filter scores each found event from what heron knows of it: its
type and word (lemma, part of speech, dependency and governing word), its mode, whether its source and target
were found and coded and of which sector and kind, how often it is told and where in the article. It is binary
logistic regression over those indicator features, trained by ``heron train`` on heron's own Wikinews
annotations (the dev articles of ``gold/events`` and the training articles of ``gold/events_train``; the test
articles left out): an event is kept when its probability of being one the annotator coded is at least the
threshold. Stored like the argument model (:mod:`heron.events.linear_model`).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from spacy.tokens import Doc

from heron.events.linear_model import LinearModel
from heron.nlp.views import views
from heron.records import Actor, Event
from heron.resolve.actor_base import WEST

MODEL_NAME = "event_filter"
LABELS = ("drop", "keep")
MODES = ("negated", "future", "hypothetical", "conditional", "reported", "denied", "ruled_out")


def event_features(event: Event, doc: Doc, actors: dict[str, Actor], sentence_starts: Sequence[int]) -> list[str]:
    """The indicator features of one event of ``doc``; ``actors``: every actor and party by id,
    ``sentence_starts``: the character offsets of the document's sentences, in order."""
    out = [f"type={event.type}"]
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is not None:
        word = span.root
        out += [f"lemma={word.lemma_.lower()}", f"pos={word.pos_}", f"dep={word.dep_}", f"tag={word.tag_}",
                f"head={word.head.lemma_.lower()}", f"type_pos={event.type}{word.pos_}"]
    out += [f"mode={m}" for m in MODES if getattr(event.mode, m)]
    for side, ids in (("S", event.sources), ("T", event.targets)):
        first = next((actors[a] for a in ids if a in actors), None)
        if first is None:
            out.append(f"{side}=none")
            continue
        out += [f"{side}coded={bool(first.code)}", f"{side}sector={first.sector}", f"{side}kind={first.kind}"]
    out.append(f"mentions={min(len(event.mentions), 3)}")
    if event.quote is not None:
        out.append("quote")
    sentence = bisect.bisect_right(sentence_starts, event.evidence.start) - 1
    out.append(f"quarter={min(3, 4 * sentence // max(1, len(sentence_starts)))}")
    if sentence == 0:
        out.append("lead")
    return out


def features_of(events: Sequence[Event], doc: Doc, actors: dict[str, Actor]) -> list[list[str]]:
    starts = [sent.start_char for sent in views(doc).sents]
    return [event_features(e, doc, actors, starts) for e in events]


@dataclass
class EventFilter(LinearModel):
    """Binary logistic regression over :func:`event_features`; an event is kept when its probability of being
    coded (label "keep") is at least ``threshold``."""

    NAME: ClassVar[str] = MODEL_NAME
    LABELS: ClassVar[tuple[str, ...]] = LABELS
    WHAT: ClassVar[str] = "event filter"

    threshold: float = 0.3

    def kept(self, events: Sequence[Event], doc: Doc, actors: dict[str, Actor]) -> list[Event]:
        """The events likely enough to be coded; an event that counts its killed, injured or arrested is kept
        whatever its probability: the count is what a user of ACLED-style data reads it for."""
        if not events:
            return []
        keep = self.probabilities_of(features_of(events, doc, actors))[:, 1]
        return [e for e, p in zip(events, keep) if p >= self.threshold or e.magnitudes or interstate(e, actors)]


def interstate(event: Event, actors: dict[str, Actor]) -> bool:
    """One country's actor acting on another's: the dyad event data exist to count, kept whatever the filter says."""
    def countries(ids: Sequence[str]) -> set[str]:
        return {actors[a].country for a in ids if a in actors and actors[a].country
                and len(actors[a].country) == 3 and actors[a].country != WEST}
    sources, targets = countries(event.sources), countries(event.targets)
    return bool(sources and targets and not sources & targets)


@lru_cache(maxsize=1)
def shipped_filter() -> EventFilter:
    """The event filter in heron/data/models (OSError when it is missing)."""
    from heron.typer.encoder import shipped_folder

    return EventFilter.load(shipped_folder())

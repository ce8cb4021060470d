"""heron_positions: who offered what against what, and who claims what about one event.

Writes ``doc._.positions`` (list[Position]: offers, demands, proposals, conditions, concessions,
commitments, rejections and responses, with their holders, conditions, guarantors and the answers to them)
and ``doc._.claim_groups`` (list[ClaimGroup]: statements of two or more holders about one event). Reads the
actors, the parties no actor rule coded, the quotes (a position said in a quote is its speaker's) and the
events (the event a position amounts to, the condition an event depends on). Each job is a module under
heron/positions/: ``cues`` (the word lists), ``stances`` (one sentence's positions), ``links`` (one record
per position, its links and status), ``claims`` (claim groups).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from heron.events.arguments import party_reader
from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.positions.claims import ClaimReader
from heron.positions.links import Linker
from heron.positions.scan import Scan
from heron.positions.sides import Sides
from heron.positions.stances import Draft, Reference, StanceReader
from heron.records import ClaimGroup, Position


def find_positions(doc: Doc) -> tuple[list[Position], list[ClaimGroup]]:
    """The positions and claim groups of a Doc whose actors, parties, quotes and events are set."""
    reader = party_reader(doc)
    quotes = list(doc._.quotes or [])
    events = list(doc._.events or [])
    scan = Scan(doc)
    sides = Sides(reader.actors)
    stances = StanceReader(doc, reader, quotes, scan, sides)
    drafts: list[Draft] = []
    references: list[Reference] = []
    for sentence in scan.sentences:
        for found in stances.sentence(sentence):
            (drafts if isinstance(found, Draft) else references).append(found)
    positions = Linker(doc, reader, events, scan, sides).positions(drafts, references)
    return positions, ClaimReader(doc, reader, quotes, events, scan, sides, positions).groups()


@Language.factory(
    "heron_positions",
    requires=["doc._.actors", "doc._.actor_of", "doc._.parties", "doc._.party_of", "doc._.quotes", "doc._.events"],
    assigns=["doc._.positions", "doc._.claim_groups"],
)
def make_positions(nlp: Language, name: str) -> PositionsComponent:
    return PositionsComponent()


class PositionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.positions, doc._.claim_groups = find_positions(doc)
        return doc

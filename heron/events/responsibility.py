"""Who claimed an attack did it: "The Houthi movement claimed responsibility for the attacks" names the source
of an attack that its own sentence told without one ("oil facilities were hit by drone strikes")."""
from __future__ import annotations

from spacy.tokens import Doc

from heron.events.arguments import Arguments, clause_subject
from heron.nlp.views import views
from heron.records import Event

CLAIM_VERBS = frozenset({"claim", "take", "admit", "accept"})
WINDOW = 3  # sentences back the claimed attack may have been told
VIOLENT = frozenset({"ASSAULT", "COERCE"})


def credit_claimed_attacks(events: list[Event], doc: Doc, reader: Arguments, sentence_of: dict[int, int]) -> None:
    """Give the attack a group claimed (the attack named after "for", else the last violent event with no
    source in the sentences before the claim) the claimant as its source, in place; ``sentence_of`` maps a
    sentence's start offset to its number."""
    for word in views(doc).tokens:
        if word.lower_ != "responsibility" or word.dep_ != "dobj":
            continue
        token = word.head
        if token.pos_ != "VERB" or token.lemma_.lower() not in CLAIM_VERBS:
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue  # "no one has claimed responsibility"
        subject = clause_subject(token)
        claimants = reader.np_actors(subject) if subject is not None else []
        if not claimants:
            continue
        here = sentence_of.get(token.sent.start_char, 0)
        # "for the attacks": the attack told in the claim's own sentence, when heron found it there
        named = {g.idx for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.subtree}
        claimed = [e for e in events if e.type in VIOLENT and any(e.trigger.start <= i < e.trigger.end for i in named)]
        if not claimed:
            earlier = [e for e in events if e.type in VIOLENT and not e.sources
                       and e.evidence.start <= token.idx and here - sentence_of.get(e.evidence.start, 0) <= WINDOW]
            claimed = [max(earlier, key=lambda e: e.evidence.start)] if earlier else []
        for event in claimed:
            if not event.sources:
                event.sources = [a for a in claimants if a not in event.targets]

"""From drafts to positions: one record per position, linked to its event, its conditions, its guarantors and
the answers to it.

- A noun that only names a position already stated ("Arland's truce offer", "the offer") is not a new one;
  it points back to the latest earlier position of that kind (of that holder, when it names one).
- "In exchange, they ask ..." makes the demand the condition of the holder's offer just before; "In return,
  Cestia would drop its claim to the islands" conditions the offer on the holder's demand just before.
- An answer ("ready to study the plan", "turned down the president's calls for a buffer zone") responds
  to the position its object names, else to the latest earlier position of the kind its object names held
  by someone else. A position's status is its last answer's: considered, countered, accepted, rejected.
- "X, Y and Z would have to guard the corridor ..." names guarantors of the position the sentence is
  about, with what they would be obliged to do.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from heron.events.arguments import Arguments
from heron.nlp.extensions import doc_text
from heron.positions.cues import counter_noun, markers
from heron.positions.scan import Scan
from heron.positions.sides import Sides
from heron.positions.stances import Draft, Reference, span_of
from heron.records import Condition, Event, Guarantor, Mention, Position

_OFFERS = frozenset({"offer", "proposal", "commitment"})
_ASKS = frozenset({"demand", "condition"})
# what a position noun may refer back to
_NAMED = {"demand": _ASKS, "request": _ASKS, "call": _ASKS, "appeal": _ASKS, "ultimatum": _ASKS,
          "condition": _ASKS, "precondition": _ASKS, "refusal": frozenset({"rejection"}),
          "rejection": frozenset({"rejection"}), "concession": frozenset({"concession"}),
          "pledge": frozenset({"commitment"}), "counterproposal": frozenset({"response"}),
          "counteroffer": frozenset({"response"})}
_STATUS = {"consider": "considered", "accept": "accepted", "counter": "countered"}
WINDOW = 3  # sentences an "in return", a guarantee or a bare mention may look back


def named_kinds(noun: Token) -> frozenset[str]:
    if counter_noun(noun):
        return frozenset({"response"})
    return _NAMED.get(noun.lemma_.lower(), _OFFERS)


@dataclass
class Linker:
    doc: Doc
    reader: Arguments
    events: list[Event]
    scan: Scan
    sides: Sides

    def number(self, sentence: Span) -> int:
        return self.scan.sentence(sentence.start)

    # --- drafts -> positions ------------------------------------------------------------------

    def positions(self, drafts: list[Draft], references: list[Reference]) -> list[Position]:
        drafts = sorted(drafts, key=lambda d: (d.start, d.content))
        # a verb inside what another position asks or offers is part of it ("they want Borovia to agree not
        # to block ..."): not a position of its own
        drafts = [d for d in drafts if d.from_noun or not any(
            o is not d and not o.from_noun and o.kind != "concession" and o.content[0] <= d.cue[0].idx < o.content[1]
            for o in drafts)]
        kept: list[Draft] = []
        alias: dict[int, Draft] = {}  # token index of a bare position noun -> the draft it mentions again
        for draft in drafts:
            same = next((k for k in kept if k.kind == draft.kind and k.sentence.start == draft.sentence.start
                         and _overlap(k.content, draft.content)
                         and self.sides.of_all(k.holders) & self.sides.of_all(draft.holders)), None)
            if same is not None:
                same.conditions += [c for c in draft.conditions if c not in same.conditions]
                continue
            if draft.from_noun and draft.bare:
                earlier = self._earlier(kept, draft.start, named_kinds(draft.cue[0]), holders=draft.holders)
                if earlier is not None:
                    alias[draft.cue[0].i] = earlier
                    continue
            kept.append(draft)
        positions = [self._position(n, d) for n, d in enumerate(kept, start=1)]
        by_draft = {id(d): p for d, p in zip(kept, positions)}
        self._exchanges(kept, by_draft)
        self._responses(kept, by_draft, references, alias)
        self._guarantees(kept, by_draft, references, alias)
        for position in positions:
            answers = [p for p in positions if p.responds_to == position.id]
            position.responses = [p.id for p in answers]
            if answers:
                last = answers[-1]
                position.status = "rejected" if last.kind == "rejection" else _STATUS.get(last.answer or "", "open")
        return positions

    def _earlier(self, kept: list[Draft], before: int, kinds: frozenset[str], holders: list[str] | None = None,
                 other_than: list[str] | None = None) -> Draft | None:
        for draft in reversed(kept):
            if draft.start >= before or draft.kind not in kinds:
                continue
            if holders is not None and not self.sides.of_all(draft.holders) & self.sides.of_all(holders):
                continue
            if other_than is not None and self.sides.of_all(draft.holders) & self.sides.of_all(other_than):
                continue
            return draft
        return None

    def _position(self, n: int, draft: Draft) -> Position:
        text = doc_text(self.doc)
        start, end = draft.content
        cue = Mention(text[draft.cue[0].idx:draft.cue[-1].idx + len(draft.cue[-1].text)], draft.cue[0].idx,
                      draft.cue[-1].idx + len(draft.cue[-1].text)) if draft.cue else None
        sent = draft.sentence
        event = self._event(draft)
        conditions = [Condition(Mention(text[s:e], s, e), event=self._event_id((s, e))) for s, e in draft.conditions]
        if not conditions and event is not None and event.mode.condition is not None:
            conditions.append(Condition(event.mode.condition, event=self._event_id(
                (event.mode.condition.start, event.mode.condition.end))))
        return Position(
            id=f"N{n}", kind=draft.kind, holders=list(draft.holders), content=Mention(text[start:end], start, end),
            evidence=Mention(text[sent.start_char:sent.end_char], sent.start_char, sent.end_char), cue=cue, answer=draft.answer,
            addressees=list(draft.addressees), event=event.id if event else None,
            event_type=event.type if event else None, conditions=conditions,
            date=event.date if event else None, quote=draft.quote)

    def _event(self, draft: Draft) -> Event | None:
        """The event the position amounts to: one whose trigger is the cue, else one inside its content."""
        cue_offsets = {t.idx for t in draft.cue}
        first = next((e for e in self.events if e.trigger.start in cue_offsets), None)
        if first is not None:
            return first
        return self._event_in(draft.content)

    def _event_id(self, span: tuple[int, int]) -> str | None:
        event = self._event_in(span)
        return event.id if event is not None else None

    def _event_in(self, span: tuple[int, int]) -> Event | None:
        return next((e for e in self.events if span[0] <= e.trigger.start < span[1]), None)

    # --- links ---------------------------------------------------------------------------------

    def _exchanges(self, kept: list[Draft], by_draft: dict[int, Position]) -> None:
        for draft in kept:
            if not draft.exchange:
                continue
            here = self.number(draft.sentence)
            before = [d for d in kept if d.start < draft.start and d is not draft
                      and here - self.number(d.sentence) <= WINDOW
                      and self.sides.of_all(d.holders) & self.sides.of_all(draft.holders)]
            position = by_draft[id(draft)]
            if draft.kind in _ASKS:
                given = next((d for d in reversed(before) if d.kind in _OFFERS | {"concession"}), None)
                if given is not None:
                    by_draft[id(given)].conditions.append(Condition(position.content, position=position.id))
            elif draft.kind in _OFFERS:
                asked = next((d for d in reversed(before) if d.kind in _ASKS), None)
                if asked is not None:
                    other = by_draft[id(asked)]
                    position.conditions.append(Condition(other.content, position=other.id))

    def _responses(self, kept: list[Draft], by_draft: dict[int, Position], references: list[Reference],
                   alias: dict[int, Draft]) -> None:
        for draft in kept:
            if draft.kind not in ("response", "rejection"):
                continue
            answered: Draft | None = None
            noun = draft.object_noun
            if noun is None:
                # the object is a reference noun inside the content ("ruled out the request for ...")
                noun = next((r.token for r in references if draft.content[0] <= r.token.idx < draft.content[1]), None)
            if noun is not None:
                answered = alias.get(noun.i) or next(
                    (d for d in kept if d is not draft and noun in d.cue), None)
                if answered is None:
                    answered = self._named(kept, draft, noun)
            if answered is None and draft.kind == "rejection":
                answered = self._same_subject(kept, draft)
            if answered is None and draft.kind in ("rejection", "response"):
                # "Arland proposed to swap two pilots ..., but Borovia refused to free the colonel": the other side's
                # offer or demand in the same sentence or the one before
                last = self._earlier(kept, draft.start, _OFFERS | _ASKS, other_than=draft.holders)
                if last is not None and 0 <= self.number(draft.sentence) - self.number(last.sentence) <= 1:
                    answered = last
            if answered is None and _pronoun(self.doc, draft.content):
                # "he had turned them down", "the opposition said it would vote against it": the other side's last word
                answered = self._earlier(kept, draft.start, _OFFERS | _ASKS | {"concession"}, other_than=draft.holders)
            if answered is None and draft.kind == "response":
                # "will send counter-proposals": an answer to the other side's last offer or demand
                answered = self._earlier(kept, draft.start, _OFFERS | _ASKS, other_than=draft.holders)
            if answered is not None and answered is not draft:
                by_draft[id(draft)].responds_to = by_draft[id(answered)].id

    def _named(self, kept: list[Draft], draft: Draft, noun: Token) -> Draft | None:
        """What "the agreement", "the offer" or "these demands" names: the other side's latest earlier position
        of that kind, unless an earlier one is itself called a deal ("a revised Brexit deal") and the noun names
        a deal too."""
        kinds = named_kinds(noun)
        deals = markers("deal")
        if noun.lemma_.lower() in deals:
            called = [d for d in kept if d.start < draft.start and d.kind in kinds and d is not draft
                      and not self.sides.of_all(d.holders) <= self.sides.of_all(draft.holders)
                      and deals & _content_nouns(self.doc, d.content)]
            if called:
                return called[0]
        return self._earlier(kept, draft.start, kinds, other_than=draft.holders)

    def _same_subject(self, kept: list[Draft], draft: Draft) -> Draft | None:
        """A refusal of what another side asked or offered in other words: the content's head noun is the head
        noun of the other's content ("a no-fly zone" asked, "a no-fly zone" ruled out)."""
        heads = _content_nouns(self.doc, draft.content)
        if not heads:
            return None
        for other in reversed(kept):
            if other.start >= draft.start or other.kind not in _ASKS | _OFFERS:
                continue
            if self.sides.of_all(other.holders) & self.sides.of_all(draft.holders):
                continue
            if heads & _content_nouns(self.doc, other.content):
                return other
        return None

    def _guarantees(self, kept: list[Draft], by_draft: dict[int, Position], references: list[Reference],
                    alias: dict[int, Draft]) -> None:
        named = {self.scan.sentence(i) for i in self.scan.words(markers("obliged") | markers("guarantor"))}
        for n in sorted(named):
            sentence = self.scan.sentences[n]
            found = list(self._obliged(sentence)) + list(self._guarantor_nouns(sentence))
            if not found:
                continue
            target = self._about(sentence, kept, references, alias)
            if target is None:
                continue
            position = by_draft[id(target)]
            held = self.sides.of_all(target.holders)
            for actor, obligation in found:
                if self.sides.of(actor) in held or any(g.actor == actor for g in position.guarantors):
                    continue
                position.guarantors.append(Guarantor(actor, obligation))

    def _obliged(self, sentence: Span):
        """ "Dunmark and Ostrana would be bound to guard the corridor": (actor, obligation)."""
        for token in sentence:
            if token.lemma_.lower() not in markers("obliged") or token.pos_ not in ("VERB", "ADJ", "AUX"):
                continue
            duty = next((c for c in token.children if c.dep_ == "xcomp"), None)
            subject = next((c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if duty is None or subject is None:
                continue
            s, e = span_of(duty)
            for actor in self.reader.np_actors(subject):
                yield actor, Mention(doc_text(self.doc)[s:e], s, e)

    def _guarantor_nouns(self, sentence: Span):
        """ "guarantors such as Dunmark and Ostrana", "guarantor states including Cestia"."""
        for token in sentence:
            if token.lemma_.lower() not in markers("guarantor"):
                continue
            noun = token.head if token.dep_ == "compound" else token
            for child in noun.children:
                if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("including", "like", "as")):
                    heads = [child] if child.dep_ == "appos" else [g for g in child.children if g.dep_ == "pobj"]
                    for head in heads:
                        for actor in self.reader.np_actors(head):
                            yield actor, None

    def _about(self, sentence: Span, kept: list[Draft], references: list[Reference],
               alias: dict[int, Draft]) -> Draft | None:
        """The position a sentence naming guarantors is about: one it states, else the one its position noun
        names ("The offer would mean ..."), else the latest offer or proposal a few sentences before."""
        inside = [d for d in kept if d.sentence.start == sentence.start and d.kind in _OFFERS | _ASKS]
        if inside:
            return inside[0]
        here = self.number(sentence)
        ref = next((r for r in references if r.sentence.start == sentence.start), None)
        # the position named again just before ("Arland's truce offer ... Under the offer, ...")
        named = [(i, d) for i, d in alias.items() if 0 <= here - self.scan.sentence(i) <= WINDOW
                 and self.doc[i].idx < sentence.end_char]
        if named:
            return max(named, key=lambda x: x[0])[1]
        kinds = named_kinds(ref.token) if ref is not None else _OFFERS | _ASKS
        for draft in reversed(kept):
            if draft.start < sentence.start_char and draft.kind in kinds \
                    and (ref is not None or here - self.number(draft.sentence) <= WINDOW):
                return draft
        return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _pronoun(doc: Doc, span: tuple[int, int]) -> bool:
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    return piece is not None and len(piece) == 1 and piece[0].lower_ in ("it", "them", "this", "that")


def _content_nouns(doc: Doc, span: tuple[int, int]) -> set[str]:
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None:
        return set()
    return {t.lemma_.lower() for t in piece if t.pos_ == "NOUN" and not t.is_stop and len(t.text) > 2}

"""Who speaks: the words naming the speaker of an attribution, and the actor or name they stand for.

The speaker is the Actor of the speaker's head token in ``doc._.actor_of`` when the actors component
found one; he/she otherwise fall back to the nearest preceding person, a relative word to the noun it
stands for. A pronoun, relative, demonstrative or indefinite word ("It", "which", "You", "nobody") that
nobody is found for leaves the speaker unknown: the words stay the mention, no name is shown.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from heron.lang.en.syntax import INDEFINITE_PRONOUNS, PERSON_PRONOUNS, PRONOUNS
from heron.nlp.views import views
from heron.quotes.found import Found
from heron.records import Actor

NAME_LEFT = ("det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod")
NAME_RIGHT = ("compound", "flat", "nummod", "case")
SPEAKER_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def _entity_at(doc: Doc, i: int) -> Span:
    """The named entity token ``i`` is in, read off the tokens (``doc.ents`` builds every entity's Span)."""
    first = last = i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return doc[first : last + 1]


def speaker_span(doc: Doc, head: Token) -> Span:
    """The words naming the speaker: the head noun with its modifiers, not appositions or clauses."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in NAME_LEFT:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in NAME_RIGHT or child.dep_ == "prep" and child.lower_ == "of":
            end = max(end, child.right_edge.i)
    if head.ent_type_ in SPEAKER_ENTS:
        ent = _entity_at(doc, head.i)
        start, end = min(start, ent.start), max(end, ent.end - 1)
    # A dateline ("CLEVELAND — ...") or a line break is never part of the name.
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].is_space or doc[k].text in ("—", "–", "--", ":"):
            start = k + 1
            break
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start : end + 1]


def _actor_named(doc: Doc, span: Span) -> str | None:
    actor_of = doc._.actor_of or {}
    head = span.root
    if head.i in actor_of:
        return actor_of[head.i]
    return next((actor_of[t.i] for t in span if t.i in actor_of), None)


def _proper_name(span: Span) -> str:
    """The named entity of the speaker mention, else the mention itself."""
    ent = next((e for e in views(span.doc).ents if e.start <= span.root.i < e.end and e.label_ in SPEAKER_ENTS), None)
    return ent.text if ent is not None else span.text


def _nearest_person(doc: Doc, before: int) -> Span | None:
    """The last person before ``before`` who is a subject: names in appositions or objects rarely speak next."""
    persons = [e for e in views(doc).ents if e.label_ == "PERSON" and e.end <= before and e.root.dep_ in ("nsubj", "nsubjpass")]
    return persons[-1] if persons else None


def _names_person(f: Found) -> bool:
    return f.speaker is not None and f.speaker_name is not None and any(t.ent_type_ == "PERSON" for t in f.speaker)


def resolve(doc: Doc, found: Found, earlier: list[Found]) -> None:
    """Fill speaker id and name: actor_of first; he/she fall back to the nearest preceding person."""
    span = found.speaker
    if span is None:
        return
    found.speaker_id = _actor_named(doc, span)
    actors: dict[str, Actor] = {a.id: a for a in doc._.actors or []}
    head = span.root
    # "Smith, who said ...": the relative pronoun stays the mention, the speaker is the noun it stands for.
    if found.speaker_id is None and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        noun = speaker_span(doc, head.head.head)
        found.speaker_id = _actor_named(doc, noun)
        if found.speaker_id is None:
            found.speaker_name = None if _stands_in(noun.root) else _proper_name(noun)
            return
    proper = [t for t in span if t.pos_ == "PROPN"]
    if found.speaker_id in actors:
        name = actors[found.speaker_id].name
        # "Moscow" coded as the Kremlin still spoke as Moscow; "Mr Wallace" is better named "Ben Wallace".
        shares_word = any(t.text in name.split() for t in proper)
        found.speaker_name = name if shares_word or not proper else _proper_name(span)
        return
    if len(span) == 1 and head.lower_ in PERSON_PRONOUNS:
        prev = next((f for f in reversed(earlier) if _names_person(f) and f.speaker.end <= head.i), None)
        person = _nearest_person(doc, head.i)
        if person is not None and (prev is None or person.start > prev.speaker.end):
            found.speaker_id = _actor_named(doc, person)
            found.speaker_name = actors[found.speaker_id].name if found.speaker_id in actors else person.text
        elif prev is not None:
            found.speaker_id, found.speaker_name = prev.speaker_id, prev.speaker_name
        return
    # "It said", "which argued", "You told", "Nobody said": a word that names no one leaves the speaker
    # unknown; the words stay the mention.
    if _stands_in(head):
        return
    found.speaker_name = _entity_at(doc, head.i).text if head.ent_type_ == "PERSON" else span.text


def _stands_in(head: Token) -> bool:
    """A pronoun, a relative, question or demonstrative word, or an indefinite one ("nobody", "some")."""
    return (head.tag_ in ("PRP", "WP", "WDT", "DT", "EX") or head.lower_ in PRONOUNS
            or head.lower_ in INDEFINITE_PRONOUNS)

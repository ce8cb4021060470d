"""How an event is asserted: negation, future, hypothesis, condition, denial, ruling out, reporting.

Cues come from event_mode_cues.tsv and are read off the parse: modifiers of the trigger
("will", "not"), the verbs it is embedded under ("plans to", "denied", "said"), the
adverbial clause it sits in ("if ...") and the condition clause it carries.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from heron.events.arguments import Arguments
from heron.events.lexicon import cue_words, load_mode_cues
from heron.records import Mention, Mode

# Relations through which an event is embedded under another word.
EMBEDDING = ("xcomp", "ccomp", "csubj", "pcomp", "dobj", "nsubjpass", "attr", "pobj", "conj", "advcl", "acomp")
MODIFIER_DEPS = ("aux", "neg", "advmod", "det", "auxpass")


@dataclass(frozen=True)
class Governor:
    token: Token  # the word the event is embedded under
    via: Token  # the word directly below it on the path (the clause or phrase holding the event)
    relation: str  # dependency of ``via`` on ``token``


def governors(token: Token, depth: int = 6) -> Iterator[Governor]:
    """Words an event word is embedded under, nearest first, skipping prepositions."""
    cur = token
    for _ in range(depth):
        if cur.dep_ not in EMBEDDING or cur.head == cur:
            return
        via, relation, head = cur, cur.dep_, cur.head
        if relation == "pobj" and head.dep_ in ("prep", "agent"):
            via, relation, head = head, "pobj", head.head
        yield Governor(head, via, relation)
        cur = head


def phrase(token: Token) -> str:
    """Lemma plus particle ("rule out"), the form governor cues are listed in."""
    prt = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return f"{token.lemma_.lower()} {prt[0]}" if prt else token.lemma_.lower()


def _modifiers(tokens: list[Token]) -> set[str]:
    return {c.lower_ for t in tokens for c in t.children if c.dep_ in MODIFIER_DEPS}


def _clause_opener(clause: Token) -> str:
    marks = [c for c in clause.children if c.dep_ == "mark"]
    start = marks[0] if marks else clause.left_edge
    return " ".join(t.lower_ for t in clause.doc[start.i:start.i + 3])


def _opens_with(clause: Token, cues: frozenset[str]) -> bool:
    opener = _clause_opener(clause)
    return any(opener == c or opener.startswith(c + " ") for c in cues)


def condition_clause(token: Token) -> Token | None:
    """An adverbial clause of the trigger (or of its complement) that states a condition."""
    cues = cue_words("conditional", "condition")
    heads = [token] + [c for c in token.children if c.dep_ == "xcomp"]
    for head in heads:
        for child in head.children:
            if child.dep_ == "advcl" and _opens_with(child, cues):
                return child
    if token.dep_ in ("advcl", "ccomp", "xcomp", "conj"):
        # The parser often hangs "if ..." on the main verb when it belongs to the clause just before it.
        for child in token.head.rights:
            if child.dep_ == "advcl" and child.i > token.i and child != token and _opens_with(child, cues):
                return child
    return None


def mention_of(tokens_start: Token, tokens_end: Token) -> Mention:
    doc = tokens_start.doc
    span = doc[tokens_start.i:tokens_end.i + 1]
    return Mention(span.text, span.start_char, span.end_char)


def event_mode(trigger: Token, carriers: list[Token], own_actor: bool = False) -> Mode:
    """The mode of the event evoked by ``trigger``; ``carriers`` are light verbs/copulas whose modifiers count too.

    ``own_actor``: an event noun naming its own actor ("X's calls for ...") happened even
    when the sentence denies or rules out what it asked for.
    """
    mode = Mode()
    near = _modifiers([trigger, *carriers])
    mode.negated = bool(near & cue_words("negated", "modifier"))
    mode.future = bool(near & cue_words("future", "modifier"))
    mode.hypothetical = bool(near & cue_words("hypothetical", "modifier"))
    for gov in governors(trigger):
        if gov.relation == "advcl":
            if _opens_with(gov.via, cue_words("hypothetical", "clause")):
                mode.hypothetical = True
            continue
        if gov.relation == "conj":
            continue
        word = phrase(gov.token)
        for mode_name in ("future", "hypothetical", "denied", "ruled_out"):
            if own_actor and mode_name in ("denied", "ruled_out"):
                continue
            if word in cue_words(mode_name, "governor"):
                setattr(mode, mode_name, True)
    clause = condition_clause(trigger)
    if clause is not None:
        mode.conditional = True
        mode.condition = mention_of(clause.left_edge, clause.right_edge)
    return mode


@dataclass(frozen=True)
class Report:
    speaker: str | None  # Actor id
    quote: str | None  # Quote id


def reported_by(trigger: Token, reader: Arguments) -> Report | None:
    """Who reports the event: the nearest of a reporting verb it is embedded under (with a known subject),
    an enclosing quote, or "according to X". "X admitted defeat as Russia said it would pull back": Russia
    reports the pull-back, though X's attribution spans it too."""
    doc = trigger.doc
    start = trigger.idx
    enclosing = next((q for q in doc._.quotes or [] if q.content.start <= start < q.content.end), None)
    nearest = _reporting_governor(trigger, reader)
    if nearest is not None and nearest.speaker is not None and (enclosing is None or enclosing.speaker != nearest.speaker):
        inner = next((q for q in doc._.quotes or [] if q.speaker == nearest.speaker
                      and q.content.start <= start < q.content.end), None)
        return Report(nearest.speaker, inner.id if inner is not None else None)
    if enclosing is not None:
        return Report(enclosing.speaker, enclosing.id)
    return nearest if nearest is not None else _according_to_any(trigger, reader)


def _reporting_governor(trigger: Token, reader: Arguments) -> Report | None:
    reporting = cue_words("reported", "governor")
    for gov in governors(trigger):
        if gov.relation in ("ccomp", "conj", "xcomp", "dobj", "pobj") or gov.relation == "advcl":
            if gov.relation in ("ccomp", "dobj") and gov.token.lemma_.lower() in reporting:
                subj = next((c for c in gov.token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return Report(reader.np_actor(subj) if subj is not None else None, None)
            for prep in gov.token.children:
                report = _according_to(prep, reader)
                if report:
                    return report
    return None


def _according_to_any(trigger: Token, reader: Arguments) -> Report | None:
    for prep in trigger.children:
        report = _according_to(prep, reader)
        if report:
            return report
    return None


def _according_to(prep: Token, reader: Arguments) -> Report | None:
    if prep.lower_ != "according" or "according to" not in {c.cue for c in load_mode_cues()}:
        return None
    for to in prep.children:
        for obj in to.children:
            if obj.dep_ == "pobj":
                return Report(reader.actor_at(obj) or reader.np_actor(obj), None)
    return None

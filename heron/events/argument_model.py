"""Who did it to whom, learnt: a classifier that scores each party of a sentence as the source, the target or
neither of one event word.

The parse rules of :mod:`heron.events.arguments` miss a party whenever the sentence takes a shape they were not
written for ("a man ... entered a store, grabbed a knife and began to stab people"), and they cannot weigh one
reading against another. This model reads, for every (event word, party) pair of a sentence, the dependency path
between them, the word's voice and part of speech, the event type, what kind of party it is, and what the rules
said (their choice is a feature, not a gate). It is multinomial logistic regression over those indicator features,
trained by ``heron train`` on PLV_train's marked sentences (the held-aside fifth left out) and the dev articles of
heron's own Wikinews gold (``gold/events``; the test articles left out), and stored like the event typer as a
JSON vocabulary and a NumPy ``.npz`` loaded with ``allow_pickle=False``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import numpy as np
from spacy.tokens import Token

from heron.events.linear_model import LinearModel
from heron.nlp.views import span_tokens
from heron.records import Actor

MODEL_NAME = "event_arguments"
LABELS = ("N", "S", "T")  # neither, source, target
PASSIVE = ("nsubjpass", "csubjpass", "auxpass")
MAX_PATH = 4  # steps: a longer path is one feature value ("LONG") and each half is cut to this many steps


@dataclass(frozen=True)
class Candidate:
    """One party of the event word's sentence: its actor id, the token of it nearest the word in the parse and
    the dependency path between them (:func:`dependency_path`)."""

    actor: str
    token: Token
    path: str
    features: dict[str, float]


def _step(token: Token) -> str:
    """A dependency label, with the preposition spelled out ("prep_by", "agent_by"): it names the role."""
    if token.dep_ in ("prep", "agent"):
        return f"{token.dep_}_{token.lower_}"
    return token.dep_


def dependency_path(party: Token, word: Token) -> tuple[str, int, bool]:
    """The labels from ``party`` up to the lowest common ancestor, then down to ``word``: the path as one string
    ("up|down", each half cut to :data:`MAX_PATH` steps), its length, and whether the ancestor is ``word``."""
    up_from_word = {t.i: n for n, t in enumerate([word, *word.ancestors])}
    up: list[Token] = []
    for tok in (party, *party.ancestors):
        if tok.i in up_from_word:
            down = [word, *word.ancestors][:up_from_word[tok.i]]
            length = len(up) + len(down)
            path = "^".join(_step(t) for t in up[:MAX_PATH]) + "|" + "v".join(_step(t) for t in reversed(down[:MAX_PATH]))
            return path, length, tok.i == word.i
        up.append(tok)
    return "NONE", 99, False  # different sentences' trees (a parse error): no path


def crosses_clause(path: str) -> bool:
    """A dependency path (:func:`dependency_path`) from a party outside the clausal complement (or
    parenthetical clause) the event word sits in, as the speaker's in "X said Y is shelling Z"."""
    return path.partition("|")[2].split("v")[0] in ("ccomp", "parataxis")


def pair_features(word: Token, party: Token, event_type: str, actor: Actor, rule_source: bool,
                  rule_target: bool, parties: int, found: tuple[str, int, bool] | None = None) -> dict[str, float]:
    """The indicator features of one (event word, party) pair; ``found``: their :func:`dependency_path`, when
    the caller has it already."""
    full, length, under_word = found or dependency_path(party, word)
    path = full if length <= MAX_PATH else "LONG"
    # each half on its own as well: "nsubj|dobjvrelcl" (the subject of the clause whose object the word's
    # relative clause modifies) shares its halves with shapes seen more often
    up, _, down = full.partition("|")
    passive = any(c.dep_ in PASSIVE for c in word.children)
    relation = party.dep_ if party.head.i != party.i else "ROOT"
    if relation == "pobj":
        relation = f"pobj_{party.head.lower_}"
    before = party.i < word.i
    names = [
        f"path={path}", f"type={event_type}|path={path}", f"rel={relation}", f"type={event_type}|rel={relation}",
        f"passive={passive}|path={path}", f"pos={word.pos_}|path={path}", f"pos={word.pos_}|rel={relation}",
        f"up={up}", f"down={down}", f"type={event_type}|up={up}", f"type={event_type}|down={down}",
        f"under_word={under_word}", f"length={min(length, 6)}", f"before={before}",
        f"type={event_type}|before={before}", f"distance={min(abs(party.i - word.i) // 3, 6)}",
        f"rule_source={rule_source}", f"rule_target={rule_target}",
        f"type={event_type}|rule_source={rule_source}", f"type={event_type}|rule_target={rule_target}",
        f"kind={actor.kind}", f"sector={actor.sector}", f"coded={bool(actor.code)}",
        f"pronoun={party.pos_ == 'PRON'}", f"parties={min(parties, 5)}", "bias",
    ]
    return dict.fromkeys(names, 1.0)


def candidates(word: Token, event_type: str, actors: dict[str, Actor], actor_of: dict[int, str],
               rule_sources: Sequence[str] = (), rule_targets: Sequence[str] = ()) -> list[Candidate]:
    """Every party mentioned in ``word``'s sentence (``actor_of``: token.i -> actor id, parties included), each
    by the token of its mention that the parse puts nearest the word."""
    sent = word.sent
    tokens: dict[str, list[Token]] = {}
    for tok in span_tokens(sent):
        actor_id = actor_of.get(tok.i)
        if actor_id is None or tok.i == word.i or actor_id not in actors:
            continue
        if tok.head.i != tok.i and actor_of.get(tok.head.i) == actor_id and sent.start <= tok.head.i < sent.end:
            continue  # a word inside the mention: its head speaks for it
        tokens.setdefault(actor_id, []).append(tok)
    out = []
    for actor_id, toks in tokens.items():
        found, nearest = min(((dependency_path(t, word), t) for t in toks), key=lambda pair: pair[0][1])
        out.append(Candidate(actor_id, nearest, found[0], pair_features(
            word, nearest, event_type, actors[actor_id], actor_id in rule_sources, actor_id in rule_targets,
            len(tokens), found)))
    return out


@dataclass
class ArgumentModel(LinearModel):
    """Multinomial logistic regression over :func:`pair_features`; ``threshold`` is the least probability a
    party needs to be taken as the source or the target."""

    NAME: ClassVar[str] = MODEL_NAME
    LABELS: ClassVar[tuple[str, ...]] = LABELS
    WHAT: ClassVar[str] = "argument model"

    threshold: float = 0.2

    def probabilities(self, cands: Sequence[Candidate]) -> np.ndarray:
        """(candidates, 3) probabilities of neither, source, target."""
        return self.probabilities_of([c.features for c in cands])

    def choose(self, cands: Sequence[Candidate], rule_sources: Sequence[str] = (),
               rule_targets: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        """The source and target actor ids: the most probable party for each role above the threshold (the target
        another than the source). When the rules chose the same party they may have found its conjuncts too ("the
        US, China and France"): their whole list is kept."""
        if not cands:
            return [], []
        probs = self.probabilities(cands)
        ids = [c.actor for c in cands]
        source = int(probs[:, 1].argmax())
        sources = [ids[source]] if probs[source, 1] > self.threshold else []
        targets: list[str] = []
        for n in np.argsort(-probs[:, 2], kind="stable"):
            if probs[n, 2] > self.threshold and ids[n] not in sources:
                targets = [ids[n]]
                break
        if sources and sources[0] in rule_sources[:1]:
            sources = list(rule_sources)
        if targets and targets[0] in rule_targets[:1]:
            targets = [a for a in rule_targets if a not in sources]
        return sources, targets


@lru_cache(maxsize=1)
def shipped_arguments() -> ArgumentModel:
    """The argument model in heron/data/models (OSError when it is missing)."""
    from heron.typer.encoder import shipped_folder

    return ArgumentModel.load(shipped_folder())

"""The words that state a position, read from ``position_cues.tsv`` and ``position_markers.tsv``.

A cue is a lemma with its part of speech ("offer" VERB, "proposal" NOUN, "ready" ADJ), sometimes with a
particle or preposition it needs ("rule out", "call for"). It gives the kind of position it states, and
the kind it states instead when its object is itself a position word ("accepted the offer" answers the
offer; "accepted limits" commits to them).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from heron.datafiles import DataFileError, data_text, parse_tsv
from heron.events.lexicon import word_class

KINDS = ("offer", "demand", "proposal", "condition", "concession", "commitment", "rejection", "response")
ANSWERS = ("consider", "accept", "counter")
ROLES = ("condition", "exchange", "trust", "gesture", "obliged", "guarantor", "light", "reporting", "referent",
         "silent", "negotiable", "unacceptable", "claim", "deal")


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN | ADJ
    kind: str | None  # None: a position only when the object is a position word
    answer: str | None = None
    needs: str = ""  # particle or preposition among the cue's children ("out" of "rule out")
    on_position: tuple[str, str | None] | None = None  # (kind, answer) when the object is a position word


def parse_cues(text: str) -> dict[tuple[str, str], list[Cue]]:
    table: dict[tuple[str, str], list[Cue]] = {}
    for n, row in parse_tsv(text, "position_cues.tsv", required=("cue", "with", "pos", "kind", "answer",
                                                                  "on_position"), short_ok=True):
        kind = row["kind"].strip()
        answer = row["answer"].strip() or None
        on_kind, _, on_answer = row["on_position"].strip().partition("/")
        if (kind != "-" and kind not in KINDS) or row["pos"] not in ("VERB", "NOUN", "ADJ") \
                or (answer and answer not in ANSWERS) or (on_kind and on_kind not in KINDS) \
                or (on_answer and on_answer not in ANSWERS):
            raise DataFileError(f"position_cues.tsv: line {n}: bad kind, pos or answer in {row!r}")
        cue = Cue(row["cue"].strip().lower(), row["pos"], None if kind == "-" else kind, answer,
                  row["with"].strip().lower(), (on_kind, on_answer or None) if on_kind else None)
        table.setdefault((cue.lemma, cue.pos), []).append(cue)
    for cues in table.values():
        cues.sort(key=lambda c: c.needs == "")  # "call for" before a bare "call"
    return table


@lru_cache(maxsize=1)
def load_cues() -> dict[tuple[str, str], list[Cue]]:
    return parse_cues(data_text("lexicons", "position_cues.tsv"))


def parse_markers(text: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {role: set() for role in ROLES}
    for n, row in parse_tsv(text, "position_markers.tsv", required=("word", "role")):
        if row["role"] not in ROLES:
            raise DataFileError(f"position_markers.tsv: line {n}: unknown role {row['role']!r}")
        table[row["role"]].add(row["word"].strip().lower())
    return {role: frozenset(words) for role, words in table.items()}


@lru_cache(maxsize=1)
def load_markers() -> dict[str, frozenset[str]]:
    return parse_markers(data_text("lexicons", "position_markers.tsv"))


def markers(role: str) -> frozenset[str]:
    return load_markers()[role]


@lru_cache(maxsize=1)
def position_nouns() -> frozenset[str]:
    """Nouns that name a position ("the offer", "these demands", "the deal")."""
    return frozenset(lemma for lemma, pos in load_cues() if pos == "NOUN") | markers("referent")


def cue_pos(token: Token) -> str | None:
    """The part of speech a cue is keyed by; an auxiliary ("is to", "has") counts as a verb here."""
    return "VERB" if token.pos_ == "AUX" else word_class(token)


def _needed(token: Token, word: str) -> bool:
    if any(c.lower_ == word and c.dep_ in ("prt", "prep", "advmod", "dative") for c in token.children):
        return True
    # "committed to provide": the "to" of an infinitive
    return word == "to" and any(c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
                                for c in token.children)


def match_cue(token: Token) -> Cue | None:
    """The cue ``token`` is, if any: its lemma and part of speech in the table, with the particle or
    preposition the entry needs among its children."""
    pos = cue_pos(token)
    if pos is None:
        return None
    for cue in load_cues().get((token.lemma_.lower(), pos), ()):
        if not cue.needs or _needed(token, cue.needs):
            return cue
    return None


def counter_noun(token: Token) -> bool:
    """ "counter-proposals", "counter-offer": spaCy splits the hyphenated word, leaving "counter" before it."""
    doc = token.doc
    return (token.lemma_.lower() in ("proposal", "offer") and token.i >= 2
            and doc[token.i - 1].text in ("-", "\u2010", "\u2011") and doc[token.i - 2].lower_ == "counter")

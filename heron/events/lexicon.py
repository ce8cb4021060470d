"""The event lexicons: trigger words (event_triggers.tsv), mode cues (event_mode_cues.tsv), light verbs,
actor and force nouns, and the per-type rules for parties and codes (event_type_rules.tsv).

A trigger row says that a lemma with a part of speech evokes a PLOVER type with a CAMEO
code. A row may require a word next to it in the parse (``requires``): a particle or
preposition ("rule out", "call for"), an object ("strike a deal", "open fire") or, for
nouns, the governing word ("go on strike", "state of emergency"). Rows with a
requirement win over the plain row of the same lemma.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from heron.datafiles import DataFileError, data_text, parse_tsv, read_tsv, split_values
from heron.resolve.cameo import PLOVER_TYPES, cameo_info

POS = ("VERB", "NOUN", "ADJ")
MODES = ("negated", "future", "hypothetical", "conditional", "denied", "ruled_out", "reported")
HOWS = ("modifier", "governor", "clause", "condition")
TYPE_RULES = ("of_is_source", "poss_is_target", "from_is_source", "object_is_force", "moves_own_force",
              "purpose_recipient", "symmetric", "clause_subject_is_target", "place_target", "context_parties",
              "judges_an_act")


class EventLexiconError(DataFileError):
    pass


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    cameo: str
    requires: str = ""


@dataclass(frozen=True)
class ModeCue:
    cue: str  # a lemma, or a phrase for clause openers ("on condition that")
    mode: str
    how: str  # modifier: aux/neg child; governor: verb the event is embedded under; clause/condition: opens an adverbial clause


def _read(name: str) -> str:
    return data_text("lexicons", name)


def parse_triggers(text: str) -> dict[tuple[str, str], list[Trigger]]:
    table: dict[tuple[str, str], list[Trigger]] = {}
    for n, row in parse_tsv(text, "event_triggers.tsv"):
        trig = Trigger(row["lemma"].strip().lower(), row["pos"].strip(), row["plover"].strip(),
                       row["cameo"].strip(), (row.get("requires") or "").strip().lower())
        if trig.pos not in POS or trig.type not in PLOVER_TYPES:
            raise EventLexiconError(f"event_triggers.tsv line {n}: bad pos or PLOVER type in {row!r}")
        if cameo_info(trig.cameo).plover != trig.type:
            raise EventLexiconError(f"event_triggers.tsv line {n}: CAMEO {trig.cameo} is not {trig.type}")
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    for rows in table.values():
        rows.sort(key=lambda t: t.requires == "")  # specific readings first
    return table


def parse_mode_cues(text: str) -> list[ModeCue]:
    cues = []
    for n, row in parse_tsv(text, "event_mode_cues.tsv"):
        cue = ModeCue(row["cue"].strip().lower(), row["mode"].strip(), row["how"].strip())
        if cue.mode not in MODES or cue.how not in HOWS:
            raise EventLexiconError(f"event_mode_cues.tsv line {n}: bad mode or how in {row!r}")
        cues.append(cue)
    return cues


@lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], list[Trigger]]:
    return parse_triggers(_read("event_triggers.tsv"))


@lru_cache(maxsize=1)
def load_mode_cues() -> list[ModeCue]:
    return parse_mode_cues(_read("event_mode_cues.tsv"))


@lru_cache(maxsize=1)
def load_non_readings() -> dict[tuple[str, str], frozenset[str]]:
    """Words that take a trigger out of the event reading: "released a statement", "with the help of"."""
    table: dict[tuple[str, str], set[str]] = {}
    for n, row in parse_tsv(_read("event_non_readings.tsv"), "event_non_readings.tsv"):
        pos = row["pos"].strip()
        if pos not in POS:
            raise EventLexiconError(f"event_non_readings.tsv line {n}: bad pos in {row!r}")
        table.setdefault((row["lemma"].strip().lower(), pos), set()).update(split_values(row["neighbours"]))
    return {key: frozenset(words) for key, words in table.items()}


@lru_cache(maxsize=1)
def load_light_verbs() -> frozenset[str]:
    """Verbs that only carry an event noun ("launched an attack"): their subject and modifiers are the noun's."""
    return frozenset(r["lemma"].strip().lower() for r in read_tsv("lexicons", "event_light_verbs.tsv"))


@dataclass(frozen=True)
class ActorNoun:
    lemma: str
    sector: str | None
    kind: str


@lru_cache(maxsize=1)
def load_actor_nouns() -> dict[str, ActorNoun]:
    """Head nouns that name a party to an event ("the police", "protesters"), with the sector they imply."""
    out = {}
    for r in read_tsv("lexicons", "event_actor_nouns.tsv"):
        lemma = r["lemma"].strip().lower()
        out[lemma] = ActorNoun(lemma, r["sector"].strip() or None, r["kind"].strip() or "group")
    return out


@lru_cache(maxsize=1)
def load_force_nouns() -> frozenset[str]:
    """Nouns that name an actor's own armed force ("troops"): moved, it is no recipient."""
    return frozenset(r["lemma"].strip().lower() for r in read_tsv("lexicons", "event_force_nouns.tsv"))


@dataclass(frozen=True)
class TypeRules:
    """What event_type_rules.tsv says of one PLOVER type (its "*" row is folded into every type's)."""

    recipient_preps: tuple[str, ...] = ()  # the shared prepositions, then the type's own
    refusal: str | None = None  # the CAMEO code of the refusal when negated; None: not cooperative
    intent: tuple[str, ...] | None = None  # the CAMEO code prefixes that are promises when future; ("",): all
    rules: frozenset[str] = frozenset()


def _cell(value: str) -> str:
    return "" if value.strip() == "-" else value.strip()


def parse_type_rules(text: str) -> dict[str, TypeRules]:
    """TypeRules by PLOVER type, every type listed, and "*" for a type the table does not know; rejects
    unknown types and rules with the line number."""
    shared: tuple[str, ...] = ()
    rows: dict[str, TypeRules] = {}
    for n, row in parse_tsv(text, "event_type_rules.tsv", required=("plover", "recipient_preps", "refusal", "intent", "rules")):
        plover = row["plover"].strip()
        rules = frozenset(split_values(_cell(row["rules"])))
        if plover != "*" and plover not in PLOVER_TYPES or not rules <= set(TYPE_RULES):
            raise EventLexiconError(f"event_type_rules.tsv line {n}: bad PLOVER type or rule in {row!r}")
        preps = tuple(split_values(_cell(row["recipient_preps"])))
        if plover == "*":
            shared = preps
            continue
        intent = _cell(row["intent"])
        rows[plover] = TypeRules(preps, _cell(row["refusal"]) or None,
                                 None if not intent else ("",) if intent == "*" else tuple(split_values(intent)), rules)
    table = {"*": TypeRules(shared)}
    for plover in PLOVER_TYPES:
        own = rows.get(plover, TypeRules())
        table[plover] = TypeRules(shared + own.recipient_preps, own.refusal, own.intent, own.rules)
    return table


@lru_cache(maxsize=1)
def load_type_rules() -> dict[str, TypeRules]:
    return parse_type_rules(_read("event_type_rules.tsv"))


def type_rules(event_type: str) -> TypeRules:
    """The rules of a PLOVER type; a type the table does not know has only the shared ones."""
    table = load_type_rules()
    return table.get(event_type) or table["*"]


def has_rule(event_type: str, rule: str) -> bool:
    """Whether ``event_type`` follows one of the TYPE_RULES, e.g. ``has_rule("CONSULT", "symmetric")``."""
    return rule in type_rules(event_type).rules


def cue_words(mode: str, how: str) -> frozenset[str]:
    return frozenset(c.cue for c in load_mode_cues() if c.mode == mode and c.how == how)


def word_class(token: Token) -> str | None:
    """VERB, NOUN (names too) or ADJ: the part of speech a lexicon entry is keyed by."""
    if token.pos_ == "VERB":
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    if token.pos_ == "ADJ":
        return "ADJ"
    return None


def _dates_only(prep: Token) -> bool:
    """ "called his counterpart on Monday": a preposition whose object is a date is no particle of the reading
    ("called on X", "called for X")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.dep_ == "prep" and bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _neighbours(token: Token, pos: str) -> set[str]:
    """Lemmas a ``requires`` column may name: children, and for nouns the governing words and the next word
    (the parser often hangs "for" in "calls for" on the verb)."""
    children = [c for c in token.children if not _dates_only(c)]
    words = {c.lemma_.lower() for c in children} | {c.lower_ for c in children}
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if pos == "VERB" and nxt is not None and nxt.dep_ == "mark" and nxt.head.head.i == token.i:
        words.add(nxt.lower_)  # "called for the bill to be dropped": "for" marks the clause the verb governs
    if pos == "NOUN":
        if nxt is not None:
            words.add(nxt.lower_)
        head = token.head
        for _ in range(2):
            words.add(head.lemma_.lower())
            head = head.head
    return words


def match_trigger(token: Token) -> Trigger | None:
    """The lexicon reading of a token, or None when it evokes no event."""
    pos = word_class(token)
    if pos is None:
        return None
    lemma = token.lemma_.lower()
    rows = load_triggers().get((lemma, pos)) or load_triggers().get((token.lower_, pos))
    if not rows:
        return None
    near = _neighbours(token, pos)
    blocked = load_non_readings().get((rows[0].lemma, pos))
    if blocked and not blocked.isdisjoint(near):
        return None
    for row in rows:
        if not row.requires or row.requires in near:
            return row
    return None

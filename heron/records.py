"""The records heron writes: one JSON shape shared by every output.

Every record that points into the article carries character offsets
(``start``/``end``, end exclusive) into ``Article.text`` so any output can be
traced back to the words it came from. Records refer to each other by
article-local ids ("A1" actor, "P1" place, "Q1" quote, "E1" event, "T1" time, "N1" position,
"C1" claim group).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Mention:
    """A span of the article text."""

    text: str
    start: int
    end: int


@dataclass
class Article:
    """One input document. ``id`` is the content hash that makes ingest idempotent."""

    text: str
    date: str | None = None  # ISO yyyy-mm-dd; anchors every relative date
    title: str | None = None
    source: str | None = None
    url: str | None = None
    input: str | None = None  # file name (and row) the article was read from
    doc_id: str | None = None  # the id given by the input (csv/jsonl "id" column)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


def content_id(text: str) -> str:
    """Stable id of an article: same text, same id, whatever file it came from."""
    norm = " ".join(text.split())
    try:
        data = norm.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"article text is not valid Unicode: lone surrogate U+{ord(norm[e.start]):04X}") from None
    return hashlib.sha256(data).hexdigest()[:20]


@dataclass
class Actor:
    """Who: a person, organisation, country or group, one record per article-level entity.

    ``code`` follows PLOVER/CAMEO agent coding: ISO3 country + sector (RUSGOV,
    UKRMIL), or an organisation code (NATO, EU, UN). ``mentions`` lists every
    span of the article that refers to this actor ("Vladimir Putin", "Mr Putin",
    "the Russian president", "he").
    """

    id: str
    name: str
    code: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None  # GOV MIL REB OPP LEG JUD COP SPY MED BUS CVL IGO NGO ...
    kind: str = "unknown"  # person | organization | country | group | place (a location an event targets) | unknown
    kb_id: str | None = None  # id in heron's actor base, when known
    role: str | None = None  # e.g. "defence minister", from the base or the text
    # True when the country is not in any mention's words nor the actor base but taken from the article's
    # context: "the police" in an article about Kenya is KENCOP, "the regional governor" a governor of its country
    context_country: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    """Where: a toponym resolved to GeoNames."""

    id: str
    name: str
    geonames_id: int | None = None
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # GeoNames feature class.code, e.g. P.PPLA, A.ADM1, A.PCLI
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class TimeRef:
    """When: a date expression normalised against the article date.

    ``value`` is ISO-like at the stated granularity: 2022-03-29 (day),
    2022-W13 (week), 2022-03 (month), 2022 (year); None when unknown.
    ``fallback`` is True when no expression dated the event and the article
    date was used instead.
    """

    id: str
    value: str | None
    granularity: str  # day | week | month | year | unknown
    mention: Mention | None = None
    fallback: bool = False


@dataclass
class Quote:
    """Who said what. ``kind`` is direct (in quote marks), indirect (reported) or mixed."""

    id: str
    content: Mention
    kind: str  # direct | indirect | mixed
    speaker: str | None = None  # Actor id
    speaker_name: str | None = None
    speaker_mention: Mention | None = None  # the span naming the speaker at this quote ("he", "Mr Wallace")
    cue: Mention | None = None  # said, warned, claimed, according to ...
    attitude: str = "assert"  # assert | belief | denial | question
    confidence: float = 1.0


@dataclass
class Mode:
    """How an event is asserted. All False means a plain, asserted, past or present event."""

    negated: bool = False
    future: bool = False  # intended or announced, not yet happened
    hypothetical: bool = False
    conditional: bool = False
    reported: bool = False  # claimed by a speaker; see Event.quote / Event.speaker
    denied: bool = False
    ruled_out: bool = False
    condition: Mention | None = None  # the "if ..." span a conditional event depends on

    def labels(self) -> list[str]:
        names = [f.name for f in dataclasses.fields(self) if f.name != "condition" and getattr(self, f.name)]
        return names or ["asserted"]


@dataclass
class Magnitude:
    """How many people an event killed, injured, arrested, displaced or left missing, as the text counts them.

    ``count`` is the number written ("at least 12" -> 12; "two dozen" -> 24; "hundreds" -> 200 with qualifier
    at_least); ``cumulative`` marks a running total ("so far", "since the war began", "the toll rose to 31"),
    which is not the count of this event alone.
    """

    kind: str  # killed | injured | arrested | displaced | missing
    count: int
    qualifier: str = "exact"  # exact | at_least | more_than | at_most | fewer_than | about | estimated
    cumulative: bool = False
    who: str | None = None  # the people counted, as written ("civilians", "Mexican nationals")
    evidence: Mention | None = None  # the words stating it ("at least 12 civilians were killed")


@dataclass
class Event:
    """Who did what to whom, where and when, in the PLOVER ontology."""

    id: str
    type: str  # PLOVER: ACCUSE AGREE AID ASSAULT COERCE CONCEDE CONSULT COOPERATE MOBILIZE PROTEST REJECT REQUEST RETREAT SANCTION SUPPORT THREATEN
    cameo: str | None  # most specific CAMEO code the text supports, e.g. "0874"
    quad: int | None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None
    trigger: Mention
    evidence: Mention  # the sentence
    sources: list[str] = field(default_factory=list)  # Actor ids
    targets: list[str] = field(default_factory=list)  # Actor ids
    mode: Mode = field(default_factory=Mode)
    place: str | None = None  # Place id
    date: TimeRef | None = None
    quote: str | None = None  # Quote id, when the event is reported inside a quote
    speaker: str | None = None  # Actor id of whoever reported it
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)  # other sentences reporting the same event
    magnitudes: list[Magnitude] = field(default_factory=list)  # the people killed, injured, arrested ... it counts

    def toll(self, kind: str = "killed") -> int | None:
        """How many people of a kind (killed, injured ...) this event counts: its non-cumulative counts of that
        kind, summed ("five children and two drivers" are seven); None when the text gives no count."""
        counts = [m.count for m in self.magnitudes if m.kind == kind and not m.cumulative]
        return sum(counts) if counts else None


@dataclass
class Condition:
    """What a position depends on: the words stating it ("if the monitors are allowed in"), and the
    position or event of the same article that is that condition, when there is one."""

    clause: Mention
    position: str | None = None  # Position id
    event: str | None = None  # Event id


@dataclass
class Guarantor:
    """A party a position names as guarantor or as obliged by it, with what it would be obliged to do."""

    actor: str  # Actor id
    obligation: Mention | None = None  # "to guard the corridor"


@dataclass
class Position:
    """What an actor offers, demands, proposes, concedes, commits to, refuses or answers in a negotiation.

    ``kind``: offer | demand | proposal | condition | concession | commitment | rejection | response;
    a response's ``answer`` is consider | accept | counter. ``status`` is what the article says became of
    it: proposed, considered, countered, accepted, rejected, or open (no answer reported).
    """

    id: str
    kind: str
    holders: list[str]  # Actor ids
    content: Mention  # what is offered, demanded, refused ... ("to pull its ships back from the strait")
    evidence: Mention  # the sentence stating it
    cue: Mention | None = None  # "offered", "ruled out", "ready to consider"
    answer: str | None = None
    addressees: list[str] = field(default_factory=list)  # Actor ids
    event: str | None = None  # the Event the position amounts to ("offered to ..." -> AGREE)
    event_type: str | None = None
    conditions: list[Condition] = field(default_factory=list)
    guarantors: list[Guarantor] = field(default_factory=list)
    responds_to: str | None = None  # the Position it answers
    responses: list[str] = field(default_factory=list)  # Positions answering it
    status: str = "open"
    date: TimeRef | None = None
    quote: str | None = None  # Quote id, when stated inside a quote
    confidence: float = 1.0


@dataclass
class Claim:
    """One holder's statement about an event: what it says and how (assert | believe | deny | doubt)."""

    holder: str | None  # Actor id
    attitude: str
    content: Mention
    quote: str | None = None  # Quote id


@dataclass
class ClaimGroup:
    """Statements of two or more holders about one event, side by side ("Arland says the pull-out was a goodwill
    step", "Borovia believes it is a regrouping")."""

    id: str
    about: Mention  # a mention of the event ("the withdrawal")
    event: str | None = None  # Event id
    event_type: str | None = None
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything heron found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def to_dict(record: Any) -> dict[str, Any]:
    """The documented JSON shape of any record (docs/records.md)."""
    d = dataclasses.asdict(record)
    if isinstance(record, Extraction):
        d["schema_version"] = SCHEMA_VERSION
    return d


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    hints = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kwargs[name] = _coerce(name, value)
    return cls(**kwargs)


_NESTED: dict[str, type] = {
    "article": Article,
    "content": Mention,
    "speaker_mention": Mention,
    "cue": Mention,
    "trigger": Mention,
    "evidence": Mention,
    "mention": Mention,
    "condition": Mention,
    "clause": Mention,
    "obligation": Mention,
    "about": Mention,
    "mode": Mode,
    "date": None,  # TimeRef inside events, str inside Article: handled below
}
_LISTS: dict[str, type] = {
    "actors": Actor,
    "places": Place,
    "times": TimeRef,
    "quotes": Quote,
    "events": Event,
    "mentions": Mention,
    "magnitudes": Magnitude,
    "positions": Position,
    "conditions": Condition,
    "guarantors": Guarantor,
    "claim_groups": ClaimGroup,
    "claims": Claim,
}


def _coerce(name: str, value: Any) -> Any:
    if name in _LISTS and isinstance(value, list):
        return [_build(_LISTS[name], v) for v in value]
    if name == "date" and isinstance(value, dict):
        return _build(TimeRef, value)
    if name in _NESTED and _NESTED[name] is not None and isinstance(value, dict):
        return _build(_NESTED[name], value)
    return value


def from_dict(data: dict[str, Any]) -> Extraction:
    """Inverse of :func:`to_dict` for an Extraction (reads heron's JSON output back)."""
    return _build(Extraction, data)

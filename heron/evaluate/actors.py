"""How heron codes a phrase on an article date, against a table of (phrase, date) -> (country, sector, code).

Each phrase is read as the subject of a one-sentence article ("<phrase> said."), as ``heron actors lookup``
does: news names actors as the subjects of reporting verbs, and a capital acts only where it is an agent.
The actor scored is the one whose mention ends last inside the phrase (the head of "Kenyan teachers" is
"teachers"), the longest on a tie.

Conventions of the table (gold/actors/README.md): a country named as itself is its ISO3 with no sector; an
organisation is its code with sector IGO and no country; a role or group with no country word has the
sector alone as its code. Figures: the share of phrases with no actor at all, and the accuracy of
country, sector and code over all phrases (a phrase with no actor counts as wrong).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from heron.datafiles import parse_tsv
from heron.evaluate.scoring import ratio
from heron.records import Actor

COLUMNS = ("phrase", "date", "country", "sector", "code", "kind", "region", "split")


@dataclass(frozen=True)
class Case:
    line: int
    phrase: str
    date: dt.date
    country: str
    sector: str
    code: str
    kind: str
    region: str
    split: str


@dataclass
class Outcome:
    case: Case
    country: str = ""
    sector: str = ""
    code: str = ""
    found: bool = False

    @property
    def country_ok(self) -> bool:
        return self.found and self.country == self.case.country

    @property
    def sector_ok(self) -> bool:
        return self.found and self.sector == self.case.sector

    @property
    def code_ok(self) -> bool:
        return self.found and self.code == self.case.code


@dataclass
class Tally:
    n: int = 0
    none: int = 0
    country: int = 0
    sector: int = 0
    code: int = 0

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.none += not o.found
        self.country += o.country_ok
        self.sector += o.sector_ok
        self.code += o.code_ok

    def as_dict(self) -> dict[str, float | int]:
        return {"n": self.n, **{k: round(ratio(getattr(self, attr), self.n), 4) for k, attr in
                               (("no_actor", "none"), ("country", "country"), ("sector", "sector"), ("code", "code"))}}


@dataclass
class Report:
    total: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # by split and "all"
    by_kind: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    outcomes: list[Outcome] = field(default_factory=list)


def read_cases(path: str | Path) -> list[Case]:
    path = Path(path)
    rows = parse_tsv(path.read_text(encoding="utf-8"), str(path), required=COLUMNS)
    cases = []
    for n, row in rows:
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError as err:
            raise ValueError(f"{path}: line {n}: bad date {row['date']!r}") from err
        cases.append(Case(n, row["phrase"], day, row["country"], row["sector"], row["code"], row["kind"],
                          row["region"], row["split"]))
    return cases


def scored_actor(actors: list[Actor], phrase_end: int) -> Actor | None:
    """The actor the phrase names: the mention inside it that ends last, the longest on a tie."""
    best, key = None, None
    for actor in actors:
        for m in actor.mentions:
            if m.end <= phrase_end and (k := (m.end, m.end - m.start)) > (key or (-1, -1)):
                best, key = actor, k
    return best


def coded(actor: Actor | None) -> tuple[str, str, str]:
    """(country, sector, code) in the table's conventions."""
    if actor is None:
        return "", "", ""
    country, sector = actor.country or "", actor.sector or ""
    return country, sector, actor.code or sector


def evaluate(cases: Iterable[Case], nlp=None, base=None, batch_size: int = 256) -> Report:
    from heron.components.actors import find_actors
    from heron.nlp.model import load_spacy
    from heron.resolve.actor_base import load_base

    nlp = nlp or load_spacy()
    base = base or load_base()
    cases = list(cases)
    report = Report()
    docs = nlp.pipe((f"{c.phrase} said." for c in cases), batch_size=batch_size)
    for case, doc in zip(cases, docs):
        doc._.article_date = case.date
        actors, _ = find_actors(doc, base)
        actor = scored_actor(actors, len(case.phrase))
        country, sector, code = coded(actor)
        outcome = Outcome(case, country, sector, code, found=actor is not None)
        report.outcomes.append(outcome)
        for split in (case.split, "all"):
            report.total[split].add(outcome)
            report.by_kind[(split, case.kind)].add(outcome)
    return report


def error_kinds(outcomes: Iterable[Outcome]) -> Counter:
    """What went wrong, by kind of phrase: no actor, wrong country, right country but wrong sector."""
    out: Counter = Counter()
    for o in outcomes:
        if not o.found:
            out[(o.case.kind, "no actor")] += 1
        elif not o.country_ok:
            out[(o.case.kind, "country")] += 1
        elif not o.sector_ok:
            out[(o.case.kind, "sector")] += 1
    return out


def party_coverage(extractions: Iterable) -> dict[str, float | int]:
    """Of all event sources and targets in ``extractions``, how many carry a code."""
    parties = coded_parties = 0
    for ext in extractions:
        by_id = {a.id: a for a in ext.actors}
        for event in ext.events:
            for actor_id in (*event.sources, *event.targets):
                parties += 1
                coded_parties += bool(by_id[actor_id].code) if actor_id in by_id else 0
    return {"parties": parties, "coded": coded_parties, "share": round(ratio(coded_parties, parties), 4)}

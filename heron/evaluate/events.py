"""Whole-article event extraction scored against heron's own gold (``gold/events``, see its GUIDELINES.md).

Protocol (``../shared/guidelines/event-coding.md``, "How a gold set is scored"):

- ``articles.json`` lists the articles (Wikinews CSV file, content id, split, annotator, double); the events are
  in ``annotator_A.jsonl`` / ``annotator_B.jsonl`` with offsets into the CSV ``text`` field. Each article is
  scored against its own annotator's events (``annotator``); an article with no gold event still counts, every
  prediction in it being a false positive.
- heron's events of an article are matched one-to-one to its gold events. A pair matches on **type** when the
  predicted type is the gold type or one of its ``alt_types``; on **dyad** when it also has, on each side where
  the gold names parties (non-empty ``sources`` / ``targets``), a predicted party of one gold party's country
  or organisation. A party's key is its country (the actor's ISO3, else the first three letters of a
  country + sector code such as USAGOV) or, for an organisation (NATO, UN, EU ...), its whole code.
- An optional event (``optional: true``) counts neither as a miss when nothing matches it nor as a false
  positive's cure: a pair holding an optional event is removed from both sides. Predictions are never
  optional; annotator B's events are, when B marked them so, which keeps the agreement figure symmetric.
- The matching is a maximum-weight assignment (scipy's ``linear_sum_assignment``): first the most pairs of two
  required events (true positives), then the most pairs that keep a required event from being an error.
  The counts follow from those two numbers alone, so they do not depend on which optimal matching is taken.
  Type and dyad are matched separately, each with its own compatibility.
- Figures are micro P/R/F1 over events, per split (dev, test, all). The two annotators' agreement is annotator
  B scored against annotator A on the ``double: true`` articles with the same matcher.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from heron.evaluate.scoring import PRF
from heron.records import Article, Extraction, content_id

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "gold" / "events"
TRAIN_GOLD_DIR = REPO / "gold" / "events_train"  # training annotations, never scored as gold
WIKINEWS_DIR = REPO.parent / "shared" / "data" / "wikinews"
SPLITS = ("dev", "test", "train")  # train: the training annotations of gold/events_train, never scored as gold
ANNOTATOR = re.compile(r"[A-Z]")
# Sector codes a country code may carry (gold/events/GUIDELINES.md); anything else after three letters is
# the code of an organisation.
SECTORS = frozenset("GOV MIL REB INS OPP PTY LEG JUD COP SPY MED BUS CVL EDU HLH LAB REF CRM NGO IGO ELI".split())


class GoldError(ValueError):
    pass


# --- parties and events ------------------------------------------------------------


def party_key(code: str | None, country: str | None = None) -> str | None:
    """What a dyad is matched on: the ISO3 ``country`` when known, else the country part of a country + sector
    ``code`` (USAGOV -> USA, RUS -> RUS), else the whole code of an organisation (NATO, UN, UNSC, EU)."""
    if country:
        return country
    if not code:
        return None
    if len(code) > 3 and code[3:] in SECTORS:
        return code[:3]
    return code


@dataclass(frozen=True)
class CodedEvent:
    """An event as the matcher sees it: its type, the keys of its parties and whether it is optional."""

    type: str
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    alt_types: frozenset[str] = frozenset()
    optional: bool = False
    ref: str = ""  # where it comes from, for listings: "A:3" (annotator A, event 3) or the predicted event's id

    def types(self) -> frozenset[str]:
        return self.alt_types | {self.type}


def _keys(parties: Iterable[str | None]) -> frozenset[str]:
    return frozenset(k for k in parties if k)


def gold_event(record: dict[str, Any], annotator: str = "") -> CodedEvent:
    """One line of an ``annotator_X.jsonl`` file."""
    return CodedEvent(
        type=record["type"],
        sources=_keys(party_key(p.get("code")) for p in record.get("sources") or []),
        targets=_keys(party_key(p.get("code")) for p in record.get("targets") or []),
        alt_types=frozenset(record.get("alt_types") or []),
        optional=bool(record.get("optional")),
        ref=f"{annotator}:{record.get('event')}",
    )


def predicted_events(extraction: Extraction) -> list[CodedEvent]:
    """heron's events of one article, their parties keyed by country or organisation code."""
    def keys(actor_ids: Sequence[str]) -> frozenset[str]:
        actors = [extraction.actor(a) for a in actor_ids]
        return _keys(party_key(a.code, a.country) for a in actors if a is not None)

    return [CodedEvent(e.type, keys(e.sources), keys(e.targets), ref=e.id) for e in extraction.events]


def type_match(predicted: CodedEvent, gold: CodedEvent) -> bool:
    return predicted.type in gold.types()


def dyad_match(predicted: CodedEvent, gold: CodedEvent) -> bool:
    """Type, and a party of the gold's on each side where the gold names one."""
    return (type_match(predicted, gold)
            and (not gold.sources or bool(predicted.sources & gold.sources))
            and (not gold.targets or bool(predicted.targets & gold.targets)))


# --- matching ----------------------------------------------------------------------


@dataclass
class Matching:
    pairs: list[tuple[int, int]]  # (predicted index, gold index)
    score: PRF


def match(predicted: Sequence[CodedEvent], gold: Sequence[CodedEvent],
          compatible: Callable[[CodedEvent, CodedEvent], bool] = type_match) -> Matching:
    """One-to-one matching of one article's predicted events to its gold events, and the counts it gives.

    A pair of two required events is a true positive; a pair with an optional event on either side is taken
    out of both sides; an unmatched required prediction is a false positive and an unmatched required gold
    event a miss. The assignment maximises the true positives, then the pairs that save a required event from
    counting as an error.
    """
    pairs: list[tuple[int, int]] = []
    if predicted and gold:
        neutral = sum(e.optional for e in predicted) + sum(e.optional for e in gold)
        weight = np.zeros((len(predicted), len(gold)))
        for i, p in enumerate(predicted):
            for j, g in enumerate(gold):
                if not compatible(p, g) or (p.optional and g.optional):
                    continue
                weight[i, j] = 1.0 if (p.optional or g.optional) else neutral + 1.0
        rows, cols = linear_sum_assignment(weight, maximize=True)
        pairs = [(int(i), int(j)) for i, j in zip(rows, cols) if weight[i, j] > 0]
    used_p, used_g = {i for i, _ in pairs}, {j for _, j in pairs}
    tp = sum(1 for i, j in pairs if not predicted[i].optional and not gold[j].optional)
    fp = sum(1 for i, p in enumerate(predicted) if i not in used_p and not p.optional)
    fn = sum(1 for j, g in enumerate(gold) if j not in used_g and not g.optional)
    return Matching(sorted(pairs), PRF(tp, fp, fn))


@dataclass
class EventScore:
    """Type and dyad counts of one or more articles."""

    articles: int = 0
    gold_events: int = 0  # every gold event, optional ones included
    gold_optional: int = 0
    predicted_events: int = 0  # every prediction, those matched to optional gold included
    type: PRF = field(default_factory=PRF)
    dyad: PRF = field(default_factory=PRF)

    def __add__(self, other: EventScore) -> EventScore:
        return EventScore(self.articles + other.articles, self.gold_events + other.gold_events,
                          self.gold_optional + other.gold_optional, self.predicted_events + other.predicted_events,
                          self.type + other.type, self.dyad + other.dyad)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "gold_events": self.gold_events, "gold_optional": self.gold_optional,
                "predicted_events": self.predicted_events,
                "type": self.type.to_dict(4), "dyad": self.dyad.to_dict(4)}


def score_article(predicted: Sequence[CodedEvent], gold: Sequence[CodedEvent]) -> EventScore:
    return EventScore(1, len(gold), sum(g.optional for g in gold), len(predicted),
                      match(predicted, gold, type_match).score, match(predicted, gold, dyad_match).score)


def _sum(scores: Iterable[EventScore]) -> EventScore:
    out = EventScore()
    for s in scores:
        out = out + s
    return out


# --- reading the gold ----------------------------------------------------------------


@dataclass
class GoldArticle:
    id: str
    file: str
    split: str
    annotator: str
    double: bool
    date: str | None
    text: str
    events: dict[str, list[CodedEvent]]  # annotator -> that annotator's events of this article
    second: str | None = None  # the other annotator of a double-coded article

    @property
    def pair(self) -> tuple[str, str]:
        """A double-coded article's two annotators in order: the first is scored against as the gold."""
        first, other = sorted((self.annotator, self.second or ""))
        return first, other


def read_wikinews(folder: Path, files: Iterable[str]) -> dict[str, dict[str, str]]:
    """The rows of the named CSV files by content id."""
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # article texts pass the 128 kB default
    rows: dict[str, dict[str, str]] = {}
    for name in sorted(set(files)):
        path = folder / name
        if not path.is_file():
            raise GoldError(f"{path}: no such file (the Wikinews CSVs are in ../shared/data/wikinews)")
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rows.setdefault(content_id(row.get("text") or ""), row)
    return rows


def _spans(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "trigger", record.get("trigger")
    for span in record.get("mentions") or []:
        yield "mentions", span
    for side in ("sources", "targets"):
        for party in record.get(side) or []:
            yield side, party.get("span")
    if record.get("place"):
        yield "place", record["place"].get("span")


def span_problems(record: dict[str, Any], text: str) -> list[str]:
    """Spans of a gold event that do not lie within its article's text (a null party span is allowed)."""
    problems = []
    for name, span in _spans(record):
        if span is None and name in ("sources", "targets"):
            continue
        if (not isinstance(span, list) or len(span) != 2 or not all(isinstance(x, int) for x in span)
                or not 0 <= span[0] < span[1] <= len(text)):
            problems.append(f"{name} span {span!r} is not within the text ({len(text)} characters)")
    return problems


def load_gold(gold_dir: str | Path = GOLD_DIR, data_dir: str | Path = WIKINEWS_DIR) -> list[GoldArticle]:
    """The articles of ``articles.json`` with their texts and both annotators' events, checked: every article
    is found in the CSVs, every event points at a listed article and every span lies within the text."""
    gold_dir, data_dir = Path(gold_dir), Path(data_dir)
    listing = gold_dir / "articles.json"
    if not listing.is_file():
        raise GoldError(f"{gold_dir}: no articles.json (not an event gold folder)")
    entries = json.loads(listing.read_text(encoding="utf-8"))
    rows = read_wikinews(data_dir, (e["file"] for e in entries))
    annotators = sorted({p.name[len("annotator_"):-len(".jsonl")] for p in gold_dir.glob("annotator_*.jsonl")}
                        | {e["annotator"] for e in entries})
    articles: dict[str, GoldArticle] = {}
    for e in entries:
        row = rows.get(e["id"])
        if row is None:
            raise GoldError(f"{listing}: article {e['id']} ({e.get('url')}) is not in {data_dir / e['file']}")
        second = e.get("second") or (_other_of_two(annotators, e["annotator"]) if e.get("double") else None)
        if e["split"] not in SPLITS or not ANNOTATOR.fullmatch(e["annotator"]) or (e.get("double") and not second):
            raise GoldError(f"{listing}: article {e['id']}: split {e['split']!r}, annotator {e['annotator']!r}"
                            + (", double-coded without a second annotator" if e.get("double") and not second else ""))
        articles[e["id"]] = GoldArticle(e["id"], e["file"], e["split"], e["annotator"], bool(e.get("double")),
                                        e.get("date") or row.get("date") or None, row["text"],
                                        {a: [] for a in annotators}, second)
    for annotator in annotators:
        path = gold_dir / f"annotator_{annotator}.jsonl"
        if not path.is_file():
            raise GoldError(f"{path}: missing")

        def add(record: dict[str, Any], where: str, annotator: str = annotator) -> None:
            article = articles.get(record["article"])
            if article is None:
                raise GoldError(f"{where}: article {record['article']} is not in articles.json")
            problems = span_problems(record, article.text)
            if problems:
                raise GoldError(f"{where}: " + "; ".join(problems))
            article.events[annotator].append(gold_event(record, annotator))

        read_jsonl(path, add, "event")
    return list(articles.values())


def _other_of_two(annotators: list[str], annotator: str) -> str | None:
    """The second annotator of a double-coded article in a folder of two annotators (gold/events: A and B)."""
    others = [a for a in annotators if a != annotator]
    return others[0] if len(annotators) == 2 and len(others) == 1 else None


def read_jsonl(path: Path, handle: Callable[[dict[str, Any], str], None], what: str = "record") -> None:
    """Every record of a gold JSONL file passed to ``handle(record, "file:line")``; a line that is no JSON or a
    record ``handle`` cannot read becomes a :class:`GoldError` naming the file and line."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            handle(json.loads(line), where)
        except (KeyError, TypeError, ValueError) as err:
            if isinstance(err, GoldError):
                raise
            raise GoldError(f"{where}: cannot read the {what} ({type(err).__name__}: {err})") from err


# --- the evaluation ------------------------------------------------------------------


@dataclass
class EventsReport:
    gold_dir: str
    splits: dict[str, EventScore]  # dev / test / all, those asked for
    agreement: EventScore  # the second annotator scored against the first on the double-coded articles
    model_on_double: EventScore  # heron on the same double-coded articles (against each article's annotator)
    double_articles: int
    pipeline: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold_dir, "splits": {k: v.to_dict() for k, v in self.splits.items()},
                "agreement": {"articles": self.double_articles, "annotators": "second against first",
                              **self.agreement.to_dict()},
                "model_on_double": self.model_on_double.to_dict(), "pipeline": self.pipeline}


Extractor = Callable[[Iterable[Article]], Iterator[Extraction]]


def default_extractor(model: str | None = None) -> tuple[Extractor, list[str]]:
    """heron's full pipeline (the process-wide one)."""
    import heron

    pipeline = heron.load(model)
    return pipeline.pipe, list(pipeline.nlp.pipe_names)


def agreement(articles: Sequence[GoldArticle]) -> EventScore:
    """On the double-coded articles, the second annotator of each pair (B in gold/events) scored against the
    first (A), with the same matcher as the model's."""
    return _sum(score_article(a.events[a.pair[1]], a.events[a.pair[0]]) for a in articles if a.double)


def evaluate(gold_dir: str | Path = GOLD_DIR, split: str = "all", data_dir: str | Path = WIKINEWS_DIR,
             extractor: Extractor | None = None, model: str | None = None) -> EventsReport:
    """Score heron's events on the gold articles of ``split`` (dev, test or all)."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, test, train or all, not {split!r}")
    gold = load_gold(gold_dir, data_dir)
    chosen = [a for a in gold if split == "all" or a.split == split]
    double = [a for a in gold if a.double]
    chosen_ids = {a.id for a in chosen}
    wanted = chosen + [a for a in double if a.id not in chosen_ids]
    extract, names = (extractor, []) if extractor is not None else default_extractor(model)
    extractions = extract(Article(text=a.text, date=a.date) for a in wanted)
    scores = {a.id: score_article(predicted_events(ext), a.events[a.annotator])
              for a, ext in zip(wanted, extractions, strict=True)}
    shown = [s for s in SPLITS if any(a.split == s for a in chosen)] if split == "all" else (split,)
    splits = {s: _sum(scores[a.id] for a in chosen if a.split == s) for s in shown}
    if split == "all":
        splits["all"] = _sum(splits.values())
    return EventsReport(str(gold_dir), splits, agreement(gold), _sum(scores[a.id] for a in double),
                        len(double), names)


def lines(report: EventsReport) -> list[str]:
    """The report as text."""
    def prf(s: PRF) -> str:
        return f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}"

    out = [f"heron events against {report.gold_dir} (each article against its own annotator)",
           (f"{'split':6} {'articles':>8} {'gold':>5} {'optional':>8} {'predicted':>9}  "
            f"{'type P/R/F1':>17}  {'dyad P/R/F1':>17}")]
    for name, s in report.splits.items():
        out.append(f"{name:6} {s.articles:>8} {s.gold_events - s.gold_optional:>5} {s.gold_optional:>8} "
                   f"{s.predicted_events:>9}  {prf(s.type):>17}  {prf(s.dyad):>17}")
    a, m = report.agreement, report.model_on_double
    out.append(f"agreement on the {report.double_articles} double-coded articles (second annotator against first): "
               f"type F1 {a.type.f1:.3f}, dyad F1 {a.dyad.f1:.3f}  |  heron on the same articles: "
               f"type F1 {m.type.f1:.3f}, dyad F1 {m.dyad.f1:.3f}")
    return out

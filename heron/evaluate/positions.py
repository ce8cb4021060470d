"""``heron evaluate positions``: positions, their condition and response links, and claim groups, against heron's
own gold (gold/positions, see its GUIDELINES.md).

The gold folder holds ``articles*.json`` (the articles: Wikinews rows and PolNeAR train files of
``../shared/data`` by content id, and reports of the folder's own ``texts/``) and ``annotations*.jsonl``
(one position or claim group per line, by character offsets); ``agreement_*.jsonl`` holds a second
annotator's records of some of the articles, scored against the gold like a prediction, for the agreement
figure printed beside heron's.

- A position matches (one to one) when the kind agrees (or is one of the gold's ``alt_kinds``), a predicted
  holder has the country or organisation of a gold holder (a gold with no coded holder accepts any), and the
  content spans overlap. Optional gold positions cost no recall and matching them costs no precision.
- A condition link (position, condition clause) matches when its position is matched and the clauses overlap.
- A response link matches when its two positions are matched to the two ends of a gold link.
- A claim matches on holder, attitude and overlapping content; a claim group is scored as the pairs of claims
  it puts together, a pair being right when its two claims match two claims of one gold group.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from heron.evaluate.events import (
    Extractor,
    GoldError,
    default_extractor,
    match,
    party_key,
    read_jsonl,
    read_wikinews,
)
from heron.evaluate.scoring import PRF
from heron.records import Article, Extraction, content_id

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "gold" / "positions"
SHARED_DIR = REPO.parent / "shared" / "data"
SPLITS = ("dev", "test")
Span = tuple[int, int]


@dataclass(frozen=True)
class ScoredPosition:
    kind: str
    holders: frozenset[str]
    content: Span
    alt_kinds: frozenset[str] = frozenset()
    optional: bool = False
    ref: str = ""  # gold number or predicted id
    conditions: tuple[Span, ...] = ()
    responds_to: str | None = None


@dataclass(frozen=True)
class ScoredClaim:
    holder: str | None
    attitude: str
    content: Span
    group: str
    optional: bool = False


def overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def position_match(predicted: ScoredPosition, gold: ScoredPosition) -> bool:
    return (predicted.kind in gold.alt_kinds | {gold.kind}
            and (not gold.holders or bool(predicted.holders & gold.holders))
            and overlap(predicted.content, gold.content))


def claim_match(predicted: ScoredClaim, gold: ScoredClaim) -> bool:
    return ((gold.holder is None or predicted.holder == gold.holder) and predicted.attitude == gold.attitude
            and overlap(predicted.content, gold.content))


# --- reading ----------------------------------------------------------------------------


@dataclass
class GoldArticle:
    id: str
    source: str
    file: str
    split: str
    date: str | None
    text: str
    positions: list[ScoredPosition] = field(default_factory=list)
    claims: list[ScoredClaim] = field(default_factory=list)


def _span(value: Any, where: str, text: str) -> Span:
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(x, int) for x in value)
            or not 0 <= value[0] < value[1] <= len(text)):
        raise GoldError(f"{where}: span {value!r} is not within the text ({len(text)} characters)")
    return value[0], value[1]


def _text(entry: dict[str, Any], gold_dir: Path, shared_dir: Path, rows: dict[str, dict[str, str]]) -> str:
    source, name = entry.get("source"), entry.get("file", "")
    if source == "wikinews":
        row = rows.get(entry["id"])
        if row is None:
            raise GoldError(f"article {entry['id']} is not in {shared_dir / 'wikinews' / name}")
        return row["text"]
    path = shared_dir / "polnear" / "train" / "text" / name if source == "polnear" else gold_dir / "texts" / name
    if source not in ("polnear", "heron"):
        raise GoldError(f"article {entry.get('id')}: unknown source {source!r}")
    if not path.is_file():
        raise GoldError(f"{path}: no such file (article {entry.get('id')})")
    return path.read_text(encoding="utf-8")


def load_gold(gold_dir: str | Path = GOLD_DIR, shared_dir: str | Path = SHARED_DIR) -> list[GoldArticle]:
    """Every listed article with its text and its positions and claims, checked: the text has the listed
    content id, every record points at a listed article and every span lies within its text."""
    gold_dir, shared_dir = Path(gold_dir), Path(shared_dir)
    listings = sorted(gold_dir.glob("articles*.json"))
    if not listings:
        raise GoldError(f"{gold_dir}: no articles*.json (not a positions gold folder)")
    entries = [e for path in listings for e in json.loads(path.read_text(encoding="utf-8"))]
    rows = read_wikinews(shared_dir / "wikinews", {e["file"] for e in entries if e.get("source") == "wikinews"})
    articles: dict[str, GoldArticle] = {}
    for e in entries:
        text = _text(e, gold_dir, shared_dir, rows)
        if content_id(text) != e["id"]:
            raise GoldError(f"article {e['id']} ({e.get('file')}): the text's content id is {content_id(text)}")
        if e.get("split") not in SPLITS:
            raise GoldError(f"article {e['id']}: split {e.get('split')!r}")
        articles[e["id"]] = GoldArticle(e["id"], e["source"], e["file"], e["split"], e.get("date"), text)
    for path in sorted(gold_dir.glob("annotations*.jsonl")):
        _read_file(path, articles)
    return list(articles.values())


def load_second(gold_dir: str | Path, by_id: dict[str, GoldArticle]) -> list[GoldArticle]:
    """A second annotator's records (``agreement_*.jsonl``) of some of the gold articles ``by_id``, as articles
    of their own."""
    second: dict[str, GoldArticle] = {}
    for path in sorted(Path(gold_dir).glob("agreement_*.jsonl")):
        ids = {json.loads(line)["article"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        for article_id in ids:
            if article_id not in by_id:
                raise GoldError(f"{path.name}: article {article_id} is not listed")
            a = by_id[article_id]
            second.setdefault(article_id, GoldArticle(a.id, a.source, a.file, a.split, a.date, a.text))
        _read_file(path, second)
    return list(second.values())


def _read_file(path: Path, articles: dict[str, GoldArticle]) -> None:
    def add(record: dict[str, Any], where: str) -> None:
        article = articles.get(record["article"])
        if article is None:
            raise GoldError(f"{where}: article {record['article']} is not listed")
        _read_record(record, article, where)

    read_jsonl(path, add)


def _keys(parties: Iterable[dict[str, Any]]) -> frozenset[str]:
    return frozenset(k for k in (party_key(p.get("code")) for p in parties) if k)


def _read_record(record: dict[str, Any], article: GoldArticle, where: str) -> None:
    text = article.text
    if record["record"] == "position":
        article.positions.append(ScoredPosition(
            kind=record["kind"], holders=_keys(record.get("holders") or []),
            content=_span(record["content"], where, text), alt_kinds=frozenset(record.get("alt_kinds") or []),
            optional=bool(record.get("optional")), ref=str(record["n"]),
            conditions=tuple(_span(c["span"], where, text) for c in record.get("conditions") or []),
            responds_to=str(record["responds_to"]) if record.get("responds_to") is not None else None))
    elif record["record"] == "claims":
        for claim in record["claims"]:
            holder = party_key((claim.get("holder") or {}).get("code"))
            article.claims.append(ScoredClaim(holder, claim["attitude"], _span(claim["span"], where, text),
                                              str(record["n"])))
    else:
        raise GoldError(f"{where}: record {record['record']!r} is neither 'position' nor 'claims'")


def predicted(extraction: Extraction) -> tuple[list[ScoredPosition], list[ScoredClaim]]:
    def key(actor_id: str | None) -> str | None:
        actor = extraction.actor(actor_id)
        return party_key(actor.code, actor.country) if actor is not None else None

    positions = [ScoredPosition(p.kind, frozenset(k for k in map(key, p.holders) if k), (p.content.start, p.content.end),
                                ref=p.id, conditions=tuple((c.clause.start, c.clause.end) for c in p.conditions),
                                responds_to=p.responds_to) for p in extraction.positions]
    claims = [ScoredClaim(key(c.holder), c.attitude, (c.content.start, c.content.end), g.id)
              for g in extraction.claim_groups for c in g.claims]
    return positions, claims


# --- scoring ---------------------------------------------------------------------------


@dataclass
class PositionScore:
    articles: int = 0
    positions: PRF = field(default_factory=PRF)
    conditions: PRF = field(default_factory=PRF)
    responses: PRF = field(default_factory=PRF)
    claims: PRF = field(default_factory=PRF)
    claim_pairs: PRF = field(default_factory=PRF)

    def __add__(self, other: PositionScore) -> PositionScore:
        return PositionScore(self.articles + other.articles, self.positions + other.positions,
                             self.conditions + other.conditions, self.responses + other.responses,
                             self.claims + other.claims, self.claim_pairs + other.claim_pairs)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "positions": self.positions.to_dict(4),
                "condition_links": self.conditions.to_dict(4), "response_links": self.responses.to_dict(4),
                "claims": self.claims.to_dict(4), "claim_groups_pairs": self.claim_pairs.to_dict(4)}


def score_article(pred: Sequence[ScoredPosition], gold: Sequence[ScoredPosition],
                  pred_claims: Sequence[ScoredClaim] = (), gold_claims: Sequence[ScoredClaim] = ()) -> PositionScore:
    matching = match(pred, gold, position_match)
    to_gold = {pred[i].ref: gold[j] for i, j in matching.pairs}
    # condition links
    gold_links = [(g.ref, c) for g in gold if not g.optional for c in g.conditions]
    pred_links = [(p.ref, c) for p in pred for c in p.conditions
                  if not (p.ref in to_gold and to_gold[p.ref].optional)]
    used: set[int] = set()
    hits = 0
    for ref, clause in pred_links:
        g = to_gold.get(ref)
        j = next((j for j, (gref, gclause) in enumerate(gold_links)
                  if j not in used and g is not None and gref == g.ref and overlap(clause, gclause)), None)
        if j is not None:
            used.add(j)
            hits += 1
    conditions = PRF(hits, len(pred_links) - hits, len(gold_links) - hits)
    # response links
    gold_answers = {(g.ref, g.responds_to) for g in gold if g.responds_to and not g.optional}
    pred_answers = [(to_gold.get(p.ref), to_gold.get(p.responds_to)) for p in pred if p.responds_to]
    right = sum(1 for a, b in pred_answers if a is not None and b is not None and (a.ref, b.ref) in gold_answers)
    responses = PRF(right, len(pred_answers) - right, len(gold_answers) - right)
    # claims and their groups
    claim_matching = match(pred_claims, gold_claims, claim_match)
    claim_to_gold = dict(claim_matching.pairs)
    gold_pairs = {frozenset((i, j)) for i, j in combinations(range(len(gold_claims)), 2)
                  if gold_claims[i].group == gold_claims[j].group}
    pred_pairs = [(i, j) for i, j in combinations(range(len(pred_claims)), 2)
                  if pred_claims[i].group == pred_claims[j].group]
    right_pairs = sum(1 for i, j in pred_pairs if i in claim_to_gold and j in claim_to_gold
                      and frozenset((claim_to_gold[i], claim_to_gold[j])) in gold_pairs)
    pairs = PRF(right_pairs, len(pred_pairs) - right_pairs, len(gold_pairs) - right_pairs)
    return PositionScore(1, matching.score, conditions, responses, claim_matching.score, pairs)


def _sum(scores: Iterable[PositionScore]) -> PositionScore:
    out = PositionScore()
    for s in scores:
        out = out + s
    return out


@dataclass
class PositionsReport:
    gold_dir: str
    splits: dict[str, PositionScore]
    gold_positions: int
    gold_optional: int
    gold_claim_groups: int
    pipeline: list[str] = field(default_factory=list)
    agreement: PositionScore | None = None  # a second annotator against the gold, on the articles both annotated
    model_on_double: PositionScore | None = None  # heron on those articles

    def to_dict(self) -> dict[str, Any]:
        out = {"gold": self.gold_dir, "gold_positions": self.gold_positions, "gold_optional": self.gold_optional,
               "gold_claim_groups": self.gold_claim_groups,
               "splits": {k: v.to_dict() for k, v in self.splits.items()}, "pipeline": self.pipeline}
        if self.agreement is not None:  # set together with model_on_double
            out["agreement"] = self.agreement.to_dict()
            out["model_on_double"] = self.model_on_double.to_dict()
        return out


def evaluate(gold_dir: str | Path = GOLD_DIR, split: str = "all", data_dir: str | Path = SHARED_DIR,
             extractor: Extractor | None = None, model: str | None = None) -> PositionsReport:
    """Score heron's positions and claim groups on the gold articles of ``split`` (dev, test or all)."""
    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, test or all, not {split!r}")
    every = load_gold(gold_dir, data_dir)
    gold = [a for a in every if split == "all" or a.split == split]
    by_id = {a.id: a for a in every}
    second = load_second(gold_dir, by_id)
    chosen = {a.id for a in gold}
    doubled = {s.id for s in second}
    wanted = gold + [a for a in every if a.id in doubled and a.id not in chosen]
    extract, names = (extractor, []) if extractor is not None else default_extractor(model)
    scores: dict[str, PositionScore] = {}
    for article, extraction in zip(wanted, extract(Article(text=a.text, date=a.date) for a in wanted), strict=True):
        positions, claims = predicted(extraction)
        scores[article.id] = score_article(positions, article.positions, claims, article.claims)
    agreement = _sum(score_article(s.positions, by_id[s.id].positions, s.claims, by_id[s.id].claims)
                     for s in second) if second else None
    on_double = _sum(scores[s.id] for s in second) if second else None
    shown = SPLITS if split == "all" else (split,)
    splits = {s: _sum(scores[a.id] for a in gold if a.split == s) for s in shown}
    if split == "all":
        splits["all"] = _sum(splits.values())
    return PositionsReport(str(gold_dir), splits, sum(len(a.positions) for a in gold),
                           sum(p.optional for a in gold for p in a.positions),
                           len({(a.id, c.group) for a in gold for c in a.claims}), names, agreement, on_double)


def lines(report: PositionsReport) -> list[str]:
    def prf(s: PRF) -> str:
        return f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}"

    out = [(f"heron positions against {report.gold_dir}: {report.gold_positions} gold positions "
            f"({report.gold_optional} optional), {report.gold_claim_groups} claim groups"),
           (f"{'split':6} {'articles':>8}  {'positions P/R/F1':>17}  {'conditions':>17}  {'responses':>17}  "
            f"{'claims':>17}  {'claim groups':>17}")]
    for name, s in report.splits.items():
        out.append(f"{name:6} {s.articles:>8}  {prf(s.positions):>17}  {prf(s.conditions):>17}  "
                   f"{prf(s.responses):>17}  {prf(s.claims):>17}  {prf(s.claim_pairs):>17}")
    a, m = report.agreement, report.model_on_double
    if a is not None and m is not None:
        out.append(f"agreement on the {a.articles} articles a second annotator coded (second against gold): "
                   f"positions F1 {a.positions.f1:.3f}, conditions {a.conditions.f1:.3f}, responses "
                   f"{a.responses.f1:.3f}, claim pairs {a.claim_pairs.f1:.3f}  |  heron on the same articles: "
                   f"positions F1 {m.positions.f1:.3f}, conditions {m.conditions.f1:.3f}, responses "
                   f"{m.responses.f1:.3f}, claim pairs {m.claim_pairs.f1:.3f}")
    return out

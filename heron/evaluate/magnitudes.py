"""Magnitudes (killed, injured, arrested, displaced, missing counts) scored against heron's own gold
(``gold/magnitudes``, see its README.md).

Protocol:

- ``sentences.jsonl`` lists gold sentences by Wikinews CSV file, article content id and character span, with
  their split (dev or test) and every magnitude they state: kind, count, qualifier, cumulative. A sentence
  with no magnitude still counts: whatever heron reads in it is a false positive.
- Each article is parsed once by heron's whole pipeline. Two sets of predictions are scored per gold sentence:
  **read**, every magnitude :func:`heron.events.magnitudes.read_magnitudes` reads in the parsed sentences
  overlapping it (what the reader finds), and **on events**, the magnitudes the extraction's events carry
  whose words lie in it (what reaches the output: a count in a sentence where heron keeps no event is lost).
- Predictions and gold items of one sentence are matched one to one on (kind, count); P/R/F1 are micro
  figures over magnitudes (:class:`heron.evaluate.scoring.PRF`). Over the matched pairs, the qualifier and the
  cumulative flag are scored as accuracy (the share of pairs where heron gives the gold value).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heron.evaluate.events import GoldError, read_wikinews
from heron.evaluate.scoring import PRF, ratio
from heron.events.magnitudes import KINDS, QUALIFIERS, read_magnitudes
from heron.records import Article, Magnitude

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "gold" / "magnitudes"
WIKINEWS_DIR = REPO.parent / "shared" / "data" / "wikinews"
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldMagnitude:
    kind: str
    count: int
    qualifier: str
    cumulative: bool


@dataclass
class GoldSentence:
    article: str
    file: str
    start: int
    end: int
    split: str
    magnitudes: list[GoldMagnitude]


@dataclass
class MagnitudeScore:
    """(kind, count) counts and the qualifier and cumulative agreement over the matched pairs."""

    sentences: int = 0
    match: PRF = field(default_factory=PRF)
    qualifier_right: int = 0
    cumulative_right: int = 0

    @property
    def qualifier(self) -> float:
        return ratio(self.qualifier_right, self.match.tp)

    @property
    def cumulative(self) -> float:
        return ratio(self.cumulative_right, self.match.tp)

    def __add__(self, other: MagnitudeScore) -> MagnitudeScore:
        return MagnitudeScore(self.sentences + other.sentences, self.match + other.match,
                              self.qualifier_right + other.qualifier_right,
                              self.cumulative_right + other.cumulative_right)

    def to_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "kind_count": self.match.to_dict(4),
                "qualifier_accuracy": round(self.qualifier, 4), "cumulative_accuracy": round(self.cumulative, 4)}


def score_sentence(predicted: Sequence[Magnitude], gold: Sequence[GoldMagnitude]) -> MagnitudeScore:
    """One sentence: predictions matched one to one to gold items of the same kind and count, in order."""
    left = list(gold)
    tp = q_right = c_right = 0
    for p in predicted:
        hit = next((g for g in left if (g.kind, g.count) == (p.kind, p.count)), None)
        if hit is None:
            continue
        left.remove(hit)
        tp += 1
        q_right += hit.qualifier == p.qualifier
        c_right += hit.cumulative == p.cumulative
    return MagnitudeScore(1, PRF(tp, len(predicted) - tp, len(gold) - tp), q_right, c_right)


def _sum(scores: Iterable[MagnitudeScore]) -> MagnitudeScore:
    out = MagnitudeScore()
    for s in scores:
        out = out + s
    return out


# --- reading the gold ----------------------------------------------------------------


def _gold_magnitude(item: dict[str, Any]) -> GoldMagnitude:
    magnitude = GoldMagnitude(item["kind"], item["count"], item["qualifier"], item["cumulative"])
    if magnitude.kind not in KINDS or magnitude.qualifier not in QUALIFIERS or not isinstance(magnitude.count, int) \
            or not isinstance(magnitude.cumulative, bool):
        raise ValueError(f"bad magnitude {item!r}")
    return magnitude


def load_gold(gold_dir: str | Path = GOLD_DIR, data_dir: str | Path = WIKINEWS_DIR
              ) -> tuple[list[GoldSentence], dict[str, dict[str, str]]]:
    """The gold sentences, checked (known split, article found in the CSVs, span within its text), and the
    CSV rows of their articles by content id."""
    path = Path(gold_dir) / "sentences.jsonl"
    if not path.is_file():
        raise GoldError(f"{gold_dir}: no sentences.jsonl (not a magnitude gold folder)")
    sentences: list[GoldSentence] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            start, end = record["sentence"]
            sentences.append(GoldSentence(record["article"], record["file"], start, end, record["split"],
                                          [_gold_magnitude(m) for m in record["magnitudes"]]))
        except (KeyError, TypeError, ValueError) as err:
            raise GoldError(f"{path.name}:{n}: cannot read the sentence ({type(err).__name__}: {err})") from err
        if record["split"] not in SPLITS:
            raise GoldError(f"{path.name}:{n}: split {record['split']!r} is not dev or test")
    rows = read_wikinews(Path(data_dir), (s.file for s in sentences))
    for s in sentences:
        row = rows.get(s.article)
        if row is None:
            raise GoldError(f"{path.name}: article {s.article} is not in {Path(data_dir) / s.file}")
        if not 0 <= s.start < s.end <= len(row["text"]):
            raise GoldError(f"{path.name}: sentence {s.start}-{s.end} is not within article {s.article}")
    return sentences, rows


# --- the evaluation ------------------------------------------------------------------


@dataclass
class MagnitudesReport:
    gold_dir: str
    read: dict[str, MagnitudeScore]  # split -> the reader's magnitudes in the gold sentences
    on_events: dict[str, MagnitudeScore]  # split -> the magnitudes the extraction's events carry there
    pipeline: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold_dir, "read": {k: v.to_dict() for k, v in self.read.items()},
                "on_events": {k: v.to_dict() for k, v in self.on_events.items()}, "pipeline": self.pipeline}


def _inside(m: Magnitude, s: GoldSentence) -> bool:
    return m.evidence is not None and s.start <= m.evidence.start < s.end


def evaluate(gold_dir: str | Path = GOLD_DIR, split: str = "all", data_dir: str | Path = WIKINEWS_DIR,
             model: str | None = None) -> MagnitudesReport:
    """Score heron's magnitudes on the gold sentences of ``split`` (dev, test or all)."""
    import heron
    from heron.nlp.runner import to_extraction

    if split not in (*SPLITS, "all"):
        raise ValueError(f"split must be dev, test or all, not {split!r}")
    sentences, rows = load_gold(gold_dir, data_dir)
    chosen = [s for s in sentences if split == "all" or s.split == split]
    ids = list(dict.fromkeys(s.article for s in chosen))
    pipeline = heron.load(model)
    articles = [Article(text=rows[i]["text"], date=rows[i].get("date") or None) for i in ids]
    read: dict[str, list[Magnitude]] = {}
    carried: dict[str, list[Magnitude]] = {}
    for article_id, article, doc in zip(ids, articles, pipeline.nlp.pipe(pipeline.make_doc(a) for a in articles),
                                        strict=True):
        read[article_id] = [r.magnitude for sent in doc.sents for r in read_magnitudes(sent)]
        carried[article_id] = [m for e in to_extraction(doc, article).events for m in e.magnitudes]
    shown = SPLITS if split == "all" else (split,)

    def scores(found: dict[str, list[Magnitude]]) -> dict[str, MagnitudeScore]:
        by_split = {name: _sum(score_sentence([m for m in found[s.article] if _inside(m, s)], s.magnitudes)
                               for s in chosen if s.split == name) for name in shown}
        if split == "all":
            by_split["all"] = _sum(by_split.values())
        return by_split

    return MagnitudesReport(str(gold_dir), scores(read), scores(carried), list(pipeline.nlp.pipe_names))


def lines(report: MagnitudesReport) -> list[str]:
    """The report as text."""
    out = [f"heron magnitudes against {report.gold_dir}",
           (f"{'what':10} {'split':6} {'sentences':>9} {'gold':>5} {'predicted':>9}  {'(kind, count) P/R/F1':>20}  "
            f"{'qualifier':>9}  {'cumulative':>10}")]
    for what, by_split in (("read", report.read), ("on events", report.on_events)):
        for name, s in by_split.items():
            m = s.match
            out.append(f"{what:10} {name:6} {s.sentences:>9} {m.gold:>5} {m.predicted:>9}  "
                       f"{f'{m.precision:.3f}/{m.recall:.3f}/{m.f1:.3f}':>20}  {s.qualifier:>9.3f}  "
                       f"{s.cumulative:>10.3f}")
    out.append("qualifier and cumulative: accuracy over the matched (kind, count) pairs")
    return out

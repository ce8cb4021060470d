"""Quote attribution against PolNeAR (brat standoff), running the real heron pipeline.

Protocol:

- a split folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``;
  the FIRST annotation file of each article (sorted by name) is the gold, and its
  attributions (``E`` lines) that have both a Source and a Content;
- a predicted quote matches a gold attribution when their contents overlap by at
  least half of the shorter one (discontinuous brat spans count by their fragments);
  a prediction is correct when it matches some gold, a gold is found when some
  prediction matches it (not one-to-one: quotes split or joined differently still count);
- content + speaker also asks that the matched prediction's speaker mention, or any
  mention of the same Actor, overlaps the gold Source;
- direct gold: the content holds a quote mark (or '' standing for one); the rest is non-direct;
- recall is also given on the gold contents of three words or more: PolNeAR also annotates objects of
  one or two words ("endorsed Trump", "praised it"), which heron does not store as quotes.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from heron.evaluate.scoring import PRF, ratio
from heron.records import Article, Extraction, Mention, Quote

Spans = tuple[tuple[int, int], ...]
QUOTE_MARKS = "\"“”«»„‘"
_TEXT_BOUND = re.compile(r"^T\d+\t\S+ \d+ \d+")
_EVENT = re.compile(r"^E\d+\t")
_WORD = re.compile(r"\w+")


class PolnearFormatError(ValueError):
    pass


@dataclass(frozen=True)
class GoldAttribution:
    content: Spans
    source: Spans
    content_text: str

    @property
    def direct(self) -> bool:
        return any(ch in QUOTE_MARKS for ch in self.content_text) or "''" in self.content_text

    @property
    def long(self) -> bool:
        """Three words or more."""
        return len(_WORD.findall(self.content_text)) >= 3


@dataclass
class GoldArticle:
    name: str
    text: str
    date: str | None
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass
class PolnearScore:
    documents: int
    gold: int
    predicted: int
    content_precision: float
    content_recall: float
    content_f1: float
    speaker_precision: float
    speaker_recall: float
    speaker_f1: float
    direct_gold: int
    direct_recall: float
    nondirect_gold: int
    nondirect_recall: float
    long_gold: int
    long_content_recall: float
    long_speaker_recall: float
    seconds: float
    docs_per_second: float
    pipeline: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


# --- reading the corpus ------------------------------------------------------------


def _parse_offsets(field_text: str, where: str) -> Spans:
    try:
        return tuple((int(a), int(b)) for a, b in (frag.split() for frag in field_text.split(";")))
    except ValueError as err:
        raise PolnearFormatError(f"{where}: bad offsets {field_text!r}") from err


def parse_ann(ann: str, text: str, where: str = "") -> list[GoldAttribution]:
    """Attributions with a Source and a Content from one brat ``.ann`` file."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for n, line in enumerate(ann.splitlines(), start=1):
        # A span's text may hold line breaks: lines that do not start with an id are its continuation.
        if _TEXT_BOUND.match(line):
            parts = line.split("\t")
            spans[parts[0]] = _parse_offsets(parts[1].split(" ", 1)[1], f"{where}:{n}")
        elif _EVENT.match(line):
            roles = dict(arg.split(":", 1) for arg in line.split("\t")[1].split() if ":" in arg)
            events.append(roles)
    gold = []
    for roles in events:
        if "Source" in roles and "Content" in roles and roles["Source"] in spans and roles["Content"] in spans:
            content = spans[roles["Content"]]
            gold.append(GoldAttribution(content, spans[roles["Source"]], " ".join(text[a:b] for a, b in content)))
    return gold


def _date_of(name: str) -> str | None:
    parts = name.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 10 and parts[1][4] == "-" else None


def load_split(folder: str | Path, limit: int | None = None) -> list[GoldArticle]:
    """The articles of a PolNeAR split folder with their gold attributions."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{folder} is not a PolNeAR split (needs text/ and attributions/)")
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        gold = parse_ann(anns[0].read_text(encoding="utf-8"), text, anns[0].name)
        articles.append(GoldArticle(txt.stem, text, _date_of(txt.stem), gold))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# --- scoring -----------------------------------------------------------------------


def _length(spans: Spans) -> int:
    return sum(b - a for a, b in spans)


def _overlap(x: Spans, y: Spans) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in x for c, d in y)


def content_match(pred: Spans, gold: Spans) -> bool:
    shorter = min(_length(pred), _length(gold))
    return shorter > 0 and _overlap(pred, gold) * 2 >= shorter


def _speaker_spans(quote: Quote, extraction: Extraction) -> Spans:
    mentions: list[Mention] = [quote.speaker_mention] if quote.speaker_mention else []
    actor = extraction.actor(quote.speaker)
    if actor is not None:
        mentions += actor.mentions
    return tuple((m.start, m.end) for m in mentions)


@dataclass
class _Counts:
    predicted: int = 0
    pred_content: int = 0
    pred_speaker: int = 0
    gold: int = 0
    gold_content: int = 0
    gold_speaker: int = 0
    direct: int = 0
    direct_found: int = 0
    nondirect: int = 0
    nondirect_found: int = 0
    long: int = 0
    long_found: int = 0
    long_speaker: int = 0

    def add(self, gold: list[GoldAttribution], extraction: Extraction) -> None:
        preds = [((q.content.start, q.content.end),) for q in extraction.quotes]
        speakers = [_speaker_spans(q, extraction) for q in extraction.quotes]
        hits = [[content_match(p, g.content) for g in gold] for p in preds]
        right = [[hits[i][j] and _overlap(speakers[i], g.source) > 0 for j, g in enumerate(gold)] for i in range(len(preds))]
        self.predicted += len(preds)
        self.pred_content += sum(any(row) for row in hits)
        self.pred_speaker += sum(any(row) for row in right)
        for j, g in enumerate(gold):
            found = any(hits[i][j] for i in range(len(preds)))
            self.gold += 1
            self.gold_content += found
            self.gold_speaker += any(right[i][j] for i in range(len(preds)))
            if g.long:
                self.long += 1
                self.long_found += found
                self.long_speaker += any(right[i][j] for i in range(len(preds)))
            if g.direct:
                self.direct += 1
                self.direct_found += found
            else:
                self.nondirect += 1
                self.nondirect_found += found


def score(pairs: Iterable[tuple[GoldArticle, Extraction]]) -> _Counts:
    counts = _Counts()
    for gold, extraction in pairs:
        counts.add(gold.attributions, extraction)
    return counts


def default_extractor() -> tuple[Callable[[Iterable[Article]], Iterator[Extraction]], list[str]]:
    """heron's full pipeline (the process-wide one)."""
    import heron

    pipeline = heron.load()
    return pipeline.pipe, list(pipeline.nlp.pipe_names)


def evaluate(folder: str | Path, limit: int | None = None, extractor=None) -> PolnearScore:
    """Score heron's quotes on a PolNeAR split folder (e.g. ../shared/data/polnear/dev)."""
    articles = load_split(folder, limit)
    if extractor is None:
        extract, names = default_extractor()
    else:
        extract, names = extractor, []
    started = time.perf_counter()
    inputs = [Article(text=a.text, date=a.date, input=a.name) for a in articles]
    counts = score(zip(articles, extract(inputs)))
    seconds = time.perf_counter() - started
    content = PRF.of(counts.pred_content, counts.predicted, counts.gold, found=counts.gold_content)
    speaker = PRF.of(counts.pred_speaker, counts.predicted, counts.gold, found=counts.gold_speaker)
    return PolnearScore(
        documents=len(articles),
        gold=counts.gold,
        predicted=counts.predicted,
        content_precision=round(content.precision, 4),
        content_recall=round(content.recall, 4),
        content_f1=round(content.f1, 4),
        speaker_precision=round(speaker.precision, 4),
        speaker_recall=round(speaker.recall, 4),
        speaker_f1=round(speaker.f1, 4),
        direct_gold=counts.direct,
        direct_recall=round(ratio(counts.direct_found, counts.direct), 4),
        nondirect_gold=counts.nondirect,
        nondirect_recall=round(ratio(counts.nondirect_found, counts.nondirect), 4),
        long_gold=counts.long,
        long_content_recall=round(ratio(counts.long_found, counts.long), 4),
        long_speaker_recall=round(ratio(counts.long_speaker, counts.long), 4),
        seconds=round(seconds, 2),
        docs_per_second=round(len(articles) / seconds, 3) if seconds else 0.0,
        pipeline=names,
    )

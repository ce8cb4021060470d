"""Score heron's dates on TimeML files (TimeBank): DATE recognition and value normalisation.

Each ``*.tml`` file gives the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME"), which anchors heron's normalisation as the article
date does. Only TIMEX3 type DATE is scored, as the task asks:

- recognition precision / recall / F1, strict (same offsets) and relaxed (overlap,
  one-to-one in text order); predictions are heron's DATE expressions (TIME and
  event-anchored expressions are not DATE and are left out);
- value accuracy: share of relaxed-matched pairs whose TIMEX3 value equals the gold value
  (also given for strict matches), and value F1 (a match with the right value counts,
  TempEval-3's "value" figure).

Files are also split by their position in name order (even / odd) so rules tuned on one
half can be checked on the other.

Values are compared as TIMEX3 strings, so TimeBank's PRESENT_REF / PAST_REF / FUTURE_REF
count when heron gives the same reference; underspecified gold values (1989-WXX,
1989-QX) never match a resolved one. Measured on TBAQ-cleaned/TimeBank (183 files,
1016 DATEs, en_core_web_md), HeidelTime's TempEval-3 value F1 being about 0.78:

=====  =========================  =========================  =========  =========
split  strict P / R / F1          relaxed P / R / F1         value acc  value F1
=====  =========================  =========================  =========  =========
all    0.892 / 0.902 / 0.897      0.924 / 0.934 / 0.929      0.885      0.822
even   0.902 / 0.887 / 0.895      0.941 / 0.925 / 0.933      0.876      0.817
odd    0.881 / 0.917 / 0.899      0.907 / 0.944 / 0.925      0.895      0.828
=====  =========================  =========================  =========  =========
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from heron.evaluate.scoring import PRF, ratio

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[Timex] = field(default_factory=list)

    def dates(self) -> list[Timex]:
        return [t for t in self.timexes if t.type == "DATE"]


class TimeMLError(ValueError):
    pass


def read_timeml(path: Path) -> TimeMLDoc:
    """The plain text of the TEXT element, its TIMEX3s as character spans, and the DCT."""
    raw = Path(path).read_text(encoding="utf-8")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        value = dict(_ATTR.findall(m.group(0))).get("value", "")
        try:
            dct = dt.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if body is None:
        raise TimeMLError(f"{path}: no <TEXT> element")
    chunks: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    source = body.group(1)
    for tag in _TAG.finditer(source):
        piece = html.unescape(source[pos:tag.start()])
        chunks.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3" or tag.group(4):
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, attr = open_timex.pop()
            timexes.append(Timex(start, length, "", attr.get("type", ""), attr.get("value")))
    chunks.append(html.unescape(source[pos:]))
    text = "".join(chunks)
    timexes = [Timex(t.start, t.end, text[t.start:t.end], t.type, t.value) for t in timexes]
    return TimeMLDoc(Path(path).stem, text, dct, sorted(timexes, key=lambda t: t.start))


def read_folder(folder: Path) -> list[TimeMLDoc]:
    files = sorted(Path(folder).glob("*.tml"))
    if not files:
        raise TimeMLError(f"{folder}: no .tml files")
    return [read_timeml(f) for f in files]


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    text: str
    value: str | None


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_relaxed: int = 0  # relaxed matches with the gold value
    value_strict: int = 0

    def add(self, other: Counts) -> None:
        for name in asdict(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, hits: int) -> PRF:
        return PRF.of(hits, self.predicted, self.gold)

    def figures(self) -> dict[str, float | int]:
        strict, relaxed = self.prf(self.strict), self.prf(self.relaxed)
        return {
            "gold": self.gold, "predicted": self.predicted,
            "strict_precision": round(strict.precision, 4), "strict_recall": round(strict.recall, 4),
            "strict_f1": round(strict.f1, 4),
            "relaxed_precision": round(relaxed.precision, 4), "relaxed_recall": round(relaxed.recall, 4),
            "relaxed_f1": round(relaxed.f1, 4),
            "value_accuracy": round(ratio(self.value_relaxed, self.relaxed), 4),
            "value_accuracy_strict": round(ratio(self.value_strict, self.strict), 4),
            "value_f1": round(self.prf(self.value_relaxed).f1, 4),
        }


@dataclass(frozen=True)
class Pair:
    gold: Timex | None
    predicted: Predicted | None


def match(gold: list[Timex], predicted: list[Predicted]) -> list[Pair]:
    """One-to-one overlap matching in text order; unmatched items pair with None."""
    pairs: list[Pair] = []
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, p in enumerate(predicted) if i not in used and p.start < g.end and g.start < p.end), None)
        if hit is None:
            pairs.append(Pair(g, None))
        else:
            used.add(hit)
            pairs.append(Pair(g, predicted[hit]))
    pairs.extend(Pair(None, p) for i, p in enumerate(predicted) if i not in used)
    return pairs


def count(pairs: Iterable[Pair]) -> Counts:
    c = Counts()
    for pair in pairs:
        g, p = pair.gold, pair.predicted
        c.gold += g is not None
        c.predicted += p is not None
        if g is None or p is None:
            continue
        c.relaxed += 1
        right = p.value is not None and p.value == g.value
        c.value_relaxed += right
        if (g.start, g.end) == (p.start, p.end):
            c.strict += 1
            c.value_strict += right
    return c


Predictor = Callable[[list[TimeMLDoc]], list[list[Predicted]]]


def heron_predictor(model: str | None = None) -> Predictor:
    """heron's DATE expressions for each document, anchored on its DCT (spaCy NER is not needed)."""
    from heron.nlp.model import load_spacy
    from heron.components.times import time_mentions

    nlp = load_spacy(model)
    disabled = [name for name in ("ner",) if name in nlp.pipe_names]

    def predict(docs: list[TimeMLDoc]) -> list[list[Predicted]]:
        out = []
        with nlp.select_pipes(disable=disabled):
            for tml, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
                doc._.article_date = tml.dct
                out.append([
                    Predicted(m.expression.start, m.expression.end, m.expression.text, m.timex)
                    for m in time_mentions(doc) if m.expression.kind == "DATE"
                ])
        return out

    return predict


def evaluate(folder: Path, predictor: Predictor | None = None, model: str | None = None) -> dict:
    """Figures for all files and for the even / odd halves (by name order), plus the errors.

    ``predictor`` defaults to heron's own (spaCy ``model`` + heron's rules)."""
    docs = read_folder(folder)
    predictions = (predictor or heron_predictor(model))(docs)
    halves = {"all": Counts(), "even": Counts(), "odd": Counts()}
    errors: list[dict] = []
    for i, (doc, predicted) in enumerate(zip(docs, predictions, strict=True)):
        pairs = match(doc.dates(), predicted)
        c = count(pairs)
        halves["all"].add(c)
        halves["even" if i % 2 == 0 else "odd"].add(c)
        for pair in pairs:
            g, p = pair.gold, pair.predicted
            if g is None or p is None or g.value != p.value or (g.start, g.end) != (p.start, p.end):
                errors.append({
                    "doc": doc.name, "dct": doc.dct.isoformat() if doc.dct else None,
                    "gold": g.text if g else None, "gold_value": g.value if g else None,
                    "predicted": p.text if p else None, "predicted_value": p.value if p else None,
                })
    result: dict = {"documents": len(docs)}
    result.update({name: c.figures() for name, c in halves.items()})
    result["errors"] = errors
    return result

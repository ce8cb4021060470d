"""Scores heron on PLV: event typing with the gold source/target spans, and the whole pipeline end to end.

With ``folds`` the typer is retrained on K-1 folds and scored on the held-out fold (stratified, fixed
seed), so the figures never come from a model that saw the sentence; on PLV_train the folds are made of
the rows not set aside (:mod:`heron.train.plv_aside`). With ``aside`` a typer trained on those rows scores
the aside rows. Without either, the shipped typer is scored. A typer is rebuilt as the shipped one was
designed (:data:`heron.train.event_typer.SHIPPED_DESIGN`), or by another design: its encoder (fine-tuned on
the training rows only) comes from :func:`heron.train.encoders.encoder_folder`.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold

from heron.evaluate.scoring import PRF, by_label, macro_f1
from heron.typer.encoder import SpanEncoder
from heron.typer.features import parse
from heron.typer.inputs import ROOTS, Prediction, root_of
from heron.typer.model import EventTyper
from heron.train.encoders import encoder_folder
from heron.train.event_typer import DESIGNS, SEED, SHIPPED_DESIGN, Design, featurise, fit
from heron.train.fine_tune import FineTuneSettings
from heron.train.plv_aside import split_aside
from heron.train.plv_data import PlvRow, read_plv

QUADS = (1, 2, 3, 4)


@dataclass
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class TypingScores:
    """Given the gold spans, how well the typer names the root (15 classes) and the quad class."""

    n: int
    root_macro_f1: float
    root_accuracy: float
    quad_macro_f1: float
    quad_accuracy: float
    roots: list[ClassScore]
    quads: list[ClassScore]


@dataclass
class EndToEndScores:
    """The full pipeline reading the raw sentence. ``available`` is False when it could not run, with ``reason``."""

    available: bool
    reason: str | None = None
    n: int = 0
    triple_recall: float = 0.0  # gold root + a source over the gold source + a target over the gold target
    type_recall: float = 0.0  # some event of the gold root
    events_per_sentence: float = 0.0


@dataclass
class PlvReport:
    file: str
    folds: int | None
    scope: str  # which rows were scored, and by what
    typing: TypingScores
    end_to_end: EndToEndScores
    seconds: float
    model: dict[str, Any] = field(default_factory=dict)
    # candidate events typed per CPU-second on sentences the pipeline has already parsed
    typing_per_cpu_second: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _per_class(scores: dict[Any, PRF], labels: Sequence[Any]) -> list[ClassScore]:
    return [ClassScore(str(lab), scores[lab].precision, scores[lab].recall, scores[lab].f1, scores[lab].gold)
            for lab in labels]


def score_typing(rows: Sequence[PlvRow], preds: Sequence[Prediction]) -> TypingScores:
    """Macro-F1 is over the classes present in the gold, per-class figures list them too."""
    gold_root = [r.root for r in rows]
    gold_quad = [r.quad for r in rows]
    pred_root = [p.root for p in preds]
    pred_quad = [p.quad for p in preds]
    roots = by_label(gold_root, pred_root, sorted(set(gold_root)))
    quads = by_label(gold_quad, pred_quad, sorted(set(gold_quad)))
    return TypingScores(
        n=len(rows),
        root_macro_f1=macro_f1(roots.values()),
        root_accuracy=float(accuracy_score(gold_root, pred_root)),
        quad_macro_f1=macro_f1(quads.values()),
        quad_accuracy=float(accuracy_score(gold_quad, pred_quad)),
        roots=_per_class(roots, [r for r in ROOTS if r in roots]),
        quads=_per_class(quads, list(quads)),
    )


def fold_splits(rows: Sequence[PlvRow], folds: int, seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified by root, shuffled with a fixed seed: the same folds on every run."""
    roots = [r.root for r in rows]
    split = StratifiedKFold(folds, shuffle=True, random_state=seed)
    return list(split.split(np.zeros(len(rows)), roots))


class TyperMaker:
    """Trains typers of one design on subsets of ``rows``: the parse features of every row are read once,
    and the encoder vectors of every row once per encoder (the same for all subsets when it is pretrained)."""

    def __init__(self, rows: Sequence[PlvRow], design: Design, feature_lists: Sequence[Sequence[str]] | None = None,
                 settings: FineTuneSettings = FineTuneSettings(), log: Callable[[str], None] | None = None) -> None:
        self.rows = rows
        self.design = design
        self.settings = settings
        self.log = log
        self.feats = list(feature_lists) if feature_lists is not None else featurise([r.item for r in rows])
        self._dense: dict[Path, np.ndarray] = {}

    def train(self, positions: Sequence[int]) -> tuple[EventTyper, np.ndarray | None]:
        """A typer trained on ``rows[positions]`` (encoder included), and its encoder's vectors of all rows."""
        picked = [self.rows[i] for i in positions]
        folder = encoder_folder(self.design.encoder, [r.item for r in picked], [r.root for r in picked],
                                self.settings, self.log)
        encoder = SpanEncoder(folder, self.design.pools) if folder is not None else None
        dense = None
        if encoder is not None:
            if folder not in self._dense:
                self._dense[folder] = encoder.encode([r.item for r in self.rows])
            dense = self._dense[folder]
        index = np.asarray(positions, dtype=np.int64)
        typer = fit([self.feats[i] for i in positions], [r.root for r in picked],
                    dense=dense[index] if dense is not None else None, encoder=encoder,
                    dense_weight=self.design.dense_weight)
        typer.info["encoder"] = self.design.encoder
        return typer, dense

    def predict(self, typer: EventTyper, dense: np.ndarray | None, positions: Sequence[int]) -> list[Prediction]:
        index = np.asarray(positions, dtype=np.int64)
        return typer.predict_features([self.feats[i] for i in positions], dense[index] if dense is not None else None)


def cross_validate_typing(rows: Sequence[PlvRow], folds: int, design: Design = DESIGNS[SHIPPED_DESIGN],
                          feature_lists: Sequence[Sequence[str]] | None = None,
                          settings: FineTuneSettings = FineTuneSettings(), log: Callable[[str], None] | None = None,
                          ) -> tuple[list[Prediction], list[tuple[np.ndarray, EventTyper]]]:
    """Out-of-fold predictions for every row, and each fold's (test indices, typer trained without them).

    Each sentence is parsed once; a fine-tuned encoder is fine-tuned per fold on that fold's training rows.
    """
    maker = TyperMaker(rows, design, feature_lists, settings, log)
    preds: list[Prediction | None] = [None] * len(rows)
    typers = []
    for k, (train, test) in enumerate(fold_splits(rows, folds), start=1):
        if log is not None:
            log(f"fold {k}/{folds}")
        typer, dense = maker.train(list(train))
        for i, p in zip(test, maker.predict(typer, dense, list(test))):
            preds[i] = p
        typers.append((test, typer))
    return [p for p in preds if p is not None], typers


# ---------------------------------------------------------------- end to end

def _overlaps(spans: Sequence[tuple[int, int]], gold: tuple[int, int] | None) -> bool:
    """A missing gold span (PLV leaves some sources/targets unmarked) puts no constraint on the event."""
    if gold is None:
        return True
    return any(s < gold[1] and gold[0] < e for s, e in spans)


def _actor_spans(extraction: Any, actor_ids: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for actor_id in actor_ids:
        actor = extraction.actor(actor_id)
        if actor is not None:
            spans += [(m.start, m.end) for m in actor.mentions]
    return spans


def match_events(row: PlvRow, extraction: Any) -> tuple[bool, bool]:
    """(triple found, type found) for one gold event among the events heron extracted from its sentence."""
    of_type = [e for e in extraction.events if root_of(e.type) == row.root]
    triple = any(
        _overlaps(_actor_spans(extraction, e.sources), row.item.source)
        and _overlaps(_actor_spans(extraction, e.targets), row.item.target)
        for e in of_type
    )
    return triple, bool(of_type)


def end_to_end(rows: Sequence[PlvRow], typer_groups: Sequence[tuple[Sequence[int], EventTyper | None]],
               heron: Any = None) -> EndToEndScores:
    """Runs ``Heron().pipe`` on each group of rows with that group's typer (None: the shipped one)."""
    from heron.records import Article

    try:
        if heron is None:
            from heron.nlp.runner import Heron

            heron = Heron()
        found = {}
        for indices, typer in typer_groups:
            articles = [Article(text=rows[i].item.sentence) for i in indices]
            if typer is None:
                extractions = list(heron.pipe(articles))
            else:
                with heron.nlp.get_pipe("heron_events").using(typer):
                    extractions = list(heron.pipe(articles))
            for i, ext in zip(indices, extractions):
                found[int(i)] = (match_events(rows[i], ext), len(ext.events))
    except Exception as err:  # noqa: BLE001  a failing component must not hide the typing figures
        return EndToEndScores(available=False, reason=f"the pipeline failed: {type(err).__name__}: {err}")
    n = len(found)
    return EndToEndScores(
        available=True,
        n=n,
        triple_recall=sum(m[0][0] for m in found.values()) / n if n else 0.0,
        type_recall=sum(m[0][1] for m in found.values()) / n if n else 0.0,
        events_per_sentence=sum(m[1] for m in found.values()) / n if n else 0.0,
    )


def evaluate(path: str | Path, folds: int | None = None, aside: bool = False, run_end_to_end: bool = True,
             design: str | None = None, log: Callable[[str], None] | None = None) -> PlvReport:
    """The whole PLV evaluation: typing with gold spans, then the pipeline end to end.

    ``folds``: cross-validation on the rows not set aside (all rows of a file that is not PLV_train);
    ``aside``: train on those rows, score the aside ones; neither: the shipped typer on every row.
    ``design`` (a key of :data:`DESIGNS`) is how the typers are rebuilt, by default as the shipped one.
    """
    started = time.perf_counter()
    rows = read_plv(path)
    chosen = DESIGNS[design or SHIPPED_DESIGN]
    kept, set_aside = split_aside(rows)
    if folds is not None and aside:
        raise ValueError("choose --folds or --aside, not both")
    if aside:
        if not set_aside:
            raise ValueError(f"{path} has no aside rows: --aside scores the aside part of PLV_train")
        maker = TyperMaker(rows, chosen, log=log)
        typer, dense = maker.train(kept)
        preds = maker.predict(typer, dense, set_aside)
        scored = [rows[i] for i in set_aside]
        groups: list[tuple[Sequence[int], EventTyper | None]] = [(list(range(len(scored))), typer)]
        model = {"trained_on_the_rest": typer.info}
        scope = f"the {len(scored)} aside rows, typer ({chosen.encoder} encoder) trained on the other {len(kept)}"
    elif folds is not None:
        if folds < 2:
            raise ValueError("--folds needs at least 2 folds")
        scored = [rows[i] for i in kept]
        preds, typers = cross_validate_typing(scored, folds, chosen, log=log)
        groups = [(list(test), t) for test, t in typers]
        typer = typers[0][1]
        model = {"trained_per_fold": typer.info}
        left = f", {len(set_aside)} aside rows left out" if set_aside else ""
        scope = f"{folds}-fold cross-validation ({chosen.encoder} encoder) on {len(scored)} rows{left}"
    else:
        typer = EventTyper.load()
        scored = rows
        preds = typer.predict([r.item for r in rows])
        groups = [(list(range(len(rows))), None)]
        model = {"shipped": typer.info}
        scope = f"the shipped typer on all {len(rows)} rows"
    typing = score_typing(scored, preds)
    speed = typing_speed(scored, typer)
    e2e = end_to_end(scored, groups) if run_end_to_end else EndToEndScores(available=False, reason="not requested")
    return PlvReport(file=str(path), folds=folds, scope=scope, typing=typing, end_to_end=e2e,
                     seconds=time.perf_counter() - started, model=model, typing_per_cpu_second=speed)


def typing_speed(rows: Sequence[PlvRow], typer: EventTyper) -> float:
    """Sentences typed per CPU-second on top of the parse: the pipeline hands the typer parsed sentences,
    so the parse is done first and left out of the timing; the encoder runs on one thread."""
    items = [dataclasses.replace(r.item, doc=s) for r, s in zip(rows, parse([r.item for r in rows]))]
    typer.predict(items[:8])  # first-call set-up of onnxruntime is not typing
    started = time.process_time()
    typer.predict(items)
    return len(items) / max(time.process_time() - started, 1e-9)

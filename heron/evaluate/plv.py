"""Scores heron on PLV: event typing with the gold source/target spans, and the whole pipeline end to end.

With ``folds`` the typer is retrained on K-1 folds and scored on the held-out fold (stratified, fixed
seed), so the figures never come from a model that saw the sentence; without, the shipped typer is scored.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold

from heron.evaluate.scoring import PRF, by_label, macro_f1
from heron.typer.encoder import SpanEncoder, shipped_encoder
from heron.typer.features import parse
from heron.typer.inputs import ROOTS, Prediction, root_of
from heron.typer.model import EventTyper
from heron.train.event_typer import SEED, featurise, fit
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


def cross_validate_typing(rows: Sequence[PlvRow], folds: int, encoder: SpanEncoder | None = None,
                          feature_lists: Sequence[Sequence[str]] | None = None,
                          ) -> tuple[list[Prediction], list[tuple[np.ndarray, EventTyper]]]:
    """Out-of-fold predictions for every row, and each fold's (test indices, typer trained without them).

    Each sentence is parsed (and encoded, with ``encoder``) once; only the classifier is refitted per fold.
    """
    items = [r.item for r in rows]
    feats = list(feature_lists) if feature_lists is not None else featurise(items)
    dense = encoder.encode(items) if encoder is not None else None
    preds: list[Prediction | None] = [None] * len(rows)
    typers = []
    for train, test in fold_splits(rows, folds):
        typer = fit([feats[i] for i in train], [rows[i].root for i in train],
                    dense=dense[train] if dense is not None else None, encoder=encoder)
        fold_preds = typer.predict_features([feats[i] for i in test], dense[test] if dense is not None else None)
        for i, p in zip(test, fold_preds):
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


def evaluate(path: str | Path, folds: int | None = None, run_end_to_end: bool = True,
             use_encoder: bool = True) -> PlvReport:
    """The whole PLV evaluation: typing with gold spans, then the pipeline end to end.

    With ``folds``, the per-fold typers use the shipped sentence encoder unless ``use_encoder`` is False.
    """
    started = time.perf_counter()
    rows = read_plv(path)
    if folds is not None:
        if folds < 2:
            raise ValueError("--folds needs at least 2 folds")
        preds, typers = cross_validate_typing(rows, folds, encoder=shipped_encoder() if use_encoder else None)
        groups: list[tuple[Sequence[int], EventTyper | None]] = [(list(test), t) for test, t in typers]
        model = {"trained_per_fold": typers[0][1].info}
    else:
        typer = EventTyper.load()
        preds = typer.predict([r.item for r in rows])
        groups = [(list(range(len(rows))), None)]
        model = {"shipped": typer.info}
    typing = score_typing(rows, preds)
    speed = typing_speed(rows, typers[0][1] if folds is not None else typer)
    e2e = end_to_end(rows, groups) if run_end_to_end else EndToEndScores(available=False, reason="not requested")
    return PlvReport(file=str(path), folds=folds, typing=typing, end_to_end=e2e,
                     seconds=time.perf_counter() - started, model=model, typing_per_cpu_second=speed)


def typing_speed(rows: Sequence[PlvRow], typer: EventTyper) -> float:
    """Sentences typed per CPU-second on top of the parse: the pipeline hands the typer parsed sentences,
    so the parse is done first and left out of the timing; the encoder runs on one thread."""
    items = [dataclasses.replace(r.item, doc=s) for r, s in zip(rows, parse([r.item for r in rows]))]
    typer.predict(items[:8])  # first-call set-up of onnxruntime is not typing
    started = time.process_time()
    typer.predict(items)
    return len(items) / max(time.process_time() - started, 1e-9)

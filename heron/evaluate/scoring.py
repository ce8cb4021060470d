"""Precision, recall and F1 from counts: the one scorer every ``heron evaluate`` benchmark reports with.

A one-to-one matcher counts true positives (pairs), false positives (predictions left unmatched) and false
negatives (gold items left unmatched). A matcher that is not one-to-one (PolNeAR's quotes: a prediction is
right when it overlaps some gold, a gold is found when some prediction overlaps it) counts the right
predictions and the found gold items apart: ``tp`` is then the right predictions and ``found`` the found gold.

F1 is computed from the counts in one division, so it is the exact harmonic mean of precision and recall
rounded once (for one-to-one counts, 2·tp / (2·tp + fp + fn), bit for bit what scikit-learn gives).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class PRF:
    """Counts of one scored comparison, and the precision, recall and F1 they give."""

    tp: int = 0  # right predictions (= matched pairs when the matching is one-to-one)
    fp: int = 0  # predictions that match nothing
    fn: int = 0  # gold items that nothing matches
    found: int | None = None  # gold items matched, only when it differs from tp (matching not one-to-one)

    @classmethod
    def of(cls, hits: int, predicted: int, gold: int, found: int | None = None) -> PRF:
        """From totals: ``hits`` right predictions out of ``predicted``, ``found`` (default ``hits``) of ``gold``."""
        return cls(hits, predicted - hits, gold - (hits if found is None else found), found)

    @property
    def gold_found(self) -> int:
        return self.tp if self.found is None else self.found

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        return self.gold_found + self.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.gold_found, self.gold)

    @property
    def f1(self) -> float:
        # 2PR / (P + R) with P = tp / predicted and R = found / gold, in integers until the last division
        right, found = self.tp, self.gold_found
        if not right or not found:
            return 0.0
        return 2 * right * found / (right * self.gold + found * self.predicted)

    def __add__(self, other: PRF) -> PRF:
        found = None if self.found is None and other.found is None else self.gold_found + other.gold_found
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, found)

    def to_dict(self, digits: int | None = None) -> dict[str, int | float]:
        """Counts and figures (figures rounded to ``digits`` when given)."""
        figures = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        if digits is not None:
            figures = {k: round(v, digits) for k, v in figures.items()}
        return {"gold": self.gold, "predicted": self.predicted, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                **figures}


def macro_f1(scores: Iterable[PRF]) -> float:
    """Mean F1 over classes (numpy's mean, as scikit-learn's macro average takes it); 0.0 for no class."""
    values = [s.f1 for s in scores]
    return float(np.mean(values)) if values else 0.0


def by_label(gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable]) -> dict:
    """One PRF per label of a single-label classification (gold and predicted aligned item by item)."""
    out = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        out[label] = PRF(tp, sum(1 for p in predicted if p == label) - tp, sum(1 for g in gold if g == label) - tp)
    return out

"""Sparse linear classifiers over indicator features, stored as a JSON vocabulary and a NumPy ``.npz``.

The argument model and the event filter are both logistic regression over named features; they share how
they score (softmax over their labels) and how they are stored (``NAME.json`` with the vocabulary, labels and
threshold; ``NAME.npz`` with float16 weights, loaded with ``allow_pickle=False``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

import numpy as np

FORMAT_VERSION = 1
Model = TypeVar("Model", bound="LinearModel")


@dataclass
class LinearModel:
    """Weights per label (rows in ``LABELS`` order) over a feature vocabulary; ``threshold`` is the least
    probability a subclass acts on."""

    NAME: ClassVar[str] = ""
    LABELS: ClassVar[tuple[str, ...]] = ()
    WHAT: ClassVar[str] = "linear model"

    vocab: dict[str, int]
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)

    def probabilities_of(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """(items, labels) probabilities, one row per set of feature names."""
        scores = np.tile(self.intercept, (len(feature_sets), 1))
        for n, names in enumerate(feature_sets):
            cols = [self.vocab[f] for f in names if f in self.vocab]
            if cols:
                scores[n] += self.coef[:, cols].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, folder: str | Path) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = folder / f"{self.NAME}.json"
        weights = folder / f"{self.NAME}.npz"
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        meta.write_text(json.dumps({"format": FORMAT_VERSION, "labels": list(self.LABELS), "threshold": self.threshold,
                                    "vocab": vocab, "info": self.info}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
        # float16 weights: a linear model's ranking does not need more, and the file stays small
        np.savez_compressed(weights, coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float16))
        return [meta, weights]

    @classmethod
    def load(cls, folder: str | Path) -> Self:
        folder = Path(folder)
        meta = json.loads((folder / f"{cls.NAME}.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION or tuple(meta.get("labels", ())) != cls.LABELS:
            raise ValueError(f"{folder / cls.NAME}.json: not an {cls.WHAT} of format {FORMAT_VERSION}")
        with np.load(folder / f"{cls.NAME}.npz", allow_pickle=False) as arrays:
            coef = arrays["coef"].astype(np.float64)
            intercept = arrays["intercept"].astype(np.float64)
        vocab = {name: n for n, name in enumerate(meta["vocab"])}
        if coef.shape != (len(cls.LABELS), len(vocab)) or intercept.shape != (len(cls.LABELS),):
            raise ValueError(f"{folder / cls.NAME}.npz: weights do not fit the vocabulary")
        return cls(vocab, coef, intercept, float(meta["threshold"]), meta.get("info", {}))

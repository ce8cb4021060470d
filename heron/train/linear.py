"""Fitting the sparse linear models of :mod:`heron.events.linear_model`: logistic regression (lbfgs,
deterministic) over sorted indicator features."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

import numpy as np

from heron.events.linear_model import LinearModel

Model = TypeVar("Model", bound=LinearModel)


class Labelled(Protocol):
    features: Mapping[str, float]
    label: str


def fit_linear(features: Sequence[Mapping[str, float]], labels: Sequence[str], order: Sequence[str], c: float
               ) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The vocabulary, weights (one row per label of ``order``) and intercepts of a logistic regression. Two
    labels give one row of zeros and one of the weights: the softmax of the two is the binary model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if set(labels) != set(order):
        raise ValueError(f"the examples must hold every label {tuple(order)}, not only {sorted(set(labels))}")
    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform(features)
    classifier = LogisticRegression(C=c, max_iter=5000)
    # one BLAS thread: with more, the sums' order (and so the last bits of the weights) depends on what the
    # process ran before, and a rebuilt model must equal the shipped one bit for bit
    with threadpool_limits(limits=1):
        classifier.fit(x, list(labels))
    classes = list(classifier.classes_)
    coef, intercept = np.asarray(classifier.coef_), np.asarray(classifier.intercept_)
    if len(order) == 2:  # sklearn keeps only the second class's logit
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros_like(intercept), intercept])
    rows = [classes.index(label) for label in order]
    vocab = {name: n for n, name in enumerate(vectoriser.feature_names_)}
    return vocab, coef[rows], intercept[rows]


def fit_model(cls: type[Model], examples: Sequence[Labelled], c: float, threshold: float,
              info: dict[str, Any] | None = None) -> Model:
    """A model of class ``cls`` fitted on ``examples`` (features and label each), its counts in ``info``."""
    y = [e.label for e in examples]
    vocab, coef, intercept = fit_linear([e.features for e in examples], y, cls.LABELS, c)
    counts = {label: y.count(label) for label in cls.LABELS}
    return cls(vocab, coef, intercept, threshold, {"model": "logistic regression", "C": c,
                                                   "examples": len(examples), "labels": counts, **(info or {})})

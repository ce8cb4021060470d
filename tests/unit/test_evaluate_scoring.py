"""The one precision/recall/F1 scorer of heron/evaluate (scoring.py)."""
from __future__ import annotations

import random

import pytest
from sklearn.metrics import f1_score, precision_recall_fscore_support

from heron.evaluate.scoring import PRF, by_label, macro_f1, ratio


def test_counts_and_figures():
    s = PRF(tp=6, fp=2, fn=4)
    assert (s.predicted, s.gold) == (8, 10)
    assert s.precision == 0.75 and s.recall == 0.6
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert s.to_dict(3) == {"gold": 10, "predicted": 8, "tp": 6, "fp": 2, "fn": 4,
                            "precision": 0.75, "recall": 0.6, "f1": 0.667}


def test_empty_counts_give_zero_not_an_error():
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)
    assert PRF(0, 3, 0).f1 == 0.0 and PRF(0, 0, 3).f1 == 0.0
    assert ratio(1, 0) == 0.0 and ratio(1, 4) == 0.25


def test_of_totals_and_sums():
    assert PRF.of(hits=3, predicted=5, gold=4) == PRF(3, 2, 1)
    assert PRF(1, 2, 3) + PRF(4, 5, 6) == PRF(5, 7, 9)


def test_found_apart_from_right_predictions():
    # a matcher that is not one-to-one: 9 of 10 predictions right, 6 of 12 gold found
    s = PRF.of(hits=9, predicted=10, gold=12, found=6)
    assert (s.precision, s.recall) == (0.9, 0.5)
    assert s.f1 == pytest.approx(2 * 0.9 * 0.5 / 1.4)
    assert (s + PRF(1, 0, 0)).recall == 7 / 13


def test_by_label_and_macro_are_scikit_learns_to_the_bit():
    rng = random.Random(7)
    for _ in range(50):
        gold = [rng.randrange(15) for _ in range(300)]
        pred = [g if rng.random() < 0.7 else rng.randrange(16) for g in gold]
        labels = sorted(set(gold))
        scores = by_label(gold, pred, labels)
        p, r, f, support = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
        assert [s.precision for s in scores.values()] == list(p)
        assert [s.recall for s in scores.values()] == list(r)
        assert [s.f1 for s in scores.values()] == list(f)
        assert [s.gold for s in scores.values()] == list(support)
        assert macro_f1(scores.values()) == f1_score(gold, pred, labels=labels, average="macro", zero_division=0)
    assert macro_f1([]) == 0.0

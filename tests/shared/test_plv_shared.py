"""Event typing on PLV_train (needs ../shared/data): the fixed aside part, and 5-fold cross-validation with
the gold spans on the other rows.

The folds train typers on parse features alone: rebuilding the shipped design needs MiniLM exported or
fine-tuned per fold (torch, the train extra), which the test install leaves out; `heron evaluate plv
--folds 5` and `--aside` give those figures.
"""
from __future__ import annotations

from collections import Counter

import pytest

from heron.datafiles import data_text
from heron.evaluate.plv import cross_validate_typing, score_typing
from heron.train.event_typer import DESIGNS
from heron.train.plv_aside import ASIDE_FILE, aside_table, split_aside
from heron.train.plv_data import read_plv
from heron.typer import features as feat

# Measured 5-fold CV figures on the 840 rows not set aside, parse features only (root 0.787, quad 0.891
# macro-F1), minus a small margin.
ROOT_MACRO_F1_FLOOR = 0.76
QUAD_MACRO_F1_FLOOR = 0.87


@pytest.fixture(scope="module")
def rows(plv_train):
    return read_plv(plv_train)


def test_plv_train_reads_whole(rows):
    assert len(rows) == 1050
    assert len({r.root for r in rows}) == 15


def test_the_aside_file_is_the_fixed_choice_over_plv_train(rows):
    assert data_text(*ASIDE_FILE) == aside_table(rows)
    kept, aside = split_aside(rows)
    assert (len(kept), len(aside)) == (840, 210)
    whole, part = Counter(r.root for r in rows), Counter(rows[i].root for i in aside)
    assert set(part) == set(whole)  # every root, even the rarest (15 rows), has aside rows
    assert all(abs(part[root] - 0.2 * n) <= 0.5 for root, n in whole.items())


def test_cross_validated_typing_reaches_floor(rows, nlp, monkeypatch):
    monkeypatch.setattr(feat, "_parser", lambda: nlp)  # reuse the session's spaCy instead of loading a second copy
    kept, _ = split_aside(rows)
    tuned_on = [rows[i] for i in kept]
    with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):  # typing reads no entities
        preds, typers = cross_validate_typing(tuned_on, folds=5, design=DESIGNS["none"])
    scores = score_typing(tuned_on, preds)
    assert len(typers) == 5 and scores.n == 840
    assert scores.root_macro_f1 >= ROOT_MACRO_F1_FLOOR, scores.root_macro_f1
    assert scores.quad_macro_f1 >= QUAD_MACRO_F1_FLOOR, scores.quad_macro_f1

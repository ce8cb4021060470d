"""The shipped argument model is what ``heron train --only arguments`` rebuilds from the shared data, and its
training data keeps the held-out parts out (needs ../shared/data)."""
from __future__ import annotations

import pytest

from heron.events.argument_model import ArgumentModel, shipped_arguments
from heron.train.event_arguments import fit, training_examples

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def examples():
    found, info = training_examples()
    return found, info


def test_training_leaves_out_the_aside_rows_and_the_test_articles(examples):
    from heron.evaluate.events import load_gold
    from heron.train.plv_aside import split_aside
    from heron.train.plv_data import default_plv_path, read_plv

    found, info = examples
    rows = read_plv(default_plv_path())
    _, aside = split_aside(rows)
    aside_ids = {f"plv:{i}" for i in aside}
    test_ids = {f"wikinews:{a.id}" for a in load_gold() if a.split == "test"}
    groups = {e.group for e in found}
    assert not groups & aside_ids and not groups & test_ids
    assert info["data"]["wikinews_articles"] > 0 and info["data"]["plv_rows"] == len(rows) - len(aside)


def test_the_shipped_model_is_rebuilt_exactly(examples, tmp_path, same_weights):
    found, info = examples
    fit(found, info=info).save(tmp_path)
    same_weights(ArgumentModel.load(tmp_path), shipped_arguments())

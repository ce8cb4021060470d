"""The shipped event filter is what ``heron train --only filter`` rebuilds from heron's Wikinews annotations, and
its data keeps the test articles out (needs ../shared/data)."""
from __future__ import annotations

import numpy as np
import pytest

from heron.events.event_filter import EventFilter, shipped_filter
from heron.train.event_filter import annotated_articles, fit, training_examples

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def examples():
    return training_examples()


def test_the_filter_learns_from_dev_and_training_articles_only(examples):
    from heron.evaluate.events import GOLD_DIR, TRAIN_GOLD_DIR, load_gold

    found, info = examples
    test_ids = {a.id for a in load_gold(GOLD_DIR) if a.split == "test"}
    train_ids = {a.id for a in load_gold(TRAIN_GOLD_DIR)}
    assert not train_ids & {a.id for a in load_gold(GOLD_DIR)}  # the training annotations are other articles
    assert {a.split for a in annotated_articles()} == {"dev", "train"}
    groups = {e.group.split(":", 1)[1] for e in found}
    assert groups and not groups & test_ids and info["data"]["articles"] == len(annotated_articles())


def test_the_shipped_filter_is_rebuilt_exactly(examples, tmp_path, same_weights):
    found, info = examples
    fit(found, info=info).save(tmp_path)
    same_weights(EventFilter.load(tmp_path), shipped_filter())


def test_heron_train_writes_the_filter_it_reports(tmp_path):
    from click.testing import CliRunner

    from heron.cli.main import cli

    result = CliRunner().invoke(cli, ["train", "--only", "filter", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "event filter:" in result.output and (tmp_path / "event_filter.npz").is_file()
    # without an argument model in --out the filter learns from events read with the shipped one
    assert np.array_equal(EventFilter.load(tmp_path).coef, shipped_filter().coef)

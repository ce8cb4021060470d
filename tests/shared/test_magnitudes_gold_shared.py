"""heron's magnitudes against the repo's own gold (gold/magnitudes) on the dev split (needs ../shared/data).

The floors catch a broken reader, a broken attachment or a broken scorer; they are not targets (the dev split
was used to tune the reader, see gold/magnitudes/README.md).
"""
from __future__ import annotations

import json

import pytest

from heron.evaluate.magnitudes import GOLD_DIR, WIKINEWS_DIR, evaluate, load_gold

pytestmark = pytest.mark.shared

READ_F1_FLOOR = 0.85
ON_EVENTS_F1_FLOOR = 0.5


def test_the_gold_loads_whole(wikinews):
    sentences, rows = load_gold(GOLD_DIR, wikinews)
    lines = [json.loads(line) for line in (GOLD_DIR / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(sentences) == len(lines) >= 120
    assert {s.split for s in sentences} == {"dev", "test"}
    # the split is by article: no article has sentences on both sides
    splits = {}
    for s in sentences:
        assert splits.setdefault(s.article, s.split) == s.split
        assert rows[s.article]["text"][s.start:s.end].strip()


def test_dev_figures(wikinews, heron_pipeline):
    report = evaluate(GOLD_DIR, "dev", WIKINEWS_DIR)
    read, carried = report.read["dev"], report.on_events["dev"]
    assert list(report.read) == list(report.on_events) == ["dev"]
    assert read.match.gold == carried.match.gold > 100
    assert carried.match.predicted <= read.match.predicted
    assert read.match.f1 >= READ_F1_FLOOR, read.to_dict()
    assert carried.match.f1 >= ON_EVENTS_F1_FLOOR, carried.to_dict()
    assert read.qualifier >= 0.9 and read.cumulative >= 0.7, read.to_dict()

"""heron's events against the repo's own event gold (gold/events) on the dev split (needs ../shared/data).

The floor catches a broken pipeline or a broken scorer; it is not a target (see heron/evaluate/events.py).
"""
from __future__ import annotations

import json

import pytest

from heron.evaluate.events import GOLD_DIR, WIKINEWS_DIR, evaluate, load_gold, span_problems

pytestmark = pytest.mark.shared

TYPE_F1_FLOOR = 0.3


@pytest.fixture(scope="module")
def gold():
    assert WIKINEWS_DIR.is_dir(), f"shared data missing: {WIKINEWS_DIR}"
    return load_gold(GOLD_DIR, WIKINEWS_DIR)


def test_the_gold_loads_whole(gold):
    listing = json.loads((GOLD_DIR / "articles.json").read_text(encoding="utf-8"))
    assert [a.id for a in gold] == [e["id"] for e in listing]  # every article found in the CSVs
    for annotator in ("A", "B"):
        lines = (GOLD_DIR / f"annotator_{annotator}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        assert sum(len(a.events[annotator]) for a in gold) == len(records)
        texts = {a.id: a.text for a in gold}
        for r in records:  # every span within its article's text
            assert span_problems(r, texts[r["article"]]) == [], (annotator, r["article"], r["event"])
    assert any(a.double for a in gold)
    for a in gold:
        if a.double:
            assert a.events["A"] and a.events["B"]


def test_dev_figures(gold, heron_pipeline):
    report = evaluate(GOLD_DIR, "dev", WIKINEWS_DIR)
    dev = report.splits["dev"]
    assert list(report.splits) == ["dev"]
    assert dev.articles == sum(a.split == "dev" for a in gold)
    assert dev.gold_events == sum(len(a.events[a.annotator]) for a in gold if a.split == "dev")
    assert dev.predicted_events > 0
    for score in (dev.type, dev.dyad, report.agreement.type, report.agreement.dyad):
        for value in (score.precision, score.recall, score.f1):
            assert 0.0 <= value <= 1.0
    assert dev.dyad.tp <= dev.type.tp
    assert dev.type.f1 >= TYPE_F1_FLOOR, dev.to_dict()
    assert report.agreement.type.f1 > 0.0

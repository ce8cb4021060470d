"""heron's positions gold (gold/positions) against the shared texts it points into, and its scorer."""
from __future__ import annotations

from heron.evaluate.positions import GOLD_DIR, evaluate, lines, load_gold


def test_every_gold_article_is_found_and_every_span_lies_in_it(shared_data):
    articles = load_gold(GOLD_DIR, shared_data)  # raises GoldError on a missing text or a span out of bounds
    assert len(articles) >= 30
    assert {a.source for a in articles} == {"wikinews", "polnear", "heron"}
    test = [a for a in articles if a.split == "test"]
    assert len(test) * 3 >= len(articles) - 3  # a third kept as the test part
    assert sum(len(a.positions) for a in articles) >= 200


def test_the_scorer_runs_on_the_dev_part(heron_pipeline, shared_data):
    report = evaluate(GOLD_DIR, split="dev", data_dir=shared_data, extractor=heron_pipeline.pipe)
    dev = report.splits["dev"]
    assert dev.articles >= 20 and dev.positions.gold > 100
    assert dev.positions.tp > 0  # the extractor finds some of the gold positions
    shown = next(line for line in lines(report) if line.startswith("dev "))  # the dev row prints its scores
    assert f"{dev.positions.precision:.3f}/{dev.positions.recall:.3f}/{dev.positions.f1:.3f}" in shown

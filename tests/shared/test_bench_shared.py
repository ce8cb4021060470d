"""`heron bench` on the wikinews corpus (shared data), bare spaCy only and a tiny token budget.

Fails (does not skip) when the shared data is missing.
"""
from __future__ import annotations

from heron.bench import read_corpus, run_benchmark


def test_wikinews_corpus_reads_295_articles(wikinews):
    assert len(read_corpus(wikinews)) == 295


def test_bare_benchmark_on_a_small_budget(wikinews):
    result = run_benchmark(wikinews, min_tokens=1500, run_heron=False)
    assert result.corpus_articles == 295 and result.corpus_tokens > 200_000
    assert result.workload_tokens >= 1500 and result.workload_articles >= 1
    assert result.bare is not None and result.bare.articles == result.workload_articles
    assert result.bare.tokens_per_s > 0 and result.bare.peak_rss_mb > 100
    assert result.heron is None and result.ratio is None and result.cold_start is None

"""The benchmark's bookkeeping (workload, rates, ratio, CLI errors); the timing itself is exercised by `heron bench`."""
from __future__ import annotations

from click.testing import CliRunner

from heron.bench import BenchResult, Run, peak_rss_mb, workload
from heron.cli.bench import command
from heron.records import Article


def _articles(n: int) -> list[Article]:
    return [Article(text=f"Article number {i} says little.") for i in range(n)]


def test_workload_repeats_the_corpus_to_the_token_budget():
    arts = _articles(3)
    chosen, total = workload(arts, [10, 20, 30], min_tokens=60)
    assert chosen == arts and total == 60
    chosen, total = workload(arts, [10, 20, 30], min_tokens=61)
    assert chosen == arts + arts[:1] and total == 70
    chosen, total = workload(arts, [10, 20, 30], min_tokens=5)
    assert len(chosen) == 1 and total == 10


def test_rates_and_ratio():
    bare = Run("bare", articles=100, tokens=50_000, seconds=10.0, cpu_seconds=5.0, warmup_seconds=0.1,
               peak_rss_mb=500.0)
    heron = Run("heron", articles=100, tokens=50_000, seconds=40.0, cpu_seconds=20.0, warmup_seconds=2.0,
                peak_rss_mb=900.0)
    assert (bare.articles_per_s, bare.tokens_per_s, bare.tokens_per_cpu_s) == (10.0, 5000.0, 10000.0)
    result = BenchResult("c", 10, 5000, 100, 50_000, 16, "m", 2, 1.0, bare=bare, heron=heron)
    assert result.ratio == 0.25 and result.ratio_cpu == 0.25
    d = result.to_dict()
    assert d["ratio"] == d["ratio_cpu"] == 0.25 and d["heron"]["tokens_per_s"] == 1250.0
    assert BenchResult("c", 10, 5000, 100, 50_000, 16, "m", 2, 1.0, bare=bare).ratio is None
    # on BLIS the bare run is already on heron's terms
    assert result.ratio_same_blas == 0.25


def test_ratio_on_the_same_blas():
    def run(name, seconds):
        return Run(name, articles=10, tokens=10_000, seconds=seconds, cpu_seconds=seconds, warmup_seconds=0.1,
                   peak_rss_mb=500.0)

    result = BenchResult("c", 10, 5000, 10, 10_000, 16, "m", 2, 1.0, blas="numpy", bare=run("spaCy", 12.0),
                         bare_same_blas=run("spaCy, numpy BLAS", 8.0), heron=run("heron", 10.0))
    assert result.ratio == 1.2 and result.ratio_same_blas == 0.8
    assert result.to_dict()["ratio_same_blas"] == 0.8
    # without the same-BLAS run there is nothing to compare heron with on equal terms
    result.bare_same_blas = None
    assert result.ratio_same_blas is None


def test_peak_rss_is_plausible():
    assert 10 < peak_rss_mb() < 1_000_000


def test_cli_rejects_an_empty_corpus(tmp_path):
    result = CliRunner().invoke(command, [str(tmp_path), "--tokens", "10", "--no-cold-start"])
    assert result.exit_code == 2 and "no readable articles" in result.output

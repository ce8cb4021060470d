"""Throughput benchmark: heron end to end against the bare spaCy pipeline it is built on.

The corpus is read once and repeated until the workload holds at least the
requested number of tokens (spaCy tokens, counted with the model's tokenizer).
Every run sees the same articles in the same order with the same batch size:

- ``spaCy``: ``nlp.pipe`` of the spaCy model heron loads (all its components), loaded
  as spaCy loads it, multiplying with BLIS;
- ``spaCy, heron's BLAS``: the same, loaded as heron loads it, with the matrix multiply
  :mod:`heron.nlp.blas` finds faster on this machine (only when that is not BLIS): the
  bare parse on equal terms, so that what heron's own components cost stays visible;
- ``heron``: :meth:`heron.nlp.runner.Heron.pipe` end to end on that second model with
  heron's components added.

The headline ratio is heron against the first (spaCy as users run it); the one against the
second is printed too. A few articles go through each pipeline untimed first, so lazy loading
(vectors, the gazetteer, lexicons) is reported as warm-up, not mixed into the throughput.

Peak memory is the process's peak resident set during each run (Linux's VmHWM,
reset before the run; elsewhere ``getrusage`` ru_maxrss, the peak since start):
the bare figure is the model plus spaCy's work; the heron figure adds heron's
components and their data. A cold start is the wall time
of ``heron extract FILE`` in a fresh Python process: imports, model loading,
one article.
"""
from __future__ import annotations

import itertools
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from heron.records import Article

WARMUP_ARTICLES = 4


@dataclass
class Run:
    """One timed pass over the workload."""

    name: str
    articles: int
    tokens: int
    seconds: float  # wall time
    cpu_seconds: float  # this process's CPU time: steadier than wall time on a shared machine
    warmup_seconds: float
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_cpu_s(self) -> float:
        return self.tokens / self.cpu_seconds if self.cpu_seconds else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "articles_per_s": round(self.articles_per_s, 2),
                "tokens_per_s": round(self.tokens_per_s, 1), "tokens_per_cpu_s": round(self.tokens_per_cpu_s, 1)}


@dataclass
class ColdStart:
    seconds: float
    command: list[str]
    returncode: int
    error: str | None = None


@dataclass
class BenchResult:
    corpus: str
    corpus_articles: int
    corpus_tokens: int
    workload_articles: int
    workload_tokens: int
    batch_size: int
    model: str
    cpu_count: int | None
    load_before: float | None  # 1-minute load average when the benchmark started: shared machines are noisy
    blas: str = "blis"  # the multiply heron's runs use
    bare: Run | None = None
    bare_same_blas: Run | None = None  # bare spaCy on heron's BLAS; None when that is BLIS (the same as bare)
    heron: Run | None = None
    heron_error: str | None = None
    cold_start: ColdStart | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """heron's speed as a fraction of bare spaCy's (tokens/s over tokens/s)."""
        if self.bare is None or self.heron is None or not self.bare.tokens_per_s:
            return None
        return self.heron.tokens_per_s / self.bare.tokens_per_s

    @property
    def ratio_same_blas(self) -> float | None:
        """heron against bare spaCy on the same BLAS: what heron's own components cost."""
        same = self.bare_same_blas or (self.bare if self.blas == "blis" else None)
        if same is None or self.heron is None or not same.tokens_per_s:
            return None
        return self.heron.tokens_per_s / same.tokens_per_s

    @property
    def ratio_cpu(self) -> float | None:
        """The same ratio in tokens per CPU-second: what to read when other work shares the machine."""
        if self.bare is None or self.heron is None or not self.bare.tokens_per_cpu_s:
            return None
        return self.heron.tokens_per_cpu_s / self.bare.tokens_per_cpu_s

    def to_dict(self) -> dict:
        d = asdict(self)
        d["bare"] = self.bare.to_dict() if self.bare else None
        d["bare_same_blas"] = self.bare_same_blas.to_dict() if self.bare_same_blas else None
        d["heron"] = self.heron.to_dict() if self.heron else None
        d["ratio_same_blas"] = None if self.ratio_same_blas is None else round(self.ratio_same_blas, 4)
        d["ratio"] = None if self.ratio is None else round(self.ratio, 4)
        d["ratio_cpu"] = None if self.ratio_cpu is None else round(self.ratio_cpu, 4)
        return d


def peak_rss_mb() -> float:
    """Peak resident memory of this process since :func:`reset_peak` (or its start), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # macOS reports bytes, Linux KiB
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def reset_peak() -> None:
    """Start the peak over (Linux), so that each run reports its own and not the bare run's before it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def read_corpus(folder: str | Path) -> list[Article]:
    """The articles of ``folder``; unreadable inputs are skipped (they are the reader's business, not speed)."""
    from heron.ingest import read_inputs

    articles = [a for a in read_inputs([folder]) if isinstance(a, Article)]
    if not articles:
        raise ValueError(f"no readable articles in {folder}")
    return articles


def workload(articles: list[Article], counts: list[int], min_tokens: int) -> tuple[list[Article], int]:
    """The corpus repeated (in order, cut at an article boundary) until it holds at least ``min_tokens`` tokens."""
    chosen: list[Article] = []
    total = 0
    for article, n in itertools.cycle(zip(articles, counts, strict=True)):
        if total >= min_tokens:
            break
        chosen.append(article)
        total += n
    return chosen, total


def _timed(name: str, process: Callable[[Iterable[Article]], Iterable[object]], articles: list[Article],
           tokens: int) -> Run:
    reset_peak()
    start = time.perf_counter()
    for _ in process(articles[:WARMUP_ARTICLES]):
        pass
    warmup = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    n = sum(1 for _ in process(articles))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return Run(name, n, tokens, seconds, cpu, warmup, peak_rss_mb())


def cold_start(input_file: str | Path, timeout: float = 600.0) -> ColdStart:
    """Wall time of ``heron extract INPUT_FILE`` in a fresh interpreter (output discarded)."""
    command = [sys.executable, "-m", "heron.cli.main", "extract", str(input_file)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return ColdStart(time.perf_counter() - start, command, -1, f"timed out after {timeout:.0f} s")
    seconds = time.perf_counter() - start
    error = None
    if proc.returncode != 0:
        error = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
    return ColdStart(seconds, command, proc.returncode, error)


def run_benchmark(corpus: str | Path, min_tokens: int = 1_000_000, batch_size: int = 16, model: str | None = None,
                  run_bare: bool = True, run_heron: bool = True, cold_start_input: str | Path | None = None,
                  log: Callable[[str], None] = lambda _msg: None) -> BenchResult:
    """Measure bare spaCy and heron on ``corpus`` repeated to ``min_tokens`` tokens; see the module docstring."""
    import gc

    from heron.nlp.blas import choose, one_thread
    from heron.nlp.model import find_model, load_spacy

    articles = read_corpus(corpus)
    log(f"loading spaCy ({find_model(model)})")
    nlp = load_spacy(model, blas="blis")
    one_thread()  # every run on one core
    counts = [len(nlp.tokenizer(a.text)) for a in articles]
    work, tokens = workload(articles, counts, min_tokens)
    result = BenchResult(
        corpus=str(corpus), corpus_articles=len(articles), corpus_tokens=sum(counts),
        workload_articles=len(work), workload_tokens=tokens, batch_size=batch_size,
        model=str(find_model(model)), cpu_count=os.cpu_count(),
        load_before=os.getloadavg()[0] if hasattr(os, "getloadavg") else None, blas=choose(),
    )

    def bare(name: str, pipeline) -> Run:
        log(f"{name}: {len(work)} articles, {tokens} tokens")
        return _timed(name, lambda arts: pipeline.pipe((a.text for a in arts), batch_size=batch_size), work, tokens)

    if run_bare:
        result.bare = bare("spaCy", nlp)
    if result.blas != "blis":
        del nlp
        gc.collect()
        nlp = load_spacy(model)
        if run_bare:
            result.bare_same_blas = bare(f"spaCy, {result.blas} BLAS", nlp)

    if run_heron:
        log(f"heron: {len(work)} articles, {tokens} tokens")
        try:
            from heron.nlp.runner import Heron

            heron = Heron(nlp=nlp)
            result.heron = _timed("heron", lambda arts: heron.pipe(arts, batch_size=batch_size), work, tokens)
        except Exception as e:  # noqa: BLE001  a broken component must not hide the bare figures
            result.heron_error = f"{type(e).__name__}: {e}"

    if cold_start_input is not None:
        log(f"cold start: heron extract {cold_start_input}")
        result.cold_start = cold_start(cold_start_input)

    if len(work) > len(articles):
        result.notes.append(f"the corpus was repeated {len(work) / len(articles):.1f} times to reach {min_tokens} "
                            "tokens; caches keyed on names may favour repeated articles")
    return result

"""Which matrix multiply spaCy's models run on: BLIS (thinc's default) or numpy's BLAS, the faster one here.

thinc multiplies with BLIS. The BLIS built into the ``blis`` wheels picks its kernel by CPU model
and falls back to its generic reference code on CPUs its build does not know: on this project's
machine (AMD EPYC, family 26) that is 5x slower than numpy's OpenBLAS on the tok2vec and NER
shapes, and the whole parse runs 35% slower. heron times both once per process (a few
milliseconds) and has thinc use numpy's BLAS when it wins; on CPUs where BLIS has its tuned kernel
the two are close and BLIS stays. The two are timed on one thread each; heron's commands, its
workers and the benchmark hold numpy's BLAS to one thread for the whole process (:func:`one_thread`),
as heron runs one process per core; a program that only imports heron keeps its own BLAS threads.
The parser's and entity recogniser's own C loops keep BLIS either way: thinc offers them no other.

``HERON_BLAS=blis`` or ``HERON_BLAS=numpy`` forces the choice.
"""
from __future__ import annotations

import os
import time
from functools import cache

CHOICES = ("auto", "blis", "numpy")
# The shape of the English pipelines' hottest multiply: a batch of token rows through a maxout layer.
_SHAPE = ((2048, 96), (96, 288))


def _seconds(multiply, a, b, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        multiply(a, b)
        best = min(best, time.perf_counter() - start)
    return best


@cache
def one_thread() -> None:
    """Hold numpy's BLAS to one thread for the rest of the process: one heron process per core."""
    from threadpoolctl import threadpool_limits

    one_thread.limits = threadpool_limits(limits=1, user_api="blas")  # type: ignore[attr-defined]


@cache
def fastest() -> str:
    """``"numpy"`` or ``"blis"``: the faster multiply on this machine (numpy's BLAS on one thread)."""
    import blis.py
    import numpy as np
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    a = rng.random(_SHAPE[0], dtype=np.float32)
    b = rng.random(_SHAPE[1], dtype=np.float32)
    with threadpool_limits(limits=1, user_api="blas"):
        blis_s = _seconds(blis.py.gemm, a, b)
        numpy_s = _seconds(np.matmul, a, b)
    # a clear margin: with both tuned, BLIS (what spaCy was trained and tested with) stays
    return "numpy" if numpy_s * 1.5 < blis_s else "blis"


def choose(preference: str | None = None) -> str:
    """The backend to load spaCy with: ``preference`` or $HERON_BLAS (blis, numpy or auto)."""
    preference = (preference or os.environ.get("HERON_BLAS") or "auto").strip().lower()
    if preference not in CHOICES:
        raise ValueError(f"HERON_BLAS must be one of {', '.join(CHOICES)}, not {preference!r}")
    return fastest() if preference == "auto" else preference

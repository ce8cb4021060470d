"""Where partitions are processed: in this process, or on Dask workers (local processes or a cluster)."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Protocol

from heron.ingest import InputError
from heron.nlp.budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from heron.scale.partitions import Partition
from heron.scale.work import Rows, process


class Executor(Protocol):
    def map(self, partitions: Iterable[Partition]) -> Iterator[tuple[Partition, Rows]]:
        """Each partition with its rows, in completion order."""
        ...

    def close(self) -> None: ...


class InProcess:
    """The single-process path: the partition is extracted right here, with this process's cached pipeline."""

    def __init__(self, model: str | None = None, budget: float | None = DEFAULT_TIMEOUT,
                 memory_mb: float | None = DEFAULT_MEMORY_MB) -> None:
        self.model = model
        self.budget = budget
        self.memory_mb = memory_mb

    def map(self, partitions: Iterable[Partition]) -> Iterator[tuple[Partition, Rows]]:
        for part in partitions:
            yield part, process(part.articles, self.model, self.budget, self.memory_mb)

    def close(self) -> None:
        pass


def _local_worker_config() -> dict:
    """Dask settings for heron's local workers, which run long, allocation-heavy Python tasks.

    Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, so that glibc hands freed memory
    back at once: spaCy allocates and frees its arrays batch after batch, and the extraction then
    runs 15% slower (measured: 7.25 against 6.3 CPU-s for 64 articles). heron's workers keep glibc's
    default, their peak stays under 1 GB. The statistical profiler that samples each worker's
    stack every 10 ms is off too (a further ~5%). A remote cluster (``--cluster``) keeps its own
    settings: set these in its Dask configuration there.
    """
    import dask

    environ = {key: value for key, value in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if key != "MALLOC_TRIM_THRESHOLD_"}
    return {"distributed.nanny.pre-spawn-environ": environ, "distributed.worker.profile.enabled": False}


class DaskExecutor:
    """Partitions as Dask tasks. Each worker process loads the pipeline once, on its first partition
    (:func:`heron.load` is cached per process), and keeps it for every later one.

    ``workers=N`` starts a local cluster of N single-threaded worker processes; ``address`` joins a running
    scheduler (``tcp://host:8786``), whose workers need heron and the spaCy model installed. A task whose
    worker dies is rescheduled by Dask; one that raises is retried ``retries`` times. A partition that still
    fails comes back with an error per article, so the run goes on and a re-run tries those articles again.
    """

    def __init__(self, model: str | None = None, workers: int | None = None, address: str | None = None,
                 retries: int = 2, in_flight_per_worker: int = 2, budget: float | None = DEFAULT_TIMEOUT,
                 memory_mb: float | None = DEFAULT_MEMORY_MB) -> None:
        import dask
        from dask.distributed import Client, LocalCluster

        if (workers is None) == (address is None):
            raise ValueError("give either workers (a local cluster) or address (a running scheduler)")
        self.model = model
        self.budget = budget  # seconds per article, enforced on the worker (heron.nlp.budget)
        self.memory_mb = memory_mb  # the worker process's resident memory while an article runs, likewise
        self.retries = retries
        self._cluster = None
        if workers is not None:
            # any free port for the scheduler's HTTP endpoints: 8787 may belong to another cluster
            with dask.config.set(_local_worker_config()):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self._cluster)
        else:
            self.client = Client(address, timeout="30s")
        self.in_flight = max(1, in_flight_per_worker * max(1, sum(self.client.nthreads().values())))

    def map(self, partitions: Iterable[Partition]) -> Iterator[tuple[Partition, Rows]]:
        from dask.distributed import as_completed

        pending: dict[str, Partition] = {}
        done = as_completed()
        todo = iter(partitions)

        def submit_more() -> Iterator[tuple[Partition, Rows]]:
            # partitions with nothing to extract never travel to a worker
            while len(pending) < self.in_flight and (part := next(todo, None)) is not None:
                if not part.articles:
                    yield part, Rows({}, [], 0.0)
                    continue
                future = self.client.submit(process, part.articles, self.model, self.budget, self.memory_mb,
                                            key=f"heron-{part.key}",
                                            retries=self.retries, pure=False)
                pending[future.key] = part
                done.add(future)

        yield from submit_more()
        while pending:
            future = next(done)
            part = pending.pop(future.key)
            try:
                rows = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost partition must not end the ingest
                reason = f"worker failed: {type(exc).__name__}: {exc}"
                rows = Rows({}, [InputError(a.input or a.id, reason) for a in part.articles], 0.0)
            future.release()
            yield part, rows
            yield from submit_more()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

"""The task a worker runs: a partition's articles -> flat Arrow tables plus the articles that failed."""
from __future__ import annotations

import resource
from dataclasses import dataclass
import pyarrow as pa

from heron.tables import TABLES, table_rows
from heron.ingest import InputError
from heron.nlp.budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from heron.records import Article, Extraction
from heron.store.schema import arrow_schema


@dataclass
class Rows:
    tables: dict[str, pa.Table]  # every table of heron.tables.TABLES, possibly empty
    errors: list[InputError]  # articles whose extraction failed, with the reason
    peak_rss_mb: float  # the worker process's peak resident memory so far


def process(articles: list[Article], model: str | None = None, budget: float | None = DEFAULT_TIMEOUT,
            memory_mb: float | None = DEFAULT_MEMORY_MB) -> Rows:
    """Extract ``articles`` with this process's cached pipeline; one past ``budget`` seconds or ``memory_mb``
    of resident memory becomes an error."""
    import heron
    from heron.nlp.batch import extract_all
    from heron.nlp.blas import one_thread

    errors: list[InputError] = []
    pipeline = heron.load(model)  # loaded once per worker
    one_thread()  # a worker is one process per core
    extractions = extract_all(pipeline, articles, errors, budget, memory_mb)
    tables = _storable(extractions, errors)
    # ru_maxrss is in KiB on Linux
    return Rows(tables, errors, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _arrow(extractions: list[Extraction]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[name]))
            for name, rows in table_rows(extractions).items()}


def _storable(extractions: list[Extraction], errors: list[InputError]) -> dict[str, pa.Table]:
    """The partition's tables; an extraction whose records do not fit the columns goes to errors alone."""
    try:
        return _arrow(extractions)
    except (pa.ArrowException, TypeError, ValueError):
        pass
    good = []
    for ex in extractions:
        try:
            _arrow([ex])
            good.append(ex)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            errors.append(InputError(ex.article.input or ex.article.id, f"records not storable: {exc}"))
    return _arrow(good)

"""Reading inputs and running the pipeline over a batch, so that one bad article never stops it.

Used by the batch commands (heron.cli) and by the scale workers (heron.scale.work); no click here:
printing the errors a batch collected is heron.cli.batch.report_errors.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from heron.ingest import InputError, read_inputs
from heron.records import Article, Extraction

if TYPE_CHECKING:
    from heron.nlp.runner import Heron


def read_articles(inputs: Iterable[str], errors: list[InputError], default_date: str | None = None
                  ) -> Iterator[Article]:
    """Articles from ``inputs``; whatever cannot be read is appended to ``errors`` instead."""
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        if item.date is None and default_date:
            item.date = default_date
        yield item


def extract_all(heron: "Heron", articles: list[Article], errors: list[InputError]) -> list[Extraction]:
    """Extract a batch; if the batch fails, retry one by one so only the failing article is lost to errors."""
    try:
        return list(heron.pipe(articles))
    except Exception:  # noqa: BLE001 - any failure in a component must not stop the batch
        pass
    out = []
    for article in articles:
        try:
            out.append(heron.extract(article))
        except Exception as exc:  # noqa: BLE001
            last = traceback.extract_tb(exc.__traceback__)[-1]
            errors.append(InputError(input=article.input or article.id,
                                     reason=f"extraction failed: {type(exc).__name__}: {exc} "
                                            f"({last.filename.rsplit('/', 1)[-1]}:{last.lineno})"))
    return out

"""Reading inputs and running the pipeline over a batch, so that one bad article never stops it.

Used by the batch commands (heron.cli) and by the scale workers (heron.scale.work); no click here:
printing the errors a batch collected is heron.cli.batch.report_errors.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from heron.ingest import InputError, read_inputs
from heron.nlp.budget import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    ArticleOverBudget,
    time_limit,
)
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


def extract_all(heron: "Heron", articles: list[Article], errors: list[InputError],
                budget: float | None = DEFAULT_TIMEOUT, memory_mb: float | None = DEFAULT_MEMORY_MB
                ) -> list[Extraction]:
    """Extract a batch; an article that fails, runs past ``budget`` seconds or takes the process's resident
    memory past ``memory_mb`` becomes an error instead (None or 0: no such limit).

    The batch goes through the pipeline together; an article that goes over its budget in heron's
    components is known and recorded, and the rest of the batch goes on together. After any other
    failure (or one over the budget while spaCy parses, when the article to blame is not known) the
    articles left are extracted one by one, each with its own budget, so that only the failing one is
    lost to errors.
    """
    out: list[Extraction] = []
    todo = list(articles)
    while todo:
        done = len(out)
        try:
            for extraction in heron.pipe(todo, budget=budget, memory_mb=memory_mb):
                out.append(extraction)
            return out
        except ArticleOverBudget as exc:
            todo = todo[len(out) - done:]
            if exc.article is not todo[0]:
                break
            errors.append(InputError(input=_name(todo[0]), reason=str(exc)))
            todo = todo[1:]
        except Exception:  # noqa: BLE001 - any failure in a component must not stop the batch
            todo = todo[len(out) - done:]
            break
    for article in todo:
        try:
            with time_limit(budget, memory_mb):
                out.append(heron.extract(article))
        except ArticleOverBudget as exc:
            errors.append(InputError(input=_name(article), reason=str(exc)))
        except Exception as exc:  # noqa: BLE001
            last = traceback.extract_tb(exc.__traceback__)[-1]
            errors.append(InputError(input=_name(article),
                                     reason=f"extraction failed: {type(exc).__name__}: {exc} "
                                            f"({last.filename.rsplit('/', 1)[-1]}:{last.lineno})"))
    return out


def _name(article: Article) -> str:
    return article.input or article.id

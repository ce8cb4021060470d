"""Cutting the input stream into partitions of new articles: the unit of work, of transaction and of Parquet file."""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from heron.ingest import InputError
from heron.records import Article


@dataclass
class Partition:
    articles: list[Article]  # new articles: neither stored already nor seen earlier in this run
    errors: list[InputError] = field(default_factory=list)  # inputs of this stretch that could not be read
    skipped: int = 0  # articles of this stretch that were stored already or repeated
    n_inputs: int = 0  # items read (articles + errors), for progress

    @property
    def key(self) -> str:
        """Names the partition's files: the same articles give the same name, whatever the run."""
        ids = sorted(a.id for a in self.articles) or sorted(f"{e.input}\0{e.reason}" for e in self.errors)
        return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:16]


def plan(items: Iterable[Article | InputError], size: int, known: Callable[[list[str]], set[str]],
         default_date: str | None = None) -> Iterator[Partition]:
    """Partitions of up to ``size`` input items, lazily; ``known(ids)`` says which ids are stored already.

    Ids are remembered for the whole run, so an article repeated in a later stretch is skipped even while the
    partition holding its first copy is still being processed elsewhere.
    """
    seen: set[str] = set()
    stream = iter(items)
    while chunk := list(itertools.islice(stream, size)):
        part = Partition(articles=[], n_inputs=len(chunk))
        candidates: list[Article] = []
        for item in chunk:
            if isinstance(item, InputError):
                part.errors.append(item)
                continue
            if item.date is None and default_date:
                item.date = default_date
            if item.id in seen:
                part.skipped += 1
            else:
                seen.add(item.id)
                candidates.append(item)
        stored = known([a.id for a in candidates]) if candidates else set()
        part.articles = [a for a in candidates if a.id not in stored]
        part.skipped += len(candidates) - len(part.articles)
        yield part

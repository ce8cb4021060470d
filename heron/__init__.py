"""heron: reads news and writes down what happened (events, quotes, actors, places, dates)."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from heron.records import Actor, Article, Event, Extraction, Mention, Mode, Place, Quote, TimeRef

if TYPE_CHECKING:
    from heron.nlp.runner import Heron

__version__ = "0.1.0"
__all__ = ["extract", "load", "Actor", "Article", "Event", "Extraction", "Mention", "Mode", "Place", "Quote",
           "TimeRef"]


@lru_cache(maxsize=2)
def load(model: str | None = None) -> "Heron":
    """The process-wide pipeline (spaCy model + heron components), loaded once per process."""
    from heron.nlp.runner import Heron

    return Heron(model)


def extract(text: str, date: str | None = None, title: str | None = None, source: str | None = None,
            url: str | None = None, model: str | None = None) -> Extraction:
    """Events, quotes, actors, places and dates of one article.

    ``date`` (yyyy-mm-dd) is the article's publication date: it anchors
    "yesterday", "last week" and other relative dates.
    """
    article = Article(text=text, date=date, title=title, source=source, url=url)
    return load(model).extract(article)

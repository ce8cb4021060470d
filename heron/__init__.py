"""heron: reads news and writes down what happened (events, quotes, actors, places, dates)."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from heron.records import Actor, Article, Event, Extraction, Mention, Mode, Place, Quote, TimeRef

if TYPE_CHECKING:
    from heron.nlp.pipeline import Heron

__version__ = "0.1.0"
__all__ = ["extract", "pipeline", "Actor", "Article", "Event", "Extraction", "Mention", "Mode", "Place", "Quote",
           "TimeRef"]


@lru_cache(maxsize=2)
def pipeline(model: str | None = None) -> "Heron":
    """The shared pipeline, loaded once per process."""
    from heron.nlp.pipeline import Heron

    return Heron(model)


def extract(text: str, date: str | None = None, title: str | None = None, source: str | None = None,
            url: str | None = None, model: str | None = None) -> Extraction:
    """Events, quotes, actors, places and dates of one article.

    ``date`` (yyyy-mm-dd) is the article's publication date: it anchors
    "yesterday", "last week" and other relative dates.
    """
    article = Article(text=text, date=date, title=title, source=source, url=url)
    return pipeline(model).extract(article)

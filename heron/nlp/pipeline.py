"""heron's pipeline: a spaCy English model plus heron's components, from Article to Extraction."""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.nlp.model import load_spacy
from heron.records import Article, Extraction

# Importing the modules registers their spaCy factories.
COMPONENTS = ("heron_actors", "heron_places", "heron_times", "heron_quotes", "heron_events")


def _register_factories() -> None:
    from heron.pipeline import actors, events, paragraphs, places, quotes, times  # noqa: F401


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"bad article date {value!r}: expected YYYY-MM-DD") from None


def add_components(nlp: Language) -> Language:
    _register_factories()
    if "heron_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("heron_paragraphs", before="parser")
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


class Heron:
    """Loads the models once; turns articles into :class:`Extraction` records.

    >>> heron = Heron()                                      # doctest: +SKIP
    >>> heron.extract(Article(text=..., date="2022-03-30"))  # doctest: +SKIP
    """

    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        self.nlp = add_components(nlp if nlp is not None else load_spacy(model))

    def make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.article_date = parse_date(article.date)
        return doc

    def extract(self, article: Article) -> Extraction:
        return to_extraction(self.nlp(self.make_doc(article)), article)

    def pipe(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
        """Extractions in input order. spaCy batches the parse; the Doc keeps its article date."""
        pending: deque[Article] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                pending.append(article)
                yield self.make_doc(article)

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            yield to_extraction(doc, pending.popleft())


def to_extraction(doc: Doc, article: Article) -> Extraction:
    return Extraction(
        article=article,
        actors=list(doc._.actors or []),
        places=list(doc._.places or []),
        times=list(doc._.times or []),
        quotes=list(doc._.quotes or []),
        events=list(doc._.events or []),
    )

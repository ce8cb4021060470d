"""heron's pipeline: a spaCy English model plus heron's components, from Article to Extraction."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.nlp.budget import ArticleOverBudget, time_limit
from heron.nlp.model import load_spacy
from heron.nlp.views import forget
from heron.components.parties import next_actor_number
from heron.records import Article, Extraction

# Importing the modules registers their spaCy factories.
COMPONENTS = ("heron_places", "heron_actors", "heron_times", "heron_quotes", "heron_parties", "heron_events",
              "heron_positions")


def _register_factories() -> None:
    from heron.components import (  # noqa: F401
        actors, events, paragraphs, parties, places, positions, quotes, times, token_attributes,
    )


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
    # The same annotation as the model's attribute ruler and lemmatizer, without their per-token Python cost.
    if "attribute_ruler" in nlp.pipe_names and "heron_token_attributes" not in nlp.pipe_names:
        nlp.add_pipe("heron_token_attributes", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
        if "lemmatizer" in nlp.pipe_names:
            nlp.disable_pipe("lemmatizer")
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
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int = 16,
             budget: float | None = None, memory_mb: float | None = None) -> Iterator[Extraction]:
        """Extractions in input order.

        spaCy parses batches of at most ``batch_size`` texts and :data:`BATCH_CHARS` characters, a long
        article in paragraph-aligned chunks joined back into one Doc: the parser's memory grows with the
        text it holds at once, and one 20,000-word article would otherwise take 500 MB. heron's own
        components then read each whole article.

        ``budget`` (seconds per article) raises :class:`~heron.nlp.budget.ArticleTimeout`: while parsing,
        once a batch has run ``budget`` times its number of articles (which article is slow is not known
        then); in heron's components, once one article has run ``budget``, naming that article.
        ``memory_mb`` (the process's resident memory) raises :class:`~heron.nlp.budget.ArticleOverMemory`
        over the same blocks, once the memory exceeds it; both are :class:`~heron.nlp.budget.ArticleOverBudget`.
        """
        spacy_names = [name for name in self.nlp.pipe_names if name not in COMPONENTS]
        own = [proc for name, proc in self.nlp.pipeline if name in COMPONENTS]
        for batch in _batches(articles, batch_size, BATCH_CHARS, lambda article: len(article.text)):
            pieces = [split_text(article.text, CHUNK_CHARS) for article in batch]
            texts = [text for article_pieces in pieces for text in article_pieces]
            with self.nlp.select_pipes(enable=spacy_names), time_limit(budget and budget * len(batch), memory_mb):
                # a long article's chunks go through spaCy a few at a time too
                parsed = (doc for group in _batches(texts, batch_size, BATCH_CHARS, len)
                          for doc in self.nlp.pipe(group, batch_size=len(group)))
                docs = [[next(parsed) for _ in article_pieces] for article_pieces in pieces]
            for article, chunks in zip(batch, docs):
                try:
                    # never across the yield: the caller's time (and memory) is not the article's
                    with time_limit(budget, memory_mb):
                        doc = chunks[0] if len(chunks) == 1 else Doc.from_docs(chunks, ensure_whitespace=False)
                        doc._.article_date = parse_date(article.date)
                        for proc in own:
                            doc = proc(doc)
                        forget(doc)
                        extraction = to_extraction(doc, article)
                except ArticleOverBudget as exc:
                    exc.article = article
                    raise
                yield extraction


T = TypeVar("T")
CHUNK_CHARS = 20_000  # about 3,500 tokens
BATCH_CHARS = 60_000


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it: after a blank
    line where there is one, else after a line break, else after a space (mid-word only when ``limit``
    characters hold no space at all)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in ("\n\n", "\n", " ") if window.rfind(mark) > 0),
                   limit)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _batches(items: Iterable[T], max_items: int, max_chars: int, chars: Callable[[T], int]) -> Iterator[list[T]]:
    batch: list[T] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= max_items or size + chars(item) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += chars(item)
    if batch:
        yield batch


def to_extraction(doc: Doc, article: Article) -> Extraction:
    """The article's records from what the components wrote. The uncoded parties (``doc._.parties``)
    that some event names join the actors, numbered after them; the times derived while dating events
    (``doc._.event_times``) join the times."""
    actors = list(doc._.actors or [])
    events = list(doc._.events or [])
    positions = list(doc._.positions or [])
    groups = list(doc._.claim_groups or [])
    used = {i for e in events for i in (*e.sources, *e.targets, e.speaker) if i}
    used |= {i for p in positions for i in (*p.holders, *p.addressees, *(g.actor for g in p.guarantors))}
    used |= {c.holder for g in groups for c in g.claims if c.holder}
    kept = [a for a in doc._.parties or [] if a.id in used]
    if kept:
        first = next_actor_number(actors)
        renamed = {a.id: f"A{first + n}" for n, a in enumerate(kept)}
        actors += [dataclasses.replace(a, id=renamed[a.id]) for a in kept]
        events = [dataclasses.replace(
            e, sources=[renamed.get(i, i) for i in e.sources], targets=[renamed.get(i, i) for i in e.targets],
            speaker=renamed.get(e.speaker, e.speaker) if e.speaker else None) for e in events]
        positions = [dataclasses.replace(
            p, holders=[renamed.get(i, i) for i in p.holders], addressees=[renamed.get(i, i) for i in p.addressees],
            guarantors=[dataclasses.replace(g, actor=renamed.get(g.actor, g.actor)) for g in p.guarantors])
            for p in positions]
        groups = [dataclasses.replace(g, claims=[dataclasses.replace(c, holder=renamed.get(c.holder, c.holder))
                                                 for c in g.claims]) for g in groups]
    return Extraction(
        article=article,
        actors=actors,
        places=list(doc._.places or []),
        times=[*(doc._.times or []), *(doc._.event_times or [])],
        quotes=list(doc._.quotes or []),
        events=events,
        positions=positions,
        claim_groups=groups,
    )

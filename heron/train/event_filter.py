"""Trains the event filter (:mod:`heron.events.event_filter`) from heron's own Wikinews annotations.

Examples: one per event heron finds (with its argument model, without a filter) in the dev articles of
``gold/events`` and the articles of ``gold/events_train``; the test articles stay out, so that ``heron evaluate
events --split test`` is measured on articles the filter never saw. An event is labelled "keep" when the scorer of
``heron evaluate events`` pairs it with a required event of the article's annotator (same type, one to one),
"drop" when it pairs it with none; one paired with an optional event teaches nothing and is left out.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from heron.events.argument_model import ArgumentModel
from heron.events.event_filter import EventFilter, features_of
from heron.train.linear import fit_model

C = 0.3  # inverse regularisation, chosen by article-level cross-validation on the annotated articles
THRESHOLD = 0.3  # least probability of "keep", chosen the same way


@dataclass(frozen=True)
class Example:
    features: dict[str, float]
    label: str  # one of LABELS
    group: str  # the article ("wikinews:ID")


def annotated_articles() -> list[Any]:
    """The articles the filter may learn from: gold/events dev, gold/events_train train."""
    from heron.evaluate.events import GOLD_DIR, TRAIN_GOLD_DIR, load_gold

    return ([a for a in load_gold(GOLD_DIR) if a.split == "dev"]
            + [a for a in load_gold(TRAIN_GOLD_DIR) if a.split == "train"])


def labels_of(article: Any, extraction: Any) -> list[str | None]:
    """Per event of ``extraction``: "keep", "drop" or None (paired with an optional gold event)."""
    from heron.evaluate.events import match, predicted_events, type_match

    gold = article.events[article.annotator]
    out: list[str | None] = ["drop"] * len(extraction.events)
    for i, j in match(predicted_events(extraction), gold, type_match).pairs:
        out[i] = None if gold[j].optional else "keep"
    return out


def training_examples(arguments: ArgumentModel | None = None, articles: Sequence[Any] | None = None,
                      log: Callable[[str], None] = lambda _: None) -> tuple[list[Example], dict[str, Any]]:
    """The examples of ``articles`` (default :func:`annotated_articles`), their events found with the argument
    model ``arguments`` (default: the shipped one) and no filter."""
    import heron
    from heron.nlp.runner import to_extraction
    from heron.records import Article

    pipeline = heron.load()
    articles = list(articles) if articles is not None else annotated_articles()
    component = pipeline.nlp.get_pipe("heron_events")
    out: list[Example] = []
    log(f"reading {len(articles)} annotated Wikinews articles")
    with component.using_arguments(arguments or component.arguments), component.using_filter(None):
        docs = pipeline.nlp.pipe(pipeline.make_doc(Article(text=a.text, date=a.date)) for a in articles)
        for article, doc in zip(articles, docs):
            extraction = to_extraction(doc, Article(text=article.text, date=article.date))
            actors = {a.id: a for a in [*(doc._.actors or []), *(doc._.parties or [])]}
            for names, label in zip(features_of(doc._.events, doc, actors), labels_of(article, extraction)):
                if label is not None:
                    out.append(Example({name: 1.0 for name in names}, label, f"wikinews:{article.id}"))
    info = {"data": {"articles": len(articles), "events": len(out)}}
    return out, info


def fit(examples: Sequence[Example], c: float = C, threshold: float = THRESHOLD,
        info: dict[str, Any] | None = None) -> EventFilter:
    return fit_model(EventFilter, examples, c, threshold, info)

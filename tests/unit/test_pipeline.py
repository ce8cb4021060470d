"""Heron.pipe: long articles are parsed in chunks and read whole; batches are bounded."""
import dataclasses

import heron.nlp.runner as pipeline
from heron.records import Article

PARAGRAPH = ("Borovian artillery shelled the port of Velm on Monday, the regional governor said. "
             "Cestia's foreign minister condemned the attack and called for talks in Geneva.\n\n")


def test_pieces_join_back_into_the_text():
    text = "a" * 50 + "\n\n" + "word " * 40 + "\nend"
    for limit in (7, 30, 60, 1000):
        pieces = pipeline.split_text(text, limit)
        assert "".join(pieces) == text and all(len(p) <= limit for p in pieces)
    assert pipeline.split_text(text, 60)[0].endswith("\n\n")


def test_batches_hold_a_bounded_number_of_characters():
    articles = [Article(text="x" * n) for n in (10, 10, 30, 5, 50, 1)]
    sizes = [[len(a.text) for a in b] for b in pipeline._batches(articles, 3, 40, lambda a: len(a.text))]
    assert sizes == [[10, 10], [30, 5], [50], [1]]


def test_a_long_article_in_chunks_gives_what_it_gives_whole(heron_pipeline, monkeypatch):
    article = Article(text=PARAGRAPH * 12, date="2024-05-10")
    whole = heron_pipeline.extract(article)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 400)
    chunked = heron_pipeline.extract(article)
    assert len(pipeline.split_text(article.text, 400)) > 3
    assert chunked.events and [dataclasses.asdict(e) for e in chunked.events] == [dataclasses.asdict(e) for e in whole.events]
    assert [dataclasses.asdict(q) for q in chunked.quotes] == [dataclasses.asdict(q) for q in whole.quotes]
    assert [a.code for a in chunked.actors] == [a.code for a in whole.actors]

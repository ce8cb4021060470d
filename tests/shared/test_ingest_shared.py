"""heron.ingest on the shared data: the mission's seed article and the Wikinews CSVs."""
from __future__ import annotations

import time

from heron.ingest import InputError, read_inputs
from heron.records import Article


def test_seed_article_reads_with_its_inline_date(seed_path):
    (article,) = read_inputs([seed_path])
    assert isinstance(article, Article)
    assert article.date == "2022-03-30"
    assert article.text.startswith("Vladimir ")  # the header is not part of the text
    assert "2022-03-30" not in article.text[:20]


def test_wikinews_folder_reads_295_articles_without_errors(wikinews):
    start = time.perf_counter()
    results = list(read_inputs([wikinews]))
    seconds = time.perf_counter() - start
    errors = [r for r in results if isinstance(r, InputError)]
    articles = [r for r in results if isinstance(r, Article)]
    assert errors == []
    assert len(articles) == 295
    assert all(a.date and a.title and a.url and a.text for a in articles)
    assert len({a.id for a in articles}) == 295
    assert seconds < 30, f"reading wikinews took {seconds:.1f} s"

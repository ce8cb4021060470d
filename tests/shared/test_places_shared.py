"""heron_places on the shared data: the seed article's towns, and GeoWebNews (the dev set)."""
from __future__ import annotations

from heron.evaluate.geo import evaluate
from heron.components.places import find_places

# Measured on GeoWebNews (all 200 articles) minus a margin; see the report in heron/evaluate/geo.py.
EXACT_FLOOR = 0.83
COUNTRY_FLOOR = 0.86
F1_FLOOR = 0.84
EXACT_KNOWN_FLOOR = 0.92  # on the gold ids the offline gazetteer holds


def test_seed_article_towns_resolve_to_their_countries(nlp, seed_raw):
    doc = nlp(seed_raw)  # the whole file, date header included
    places, _ = find_places(doc)
    country = {m.text: p.country for p in places for m in p.mentions}
    expected = {
        "Kyiv": "UKR", "Chernihiv": "UKR", "Mykolaiv": "UKR", "Mariupol": "UKR", "Irpin": "UKR",
        "Kharkiv": "UKR", "Kherson": "UKR", "Istanbul": "TUR",
    }
    present = {k: v for k, v in expected.items() if k in doc.text}
    assert len(present) >= 6, present
    for name, iso3 in present.items():
        assert country.get(name) == iso3, (name, country.get(name))


def test_geowebnews_scores(nlp, geowebnews):
    report = evaluate(geowebnews, nlp=nlp)
    f = report.figures()
    assert report.articles == 200
    assert f["exact"] >= EXACT_FLOOR, report.lines()
    assert f["country"] >= COUNTRY_FLOOR, report.lines()
    assert f["f1"] >= F1_FLOOR, report.lines()
    assert f["exact_known"] >= EXACT_KNOWN_FLOOR, report.lines()

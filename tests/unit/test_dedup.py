"""heron.store.dedup: events reported by several articles become one global event; different ones stay apart."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner

from heron.cli.query import command as query_command
from heron.records import Actor, Article, Event, Extraction, Mention, Mode, Place, TimeRef
from heron.store import Store, StoreError

PLACES = {"kharkiv": Place("P1", "Kharkiv", geonames_id=706483, country="UKR", lat=49.98, lon=36.25),
          "odesa": Place("P1", "Odesa", geonames_id=698740, country="UKR", lat=46.48, lon=30.73)}


@dataclass
class Report:
    """One event as one article tells it (the fields that decide whether two reports are the same event)."""

    text: str
    type: str = "ASSAULT"
    source: str | None = "RUSMIL"
    target: str | None = "UKRCVL"
    place: str | None = "kharkiv"  # a key of PLACES
    day: str | None = "2022-03-29"
    article_date: str = "2022-03-30"
    outlet: str | None = "Daily One"
    url: str | None = None
    cameo: str = "190"
    confidence: float = 0.8
    mode: Mode = field(default_factory=Mode)
    extra_mentions: int = 0


def extraction(r: Report) -> Extraction:
    article = Article(text=r.text, date=r.article_date, source=r.outlet, url=r.url)
    actors = [Actor("A1", f"the {r.source or 'unnamed'} side", code=r.source),
              Actor("A2", f"the {r.target or 'unnamed'} side", code=r.target)]
    places = [PLACES[r.place]] if r.place else []
    trigger = Mention("struck", 10, 16)
    event = Event(
        id="E1", type=r.type, cameo=r.cameo, quad=4 if r.type == "ASSAULT" else 3, goldstein=-10.0,
        trigger=trigger, evidence=Mention(r.text, 0, len(r.text)), sources=["A1"], targets=["A2"],
        mode=r.mode, place="P1" if r.place else None,
        date=TimeRef("T1", r.day, "day" if len(r.day) == 10 else "month") if r.day else None, confidence=r.confidence,
        mentions=[Mention("again", 20, 25)] * r.extra_mentions)
    return Extraction(article=article, actors=actors, places=places, events=[event])


def build(tmp_path, reports: list[Report]) -> Store:
    store = Store(tmp_path / "d.duckdb")
    store.write([extraction(r) for r in reports])
    store.rebuild_global_events()
    return store


def merged(store: Store) -> list[dict]:
    return store.query_global_events(limit=1000)


def test_reports_of_one_event_merge_with_counts(tmp_path):
    reports = [
        Report("Missiles struck a market in Kharkiv on Tuesday.", outlet="Daily One", extra_mentions=1),
        Report("A market in Kharkiv was struck on Tuesday.", outlet="Evening Two", cameo="195", confidence=0.9),
        # same outlet again: one more article, not one more source
        Report("Kharkiv market struck on Tuesday, says Daily One.", outlet="Daily One", article_date="2022-03-31"),
        # no outlet name: the url's host counts as the source
        Report("Strike on Kharkiv market on Tuesday.", outlet=None, url="https://news.example.org/a/1"),
    ]
    with build(tmp_path, reports) as store:
        rows = merged(store)
        assert len(rows) == 1
        g = rows[0]
        assert (g["type"], g["source_codes"], g["target_codes"]) == ("ASSAULT", ["RUSMIL"], ["UKRCVL"])
        assert (g["geonames_id"], g["place_name"], g["date_start"], g["date_end"]) == \
               (706483, "Kharkiv", "2022-03-29", "2022-03-29")
        assert g["num_articles"] == 4
        assert g["num_sources"] == 3
        assert g["num_mentions"] == 5  # 2 + 1 + 1 + 1: the first article reports it twice
        assert (g["first_seen"], g["last_seen"]) == ("2022-03-30", "2022-03-31")
        assert g["cameo"] == "195"  # from the most confident report
        ids = {ex.article.id for ex in map(extraction, reports)}
        assert {m["article_id"] for m in g["mentions"]} == ids
        assert all(m["event_id"] == "E1" for m in g["mentions"])


def test_different_day_dyad_type_place_or_assertion_stay_apart(tmp_path):
    base = {"type": "ASSAULT", "source": "RUSMIL", "target": "UKRCVL", "place": "kharkiv", "day": "2022-03-29"}
    variants = [
        Report("One: the reference report.", **base),
        Report("Two: two days later.", **{**base, "day": "2022-03-31"}),
        Report("Three: the dyad reversed.", **{**base, "source": "UKRCVL", "target": "RUSMIL"}),
        Report("Four: another target.", **{**base, "target": "UKRMIL"}),
        Report("Five: another type.", **{**base, "type": "THREATEN"}),
        Report("Six: another city.", **{**base, "place": "odesa"}),
        Report("Seven: no place named.", **{**base, "place": None}),
        Report("Eight: the attack was denied.", **base, mode=Mode(denied=True)),
        Report("Nine: the attack is only planned.", **base, mode=Mode(future=True)),
    ]
    with build(tmp_path, variants) as store:
        rows = merged(store)
        assert len(rows) == len(variants)
        assert all(r["num_articles"] == 1 and len(r["mentions"]) == 1 for r in rows)
        assert {r["assertion"] for r in rows} == {"asserted", "negated", "unrealised"}


def test_reported_and_plain_assertions_merge_but_uncoded_actors_keep_their_names(tmp_path):
    reports = [
        Report("Officials said missiles struck Kharkiv.", mode=Mode(reported=True)),
        Report("Missiles struck Kharkiv.", outlet="Evening Two"),
        Report("Militants struck Kharkiv.", source=None),  # uncoded: keyed by name, not merged with RUSMIL
    ]
    with build(tmp_path, reports) as store:
        rows = sorted(merged(store), key=lambda r: r["num_articles"])
        assert [r["num_articles"] for r in rows] == [1, 2]
        assert rows[0]["source_codes"] == ["the unnamed side"]


def test_dates_a_day_apart_merge_and_undated_events_use_the_article_date(tmp_path):
    reports = [
        Report("Missiles struck Kharkiv, officials said.", day=None, article_date="2022-03-30"),
        Report("Missiles struck Kharkiv on Tuesday.", day="2022-03-29", article_date="2022-03-30",
               outlet="Evening Two"),
    ]
    with build(tmp_path, reports) as store:
        rows = merged(store)
        assert len(rows) == 1 and rows[0]["num_articles"] == 2
        assert (rows[0]["date_start"], rows[0]["date_end"]) == ("2022-03-29", "2022-03-30")


def test_a_daily_series_is_not_one_event(tmp_path):
    days = ["2022-03-20", "2022-03-21", "2022-03-22", "2022-03-22"]
    reports = [Report(f"Shelling of Kharkiv, day {i}.", day=d, article_date=d) for i, d in enumerate(days)]
    with build(tmp_path, reports) as store:
        rows = merged(store)
        assert sorted((r["date_start"], r["num_articles"]) for r in rows) == \
               [("2022-03-20", 1), ("2022-03-21", 1), ("2022-03-22", 2)]


def test_months_merge_only_with_the_same_month(tmp_path):
    reports = [Report("Kharkiv was shelled in March.", day="2022-03"),
               Report("Kharkiv came under fire in March.", day="2022-03", outlet="Evening Two"),
               Report("Kharkiv was shelled on the first of March.", day="2022-03-01", outlet="Evening Two")]
    with build(tmp_path, reports) as store:
        rows = sorted(merged(store), key=lambda r: r["num_articles"])
        assert [(r["date_start"], r["date_end"], r["num_articles"]) for r in rows] == \
               [("2022-03-01", "2022-03-01", 1), ("2022-03-01", "2022-03-31", 2)]


def test_rebuild_is_stable_and_follows_new_articles(tmp_path):
    first = Report("Missiles struck Kharkiv on Tuesday.")
    with build(tmp_path, [first]) as store:
        before = merged(store)
        store.write([extraction(Report("Kharkiv was hit on Tuesday.", outlet="Evening Two"))])
        store.rebuild_global_events()
        after = merged(store)
    assert [r["global_event_id"] for r in after] == [r["global_event_id"] for r in before]
    assert (before[0]["num_articles"], after[0]["num_articles"]) == (1, 2)


def test_global_event_filters(tmp_path):
    reports = [Report("Missiles struck Kharkiv on Tuesday."),
               Report("Talks in Odesa on Tuesday.", type="CONSULT", source="UKRGOV", target="TURGOV", place="odesa")]
    with build(tmp_path, reports) as store:
        assert [r["type"] for r in store.query_global_events(actor="TUR")] == ["CONSULT"]
        assert [r["type"] for r in store.query_global_events(place="kharkiv")] == ["ASSAULT"]
        assert [r["type"] for r in store.query_global_events(type="consult,protest")] == ["CONSULT"]
        assert store.query_global_events(since="2022-03-30") == []


def test_query_cli_lists_global_events(tmp_path):
    with build(tmp_path, [Report("Missiles struck Kharkiv on Tuesday."),
                          Report("Kharkiv was hit on Tuesday.", outlet="Evening Two")]):
        pass
    result = CliRunner().invoke(query_command, ["--db", str(tmp_path / "d.duckdb"), "global-events",
                                                "--actor", "RUS", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"num_articles": 2' in result.output


def test_store_without_global_events_says_so(tmp_path):
    with Store(tmp_path / "e.duckdb") as store, pytest.raises(StoreError, match="no global_events"):
        store.query_global_events()

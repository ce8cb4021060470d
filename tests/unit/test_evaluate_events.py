"""The event-gold scorer (heron/evaluate/events.py) on small hand-made records: no shared data, no pipeline."""
from __future__ import annotations

import csv
import json

import pytest

from heron.evaluate.events import (
    CodedEvent, GoldError, dyad_match, evaluate, gold_event, load_gold, match, party_key, predicted_events,
    score_article, type_match,
)
from heron.evaluate.scoring import PRF
from heron.records import Actor, Article, Event, Extraction, Mention, content_id


def ev(type_, sources=(), targets=(), alt=(), optional=False):
    return CodedEvent(type_, frozenset(sources), frozenset(targets), frozenset(alt), optional)


# --- party keys ---------------------------------------------------------------------


@pytest.mark.parametrize("code, country, key", [
    ("USAGOV", None, "USA"),
    ("RUS", None, "RUS"),
    ("HKGCOP", None, "HKG"),
    ("GBRPTY", None, "GBR"),  # a sector of the gold guidelines heron's own list lacks
    ("NATO", None, "NATO"),
    ("UN", None, "UN"),
    ("UNSC", None, "UNSC"),  # an organisation is matched on its whole code
    ("UNICEF", None, "UNICEF"),
    ("IMGINS", None, "IMG"),
    ("XYZGOV", "UKR", "UKR"),  # the actor's country wins over its code
    (None, None, None),
])
def test_party_key(code, country, key):
    assert party_key(code, country) == key


# --- the matcher --------------------------------------------------------------------


def test_type_matches_the_gold_type_or_an_alternative():
    gold = ev("ACCUSE", alt=["SANCTION"])
    assert type_match(ev("ACCUSE"), gold)
    assert type_match(ev("SANCTION"), gold)
    assert not type_match(ev("REJECT"), gold)
    assert match([ev("SANCTION")], [gold]).score == PRF(1, 0, 0)
    assert match([ev("REJECT")], [gold]).score == PRF(0, 1, 1)


def test_alt_types_belong_to_the_gold_only():
    # a prediction's own alternatives (an annotator's, in the agreement) do not widen the gold type
    assert not type_match(ev("ACCUSE", alt=["SANCTION"]), ev("SANCTION"))


def test_optional_gold_is_neither_a_miss_nor_a_hit():
    gold = [ev("ACCUSE"), ev("SUPPORT", optional=True)]
    # the optional event unmatched: no miss
    assert match([ev("ACCUSE")], gold).score == PRF(1, 0, 0)
    # matched: the prediction is taken out of both sides (no false positive, no true positive)
    assert match([ev("ACCUSE"), ev("SUPPORT")], gold).score == PRF(1, 0, 0)
    assert match([ev("SUPPORT")], gold).score == PRF(0, 0, 1)
    # a prediction matching neither is a false positive
    assert match([ev("ASSAULT")], gold).score == PRF(0, 1, 1)


def test_a_required_gold_event_is_preferred_to_an_optional_one():
    # the optional gold comes first and the same type twice: the matcher must still give the
    # one prediction to the required event
    gold = [ev("ACCUSE", optional=True), ev("ACCUSE")]
    assert match([ev("ACCUSE")], gold).score == PRF(1, 0, 0)
    assert match([ev("ACCUSE"), ev("ACCUSE"), ev("ACCUSE")], gold).score == PRF(1, 1, 0)


def test_optional_on_the_predicted_side_is_symmetric():
    # annotator B against A: an optional event of B's is no false positive when unmatched,
    # and a pair holding it is taken out of both sides
    assert match([ev("SUPPORT", optional=True)], []).score == PRF(0, 0, 0)
    assert match([ev("SUPPORT", optional=True)], [ev("SUPPORT")]).score == PRF(0, 0, 0)
    a, b = [ev("ACCUSE"), ev("SUPPORT", optional=True)], [ev("ACCUSE"), ev("REJECT")]
    ab, ba = match(b, a).score, match(a, b).score
    assert (ab.precision, ab.recall) == (ba.recall, ba.precision)


def test_matching_is_one_to_one():
    # two predictions, one gold: one pair, the second prediction is a false positive (duplicates cost precision)
    assert match([ev("ASSAULT"), ev("ASSAULT")], [ev("ASSAULT")]).score == PRF(1, 1, 0)
    # one prediction, two gold: one pair, one miss
    assert match([ev("ASSAULT")], [ev("ASSAULT"), ev("ASSAULT")]).score == PRF(1, 0, 1)


def test_matching_is_maximal_not_first_come():
    # greedy in order would give the first prediction (ACCUSE) to the first gold (ACCUSE|REJECT alt)
    # and leave the second gold (ACCUSE) unmatched; the assignment finds both pairs
    gold = [ev("REJECT", alt=["ACCUSE"]), ev("ACCUSE")]
    pred = [ev("ACCUSE"), ev("REJECT")]
    m = match(pred, gold)
    assert m.score == PRF(2, 0, 0)
    assert m.pairs == [(0, 1), (1, 0)]


def test_dyad_needs_a_party_on_each_side_the_gold_names():
    gold = ev("ACCUSE", sources=["USA"], targets=["IRN"])
    assert dyad_match(ev("ACCUSE", ["USA"], ["IRN"]), gold)
    assert dyad_match(ev("ACCUSE", ["USA", "GBR"], ["IRN"]), gold)  # one of the predicted parties is enough
    assert not dyad_match(ev("ACCUSE", ["GBR"], ["IRN"]), gold)  # wrong source
    assert not dyad_match(ev("ACCUSE", ["USA"], ["IRQ"]), gold)  # wrong target
    assert not dyad_match(ev("ACCUSE", ["USA"], []), gold)  # target missing
    assert not dyad_match(ev("ACCUSE", ["IRN"], ["USA"]), gold)  # sides swapped
    assert not dyad_match(ev("REJECT", ["USA"], ["IRN"]), gold)  # the type too


def test_dyad_puts_no_constraint_where_the_gold_names_no_party():
    source_only = ev("PROTEST", sources=["HKG"])
    assert dyad_match(ev("PROTEST", ["HKG"], ["CHN"]), source_only)
    assert dyad_match(ev("PROTEST", ["HKG"], []), source_only)
    assert not dyad_match(ev("PROTEST", [], ["HKG"]), source_only)
    target_only = ev("ASSAULT", targets=["YEM"])
    assert dyad_match(ev("ASSAULT", [], ["YEM"]), target_only)
    assert not dyad_match(ev("ASSAULT", ["YEM"], []), target_only)
    assert dyad_match(ev("ASSAULT"), ev("ASSAULT"))


def test_igo_codes_match_on_the_whole_code():
    gold = gold_event({"event": 1, "type": "REQUEST", "sources": [{"code": "UN", "span": None}],
                       "targets": [{"code": "NATO", "span": None}]})
    assert gold.sources == {"UN"} and gold.targets == {"NATO"}
    assert dyad_match(ev("REQUEST", ["UN"], ["NATO"]), gold)
    assert not dyad_match(ev("REQUEST", ["UNSC"], ["NATO"]), gold)
    assert not dyad_match(ev("REQUEST", ["UN"], ["NAT"]), gold)


def test_gold_event_keys_by_country():
    gold = gold_event({"event": 3, "type": "ACCUSE", "alt_types": ["SANCTION"], "optional": True,
                       "sources": [{"code": "USALEG", "span": [0, 5]}, {"code": "USAGOV", "span": None}],
                       "targets": [{"code": "HKGCOP", "span": None}]}, "B")
    assert gold == CodedEvent("ACCUSE", frozenset({"USA"}), frozenset({"HKG"}), frozenset({"SANCTION"}), True, "B:3")


def _extraction(events, actors):
    return Extraction(article=Article(text="x"), actors=actors, events=events)


def _event(id_, type_, sources=(), targets=()):
    m = Mention("x", 0, 1)
    return Event(id=id_, type=type_, cameo=None, quad=None, goldstein=None, trigger=m, evidence=m,
                 sources=list(sources), targets=list(targets))


def test_predicted_events_key_actors_by_country_then_code():
    actors = [Actor("A1", "the police", code="HKGCOP", country="HKG"), Actor("A2", "NATO", code="NATO"),
              Actor("A3", "protesters", code="HKGCVL"), Actor("A4", "someone")]
    events = [_event("E1", "COERCE", ["A1"], ["A3", "A4"]), _event("E2", "ACCUSE", ["A2"], ["A9"])]
    assert predicted_events(_extraction(events, actors)) == [
        CodedEvent("COERCE", frozenset({"HKG"}), frozenset({"HKG"}), ref="E1"),
        CodedEvent("ACCUSE", frozenset({"NATO"}), frozenset(), ref="E2"),
    ]


def test_score_article_scores_type_and_dyad_apart():
    gold = [ev("ACCUSE", ["USA"], ["IRN"]), ev("ASSAULT", ["YEM"], ["SAU"]), ev("SUPPORT", optional=True)]
    pred = [ev("ACCUSE", ["USA"], ["IRN"]), ev("ASSAULT", ["SAU"], ["YEM"]), ev("SUPPORT"), ev("AID")]
    s = score_article(pred, gold)
    assert (s.gold_events, s.gold_optional, s.predicted_events) == (3, 1, 4)
    assert s.type == PRF(2, 1, 0)
    assert s.dyad == PRF(1, 2, 1)


def test_an_article_without_gold_events_counts_every_prediction_wrong():
    s = score_article([ev("ACCUSE"), ev("AID")], [])
    assert s.type == PRF(0, 2, 0) and s.dyad == PRF(0, 2, 0)


# --- reading the gold and the whole evaluation on a tiny made-up set ---------------------------------


TEXTS = ["Monday. Police arrested protesters in Hong Kong. China condemned the United States.",
         "Tuesday. Nothing happened at all today in the quiet town.",
         "Wednesday. Iran met Iraq."]


def _gold_folder(tmp_path, events_a, events_b):
    data = tmp_path / "data"
    data.mkdir(parents=True)
    with (data / "news.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "date", "title", "text"])
        for i, text in enumerate(TEXTS):
            w.writerow([f"u{i}", "2020-01-0" + str(i + 1), f"t{i}", text])
    gold = tmp_path / "gold"
    gold.mkdir()
    listing = [{"file": "news.csv", "id": content_id(t), "split": split, "annotator": annotator, "double": double,
                "date": f"2020-01-0{i + 1}"}
               for i, (t, split, annotator, double) in enumerate(zip(
                   TEXTS, ["dev", "dev", "test"], ["A", "B", "A"], [True, False, False]))]
    (gold / "articles.json").write_text(json.dumps(listing))
    for name, events in (("A", events_a), ("B", events_b)):
        (gold / f"annotator_{name}.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    return gold, data


def _gold(article, n, type_, trigger, sources=(), targets=(), **extra):
    return {"article": content_id(TEXTS[article]), "event": n, "type": type_, "alt_types": [], "optional": False,
            "trigger": trigger, "mentions": [], "sources": [{"code": c, "span": None} for c in sources],
            "targets": [{"code": c, "span": None} for c in targets], "mode": [], "date": None, "place": None,
            **extra}


A_EVENTS = [_gold(0, 1, "COERCE", [15, 23], ["HKGCOP"], ["HKGCVL"]),
            _gold(0, 2, "ACCUSE", [55, 64], ["CHN"], ["USA"]),
            _gold(2, 1, "CONSULT", [16, 19], ["IRN"], ["IRQ"])]
B_EVENTS = [_gold(0, 1, "COERCE", [15, 23], ["HKGCOP"], ["HKGCVL"]),
            _gold(0, 2, "ACCUSE", [55, 64], ["CHNGOV"], ["GBR"])]


def test_load_gold_finds_articles_and_checks_spans(tmp_path):
    gold, data = _gold_folder(tmp_path, A_EVENTS, B_EVENTS)
    articles = load_gold(gold, data)
    assert [a.text for a in articles] == TEXTS
    assert [len(a.events["A"]) for a in articles] == [2, 0, 1]
    assert articles[0].double and articles[1].annotator == "B" and articles[2].split == "test"
    bad = [*A_EVENTS, _gold(2, 2, "ASSAULT", [20, 400])]
    gold, data = _gold_folder(tmp_path / "bad", bad, B_EVENTS)
    with pytest.raises(GoldError, match=r"annotator_A.jsonl:4: trigger span \[20, 400\] is not within"):
        load_gold(gold, data)


def test_load_gold_reports_a_missing_article(tmp_path):
    gold, data = _gold_folder(tmp_path, A_EVENTS, B_EVENTS)
    listing = json.loads((gold / "articles.json").read_text())
    listing[1]["id"] = "0" * 20
    (gold / "articles.json").write_text(json.dumps(listing))
    with pytest.raises(GoldError, match="is not in"):
        load_gold(gold, data)


def test_evaluate_scores_each_split_and_the_agreement(tmp_path):
    gold, data = _gold_folder(tmp_path, A_EVENTS, B_EVENTS)
    seen = []

    def extractor(articles):
        for article in articles:
            seen.append((article.text, article.date))
            actors = [Actor("A1", "x", code="CHNGOV", country="CHN"), Actor("A2", "y", code="USA", country="USA")]
            if article.text.startswith("Monday"):
                events = [_event("E1", "ACCUSE", ["A1"], ["A2"]), _event("E2", "PROTEST", ["A2"])]
            elif article.text.startswith("Tuesday"):
                events = [_event("E1", "AID")]
            else:
                events = [_event("E1", "CONSULT", ["A1"], ["A2"])]
            yield _extraction(events, actors)

    report = evaluate(gold, "all", data, extractor=extractor)
    assert seen == [(t, f"2020-01-0{i + 1}") for i, t in enumerate(TEXTS)]
    dev, test, all_ = report.splits["dev"], report.splits["test"], report.splits["all"]
    # dev: article 0 (A: COERCE + ACCUSE; predicted ACCUSE right dyad, PROTEST wrong), article 1 (B: none; AID)
    assert dev.articles == 2 and dev.type == PRF(1, 2, 1) and dev.dyad == PRF(1, 2, 1)
    # test: CONSULT of the right type, wrong dyad
    assert test.type == PRF(1, 0, 0) and test.dyad == PRF(0, 1, 1)
    assert all_.type == dev.type + test.type and all_.articles == 3
    # agreement: B against A on article 0: both types agree, the ACCUSE target differs
    assert report.double_articles == 1
    assert report.agreement.type == PRF(2, 0, 0) and report.agreement.dyad == PRF(1, 1, 1)
    assert report.model_on_double.type == PRF(1, 1, 1)
    out = report.to_dict()
    assert out["splits"]["dev"]["type"]["f1"] == pytest.approx(0.4)
    only_test = evaluate(gold, "test", data, extractor=extractor)
    assert list(only_test.splits) == ["test"] and only_test.splits["test"].type == test.type


def test_the_command_prints_table_and_json(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from heron.cli.evaluate_events import command
    from heron.evaluate import events

    gold, data = _gold_folder(tmp_path, A_EVENTS, B_EVENTS)

    def extractor(articles):
        for _ in articles:
            yield _extraction([_event("E1", "COERCE")], [])

    monkeypatch.setattr(events, "default_extractor", lambda model=None: (extractor, ["fake"]))
    result = CliRunner().invoke(command, [str(gold), "--data", str(data), "--json", "--split", "dev"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert list(out["splits"]) == ["dev"] and out["splits"]["dev"]["type"]["tp"] == 1
    assert out["agreement"]["articles"] == 1 and out["pipeline"] == ["fake"]
    table = CliRunner().invoke(command, [str(gold), "--data", str(data)])
    assert table.exit_code == 0, table.output
    assert [line.split()[0] for line in table.output.splitlines()[2:5]] == ["dev", "test", "all"]
    assert "agreement on the 1 double-coded articles (second annotator against first): type F1 1.000, dyad F1 0.500" in table.output
    broken = CliRunner().invoke(command, [str(tmp_path), "--data", str(data)])
    assert broken.exit_code != 0 and "no articles.json" in broken.output

"""Magnitudes: counts of the killed, injured, arrested, displaced and missing (sentences written for these tests)."""
from __future__ import annotations

import csv
import io

import pytest

from heron.evaluate.magnitudes import GoldMagnitude, score_sentence
from heron.events.magnitudes import attach, count_value, lexicon, read_magnitudes, told_before
from heron.formats import write_acled
from heron.records import Article, Event, Extraction, Magnitude, Mention, from_dict, to_dict
from heron.store import Store
from heron.tables import TABLES, rows


def read(nlp, text: str) -> list[tuple[str, int, str, bool]]:
    doc = nlp(text)
    return [(r.magnitude.kind, r.magnitude.count, r.magnitude.qualifier, r.magnitude.cumulative)
            for sent in doc.sents for r in read_magnitudes(sent)]


@pytest.mark.parametrize("words,value", [
    (["12"], (12, False)), (["12,000"], (12000, False)), (["1.5", "million"], (1500000, False)),
    (["two", "dozen"], (24, False)), (["a", "dozen"], (12, False)), (["sixty", "six"], (66, False)),
    (["hundreds"], (200, True)), (["tens", "thousands"], (20000, True)), (["dozens"], (24, True)),
    (["a"], None),
])
def test_count_values(words, value):
    assert count_value(words) == value


@pytest.mark.parametrize("text,expected", [
    # passive, active, participle, adjective
    ("At least 12 civilians were killed in the shelling.", [("killed", 12, "at_least", False)]),
    ("The strike hit the market, killing 12.", [("killed", 12, "exact", False)]),
    ("Gunmen stormed the hotel, leaving 12 dead and 30 wounded.",
     [("killed", 12, "exact", False), ("injured", 30, "exact", False)]),
    ("The blast left 3 injured.", [("injured", 3, "exact", False)]),
    ("Twelve dead after a bus bombing in the capital.", [("killed", 12, "exact", False)]),
    # number words, hedges
    ("Two dozen soldiers died and hundreds of villagers were wounded.",
     [("killed", 24, "exact", False), ("injured", 200, "at_least", False)]),
    ("An estimated 20,000 people fled their homes after the offensive.", [("displaced", 20000, "estimated", False)]),
    ("The floods displaced 1.5 million people.", [("displaced", 1500000, "exact", False)]),
    ("More than 40 people were wounded and nearly 10 are missing.",
     [("injured", 40, "more_than", False), ("missing", 10, "fewer_than", False)]),
    ("Around 300 protesters were detained.", [("arrested", 300, "about", False)]),
    ("Forty-five people or more were hurt.", [("injured", 45, "at_least", False)]),
    # running totals
    ("The death toll has risen to 31.", [("killed", 31, "exact", True)]),
    ("So far 1,200 people have been killed in the fighting.", [("killed", 1200, "exact", True)]),
    ("More than 5,000 protesters have been arrested since the unrest began.",
     [("arrested", 5000, "more_than", True)]),
    ("A total of 39 are confirmed dead.", [("killed", 39, "exact", True)]),
    # arrests, nouns, lives
    ("Police arrested 40 demonstrators on Friday.", [("arrested", 40, "exact", False)]),
    ("The clashes caused 56 deaths and 200 injuries.", [("killed", 56, "exact", False), ("injured", 200, "exact", False)]),
    ("The storm claimed 18 lives.", [("killed", 18, "exact", False)]),
    ("He mourned the deaths of 29 miners.", [("killed", 29, "exact", False)]),
    ("The attack had killed nine and injured nine more.",
     [("killed", 9, "exact", False), ("injured", 9, "exact", False)]),
    # not counts of people
    ("He died in 2016 at the age of 78.", []),
    ("The rebels killed time for 3 days.", []),
    ("Officials said 7 were wounded, but no one was killed.", [("injured", 7, "exact", False)]),
    ("Pollution causes 4 deaths per 100,000 people.", []),
    ("The talks were held in 12 rounds.", []),
])
def test_reader(nlp, text, expected):
    assert read(nlp, text) == expected


def test_who_and_evidence(nlp):
    doc = nlp("Soldiers shot dead at least 14 unarmed villagers.")
    (reading,) = [r for sent in doc.sents for r in read_magnitudes(sent)]
    m = reading.magnitude
    assert (m.kind, m.count, m.qualifier, m.who) == ("killed", 14, "at_least", "unarmed villagers")
    assert doc.text[m.evidence.start:m.evidence.end] == m.evidence.text
    assert "14" in m.evidence.text and "dead" in m.evidence.text


def test_lexicon_kinds_are_known():
    lex = lexicon()
    assert {w.kind for w in lex.kinds.values()} == {"killed", "injured", "arrested", "displaced", "missing"}
    assert ("at", "least") in dict(lex.before) and "people" in lex.victims and "day" in lex.not_victims


def _reading(nlp, text):
    doc = nlp(text)
    return doc, [r for sent in doc.sents for r in read_magnitudes(sent)]


def test_attach_prefers_the_governing_trigger_then_the_kind(nlp):
    doc, readings = _reading(nlp, "Police said troops fired on the march, killing 12, and arrested 30 people.")
    fired = next(t.i for t in doc if t.lower_ == "fired")
    arrested = next(t.i for t in doc if t.lower_ == "arrested")
    said = next(t.i for t in doc if t.lower_ == "said")
    events = [("ACCUSE", "ACCUSE", [said]), ("ASSAULT", "ASSAULT", [fired]), ("COERCE", "COERCE", [arrested])]
    pairs = {(r.magnitude.kind, r.magnitude.count): e for r, e in attach(readings, events)}
    assert pairs == {("killed", 12): "ASSAULT", ("arrested", 30): "COERCE"}
    # a count with no event of its kind stays on the best event there is
    assert [e for _, e in attach(readings, events[:1])] == ["ACCUSE", "ACCUSE"]
    assert attach(readings, []) == []


def test_told_before_takes_only_the_kind_event():
    events = [("talks", "CONSULT", [1]), ("raid", "ASSAULT", [5]), ("arrest", "COERCE", [9])]
    assert told_before("killed", events) == "raid"
    assert told_before("arrested", events) == "arrest"
    assert told_before("killed", events[:1]) is None


def test_events_carry_their_magnitudes(heron_pipeline):
    text = ("Russian forces shelled Kharkiv on Tuesday, killing at least 12 civilians and wounding 30. "
            "Police in Minsk arrested 40 protesters on Sunday.")
    ex = heron_pipeline.extract(Article(text=text, date="2022-03-30"))
    by_type = {e.type: [(m.kind, m.count, m.qualifier) for m in e.magnitudes] for e in ex.events}
    assert by_type["ASSAULT"] == [("killed", 12, "at_least"), ("injured", 30, "exact")]
    assert by_type["COERCE"] == [("arrested", 40, "exact")]
    assault = next(e for e in ex.events if e.type == "ASSAULT")
    assert (assault.toll("killed"), assault.toll("injured"), assault.toll("arrested")) == (12, 30, None)


def test_a_count_in_the_next_sentence_goes_to_the_attack_of_its_paragraph(heron_pipeline):
    text = "Gunmen attacked a police station in Kano on Monday. At least nine died."
    ex = heron_pipeline.extract(Article(text=text, date="2022-03-30"))
    (assault,) = ex.events
    assert [(m.kind, m.count, m.qualifier) for m in assault.magnitudes] == [("killed", 9, "at_least")]
    ex = heron_pipeline.extract(Article(text=text.replace(". ", ".\n"), date="2022-03-30"))
    assert [e.magnitudes for e in ex.events] == [[]]  # a new paragraph may be another story


def _extraction(magnitudes: list[Magnitude]) -> Extraction:
    text = "Rebels attacked the town, killing 12; the toll has risen to 40 so far."
    event = Event("E1", "ASSAULT", "190", 4, -10.0, trigger=Mention("attacked", 7, 15),
                  evidence=Mention(text, 0, len(text)), magnitudes=magnitudes)
    return Extraction(article=Article(text=text, date="2022-03-30"), events=[event])


def test_records_tables_and_acled_use_the_non_cumulative_killed():
    twelve = Magnitude("killed", 12, evidence=Mention("killing 12", 26, 36))
    toll = Magnitude("killed", 40, cumulative=True, evidence=Mention("toll has risen to 40", 42, 62))
    ex = _extraction([twelve, toll])
    assert from_dict(to_dict(ex)) == ex
    table = rows(ex)["magnitudes"]
    assert [r["count"] for r in table] == [12, 40] and list(table[0]) == [c.name for c in TABLES["magnitudes"]]
    assert _acled(ex)["fatalities"] == "12"
    assert _acled(_extraction([toll]))["fatalities"] == ""  # a running total is not this event's toll


def test_the_store_keeps_magnitudes(tmp_path):
    ex = _extraction([Magnitude("killed", 12, "at_least", who="villagers", evidence=Mention("killing 12", 26, 36))])
    with Store(tmp_path / "heron.duckdb") as store:
        store.write([ex])
        _, found = store.sql("SELECT event_id, kind, count, qualifier, cumulative, who, evidence_start FROM magnitudes")
    assert found == [("E1", "killed", 12, "at_least", False, "villagers", 26)]


def _acled(ex: Extraction) -> dict[str, str]:
    out = io.StringIO()
    write_acled([ex], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    return row


def test_scoring_matches_kind_and_count_then_checks_the_rest():
    gold = [GoldMagnitude("killed", 12, "at_least", False), GoldMagnitude("injured", 3, "exact", False)]
    predicted = [Magnitude("killed", 12, "exact"), Magnitude("killed", 3)]
    score = score_sentence(predicted, gold)
    assert (score.match.tp, score.match.fp, score.match.fn) == (1, 1, 1)
    assert (score.qualifier, score.cumulative) == (0.0, 1.0)


def test_a_running_total_told_beside_the_count_is_that_total_s(nlp):
    text = "Officials said 9 people had been killed in the shelling, adding to a toll of 3,000 so far."
    found = [(kind, count, cumulative) for kind, count, _, cumulative in read(nlp, text)]
    assert ("killed", 9, False) in found

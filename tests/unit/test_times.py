"""Dates: recognition, normalisation against the article date, the heron_times component, event dating."""
import datetime as dt

import pytest

from heron.records import Mention, TimeRef
from heron.resolve.timex import calendar, find, normalise

ANCHOR = dt.date(2022, 3, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("yesterday", None, ("2022-03-29", "day")),
        ("today", None, ("2022-03-30", "day")),
        ("tomorrow", "future", ("2022-03-31", "day")),
        ("last week", None, ("2022-W12", "week")),
        ("next week", None, ("2022-W14", "week")),
        ("this month", None, ("2022-03", "month")),
        ("last year", None, ("2021", "year")),
        ("in 2014", None, ("2014", "year")),
        ("in March", "past", ("2022-03", "month")),
        ("in November", "past", ("2021-11", "month")),
        ("in November", "future", ("2022-11", "month")),
        ("on Tuesday", "past", ("2022-03-29", "day")),
        ("on Tuesday", "future", ("2022-04-05", "day")),
        ("last Friday", None, ("2022-03-25", "day")),
        ("two days ago", None, ("2022-03-28", "day")),
        ("three weeks earlier", None, ("2022-W10", "week")),
        ("30 March 2022", None, ("2022-03-30", "day")),
        ("March 30, 2022", None, ("2022-03-30", "day")),
        ("Sept. 9", "past", ("2021-09-09", "day")),
        ("2022-03-30", None, ("2022-03-30", "day")),
        ("25/03/2022", None, ("2022-03-25", "day")),
        ("the third quarter", "past", ("2021-Q3", "quarter")),
        ("the first quarter of 2020", None, ("2020-Q1", "quarter")),
        ("this summer", None, ("2022-SU", "season")),
        ("the 1990s", None, ("199", "decade")),
        ("the last century", None, ("19", "century")),
        ("early next year", None, ("2023", "year")),
        ("the end of 2019", None, ("2019", "year")),
        ("now", None, ("PRESENT_REF", "unknown")),
        ("recently", None, ("PAST_REF", "unknown")),
        ("at the start of the war", None, (None, "unknown")),
        ("days later", None, (None, "unknown")),
    ],
)
def test_normalise_against_the_article_date(expression, tense, expected):
    assert normalise(expression, ANCHOR, tense=tense) == expected


def test_ambiguous_numeric_date_needs_a_locale():
    assert normalise("03/04/2022", ANCHOR) == (None, "unknown")
    assert normalise("03/04/2022", ANCHOR, dayfirst=True) == ("2022-04-03", "day")
    assert normalise("03/04/2022", ANCHOR, dayfirst=False) == ("2022-03-04", "day")


def test_relative_to_a_reference_time():
    assert normalise("two days later", ANCHOR, reference="2022-03-20") == ("2022-03-22", "day")
    assert normalise("the next day", ANCHOR, reference="2022-03-20") == ("2022-03-21", "day")
    assert normalise("the following month", ANCHOR, reference="2021-12") == ("2022-01", "month")
    assert normalise("a year earlier", ANCHOR, reference="2021-Q4") == ("2020-Q4", "quarter")
    assert normalise("the next day", ANCHOR) == (None, "unknown")


def test_without_an_anchor_only_absolute_dates_resolve():
    assert normalise("30 March 2022", None) == ("2022-03-30", "day")
    assert normalise("in 2014", None) == ("2014", "year")
    assert normalise("yesterday", None) == (None, "unknown")
    assert normalise("last week", None) == (None, "unknown")


def test_a_bad_anchor_is_a_clear_error():
    with pytest.raises(TypeError, match="anchor"):
        normalise("yesterday", "2022-03-30")


def test_invalid_calendar_dates_are_unknown():
    assert normalise("31 February 2022", ANCHOR) == (None, "unknown")
    assert normalise("2022-13-01", ANCHOR) == (None, "unknown")


def test_calendar_maps_timebank_references():
    assert calendar("PRESENT_REF", "unknown", ANCHOR) == ("2022-03-30", "day")
    assert calendar("PAST_REF", "unknown", ANCHOR) == (None, "unknown")
    assert calendar("PRESENT_REF", "unknown", None) == (None, "unknown")
    assert calendar("2022-W12", "week", ANCHOR) == ("2022-W12", "week")


def _texts(text):
    return [(e.text, e.kind) for e in find(text)]


def test_find_dates_but_not_durations_or_ages():
    text = ("The ministers met on 12 March 2022 and again last week. The talks lasted for three days, "
            "and a 45-year-old driver was hurt. Prices rose in the second quarter.")
    assert _texts(text) == [("12 March 2022", "DATE"), ("last week", "DATE"), ("the second quarter", "DATE")]


def test_find_kinds_and_modifiers():
    text = "Late last night the shelling resumed; early next year the port may reopen, as it did at the start of the war."
    assert _texts(text) == [("Late last night", "TIME"), ("early next year", "DATE"),
                            ("the start of the war", "EVENT")]


def test_find_clock_times_are_times_of_a_day_and_sets_are_not_dates():
    text = "Polls closed at 9 p.m. Sunday; the council meets every Thursday."
    assert _texts(text) == [("9 p.m. Sunday", "TIME")]
    assert normalise("9 p.m. Sunday", ANCHOR, tense="past") == ("2022-03-27", "day")


def test_find_reads_four_digits_before_a_time_zone_as_a_clock_time():
    assert _texts("The convoy left at 0600 local time (0400 GMT).") == []
    assert _texts("Gunfire was reported near 1800 UTC on the bridge.") == []
    assert _texts("The treaty of 1815 still shapes the border.") == [("1815", "DATE")]


def test_find_keeps_may_the_verb_out():
    assert _texts("Officials may travel in May.") == [("May", "DATE")]
    assert [e.start for e in find("Officials may travel in May.")] == [24]


def test_find_leaves_the_fall_of_a_city_alone():
    assert _texts("After the fall of the city, this fall was quiet.") == [("this fall", "DATE")]


def test_every_month_and_weekday_of_the_word_list_is_found_and_read():
    from heron.lang.en.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

    for n, month in enumerate(MONTHS, start=1):
        assert _texts(f"It happened on {month} 3, 2021.") == [(f"{month} 3, 2021", "DATE")]
        assert normalise(f"{month} 3, 2021", ANCHOR) == (f"2021-{n:02d}-03", "day")
    for abbreviation, n in MONTH_ABBREVIATIONS.items():
        assert normalise(f"{abbreviation}. 3, 2021", ANCHOR) == (f"2021-{n:02d}-03", "day")
    for n, weekday in enumerate(WEEKDAYS):
        assert _texts(f"They met last {weekday}.") == [(f"last {weekday}", "DATE")]
        assert dt.date.fromisoformat(normalise(f"last {weekday}", ANCHOR)[0]).weekday() == n


def test_clause_tense_reads_the_events_future_cues_and_its_own():
    from heron.components.times import _future_aux
    from heron.events.lexicon import cue_words
    from heron.resolve.timex import time_cues

    assert cue_words("future", "modifier") < _future_aux()
    only_tense = _future_aux() - cue_words("future", "modifier")
    assert only_tense == set(time_cues("future_aux")) and {"wo", "'d"} <= only_tense


# --- the spaCy component ----------------------------------------------------------------


@pytest.fixture()
def parse(nlp):
    from heron.components.times import TimesComponent

    def run(text, date=ANCHOR):
        doc = nlp(text)
        doc._.article_date = date
        return TimesComponent()(doc)

    return run


def test_component_writes_times_and_token_map(parse):
    doc = parse("Rebels attacked the airport on Tuesday. About 2000 people fled, the mayor said yesterday.")
    assert [(t.id, t.value, t.granularity, t.mention.text) for t in doc._.times] == [
        ("T1", "2022-03-29", "day", "Tuesday"),
        ("T2", "2022-03-29", "day", "yesterday"),
    ]
    tuesday, yesterday = _token(doc, "Tuesday"), _token(doc, "yesterday")
    assert doc._.time_of == {tuesday.i: "T1", yesterday.i: "T2"}
    assert all(not t.fallback for t in doc._.times)
    assert doc.text[doc._.times[0].mention.start:doc._.times[0].mention.end] == "Tuesday"


def test_component_tells_years_from_counts(parse):
    doc = parse("Some 1500 soldiers crossed after the 1990 invasion; about 2000 people left in nineteen ninety-six.")
    assert [(t.mention.text, t.value) for t in doc._.times] == [("1990", "1990"), ("nineteen ninety-six", "1996")]


def test_component_counts_a_year_earlier_from_the_quarter(parse):
    doc = parse("Profit rose in the third quarter. Sales were flat from a year earlier.")
    assert [t.value for t in doc._.times] == ["2021-Q3", "2020-Q3"]


def test_component_continues_a_story_from_the_last_date(parse):
    doc = parse("Fighting began on 3 March 2022. Two days later, the city fell. The next day was calm.")
    assert [t.value for t in doc._.times] == ["2022-03-03", "2022-03-05", "2022-03-06"]


def test_component_future_tense_points_forward(parse):
    doc = parse("The envoy will visit Warsaw on Tuesday.")
    assert doc._.times[0].value == "2022-04-05"


def test_component_now_is_the_article_day(parse):
    doc = parse("The ceasefire is now holding.")
    assert (doc._.times[0].value, doc._.times[0].granularity) == ("2022-03-30", "day")


def test_component_without_article_date(parse):
    doc = parse("The army withdrew last week after talks on 3 March 2022.", date=None)
    assert [(t.value, t.granularity) for t in doc._.times] == [(None, "unknown"), ("2022-03-03", "day")]


def test_component_runs_on_an_unparsed_doc():
    import spacy

    from heron.components.times import TimesComponent

    doc = spacy.blank("en")("Talks resumed yesterday. They end on 2 April 2022.")
    doc._.article_date = ANCHOR
    TimesComponent()(doc)
    assert [t.value for t in doc._.times] == ["2022-03-29", "2022-04-02"]


def test_factory_is_registered(nlp):
    from spacy.language import Language

    import heron.components.times  # noqa: F401

    assert Language.has_factory("heron_times")


# --- dating events ----------------------------------------------------------------------


def _token(doc, word):
    return next(tok for tok in doc if tok.text == word)


def test_event_time_takes_the_clause_date(parse):
    from heron.components.times import event_time

    doc = parse("Troops shelled the port on Tuesday, and the government protested yesterday.")
    assert event_time(doc, _token(doc, "shelled")).value == "2022-03-29"
    assert event_time(doc, _token(doc, "shelled")).mention.text == "Tuesday"
    assert event_time(doc, _token(doc, "protested")).mention.text == "yesterday"


def test_event_time_counts_days_later_from_the_previous_event(parse):
    from heron.components.times import event_time

    doc = parse("Two days later, the troops withdrew.")
    previous = TimeRef(id="T9", value="2022-03-20", granularity="day", mention=Mention("20 March", 0, 8))
    before = len(doc._.times)
    derived = []
    ref = event_time(doc, _token(doc, "withdrew"), previous, derived)
    assert (ref.value, ref.granularity, ref.fallback) == ("2022-03-22", "day", False)
    assert ref.id == f"T{before + 1}" and derived == [ref] and ref not in doc._.times
    assert event_time(doc, _token(doc, "withdrew"), previous, derived) is ref  # not derived twice
    assert derived == [ref]
    vague = parse("Days later, the troops withdrew.")
    ref = event_time(vague, _token(vague, "withdrew"), previous)
    assert (ref.value, ref.granularity, ref.fallback) == (None, "unknown", False)


def test_event_time_keeps_an_event_anchored_time_unknown(parse):
    from heron.components.times import event_time

    doc = parse("At the start of the war, thousands fled the city.")
    ref = event_time(doc, _token(doc, "fled"))
    assert (ref.value, ref.granularity, ref.fallback) == (None, "unknown", False)


def test_event_time_falls_back_to_the_article_date(parse):
    from heron.components.times import event_time

    doc = parse("Protesters gathered outside the embassy.")
    ref = event_time(doc, _token(doc, "gathered"))
    assert (ref.id, ref.value, ref.granularity, ref.fallback) == ("", "2022-03-30", "day", True)
    undated = parse("Protesters gathered outside the embassy.", date=None)
    ref = event_time(undated, _token(undated, "gathered"))
    assert (ref.value, ref.granularity, ref.fallback) == (None, "unknown", True)


def test_event_time_uses_the_only_date_of_the_sentence(parse):
    from heron.components.times import event_time

    doc = parse("The ministry said on Monday that rebels had blocked the road.")
    ref = event_time(doc, _token(doc, "blocked"))
    assert (ref.mention.text, ref.value, ref.fallback) == ("Monday", "2022-03-28", False)


# --- the TimeML scorer ------------------------------------------------------------------

_TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-03-30" functionInDocument="CREATION_TIME">20220330</TIMEX3></DCT>
<TEXT>
The port reopened <TIMEX3 tid="t1" type="DATE" value="2022-03-29">yesterday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of talks &amp; will close
<TIMEX3 tid="t3" type="DATE" value="2022-W14">next week</TIMEX3>. Trade fell in
<TIMEX3 tid="t4" type="DATE" value="2021-Q4">the fourth quarter</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_offsets_and_dct(tmp_path):
    from heron.evaluate.timex import read_timeml

    path = tmp_path / "a.tml"
    path.write_text(_TML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct == dt.date(2022, 3, 30)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "2022-03-29"), ("three days", "DURATION", "P3D"),
        ("next week", "DATE", "2022-W14"), ("the fourth quarter", "DATE", "2021-Q4"),
    ]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert "talks & will" in doc.text


def test_scorer_strict_relaxed_and_values(tmp_path):
    from heron.evaluate.timex import Predicted, evaluate

    (tmp_path / "a.tml").write_text(_TML, encoding="utf-8")

    def predictor(docs):
        text = docs[0].text
        spans = [("yesterday", "2022-03-29"), ("close\nnext week", "2022-W14"), ("fourth quarter", "2021-Q3"),
                 ("The port", None)]
        return [[Predicted(text.index(s), text.index(s) + len(s), s, v) for s, v in spans]]

    figures = evaluate(tmp_path, predictor)["all"]
    assert (figures["gold"], figures["predicted"]) == (3, 4)
    assert figures["strict_recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["relaxed_recall"] == 1.0 and figures["relaxed_precision"] == 0.75
    assert figures["value_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["value_accuracy_strict"] == 1.0

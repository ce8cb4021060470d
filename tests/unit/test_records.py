import json

from heron.records import (Actor, Article, Event, Extraction, Mention, Mode, Place, Quote, TimeRef, content_id,
                           from_dict, to_dict)

TEXT = "Rebels shelled the port of Hodeidah on Monday, the coalition said."


def sample() -> Extraction:
    art = Article(text=TEXT, date="2021-06-07", title="Port shelled", input="brief.txt")
    rebels = Actor(id="A1", name="Rebels", sector="REB", kind="group", mentions=[Mention("Rebels", 0, 6)])
    port = Place(id="P1", name="Hodeidah", geonames_id=79415, country="YEM", lat=14.8, lon=42.95,
                 feature="P.PPLA", mentions=[Mention("Hodeidah", 27, 35)])
    monday = TimeRef(id="T1", value="2021-06-07", granularity="day", mention=Mention("Monday", 39, 45))
    quote = Quote(id="Q1", content=Mention(TEXT[:45], 0, 45), kind="indirect", speaker=None,
                  speaker_name="the coalition", cue=Mention("said", 61, 65))
    event = Event(id="E1", type="ASSAULT", cameo="195", quad=4, goldstein=-10.0,
                  trigger=Mention("shelled", 7, 14), evidence=Mention(TEXT, 0, len(TEXT)), sources=["A1"],
                  mode=Mode(reported=True, condition=None), place="P1", date=monday, quote="Q1")
    return Extraction(article=art, actors=[rebels], places=[port], times=[monday], quotes=[quote], events=[event])


def test_offsets_point_into_the_text():
    ex = sample()
    for m in [ex.events[0].trigger, ex.places[0].mentions[0], ex.times[0].mention, ex.quotes[0].cue]:
        assert TEXT[m.start:m.end] == m.text


def test_json_round_trip_keeps_every_record():
    ex = sample()
    data = json.loads(json.dumps(to_dict(ex)))
    assert data["schema_version"] == 1
    back = from_dict(data)
    assert back == ex
    assert isinstance(back.events[0].date, TimeRef) and isinstance(back.events[0].mode, Mode)


def test_content_id_ignores_whitespace_but_not_words():
    assert content_id("a  b\nc") == content_id("a b c")
    assert content_id("a b c") != content_id("a b d")
    assert Article(text="x y").id == content_id("x y")


def test_mode_labels():
    assert Mode().labels() == ["asserted"]
    assert Mode(negated=True, future=True).labels() == ["negated", "future"]


def test_lookup_by_id():
    ex = sample()
    assert ex.actor("A1").name == "Rebels" and ex.actor("A9") is None
    assert ex.place("P1").country == "YEM"

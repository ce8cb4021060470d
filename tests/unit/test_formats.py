"""GDELT, PLOVER and ACLED exports of hand-built extractions (fixture text written for these tests)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from heron.formats import WRITERS, write_acled, write_gdelt, write_plover
from heron.formats.acled import COLUMNS as ACLED_COLUMNS
from heron.formats.acled import acled_type, inter
from heron.formats.common import EventDay, country, event_day, event_number, read_table
from heron.formats.gdelt import COLUMNS as GDELT_COLUMNS
from heron.formats.gdelt import adm1_code, geo_type
from heron.formats.plover import event_dates, plover_modes
from heron.records import Actor, Article, Event, Extraction, Magnitude, Mention, Mode, Place, TimeRef

TEXT = (
    "Rebel fighters shelled the\ttown of Kramatorsk on Tuesday, killing at least four civilians.\n"
    "Russian and NATO envoys will meet in Turkey later this month.\n"
    "Rioters clashed with police in Austin.\n"
    "Soldiers attacked villagers near the river."
)


def _span(text: str, start_at: int = 0) -> Mention:
    start = TEXT.index(text, start_at)
    return Mention(text, start, start + len(text))


def _sentence(n: int) -> Mention:
    lines = TEXT.split("\n")
    start = sum(len(line) + 1 for line in lines[:n])
    return Mention(lines[n], start, start + len(lines[n]))


def _extraction(article_date: str | None = "2022-03-30") -> Extraction:
    actors = [
        Actor("A1", "Rebel fighters", code="UKRREB", country="UKR", sector="REB", mentions=[_span("Rebel fighters")]),
        Actor("A2", "civilians", code="UKRCVL", country="UKR", sector="CVL"),
        Actor("A3", "Russian envoys", code="RUSGOV", country="RUS", sector="GOV", role="envoy"),
        Actor("A4", "NATO", code="NATO", sector="IGO", kb_id="NATO"),
        Actor("A5", "Rioters", code="USACVL", country="USA", sector="CVL"),
        Actor("A6", "police", code="USACOP", country="USA", sector="COP"),
        Actor("A7", "Soldiers", code="RUSMIL", country="RUS", sector="MIL"),
        Actor("A8", "villagers", code="UKRCVL", country="UKR", sector="CVL"),
    ]
    places = [
        Place("P1", "Kramatorsk", geonames_id=704508, country="UKR", lat=48.7235, lon=37.5562, feature="P.PPL",
              mentions=[_span("Kramatorsk")]),
        Place("P2", "Turkey", geonames_id=298795, country="TUR", lat=39.0, lon=35.0, feature="A.PCLI"),
        Place("P3", "Texas", geonames_id=4736286, country="USA", lat=31.25, lon=-99.25, feature="A.ADM1"),
    ]
    events = [
        Event("E1", "ASSAULT", "194", 4, -10.0, trigger=_span("shelled"), evidence=_sentence(0),
              sources=["A1"], targets=["A2"], place="P1",
              date=TimeRef("T1", "2022-03-29", "day", mention=_span("Tuesday")),
              magnitudes=[Magnitude("killed", 4, "at_least", who="civilians",
                                    evidence=_span("killing at least four civilians"))]),
        Event("E2", "CONSULT", "040", 1, 1.0, trigger=_span("meet"), evidence=_sentence(1),
              sources=["A3", "A4"], place="P2", mode=Mode(future=True),
              date=TimeRef("T2", "2022-03", "month", mention=_span("later this month")),
              mentions=[_sentence(2)]),
        Event("E3", "PROTEST", None, 4, -6.5, trigger=_span("clashed"), evidence=_sentence(2),
              sources=["A5"], targets=["A6"], place="P3",
              date=TimeRef("T3", article_date, "day", fallback=True)),
        Event("E4", "ASSAULT", "190", 4, -10.0, trigger=_span("attacked"), evidence=_sentence(3),
              sources=["A7"], targets=["A8"], place="P1", mode=Mode(reported=True)),
    ]
    article = Article(text=TEXT, date=article_date, title="A test brief", source="Test Wire",
                      url="https://example.org/brief")
    return Extraction(article=article, actors=actors, places=places, events=events)


# ---------------------------------------------------------------- GDELT


ADMIN1 = {704508: "UA.05", 4736286: "US.TX", 2988507: "FR.11"}  # GeoNames admin1 keys of the fixture places


def _gdelt(ex: Extraction, **kw) -> list[dict[str, str]]:
    kw.setdefault("admin1", ADMIN1.get)
    out = io.StringIO()
    n = write_gdelt([ex], out, **kw)
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert n == len(rows) - (1 if kw.get("header") else 0)
    assert all(len(r) == 61 for r in rows)
    return [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows]


def test_gdelt_has_the_61_codebook_columns_in_order():
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[39] == "Actor1Geo_ADM2Code" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_row_fields():
    rows = _gdelt(_extraction())
    assert len(rows) == 4
    r = rows[0]
    assert r["GLOBALEVENTID"] == str(event_number(_extraction().article, _extraction().events[0]))
    assert (r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]) == ("20220329", "202203", "2022", "2022.3260")
    assert (r["Actor1Code"], r["Actor1Name"], r["Actor1CountryCode"], r["Actor1Type1Code"]) == (
        "UKRREB", "REBEL FIGHTERS", "UKR", "REB")
    assert (r["Actor2Code"], r["Actor2Type1Code"]) == ("UKRCVL", "CVL")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == ("194", "194", "19")
    assert (r["QuadClass"], r["GoldsteinScale"]) == ("4", "-10")
    assert (r["NumMentions"], r["NumSources"], r["NumArticles"], r["AvgTone"]) == ("1", "1", "1", "")
    assert (r["ActionGeo_Type"], r["ActionGeo_CountryCode"], r["ActionGeo_Lat"], r["ActionGeo_Long"]) == (
        "4", "UP", "48.7235", "37.5562")
    assert r["ActionGeo_FullName"] == "Kramatorsk, Ukraine" and r["ActionGeo_FeatureID"] == "704508"
    assert r["ActionGeo_ADM1Code"] == "UP05" and r["ActionGeo_ADM2Code"] == ""
    assert all(r[c] == "" for c in GDELT_COLUMNS if c.startswith(("Actor1Geo", "Actor2Geo")))
    assert r["IsRootEvent"] == "1" and rows[1]["IsRootEvent"] == "0"
    assert r["DATEADDED"] == "20220330000000" and r["SOURCEURL"] == "https://example.org/brief"


def test_gdelt_groups_geo_types_and_coarse_dates():
    rows = _gdelt(_extraction())
    consult, protest = rows[1], rows[2]
    # A NATO actor without country is a known group; only the first source is kept (dyadic table).
    assert consult["Actor1Code"] == "RUSGOV" and consult["Actor2Code"] == ""
    assert consult["NumMentions"] == "2" and consult["GoldsteinScale"] == "1"
    # "later this month" (2022-03) in an article of 2022-03-30: filed under the article day.
    assert consult["SQLDATE"] == "20220330"
    assert (consult["ActionGeo_Type"], consult["ActionGeo_FullName"], consult["ActionGeo_CountryCode"]) == (
        "1", "Turkey", "TU")
    assert protest["ActionGeo_Type"] == "2" and protest["ActionGeo_CountryCode"] == "US"
    assert consult["ActionGeo_ADM1Code"] == "TU" and protest["ActionGeo_ADM1Code"] == "USTX"
    assert protest["EventCode"] == protest["EventRootCode"] == ""


def test_gdelt_known_group_code():
    ex = _extraction()
    ex.events[1].sources = ["A4"]
    row = _gdelt(ex)[1]
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1KnownGroupCode"]) == ("NATO", "", "NATO")


def test_gdelt_without_dates_places_or_url_leaves_fields_empty():
    ex = _extraction(article_date=None)
    ex.article.url = ex.article.source = None
    ex.events[2].place = None
    row = _gdelt(ex)[2]
    assert all(row[c] == "" for c in ("SQLDATE", "MonthYear", "Year", "FractionDate", "DATEADDED", "SOURCEURL"))
    assert all(row[c] == "" for c in GDELT_COLUMNS if c.startswith("ActionGeo"))


def test_gdelt_header_option_and_stable_ids():
    rows = _gdelt(_extraction(), header=True, date_added="20220330101500")
    assert list(rows[0].values()) == list(GDELT_COLUMNS)
    assert rows[1]["DATEADDED"] == "20220330101500"
    again = _gdelt(_extraction())
    assert [r["GLOBALEVENTID"] for r in rows[1:]] == [r["GLOBALEVENTID"] for r in again]
    assert len({r["GLOBALEVENTID"] for r in again}) == 4
    assert all(0 < int(r["GLOBALEVENTID"]) < 2**63 for r in again)


@pytest.mark.parametrize("feature,iso3,expected", [
    ("A.PCLI", "FRA", 1), ("A.ADM1", "USA", 2), ("P.PPL", "USA", 3), ("P.PPLC", "FRA", 4), ("A.ADM1", "FRA", 5),
    ("A.ADM2", "FRA", 4), (None, "FRA", 4),
])
def test_geo_type(feature, iso3, expected):
    assert geo_type(Place("P1", "x", country=iso3, lat=1.0, lon=2.0, feature=feature)) == expected


def test_adm1_code():
    paris = Place("P9", "Paris", geonames_id=2988507, country="FRA", lat=48.85, lon=2.35, feature="P.PPLC")
    kramatorsk = _extraction().places[0]
    assert adm1_code(paris, ADMIN1.get) == ""  # GeoNames' French codes are not FIPS
    assert adm1_code(kramatorsk, ADMIN1.get) == "UP05"
    assert adm1_code(kramatorsk, None) == "" and adm1_code(kramatorsk, {}.get) == ""
    rows = _gdelt(_extraction(), admin1=None)
    assert rows[0]["ActionGeo_ADM1Code"] == "" and rows[1]["ActionGeo_ADM1Code"] == "TU"


def test_fips_table():
    assert (country("UKR").fips, country("GBR").fips, country("DEU").fips, country("USA").fips) == ("UP", "UK",
                                                                                                   "GM", "US")
    assert country("UKR").iso_numeric == "804" and country(None) is None and country("ZZZ") is None


# ---------------------------------------------------------------- PLOVER


def _plover(ex: Extraction) -> list[dict]:
    out = io.StringIO()
    n = write_plover([ex], out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(records)
    return records


def test_plover_records():
    recs = _plover(_extraction())
    r = recs[0]
    assert r["id"] == f"{_extraction().article.id}-E1"
    assert (r["date"], r["enddate"], r["event"], r["quad_code"], r["event_scale"]) == (
        "2022-03-29", None, ["ASSAULT"], 4, -10.0)
    assert r["actor"] == [{"code": "UKR", "sector": "REB", "entity_text": "Rebel fighters", "identifier_id": None,
                           "identifier_text": "Rebel fighters", "office": None, "actor_code": "UKRREB"}]
    assert r["recipient"][0]["code"] == "UKR" and r["recipient"][0]["sector"] == "CVL"
    assert r["event_loc"] == {"extracted_place": "Kramatorsk", "resolved_place": "Kramatorsk", "geonameid": 704508,
                              "lat": 48.7235, "lon": 37.5562, "country": "Ukraine", "country_code": "UKR",
                              "feature_class": "P", "feature_code": "PPL", "resolution": 4}
    assert r["event_text"] == ["shelled"] and r["mode"] is None and (r["dead"], r["injured"]) == (4, None)
    assert r["text_info"] == {"start": 0, "end": TEXT.index("\n")}
    assert r["cite_info"]["url"] == "https://example.org/brief" and r["cite_info"]["publication"] == "Test Wire"


def test_plover_compound_actors_modes_and_month_span():
    consult = _plover(_extraction())[1]
    assert [a["code"] for a in consult["actor"]] == ["RUS", "NATO"] and consult["recipient"] == []
    assert consult["actor"][0]["office"] == "envoy"
    assert consult["mode"] == ["future"] and consult["heron_mode"] == ["future"]
    assert (consult["date"], consult["enddate"]) == ("2022-03-01", "2022-03-30")
    assert consult["event_loc"]["resolution"] == 1 and consult["dead"] is None


def test_plover_undated_event_takes_the_article_date():
    protest = _plover(_extraction())[2]
    assert (protest["date"], protest["enddate"], protest["cameo"]) == ("2022-03-30", None, None)
    assert protest["event_loc"]["resolution"] == 2


@pytest.mark.parametrize("mode,expected", [
    (Mode(), None), (Mode(reported=True), None), (Mode(negated=True), ["negation"]),
    (Mode(denied=True), ["negation"]), (Mode(ruled_out=True), ["future", "negation"]),
    (Mode(conditional=True, hypothetical=True), ["hypothetical"]), (Mode(future=True, negated=True),
                                                                    ["future", "negation"]),
])
def test_plover_modes(mode, expected):
    assert plover_modes(mode) == expected


def test_event_day_granularity_follows_the_value():
    ex = _extraction()
    ex.events[0].date = TimeRef("T9", "2021-11", "unknown")
    assert event_day(ex, ex.events[0]) == EventDay(dt.date(2021, 11, 1), "month", False)
    ex.events[0].date = TimeRef("T9", "2022", "year")
    assert event_day(ex, ex.events[0]) == EventDay(dt.date(2022, 3, 30), "year", True)
    ex.events[0].date = TimeRef("T9", None, "unknown")
    assert event_day(ex, ex.events[0]) == EventDay(dt.date(2022, 3, 30), "day", True)


def test_event_dates_week_outside_the_article():
    ex = _extraction()
    ex.events[0].date = TimeRef("T9", "2022-W10", "week")
    assert event_dates(ex, ex.events[0]) == ("2022-03-07", "2022-03-13")
    assert event_day(ex, ex.events[0]).day.isoformat() == "2022-03-07"


# ---------------------------------------------------------------- ACLED


def _acled(ex: Extraction, **kw) -> list[dict[str, str]]:
    out = io.StringIO()
    n = write_acled([ex], out, **kw)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert n == len(rows) - 1 and all(len(r) == 31 for r in rows)
    return [dict(zip(ACLED_COLUMNS, r, strict=True)) for r in rows[1:]]


def test_acled_rows():
    rows = _acled(_extraction())
    assert len(rows) == 3  # the future meeting is not an ACLED event
    shelling, riot, attack = rows
    assert (shelling["event_date"], shelling["year"], shelling["time_precision"]) == ("2022-03-29", "2022", "1")
    assert (shelling["disorder_type"], shelling["event_type"], shelling["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (shelling["actor1"], shelling["inter1"], shelling["actor2"], shelling["inter2"]) == (
        "Rebel fighters", "2", "civilians", "7")
    assert shelling["interaction"] == "27" and shelling["civilian_targeting"] == "Civilian targeting"
    assert (shelling["iso"], shelling["country"], shelling["location"], shelling["geo_precision"]) == (
        "804", "Ukraine", "Kramatorsk", "1")
    assert (shelling["latitude"], shelling["longitude"], shelling["fatalities"]) == ("48.7235", "37.5562", "4")
    assert shelling["event_id_cnty"].startswith("UKR") and shelling["source"] == "Test Wire"
    assert "\t" not in shelling["notes"] and shelling["notes"].startswith("Rebel fighters shelled the town")
    # No CAMEO code: the trigger decides; protesters' side is coded as rioters.
    assert (riot["event_type"], riot["sub_event_type"], riot["disorder_type"]) == (
        "Riots", "Violent demonstration", "Demonstrations")
    assert (riot["inter1"], riot["inter2"], riot["interaction"], riot["time_precision"]) == ("5", "1", "15", "2")
    assert riot["geo_precision"] == "3" and riot["fatalities"] == ""
    # Generic CAMEO 190 against civilians: not a battle; foreign troops are external forces.
    assert (attack["event_type"], attack["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (attack["inter1"], attack["interaction"], attack["tags"]) == ("8", "78", "reported")


def test_acled_include_unrealised():
    rows = _acled(_extraction(), include_unrealised=True)
    assert len(rows) == 4
    assert (rows[1]["event_type"], rows[1]["sub_event_type"], rows[1]["tags"]) == (
        "Strategic developments", "Other", "future")
    assert rows[1]["assoc_actor_1"] == "NATO" and rows[1]["interaction"] == "80"  # Russian officials in Turkey


@pytest.mark.parametrize("etype,cameo,trigger,expected", [
    ("ASSAULT", "190", "bombed", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", "190", "fought", ("Battles", "Armed clash")),
    ("ASSAULT", "195", "hit", ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "1821", "hit", ("Violence against civilians", "Sexual violence")),
    ("ASSAULT", None, "kidnapped", ("Violence against civilians", "Abduction/forced disappearance")),
    ("COERCE", "173", "held", ("Strategic developments", "Arrests")),
    ("COERCE", None, "detained", ("Strategic developments", "Arrests")),
    ("PROTEST", "141", "marched", ("Protests", "Peaceful protest")),
    ("RETREAT", "0871", "agreed", ("Strategic developments", "Agreement")),
    ("RETREAT", "087", "pulled back", ("Strategic developments", "Other")),
    ("MOBILIZE", "154", "deployed", ("Strategic developments", "Change to group/activity")),
    ("ACCUSE", "112", "accused", ("Strategic developments", "Other")),
])
def test_acled_type_mapping(etype, cameo, trigger, expected):
    m = Mention(trigger, 0, len(trigger))
    kind = acled_type(Event("E1", etype, cameo, None, None, trigger=m, evidence=m))
    assert (kind.event_type, kind.sub_event_type) == expected


def test_acled_sentence_words_count_for_attacks_only():
    def kind(etype: str, trigger: str, sentence: str):
        k = acled_type(Event("E1", etype, None, None, None, trigger=Mention(trigger, 0, len(trigger)),
                             evidence=Mention(sentence, 0, len(sentence))))
        return k.event_type, k.sub_event_type

    assert kind("ASSAULT", "attacked", "They attacked the port with drones.") == (
        "Explosions/Remote violence", "Air/drone strike")
    assert kind("RETREAT", "pulled back", "They pulled back, which is not a truce.") == (
        "Strategic developments", "Other")


def test_acled_table_uses_only_acled_types():
    known = {
        "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
        "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Grenade",
                                       "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"},
        "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
        "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
        "Riots": {"Violent demonstration", "Mob violence"},
        "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                                   "Headquarters or base established", "Looting/property destruction",
                                   "Non-violent transfer of territory", "Other"},
    }
    disorders = {"Political violence", "Demonstrations", "Strategic developments",
                 "Political violence; Demonstrations"}
    plover = {"*", "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
              "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}
    for row in read_table("plover_acled.tsv"):
        assert row["sub_event_type"] in known[row["event_type"]], row
        assert row["disorder_type"] in disorders and row["plover_type"] in plover, row
        assert not (row["cameo"] and row["trigger"]), row


def test_inter_codes():
    assert inter(Actor("A1", "Ukraine", code="UKR", country="UKR"), "UKR") == 1
    assert inter(Actor("A1", "Ukraine", code="UKR", country="UKR"), "POL") == 8
    assert inter(Actor("A1", "UN", code="UN", sector="IGO"), "UKR") == 8
    assert inter(Actor("A1", "someone"), "UKR") is None


# ---------------------------------------------------------------- shared


def test_writers_registry():
    assert set(WRITERS) == {"gdelt", "plover", "acled"}
    for write in WRITERS.values():
        assert write([], io.StringIO()) == 0


def test_writers_accept_real_pipeline_output(heron_pipeline):
    text = ("Police arrested eleven protesters in Lyon on Monday after a march against the new pension law. "
            "Two days later the French interior minister met union leaders in Paris.")
    ex = heron_pipeline.extract(Article(text=text, date="2023-03-22"))
    n_events = len(ex.events)
    out = io.StringIO()
    assert write_gdelt([ex], out) == n_events
    assert all(len(line.split("\t")) == 61 for line in out.getvalue().splitlines())
    out = io.StringIO()
    assert write_plover([ex], out) == n_events
    assert all(json.loads(line)["event"][0] == e.type for line, e in zip(out.getvalue().splitlines(), ex.events))
    out = io.StringIO()
    assert write_acled([ex], out, include_unrealised=True) == n_events

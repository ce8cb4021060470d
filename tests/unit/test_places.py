"""heron_places: gazetteer, disambiguation, the spaCy component and event_place (own sentences)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from heron.evaluate.geo import GeoReport, km, read_brat, score_doc, unscored_header
from heron.pipeline.places import event_place, find_toponyms, geocode
from heron.resolve import gazetteer
from heron.resolve.geo_disambiguate import Toponym, resolve


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def places_of(nlp, text):
    doc = nlp(text)
    doc._.places, doc._.place_of = geocode(doc)
    return doc


def by_name(doc):
    return {p.name: p for p in doc._.places}


def test_index_loads_fast_from_cache(gaz):
    gazetteer.build_index()  # already built: returns at once
    gazetteer.load.cache_clear()
    t = time.perf_counter()
    g = gazetteer.load()
    # ~0.6 s on an idle machine; the bound leaves room for a busy one but not for a rebuild (~40 s).
    assert time.perf_counter() - t < 5.0
    assert len(g) > 200_000
    assert gazetteer.index_path().stat().st_size < 100e6


def test_gazetteer_records(gaz):
    kyiv = gaz.get(703448)
    assert kyiv.country == "UKR" and kyiv.feature == "P.PPLC" and abs(kyiv.lat - 50.45) < 0.1
    ukraine = gaz.country("UKR")
    assert ukraine.geonames_id == 690791 and ukraine.feature == "A.PCLI" and ukraine.lat is not None
    assert any(c.geonames_id == 703448 for c in gaz.lookup("Kiev"))
    crimea = gaz.lookup("Crimea")[0]
    assert crimea.feature == "A.ADM1" and crimea.country == "UKR"


def test_data_files_point_to_known_records(gaz):
    for row in gazetteer.read_tsv("aliases.tsv"):
        assert gaz.get(int(row["geonames_id"])) is not None, row
    for row in gazetteer.read_tsv("demonyms.tsv"):
        target = row["place"]
        if target:
            found = gaz.get(int(target)) if target.isdigit() else gaz.country(target)
            assert found is not None, row


def test_norm():
    assert gazetteer.norm("the U.S.") == gazetteer.norm("US")
    assert gazetteer.norm("Ivano-Frankivsk") == gazetteer.norm("ivano frankivsk")
    assert gazetteer.norm("Zürich") == "zurich"


def test_resolve_priors_and_context():
    kyiv, kharkiv, kherson = resolve(["Kyiv", "Kharkiv", "Kherson"])
    assert (kyiv.geonames_id, kyiv.country) == (703448, "UKR")
    assert kharkiv.country == kherson.country == "UKR"
    assert kharkiv.feature.startswith("P.")  # the city, not the oblast
    paris, texas = resolve([Toponym("Paris", qualifier="Texas"), "Texas"])
    assert paris.country == "USA" and texas.feature == "A.ADM1"
    assert resolve(["Paris"])[0].country == "FRA"
    assert resolve(["Tbilisi", "Georgia"])[1].feature == "A.PCLI"
    atl = resolve(["Atlanta", "Georgia"])[1]
    assert (atl.country, atl.feature) == ("USA", "A.ADM1")
    assert resolve([Toponym("Kharkiv", hint="admin")])[0].feature == "A.ADM1"
    assert resolve(["Russian"])[0].country == "RUS"  # a demonym span resolves to its country
    assert resolve(["Colorado State University"])[0].name == "Colorado"
    assert resolve(["Qwxzville"]) == [None]


def test_component_ukraine_story(nlp):
    doc = places_of(
        nlp,
        "Ukrainian officials in Kyiv said Russian shells hit Chernihiv and Mariupol overnight. "
        "Residents near Irpin were told to leave, and negotiators met again in Istanbul.",
    )
    found = by_name(doc)
    for name in ("Kyiv", "Chernihiv", "Mariupol", "Irpin"):
        assert found[name].country == "UKR", name
    assert found["Istanbul"].country == "TUR"
    assert "Russian" not in found and "Ukrainian" not in found
    ids = [p.id for p in doc._.places]
    assert ids == [f"P{i}" for i in range(1, len(ids) + 1)]
    assert doc._.places[0].name == "Kyiv"  # numbered in order of first mention


def test_mislabeled_town_and_regions(nlp):
    doc = places_of(nlp, "Shelling continued around Mariupol. Fighting spread across the Donbas and Crimea.")
    found = by_name(doc)
    assert found["Mariupol"].geonames_id == 701822
    assert found["Donbas"].country == "UKR" and found["Donbas"].feature == "L.RGN"
    assert found["Crimea"].feature == "A.ADM1"


def test_demonyms_are_not_places(nlp):
    doc = places_of(nlp, "The Russian envoy met British and French diplomats.")
    assert doc._.places == []
    west = places_of(nlp, "Moscow accused the West of arming Ukraine.")
    assert "West" not in by_name(west) and by_name(west)["Moscow"].country == "RUS"


def test_same_name_same_place_and_token_map(nlp):
    doc = places_of(nlp, "Kyiv was quiet. Later, Kyiv said the talks had failed.")
    assert len(doc._.places) == 1
    kyiv = doc._.places[0]
    assert len(kyiv.mentions) == 2
    assert {i for i, pid in doc._.place_of.items() if pid == kyiv.id} == {t.i for t in doc if t.text == "Kyiv"}


def test_paris_texas_and_georgia(nlp):
    texas = by_name(places_of(nlp, "A tornado damaged homes in Paris, Texas, on Sunday."))
    assert texas["Paris"].country == "USA"
    atlanta = by_name(places_of(nlp, "Flooding closed roads in Atlanta, and the governor of Georgia declared an emergency."))
    assert atlanta["Georgia"].feature == "A.ADM1" and atlanta["Georgia"].country == "USA"
    tbilisi = by_name(places_of(nlp, "Protesters gathered in Tbilisi as Georgia debated the new law."))
    assert tbilisi["Georgia"].country == "GEO" and tbilisi["Georgia"].feature == "A.PCLI"


def test_component_handles_missing_actors(nlp):
    from spacy.language import Language

    from heron.pipeline.places import PlacesComponent

    assert Language.has_factory("heron_places")
    doc = nlp("Troops withdrew from Kherson.")
    assert doc._.actors is None
    PlacesComponent()(doc)
    assert [p.country for p in doc._.places] == ["UKR"]


def test_event_place(nlp):
    doc = places_of(nlp, "Russian troops shelled a school near Kharkiv, Ukrainian officials in Kyiv said.")
    shelled = next(t for t in doc if t.text == "shelled")
    said = next(t for t in doc if t.text == "said")
    kharkiv = by_name(doc)["Kharkiv"].id
    assert event_place(doc, shelled) == kharkiv
    assert event_place(doc, said) == by_name(doc)["Kyiv"].id
    doc2 = places_of(nlp, "The minister from Moscow condemned the decision.")
    condemned = next(t for t in doc2 if t.text == "condemned")
    assert event_place(doc2, condemned) is None


def test_no_toponyms_in_plain_text(nlp):
    doc = nlp("He said the plan would work if everyone agreed.")
    assert find_toponyms(doc) == []
    assert places_of(nlp, "NEWS UPDATE: John Park said the deal was done.")._.places == []


def test_dateline_in_capitals(nlp):
    doc = places_of(nlp, "KHARKIV (Reuters) - Shelling resumed on Tuesday.")
    assert [(p.name, p.country) for p in doc._.places] == [("KHARKIV", "UKR")]


def test_brat_reader_and_scoring(nlp, tmp_path: Path):
    text = "Talks opened in Vienna while shelling hit Kharkiv.\n"
    (tmp_path / "a.txt").write_text(text)
    v, k = text.index("Vienna"), text.index("Kharkiv")
    (tmp_path / "a.ann").write_text(
        f"T1\tLiteral {v} {v + 6}\tVienna\n#1\tAnnotatorNotes T1\t2761369\n"
        f"T2\tLiteral {k} {k + 7}\tKharkiv\n#2\tAnnotatorNotes T2\t706483\n"
        "A1\tModifier_Type T2 Noun\n"
    )
    [gold] = read_brat(tmp_path)
    assert [(s.text, s.geonames_id) for s in gold.spans] == [("Vienna", 2761369), ("Kharkiv", 706483)]
    report = GeoReport()
    score_doc(nlp(text), gold, report, gazetteer.load())
    f = report.figures()
    assert report.gold_ids == 2 and f["exact"] == 1.0 and f["within_161km"] == 1.0
    assert report.gold_toponyms == 2 and f["f1"] == 1.0


def test_brat_reader_errors(tmp_path: Path):
    from heron.evaluate.geo import BratError

    with pytest.raises(BratError):
        read_brat(tmp_path / "missing")
    (tmp_path / "a.txt").write_text("Lisbon.")
    with pytest.raises(BratError, match="no a.ann"):
        read_brat(tmp_path)
    (tmp_path / "a.ann").write_text("T1\tLiteral x y\tLisbon\n")
    with pytest.raises(BratError, match="cannot read"):
        read_brat(tmp_path)
    (tmp_path / "a.ann").write_text("T1\tLiteral 0 6\tLisbon\n")
    (tmp_path / "a.date").write_text("not a date")
    with pytest.raises(BratError):
        read_brat(tmp_path)
    (tmp_path / "a.date").write_text("2021-05-04\n")
    assert read_brat(tmp_path)[0].date.isoformat() == "2021-05-04"


def test_unannotated_header_line_is_not_scored():
    text = "TITLE: Storm nears Lisbon LINK: http://example.org/x\nThe storm reached Lisbon."
    assert unscored_header(text) == text.index("The storm")
    assert unscored_header("The storm reached Lisbon.") == 0


def test_km():
    assert abs(km(50.45, 30.52, 49.98, 36.25) - 412) < 10  # Kyiv to Kharkiv

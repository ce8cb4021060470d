"""Unit tests of scripts/build_phoenix_actors.py on small dictionary snippets written for these tests."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_phoenix_actors.py"
_spec = importlib.util.spec_from_file_location("build_phoenix_actors", SCRIPT)
bpa = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bpa
_spec.loader.exec_module(bpa)

COUNTRIES = frozenset({"FRA", "DEU", "GBR", "VGB", "USA", "TLS", "XKX", "ITA"})

PERSON_SNIPPET = """\
# a made-up country section
RURITANIA_  [FRA]
+RURITANIAN_

MARTA_VON_KESSELRING_  # invented person
+M._VON_KESSELRING_
+PRESIDENT_KESSELRING_
\t[FRAGOVAGR 950301-040615]
\t[FRAGOVMIL >040616]
\t[FRAELI]
OLAF_MCBRIDE_
OLAF_T._MCBRIDE_
\t[FRAGOV 800101-991231]
\t[FRAELI 991231-000101]
JEAN_DUPONT_IGO_
\t[IGOWSTNAT 030101-071231]
"""


def test_two_digit_year_rule():
    assert bpa.parse_date("290101") == dt.date(2029, 1, 1)
    assert bpa.parse_date("300101") == dt.date(1930, 1, 1)
    assert bpa.parse_date("000229") == dt.date(2000, 2, 29)
    assert bpa.parse_date("991231") == dt.date(1999, 12, 31)
    assert bpa.parse_date("19450508") == dt.date(1945, 5, 8)
    assert bpa.parse_date("1920030320") == dt.date(2003, 3, 20)   # doubled century repaired
    with pytest.raises(bpa.DateError):
        bpa.parse_date("2004017")
    with pytest.raises(bpa.DateError):
        bpa.parse_date("990230")


def test_date_restriction_forms():
    seg = bpa.parse_code("USAGOV 090120-170120")
    assert (seg.code, seg.start, seg.end, seg.dated) == ("USAGOV", dt.date(2009, 1, 20), dt.date(2017, 1, 20), True)
    seg = bpa.parse_code("DEUGOV >051122")
    assert (seg.start, seg.end) == (dt.date(2005, 11, 22), None)
    seg = bpa.parse_code("DEUGOV < 051122")
    assert (seg.start, seg.end) == (None, dt.date(2005, 11, 22))
    seg = bpa.parse_code("FRAELI")
    assert not seg.dated and seg.start is None and seg.end is None
    assert bpa.parse_code("---") is None
    with pytest.raises(bpa.DateError):
        bpa.parse_code("FRAGOV 100101-090101")     # ends before it starts


def test_entry_blocks_aliases_and_codes():
    entries = bpa.parse_actor_lines(PERSON_SNIPPET.splitlines())
    names = [e.name for e in entries]
    assert names == ["RURITANIA_", "MARTA_VON_KESSELRING_", "OLAF_MCBRIDE_", "JEAN_DUPONT_IGO_"]
    marta = entries[1]
    assert marta.names[1:] == ["M._VON_KESSELRING_", "PRESIDENT_KESSELRING_"]
    assert [(s.code, s.dated) for s in marta.segments] == [("FRAGOVAGR", True), ("FRAGOVMIL", True),
                                                           ("FRAELI", False)]
    # a code-less root line right after another one is a synonym of the same entry
    assert entries[2].names == ["OLAF_MCBRIDE_", "OLAF_T._MCBRIDE_"]


def test_person_with_two_dated_codes_and_alias():
    entries = bpa.parse_actor_lines(PERSON_SNIPPET.splitlines())
    stats = defaultdict(int)
    people = bpa.people_rows(entries, COUNTRIES, stats)
    # the country entry is not a person; McBride's segments all end by 2000-01-01
    assert sorted(people) == ["Jean Dupont Igo", "Marta von Kesselring"]
    rows = bpa.format_people(people)
    marta = [r for r in rows if r[0] == "Marta von Kesselring"]
    assert [r[4:] for r in marta] == [
        ("FRA", "", "", "GOV", "1995-03-01", "2004-06-15"),
        ("FRA", "", "", "MIL", "2004-06-16", ""),      # government + military = defence minister = MIL
    ]
    assert marta[0][1] == "M. von Kesselring;President Kesselring"
    assert stats["people: persons with no segment on or after 2000-01-01"] == 1
    dupont = [r for r in rows if r[0] == "Jean Dupont Igo"]
    assert dupont[0][4:8] == ("", "NATO", "", "IGO")


def test_person_code_territory_and_cameo_countries():
    assert bpa.person_code("GBRVGBGOV", COUNTRIES) == ("VGB", "", "GOV")
    assert bpa.person_code("TMPGOV", COUNTRIES) == ("TLS", "", "GOV")
    assert bpa.person_code("KSVGOVJUD", COUNTRIES) == ("XKX", "", "GOV")
    assert bpa.person_code("KNTGOV", COUNTRIES) is None       # fictional test country
    assert bpa.person_code("FRA", COUNTRIES) is None          # a country, not a person


def test_igo_code_mapping():
    assert bpa.igo_code("IGOUNO") == "UN"
    assert bpa.igo_code("IGOEUREEC") == "EU"
    assert bpa.igo_code("IGOWSTNAT") == "NATO"
    assert bpa.igo_code("IGOAFRAFU") == "AU"
    assert bpa.igo_code("IGOUNOKID") == "UNICEF"
    assert bpa.igo_code("IGOUNODEVWBK") == "WB"
    assert bpa.igo_code("IGOUNOHLHWHOMED") == "WHO"        # longest known prefix wins
    assert bpa.igo_code("IGOSCN") == "IGOSCN"              # unmapped: CAMEO code kept
    assert bpa.org_for_code("IGOUNOREFHCR", COUNTRIES) == ("UNHCR", "", "IGO")
    assert bpa.org_for_code("NGOGBRHRI", COUNTRIES) == ("NGOGBRHRI", "GBR", "NGO")
    assert bpa.org_for_code("MNCUSA", COUNTRIES) == ("MNCUSA", "USA", "BUS")


def test_armed_group_codes():
    assert bpa.armed_group_code("ITAREB", COUNTRIES) == ("ITAREB", "ITA", "REB")
    assert bpa.armed_group_code("FRAREBMUS", COUNTRIES) == ("FRAINS", "FRA", "INS")
    assert bpa.armed_group_code("IMGMUSALQ", COUNTRIES) == ("IMGINS", "", "INS")
    assert bpa.armed_group_code("MEAREB", COUNTRIES) == ("IMGINS", "", "INS")   # region, no country


def test_org_rows_from_snippets():
    intl = bpa.parse_actor_lines("""\
GRAND_ALLIANCE_OF_TESTLAND_  [IGOWSTNAT]
+GAT_
ZEPHYR_HOLDINGS_  [MNCUSA]
GERDA_TESTPERSON_  [IGOUNOKID]
""".splitlines())
    # a "+" inside a word is part of the name; "_+_" glues two synonyms
    glued = bpa.parse_actor_lines(["Q+R_SHIPPING_ [MNCUSA]", "+QR_LINES_+_QUAY_FREIGHT_"])
    assert [(e.name, e.names) for e in glued] == [("Q+R_SHIPPING_", ["Q+R_SHIPPING_", "QR_LINES_", "_QUAY_FREIGHT_"])]
    armed = bpa.parse_actor_lines("""\
BLUE_HILLS_LIBERATION_FRONT_(BHLF)_ [ITAREB] # invented
+BLUE_FRONT_
""".splitlines())
    stats = defaultdict(int)
    rows = bpa.org_rows(intl, armed, COUNTRIES, stats)
    assert rows == [
        ("ITAREB", "Blue Hills Liberation Front", "BHLF;Blue Front", "ITA", "REB"),
        ("MNCUSA", "Zephyr Holdings", "", "USA", "BUS"),
        ("NATO", "Grand Alliance of Testland", "GAT", "", "IGO"),
    ]
    # an official coded by the organisation is not the organisation
    assert stats["orgs: International person-like entries (to people.tsv if dated, else skipped)"] == 1


def test_agent_pattern_expansion():
    lines = """\
!HUMAN! = MAN, MEN, WOMAN, WOMEN, PERSON
!DEPT! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
BOAT!HUMAN! [~CVL]
!DEPT! OF_WIDGETS [~GOVBUS]
!DEPT! OF_WAR [~GOVMIL]
PEACE_GROUP {} [~NGO]
GOOSE_HERDER {GOOSE_HERDERS} [~AGR]
SPY_AGENCY [~SPY]
RADICAL_THINKER [~MUSRAD]
CONVOY_WATCHER [IGO~]
(ODD)_THING [~GOV]
UNKNOWN_THING [~XYZ]
""".splitlines()
    stats = defaultdict(int)
    rows = bpa.agent_rows(lines, stats)
    got = {r[0]: (r[1], r[2]) for r in rows}
    assert got["boatman"] == ("CVL", "boatmen")
    assert got["boatwoman"] == ("CVL", "boatwomen")
    assert got["boatperson"] == ("CVL", "")
    assert got["minister of widgets"] == ("GOV", "ministers of widgets")
    assert got["ministry of widgets"] == ("GOV", "ministries of widgets")
    assert got["minister of war"] == ("MIL", "ministers of war")
    assert got["peace group"] == ("NGO", "")
    assert got["goose herder"] == ("AGR", "goose herders")
    assert got["spy agency"] == ("SPY", "spy agencies")
    assert got["radical thinker"] == ("INS", "radical thinkers")
    assert got["convoy watcher"] == ("IGO", "convoy watchers")
    assert "(odd) thing" not in got and "unknown thing" not in got
    assert stats["agents: skipped (not a plain phrase)"] == 1
    assert stats["agents: skipped (code with no heron sector)"] == 1
    assert rows == sorted(rows)


def test_regular_plural():
    assert bpa.regular_plural("department of agriculture") == "departments of agriculture"
    assert bpa.regular_plural("rebel commander") == "rebel commanders"
    assert bpa.regular_plural("attorney") == "attorneys"
    assert bpa.regular_plural("militiaman") == "militiamen"
    assert bpa.regular_plural("witness") == "witnesses"
    assert bpa.regular_plural("cmdr.") == ""


def test_natural_case():
    assert bpa.natural_case("VLADIMIR_PUTIN_") == "Vladimir Putin"
    assert bpa.natural_case("MUHAMMAD_AL-BARADEI_") == "Muhammad al-Baradei"
    assert bpa.natural_case("ROBERT_MCNAMARA") == "Robert McNamara"
    assert bpa.natural_case("OSAMA_BIN_LADEN") == "Osama bin Laden"
    assert bpa.natural_case("URSULA_VON_DER_LEYEN") == "Ursula von der Leyen"
    assert bpa.natural_case("CONAN_O'BRIEN") == "Conan O'Brien"
    assert bpa.natural_case("R.K._PACHAURI") == "R.K. Pachauri"
    assert bpa.natural_case("ELIZABETH_II") == "Elizabeth II"
    assert bpa.natural_case("UNITED_NATIONS_CHILDREN'S_FUND", "org") == "United Nations Children's Fund"
    assert bpa.natural_case("UNICEF_", "org") == "UNICEF"
    assert bpa.natural_case("THE_UN_MISSION_IN_TESTLAND", "org") == "The UN Mission in Testland"


def test_sector_mapping():
    assert bpa.sector_for(["GOV", "AGR"]) == "GOV"
    assert bpa.sector_for(["GOV", "MIL"]) == "MIL"
    assert bpa.sector_for(["HRI"]) == "NGO"
    assert bpa.sector_for(["MUS"]) == "REL"
    assert bpa.sector_for(["MUS", "RAD"]) == "INS"
    assert bpa.sector_for(["ENV"], ministry=True) == "GOV"
    assert bpa.sector_for(["XYZ"]) is None


def test_build_is_deterministic(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "Phoenix.Countries.actors.txt").write_text(PERSON_SNIPPET, encoding="utf-8")
    (src / "Phoenix.International.actors.txt").write_text("ZEPHYR_HOLDINGS_  [MNCUSA]\n", encoding="utf-8")
    (src / "Phoenix.MilNonState.actors.txt").write_text("BLUE_FRONT_ [ITAREB]\n", encoding="utf-8")
    (src / "Phoenix.agents.txt").write_text("GOOSE_HERDER [~AGR]\n", encoding="utf-8")
    (src / "LICENSE").write_text("MIT License\n\nCopyright (c) 2016 Test\n", encoding="utf-8")
    out1, out2 = tmp_path / "a", tmp_path / "b"
    bpa.build(src, out1)
    bpa.build(src, out2)
    for name in ("people.tsv", "orgs.tsv", "agents.tsv", "README.md"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes()
    people = (out1 / "people.tsv").read_text(encoding="utf-8").splitlines()
    header = next(line for line in people if not line.startswith("#"))
    assert header.split("\t") == list(bpa.PEOPLE_COLUMNS)
    assert "Copyright (c) 2014 Open Event Data Alliance" in (out1 / "README.md").read_text(encoding="utf-8")

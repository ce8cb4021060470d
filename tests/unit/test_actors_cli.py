"""``heron actors``: the user's actors file, merged over the shipped base, and the commands that manage it.

Every test points HERON_ACTORS into its own tmp_path; the people and groups added are made up for the tests.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import heron.cli.actors as actors_cli
from heron.cli.main import cli
from heron.components.actors import find_actors
from heron.resolve.actor_base import load_base, user_actors_path

GOVERNOR = ["Dmytro Ostapenko", "--country", "UKR", "--sector", "GOV", "--role", "governor of Mykolaiv",
            "--start", "2020-11-24", "--gender", "m"]


@pytest.fixture
def user_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "config" / "actors.tsv"  # a folder that does not exist yet: add creates it
    monkeypatch.setenv("HERON_ACTORS", str(path))
    return path


def heron(*args: str):
    return CliRunner().invoke(cli, ["actors", *args])


def listed(*args: str) -> list[dict]:
    result = heron("list", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# -- where the file is ------------------------------------------------------------------------------


def test_path_follows_heron_actors_then_heron_home_then_config(tmp_path, monkeypatch):
    monkeypatch.delenv("HERON_ACTORS", raising=False)
    monkeypatch.delenv("HERON_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_actors_path() == tmp_path / "home" / ".config" / "heron" / "actors.tsv"
    monkeypatch.setenv("HERON_HOME", str(tmp_path / "heron"))
    assert user_actors_path() == tmp_path / "heron" / "actors.tsv"
    monkeypatch.setenv("HERON_ACTORS", str(tmp_path / "mine.tsv"))
    result = heron("path")
    assert result.exit_code == 0
    assert result.output.strip() == str(tmp_path / "mine.tsv")


# -- add, list, lookup ------------------------------------------------------------------------------


def test_add_writes_the_user_file_and_list_shows_the_person(user_file):
    result = heron("add", *GOVERNOR)
    assert result.exit_code == 0, result.output
    assert str(user_file) in result.output
    assert "UKRGOV" in result.output
    lines = user_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:2] == ["kind", "name"]
    assert lines[1].startswith("person\tDmytro Ostapenko\t")

    rows = listed("--name", "ostapenko")
    assert [(r["name"], r["code"], r["role"], r["start"], r["source"]) for r in rows] == [
        ("Dmytro Ostapenko", "UKRGOV", "governor of Mykolaiv", "2020-11-24", "user")]
    assert listed("--name", "ostapenko", "--date", "2019-06-01") == []  # not yet in office
    assert [r["name"] for r in listed("--country", "UKR", "--date", "2022-03-30", "--kind", "person")
            if r["source"] == "user"] == ["Dmytro Ostapenko"]
    table = heron("list", "--name", "ostapenko")
    assert table.exit_code == 0 and "Dmytro Ostapenko" in table.output


def test_list_shows_who_held_an_office_on_a_date(user_file):
    rows = listed("--country", "RUS", "--sector", "GOV", "--date", "2022-03-30", "--kind", "person")
    presidents = [r["name"] for r in rows if r["role"] == "president"]
    assert presidents == ["Vladimir Putin"]
    assert all(r["kind"] == "igo" for r in listed("--kind", "igo"))
    assert any(r["code"] == "NATO" for r in listed("--kind", "igo"))


def test_lookup_shows_the_code_on_a_date(user_file, nlp, monkeypatch):
    monkeypatch.setattr(actors_cli, "_spacy", lambda model=None: nlp)  # the session's model, not a second load
    assert heron("add", *GOVERNOR).exit_code == 0
    result = heron("lookup", "Dmytro Ostapenko", "--date", "2022-03-30", "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["code"], row["role"], row["kb_id"]) == ("UKRGOV", "governor of Mykolaiv", "person:dmytro_ostapenko")

    result = heron("lookup", "the Russian president", "--date", "2022-03-30")
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.output and "RUSGOV" in result.output


def test_user_office_holder_wins_over_the_shipped_one(user_file, nlp, monkeypatch):
    monkeypatch.setattr(actors_cli, "_spacy", lambda model=None: nlp)
    added = heron("add", "Ivan Sokolenko", "--country", "RUS", "--sector", "GOV", "--role", "president",
                  "--start", "2022-01-01", "--end", "2022-12-31")
    assert added.exit_code == 0, added.output
    inside = json.loads(heron("lookup", "the Russian president", "--date", "2022-03-30", "--format", "json").output)
    assert [r["name"] for r in inside] == ["Ivan Sokolenko"]
    after = json.loads(heron("lookup", "the Russian president", "--date", "2023-03-30", "--format", "json").output)
    assert [r["name"] for r in after] == ["Vladimir Putin"]


# -- merging ----------------------------------------------------------------------------------------


def test_user_rows_replace_overlapping_shipped_offices_of_the_same_person(user_file):
    shipped = load_base().people_for("Vitaliy Kim")[0]
    assert [o.source for o in shipped.offices] == ["shipped"]
    # written under an alias: joins the shipped person, whose overlapping office it replaces
    assert heron("add", "Vitaly Kim", "--country", "UKR", "--sector", "GOV", "--role", "governor of Mykolaiv",
                 "--start", "2020-11-24").exit_code == 0
    person = load_base().people_for("Vitaliy Kim")[0]
    assert person.name == "Vitaliy Kim"
    assert [(o.role, o.start, o.source) for o in person.offices] == [
        ("governor of Mykolaiv", dt.date(2020, 11, 24), "user")]


def test_user_groups_and_organisations_take_over_their_names(user_file):
    assert heron("add", "Hezbollah", "--kind", "group", "--country", "LBN", "--sector", "MIL").exit_code == 0
    assert heron("add", "Black Sea Grain Council", "--kind", "igo", "--code", "BSGC", "--alias", "BSGC").exit_code == 0
    base = load_base()
    [hezbollah] = base.entries_for("Hezbollah")
    assert (hezbollah.code, hezbollah.source) == ("LBNMIL", "user")
    assert base.entries_for("Hizbollah")[0].source == "shipped"  # names the user did not list keep their meaning
    assert base.entries_for("BSGC")[0].code == "BSGC"
    assert [r["code"] for r in listed("--name", "grain council")] == ["BSGC"]


def test_component_resolves_an_added_person_after_the_file_changes(user_file, nlp):
    doc = nlp("Dmytro Ostapenko told reporters that two grain silos near the port had burned overnight.")
    doc._.article_date = dt.date(2022, 3, 30)
    before = [a for a in find_actors(doc)[0] if a.name == "Dmytro Ostapenko"]
    assert [a.code for a in before] == [None]  # an unknown name with no title: uncoded

    assert heron("add", *GOVERNOR).exit_code == 0
    after = [a for a in find_actors(doc)[0] if a.name == "Dmytro Ostapenko"]  # load_base() sees the new file
    assert [(a.code, a.kb_id) for a in after] == [("UKRGOV", "person:dmytro_ostapenko")]


def test_a_people_tsv_style_file_loads_and_gets_appended_in_its_own_columns(user_file):
    user_file.parent.mkdir(parents=True)
    header = "name\taliases\tsurname\tgender\tcountry\torg\trole\tsector\tstart\tend\n"
    # the trailing empty "end" cell is missing, as when an editor strips trailing tabs
    user_file.write_text(header + "Olena Hrytsenko\t\t\tf\tUKR\t\tmayor of Odesa\tGOV\t2021-01-01\n", encoding="utf-8")
    assert load_base().people_for("Olena Hrytsenko")[0].office_at(dt.date(2022, 3, 30)).code == "UKRGOV"
    assert heron("add", "Petro Danylenko", "--country", "UKR", "--sector", "MIL", "--role", "brigade commander") \
        .exit_code == 0
    assert user_file.read_text(encoding="utf-8").splitlines()[-1].split("\t")[:2] == ["Petro Danylenko", ""]
    group = heron("add", "Steppe Battalion", "--kind", "group", "--country", "UKR", "--sector", "MIL")
    assert group.exit_code == 1 and "no column kind" in group.output


# -- clear errors -----------------------------------------------------------------------------------


def test_bad_country_is_refused_with_a_suggestion(user_file):
    result = heron("add", "Dmytro Ostapenko", "--country", "Ukraine", "--sector", "GOV", "--role", "governor")
    assert result.exit_code == 2
    assert "'Ukraine' is not an ISO 3166 alpha-3 country code" in result.output
    assert "did you mean UKR" in result.output
    assert not user_file.exists()


def test_bad_dates_and_codes_are_refused(user_file):
    result = heron("add", "Dmytro Ostapenko", "--country", "UKR", "--sector", "GOV", "--role", "governor",
                   "--start", "2022-13-01")
    assert result.exit_code == 2
    assert "start date '2022-13-01' is not an ISO date (YYYY-MM-DD)" in result.output
    result = heron("add", "Dmytro Ostapenko", "--country", "UKR", "--sector", "GVO", "--role", "governor",
                   "--start", "2022-05-01", "--end", "2022-01-01")
    assert "sector 'GVO' is not one of" in result.output
    assert "start 2022-05-01 is after end 2022-01-01" in result.output
    assert "a person needs a role" in heron("add", "Dmytro Ostapenko", "--country", "UKR", "--sector", "GOV").output
    assert not user_file.exists()
    assert "not an ISO date" in heron("list", "--date", "30/03/2022").output


def test_a_broken_user_file_names_its_line(user_file):
    user_file.parent.mkdir(parents=True)
    user_file.write_text("kind\tname\tcountry\trole\tsector\n"
                         "person\tDmytro Ostapenko\tUKR\tgovernor\tGOV\n"
                         "person\tPetro Danylenko\tXXX\tcommander\tMIL\n", encoding="utf-8")
    result = heron("list", "--name", "danylenko")
    assert result.exit_code == 1
    assert f"{user_file}: line 3 (Petro Danylenko): country 'XXX'" in result.output
    user_file.write_text("kind\tname\tcountri\n", encoding="utf-8")
    result = heron("list")
    assert result.exit_code == 1 and "unknown: countri" in result.output

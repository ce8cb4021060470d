"""Fuzzed input, zero crashes: property tests over every reader and heron.extract (the short CI run of what
`heron fuzz` runs long), and the bugs the fuzzing found, each pinned by a plain example."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from heron.cli.main import cli
from heron.fuzz.run import Fuzzer
from heron.fuzz.strategies import ARTICLE_TEXT, DATES, KINDS, fuzz_inputs
from heron.ingest import InputError, read_inputs
from heron.records import Article
from heron.resolve.timex.normalisation import UNKNOWN, normalise

# CI's short run: a few hundred inputs for the readers, a few dozen extractions; no deadline, since an input
# may be a 5-MB file or a 10,000-token sentence. Long runs: `heron fuzz --examples N`.
CI = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory):
    return Fuzzer(tmp_path_factory.mktemp("fuzz"))


def _no_crash(fuzzer: Fuzzer) -> None:
    assert not fuzzer.tally.crashes, f"{fuzzer.tally.crashes[-1].error} (input saved at {fuzzer.tally.crashes[-1].saved})"


@pytest.mark.parametrize("kind", KINDS)
def test_every_reader_turns_hostile_input_into_articles_or_errors_naming_it(fuzzer, kind):
    @settings(CI, max_examples=50)
    @given(fuzz_inputs(kinds=(kind,)))
    def check(case):
        fuzzer.read(case)
        _no_crash(fuzzer)

    check()
    assert fuzzer.tally.inputs[f"read:{kind}"] >= 50


@pytest.fixture(scope="module")
def extract_fuzzer(tmp_path_factory, heron_pipeline):
    return Fuzzer(tmp_path_factory.mktemp("fuzz-extract"), heron_pipeline, extract_every=1, budget=60)


@settings(CI, max_examples=15)
@given(ARTICLE_TEXT, DATES)
def test_heron_extract_returns_storable_records_or_a_value_error(extract_fuzzer, text, date):
    extract_fuzzer.api(text, date)
    _no_crash(extract_fuzzer)


@settings(CI, max_examples=10)
@given(fuzz_inputs(kinds=("txt", "jsonl")))
def test_what_the_readers_let_through_extracts_without_a_crash(extract_fuzzer, case):
    extract_fuzzer.read(case)
    _no_crash(extract_fuzzer)


def test_a_contract_broken_is_a_crash_saved_with_its_input(tmp_path, monkeypatch):
    """The fuzzer itself: a reader that yields nothing for an input is caught, and the input kept."""
    from heron.fuzz.strategies import FuzzInput

    monkeypatch.setattr("heron.fuzz.run.read_inputs", lambda paths, **kw: iter(()))
    fuzzer = Fuzzer(tmp_path)
    fuzzer.read(FuzzInput("txt", b"Police arrested five protesters in Lyon on Monday."))
    (crash,) = fuzzer.tally.crashes
    assert crash.path == "read:txt" and "neither an article nor an error" in crash.error
    assert crash.saved.read_bytes() == b"Police arrested five protesters in Lyon on Monday."
    assert "ContractBroken" in crash.saved.with_name(crash.saved.name + ".traceback.txt").read_text()


def test_heron_fuzz_command_reports_its_counts(tmp_path):
    out = tmp_path / "run"
    result = CliRunner().invoke(cli, ["fuzz", "--examples", "30", "--no-extract", "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["inputs"] == 30 and report["crashes"] == []
    assert sum(report["by_path"].values()) == 30
    assert "crashes 0" in result.output


# -- what the fuzzing found ------------------------------------------------------------------------------------


def _read(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([str(path)]))


def test_a_jsonl_line_with_a_lone_surrogate_is_one_error_and_the_next_line_is_read(tmp_path):
    lines = [json.dumps({"text": "The minister said \ud800 that troops left the town on Monday."}),
             json.dumps({"text": "Police arrested five protesters in Lyon on Monday, the prefect said."}),
             json.dumps({"text": "Workers went on strike in Lille.", "title": "Strike \udfff"})]
    first, second, third = _read(tmp_path, "a.jsonl", "\n".join(lines).encode())
    assert isinstance(first, InputError) and first.input.endswith("a.jsonl:1")
    assert first.reason == "not valid Unicode: lone surrogate U+D800 at character 18"
    assert isinstance(second, Article)
    assert isinstance(third, InputError) and third.reason.startswith("field 'title': not valid Unicode")


def test_stdin_with_undecodable_bytes_is_an_error_naming_stdin():
    stream = io.StringIO(b"Police arrested five protesters \xff in Lyon.".decode("utf-8", "surrogateescape"))
    (error,) = read_inputs(["-"], stdin=stream)
    assert error.input == "<stdin>" and error.reason.startswith("not valid Unicode: lone surrogate U+DCFF")


def test_heron_extract_refuses_a_lone_surrogate_with_a_clear_value_error():
    with pytest.raises(ValueError, match="article text is not valid Unicode: lone surrogate U\\+D800"):
        Article(text="The minister said \ud800 that troops left.")


@pytest.mark.parametrize("name, data, reason", [
    ("blank.jsonl", b"\n  \n\t\n", "no records, only blank lines"),
    ("header.csv", b"id,title,text\n", "no rows after the header row"),
    ("blank_rows.tsv", b"id\ttext\n\t\n\n", "no rows after the header row"),
])
def test_a_file_with_no_records_is_an_error_not_silence(tmp_path, name, data, reason):
    (error,) = _read(tmp_path, name, data)
    assert isinstance(error, InputError) and error.input.endswith(name) and error.reason == reason


@pytest.mark.parametrize("expression, anchor", [
    ("tomorrow", dt.date(9999, 12, 31)), ("yesterday", dt.date(1, 1, 1)), ("last week", dt.date(1, 1, 3)),
])
def test_a_relative_date_past_the_calendar_has_no_value(expression, anchor):
    assert normalise(expression, anchor) == UNKNOWN


def test_articles_dated_at_the_ends_of_the_calendar_extract(heron_pipeline):
    text = "Police arrested five protesters yesterday. The strike ends tomorrow and resumes next year."
    for date in ("9999-12-31", "0001-01-01"):
        extraction = heron_pipeline.extract(Article(text=text, date=date))
        assert extraction.article.date == date

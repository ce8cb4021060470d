"""heron evaluate quotes-junk: which stored quotes count as junk, on records written for these tests."""
from heron.evaluate.quote_junk import is_short, junk, speaker_fault
from heron.records import Article, Extraction, Mention, Quote


def quote(content: str, speaker_name: str | None = None, speaker: str | None = None) -> Quote:
    return Quote("Q1", Mention(content, 0, len(content)), "indirect", speaker=speaker, speaker_name=speaker_name)


def test_short_contents_except_answers():
    assert is_short(quote("the response")) and is_short(quote("Pelosi")) and is_short(quote("to re"))
    assert not is_short(quote("No")) and not is_short(quote("“Yes, yes.”"))
    assert not is_short(quote("the plan will fail"))


def test_speakers_that_name_no_one():
    assert speaker_fault(quote("the plan will fail", "It")) == "pronoun"
    assert speaker_fault(quote("the plan will fail", "which")) == "pronoun"
    assert speaker_fault(quote("the plan will fail", "I")) == "pronoun"
    assert speaker_fault(quote("the plan will fail", "US")) is None  # the country, in capitals
    assert speaker_fault(quote("the plan will fail", "oxygen")) == "noun"
    assert speaker_fault(quote("the plan will fail", "It", speaker="A1")) is None  # an actor stands behind it
    assert speaker_fault(quote("the plan will fail", None)) is None  # unknown is no fault
    assert speaker_fault(quote("the plan will fail", "Ana Ruiz")) is None


def test_report_counts_and_lists():
    e = Extraction(Article(text="x"), quotes=[quote("Pelosi", "Ana Ruiz"), quote("the plan will fail", "You")])
    report = junk([("a.txt", e)])
    assert (report.articles, report.quotes, report.count("short"), report.count("pronoun")) == (1, 2, 1, 1)
    assert [o.why for o in report.offenders] == ["short", "pronoun"]

"""heron.ingest: every input format and every kind of bad input, on hand-written fixtures."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from pathlib import Path

import pytest

from heron.ingest import BadInput, InputError, InputWarning, read_inputs, read_text
from heron.ingest.dates import normalise_date
from heron.ingest.errors import Invalid
from heron.ingest.headers import split_headers
from heron.ingest.html import extract_html
from heron.ingest.validate import check_english, human_size
from heron.records import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def read(*paths, **kwargs) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def articles(results) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def problems(results) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def only_error(results) -> InputError:
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


# --- plain text ---------------------------------------------------------------


def test_txt_key_value_headers_are_stripped_from_the_text():
    (art,) = read(DATA / "headers.txt")
    assert art.title == "Farmers block roads near Lyon"
    assert art.date == "2023-03-07"  # key matched case-insensitively ("DATE:")
    assert art.source == "Example Wire"
    assert art.url == "https://example.org/farmers-lyon"
    assert art.text.startswith("Farmers drove tractors")
    assert art.text.endswith("resume on Thursday.")
    assert "Title:" not in art.text and "Example Wire" not in art.text
    assert art.input == str(DATA / "headers.txt")


def test_txt_inline_date_header_with_text_on_the_same_line():
    (art,) = read(DATA / "inline_date.txt")
    assert art.date == "2023-02-14"
    assert art.text.startswith("Rescue teams reached")
    assert art.text.endswith("later in the week.")


def test_txt_without_headers_is_all_body():
    (art,) = read(DATA / "plain.txt")
    assert art.date is None and art.title is None
    assert art.text == (DATA / "plain.txt").read_text().strip()


def test_file_without_extension_is_read_as_text():
    (art,) = read(DATA / "wire_note")
    assert art.title == "Ferry service restored"
    assert art.text.startswith("The ferry between Helsinki")


def test_crlf_newlines_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title: Dam opens\r\n\r\nThe new dam on the river opened on Monday.\r\nIt cost more than planned.\r\n")
    (art,) = read(path)
    assert art.title == "Dam opens"
    assert art.text == "The new dam on the river opened on Monday.\nIt cost more than planned."


@pytest.mark.parametrize(
    "text, fields, body",
    [
        ("title: A\ndate: 2023-01-02\n\nBody here.", {"title": "A", "date": "2023-01-02"}, "Body here."),
        # the first line that is not a header ends the block, without a blank line
        ("Source: Wire\nTroops left the town.\nurl: x", {"source": "Wire"}, "Troops left the town.\nurl: x"),
        # a repeated key is body, not a second header
        ("Title: A\nTitle: B\n\nText.", {"title": "A"}, "Title: B\n\nText."),
        ("\n\nid: 42\n\nText.", {"doc_id": "42"}, "Text."),
        (" date 2022-03-30 Text on the line.", {"date": "2022-03-30"}, "Text on the line."),
        ("date 2022-03-30\nText below.", {"date": "2022-03-30"}, "Text below."),
        ("Dated 2022-03-30 is not a header.", {}, "Dated 2022-03-30 is not a header."),
        ("Update: talks resumed.", {}, "Update: talks resumed."),
        ("Title:\n\nText.", {}, "Text."),
    ],
)
def test_split_headers(text, fields, body):
    assert split_headers(text) == (fields, body)


# --- jsonl --------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_reports_bad_ones_by_line():
    results = read(DATA / "news.jsonl")
    name = str(DATA / "news.jsonl")
    got = [(r.input.removeprefix(name), type(r).__name__, getattr(r, "severity", None)) for r in results]
    assert got == [
        (":1", "Article", None),
        (":2", "Article", None),
        (":4", "InputError", "error"),  # invalid JSON (line 3 is blank and ignored)
        (":5", "InputError", "error"),  # no text
        (":6", "InputError", "warning"),  # bad date, article still read
        (":6", "Article", None),
        (":7", "InputError", "error"),  # German
        (":8", "InputError", "error"),  # not an object
        (":9", "Article", None),
    ]
    first, second, fifth, last = articles(results)
    assert (first.doc_id, first.date, first.title, first.url, first.source) == (
        "n1", "2023-04-02", "Port strike ends", "https://example.org/n1", "Example Wire")
    assert second.date == "2023-04-03" and second.text.startswith("The mayor of Naples")  # "content" alias
    assert fifth.date is None and fifth.doc_id == "n5"
    assert last.doc_id == "7" and last.date == "2023-04-06" and last.text.startswith("Voters")  # "body" alias
    errors = problems(results)
    assert "invalid JSON" in errors[0].reason
    assert errors[1].reason.startswith("no text")
    assert errors[2].reason == "bad date '2023-13-45': expected YYYY-MM-DD"
    assert errors[3].reason == "language looks like 'de' (not English)"
    assert errors[4].reason == "expected a JSON object, got list"


def test_jsonl_oversized_record_and_overlong_line(tmp_path):
    path = tmp_path / "big.jsonl"
    long_text = "The council met again. " * 10
    with path.open("w") as fh:
        fh.write(f'{{"text": "{long_text}"}}\n')
        fh.write(f'{{"text": "{"x" * 70_000}"}}\n')  # past the line limit: skipped without parsing
        fh.write('{"text": "The river rose by two metres overnight, the mayor said."}\n')
    results = read(path, max_bytes=100)
    assert [r.input.rsplit(":", 1)[1] for r in results] == ["1", "2", "3"]
    assert results[0].reason == "larger than the 100 bytes limit (229 bytes)"
    assert results[1].reason.startswith("line longer than")
    assert isinstance(results[2], Article)


def test_jsonl_latin1_line_is_reported_with_its_offset(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = b'{"text": "The minister said the talks in Brussels would go on."}\n'
    bad = '{"text": "The caf\xe9 owners in Lyon said they would stay open."}\n'.encode("latin-1")
    path.write_bytes(good + bad + good)
    results = read(path)
    assert [type(r) for r in results] == [Article, InputError, Article]
    assert results[1].input == f"{path}:2"
    offset = len(good) + bad.index(b"\xe9")
    assert results[1].reason == f"not UTF-8: byte 0xe9 at offset {offset}; re-encode the file as UTF-8"


def test_jsonl_with_bom_and_field_types(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"ID": 5, "Text": "Rain closed the airport in Lima for six hours on Monday."}\n'
                     b'{"text": "Snow closed the main road into Oslo on Tuesday.", "title": {"a": 1}}\n'
                     b'{"text": 12}\n')
    ok, bad_title, bad_text = read(path)
    assert ok.doc_id == "5" and ok.text.startswith("Rain")  # keys are case-insensitive
    assert bad_title.reason == "field 'title' must be text, not dict"
    assert bad_text.reason == "text must be a string, not int"


# --- csv / tsv ----------------------------------------------------------------


def test_csv_multiline_fields_line_numbers_and_bad_rows():
    results = read(DATA / "news.csv")
    name = str(DATA / "news.csv")
    got = [(r.input.removeprefix(name), type(r).__name__) for r in results]
    assert got == [
        (":2", "Article"),  # spans lines 2-4
        (":5", "Article"),
        (":6", "InputError"),  # date warning ...
        (":6", "Article"),  # ... and the article
        (":7", "InputError"),  # empty text
        (":8", "InputError"),  # too many fields
    ]
    bridge, minister, talks = articles(results)
    assert bridge.text == ("The main bridge over the Danube in Novi Sad reopened on Thursday.\n\n"
                           "Engineers said repairs had taken six weeks, longer than planned.")
    assert (bridge.doc_id, bridge.url, bridge.date, bridge.title) == (
        "c1", "https://example.org/c1", "2023-06-01", "Bridge reopens")
    assert minister.date == "2023-01-06"  # slashed dates read month first, as dateparser does for English
    assert talks.date is None
    warning, empty, wide = problems(results)
    assert warning.severity == "warning" and warning.reason == "bad date 'not a date': expected YYYY-MM-DD"
    assert empty.reason == "empty text"
    assert wide.reason == "row has 6 fields, the header has 5"


def test_tsv():
    results = read(DATA / "news.tsv")
    assert [(a.doc_id, a.date, a.title) for a in results] == [
        ("t1", "2023-07-01", "Grain deal"), ("t2", "2023-07-02", "Storm")]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("id,headline\n1,Strike ends\n")
    err = only_error(read(path))
    assert err.reason == "no 'text' column in the header row (found: id, headline)"


def test_csv_unreadable_header(tmp_path):
    path = tmp_path / "head.csv"
    path.write_text('"text\n' + "x\n" * 40_000)
    err = only_error(read(path, max_bytes=100))
    assert err == InputError(f"{path}:1", "unreadable header row (too long); the file was not read")


def test_csv_unclosed_quote_is_reported_not_merged(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('id,text\n1,"The strike ended on Monday, the union said.\n'
                    '2,"Shops reopened in the old town on Tuesday."\n')
    err = only_error(read(path))
    assert err.input == f"{path}:2"
    assert err.reason == (
        "malformed CSV (',' expected after '\"'), often an unclosed quote; the rest of the file was not read")
    path.write_text('id,text\n1,"The strike ended on Monday, the union said.\n')
    assert "unexpected end of data" in only_error(read(path)).reason


def test_csv_field_past_the_limit_stops_the_file(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('id,text\n1,"Talks went on."\n2,"The strike ended.\n' + "More text.\n" * 10_000 + '3,"Late."\n')
    ok, err = read(path, max_bytes=100)
    assert ok.doc_id == "1"
    assert err == InputError(f"{path}:3", "record longer than 65.7 kB, often an unclosed quote; "
                                          "the rest of the file was not read")


def test_csv_latin1_row_is_reported_and_the_rest_is_read(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("text\nThe caf\xe9 owners in Lyon said they would stay open.\n".encode("latin-1")
                     + b"The bakers of Lyon said the same on Friday.\n")
    err, art = read(path)
    assert err.input == f"{path}:2" and err.reason.startswith("not UTF-8: byte 0xe9 at offset 12;")
    assert art.text.startswith("The bakers") and art.input == f"{path}:3"


def test_csv_oversized_row(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("text\n" + "The council met again. " * 10 + "\nThe river rose overnight and the mayor spoke.\n")
    err, art = read(path, max_bytes=100)
    assert err.reason.startswith("larger than the 100 bytes limit")
    assert isinstance(art, Article)


# --- html ---------------------------------------------------------------------


def test_html_main_text_title_date_and_site():
    (art,) = read(DATA / "brief.html")
    assert art.title == "Harbour workers strike in Rotterdam"
    assert art.date == "2023-05-16"
    assert art.source == "Example Wire"
    assert "Dock workers in Rotterdam walked off the job" in art.text
    assert "Home" not in art.text and "Copyright" not in art.text


def test_html_without_main_text_is_an_error():
    err = only_error(read(DATA / "no_text.html"))
    assert err.reason == "HTML with no extractable main text"


@pytest.mark.parametrize(
    "html, reason",
    [
        ("<html><body><div><<<>>></div>", "HTML with no extractable main text"),
        ("<html><head><title>x</title></head><body></body></html>", "HTML with no extractable main text"),
        ("just words, no tags at all in this file", "HTML with no markup"),
        ("<?xml <!DOCTYPE <html <body <p <p <p", "HTML with no extractable main text"),
    ],
)
def test_broken_html_gives_a_clear_error(tmp_path, html, reason):
    path = tmp_path / "page.htm"
    path.write_text(html)
    assert only_error(read(path)).reason == reason


def test_html_fragment_and_unclosed_tags_still_read():
    page = extract_html("<p>Troops moved to the border on Monday, the ministry <b>said.")
    assert page.text == "Troops moved to the border on Monday, the ministry said."
    assert page.date is None and page.title is None


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2022-03-30", "2022-03-30"),
        (" 2022-03-30 ", "2022-03-30"),
        ("2022-03-30T10:00:00Z", "2022-03-30"),
        ("2022-03-30T23:30:00-05:00", "2022-03-30"),  # the stated day, not converted to UTC
        ("2022-03-30 10:00", "2022-03-30"),
        ("20220330", "2022-03-30"),
        ("30 March 2022", "2022-03-30"),
        ("March 30, 2022", "2022-03-30"),
        ("Wed, 30 Mar 2022 10:00:00 GMT", "2022-03-30"),
        ("Friday, January 4, 2019", "2019-01-04"),
        (dt.date(2022, 3, 30), "2022-03-30"),
        (dt.datetime(2022, 3, 30, 12), "2022-03-30"),
        (None, None),
        ("", None),
    ],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize("value", ["2022-13-45", "2022-02-30", "yesterday", "March 2022", "banana", "99999999"])
def test_unreadable_dates_raise(value):
    with pytest.raises(ValueError, match=r"^bad date .*: expected YYYY-MM-DD$"):
        normalise_date(value)


def test_bad_header_date_warns_and_keeps_the_article(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Date: 2022-13-45\n\nThe election commission said results would come on Friday.\n")
    warning, art = read(path)
    assert warning == InputError(str(path), "bad date '2022-13-45': expected YYYY-MM-DD", "warning")
    assert art.date is None and art.text.startswith("The election commission")


# --- validation ---------------------------------------------------------------


def test_empty_and_whitespace_files():
    assert only_error(read(DATA / "empty.txt")).reason == "empty file"
    assert only_error(read(DATA / "blank.txt")).reason == "only whitespace, no text"


def test_binary_files(tmp_path):
    nul = tmp_path / "image.txt"
    nul.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    controls = tmp_path / "controls"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 65, 66]) * 20)
    jsonl = tmp_path / "data.jsonl"
    jsonl.write_bytes(b'{"text": "x"}\n\x00\x00\x00')
    assert only_error(read(nul)).reason == "binary file (contains NUL bytes)"
    assert only_error(read(controls)).reason == "binary file (mostly control characters)"
    assert only_error(read(jsonl)).reason == "binary file (contains NUL bytes)"


def test_latin1_file_is_an_error_naming_the_byte(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The caf\xe9 owners in Lyon said they would stay open.".encode("latin-1"))
    err = only_error(read(path))
    assert err == InputError(str(path), "not UTF-8: byte 0xe9 at offset 7; re-encode the file as UTF-8")


def test_utf16_is_named(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("The port reopened on Monday.".encode("utf-16"))
    assert only_error(read(path)).reason.startswith("UTF-16 text (byte-order mark ff fe)")


def test_utf8_bom_is_accepted_and_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle: Caf\xc3\xa9 tax\n\nThe city raised the tax on cafe terraces on Monday.")
    (art,) = read(path)
    assert art.title == "Café tax" and art.text.startswith("The city raised")


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The council met again on Monday. " * 40)
    assert only_error(read(path, max_bytes=1000)).reason == "larger than the 1 kB limit (1.3 kB)"
    assert len(articles(read(path, max_bytes=2000))) == 1


def test_human_size():
    assert human_size(5_000_000) == "5 MB"
    assert human_size(5_200_000) == "5.2 MB"
    assert human_size(1_320) == "1.3 kB"
    assert human_size(12) == "12 bytes"


def test_german_file_is_rejected_unless_the_check_is_off():
    assert only_error(read(DATA / "german.txt")).reason == "language looks like 'de' (not English)"
    (art,) = read(DATA / "german.txt", check_language=False)
    assert art.text.startswith("Die Regierung")


@pytest.mark.parametrize(
    "text",
    [
        "Putin meets Zelensky in Istanbul",
        "Biden, Scholz hold talks",
        "Volodymyr Zelenskyy met Andrzej Duda in Rzeszow.",
        "Kyiv: Zelenskyy, Kuleba, Reznikov, Yermak, Podolyak meet",
        "Erdogan hosts Lavrov, Kuleba in Antalya",
        "Olaf Scholz, Emmanuel Macron, Mario Draghi and Klaus Iohannis visited Irpin on Thursday.",
        "Shares rose 3% in Tokyo",
        "Seleznev, Shoigu, Gerasimov: Moscow names new Donbas commander",
    ],
)
def test_short_english_and_name_heavy_english_are_accepted(text):
    check_english(text)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Le gouvernement français a annoncé mardi de nouvelles mesures pour les agriculteurs.", "fr"),
        ("El gobierno de Chile anunció el martes nuevas medidas para los agricultores del sur.", "es"),
        ("Правительство объявило во вторник о новых мерах поддержки фермеров.", "ru"),
        ("Der Bundestag hat heute ein neues Gesetz beschlossen.", "de"),
    ],
)
def test_confidently_foreign_text_is_rejected(text, lang):
    with pytest.raises(Invalid, match=f"language looks like '{lang}'"):
        check_english(text)


# --- folders, stdin, laziness -------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_hidden_and_readme():
    results = read(DATA / "tree")
    tree = str(DATA / "tree")
    assert [r.input.removeprefix(tree) for r in results] == [
        "/a.txt", "/sub/b.jsonl:1", "/sub/table.xlsx"]
    unknown = results[2]
    assert isinstance(unknown, InputError)
    assert unknown.reason.startswith("unsupported file type '.xlsx' (heron reads .txt,")


def test_named_files_are_always_read_or_reported():
    err = only_error(read(DATA / "tree" / "README.md"))
    assert err.reason.startswith("unsupported file type '.md'")
    (hidden,) = read(DATA / "tree" / ".hidden.txt")
    assert isinstance(hidden, Article)


def test_missing_path_and_symlink_loop(tmp_path):
    (tmp_path / "a.txt").write_text("The harbour froze for the first time in ten years.")
    os.symlink(tmp_path, tmp_path / "loop")
    results = read(tmp_path / "nope.txt", tmp_path)
    assert results[0] == InputError(str(tmp_path / "nope.txt"), "no such file or directory")
    assert [r.input for r in articles(results)] == [str(tmp_path / "a.txt")]
    assert len(results) == 2


def test_a_lone_path_string_is_one_input():
    assert len(list(read_inputs(str(DATA / "plain.txt")))) == 1


def test_stdin_plain_text_with_headers():
    stdin = io.StringIO("title: Bus fares rise\n\nBus fares in Dublin will rise by ten cents next month.\n")
    (art,) = read_inputs(["-"], stdin=stdin)
    assert art.input == "<stdin>" and art.title == "Bus fares rise"
    assert art.text == "Bus fares in Dublin will rise by ten cents next month."


def test_stdin_jsonl_and_html():
    stdin = io.StringIO('\n{"text": "The strike at the car plant ended on Friday."}\n{"text": ""}\n')
    art, err = read_inputs(["-"], stdin=stdin)
    assert art.input == "<stdin>:2" and err == InputError("<stdin>:3", "empty text")
    html = io.StringIO((DATA / "brief.html").read_text())
    (page,) = read_inputs(["-"], stdin=html)
    assert page.title == "Harbour workers strike in Rotterdam"


def test_stdin_empty_and_mixed_with_files():
    results = list(read_inputs([DATA / "plain.txt", "-"], stdin=io.StringIO("  \n\n")))
    assert isinstance(results[0], Article)
    assert results[1] == InputError("<stdin>", "empty input")


class EndlessJsonl(io.TextIOBase):
    """A stream that never ends: reading all of it would never return."""

    def __init__(self) -> None:
        self.lines_read = 0

    def readline(self, size: int = -1) -> str:
        self.lines_read += 1
        return f'{{"id": "{self.lines_read}", "text": "The ministry published its weekly report on Monday."}}\n'


def test_reading_is_lazy():
    stream = EndlessJsonl()
    first = list(itertools.islice(read_inputs(["-"], stdin=stream), 3))
    assert [a.doc_id for a in first] == ["1", "2", "3"]
    assert stream.lines_read <= 4


# --- read_text ----------------------------------------------------------------


def test_read_text_parses_headers_and_keywords_win():
    art = read_text("Title: Old\nDate: 2023-01-01\n\nThe embassy in Lima reopened on Monday.", title="New")
    assert (art.title, art.date, art.input) == ("New", "2023-01-01", "<text>")
    assert art.text == "The embassy in Lima reopened on Monday."
    art = read_text("The embassy in Lima reopened on Monday.", date=dt.date(2023, 1, 2), input="api")
    assert (art.date, art.input) == ("2023-01-02", "api")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("   \n", "empty text"),
        ("Title: Only a header\n\n", "empty text"),
        ("Die Regierung in Berlin hat am Dienstag neue Hilfen für die Landwirte angekündigt.",
         "language looks like 'de' (not English)"),
    ],
)
def test_read_text_raises_bad_input(text, reason):
    with pytest.raises(BadInput) as info:
        read_text(text)
    assert info.value.error == InputError("<text>", reason)
    assert isinstance(info.value, ValueError)


def test_read_text_bad_date_warns():
    with pytest.warns(InputWarning, match="bad date 'soon'"):
        art = read_text("The embassy in Lima reopened on Monday.", date="soon")
    assert art.date is None


def test_read_text_size_limit():
    with pytest.raises(BadInput, match="larger than the 10 bytes limit"):
        read_text("The embassy in Lima reopened.", max_bytes=10)


def test_input_error_str():
    assert str(InputError("a.txt", "empty file")) == "a.txt: empty file"
    assert str(InputError("a.csv:3", "bad date 'x'", "warning")) == "a.csv:3: warning: bad date 'x'"

"""CSV and TSV with a header row (id, date, title, text, url, source); quoted fields may span lines."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from heron.ingest.build import TEXT_KEYS, article_from_record
from heron.ingest.errors import InputError
from heron.ingest.lines import Line
from heron.ingest.validate import human_size
from heron.records import Article

_FIELD_LIMIT = 2**31 - 1  # the largest value csv accepts on every platform


class _RecordTooLong(Exception):
    pass


class _Feed:
    """Feeds decoded lines to csv.reader, remembering line numbers and bad lines.

    csv.reader pulls exactly the lines of the current record, so after each
    record ``number`` is its last line and ``problem`` says whether any of its
    lines could not be read. A record longer than ``limit`` characters stops
    the feed: it is an unclosed quote about to swallow the rest of the file,
    or an article far past the size limit.
    """

    def __init__(self, lines: Iterable[Line], limit: int) -> None:
        self._lines = iter(lines)
        self._limit = limit
        self.record_chars = 0
        self.number = 0
        self.problem: str | None = None

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number = line.number
        if line.problem and not self.problem:
            self.problem = line.problem
        self.record_chars += len(line.text)
        if self.record_chars > self._limit:
            raise _RecordTooLong
        return line.text if not line.problem else "\n"

    def next_record(self) -> None:
        self.record_chars = 0
        self.problem = None


def read_table(
    lines: Iterable[Line], name: str, *, delimiter: str, max_bytes: int, check_language: bool
) -> Iterator[Article | InputError]:
    # Article texts are long: csv's default 128 kB field limit would refuse
    # real articles, so it is lifted and records are bounded by _Feed instead.
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    record_limit = 2 * max_bytes + 65_536
    feed = _Feed(lines, record_limit)
    # strict: an unclosed quote is reported ("unexpected end of data"), not
    # silently merged with every row after it
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, _RecordTooLong) as e:
        yield InputError(f"{name}:1", f"unreadable header row ({str(e) or 'too long'}); the file was not read")
        return
    if feed.problem:
        yield InputError(f"{name}:1", feed.problem)
        return
    if not header:
        yield InputError(name, "empty file")
        return
    columns = [c.strip().lower() for c in header]
    if not any(k in columns for k in TEXT_KEYS):
        yield InputError(name, f"no 'text' column in the header row (found: {', '.join(columns)})")
        return
    rows = 0
    while True:
        feed.next_record()
        where = f"{name}:{feed.number + 1}"
        try:
            row = next(reader)
        except StopIteration:
            if not rows:  # a header alone (or blank rows) must not vanish without a word
                yield InputError(name, "no rows after the header row")
            return
        except _RecordTooLong:
            reason = f"record longer than {human_size(record_limit)}, often an unclosed quote"
            yield InputError(where, f"{reason}; the rest of the file was not read")
            return
        except csv.Error as e:
            yield InputError(where, f"malformed CSV ({e}), often an unclosed quote; the rest of the file was not read")
            return
        if feed.problem:
            yield InputError(where, feed.problem)
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) > len(columns):
            yield InputError(where, f"row has {len(row)} fields, the header has {len(columns)}")
            continue
        record = dict(zip(columns, row))  # short rows: trailing empty fields were left out
        yield from article_from_record(record, input=where, max_bytes=max_bytes, check_language=check_language)

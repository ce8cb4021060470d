"""JSON Lines: one article object per line; a bad line is reported and skipped."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from heron.ingest.build import article_from_record
from heron.ingest.errors import InputError
from heron.ingest.lines import Line
from heron.records import Article


def read_jsonl(
    lines: Iterable[Line], name: str, *, max_bytes: int, check_language: bool
) -> Iterator[Article | InputError]:
    records = 0
    for line in lines:
        where = f"{name}:{line.number}"
        if line.problem:
            yield InputError(where, line.problem)
            continue
        if not line.text.strip():
            continue  # blank lines separate nothing in jsonl; tolerate them
        records += 1
        try:
            record = json.loads(line.text)
        except json.JSONDecodeError as e:
            yield InputError(where, f"invalid JSON: {e.msg} (column {e.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, f"expected a JSON object, got {type(record).__name__}")
            continue
        record = {str(k).lower(): v for k, v in record.items()}
        yield from article_from_record(record, input=where, max_bytes=max_bytes, check_language=check_language)
    if not records:  # a file of blank lines must not vanish without a word
        yield InputError(name, "no records, only blank lines")

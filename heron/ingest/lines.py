"""Numbered, decoded lines of a large file, read one at a time.

jsonl and csv files can be far larger than memory; they are read line by
line from the raw bytes so that a bad byte is reported with its line and
file offset, and so that one endless line cannot exhaust memory.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from heron.ingest.errors import Invalid
from heron.ingest.validate import decode_utf8, human_size

_DRAIN_CHUNK = 1 << 20


@dataclass
class Line:
    number: int  # 1-based
    text: str  # with its newline; "" when ``problem`` is set
    problem: str | None = None  # why the line could not be read


def byte_lines(fh: BinaryIO, max_line_bytes: int) -> Iterator[Line]:
    """Lines of a binary file as UTF-8 text; an undecodable or oversized line becomes a problem Line."""
    number = 0
    offset = 0
    while True:
        raw = fh.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        start = offset
        offset += len(raw)
        if len(raw) > max_line_bytes:
            if not raw.endswith(b"\n"):
                offset += _drain(fh)
            yield Line(number, "", f"line longer than the {human_size(max_line_bytes)} limit")
            continue
        try:
            text = decode_utf8(raw, start, bom=number == 1)
        except Invalid as e:
            yield Line(number, "", e.reason)
            continue
        yield Line(number, text)


def text_lines(lines: Iterable[str], start: int = 1) -> Iterator[Line]:
    """Lines of an already-decoded stream (stdin); ``start`` is the first line's number."""
    for number, text in enumerate(lines, start=start):
        yield Line(number, text)


def _drain(fh: BinaryIO) -> int:
    """Skip to the end of the current line; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = fh.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped

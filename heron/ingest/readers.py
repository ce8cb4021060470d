"""Files, folders and stdin -> a lazy stream of Article records and InputErrors.

Formats, by file extension:

=====================  ====================================================
.txt, .text, no ext.   one article; optional header lines (see headers.py)
.jsonl, .ndjson        one JSON object per line: id, date, title, text
                       (or content/body), url, source
.csv, .tsv             header row with the same columns
.html, .htm, .xhtml    main text extracted with trafilatura
=====================  ====================================================

``-`` reads stdin: JSON Lines when it starts with ``{``, HTML when it starts
with ``<``, otherwise one plain-text article.

Folders are read recursively in sorted order. Hidden files and folders are
skipped, and so are the files that sit beside articles in a data folder
without being articles (README*, LICENSE*/LICENCE*, COPYING*, NOTICE*,
CHANGELOG*, Thumbs.db, desktop.ini). Any other file with an unknown extension
is reported, never skipped silently. Named explicitly, every file is read.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from heron.ingest.build import make_article
from heron.ingest.errors import BadInput, InputError, InputWarning, Invalid
from heron.ingest.headers import split_headers
from heron.ingest.html import extract_html
from heron.ingest.jsonl import read_jsonl
from heron.ingest.lines import byte_lines, text_lines
from heron.ingest.table import read_table
from heron.ingest.validate import check_binary, check_size, check_unicode, decode_file
from heron.records import Article

__all__ = ["SUFFIXES", "BadInput", "InputError", "InputWarning", "read_inputs", "read_text"]

MAX_BYTES = 5_000_000
STDIN_NAME = "<stdin>"

_TEXT, _JSONL, _CSV, _TSV, _HTML = "text", "jsonl", "csv", "tsv", "html"
SUFFIXES = {
    ".txt": _TEXT, ".text": _TEXT, "": _TEXT,
    ".jsonl": _JSONL, ".ndjson": _JSONL,
    ".csv": _CSV, ".tsv": _TSV,
    ".html": _HTML, ".htm": _HTML, ".xhtml": _HTML,
}
_IGNORED_PREFIXES = ("readme", "license", "licence", "copying", "notice", "changelog")
_IGNORED_NAMES = {"thumbs.db", "desktop.ini"}


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = MAX_BYTES,
    stdin: TextIO | None = None,
    check_language: bool = True,
) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files, folders, ``-`` for stdin), in order, lazily.

    A problem with one input is yielded as an :class:`InputError` and reading
    goes on; errors with severity "warning" accompany an article that was
    still read.
    """
    options = {"max_bytes": max_bytes, "check_language": check_language}
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        name = STDIN_NAME if item is None else str(item)
        try:
            if item is None:
                yield from _read_stdin(stdin if stdin is not None else sys.stdin, **options)
            else:
                yield from _read_file(item, **options)
        except OSError as e:
            yield InputError(name, f"cannot read: {e.strerror or e}")
        except UnicodeDecodeError as e:  # only stdin is decoded by Python, not by heron
            yield InputError(name, f"not UTF-8: byte 0x{e.object[e.start]:02x}; re-encode the input as UTF-8")
        except Exception as e:  # noqa: BLE001  one bad input must not end a batch
            yield InputError(name, f"unexpected {type(e).__name__} while reading: {e}")


def read_text(
    text: str,
    *,
    date: str | dt.date | None = None,
    title: str | None = None,
    input: str = "<text>",
    source: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
    check_language: bool = True,
) -> Article:
    """One article from a string, header lines parsed as in a .txt file.

    Keyword arguments win over header lines. Raises :class:`BadInput` when the
    text cannot be an article; a date that cannot be read gives an
    :class:`InputWarning` and ``date=None``.
    """
    if not isinstance(text, str):
        raise BadInput(InputError(input, f"expected str, got {type(text).__name__}"))
    headers, body = split_headers(text)
    given = {"date": date, "title": title, "source": source, "url": url}
    fields = {**headers, **{k: v for k, v in given.items() if v is not None}}
    results = make_article(body, input=input, max_bytes=max_bytes, check_language=check_language, **fields)
    for result in results:
        if isinstance(result, Article):
            return result
        if result.severity == "warning":
            warnings.warn(str(result), InputWarning, stacklevel=2)
        else:
            raise BadInput(result)
    raise AssertionError("make_article returns an article or an error")


# --- finding the files ------------------------------------------------------


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError | None]:
    """Files to read in order; None stands for stdin."""
    if isinstance(paths, (str, Path)):
        paths = [paths]  # a lone path, not an iterable of characters
    for p in paths:
        if str(p) == "-":
            yield None
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, set())
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(str(path), "not a regular file")
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        stat = folder.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in seen:  # a symlink back up the tree
            return
        seen.add(key)
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield InputError(str(folder), f"cannot list folder: {e.strerror or e}")
        return
    for entry in entries:
        path = folder / entry.name
        try:
            if entry.is_dir():
                yield from _walk(path, seen)
            elif not entry.is_file():
                yield InputError(str(path), "not a regular file (or a broken link)")
            elif not _ignored(entry.name):
                yield path
        except OSError as e:
            yield InputError(str(path), f"cannot read: {e.strerror or e}")


def _ignored(name: str) -> bool:
    lower = name.lower()
    return lower in _IGNORED_NAMES or lower.startswith(_IGNORED_PREFIXES)


# --- reading one input ------------------------------------------------------


def _read_file(path: Path, *, max_bytes: int, check_language: bool) -> Iterator[Article | InputError]:
    name = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(s for s in SUFFIXES if s)
        yield InputError(name, f"unsupported file type {path.suffix!r} (heron reads {known})")
        return
    options = {"max_bytes": max_bytes, "check_language": check_language}
    if kind in (_TEXT, _HTML):
        try:
            check_size(path.stat().st_size, max_bytes)
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
            check_size(len(data), max_bytes)  # the file may have grown since stat
            text = decode_file(data)
        except Invalid as e:
            yield InputError(name, e.reason)
            return
        yield from _one_document(text, name, html=kind == _HTML, **options)
        return
    with path.open("rb") as fh:
        head = fh.read(8192)
        try:
            if not head:
                raise Invalid("empty file")
            check_binary(head)
        except Invalid as e:
            yield InputError(name, e.reason)
            return
        fh.seek(0)
        lines = byte_lines(fh, max_line_bytes=2 * max_bytes + 65_536)
        if kind == _JSONL:
            yield from read_jsonl(lines, name, **options)
        else:
            yield from read_table(lines, name, delimiter="\t" if kind == _TSV else ",", **options)


def _read_stdin(stream: TextIO, *, max_bytes: int, check_language: bool) -> Iterator[Article | InputError]:
    options = {"max_bytes": max_bytes, "check_language": check_language}
    first = stream.readline()
    blank = 0
    while first and not first.strip():
        blank += 1
        first = stream.readline()
    if not first:
        yield InputError(STDIN_NAME, "empty input")
        return
    if first.lstrip("\ufeff \t").startswith("{"):
        lines = text_lines(_chain(first.lstrip("\ufeff"), stream), start=blank + 1)
        yield from read_jsonl(lines, STDIN_NAME, **options)
        return
    text = first + stream.read(max_bytes + 1)
    try:
        check_unicode(text)  # a stream decoded with surrogateescape holds its undecodable bytes as surrogates
        data = text.encode("utf-8")
        check_size(len(data), max_bytes)
        check_binary(data)
    except Invalid as e:
        yield InputError(STDIN_NAME, e.reason)
        return
    html = first.lstrip("\ufeff \t").startswith("<")
    yield from _one_document(text.lstrip("\ufeff"), STDIN_NAME, html=html, **options)


def _chain(first: str, rest: TextIO) -> Iterator[str]:
    yield first
    yield from rest


def _one_document(text: str, name: str, *, html: bool, max_bytes: int, check_language: bool) -> list[Article | InputError]:
    if html:
        try:
            page = extract_html(text)
        except Invalid as e:
            return [InputError(name, e.reason)]
        fields = {"title": page.title, "date": page.date, "source": page.source, "url": page.url}
        body = page.text
    else:
        fields, body = split_headers(text)
    return make_article(body, input=name, max_bytes=max_bytes, check_language=check_language, **fields)

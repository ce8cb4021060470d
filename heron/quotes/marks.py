"""Where the quoted passages are: character spans between quote marks, found per paragraph.

Pure text scanning, no spaCy. Handles curly and straight double quotes (and the
two-apostrophe ''...'' some papers print), nested
quotes (an inner quote stays part of the outer passage), top-level single quotes
(‘…’ or '…', told apart from apostrophes by what stands around them) and
unbalanced marks: a passage still open at the end of a paragraph stops there,
so one missing closing mark never swallows the rest of the article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
DOUBLE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage, marks included: ``text[start:end]``. ``closed`` is False when recovered at a paragraph end."""

    start: int
    end: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line: news text puts one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def paragraph_index(paras: list[tuple[int, int]], i: int) -> int:
    """The number of the paragraph in ``paras`` that position ``i`` lies in (or ends at): a word's position,
    which lies on a non-empty line."""
    return bisect_right([start for start, _ in paras], i) - 1


def paragraph_of(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the paragraph of ``text`` that position ``i`` (a word's) lies in."""
    paras = paragraphs(text)
    return paras[paragraph_index(paras, i)]


def inside(i: int, spans: list[QuoteSpan]) -> QuoteSpan | None:
    """The quoted passage position ``i`` lies in, if any."""
    return next((s for s in spans if s.start <= i < s.end), None)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Top-level quoted passages of ``text``, in order."""
    spans: list[QuoteSpan] = []
    for start, end in paragraphs(text):
        doubles = _double_spans(text, start, end)
        spans.extend(doubles)
        spans.extend(_single_spans(text, start, end, doubles))
    return sorted(spans, key=lambda s: s.start)


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of double marks; role is open, close or straight.

    Some papers print double quotes as two apostrophes (''...'') or as ``...''.
    """
    marks = []
    i = start
    while i < end:
        pair = text[i : i + 2]
        if pair in ("''", "``"):
            marks.append((i, 2, "straight" if pair == "''" else "open"))
            i += 2
            continue
        ch = text[i]
        if ch in DOUBLE_MARKS:
            marks.append((i, 1, "open" if ch in OPEN_DOUBLE or _misprinted_open(text, i, start, end)
                          else "close" if ch in CLOSE_DOUBLE else "straight"))
        i += 1
    return marks


def _misprinted_open(text: str, i: int, start: int, end: int) -> bool:
    """ '”Fear. I am afraid ...” ― a reader': a closing mark at the start of a paragraph, before a word,
    can only open the passage."""
    return text[i] in CLOSE_DOUBLE and not text[start:i].strip() and i + 1 < end and text[i + 1].isalnum()


def _double_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    depth = 0
    opened = -1
    for i, length, role in _double_marks(text, start, end):
        if depth == 0:
            # A closing mark with nothing open is a stray: ignore it.
            if role == "close":
                continue
            depth, opened = 1, i
        elif role == "open":
            depth += 1
        else:
            # A straight mark inside an open passage closes the innermost level.
            depth -= 1
            if depth == 0:
                spans.append(QuoteSpan(opened, i + length))
    if depth > 0:
        stop = end
        while stop > opened + 1 and text[stop - 1].isspace():
            stop -= 1
        spans.append(QuoteSpan(opened, stop, closed=False))
    return spans


def _is_single_open(text: str, i: int, start: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after in "…$")


def _is_single_close(text: str, i: int) -> bool:
    before = text[i - 1]
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _single_spans(text: str, start: int, end: int, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted passages outside double quotes; unclosed ones are dropped (they are likely apostrophes)."""
    spans: list[QuoteSpan] = []
    opened = -1
    for i in range(start, end):
        ch = text[i]
        if ch not in "‘’'" or text[i - 1 : i + 1] == "''" or text[i : i + 2] == "''" or any(d.start <= i < d.end for d in doubles):
            continue
        if opened < 0:
            if ch in "‘'" and _is_single_open(text, i, start):
                opened = i
        elif ch in "’'" and _is_single_close(text, i):
            spans.append(QuoteSpan(opened, i + 1))
            opened = -1
    return spans

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
from functools import lru_cache

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
DOUBLE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE

_PARAGRAPH = re.compile(r"[^\n]+")
# where a mark may stand: the scans below jump from one to the next instead of reading every character
_DOUBLE_MARK = re.compile("''|``|[" + re.escape(DOUBLE_MARKS) + "]")
_SINGLE_MARK = re.compile("[‘’']")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage, marks included: ``text[start:end]``. ``closed`` is False when recovered at a paragraph end."""

    start: int
    end: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line: news text puts one paragraph per line."""
    return list(_paragraphs(text)[0])


@lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[tuple[tuple[int, int], ...], list[int]]:
    """The paragraphs of ``text`` and their starts, worked out once per text: the quote rules ask for the
    paragraph of one cue after another in the same article."""
    paras = tuple((m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip())
    return paras, [start for start, _ in paras]


def paragraph_index(paras: list[tuple[int, int]], i: int) -> int:
    """The number of the paragraph in ``paras`` that position ``i`` lies in (or ends at): a word's position,
    which lies on a non-empty line."""
    return bisect_right([start for start, _ in paras], i) - 1


def paragraph_of(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the paragraph of ``text`` that position ``i`` (a word's) lies in."""
    paras, starts = _paragraphs(text)
    return paras[bisect_right(starts, i) - 1]


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
    for m in _DOUBLE_MARK.finditer(text, start, end):
        i, pair = m.start(), m.group()
        if len(pair) == 2:  # '' or ``
            marks.append((i, 2, "straight" if pair == "''" else "open"))
            continue
        marks.append((i, 1, "open" if pair in OPEN_DOUBLE or _misprinted_open(text, i, start, end)
                      else "close" if pair in CLOSE_DOUBLE else "straight"))
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
    for m in _SINGLE_MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if text[i - 1 : i + 1] == "''" or text[i : i + 2] == "''" or any(d.start <= i < d.end for d in doubles):
            continue
        if opened < 0:
            if ch in "‘'" and _is_single_open(text, i, start):
                opened = i
        elif ch in "’'" and _is_single_close(text, i):
            spans.append(QuoteSpan(opened, i + 1))
            opened = -1
    return spans

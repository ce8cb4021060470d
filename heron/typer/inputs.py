"""What the event typer reads: a sentence with its source, target and trigger spans, and PLV's roots.

Roots follow PLV's 15 classes: the 16 PLOVER types with CONCEDE and RETREAT merged as YIELD.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
ROOT_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "AID": 2, "COOPERATE": 2, "YIELD": 2,
    "ACCUSE": 3, "REJECT": 3, "REQUEST": 3, "THREATEN": 3,
    "ASSAULT": 4, "COERCE": 4, "MOBILIZE": 4, "PROTEST": 4, "SANCTION": 4,
}
ROOTS: tuple[str, ...] = tuple(sorted(ROOT_QUAD))
# PLV does not tell concessions from retreats: both are scored as YIELD.
MERGED_ROOTS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

_MARK = re.compile(r"</?[st]>")


def root_of(plover_type: str) -> str:
    """The PLV root of a PLOVER type (CONCEDE and RETREAT become YIELD)."""
    name = plover_type.strip().upper()
    return MERGED_ROOTS.get(name, name)


def _check_span(name: str, span: tuple[int, int] | None, length: int) -> None:
    if span is None:
        return
    start, end = span
    if not (0 <= start < end <= length):
        raise ValueError(f"{name} span {span} is not a non-empty span of a {length}-character sentence")


@dataclass(frozen=True)
class TypingInput:
    """One candidate event: a sentence and the character spans (end exclusive) of its source, target, trigger.

    ``doc`` is optional: the parsed sentence (a Doc, or a sentence Span of an article Doc) when the
    caller has one, which saves the typer a parse. Its text must be the sentence.
    """

    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    trigger: tuple[int, int] | None = None
    doc: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.sentence, str) or not self.sentence.strip():
            raise ValueError("a typing input needs a non-empty sentence")
        for name in ("source", "target", "trigger"):
            _check_span(name, getattr(self, name), len(self.sentence))
        if self.doc is not None and self.doc.text != self.sentence:
            raise ValueError("the parsed doc given with a typing input does not match its sentence")


def from_marked(marked_sentence: str) -> TypingInput:
    """Read PLV's marked form: ``<s>source</s> ... <t>target</t>``.

    Either mark may be missing; a mark repeated (the same actor named twice) keeps its first span.
    """
    plain: list[str] = []
    length = 0
    spans: dict[str, list[int]] = {}
    open_tags: set[str] = set()  # <s> and <t> may nest ("<s><t>Iraqi</t> fighters</s>")
    for part in re.split(r"(</?[st]>)", marked_sentence):
        if not _MARK.fullmatch(part):
            plain.append(part)
            length += len(part)
            continue
        tag = part.strip("</>")
        if part.startswith("</"):
            if tag not in open_tags:
                raise ValueError(f"{part} without an opening mark in marked sentence: {marked_sentence!r}")
            open_tags.discard(tag)
            if len(spans[tag]) == 1:
                spans[tag].append(length)
        else:
            if tag in open_tags:
                raise ValueError(f"{part} opened twice in marked sentence: {marked_sentence!r}")
            open_tags.add(tag)
            spans.setdefault(tag, [length])
    if open_tags:
        raise ValueError(f"<{min(open_tags)}> is never closed in marked sentence: {marked_sentence!r}")
    sentence = "".join(plain)

    def span(tag: str) -> tuple[int, int] | None:
        found = spans.get(tag)
        if not found or found[1] <= found[0]:
            return None
        start, end = found
        # Marks sometimes sit outside a space ("<s>The army </s>said"): trim it so the span is the words.
        while start < end and sentence[start].isspace():
            start += 1
        while end > start and sentence[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    return TypingInput(sentence=sentence, source=span("s"), target=span("t"))


@dataclass(frozen=True)
class Prediction:
    root: str
    quad: int
    probs: dict[str, float]

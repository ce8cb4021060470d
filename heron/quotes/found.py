"""An attribution as the quote rules find it, before the quotes are numbered."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Found:
    """An attribution before ids are given: content as a char span, speaker as a token span."""

    start: int
    end: int
    kind: str
    cue: Span | None
    attitude: str
    speaker: Span | None
    confidence: float
    speaker_name: str | None = None
    speaker_id: str | None = None

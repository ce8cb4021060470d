"""What ingest reports when an input cannot become an article, or becomes one with a caveat."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError:
    """One problem with one input.

    ``input`` names the file, with ``:line`` for a record of a jsonl/csv file.
    ``severity`` is "error" (nothing was read from this input) or "warning"
    (the article was still read, e.g. with ``date=None`` after an unreadable date).
    """

    input: str
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.input}: {tag}{self.reason}"


class BadInput(ValueError):
    """Raised by the single-text API (``read_text``) where a batch would yield an :class:`InputError`."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


class InputWarning(UserWarning):
    """Issued by ``read_text`` for a warning-severity problem (the article is still returned)."""


class Invalid(Exception):
    """Internal: a check failed; ``reason`` becomes an InputError's reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

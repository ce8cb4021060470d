"""heron's events in the field's standard formats: GDELT 2.0 event table, PLOVER JSON lines, ACLED-style CSV.

Each writer takes an iterable of :class:`heron.records.Extraction` and a text
stream, writes one row/record per event and returns the number written.
"""
from collections.abc import Callable, Iterable
from typing import TextIO

from heron.formats.acled import write_acled
from heron.formats.gdelt import write_gdelt
from heron.formats.plover import write_plover
from heron.records import Extraction

WRITERS: dict[str, Callable[[Iterable[Extraction], TextIO], int]] = {
    "gdelt": write_gdelt,
    "plover": write_plover,
    "acled": write_acled,
}

__all__ = ["WRITERS", "write_acled", "write_gdelt", "write_plover"]

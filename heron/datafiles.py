"""The one loader of heron's data files (heron/data/): lexicons, the actor base, code tables.

Every file is tab-separated text with a header row. Lines starting with ``#`` are comments and blank
lines are skipped, so a file explains itself to a reviewer. There is no quoting: a cell is exactly the
text between two tabs. Multi-valued cells separate their values with ``;`` (:func:`split_values`).
An error names the file and the line.
"""
from __future__ import annotations

import csv
import os
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "heron"


def cache_dir() -> Path:
    """Where indexes derived from the data files are kept ($HERON_CACHE, else ~/.cache/heron)."""
    return Path(os.environ.get("HERON_CACHE") or Path.home() / ".cache" / "heron")


class DataFileError(ValueError):
    """A data file is malformed: the message names the file and the line."""


def data_text(*parts: str) -> str:
    """The text of a file under heron/data/, e.g. ``data_text("lexicons", "quote_cues.tsv")``."""
    return resources.files(DATA_PACKAGE).joinpath("data", *parts).read_text(encoding="utf-8")


def parse_tsv(text: str, where: str, *, required: tuple[str, ...] = (), short_ok: bool = False
              ) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a TSV text; ``where`` names it in errors.

    ``required``: columns the header must have. ``short_ok``: a row may lack trailing empty cells
    (editors strip trailing tabs from hand-edited files); otherwise every row has the header's width.
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader([line for _, line in lines], delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"{where}: line {lines[0][0]}: the header lacks column(s) {', '.join(missing)}")
    rows = []
    for (n, _), row in zip(lines[1:], reader, strict=True):
        short = any(v is None for v in row.values())
        if None in row or (short and not short_ok):
            raise DataFileError(f"{where}: line {n} has the wrong number of columns: {row}")
        rows.append((n, {k: v or "" for k, v in row.items()}))
    return rows


def read_tsv(*parts: str, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of a file under heron/data/, e.g. ``read_tsv("cameo", "cameo_codes.tsv")``."""
    where = "/".join(parts)
    return [row for _, row in parse_tsv(data_text(*parts), where, required=required)]


def split_values(value: str | None) -> list[str]:
    """The values of a multi-valued cell: ``"NATO;Nato"`` -> ``["NATO", "Nato"]`` (blanks dropped)."""
    return [v.strip() for v in (value or "").split(";") if v.strip()]

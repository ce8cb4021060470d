"""Reads PLV-style TSV files: one marked sentence per row with its gold PLOVER root and quad class."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import heron
from heron.typer.inputs import ROOT_QUAD, TypingInput, from_marked, root_of

REQUIRED = ("sentence_id", "marked_sentence", "gold_root", "gold_penta")


@dataclass(frozen=True)
class PlvRow:
    sentence_id: str
    item: TypingInput  # the sentence with its gold source and target spans
    root: str  # one of the 15 PLV roots
    quad: int  # 1..4


def default_plv_path() -> Path:
    """PLV_train.tsv in the shared data folder beside the repository."""
    return Path(heron.__file__).resolve().parents[1].parent / "shared" / "data" / "plover" / "PLV_train.tsv"


def read_plv(path: str | Path) -> list[PlvRow]:
    """All rows of a PLV TSV file; a malformed row stops the read with its line number."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"PLV file not found: {path}")
    rows: list[PlvRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, rec in enumerate(reader, start=2):
            root = root_of(rec["gold_root"])
            try:
                quad = int(rec["gold_penta"])
                if root not in ROOT_QUAD or quad not in (1, 2, 3, 4):
                    raise ValueError(f"unknown root {rec['gold_root']!r} or quad {rec['gold_penta']!r}")
                item = from_marked(rec["marked_sentence"])
            except ValueError as err:
                raise ValueError(f"{path}:{line}: {err}") from err
            rows.append(PlvRow(sentence_id=rec["sentence_id"], item=item, root=root, quad=quad))
    return rows

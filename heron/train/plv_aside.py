"""The held-aside part of PLV_train: a fixed fifth of its rows, stratified by root, that no choice is tuned on.

PLV's own test split is not ours to read, and 5-fold cross-validation on the rows the features were chosen
on flatters the typer (by ~0.05 root macro-F1 against that test split). So a fifth of PLV_train is set
aside once (:func:`choose_aside`, fixed seed) and listed by row in ``heron/data/plv/plv_train_aside.tsv``:
settings are compared with ``heron evaluate plv --folds`` on the other rows, and ``--aside`` scores the
aside rows with a typer trained on the rest. The file holds row numbers, ids and roots, no text.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from heron.datafiles import data_text, parse_tsv
from heron.train.plv_data import PlvRow

ASIDE_FILE = ("plv", "plv_train_aside.tsv")
FRACTION = 0.2
SEED = 12  # issue 12 asked for the split; any fixed value would do


def choose_aside(roots: Sequence[str], fraction: float = FRACTION, seed: int = SEED) -> list[int]:
    """Row positions (0-based, ascending) set aside: ``round(fraction * n)`` of each root's n rows, at random.

    Each root is shuffled by its own generator seeded with ``seed`` and the root's name, so the choice for
    one root does not depend on how many rows the other roots have.
    """
    if not 0 < fraction < 1:
        raise ValueError(f"the aside fraction must be between 0 and 1, not {fraction}")
    by_root: dict[str, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        by_root[root].append(i)
    chosen: list[int] = []
    for root, positions in sorted(by_root.items()):
        rng = np.random.default_rng([seed, *root.encode("utf-8")])
        take = int(round(fraction * len(positions)))
        chosen += [positions[k] for k in rng.permutation(len(positions))[:take]]
    return sorted(chosen)


def aside_table(rows: Sequence[PlvRow]) -> str:
    """The text of the aside file for ``rows`` (PLV_train): one line per aside row."""
    lines = [
        "# The held-aside fifth of PLV_train (heron.train.plv_aside.choose_aside, seed 12), stratified by root.",
        "# row: the data row of PLV_train.tsv (1 = the first row after the header). Written by",
        "# `python -m heron.train.plv_aside`; never tune a setting on these rows.",
        "row\tsentence_id\troot",
    ]
    lines += [f"{i + 1}\t{rows[i].sentence_id}\t{rows[i].root}" for i in choose_aside([r.root for r in rows])]
    return "\n".join(lines) + "\n"


def aside_positions(rows: Sequence[PlvRow]) -> list[int] | None:
    """The 0-based positions of the aside rows in ``rows`` when they are PLV_train's, else None.

    The listed row, id and root must all match: a file that is not PLV_train has no aside part.
    """
    where = "/".join(ASIDE_FILE)
    listed = parse_tsv(data_text(*ASIDE_FILE), where, required=("row", "sentence_id", "root"))
    positions = []
    for _, rec in listed:
        i = int(rec["row"]) - 1
        if not (0 <= i < len(rows)) or rows[i].sentence_id != rec["sentence_id"] or rows[i].root != rec["root"]:
            return None
        positions.append(i)
    return positions


def split_aside(rows: Sequence[PlvRow]) -> tuple[list[int], list[int]]:
    """(positions to train and tune on, aside positions); every row is kept when ``rows`` are not PLV_train."""
    aside = aside_positions(rows) or []
    kept = set(aside)
    return [i for i in range(len(rows)) if i not in kept], aside


if __name__ == "__main__":
    import sys
    from pathlib import Path

    from heron.train.plv_data import default_plv_path, read_plv

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else default_plv_path()
    out = Path(__file__).resolve().parents[1] / "data" / Path(*ASIDE_FILE)
    out.write_text(aside_table(read_plv(source)), encoding="utf-8")
    print(f"wrote {out}")

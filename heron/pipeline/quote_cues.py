"""The reporting-cue lexicon (heron/data/lexicons/quote_cues.tsv): which words introduce a quote, and with what attitude."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ATTITUDES = ("assert", "belief", "denial", "question")
POS = ("VERB", "NOUN", "PREP")


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN | PREP
    attitude: str  # assert | belief | denial | question
    type: str  # speech | belief | source


class CueLexiconError(ValueError):
    pass


def parse_cues(text: str) -> dict[tuple[str, str], Cue]:
    """Cues keyed by (lemma, pos). Rejects unknown attitudes or parts of speech with the line number."""
    cues: dict[tuple[str, str], Cue] = {}
    for n, row in enumerate(csv.DictReader(io.StringIO(text), delimiter="\t"), start=2):
        cue = Cue(row["cue"].strip().lower(), row["pos"].strip(), row["attitude"].strip(), row["type"].strip())
        if cue.attitude not in ATTITUDES or cue.pos not in POS:
            raise CueLexiconError(f"quote_cues.tsv line {n}: bad attitude or pos in {row!r}")
        cues[(cue.lemma, cue.pos)] = cue
    return cues


@lru_cache(maxsize=1)
def load_cues() -> dict[tuple[str, str], Cue]:
    text = resources.files("heron").joinpath("data/lexicons/quote_cues.tsv").read_text(encoding="utf-8")
    return parse_cues(text)

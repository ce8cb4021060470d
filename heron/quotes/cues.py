"""The reporting-cue lexicon (heron/data/lexicons/quote_cues.tsv): which words introduce a quote, and with what attitude."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from heron.datafiles import DataFileError, data_text, parse_tsv

ATTITUDES = ("assert", "belief", "denial", "question")
POS = ("VERB", "NOUN", "PREP")
OBJECTS = ("-", "dobj", "prep", "both")


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN | PREP
    attitude: str  # assert | belief | denial | question
    type: str  # speech | belief | source
    # What the verb takes that is itself the reported content: its direct object ("criticised the plan"),
    # the object of a preposition ("called for talks"), both, or neither ("-": "maintains a lead" is no quote).
    object: str = "-"

    @property
    def takes_object(self) -> bool:
        return self.object in ("dobj", "both")

    @property
    def takes_prep(self) -> bool:
        return self.object in ("prep", "both")


class CueLexiconError(DataFileError):
    pass


def parse_cues(text: str) -> dict[tuple[str, str], Cue]:
    """Cues keyed by (lemma, pos). Rejects unknown attitudes or parts of speech with the line number."""
    cues: dict[tuple[str, str], Cue] = {}
    for n, row in parse_tsv(text, "quote_cues.tsv"):
        cue = Cue(
            row["cue"].strip().lower(),
            row["pos"].strip(),
            row["attitude"].strip(),
            row["type"].strip(),
            (row.get("object") or "-").strip(),
        )
        if cue.attitude not in ATTITUDES or cue.pos not in POS or cue.object not in OBJECTS:
            raise CueLexiconError(f"quote_cues.tsv line {n}: bad attitude, pos or object in {row!r}")
        cues[(cue.lemma, cue.pos)] = cue
    return cues


@lru_cache(maxsize=1)
def load_cues() -> dict[tuple[str, str], Cue]:
    return parse_cues(data_text("lexicons", "quote_cues.tsv"))

"""The reporting-cue lexicons: which words introduce a quote, and with what attitude (quote_cues.tsv), and by
which prepositions a cue takes what it reports (quote_prepositions.tsv); both under heron/data/lexicons/."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from heron.datafiles import DataFileError, data_text, parse_tsv, read_tsv

ATTITUDES = ("assert", "belief", "denial", "question")
POS = ("VERB", "NOUN", "PREP")
OBJECTS = ("-", "dobj", "prep", "both")
INFINITIVES = ("content", "-")
PREPOSITION_ROLES = ("content", "reason")


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # VERB | NOUN | PREP
    attitude: str  # assert | belief | denial | question
    type: str  # speech | belief | source
    # What the verb takes that is itself the reported content: its direct object ("criticised the plan"),
    # the object of a preposition ("called for talks"), both, or neither ("-": "maintains a lead" is no quote).
    object: str = "-"
    # Whether a to-infinitive of the verb is the reported content ("promised to resign") or not ("-":
    # "continued to lead").
    infinitive: str = "content"

    @property
    def takes_object(self) -> bool:
        return self.object in ("dobj", "both")

    @property
    def takes_prep(self) -> bool:
        return self.object in ("prep", "both")

    @property
    def reports_infinitive(self) -> bool:
        return self.infinitive == "content"


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
            (row.get("infinitive") or "content").strip(),
        )
        if cue.attitude not in ATTITUDES or cue.pos not in POS or cue.object not in OBJECTS or cue.infinitive not in INFINITIVES:
            raise CueLexiconError(f"quote_cues.tsv line {n}: bad attitude, pos, object or infinitive in {row!r}")
        cues[(cue.lemma, cue.pos)] = cue
    return cues


@lru_cache(maxsize=1)
def load_cues() -> dict[tuple[str, str], Cue]:
    return parse_cues(data_text("lexicons", "quote_cues.tsv"))


@lru_cache(maxsize=None)
def cue_prepositions(role: str) -> frozenset[str]:
    """The prepositions that introduce a cue's content ("called for talks") or, after its object, the reason
    that belongs to it ("accused X of lying"): ``role`` is "content" or "reason"."""
    if role not in PREPOSITION_ROLES:
        raise ValueError(f"unknown preposition role {role!r}")
    return frozenset(r["preposition"].strip().lower() for r in read_tsv("lexicons", "quote_prepositions.tsv")
                     if r["role"].strip() == role)

"""Quotes a reader cannot trust, counted over any folder of articles (no gold needed).

Offenders, each listed:

- short: a content of one or two words ("Pelosi", "the response") is almost never what someone said;
  only an answer ("No", "he said yes", "said so") is;
- pronoun: a speaker shown by a word that names no one while no actor stands behind it: a pronoun
  ("It", "You"), a relative, question or demonstrative word ("which", "that") or an indefinite one
  ("nobody", "some");
- noun (counted apart, for review): a common noun shown as the speaker with no actor behind it
  ("investigators", "the study", "oxygen"); many are fair descriptions of a source, some are not.

A quote whose speaker stays unknown (no name) is no offender: it says less, not something wrong.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from heron.lang.en.syntax import SHORT_ANSWERS
from heron.records import Extraction, Quote

MAX_SHORT_WORDS = 2
# Words that name no one: pronouns, relative, question and demonstrative words, indefinites.
STAND_INS = frozenset({
    "i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them", "one",
    "which", "who", "whom", "whose", "that", "what", "this", "these", "those",
    "some", "few", "many", "most", "all", "both", "several", "others", "another", "each", "none",
    "nobody", "somebody", "anybody", "everybody", "someone", "anyone", "everyone", "no-one",
})
KINDS = ("short", "pronoun", "noun")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Offender:
    article: str
    quote: str
    why: str  # one of KINDS
    content: str
    speaker: str | None


@dataclass
class JunkReport:
    articles: int = 0
    quotes: int = 0
    offenders: list[Offender] = field(default_factory=list)

    def count(self, why: str) -> int:
        return sum(1 for o in self.offenders if o.why == why)

    def to_dict(self) -> dict:
        return {"articles": self.articles, "quotes": self.quotes, **{k: self.count(k) for k in KINDS},
                "offenders": [o.__dict__ for o in self.offenders]}


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_short(quote: Quote) -> bool:
    """One or two words that are not an answer."""
    found = words(quote.content.text)
    return len(found) <= MAX_SHORT_WORDS and not all(w.lower() in SHORT_ANSWERS for w in found)


def speaker_fault(quote: Quote) -> str | None:
    """"pronoun" or "noun" when a name is shown for a speaker no actor stands behind and that name is a word
    naming no one, or a common noun (no capital letter); None otherwise."""
    name = quote.speaker_name
    if quote.speaker is not None or not name:
        return None
    found = words(name)
    # "US" in capitals is the country, "I" the pronoun.
    if not found or len(found) == 1 and found[0].lower() in STAND_INS and (found[0] == "I" or not found[0].isupper()):
        return "pronoun"
    return None if any(ch.isupper() for ch in name) else "noun"


def offenders(name: str, extraction: Extraction) -> list[Offender]:
    out = []
    for q in extraction.quotes:
        if is_short(q):
            out.append(Offender(name, q.id, "short", q.content.text, q.speaker_name))
        fault = speaker_fault(q)
        if fault is not None:
            out.append(Offender(name, q.id, fault, q.content.text, q.speaker_name))
    return out


def junk(named: Iterable[tuple[str, Extraction]]) -> JunkReport:
    report = JunkReport()
    for name, extraction in named:
        report.articles += 1
        report.quotes += len(extraction.quotes)
        report.offenders += offenders(name, extraction)
    return report

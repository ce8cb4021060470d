"""Acronyms an article defines itself: "the National Broadcasting Board (NBB)".

An article that spells an acronym out means that body by it, whatever else the same letters stand for in the
actor base ("NTC" is Libya's transitional council there, a telecoms regulator in a Philippine report). These
pure functions find the definitions; the resolver makes each later use of the acronym a mention of the body
the long form names.
"""
from __future__ import annotations

from collections.abc import Sequence

# small words a long form may hold that an acronym usually skips: "Ministry of Foreign Affairs" (MFA)
LINK_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le", "&"})
MIN_LETTERS, MAX_LETTERS = 2, 8


def is_acronym(text: str) -> bool:
    return MIN_LETTERS <= len(text) <= MAX_LETTERS and text.isalpha() and text.isupper()


def initials(words: Sequence[str]) -> str:
    """The capital initials of a long form's words, hyphenated parts included ("Anti-Corruption" -> AC)."""
    out = []
    for word in words:
        if word.lower() in LINK_WORDS:
            continue
        out += [part[0] for part in word.split("-") if part[:1].isupper()]
    return "".join(out)


def defined_acronyms(texts: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Acronym -> the token span (start, end) of the long form that defines it: capitalised words right before
    "(ACR)" whose initials spell it. The first definition of an acronym counts."""
    found: dict[str, tuple[int, int]] = {}
    for i in range(1, len(texts) - 2):
        acronym = texts[i + 1]
        if texts[i] != "(" or texts[i + 2] != ")" or not is_acronym(acronym) or acronym in found:
            continue
        start = i
        # walk back over the long form: capitalised words and the link words between them
        while start > 0 and (texts[start - 1][:1].isupper() or texts[start - 1].lower() in LINK_WORDS) \
                and i - start < 2 * len(acronym) + 2:
            start -= 1
        while start < i and texts[start].lower() in LINK_WORDS:
            start += 1  # "the" before the name is not part of it
        # the shortest tail of the walked words that spells the acronym: "Police said the National ..."
        for first in range(start, i):
            if texts[first][:1].isupper() and initials(texts[first:i]) == acronym:
                found[acronym] = (first, i)
                break
    return found


def same_body(long_form: str, name: str) -> bool:
    """Whether the base's name for an acronym's body can be the long form the article spells out: they share
    most of their words ("Islamic Revolutionary Guard Corps" and "Revolutionary Guards" do, "National
    Telecommunications Commission" and "National Transitional Council" do not)."""
    def words(text: str) -> set[str]:
        return {w.lower().rstrip("s") for w in text.replace("-", " ").split() if w.lower() not in LINK_WORDS}
    a, b = words(long_form), words(name)
    return bool(a and b) and len(a & b) * 2 >= min(len(a), len(b)) + 1

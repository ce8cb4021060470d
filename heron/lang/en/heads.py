"""The head words of what a position is about, as a key that two articles reporting one offer share.

"to adopt a permanently neutral status if ..." and "adopting a neutral status" should meet, while
"a full ceasefire" and "a no-fly zone" should not. The key is deliberately crude (no parse is
stored): the words of the content up to its first clause break ("if", "before", "which", a comma),
lower-cased, without function words, with a plural or -ing ending cut off, first three kept, sorted.
"""
from __future__ import annotations

import re

# Words that carry no content of their own in an offer or demand: articles, pronouns, auxiliaries,
# the infinitive marker and the degree words that decorate a proposal ("a fully neutral status").
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
    "it", "they", "them", "he", "she", "we", "us", "i", "you", "itself", "themselves",
    "to", "be", "been", "being", "is", "are", "was", "were", "will", "would", "shall", "should", "can", "could",
    "may", "might", "must", "do", "does", "did", "have", "has", "had", "not", "no", "any", "all", "some",
    "also", "only", "very", "fully", "full", "permanently", "immediately", "new", "own", "such", "of", "and",
    "or",
})
# Where the content's head ends and its conditions, times or relative clauses begin.
CLAUSE_BREAKS = frozenset({
    "if", "unless", "provided", "before", "after", "until", "once", "when", "while", "as", "because", "which",
    "who", "that", "where", "in", "on", "at", "over", "for", "with", "by", "from", "against", "between",
    "within", "without", "under", "during", "since",
})
HEAD_WORDS = 3

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|,|;|:")


def _stem(word: str) -> str:
    # "proposals" ~ "proposal", "talks" ~ "talk", "adopting" ~ "adopt"; short words stay as written
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):  # not status, crisis
        return word[:-1]
    return word


def content_key(text: str | None) -> str:
    """``"to adopt a permanently neutral status if ..."`` -> ``"adopt neutral status"``; "" when no word is left."""
    heads: list[str] = []
    for word in _WORD.findall((text or "").lower()):
        if word in (",", ";", ":") or (word in CLAUSE_BREAKS and heads):
            if heads:
                break
            continue
        if word in FUNCTION_WORDS or word in CLAUSE_BREAKS:
            continue
        heads.append(_stem(word))
        if len(heads) == HEAD_WORDS:
            break
    return " ".join(sorted(set(heads)))

"""One pass over a document's words: which tokens may state a position, and which sentence each token is in.

Reading every token of a long article as a spaCy Token object several times over (once per construction)
costs more than all the rules together; the lemma, lowercase and dependency columns read as integers find
the few candidates first.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER
from spacy.tokens import Doc, Span

from heron.nlp.views import views


class Scan:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        columns = doc.to_array([LEMMA, LOWER, DEP]) if len(doc) else np.zeros((0, 3), dtype=np.uint64)
        self._lemma, self._lower, self._dep = columns[:, 0], columns[:, 1], columns[:, 2]
        shared = views(doc)
        self.sentences: list[Span] = shared.sents
        self.sentence_of = shared.sent_of

    def _ids(self, words: Iterable[str]) -> np.ndarray:
        strings = self.doc.vocab.strings
        return np.array([strings[w] for w in words], dtype=np.uint64)

    def words(self, words: Iterable[str]) -> list[int]:
        """Indices of the tokens whose lemma or lowercase form is one of ``words``."""
        ids = self._ids(words)
        hit = np.isin(self._lemma, ids) | np.isin(self._lower, ids)
        return np.flatnonzero(hit).tolist()

    def relations(self, deps: Iterable[str]) -> list[int]:
        """Indices of the tokens attached by one of the dependency labels ``deps``."""
        return np.flatnonzero(np.isin(self._dep, self._ids(deps))).tolist()

    def sentence(self, token_index: int) -> int:
        return int(self.sentence_of[token_index])

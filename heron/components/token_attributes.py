"""``heron_token_attributes``: the model's attribute ruler and lemmatizer, remembered.

Both are pure functions of a token's word, tag and dependency label (and of what an earlier
component set), except where one of the ruler's few multi-word patterns ("there is", "gon na")
matches. spaCy runs them token by token in Python: on news they cost 14% of the whole parse, more
than the parser. This component gives each token the result the two components gave the first token
with the same word, tag, label and prior values, and runs the real components only on what it has
not seen: the unseen tokens gathered in one small Doc, and each multi-word match with its own words.
The annotation is the same as the two components' (a test compares them token by token; whole
extractions of the Wikinews articles came out byte for byte the same). The memory grows with the
vocabulary of (word, tag, label, ...): up to 600 bytes an entry, so it is emptied at
:data:`MAX_ENTRIES` (90 MB; the 295 Wikinews articles make 43,000).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# What the two components read (with the word itself) and what they may write.
READ = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
WRITTEN = [TAG, DEP, POS, MORPH, LEMMA]
MAX_ENTRIES = 150_000
MAX_PATTERN = 8  # bits per pattern in a fill mask: more positions than any of the ruler's patterns has


def _word_test(spec: object) -> Callable[[str], bool]:
    """Whether a word can satisfy a pattern token's LOWER test ``spec`` (no test: any word can), as a
    function made once per pattern token: its regular expression compiled, its lists made sets."""
    if isinstance(spec, str):
        return spec.__eq__
    if not isinstance(spec, dict):
        return lambda text: True
    regex = re.compile(spec["REGEX"]) if "REGEX" in spec else None
    within = frozenset(spec["IN"]) if "IN" in spec else None
    without = frozenset(spec["NOT_IN"]) if "NOT_IN" in spec else frozenset()
    return lambda text: ((regex is None or regex.search(text) is not None)
                         and (within is None or text in within) and text not in without)


def indexed_twin(lemmatizer: Lemmatizer | None) -> Lemmatizer | None:
    """The model's rule lemmatizer with its word index (``lemma_index``) in sets: the same lemmas, faster.

    spaCy keeps the index as lists, as read from JSON, and looks each candidate lemma of a new word up in
    them item by item (20,000 nouns): about a tenth of a millisecond a word, most of what learning a word
    costs. Membership in a set gives the same answer. A twin, so that the model's own component is left
    as it was loaded (and still serialises)."""
    if lemmatizer is None or lemmatizer.mode != "rule" or not lemmatizer.lookups.has_table("lemma_index"):
        return lemmatizer
    twin = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name, mode=lemmatizer.mode,
                            overwrite=lemmatizer.overwrite)
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            lookups.set_table(name, table)
    twin.lookups = lookups
    return twin


class TokenAttributes:
    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer | None) -> None:
        self.ruler = ruler
        self.lemmatizer = indexed_twin(lemmatizer)
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        # The ruler's multi-word patterns, to find the tokens whose result depends on their neighbours.
        # Running their Matcher over every token costs more than it saves; a word-level sieve finds the
        # few places where one could match and the Matcher decides there.
        self.multi = Matcher(ruler.vocab)
        self.index: dict[int, list[int]] = {}
        self.lower_specs: list[list[object]] = []  # per multi-word pattern, per position: its LOWER test
        for n, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) > MAX_PATTERN:
                    raise ValueError(f"attribute ruler pattern {n} has more than {MAX_PATTERN} tokens")
                if len(pattern) > 1:
                    key = f"multi{n}"
                    self.multi.add(key, [pattern])
                    self.index.setdefault(ruler.vocab.strings[key], []).append(entry.get("index", 0) % len(pattern))
                    self.lower_specs.append([token.get("LOWER") for token in pattern])
        # the positions any word fills, and a test for each of the others: computed once per new word
        self.any_word = bytes(sum(1 << p for p, spec in enumerate(specs) if spec is None) for specs in self.lower_specs)
        self.word_tests = [(k, p, _word_test(spec)) for k, specs in enumerate(self.lower_specs)
                           for p, spec in enumerate(specs) if spec is not None]
        self.fills: dict[int, bytes] = {}  # lower-case word -> per pattern, the bit mask of the positions it may fill

    def _real(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        return self.lemmatizer(doc) if self.lemmatizer is not None else doc

    def _mini_doc(self, doc: Doc, rows: np.ndarray) -> Doc:
        """The tokens of ``rows`` (READ columns) as a Doc of their own, each its own head."""
        strings = doc.vocab.strings
        mini = Doc(doc.vocab, words=[strings[int(orth)] for orth in rows[:, 0]], spaces=[False] * len(rows))
        heads = np.zeros((len(rows), 1), dtype="uint64")
        mini.from_array([TAG, HEAD, DEP, POS, MORPH, LEMMA], np.hstack([rows[:, 1:2], heads, rows[:, 2:]]))
        return mini

    def _fill(self, lower: int) -> bytes:
        """One byte per multi-word pattern: bit p set when the word may fill the pattern's position p."""
        text = self.ruler.vocab.strings[lower]
        mask = bytearray(self.any_word)
        for k, p, test in self.word_tests:
            if test(text):
                mask[k] |= 1 << p
        self.fills[lower] = found = bytes(mask)
        return found

    def _context_bound(self, doc: Doc) -> dict[int, tuple[int, int]]:
        """Token index -> the window of every multi-word match it is the target of."""
        n = len(doc)
        bound: dict[int, tuple[int, int]] = {}
        if not self.lower_specs or not n:
            return bound
        fill, known = self._fill, self.fills.get
        # a (tokens, patterns) table of uint8 masks, built from bytes: numpy's bit tests on small integers
        # cost a fraction of those on Python ints
        masks = np.frombuffer(b"".join([known(lower) or fill(lower) for lower in doc.to_array(LOWER).tolist()]),
                              dtype=np.uint8).reshape(n, len(self.lower_specs))
        for k, specs in enumerate(self.lower_specs):
            size = len(specs)
            if n < size:
                continue
            column = masks[:, k]
            ok = np.ones(n - size + 1, dtype=bool)
            for p in range(size):
                ok &= (column[p : n - size + 1 + p] >> p) & 1 == 1
            for start in np.nonzero(ok)[0].tolist():
                for match_id, s, e in self.multi(doc[start : start + size], allow_missing=True):
                    for offset in self.index[match_id]:
                        i = start + s + offset
                        lo, hi = bound.get(i, (start + s, start + e))
                        bound[i] = (min(lo, start + s), max(hi, start + e))
        return bound

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self.memo) > MAX_ENTRIES:
            self.memo.clear()
            self.fills.clear()
        read = doc.to_array(READ)
        keys = list(map(tuple, read.tolist()))
        bound = self._context_bound(doc)
        memo_get = self.memo.get
        found = [memo_get(key) for key in keys]
        missing = {key: i for i, (key, hit) in enumerate(zip(keys, found)) if hit is None and i not in bound}
        if missing:
            self._learn(doc, read, list(missing.values()))
            found = [hit if hit is not None or i in bound else self.memo[keys[i]] for i, hit in enumerate(found)]
        for i, (start, end) in bound.items():
            window = self._real(self._mini_doc(doc, read[start:end]))
            found[i] = tuple(window.to_array(WRITTEN)[i - start].tolist())
        out = np.array(found, dtype="uint64")
        self._write(doc, read, out)
        return doc

    def _learn(self, doc: Doc, read: np.ndarray, rows: list[int]) -> None:
        mini = self._real(self._mini_doc(doc, read[rows]))
        results = mini.to_array(WRITTEN)
        # Unseen tokens side by side in the small Doc may form a multi-word match of their own:
        # those are learnt alone.
        alone = set(self._context_bound(mini))
        for j, i in enumerate(rows):
            if j in alone:
                results[j] = self._real(self._mini_doc(doc, read[i : i + 1])).to_array(WRITTEN)[0]
            self.memo[tuple(read[i].tolist())] = tuple(results[j].tolist())

    @staticmethod
    def _write(doc: Doc, read: np.ndarray, out: np.ndarray) -> None:
        doc.from_array([POS, MORPH, LEMMA], out[:, 2:])
        # The ruler changes a tag or a label only on stray whitespace: set those few one by one, which
        # leaves the parse's heads and sentences as they are.
        changed = np.nonzero((out[:, 0] != read[:, 1]) | (out[:, 1] != read[:, 2]))[0]
        for i in changed.tolist():
            doc[i].tag = int(out[i, 0])
            doc[i].dep = int(out[i, 1])


@Language.factory(
    "heron_token_attributes", requires=["token.tag"], assigns=["token.pos", "token.morph", "token.lemma"],
)
def make_token_attributes(nlp: Language, name: str, ruler: str = "attribute_ruler", lemmatizer: str = "lemmatizer"):
    components = dict(nlp.components)
    return TokenAttributes(components[ruler], components.get(lemmatizer))

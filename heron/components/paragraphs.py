"""``heron_paragraphs``: a paragraph break starts a sentence.

The parser sometimes runs a sentence on across a blank line (a quote closing one paragraph, a
new report opening the next), and then a quote's speaker or an event's mode leaks into the next
paragraph. Runs before the parser, which keeps boundaries set before it. A single line break
starts a sentence only after sentence-final punctuation: hard-wrapped text stays whole.

This is a rule on sentence starts over the tokens, not a second paragraph splitter: the quotes
component's paragraphs (heron.quotes.marks.paragraphs) are the text's lines, every line break
included, since quote marks never run over one in the text heron reads.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset(".!?\"'”’)")


def mark_paragraphs(doc: Doc) -> Doc:
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if not tok.is_space or "\n" not in tok.text:
            continue
        if tok.text.count("\n") >= 2 or doc[i - 1].text[-1] in SENTENCE_END:
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory("heron_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str):
    return mark_paragraphs

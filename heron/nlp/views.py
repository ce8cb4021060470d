"""What heron's components read of a parsed Doc over and over, built once per Doc and shared.

spaCy makes a new Python object on every ``doc[i]``, every step of ``for token in doc`` or
``for token in span``, and a new Span for every sentence or entity on each ``doc.sents`` and
``doc.ents``; heron's components walk the whole article many times (about thirty Token objects a word
before these views). The views are read only after the parse: nothing changes a Doc's tokens,
sentences or entities once heron's own components run. :func:`forget` drops them when the Doc is
done with (the runner does), so that the Doc does not keep them alive.
"""
from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc, Span, Token

from heron.nlp.extensions import doc_text

_KEY = "heron_views"


class DocViews:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def tokens(self) -> list[Token]:
        """``list(doc)``: ``tokens[i]`` is ``doc[i]`` without a new Token each time."""
        return list(self.doc)

    @cached_property
    def sents(self) -> list[Span]:
        """``list(doc.sents)``; the whole Doc as one sentence when nothing split it into sentences."""
        return list(self.doc.sents) if self.doc.has_annotation("SENT_START") else [self.doc[:]]

    @cached_property
    def sent_of(self) -> list[int]:
        """Token index -> the number of its sentence in :attr:`sents`."""
        out = [0] * len(self.doc)
        for n, sent in enumerate(self.sents):
            out[sent.start:sent.end] = [n] * (sent.end - sent.start)
        return out

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return self.doc.ents


def views(doc: Doc) -> DocViews:
    found = doc.user_data.get(_KEY)
    if found is None or found.doc is not doc:  # a copied Doc (Doc.copy copies user_data) gets its own
        found = doc.user_data[_KEY] = DocViews(doc)
    return found


def forget(doc: Doc) -> None:
    """Drop the views (they refer back to the Doc: a reference cycle until the garbage collector runs)."""
    doc.user_data.pop(_KEY, None)


def span_text(span: Span) -> str:
    """``span.text`` from the document's text, without the Token object spaCy makes for every word of it."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def span_tokens(span: Span) -> list[Token]:
    """``list(span)`` from the shared token list."""
    return views(span.doc).tokens[span.start:span.end]

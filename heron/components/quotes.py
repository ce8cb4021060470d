"""heron_quotes: who said what. Writes ``doc._.quotes`` (list[Quote]).

Rules over the dependency parse, cue-centred, each job in its module under heron/quotes/:

1. every reporting cue of the lexicon (heron.quotes.cues) outside quote marks (heron.quotes.marks),
   and every line opening with a name and a colon, is an attribution (heron.quotes.attribute);
2. its content is grown to the quoted passages it touches and kept in its paragraph
   (heron.quotes.content); a cue inside another attribution's content belongs to that content;
3. its speaker is the Actor of the subject token in ``doc._.actor_of`` when the actors component found
   one; he/she otherwise fall back to the nearest preceding person; a pronoun, relative or indefinite
   word nobody is found for leaves the speaker unknown (heron.quotes.speakers);
4. quoted passages nobody claimed take the speaker of a quote beside them, or else of a person named
   near them (heron.quotes.unclaimed);
5. a content of one or two words that is no answer is no quote (heron.quotes.content).
"""
from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from heron.nlp.extensions import doc_text  # (importing it registers the doc._ attributes)
from heron.quotes.attribute import attribute, colon_line
from heron.quotes.content import says_something
from heron.quotes.cues import load_cues
from heron.quotes.found import Found
from heron.quotes.marks import find_quote_spans, paragraphs
from heron.quotes.speakers import resolve
from heron.quotes.unclaimed import unclaimed
from heron.records import Mention, Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """The quotes of a parsed Doc, ordered by position, ids Q1.."""
    spans = find_quote_spans(doc_text(doc))
    cues = load_cues()
    found = [f for tok in _cue_words(doc, cues) for f in attribute(doc, tok, cues, spans)]
    found += [f for f in map(lambda para: colon_line(doc, para, spans), paragraphs(doc_text(doc))) if f is not None]
    found = sorted(_outermost(found), key=lambda f: f.start)
    for n, f in enumerate(found):
        resolve(doc, f, found[:n])
    found += unclaimed(doc, spans, found)
    # Dropped only now: an attribution of one or two words still tells whose the passages beside it are.
    found = sorted((f for f in found if says_something(doc_text(doc)[f.start : f.end])), key=lambda f: (f.start, f.end))
    return [_to_quote(doc, f, n) for n, f in enumerate(found, start=1)]


def _cue_words(doc: Doc, cues: dict) -> list[Token]:
    """The tokens :func:`attribute` may take for a cue, in order: a cue's lemma, "according" or "to". Read off
    the token arrays, so that the other nine words in ten cost no Token object and no string."""
    lemmas = {lemma for lemma, _ in cues}
    strings = doc.vocab.strings
    rows = doc.to_array([LEMMA, LOWER]).tolist()
    maybe = {h for h in {lemma for lemma, _ in rows} if strings[h].lower() in lemmas}
    maybe.update(strings[word] for word in ("according", "to") if word in strings)
    return [doc[i] for i, (lemma, lower) in enumerate(rows) if lemma in maybe or lower in maybe]


def _outermost(found: list[Found]) -> list[Found]:
    """PolNeAR-style univocal reading: a cue inside another attribution's content belongs to that content."""
    keep = []
    for f in found:
        nested = any(g is not f and g.start <= f.cue.start_char < g.end and (g.end - g.start) > (f.end - f.start) for g in found)
        duplicate = any(g.start == f.start and g.end == f.end for g in keep)
        if not nested and not duplicate:
            keep.append(f)
    return keep


def _to_quote(doc: Doc, f: Found, n: int) -> Quote:
    return Quote(
        id=f"Q{n}",
        content=Mention(doc_text(doc)[f.start : f.end], f.start, f.end),
        kind=f.kind,
        speaker=f.speaker_id,
        speaker_name=f.speaker_name,
        speaker_mention=None if f.speaker is None else Mention(f.speaker.text, f.speaker.start_char, f.speaker.end_char),
        cue=None if f.cue is None else Mention(f.cue.text, f.cue.start_char, f.cue.end_char),
        attitude=f.attitude,
        confidence=f.confidence,
    )


class QuotesComponent:
    """Runs after heron_actors: reads ``doc._.actors``/``actor_of`` (may be None) and writes ``doc._.quotes``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory(
    "heron_quotes", requires=["doc._.actors", "doc._.actor_of", "token.dep"], assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()

"""The ``doc._`` attributes heron's components read and write.

Each component declares what it reads (``requires``) and writes (``assigns``) on its
``@Language.factory``; ``nlp.analyze_pipes(pretty=True)`` prints the order and the contracts, and
:func:`contracts` gives them as rows. ``article_date`` is the caller's input (``Heron.make_doc``).

``*_of`` maps a token index (``token.i``) to the id of the record covering it,
so a component can ask "which actor is this token part of?" in O(1).
"""
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

EXTENSIONS = (
    "article_date",  # datetime.date | None
    "actors", "actor_of",  # list[Actor], dict[int, str]
    "places", "place_of",  # list[Place], dict[int, str]
    "times", "time_of",  # list[TimeRef], dict[int, str]
    "quotes",  # list[Quote]
    "parties", "party_of",  # list[Actor], dict[int, str]: candidate parties no actor rule coded
    "events", "event_times",  # list[Event], list[TimeRef] derived while dating events
    "positions", "claim_groups",  # list[Position], list[ClaimGroup]
)


def contracts(nlp) -> list[tuple[str, list[str], list[str]]]:
    """(component, assigns, requires) for every heron component of ``nlp``, in pipeline order."""
    rows = []
    for name in nlp.pipe_names:
        if name.startswith("heron_"):
            meta = nlp.get_pipe_meta(name)
            rows.append((name, list(meta.assigns), list(meta.requires)))
    return rows


def register() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()

_TEXT_KEY = "heron_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access, and each of heron's
    components reads the whole text. (A Doc's text never changes; merging tokens keeps it.) Joined from the
    word and space columns, as spaCy joins each token's text and trailing space, without a Token object per word."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        strings = doc.vocab.strings
        text = doc.user_data[_TEXT_KEY] = "".join([strings[orth] + " " if space else strings[orth]
                                                   for orth, space in doc.to_array([ORTH, SPACY]).tolist()])
    return text

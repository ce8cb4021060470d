"""The ``doc._`` attributes heron's components read and write.

Order of the pipeline and who writes what:

==================  ==================  ===============================================
component           writes              reads
==================  ==================  ===============================================
(caller)            article_date        --
heron_actors        actors, actor_of    doc.ents, article_date
heron_places        places, place_of    doc.ents, actors
heron_times         times, time_of      article_date
heron_quotes        quotes              actors, actor_of
heron_events        events              actors, actor_of, places, place_of, times,
                                        time_of, quotes
==================  ==================  ===============================================

``*_of`` maps a token index (``token.i``) to the id of the record covering it,
so a component can ask "which actor is this token part of?" in O(1).
"""
from spacy.tokens import Doc

EXTENSIONS = (
    "article_date",  # datetime.date | None
    "actors", "actor_of",  # list[Actor], dict[int, str]
    "places", "place_of",  # list[Place], dict[int, str]
    "times", "time_of",  # list[TimeRef], dict[int, str]
    "quotes",  # list[Quote]
    "events",  # list[Event]
)


def register() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()

_TEXT_KEY = "heron_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access, and each of heron's
    components reads the whole text. (A Doc's text never changes; merging tokens keeps it.)"""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text

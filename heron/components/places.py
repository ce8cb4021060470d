"""The ``heron_places`` component: finds toponyms and geocodes them to GeoNames.

Writes ``doc._.places`` (list[Place], ids P1.. in order of first mention) and
``doc._.place_of`` (token.i -> place id). Also exposes :func:`event_place`, the
place where an event happened, for the events component.

Recognition:

* spaCy GPE, LOC and FAC entities are toponyms, as are ORG names ending in a
  site word ("Royal Street", "Manila Cathedral"), and ORG names of countries or
  unions ("EU officials"). Unresolved ones are kept, without GeoNames id.
  A GPE/LOC name that the NER labels PERSON/ORG more often than GPE/LOC in the same
  article, or that is a word of a full personal name there ("Modi" beside
  "Narendra Modi"), must pass the test below instead.
* The model often tags towns as PERSON or ORG ("Chernihiv", "Mariupol"); such
  entities, and runs of capitalised proper nouns outside any entity (or words in
  capitals, as in datelines), are toponyms when the gazetteer knows them well (a
  main name, a big enough place; acronyms only as countries, regions or big
  cities) and either the phrase is locative ("in/near/around/from X", "the city of
  X", "X region", "X, Y", "shelled X", a dateline), or the same name is a place elsewhere in the
  article or is coordinated with one ("Chernihiv and Mariupol"), or it is a sizeable
  town of a country the article's other places lie in.
* Demonyms ("Russian", "Ukrainians") and generic words ("the West") are never
  places; demonyms inform disambiguation.
* Metonymy is kept: in "Kyiv said", Kyiv is a place here and an actor for
  heron_actors.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.datafiles import DataFileError, data_text, parse_tsv
from heron.lang.en.syntax import EVENT_PLACE_PREPOSITIONS, TOPONYM_PREPOSITIONS
from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.nlp.views import views
from heron.records import Mention, Place
from heron.resolve.gazetteer import (
    ADM1,
    CAPITAL,
    CITY,
    CONTINENT,
    COUNTRY,
    Candidate,
    Gazetteer,
    demonyms,
    load,
    norm,
)
from heron.resolve.geo_disambiguate import (
    GENERIC_WORDS,
    Toponym,
    demonym_countries,
    resolve,
)

PLACE_LABELS = {"GPE", "LOC"}
MAYBE_LABELS = {"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
CONTEXT_TOWN_POP = 20_000  # a known town in a country the article's other places lie in
MIN_POP_IN_CONTEXT = 15_000  # a capitalised word in a locative phrase naming a town this big
PLACE_WORD_KINDS = ("site", "admin", "city", "verb", "generic", "admin_suffix")


@lru_cache(maxsize=1)
def place_words() -> dict[str, frozenset[str]]:
    """The words of each kind in place_words.tsv: site ("Royal Street"), admin ("X region"), city ("the city
    of X") and verb ("shelled X"), the words that make a name read as a place."""
    words: dict[str, set[str]] = {kind: set() for kind in PLACE_WORD_KINDS}
    for n, row in parse_tsv(data_text("lexicons", "place_words.tsv"), "place_words.tsv", required=("word", "kind")):
        if row["kind"].strip() not in words:
            raise DataFileError(f"place_words.tsv: line {n}: unknown kind {row['kind']!r}")
        words[row["kind"].strip()].add(row["word"].strip().lower())
    return {kind: frozenset(found) for kind, found in words.items()}


def _trim(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _prev_word(span: Span) -> Token | None:
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ == "the":
        i -= 1
    return span.doc[i] if i >= 0 else None


def place_qualifier(span: Span, doc: Doc) -> str | None:
    """Y in "X, Y": the capitalised words after the comma.

    Not when Y is followed by "and Z" or ", and Z": "stops in Washington, New York and
    Boston" is a list of three places, not Washington in New York.
    """
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        j = span.end + 1
        while j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN":
            j += 1
        if j > span.end + 1:
            k = j + 1 if j < len(doc) and doc[j].text == "," else j
            if k + 1 < len(doc) and doc[k].lower_ in ("and", "or") and doc[k + 1].is_title:
                return None
            return doc[span.end + 1:j].text
    return None


def place_hint(span: Span, doc: Doc) -> str | None:
    """What the word beside a name says of the place, for disambiguation: "admin" ("Kherson region"),
    "city" ("Mariupol city", "the city of Mariupol") or None."""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if nxt in place_words()["admin"]:
        return "admin"
    prev = _prev_word(span)
    if nxt in place_words()["city"] or (
        prev is not None and prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in place_words()["city"]
    ):
        return "city"
    return None


def _locative(span: Span, doc: Doc) -> bool:
    prev = _prev_word(span)
    root = span.root
    return (
        (prev is not None and prev.lower_ in TOPONYM_PREPOSITIONS)
        or (root.dep_ in ("dobj", "obj") and root.head.lemma_ in place_words()["verb"])
        or place_hint(span, doc) is not None
        or place_qualifier(span, doc) is not None
        or (span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ in PLACE_LABELS)
        or _dateline(span, doc)
    )


def _dateline(span: Span, doc: Doc) -> bool:
    """"LONDON (Reuters) -", "SAN ANTONIO —": a place in capitals opening a line."""
    return (
        span.text.isupper()
        and (span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space)
        and span.end < len(doc) and doc[span.end].text in ("(", "-", "—", "–", ",", ":")
    )


def _strong(cands: list[Candidate], text: str = "") -> bool:
    """A name the gazetteer knows well enough to override the NER label.

    Acronyms ("NATO", "BA") name organisations far more often than the small towns
    that share their letters: they count only as countries, regions or big places.
    """
    acronym = text.replace(".", "").isupper()
    return any(
        c.primary and c.feature != "A.ADM2"
        and (c.feature != CITY or c.population >= MIN_POP_IN_CONTEXT)
        and (not acronym or c.feature not in (CITY, CAPITAL) or c.population >= 1_000_000)
        for c in cands
    )


def _is_demonym(text: str) -> bool:
    return norm(text) in demonyms()


def find_toponyms(doc: Doc, gaz: Gazetteer | None = None) -> list[Span]:
    """The spans of ``doc`` that name places, in text order."""
    gaz = gaz or load()
    shared = views(doc)
    ents, tokens = shared.ents, shared.tokens
    found: list[Span] = []
    maybe: list[Span] = []  # known names in no locative phrase: places if a sibling is one
    covered: set[int] = set()
    # Words of full personal names ("Narendra Modi"): alone, they are that person, not a town.
    person_words = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    # The NER labels a name differently from one mention to the next; the majority decides.
    votes: Counter[str] = Counter()
    for ent in ents:
        if ent.label_ in PLACE_LABELS or ent.label_ in ("PERSON", "ORG"):
            votes[norm(ent.text)] += 1 if ent.label_ in PLACE_LABELS else -1
    for ent in ents:
        covered.update(range(ent.start, ent.end))
        span = _trim(ent)
        if span is None or _is_demonym(span.text) or norm(span.text) in GENERIC_WORDS:
            continue  # "the West" is a political bloc, not Cameroon's West region
        if ent.label_ in PLACE_LABELS and votes[norm(ent.text)] > 0 and span.text.lower() not in person_words:
            found.append(span)
        elif ent.label_ == "FAC" or (ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in place_words()["site"]):
            found.append(span)  # streets, buildings, airports: places even when GeoNames lacks them
        elif ent.label_ == "ORG" and any(
            c.primary and c.feature in (COUNTRY, CONTINENT) for c in gaz.lookup(span.text)
        ):
            found.append(span)  # a country or union named as a body ("EU officials") is still a place
        elif ((ent.label_ in MAYBE_LABELS or ent.label_ in PLACE_LABELS) and span.text.lower() not in person_words
              and _strong(gaz.lookup(span.text), span.text)):
            (found if _locative(span, doc) else maybe).append(span)
    # Proper nouns the NER left out.
    i = 0
    while i < len(doc):
        if i in covered or not _name_word(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in covered and _name_word(tokens[j]):
            j += 1
        span = doc[i:j]
        if (not _is_demonym(span.text) and span.text.lower() not in person_words
                and norm(span.text) not in GENERIC_WORDS and _strong(gaz.lookup(span.text), span.text)):
            (found if _locative(span, doc) else maybe).append(span)
        i = j
    found += _siblings(maybe, found)
    found += _in_article_countries([s for s in maybe if s not in found], found, gaz)
    found.sort(key=lambda s: s.start)
    return found


def _name_word(t: Token) -> bool:
    """A capitalised proper noun, or a word in capitals as in a dateline ("BEIRUT"),
    which the tagger often takes for something else."""
    return (t.pos_ == "PROPN" and t.is_title) or (t.is_upper and t.is_alpha and len(t) >= 4)


def _in_article_countries(maybe: list[Span], found: list[Span], gaz: Gazetteer) -> list[Span]:
    """Known towns of the countries the article is about ("hit Chernihiv" in a Ukraine story)."""
    if not maybe or not found:
        return []
    countries = {c.country for c in resolve([s.text for s in found], (), gaz) if c is not None and c.country}
    return [
        s for s in maybe
        if any(c.primary and c.country in countries and (c.feature == ADM1 or c.population >= CONTEXT_TOWN_POP)
               for c in gaz.lookup(s.text))
    ]


def _siblings(maybe: list[Span], found: list[Span]) -> list[Span]:
    """Known names that are places by company: "Chernihiv and Mariupol", or named as a place elsewhere."""
    keys = {norm(s.text) for s in found}
    ends = {s.end for s in found} | {s.start for s in found}
    out: list[Span] = []
    changed = True
    while changed:
        changed = False
        for span in maybe:
            if span in out:
                continue
            doc = span.doc
            before = span.start >= 2 and doc[span.start - 1].lower_ in ("and", "or", ",") and span.start - 1 in ends
            after = span.end < len(doc) and doc[span.end].lower_ in ("and", "or", ",") and span.end + 1 in ends
            if norm(span.text) in keys or before or after:
                out.append(span)
                ends |= {span.start, span.end}
                changed = True
    return out


def find_places(doc: Doc, gaz: Gazetteer | None = None) -> tuple[list[Place], dict[int, str]]:
    """The places of ``doc`` and the token -> place id map (the component's work)."""
    gaz = gaz or load()
    spans = find_toponyms(doc, gaz)
    tops = [Toponym(s.text, s.start_char, s.end_char, place_qualifier(s, doc), place_hint(s, doc)) for s in spans]
    demonym_words = [e.text for e in views(doc).ents if e.label_ == "NORP"]
    choices = resolve(tops, demonym_countries(demonym_words), gaz)
    places: list[Place] = []
    by_key: dict[object, Place] = {}
    place_of: dict[int, str] = {}
    for span, choice in zip(spans, choices):
        key = choice.geonames_id if choice is not None and choice.geonames_id is not None else norm(span.text)
        if choice is not None and choice.geonames_id is None:
            key = ("extra", choice.name)
        place = by_key.get(key)
        if place is None:
            place = Place(id=f"P{len(places) + 1}", name=span.text)
            if choice is not None:
                place.geonames_id = choice.geonames_id
                place.country = choice.country
                place.lat, place.lon = choice.lat, choice.lon
                place.feature = choice.feature
            by_key[key] = place
            places.append(place)
        place.mentions.append(Mention(span.text, span.start_char, span.end_char))
        for t in span:
            place_of[t.i] = place.id
    return places, place_of


def event_place(doc: Doc, token: Token) -> str | None:
    """The place where the event triggered by ``token`` happened, or None.

    Only a place inside a locative prepositional phrase ("in", "near", "around",
    "outside", "at", "across" ...) attached to the trigger counts, or, for a noun
    trigger ("strikes near Kyiv", "launched strikes near Kyiv"), attached to the
    verb it belongs to or to the trigger verb's object ("shelled homes in Irpin"),
    and failing those to its subject ("officials in Kyiv said"). Places elsewhere in the sentence (a speaker's country, "from Moscow") do not.
    """
    place_of = doc._.place_of or {}
    if not place_of:
        return None
    heads = [token]
    heads += [c for c in token.children if c.dep_ in ("dobj", "obj", "attr", "nsubjpass")]
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "pobj", "attr"):
        heads.append(token.head)
    # Last resort, the subject's own locative phrase: "officials in Kyiv said".
    heads += [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in EVENT_PLACE_PREPOSITIONS:
                continue
            found = _place_in(prep, place_of)
            if found:
                return found
    return None


def _place_in(prep: Token, place_of: dict[int, str]) -> str | None:
    """The place named by a prepositional phrase: its object, or "the city of X", or "X and Y" (the first)."""
    for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
        todo = [obj]
        while todo:
            t = todo.pop(0)
            if t.i in place_of:
                return place_of[t.i]
            todo += [c for c in t.children if c.dep_ in ("compound", "appos", "conj", "prep", "pobj", "npadvmod")
                     and (c.dep_ != "prep" or c.lower_ == "of")]
    return None


@Language.factory("heron_places", requires=["doc.ents"], assigns=["doc._.places", "doc._.place_of"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    def __init__(self) -> None:
        self._gaz: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._gaz is None:
            self._gaz = load()
        doc._.places, doc._.place_of = find_places(doc, self._gaz)
        return doc

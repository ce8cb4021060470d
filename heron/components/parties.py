"""heron_parties: who else takes part. Names, group nouns and places the actor component left uncoded.

"the police", "protesters", a name the actor base does not know, a town an attack is aimed at: the actor
component codes none of them, yet an event may still say who took part. This component lists them as
candidate parties (``doc._.parties``, ``doc._.party_of``) with ids that continue after the actor
component's; the events component may use them as sources or targets, and the extraction keeps only the
parties some event names (see :func:`heron.nlp.runner.to_extraction`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.actors.acronyms import defined_acronyms
from heron.actors.coding import lede_end
from heron.actors.mentions import TITLE_LABELS, medium
from heron.components.places import place_words
from heron.events.lexicon import ActorNoun, has_rule, load_actor_nouns, match_trigger
from heron.lang.en.syntax import SETTING_PREPOSITIONS, UNPLACED_WORDS
from heron.nlp.views import span_tokens, views
from heron.records import Actor, Mention, Place
from heron.resolve.actor_base import WEST, ActorBase, load_base

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}
NOUN_MODIFIERS = ("compound", "amod", "nmod")


@dataclass
class _Party:
    key: tuple
    start: int
    end: int
    kind: str
    sector: str | None = None
    country: str | None = None
    code: str | None = None  # a territory's: its country, as CAMEO codes a place named as a party


def _outer_name(token: Token) -> Token:
    """The first of a list ("in Mecca and Medina"), the town a country name follows ("in Minsk, Belarus") or
    the place noun a name specifies ("the city of Aden"): the phrase it sits in is the whole list's."""
    kinds = place_words()
    place_nouns = kinds["city"] | kinds["admin"]
    while True:
        if token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in place_nouns:
            token = token.head.head
        else:
            return token


def _place_name(token: Token) -> bool:
    """A country, city or region name the actor component did not take as acting, in a locative phrase
    ("attacks in Mykolaiv") or one placing a thing ("a palace on the Bosphorus"); "strikes on X" may name a party."""
    if not (token.ent_type_ == "GPE" or token.i in (token.doc._.place_of or {})):
        return False
    token = _outer_name(token)
    if token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in SETTING_PREPOSITIONS or (prep.head.pos_ in ("NOUN", "PROPN") and match_trigger(prep.head) is None)


def _entity_parties(doc: Doc, taken: dict[int, str], places: dict[str, Place], base: ActorBase) -> list[_Party]:
    place_of = doc._.place_of or {}
    out = []
    for ent in views(doc).ents:
        kind = ENTITY_KINDS.get(ent.label_)
        if kind is None or any(t.i in taken for t in ent):
            continue
        if _place_name(ent.root) or (ent.label_ == "ORG" and medium(ent.root)) or not any(ch.isupper() for ch in ent.text):
            continue  # a name has a capital ("al-Shabab"): "the mandatory hijab" is no person, nor a phrase in another script
        if kind == "person" and (any(t.like_num for t in ent) or ent.text.isupper()):
            kind = "unknown"  # "Toronto Comicon 2019", "TED": a person's name holds no number and is no acronym
        code = None
        if ent.label_ == "NORP":
            country = _demonym_country(ent.text, base)
        else:  # a geocoded name ("Donbas") belongs to its country
            place = places.get(place_of.get(ent.root.i, "")) if ent.label_ in ("GPE", "ORG") else None
            country = place.country if place is not None else None
            code = country if ent.label_ == "GPE" or place is not None else None  # "shelled Mariupol" (ORG to NER)
        out.append(_Party(("name", ent.text.lower().removeprefix("the ")), ent.start, ent.end, kind,
                          country=country, code=code))
    return out


def _join_acronyms(doc: Doc, parties: list[_Party]) -> list[_Party]:
    """An acronym the article spells out names the same party as its long form: "the National Broadcasting
    Board (NBB)" and "NBB" are one body."""
    acronyms = defined_acronyms([t.text for t in views(doc).tokens])
    for party in parties:
        span = acronyms.get(doc[party.start].text) if party.end == party.start + 1 else None
        if span is None or span[0] <= party.start < span[1]:
            continue
        long_form = next((p for p in parties if p.start <= span[1] - 1 < p.end), None)
        if long_form is not None:
            party.key, party.kind, party.country, party.code = \
                long_form.key, long_form.kind, long_form.country, long_form.code
    return parties


def _demonym_country(text: str, base: ActorBase) -> str | None:
    return base.demonym(text) if text[:1].isupper() else None


def _noun_country(head: Token, base: ActorBase) -> str | None:
    """The country an unmapped demonym before a group noun names ("Kenyan police")."""
    for child in head.lefts:
        if child.dep_ in NOUN_MODIFIERS and (iso3 := _demonym_country(child.text, base)):
            return iso3
    return None


def _unlabelled_name(tok: Token) -> ActorNoun | None:
    """A proper-noun head the entity recogniser gave no label ("the NGO"): a party of unknown kind."""
    if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper() \
            and not _place_name(tok) and tok.i not in (tok.doc._.place_of or {}):  # a town: a place party
        return ActorNoun(tok.lower_, None, "unknown")
    return None


def _noun_parties(doc: Doc, taken: dict[int, str], named: set[int], base: ActorBase) -> list[_Party]:
    nouns = load_actor_nouns()
    out = []
    for tok in views(doc).tokens:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in taken or tok.i in named:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            continue  # "police station", "government forces": the phrase's head decides
        if tok.ent_type_ in TITLE_LABELS:
            continue  # a word of a title: "the Women's World Championship"
        if tok.dep_ == "pobj" and tok.head.lower_ == "per":
            continue  # "deaths per 100,000 people": a rate's denominator, nobody in particular
        if tok.lower_ == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            continue  # "a state of emergency", "the state of the economy": a condition, no country
        if any(c.dep_ in NOUN_MODIFIERS + ("poss",) and c.i in taken for c in tok.lefts):
            continue  # "Borovian troops": the coded actor of the modifier already speaks for the phrase
        noun = nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower()) or _unlabelled_name(tok)
        if noun is None:
            continue
        start = tok.i
        for child in reversed(list(tok.lefts)):
            if child.i != start - 1 or child.dep_ not in NOUN_MODIFIERS or child.i in taken or child.i in named \
                    or child.is_space:  # the parser may hang a paragraph break on the next noun
                break
            start = child.i
        country = _noun_country(tok, base)
        out.append(_Party(("noun", noun.lemma, country), start, tok.i + 1, noun.kind, noun.sector, country))
    return out


def _place_parties(doc: Doc, taken: dict[int, str], named: set[int], places: dict[str, Place]) -> list[_Party]:
    """Geocoded places the actor component left out as mere locations. An event with no other recipient
    may still be aimed at one ("shelled Mariupol", "an attack on a base in Kunar"): it is coded with the
    place's country, as CAMEO codes a location target; a place that is only a setting is none (:func:`_mere_setting`)."""
    out: list[_Party] = []
    parties_at = named | set(taken)
    military = {a.id for a in doc._.actors or [] if a.sector == "MIL"}
    forces = {i for i, actor_id in taken.items() if actor_id in military}
    for i, place_id in sorted((doc._.place_of or {}).items()):
        place = places.get(place_id)
        if i in parties_at or place is None or place.country is None:
            continue
        if out and out[-1].end == i and out[-1].key == ("place", place_id):
            out[-1].end = i + 1
            continue
        out.append(_Party(("place", place_id), i, i + 1, "place", country=place.country, code=place.country))
    # the name's head decides: "the United Kingdom" is in a phrase by "Kingdom"
    return [p for p in out if not _mere_setting(doc[p.start:p.end].root, parties_at, forces)]


def _mere_setting(token: Token, parties: set[int], forces: set[int]) -> bool:
    """A place named only as where something is or happens ("a rally in Nevada", "sued in Austria", "a court
    in Multan"): the guideline codes whom an act is aimed at, never where it happened. Still candidates: a
    force's station or destination ("deployments in Libya", "the troops in Iraq": ``forces``, the tokens of
    armed forces), a meeting's host ("talks in Doha"), an attack's ground ("shelling in Kharkiv", "struck a
    hospital in Mariupol") and a truce's ("a ceasefire in Idlib"), unless the act names whom it befell
    ("killed two visitors in Wuhan", "met the envoys in Doha")."""
    token = _outer_name(token)
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in SETTING_PREPOSITIONS or prep.head.i in forces:
        return False
    head = prep.head
    trigger = match_trigger(head)
    if trigger is None and head.pos_ == "VERB":  # "declared a truce in X", "held talks in X": the act is the noun
        head = next((c for c in head.children if c.dep_ == "dobj" and match_trigger(c) is not None), head)
        trigger = match_trigger(head)
    if trigger is None and head.dep_ in ("dobj", "pobj", "nsubjpass") and head.i not in parties \
            and head.tag_ not in ("NNS", "NNPS"):  # the act on the thing the place locates ("a hospital in X")
        trigger = match_trigger(head.head.head if head.dep_ == "pobj" else head.head)
        head = head.head  # "struck a hospital in X": the act is on a thing, not on whom it befell
    if trigger is None:
        return True
    if has_rule(trigger.type, "object_is_force") or has_rule(trigger.type, "moves_own_force"):
        return False
    if trigger.type in ("CONSULT", "ASSAULT", "RETREAT"):  # unless the verb names whom it befell: a party or people
        return head.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and (c.i in parties or c.tag_ in ("NNS", "NNPS"))
                                           for c in head.children)
    return True


def find_parties(doc: Doc, next_id: int) -> tuple[list[Actor], dict[int, str]]:
    """Actor records for the names and group nouns ("the police", "protesters", a name the actor base does
    not know) that the actor component left unmapped, so that an event can still say who took part; code
    None except for geocoded names and places (their country). Ids continue from ``next_id``; one actor per
    distinct name, noun (+ country) or place."""
    taken = doc._.actor_of or {}
    places = {p.id: p for p in doc._.places or []}
    # fetched once per article: load_base() checks the user's actors file on every call
    base = load_base()
    parties = _join_acronyms(doc, _entity_parties(doc, taken, places, base))
    named = {i for p in parties for i in range(p.start, p.end)}
    parties += _noun_parties(doc, taken, named, base)
    named |= {i for p in parties for i in range(p.start, p.end)}
    parties += _place_parties(doc, taken, named, places)
    actors: dict[tuple, Actor] = {}
    token_map: dict[int, str] = {}
    surnames = _surnames(doc._.actors or [])
    for party in sorted(parties, key=lambda p: p.start):
        span = doc[party.start:party.end]
        if party.key[0] == "name" and (known := surnames.get(span.text)) is not None:
            # "Katigbak apologized" after "ABS-CBN president Carlo Katigbak": the person already coded
            for i in range(party.start, party.end):
                token_map[i] = known
            continue
        actor = actors.get(party.key)
        if actor is None:
            actor = Actor(id=f"A{next_id + len(actors)}", name=span.text.removeprefix("the "), kind=party.kind,
                          code=party.code,
                          country=party.country, sector=party.sector)
            actors[party.key] = actor
        actor.mentions.append(Mention(span.text, span.start_char, span.end_char))
        for i in range(party.start, party.end):
            token_map[i] = actor.id
    lede = lede_end(doc)
    main = article_country(doc._.actors or [], doc._.places or [], doc[lede - 1].idx + 1 if lede else 0)
    # a proper name the recogniser gave no label ("FIDE", "the Coronavirus Pandemic") may be anything: no
    # country from the context
    nouns = {actor.id for key, actor in actors.items() if key[0] == "noun" and actor.kind != "unknown"}
    # "no two people", "Countries collaborate": generic, of no one country
    nouns -= {token_map[p.start] for p in parties
              if p.start in token_map and any(doc[i].lower_ in UNPLACED_WORDS for i in range(p.start, p.end))}
    for actor in actors.values():
        if actor.id in nouns and main is not None and actor.country is None \
                and _sentence_countries(doc, actor, places) <= {main}:
            # "police", "suspects": the article's country when nothing in their sentence points elsewhere
            actor.country, actor.code, actor.context_country = main, f"{main}{actor.sector or ''}", True
        if actor.country is None and main is not None and actor.kind in CONTEXT_KINDS:
            # a named person or body the base does not know: the country the article is about, marked so
            actor.country, actor.code, actor.context_country = main, f"{main}{actor.sector or ''}", True
    return list(actors.values()), token_map


def _sentence_countries(doc: Doc, actor: Actor, places: dict[str, Place]) -> set[str | None]:
    """Countries of the coded actors and places in the sentence of ``actor``'s first mention; None stands for
    a place whose country is unknown."""
    sent = doc.char_span(actor.mentions[0].start, actor.mentions[0].end, alignment_mode="expand").sent
    out: set[str | None] = set()
    actor_of, place_of = doc._.actor_of or {}, doc._.place_of or {}
    countries = {a.id: a.country for a in doc._.actors or []}
    for token in span_tokens(sent):
        if token.i in actor_of and countries.get(actor_of[token.i]):
            out.add(countries[actor_of[token.i]])
        elif token.i in place_of and (place := places.get(place_of[token.i])) is not None:
            out.add(place.country)
    out.discard(WEST)
    return out


def _surnames(actors: list[Actor]) -> dict[str, str]:
    """Actor ids by the last word of a person's name, for the surnames that name one person of the article."""
    found: dict[str, set[str]] = {}
    for actor in actors:
        if actor.kind == "person":
            for mention in actor.mentions:
                words = mention.text.split()
                if len(words) > 1 and words[-1][:1].isupper():
                    found.setdefault(words[-1], set()).add(actor.id)
    return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1}


# kinds of party that are of the article's country when nothing says otherwise: people named in news about a
# country mostly belong to it; an unknown organisation, by a hand check of Wikinews parties, often does not
# (a chess federation, a software project, an airline of another country)
CONTEXT_KINDS = frozenset({"person"})


def article_country(actors: list[Actor], places: list[Place] = (), lede: int = 0) -> str | None:
    """The country most of the article's coded actors and the places it names belong to, one count per
    actor and per place mention, and one more for each named before ``lede`` (a character offset: a
    story says first where it happens); None when no country leads."""
    counts = Counter(a.country for a in actors if a.country and len(a.country) == 3 and a.country != WEST)
    counts.update(a.country for a in actors if a.country in counts and a.mentions and a.mentions[0].start < lede)
    for place in places:
        if place.country and place.country != WEST and not (place.feature or "").startswith("A.PCL"):
            counts[place.country] += len(place.mentions) + sum(m.start < lede for m in place.mentions)
    if not counts:
        return None
    (first, n), *rest = counts.most_common(2)
    return first if not rest or n > rest[0][1] else None


def next_actor_number(actors: list[Actor]) -> int:
    numbers = [int(a.id[1:]) for a in actors if a.id[:1] == "A" and a.id[1:].isdigit()]
    return max(numbers, default=0) + 1


class PartiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.parties, doc._.party_of = find_parties(doc, next_actor_number(doc._.actors or []))
        return doc


@Language.factory(
    "heron_parties",
    requires=["doc._.actors", "doc._.actor_of", "doc._.places", "doc._.place_of"],
    assigns=["doc._.parties", "doc._.party_of"],
)
def make_parties(nlp: Language, name: str) -> PartiesComponent:
    return PartiesComponent()

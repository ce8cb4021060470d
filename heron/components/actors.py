"""heron_actors: find who acts in an article and code them (RUSGOV, UKRMIL, NATO ...).

Writes ``doc._.actors`` (list[Actor], ids A1.. in order of first mention) and ``doc._.actor_of``
(token.i -> actor id, for every token of every mention, resolved pronouns included).

How a mention becomes an actor, in order:

1. names of people: spaCy PERSON entities, base names and aliases, and "Mr/Mrs/Dr X";
2. names from the base: countries, seats of power ("the Kremlin", the capital where it acts:
   "Moscow said" but not "in Moscow"), organisations ("Nato"), armed groups ("Hamas");
3. descriptions: a title before a name ("US President Barack Obama"), an apposition after it
   ("Anton Sokolov, Russia's deputy foreign minister,"), or a noun phrase on its own
   ("Russian forces", "US officials", "the British prime minister"). A description gives the
   country (demonym, country name, "X's", "of X", a seat or organisation) and the sector (the
   role word, or a modifier such as "separatist"). A description on its own names the office
   holder on the article date when the base knows one ("the Russian president" in 2022 is
   Putin), or else stands for the whole group (``RUSMIL`` for "Russian forces");
4. one actor per person within the article: "Vladimir Putin", "Mr Putin", "Putin's" and
   "the Russian president" share an id; he/she (outside quotes) go to the subject of the same
   or previous sentence, else to the nearest person; "they" only to a plural group that was the
   subject of the previous sentence.

Codes: a country named as such is coded by its ISO3 alone ("Russia" -> RUS, sector None); a
seat of power or a capital acting for the state is the government (RUSGOV; the Pentagon is
USAMIL); people and groups get country + sector; organisations their own code (NATO, EU).
"The West" and "Western officials" use the CAMEO region code WST (country None). Defence ministers
are MIL. A person of the base out of office on the article date is ELI (former office holder).
The article date is ``doc._.article_date``; without one, offices held today are used.
"""
from __future__ import annotations
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from heron.actors.resolver import Resolver
from heron.records import Actor
from heron.resolve.actor_base import ActorBase, load_base


def find_actors(doc: Doc, base: ActorBase | None = None) -> tuple[list[Actor], dict[int, str]]:
    """The actors of a parsed Doc and the token -> actor id map (pure: does not touch ``doc._``)."""
    return Resolver(doc, base or load_base()).run()


class ActorsComponent:
    def __init__(self, base: ActorBase) -> None:
        self.base = base

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.actors, doc._.actor_of = find_actors(doc, self.base)
        except (ValueError, IndexError, KeyError) as exc:  # one bad article must not stop a batch
            doc._.actors, doc._.actor_of = [], {}
            doc.user_data.setdefault("heron_errors", []).append(f"heron_actors: {exc!r}")
        return doc


@Language.factory(
    "heron_actors",
    requires=["doc.ents", "doc._.places", "doc._.place_of"],
    assigns=["doc._.actors", "doc._.actor_of"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(load_base())

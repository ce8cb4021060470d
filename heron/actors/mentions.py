"""The working records of the actor resolver: descriptions, mentions, what is known of a person, and the
word lists and small token tests the resolver's passes share."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from heron.datafiles import read_tsv
from heron.events.lexicon import match_trigger
from heron.lang.en.syntax import SETTING_PREPOSITIONS
from heron.resolve.actor_base import Entry, Person

_PERSON_WORDS = read_tsv("actors", "person_words.tsv", required=("word", "kind", "gender"))
HONORIFICS = {r["word"] for r in _PERSON_WORDS if r["kind"] == "honorific"}
GENDERED_TITLES = {r["word"]: r["gender"] for r in _PERSON_WORDS if r["gender"]}
TITLE_WORDS = HONORIFICS | {r["word"] for r in _PERSON_WORDS if r["kind"] == "title"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
AGENT_DEPS = SUBJECT_DEPS | {"poss", "agent", "csubj"}
# "in Ukraine" is a place; "weapons to Ukraine", "help from Britain" name a recipient or a source
LOCATIVE_PREPS = SETTING_PREPOSITIONS | {"into", "over"}
MODIFIER_DEPS = {"amod", "compound", "poss", "det", "case", "nmod", "nummod", "advmod", "predet"}
WEST_WORDS = {"western", "west"}
MAX_DESC = 10
NOT_PERSON_HEADS = {r["word"] for r in _PERSON_WORDS if r["kind"] == "not_person_head"}


@dataclass
class Description:
    """What a description says: where (country/org code), sector, role."""

    start: int
    end: int
    country: str | None = None
    org: str | None = None  # IGO code
    group: Entry | None = None
    sector: str | None = None
    role: str | None = None  # the role phrase as written ("deputy defence minister")
    canonical: str | None = None
    person_role: bool = False
    local: bool = False

    @property
    def where(self) -> str | None:
        return self.org or self.country

    @property
    def code(self) -> str | None:
        if self.group is not None:
            return self.group.code
        if self.org:
            return self.org
        if self.country:
            return f"{self.country}{self.sector or ''}"
        return None


@dataclass
class ActorMention:
    start: int  # token indices, end exclusive
    end: int
    key: tuple
    kind: str  # person | country | organization | group
    name: str | None = None  # a name this mention gives the actor
    entry: Entry | None = None
    person: Person | None = None
    desc: Description | None = None
    pronoun: bool = False


@dataclass
class PersonInfo:
    key: tuple
    person: Person | None = None
    surname: str | None = None
    descs: list[Description] = field(default_factory=list)
    gender: str | None = None  # from the base, or from a title ("Mrs", "Queen", "spokeswoman")
    first: str | None = None  # the first word of the full name the article gives (lower case)


# -- small helpers ----------------------------------------------------------------------------


def strip_the(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an", "another") else text


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def quote_mask(texts: list[str]) -> list[bool]:
    """True for the words (``texts``, the Doc's tokens' texts) inside quotation marks (reset at paragraph breaks)."""
    inside, mask = False, []
    for text in texts:
        if "\n" in text:
            inside = False
        if text in ("“", "«"):
            inside = True
            mask.append(True)
            continue
        if text in ("”", "»"):
            mask.append(True)
            inside = False
            continue
        if text == '"':
            inside = not inside
            mask.append(True)
            continue
        mask.append(inside)
    return mask


def agentive(token: Token, object_verbs: frozenset[str]) -> bool:
    """A city acts ("Moscow said", "Kyiv's offer", "rejected by Washington", "warned Beijing");
    "in Moscow" or "attacked Kyiv" is a place."""
    if token.dep_ in AGENT_DEPS:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in ("by", "between"):
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in object_verbs:
        return True
    if token.dep_ in ("conj", "appos"):
        return agentive(token.head, object_verbs)
    return False


# Entity labels of titles: a group word inside one names no actor ("the Women's World Championship").
TITLE_LABELS = frozenset({"LAW", "WORK_OF_ART", "PRODUCT", "EVENT"})


def locative(token: Token) -> bool:
    if token.dep_ in ("conj", "appos") and token.head.i != token.i:  # "in Minsk, Belarus"
        return locative(token.head)
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def medium(token: Token) -> bool:
    """A company or outlet named as the channel of what someone did ("said on Twitter", "posted the speech
    on YouTube", "shared via Instagram"), not as who acted; "a ban on TikTok" names it as the one acted on."""
    if token.dep_ == "conj":
        return medium(token.head)
    if token.dep_ != "pobj" or token.head.lower_ not in ("on", "via", "onto"):
        return False
    head = token.head.head
    return head.pos_ == "VERB" or (head.pos_ == "NOUN" and match_trigger(head) is None)


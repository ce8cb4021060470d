"""The actor resolver: one pass over a parsed Doc that finds who acts and codes them. Each job is a mixin in
its own module (scan, descriptions, people, pronouns, coding); this class holds the state they share and
runs them in order."""
from __future__ import annotations

import datetime as dt

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, SPACY
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from heron.nlp.extensions import doc_text
from heron.nlp.views import views
from heron.records import Actor
from heron.resolve.actor_base import WEST, ActorBase, Entry
from heron.actors.coding import Coding, lede_end
from heron.actors.descriptions import Descriptions
from heron.actors.mentions import (
    GENDERED_TITLES,
    NOT_PERSON_HEADS,
    TITLE_LABELS,
    Description,
    ActorMention,
    PersonInfo,
    strip_the,
    capitalised,
    quote_mask,
    MODIFIER_DEPS,
    agentive,
    locative,
    medium,
)
from heron.actors.acronyms import defined_acronyms, same_body
from heron.actors.people import People
from heron.actors.pronouns import Pronouns
from heron.actors.scan import Scanning


# "the network" and the like: the kinds of named organisation each may refer back to, and how far back
BODY_NOUNS = {
    **dict.fromkeys(("company", "firm", "corporation", "conglomerate", "airline", "carrier", "bank", "lender",
                     "retailer", "manufacturer", "automaker", "insurer"), frozenset({"BUS"})),
    **dict.fromkeys(("network", "broadcaster", "channel", "newspaper", "paper", "outlet", "magazine"),
                    frozenset({"MED"})),
    "party": frozenset({"PTY", "OPP"}),
    "union": frozenset({"LAB"}),
}
# words that refer back to the body whose name they end ("the Commission" after "the European Commission")
BODY_HEADS = frozenset({"council", "commission", "committee", "agency", "authority", "assembly", "court",
                        "ministry", "department", "bureau", "office", "organisation", "organization", "foundation",
                        "federation", "front", "movement", "alliance", "coalition"})
BODY_WINDOW = 3
ARTICLE_SENTENCES = 5  # from this many sentences on, a text is an article that names its actors' countries


class Resolver(Scanning, Descriptions, People, Pronouns, Coding):
    def __init__(self, doc: Doc, base: ActorBase) -> None:
        self.doc = doc
        self.base = base
        date = getattr(doc._, "article_date", None)
        self.day: dt.date = date if isinstance(date, dt.date) else dt.date.today()
        self.taken: list[ActorMention | None] = [None] * len(doc)
        self.mentions: list[ActorMention] = []
        self.entry_at: dict[int, tuple[int, Entry]] = {}  # start token -> (end, entry)
        shared = views(doc)
        self.tokens = shared.tokens  # doc[i] without a new Token object each time
        self.sent_of = shared.sent_of
        self.lede_end = lede_end(doc)
        # plain lists, filled in one pass over the word columns: much faster than asking spaCy for Token
        # objects, here and in the scanning loops
        self.lower, self.caps, self.punct, self.char_start, self.char_end = [], [], [], [], []
        self.propn: list[bool] = []
        self.demonym_at: dict[int, str] = {}
        strings, idx = doc.vocab.strings, 0
        self.texts: list[str] = []
        for i, (orth, lower, pos, punct, space, trailing) in enumerate(
                doc.to_array([ORTH, LOWER, POS, IS_PUNCT, IS_SPACE, SPACY]).tolist()):
            text = strings[orth]
            self.texts.append(text)
            self.lower.append(strings[lower])
            self.caps.append(text[:1].isupper())
            self.propn.append(pos == PROPN)
            self.punct.append(bool(punct or space))
            self.char_start.append(idx)
            self.char_end.append(idx + len(text))
            idx += len(text) + trailing
            if text[:1].isupper() and (iso3 := base.demonym(text)):
                self.demonym_at[i] = iso3
        self.in_quote = quote_mask(self.texts)
        self.people: dict[tuple, PersonInfo] = {}
        self.person_tokens: set[int] = set()  # tokens of people's names, filled by run()
        self.text = doc_text(doc)
        # where each geocoded place is named, with its country: "El Paso" tells whose police an article means
        # (countries themselves are counted from the actor base's names)
        place_country = {p.id: p.country for p in (getattr(doc._, "places", None) or [])
                         if p.country and not (p.feature or "").startswith("A.PCL")}
        place_of = getattr(doc._, "place_of", None) or {}
        self.place_country_at: dict[int, str] = {
            i: place_country[pid] for i, pid in place_of.items()
            if pid in place_country and place_of.get(i - 1) != pid}
        # the later words of a place named in several ("Jersey" of "New Jersey"): no country of their own
        self.inside_place: set[int] = {i for i, pid in place_of.items() if place_of.get(i - 1) == pid}
        self.place_tokens: set[int] = {i for i, pid in place_of.items() if pid in place_country}

    def named_countries(self) -> set[str]:
        """Countries the article names: as themselves, by a demonym or by a geocoded place."""
        named = {entry.country for _, entry in self.entry_at.values() if entry.kind == "country" and entry.country}
        return named | set(self.demonym_at.values()) | set(self.place_country_at.values())

    def foreign_acronym(self, start: int, end: int, entry: Entry) -> bool:
        """An acronym of a national body in a whole article that names other countries but never its own: "EFF"
        in a report on American online rights is not South Africa's party, "NHC" in one on an Atlantic hurricane
        not China's health commission. An article about a country's own army or police names that country
        somewhere; a single sentence need not ("The IDF said Hamas fired rockets from Gaza"), so a text of
        fewer than ARTICLE_SENTENCES sentences keeps the acronym's meaning."""
        if self.lower[start] == "the":
            start += 1
        text = self.span_text(start, end)
        if end - start != 1 or not text.isupper() or entry.kind == "country" or not entry.country:
            return False
        if not self.sent_of or self.sent_of[-1] + 1 < ARTICLE_SENTENCES:
            return False
        named = self.named_countries()
        return bool(named) and entry.country not in named

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.char_start[start]:self.char_end[end - 1]]

    # bookkeeping

    def free(self, start: int, end: int) -> bool:
        return all(self.taken[i] is None for i in range(start, end))

    def add(self, mention: ActorMention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.taken[i] = mention

    def add_country(self, start: int, end: int, iso3: str) -> None:
        """A mention of a country as an actor, under the country's name."""
        name = self.base.countries[iso3].name if iso3 in self.base.countries else None
        self.add(ActorMention(start, end, ("code", iso3), "country", name=name))

    def drop_entries(self, start: int, end: int) -> None:
        """Base names inside a description belong to the description ("US" in "US President Barack Obama")."""
        for i in list(self.entry_at):
            if start <= i < end:
                del self.entry_at[i]

    # the whole pass

    def run(self) -> tuple[list[Actor], dict[int, str]]:
        doc = self.doc
        people = self.scan_people()
        self.person_tokens = {i for s, e, _, _ in people for i in range(s, e)}
        self.scan_entries([(s, e) for s, e, _, _ in people])
        # every country name, also those a description takes in later ("Myanmar's Rohingya"): "the country"
        self.country_names = [(start, end, entry.country) for start, (end, entry) in self.entry_at.items()
                              if entry.kind == "country" and entry.country]
        self.acronyms = defined_acronyms(self.texts)
        self.drop_other_readings()
        # full names first, so a bare surname can find them wherever they are
        for start, end, text, person in sorted(people, key=lambda p: (p[1] - p[0] == 1, p[0])):
            if not self.free(start, end):
                continue
            key, person = self.person_key(text, person)
            surname = text.split()[-1].lower() if person is None else person.surname.lower()
            self.register_person(key, person, surname, None)
            if len(text.split()) > 1:
                self.people[key].first = self.people[key].first or text.split()[0].lower()
            t_start, title = self.title_before(start)
            if title is not None:
                self.register_person(key, person, None, title)
                self.drop_entries(t_start, start)
            appos = self.apposition_after(end)
            if appos is not None:
                self.register_person(key, person, None, appos)
                self.drop_entries(appos.start, appos.end)
                self.add(ActorMention(appos.start, appos.end, key, "person", desc=appos, person=person))
            self.add(ActorMention(t_start, end, key, "person", name=text, person=person, desc=title))
            info = self.people[key]
            for token in list(doc[t_start:end]) + (list(doc[appos.start:appos.end]) if appos else []):
                info.gender = info.gender or GENDERED_TITLES.get(token.lower_)
        self.add_roles()
        self.add_entries()
        self.add_acronyms()
        self.add_demonym_nouns()
        self.add_the_country()
        self.add_the_body()
        self.add_pronouns()
        return self.build()

    def add_roles(self) -> None:
        doc, base = self.doc, self.base
        in_names = {i for start, (end, _) in self.entry_at.items() for i in range(start, end)}
        for token in self.tokens:
            if self.taken[token.i] is not None or token.pos_ not in ("NOUN", "PROPN") or token.i in in_names:
                continue
            if any(base.role(self.span_text(token.i, k)) and doc[k - 1].pos_ in ("NOUN", "PROPN")
                   for k in range(token.i + 2, min(len(doc), token.i + 4) + 1)):
                # "defence" in "defence minister", "secretary" in "secretary-general": the head comes next (not in
                # "Embassy in London": a role phrase ending in a preposition has no head of its own)
                continue
            first, role = next(((j, r) for j in range(max(0, token.i - 3), token.i + 1)
                                if (r := base.role(self.span_text(j, token.i + 1)))), (token.i, None))
            role = role or base.role(token.lemma_)
            if role is None or self.in_a_name(token) or self.a_setting(token):
                continue
            span = self.noun_phrase(token, self.tokens[first])
            if span is None:
                continue
            if not self.free(*span):
                self.add_person_led(token, span)
                continue
            desc = self.describe(*span)
            if desc is None:
                continue
            plural = token.tag_ in ("NNS", "NNPS")
            if desc.person_role and not plural:
                key = self.holder(desc)
                if key is not None:
                    info = self.people[key]
                    info.descs.append(desc)
                    self.drop_entries(*span)
                    self.add(ActorMention(span[0], span[1], key, "person", desc=desc, person=info.person))
                    continue
            if desc.local and not desc.where:
                continue
            if desc.group is not None:
                key, kind = ("kb", desc.group.kb_id), "group"
            elif desc.code and desc.org and desc.code == desc.org:
                key, kind = ("code", desc.org), "organization"
            elif desc.code and desc.country:
                key, kind = ("code", desc.code), "group"
            elif desc.sector and not desc.where and not self._names_a_country(token):
                # "striking miners", "riot police", "a judge": a sector with no country in the words
                key, kind = ("described", desc.sector, desc.canonical), "group"
            else:
                continue
            self.drop_entries(*span)
            self.add(ActorMention(span[0], span[1], key, kind, desc=desc))

    def drop_other_readings(self) -> None:
        """An acronym the article spells out means the body it spells, not another of the base's with those
        letters: "the National Telecommunications Commission (NTC)" is not Libya's transitional council."""
        for start, (end, entry) in list(self.entry_at.items()):
            span = self.acronyms.get(self.texts[start]) if end == start + 1 else None
            if span is not None and not span[0] <= start < span[1] \
                    and not same_body(self.span_text(*span), entry.name):
                del self.entry_at[start]

    def add_acronyms(self) -> None:
        """Each use of an acronym the article defines is a mention of the actor its long form names."""
        for i, text in enumerate(self.texts):
            span = self.acronyms.get(text)
            if span is None or span[0] <= i < span[1] or self.taken[i] is not None:
                continue
            named = next((self.taken[k] for k in range(span[1] - 1, span[0] - 1, -1) if self.taken[k]), None)
            if named is not None and not named.pronoun and named.kind != "person":
                self.add(ActorMention(i, i + 1, named.key, named.kind, entry=named.entry, desc=named.desc))

    def add_the_country(self) -> None:
        """"the country", "the nation": a country named just before, in this sentence or the one before ("aid to
        Yemen ... the country's cholera epidemic"); a setting ("across the country") is no actor."""
        for token in self.tokens:
            i = token.i
            if self.lower[i] not in ("country", "nation") or token.tag_ != "NN" or i == 0 \
                    or self.lower[i - 1] != "the" or self.taken[i] is not None or locative(token):
                continue
            names = [(start, iso3) for start, end, iso3 in self.country_names
                     if end <= i - 1 and self.sent_of[i] - self.sent_of[start] <= 1]
            demonyms = [(k, iso3) for k, iso3 in self.demonym_at.items() if k < i - 1
                        and self.sent_of[i] - self.sent_of[k] <= 1]
            if not names and not demonyms:
                continue
            # the sentence's first country by name ("Myanmar's Rohingya ... fled to Bangladesh after violence in
            # the country's Rakhine state"), else by demonym, else the one the previous sentence named last
            here = [n for n in names if self.sent_of[n[0]] == self.sent_of[i]] \
                or [n for n in demonyms if self.sent_of[n[0]] == self.sent_of[i]]
            self.add_country(i - 1, i + 1, min(here)[1] if here else max(names + demonyms)[1])

    def add_the_body(self) -> None:
        """"the network", "the company", "the party": the organisation of that kind the article named last, within
        BODY_WINDOW sentences ("ABS-CBN ... the network signed off"), rather than a group of the article's country."""
        for token in self.tokens:
            i = token.i
            noun = self.lower[i]
            sectors = BODY_NOUNS.get(noun)
            if (sectors is None and noun not in BODY_HEADS) or token.tag_ not in ("NN", "NNP") or i == 0 \
                    or self.lower[i - 1] != "the" or locative(token):
                continue
            current = self.taken[i]
            if current is not None and current.key[0] != "described":
                continue
            # a body of that kind, or one whose name ends in the word ("the European Council ... the Council")
            named = [m for m in self.mentions if m.entry is not None and m.end < i
                     and self.sent_of[i] - self.sent_of[m.start] <= BODY_WINDOW
                     and ((sectors and m.entry.kind == "group" and m.entry.sector in sectors)
                          or self.lower[m.end - 1] == noun)]
            if not named:
                continue
            body = max(named, key=lambda m: m.start)
            if current is not None:
                current.key, current.kind, current.entry, current.desc = body.key, body.kind, body.entry, None
            else:
                self.add(ActorMention(i - 1, i + 1, body.key, body.kind, entry=body.entry))

    def a_setting(self, token: Token) -> bool:
        """A group word that names a thing or a setting, not who acts: a modifier of a thing's noun ("court
        cases", "the council chamber", "police custody"; not of an act: "police violence") or a bare noun after
        a locative preposition ("life in prison", "a bill in parliament"; "served in the army" keeps its article
        and stays an actor), a time ("during his administration") or a rate ("per 100,000 people")."""
        head = token.head
        if token.dep_ == "compound" and token.text.islower() and head.i == token.i + 1 \
                and (head.lower_ in NOT_PERSON_HEADS or head.lemma_.lower() in NOT_PERSON_HEADS):
            return True
        if token.dep_ == "pobj" and head.lower_ == "during":
            return True  # "emissions fell during his administration": a time
        if token.dep_ == "pobj" and head.lower_ == "per":
            return True  # "deaths per 100,000 people": a rate's denominator, nobody in particular
        return locative(token) and token.text.islower() and token.tag_ in ("NN", "NNP") \
            and not any(c.dep_ in MODIFIER_DEPS for c in token.children)

    @staticmethod
    def in_a_name(token: Token) -> bool:
        """A title or group word inside the name of a place, body, law, work or event: "Queen Victoria Market",
        "the Non-Government Organisation", "the GNU General Public License"."""
        if token.ent_type_ in TITLE_LABELS:
            return True
        head = token
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        return head is not token and head.pos_ == "PROPN" and head.lower_ in NOT_PERSON_HEADS

    def _names_a_country(self, head: Token) -> bool:
        """Some word left of the head names a country: "the French and German foreign ministers" are two
        countries' ministers, not ministers of no country."""
        base = self.base
        return any(t.text[:1].isupper() and (base.demonym(t.text) or base.country_of_name(t.text))
                   for t in self.doc[head.left_edge.i:head.i])

    def add_person_led(self, head: Token, span: tuple[int, int]) -> None:
        """"the Trump administration", "Netanyahu's government": the government of that person's country."""
        role = self.base.role(head.text)
        owner = self.taken[head.i - 1] if head.i > span[0] else None
        if role is None or role.kind != "collective" or owner is None or owner.kind != "person" \
                or not self.free(owner.end, head.i + 1) or owner.start < span[0]:
            return
        country = self.person_country(owner.key)
        if country:
            desc = Description(owner.end, head.i + 1, country=country, sector=role.sector, role=head.text,
                         canonical=role.canonical)
            name = strip_the(self.span_text(span[0], head.i + 1))
            self.add(ActorMention(owner.end, head.i + 1, ("code", f"{country}{role.sector}"), "group", name=name, desc=desc))

    def person_country(self, key: tuple) -> str | None:
        info = self.people.get(key)
        if info is None:
            return None
        office = info.person.office_at(self.day) if info.person else None
        if office and office.country:
            return office.country
        if info.person and info.person.country:
            return info.person.country
        return next((d.country for d in info.descs if d.country and d.country != WEST), None)

    def add_entries(self) -> None:
        doc = self.doc
        for start, (end, entry) in sorted(self.entry_at.items()):
            if not self.free(start, end):
                continue
            root = doc[start:end].root
            if entry.city and not agentive(root, self.base.object_verbs):
                continue
            if entry.kind == "country" and (locative(root) or (root.dep_ == "compound" and (
                    root.head.pos_ != "PROPN" or root.head.lower_ in NOT_PERSON_HEADS))):
                continue  # "the Ukraine talks", "the Iraq Museum": a thing of the country's
            if entry.kind == "group" and entry.sector in ("BUS", "MED") and medium(root):
                continue
            if self.foreign_acronym(start, end, entry):
                continue
            kind = {"country": "country", "seat": "organization", "igo": "organization", "group": "group",
                    "region": "group"}[entry.kind]
            key = ("kb", entry.kb_id) if entry.kind == "group" else ("code", entry.code)
            name = entry.name if entry.kind == "country" else strip_the(doc[start:end].text)
            self.add(ActorMention(start, end, key, kind, name=name, entry=entry))
        for token in self.tokens:  # "the Russians", "Ukrainians": the country
            if self.taken[token.i] is not None or token.tag_ not in ("NNPS", "NNS") \
                    or token.dep_ in ("amod", "compound") or not capitalised(token):
                continue
            iso3 = self.base.demonym(token.text)
            if not iso3:
                continue
            start = token.i
            if start > 0 and self.lower[start - 1] == "the" and self.taken[start - 1] is None:
                start -= 1
            self.add_country(start, token.i + 1, iso3)

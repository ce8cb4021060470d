"""The actor resolver's people: one key per person in the article, and the office holder a description names."""
from __future__ import annotations

from heron.resolve.actor_base import Person
from heron.actors.mentions import ActorMention, Description, PersonInfo


class People:
    """A pass of :class:`heron.actors.resolver.Resolver`, whose state (doc, base, mentions, people) it reads."""

    def person_key(self, text: str, person: Person | None) -> tuple[tuple, Person | None]:
        words = text.split()
        surname = words[-1].lower()
        if len(words) == 1:
            for info in self.people.values():  # a surname named earlier in full
                if info.surname == surname:
                    return info.key, info.person
            for info in self.people.values():  # a first name ("Christian" after "Dr Christian Keysers")
                if info.first == surname and info.person is None:
                    return info.key, info.person
        if person is not None:
            return ("kb", person.kb_id), person
        if len(words) == 1:
            persons = self.base.people_by_surname(text)
            current = [p for p in persons if p.office_at(self.day)]
            pick = current if len(current) == 1 else persons if len(persons) == 1 else []
            if pick:
                return ("kb", pick[0].kb_id), pick[0]
        return ("name", surname), None

    def register_person(self, key: tuple, person: Person | None, surname: str | None, desc: Description | None) -> None:
        info = self.people.setdefault(key, PersonInfo(key, person, surname))
        if surname and not info.surname:
            info.surname = surname
        if desc is not None:
            info.descs.append(desc)

    def holder(self, desc: Description) -> tuple | None:
        """The person a standalone description names: someone in the article, else the office holder."""
        if not desc.person_role or not desc.where or desc.local:
            return None  # a local office ("the governor of Texas") is one of many in its country
        for key, info in self.people.items():
            for other in info.descs:
                if other.where == desc.where and other.canonical == desc.canonical:
                    return key
            office = info.person.office_at(self.day) if info.person else None
            if office and desc.where in (office.country, office.org) and office.canonical == desc.canonical:
                return key
        holders = self.base.holders(desc.where, desc.canonical, self.day)
        if len(holders) == 1:
            key = ("kb", holders[0].kb_id)
            self.register_person(key, holders[0], holders[0].surname.lower(), None)
            return key
        return None

    def add_demonym_nouns(self) -> None:
        """A nationality noun for one person: "the sixteen-year-old Swede" is the person told of just before, when
        nothing else gives that person's country; "a Briton", or one with no such person before, is of that
        country."""
        for token in self.tokens:
            if self.taken[token.i] is not None or token.tag_ not in ("NN", "NNP") or not token.text[:1].isupper() \
                    or token.dep_ in ("amod", "compound") or token.ent_type_ not in ("", "NORP", "PERSON"):
                continue
            iso3 = self.demonym_at.get(token.i)
            if iso3 is None:
                continue
            start = token.left_edge.i
            if not self.free(start, token.i + 1):
                start = token.i
            definite = self.lower[start] == "the"
            antecedent = self.unplaced_person_before(start) if definite else None
            if antecedent is None:
                self.add_country(start, token.i + 1, iso3)
                continue
            info = self.people[antecedent.key]
            sector = next((d.sector for d in info.descs if d.sector), None)
            desc = Description(start, token.i + 1, country=iso3, sector=sector)
            info.descs.insert(0, desc)
            self.add(ActorMention(start, token.i + 1, antecedent.key, "person", desc=desc, person=info.person))

    def unplaced_person_before(self, at: int) -> ActorMention | None:
        """The last person named in this or the previous sentence, if nothing yet gives their country (the base,
        an office, a description with a country)."""
        here = self.sent_of[at]
        before = [m for m in self.mentions if m.kind == "person" and not m.pronoun and m.end <= at
                  and here - self.sent_of[m.start] <= 1]
        if not before:
            return None
        last = max(before, key=lambda m: m.start)
        info = self.people.get(last.key)
        if info is None or (info.person is not None and (info.person.country or info.person.offices_at(self.day))):
            return None
        return None if any(d.where for d in info.descs) else last

"""The actor resolver's last pass: one Actor per key, coded with country and sector (or an organisation's code)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from heron.lang.en.syntax import UNPLACED_WORDS
from heron.nlp.views import views
from heron.records import Actor, Mention
from heron.resolve.actor_base import WEST
from heron.actors.mentions import HONORIFICS, ActorMention, PersonInfo, strip_the


# Groups that act where they live: "students protesting in Brussels" are Belgian, "soldiers firing in Kharkiv" need not
# be Ukrainian, nor "officials meeting in Geneva" Swiss
RESIDENT_SECTORS = frozenset({"CVL", "EDU", "LAB", "HLH", "REF", "AGR", "REL", "BUS", "MED", "NGO"})


LEDE_WORDS = 60  # about the first two sentences after the dateline
LEDE_WEIGHT = 3


def lede_end(doc: Doc) -> int:
    """The token after the story's opening words, where a news story says where it happens."""
    words = 0
    for token in views(doc).tokens:
        words += token.is_alpha
        if words > LEDE_WORDS:
            return token.i
    return len(doc)


class Coding:
    """A pass of :class:`heron.actors.resolver.Resolver`, whose state (doc, base, mentions, people) it reads."""

    def context_country(self, at: int, avoid: str | None = None, nearest: bool = True) -> str | None:
        """The country of a local official ("the regional governor"): the nearest country that was a subject
        in the last few sentences, else a country named in the same sentence, else the article's commonest
        (named in the opening words, it counts three times; of two as common, the one more actors belong to).
        ``avoid``: a country that cannot be the answer (the attacker's, for what it attacks). ``nearest``
        False skips the nearest subject: a group ("the police") belongs to where the article is, an official
        to whoever was just speaking of them."""
        here = self.sent_of[at]
        best, counts, same = None, {}, []
        acting: dict[str, int] = {}  # the counts of actors alone: they break a tie

        def count(country: str, i: int, actor: bool = False) -> None:
            counts[country] = counts.get(country, 0) + self.lede_weight(i)
            acting[country] = acting.get(country, 0) + self.lede_weight(i) * actor

        for m in self.mentions:
            country = m.entry.country if m.entry else (m.desc.country if m.desc else None)
            if country is None and m.kind == "person" and not m.pronoun:
                country = self.person_country(m.key)  # "Matovič" counts for Slovakia when the base knows his office
            if not country or country in (WEST, avoid) or (m.desc is not None and m.desc.sector in ("MIL", "REB", "INS")):
                continue
            count(country, m.start, actor=True)
            if m.start < at and here - self.sent_of[m.start] <= 3 and self._subject(m):
                if best is None or m.start > best[0]:
                    best = (m.start, country)
        for start, (_, entry) in self.entry_at.items():
            # a country named as a place counts too: "in Hong Kong", "across Serbia"
            if entry.kind == "country" and entry.country not in (None, WEST, avoid) and self.taken[start] is None:
                count(entry.country, start)
        for i, iso3 in self.place_country_at.items():
            # a town or region named as a place counts for its country ("in El Paso, Texas")
            if self.taken[i] is None and iso3 not in (WEST, avoid):
                count(iso3, i)
        for i, iso3 in self.demonym_at.items():
            owner = self.taken[i]
            if iso3 == avoid:
                continue
            if owner is not None and owner.desc is not None and owner.desc.sector in ("MIL", "REB", "INS"):
                continue  # "shelled by Russian forces": the attacker, not the official's country
            count(iso3, i)
            if self.sent_of[i] == here and (owner is not None or self.tokens[i].head.pos_ != "NOUN"):
                # "a Swiss tournament", "an Irish pub" place a thing, not the people of the sentence
                same.append(iso3)
        if best and nearest:
            return best[1]
        if same:
            return same[0]
        return max(counts, key=lambda c: (counts[c], acting[c])) if counts else None

    def lede_weight(self, i: int) -> int:
        """A news story says first where it happens: a country named in its opening words counts more than one
        named further down ("Police in Oxfordshire, England, arrested ..." before a paragraph on the American
        artist and a US president's remark)."""
        return LEDE_WEIGHT if i < self.lede_end else 1

    def stated_country(self, mentions: list[ActorMention]) -> str | None:
        """The country the words around a person's name state when no title of the base does: a demonym among
        the words just before it ("Iranian Grand Master X", "the French astronomer X") or a country after
        "from" or "of" right after it ("X from South Korea", "X of Jordan")."""
        for m in mentions:
            for i in range(m.start - 1, max(-1, m.start - 5), -1):
                if self.punct[i] or self.tokens[i].pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
                    break
                if self.taken[i] is not None and self.taken[i] is not m:
                    break
                if i in self.demonym_at:
                    return self.demonym_at[i]
            j = m.end + (m.end < len(self.doc) and self.texts[m.end] == ",")
            if j + 1 < len(self.doc) and self.lower[j] in ("from", "of"):
                k = j + 1 + (self.lower[j + 1] == "the")
                entry = self.entry_at.get(k)
                if entry is not None and entry[1].kind == "country" and entry[1].country != WEST:
                    return entry[1].country
        return None

    def unplaced(self, mention: ActorMention) -> bool:
        """A group its own words say is of no one country: "world leaders", "foreign ministers", "leaders of 54
        nations"."""
        span = self.doc[mention.start:mention.end]
        of = [t for prep in span.root.rights if prep.dep_ == "prep" and prep.lower_ == "of"
              for obj in prep.children if obj.dep_ == "pobj" for t in (obj, *obj.lefts)]
        return any(t.lower_ in UNPLACED_WORDS for t in [*span, *of])

    def located_country(self, mention: ActorMention, clause: bool = False) -> str | None:
        """The country of the place a described group or official is placed in by its own words: "the regional
        government headquarters in Mykolaiv", "the Mykolaiv city council", "Northamptonshire's chief constable".
        ``clause``: a group is also where its own clause places it ("students protested in Brussels")."""
        span = self.doc[mention.start:mention.end]
        root = span.root
        while root.dep_ == "compound" and root.head.i != root.i:  # "the government headquarters in X"
            root = root.head
        # the mention's own words ("Northamptonshire's chief constable"), its head's modifiers, its "in" phrase
        tokens = list(span) + [c for c in root.lefts if c.dep_ in ("compound", "nmod", "poss")]
        heads = [root]
        subject = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root  # "thousands of X"
        if clause and subject.dep_ in ("nsubj", "nsubjpass") and subject.head.pos_ == "VERB":
            heads.append(subject.head)
        if clause:  # "students protesting in Brussels", "miners who struck in Asturias"
            heads += [c for c in subject.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
        for prep in (p for head in heads for p in head.rights):
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near", "outside"):
                tokens += [c for c in prep.children if c.dep_ == "pobj"]
        for token in tokens:
            country = self.place_country_at.get(token.i)
            if country is None and token.i in self.entry_at and self.entry_at[token.i][1].kind == "country":
                country = self.entry_at[token.i][1].country
            if country is None and (owner := self.taken[token.i]) is not None and owner.entry is not None \
                    and owner.entry.kind == "country":
                country = owner.entry.country
            if country and country != WEST:
                return country
        return None

    def agent_country(self, mention: ActorMention) -> str | None:
        """The country of whoever acts on ``mention`` when it is an object ("Russia struck the regional
        administration"): what is done to it is not done by its own side."""
        root = self.doc[mention.start:mention.end].root
        while root.dep_ in ("compound", "amod") and root.head.i != root.i:  # "the administration building"
            root = root.head
        verb = root.head.head if root.dep_ == "pobj" else root.head
        if root.dep_ not in ("dobj", "pobj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return None
        for child in verb.children:
            if child.dep_ == "nsubj" and (owner := self.taken[child.i]) is not None:
                return owner.entry.country if owner.entry else (owner.desc.country if owner.desc else None)
        return None

    def code_person(self, actor: Actor, info: PersonInfo | None, first: int) -> None:
        person = info.person if info else None
        descs = info.descs if info else []
        office = person.office_at(self.day) if person else None
        # "Sudan's army chief" names Burhan by the office he holds beside the presidency: that office
        named = {d.canonical for d in descs if d.canonical}
        office = next((o for o in (person.offices_at(self.day) if person else []) if o.canonical in named), office)
        if office is not None:
            actor.country, actor.sector, actor.role = office.country, office.sector, office.role
            actor.code = office.code
            return
        desc = next((d for d in descs if d.where), descs[0] if descs else None)
        if desc is not None:
            country = desc.country or (person.country if person else None)
            if not desc.where and not country and desc.person_role and desc.group is None and not desc.org:
                # "Minister X", "the regional governor": officials of the country the article is about, unless
                # their title places them ("Northamptonshire's chief constable")
                mention = next((m for m in self.mentions if m.start == first), None)
                country = self.located_country(mention) if mention is not None else None
                if country is None:
                    country = self.context_country(first)
                    actor.context_country = country is not None
            actor.country = country if country != WEST else None
            actor.sector = desc.sector
            actor.role = desc.role.lower() if desc.role else None
            if desc.group is not None:  # "a Hamas commander": the group's country and sector
                actor.code, actor.country, actor.sector = desc.group.code, desc.group.country, desc.group.sector
            elif desc.org:
                actor.code = desc.org
            elif country:
                actor.code = f"{country}{desc.sector or ''}"
            return
        if person is not None:
            past = person.last_office_before(self.day)
            actor.country = person.country
            if past is not None and past.country is None and past.org is None and past.sector == "INS":
                # a transnational armed group's leader stays the group's ("Osama bin Laden" after 2011: IMGINS)
                actor.country, actor.code, actor.sector = None, past.code, past.sector
                actor.role = f"former {past.role}".strip()
                return
            if past is not None:
                actor.sector, actor.role = "ELI", f"former {past.role}".strip()
            elif person.offices:
                # before the first office the base knows: the sector of that office (politicians rise)
                actor.sector = person.offices[0].sector
            actor.code = f"{actor.country}{actor.sector or ''}" if actor.country else None

    def unsupported(self, key: tuple, ms: list[ActorMention]) -> bool:
        """A one-word "person" outside the base, never titled or described: usually a place NER misread."""
        if key[0] != "name" or self.people.get(key) and self.people[key].descs:
            return False
        return all(m.pronoun or (m.name and " " not in m.name and self.lower[m.start] not in HONORIFICS)
                   for m in ms)

    def build(self) -> tuple[list[Actor], dict[int, str]]:
        doc = self.doc
        groups: dict[tuple, list[ActorMention]] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            groups.setdefault(m.key, []).append(m)
        actors, actor_of = [], {}
        kept = [(key, ms) for key, ms in groups.items() if not self.unsupported(key, ms)]
        for n, (key, ms) in enumerate(kept, start=1):
            actor = Actor(id=f"A{n}", name="")
            first = ms[0]
            kind = next((m.kind for m in ms if not m.pronoun), first.kind)
            actor.kind = kind
            named = [m for m in ms if m.name]
            if kind == "person":
                info = self.people.get(key)
                self.code_person(actor, info, first.start)
                actor.kb_id = info.person.kb_id if info and info.person else None
                names = [m.name for m in named]
                if names:
                    actor.name = max(names, key=len)
                elif info and info.person:
                    actor.name = info.person.name
            else:
                entry = next((m.entry for m in ms if m.entry), None)
                desc = next((m.desc for m in ms if m.desc), None)
                actor.kb_id = entry.kb_id if entry else (desc.group.kb_id if desc and desc.group else None)
                names = [m.name for m in ms if m.name]
                actor.name = max(names, key=len) if names else ""
                if entry is not None and entry.kind == "country":
                    actor.code, actor.country, actor.name = entry.code, entry.country, entry.name
                elif entry is not None:
                    actor.code, actor.country, actor.sector = entry.code, entry.country, entry.sector
                elif desc is not None:
                    actor.code = desc.code
                    actor.country = desc.country if desc.country != WEST else None
                    actor.sector = desc.sector
                    actor.role = desc.canonical
                    if key[0] == "described" and not self.unplaced(first) and (
                            country := self.located_country(first, clause=desc.sector in RESIDENT_SECTORS)
                            or self.context_country(
                                first.start, self.agent_country(first), nearest=False)):
                        # "the police", "protesters" with no country in their words: the article's, marked so
                        actor.country, actor.code, actor.context_country = country, f"{country}{desc.sector}", True
                    if desc.group is not None:
                        actor.country, actor.sector = desc.group.country, desc.group.sector
                elif key[0] == "code":
                    actor.code, actor.country = key[1], key[1]
                if not actor.name:
                    texts = [strip_the(doc[m.start:m.end].text) for m in ms if not m.pronoun]
                    actor.name = max(texts, key=len) if texts else doc[first.start:first.end].text
            if not actor.name:
                actor.name = doc[first.start:first.end].text
            if actor.country is None and actor.code is None and kind == "person" \
                    and (country := self.stated_country([m for m in ms if not m.pronoun])):
                actor.country, actor.code = country, f"{country}{actor.sector or ''}"
            elif actor.country is None and actor.code is None and kind == "person" \
                    and (country := self.context_country(first.start)):
                # someone the base does not know and no words place: of the country the article is about
                actor.country, actor.code, actor.context_country = country, f"{country}{actor.sector or ''}", True
            for m in ms:
                span: Span = doc[m.start:m.end]
                actor.mentions.append(Mention(span.text, span.start_char, span.end_char))
                for i in range(m.start, m.end):
                    actor_of[i] = actor.id
            actors.append(actor)
        return actors, actor_of

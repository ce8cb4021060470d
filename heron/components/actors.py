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

import datetime as dt
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.nlp.extensions import doc_text  # (importing it registers the doc._ attributes)
from heron.records import Actor, Mention
from heron.resolve.actor_base import DEPUTY_WORDS, WEST, ActorBase, Entry, Person, load_base

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "mr.", "mrs.", "ms.", "dr."}
GENDERED_TITLES = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m",
                   "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "lady": "f", "dame": "f", "queen": "f",
                   "princess": "f", "spokeswoman": "f"}
TITLE_WORDS = HONORIFICS | {
    "president", "prime", "minister", "chancellor", "secretary", "gen", "gen.", "general", "ayatollah",
    "king", "queen", "prince", "crown", "sheikh", "senator", "sen.", "governor", "mayor", "premier",
    "colonel", "col.", "commander", "foreign", "defence", "defense", "deputy", "vice", "state", "of",
    "emir", "supreme", "leader", "chief", "spokesman", "spokeswoman", "envoy", "ambassador",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
AGENT_DEPS = SUBJECT_DEPS | {"poss", "agent", "csubj"}
# "in Ukraine" is a place; "weapons to Ukraine", "help from Britain" name a recipient or a source
LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "around", "within", "into", "over",
                  "outside", "through", "beyond", "along"}
MODIFIER_DEPS = {"amod", "compound", "poss", "det", "case", "nmod", "nummod", "advmod", "predet"}
WEST_WORDS = {"western", "west"}
MAX_DESC = 10
# last words that make a PERSON entity a place or a thing named after a person ("Karl Marx Avenue")
NOT_PERSON_HEADS = {"avenue", "street", "road", "square", "boulevard", "bridge", "airport", "university", "college",
                    "school", "hospital", "prize", "award", "foundation", "institute", "station", "stadium", "park"}


@dataclass
class _Desc:
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
class _Mention:
    start: int  # token indices, end exclusive
    end: int
    key: tuple
    kind: str  # person | country | organization | group
    name: str | None = None  # a name this mention gives the actor
    entry: Entry | None = None
    person: Person | None = None
    desc: _Desc | None = None
    pronoun: bool = False


@dataclass
class _PersonInfo:
    key: tuple
    person: Person | None = None
    surname: str | None = None
    descs: list[_Desc] = field(default_factory=list)
    gender: str | None = None  # from the base, or from a title ("Mrs", "Queen", "spokeswoman")


# -- small helpers ----------------------------------------------------------------------------


def _strip_the(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an", "another") else text


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _quote_mask(doc: Doc) -> list[bool]:
    """True for tokens inside quotation marks (reset at paragraph breaks)."""
    inside, mask = False, []
    for token in doc:
        if "\n" in token.text:
            inside = False
        if token.text in ("“", "«"):
            inside = True
            mask.append(True)
            continue
        if token.text in ("”", "»"):
            mask.append(True)
            inside = False
            continue
        if token.text == '"':
            inside = not inside
            mask.append(True)
            continue
        mask.append(inside)
    return mask


def _agentive(token: Token, object_verbs: frozenset[str]) -> bool:
    """A city acts ("Moscow said", "Kyiv's offer", "rejected by Washington", "warned Beijing");
    "in Moscow" or "attacked Kyiv" is a place."""
    if token.dep_ in AGENT_DEPS:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in ("by", "between"):
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in object_verbs:
        return True
    if token.dep_ in ("conj", "appos"):
        return _agentive(token.head, object_verbs)
    return False


def _locative(token: Token) -> bool:
    if token.dep_ == "conj":
        return _locative(token.head)
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


class _Resolver:
    def __init__(self, doc: Doc, base: ActorBase) -> None:
        self.doc = doc
        self.base = base
        date = getattr(doc._, "article_date", None)
        self.day: dt.date = date if isinstance(date, dt.date) else dt.date.today()
        self.taken: list[_Mention | None] = [None] * len(doc)
        self.mentions: list[_Mention] = []
        self.entry_at: dict[int, tuple[int, Entry]] = {}  # start token -> (end, entry)
        self.sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for token in sent:
                self.sent_of[token.i] = n
        self.in_quote = _quote_mask(doc)
        self.people: dict[tuple, _PersonInfo] = {}
        self.person_tokens: set[int] = set()  # tokens of people's names, filled by run()
        # plain lists, filled in one pass: much faster than asking spaCy for Token objects in the scanning loops
        self.lower, self.caps, self.punct, self.char_start, self.char_end = [], [], [], [], []
        self.propn: list[bool] = []
        self.demonym_at: dict[int, str] = {}
        for t in doc:
            text = t.text
            self.lower.append(t.lower_)
            self.caps.append(text[:1].isupper())
            self.propn.append(t.pos_ == "PROPN")
            self.punct.append(t.is_punct or t.is_space)
            self.char_start.append(t.idx)
            self.char_end.append(t.idx + len(text))
            if text[:1].isupper() and (iso3 := base.demonym(text)):
                self.demonym_at[t.i] = iso3
        self.text = doc_text(doc)

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.char_start[start]:self.char_end[end - 1]]

    # -- bookkeeping ------------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        return all(self.taken[i] is None for i in range(start, end))

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.taken[i] = mention

    def drop_entries(self, start: int, end: int) -> None:
        """Base names inside a description belong to the description ("US" in "US President Barack Obama")."""
        for i in list(self.entry_at):
            if start <= i < end:
                del self.entry_at[i]

    # -- 1. scanning for base names -----------------------------------------------------------

    def scan_entries(self, person_spans: list[tuple[int, int]]) -> None:
        """Longest base-name match at each position, outside person names."""
        in_person = set()
        for start, end in person_spans:
            in_person.update(range(start, end))
        doc, i, lower = self.doc, 0, self.lower
        first_words = self.base.first_words
        while i < len(doc):
            start_word = lower[i + 1] if lower[i] == "the" and i + 1 < len(doc) else lower[i]
            if i in in_person or not (self.caps[i] or lower[i] == "the") or start_word not in first_words:
                i += 1
                continue
            hit = None
            for n in range(min(self.base.max_words, len(doc) - i), 0, -1):
                if any(j in in_person for j in range(i, i + n)):
                    continue
                if self.punct[i + n - 1] or (n == 1 and lower[i] == "the") or not any(self.caps[i:i + n]):
                    continue
                entries = self.base.entries_for(self.span_text(i, i + n))
                if entries and not self._inside_longer_name(i + n):
                    hit = (n, entries[0])
                    break
            if hit is None:
                i += 1
                continue
            n, entry = hit
            self.entry_at[i] = (i + n, entry)
            i += n

    def _inside_longer_name(self, end: int) -> bool:
        """"the West Bank", "Moscow Times": the match runs on into a longer proper name."""
        if end >= len(self.doc):
            return False
        nxt, last = self.doc[end], self.doc[end - 1]
        return nxt.pos_ == "PROPN" and _capitalised(nxt) and bool(last.ent_type_) and nxt.ent_iob_ == "I"

    def scan_people(self) -> list[tuple[int, int, str, Person | None]]:
        """Person names: PERSON entities, base names/aliases, and honorific + capitalised word."""
        doc, found = self.doc, []
        covered: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            while start < end - 1 and (doc[start].lower_ in TITLE_WORDS or self._title_word(doc[start])):
                start += 1
            while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
                end -= 1
            if start >= end:
                continue
            text = doc[start:end].text
            if doc[end - 1].lower_ in NOT_PERSON_HEADS or any(t.like_num for t in doc[start:end]):
                continue
            persons = self.base.people_for(text)
            if not persons and self.base.entries_for(text) and not self.base.people_by_surname(text):
                continue  # NER called a country, seat or group a person
            found.append((start, end, text, persons[0] if len(persons) == 1 else None))
            covered.update(range(start, end))
        i = 0
        while i < len(doc):  # base names NER missed
            if i in covered or not self.caps[i] or self.lower[i] not in self.base.first_words:
                i += 1
                continue
            for n in range(min(5, len(doc) - i), 0, -1):
                if any(j in covered for j in range(i, i + n)):
                    continue
                persons = self.base.people_for(self.span_text(i, i + n))
                if len(persons) == 1 and (n > 1 or doc[i].pos_ == "PROPN"):
                    found.append((i, i + n, doc[i:i + n].text, persons[0]))
                    covered.update(range(i, i + n))
                    i += n - 1
                    break
            i += 1
        for i in range(len(doc)):  # a bare base surname NER missed or mislabelled ("Lavrov accused ...")
            if i in covered or not self.propn[i] or not self.caps[i]:
                continue
            token = doc[i]
            # only where NER saw a one-word name (perhaps mislabelled): a capitalised "Hunt" in a headline is no one
            one_word = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
            # "the Trump administration": NER took the whole phrase as an organisation
            leads = token.dep_ in ("compound", "poss") and (r := self.base.role(token.head.text)) is not None \
                and r.kind == "collective"
            named = token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and one_word
            if not (named or leads) or self.base.entries_for(token.text):
                continue
            persons = self.base.people_by_surname(token.text)
            current = [p for p in persons if p.office_at(self.day)]
            pick = current if len(current) == 1 else persons if len(persons) == 1 else []
            if pick and " " not in pick[0].surname:
                found.append((token.i, token.i + 1, token.text, pick[0]))
                covered.add(token.i)
        i = 0
        while i < len(doc):  # "Petro Sirenko, the regional governor," when NER missed the name
            end = i
            while end < len(doc) and self.propn[end] and self.caps[end] and end not in covered:
                end += 1
            if end - i >= 2 and not self.base.entries_for(doc[i:end].text) and self.apposition_after(end) is not None:
                found.append((i, end, doc[i:end].text, None))
                covered.update(range(i, end))
            i = max(end, i + 1)
        for i, lower in enumerate(self.lower):  # "Mr Wallace" when NER missed it
            nxt = i + 1
            if lower in HONORIFICS and nxt < len(doc) and nxt not in covered and self.caps[nxt] \
                    and self.propn[nxt] and self.lower[nxt] not in TITLE_WORDS:
                end = nxt + 1
                while end < len(doc) and self.propn[end] and self.caps[end] and end not in covered:
                    end += 1
                found.append((nxt, end, doc[nxt:end].text, None))
                covered.update(range(nxt, end))
        return sorted(found)

    def _title_word(self, token: Token) -> bool:
        """A word of a title NER put inside a name: "Ukrainian" or "Britain's" but not "Jordan" in "Jordan Peterson"."""
        if self.base.country_of_name(token.text):
            nxt = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            return nxt is not None and (nxt.tag_ == "POS" or nxt.lower_ in TITLE_WORDS)
        return self._describes(token)

    def _describes(self, token: Token) -> bool:
        """Words that can sit in a title before a name: demonyms, country names, role words."""
        return bool(self.base.demonym(token.text) or self.base.country_of_name(token.text)
                    or self.base.role(token.text) or token.tag_ == "POS")

    # -- 2. descriptions ----------------------------------------------------------------------

    def describe(self, start: int, end: int) -> _Desc | None:
        """Country, organisation, sector and role stated by tokens [start, end)."""
        doc, base = self.doc, self.base
        desc = _Desc(start, end)
        modifier_sector = seat_sector = None
        countries: set[str] = set()
        i = start
        while i < end:
            if i in self.entry_at:
                stop, entry = self.entry_at[i]
                if entry.kind == "group":
                    desc.group = entry
                elif entry.kind == "region":
                    countries.add(entry.code)
                elif entry.kind == "igo" or (entry.kind == "seat" and entry.country is None):
                    desc.org = entry.code
                else:
                    countries.add(entry.country)
                    if entry.kind == "seat":
                        seat_sector = entry.sector
                i = stop
                continue
            two = base.demonym(doc[i:i + 2].text) if i + 1 < end else None  # "North Korean"
            iso3 = two or base.demonym(doc[i].text)
            if iso3:
                countries.add(iso3)
            elif doc[i].lower_ in WEST_WORDS and _capitalised(doc[i]):
                countries.add(WEST)
            i += 2 if two else 1
        # the role: the longest role phrase, preferring the rightmost head
        for i in range(end - 1, start - 1, -1):
            for j in range(start, i + 1):
                role = base.role(doc[j:i + 1].text)
                if role is not None:
                    desc.role = doc[j:i + 1].text
                    desc.canonical = role.canonical
                    if j > start and doc[j - 1].lower_ in DEPUTY_WORDS:  # "deputy prime minister"
                        desc.canonical = f"{doc[j - 1].lower_} {role.canonical}"
                        desc.role = doc[j - 1:i + 1].text
                    desc.sector = role.sector
                    desc.person_role = role.kind == "person"
                    desc.local = role.local
                    head_start = j
                    break
            if desc.role:
                break
        if not desc.role:
            return None
        for i in range(start, head_start):
            role = base.modifier(doc[i].text)
            if role is not None:
                modifier_sector = role.sector
        if len(countries) > 1:
            return None  # "the French and German foreign ministers": two actors, not one
        desc.country = next(iter(countries), None)
        generic = desc.canonical in ("official", "officials", "spokesman", "aide", "adviser", "leader", "leaders",
                                     "chief", "government")
        if modifier_sector:
            desc.sector = modifier_sector
        elif seat_sector and generic:
            desc.sector = seat_sector
        if desc.org:
            desc.sector = "IGO"
        return desc

    def title_before(self, start: int) -> tuple[int, _Desc | None]:
        """The title written before a name: "US President", "Britain's Defence Secretary"."""
        doc, i = self.doc, start
        while i > 0 and start - i < MAX_DESC:
            token = doc[i - 1]
            if self.taken[i - 1] is not None:
                break
            in_entry = any(s <= i - 1 < e for s, (e, _) in self.entry_at.items())
            if token.lower_ in HONORIFICS or token.tag_ == "POS" or in_entry or self._describes(token) \
                    or (token.lower_ in TITLE_WORDS and self.sent_of[token.i] == self.sent_of[start]):
                i -= 1
                continue
            break
        while i < start and (doc[i].tag_ == "POS" or doc[i].lower_ == "of"):
            i += 1
        if i == start:
            return start, None
        desc = self.describe(i, start)
        if desc is not None and not desc.person_role:  # "government of X" is not X's title
            return start, None
        return i, desc

    def apposition_after(self, end: int) -> _Desc | None:
        """", Russia's deputy foreign minister," right after a name."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return None
        stop = end + 1
        while stop < len(doc) and stop - end <= MAX_DESC + 2 and not self._ends_apposition(doc[stop]):
            stop += 1
        if stop == end + 1 or stop - end > MAX_DESC + 1:
            return None
        if stop < len(doc) and stop in self.person_tokens:
            return None  # ", an aide to Vladimir Putin,": about someone else
        if stop < len(doc) and doc[stop].pos_ in ("VERB", "AUX"):
            return None
        desc = self.describe(end + 1, stop)
        return desc if desc is not None and desc.person_role else None

    def _ends_apposition(self, token: Token) -> bool:
        return token.text in (",", ".", ";", ":", "(", ")") or token.is_space or token.pos_ in ("VERB", "AUX") \
            or token.lower_ in ("who", "which") or token.i in self.person_tokens

    def noun_phrase(self, head: Token, first: Token) -> tuple[int, int] | None:
        """Span of a role noun phrase ``first``..``head``: its modifiers to the left, "of <country>" to the right."""
        doc = self.doc
        start = first.i
        edge = min(head.left_edge.i, first.left_edge.i)
        while start > 0:
            prev = doc[start - 1]
            if prev.i >= edge and prev.dep_ in MODIFIER_DEPS and not prev.is_punct and prev.pos_ != "VERB":
                start -= 1
                continue
            break
        end = head.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in self.entry_at:
            end = self.entry_at[end + 1][0]
        return start, end

    # -- 3. people --------------------------------------------------------------------------

    def person_key(self, text: str, person: Person | None) -> tuple[tuple, Person | None]:
        words = text.split()
        surname = words[-1].lower()
        if person is not None:
            return ("kb", person.kb_id), person
        if len(words) == 1:
            for info in self.people.values():  # a surname named earlier in full
                if info.surname == surname:
                    return info.key, info.person
            persons = self.base.people_by_surname(text)
            current = [p for p in persons if p.office_at(self.day)]
            pick = current if len(current) == 1 else persons if len(persons) == 1 else []
            if pick:
                return ("kb", pick[0].kb_id), pick[0]
        return ("name", surname), None

    def register_person(self, key: tuple, person: Person | None, surname: str | None, desc: _Desc | None) -> None:
        info = self.people.setdefault(key, _PersonInfo(key, person, surname))
        if surname and not info.surname:
            info.surname = surname
        if desc is not None:
            info.descs.append(desc)

    def holder(self, desc: _Desc) -> tuple | None:
        """The person a standalone description names: someone in the article, else the office holder."""
        if not desc.person_role or not desc.where:
            return None
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

    # -- the whole pass -----------------------------------------------------------------------

    def run(self) -> tuple[list[Actor], dict[int, str]]:
        doc = self.doc
        people = self.scan_people()
        self.person_tokens = {i for s, e, _, _ in people for i in range(s, e)}
        self.scan_entries([(s, e) for s, e, _, _ in people])
        # full names first, so a bare surname can find them wherever they are
        for start, end, text, person in sorted(people, key=lambda p: (p[1] - p[0] == 1, p[0])):
            if not self.free(start, end):
                continue
            key, person = self.person_key(text, person)
            surname = text.split()[-1].lower() if person is None else person.surname.lower()
            self.register_person(key, person, surname, None)
            t_start, title = self.title_before(start)
            if title is not None:
                self.register_person(key, person, None, title)
                self.drop_entries(t_start, start)
            appos = self.apposition_after(end)
            if appos is not None:
                self.register_person(key, person, None, appos)
                self.drop_entries(appos.start, appos.end)
                self.add(_Mention(appos.start, appos.end, key, "person", desc=appos, person=person))
            self.add(_Mention(t_start, end, key, "person", name=text, person=person, desc=title))
            info = self.people[key]
            for token in list(doc[t_start:end]) + (list(doc[appos.start:appos.end]) if appos else []):
                info.gender = info.gender or GENDERED_TITLES.get(token.lower_)
        self.add_roles()
        self.add_entries()
        self.add_pronouns()
        return self.build()

    def add_roles(self) -> None:
        doc, base = self.doc, self.base
        in_names = {i for start, (end, _) in self.entry_at.items() for i in range(start, end)}
        for token in doc:
            if self.taken[token.i] is not None or token.pos_ not in ("NOUN", "PROPN") or token.i in in_names:
                continue
            if any(base.role(self.span_text(token.i, k)) for k in range(token.i + 2, min(len(doc), token.i + 4) + 1)):
                continue  # "defence" in "defence minister", "secretary" in "secretary-general": the head comes next
            first, role = next(((j, r) for j in range(max(0, token.i - 3), token.i + 1)
                                if (r := base.role(self.span_text(j, token.i + 1)))), (token.i, None))
            role = role or base.role(token.lemma_)
            if role is None:
                continue
            span = self.noun_phrase(token, doc[first])
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
                    self.add(_Mention(span[0], span[1], key, "person", desc=desc, person=info.person))
                    continue
            if desc.local and not desc.where:
                continue
            if desc.group is not None:
                key, kind = ("kb", desc.group.kb_id), "group"
            elif desc.code and desc.org and desc.code == desc.org:
                key, kind = ("code", desc.org), "organization"
            elif desc.code and desc.country:
                key, kind = ("code", desc.code), "group"
            else:
                continue
            self.drop_entries(*span)
            self.add(_Mention(span[0], span[1], key, kind, desc=desc))

    def add_person_led(self, head: Token, span: tuple[int, int]) -> None:
        """"the Trump administration", "Netanyahu's government": the government of that person's country."""
        role = self.base.role(head.text)
        owner = self.taken[head.i - 1] if head.i > span[0] else None
        if role is None or role.kind != "collective" or owner is None or owner.kind != "person" \
                or not self.free(owner.end, head.i + 1) or owner.start < span[0]:
            return
        country = self.person_country(owner.key)
        if country:
            desc = _Desc(owner.end, head.i + 1, country=country, sector=role.sector, role=head.text,
                         canonical=role.canonical)
            name = _strip_the(self.span_text(span[0], head.i + 1))
            self.add(_Mention(owner.end, head.i + 1, ("code", f"{country}{role.sector}"), "group", name=name, desc=desc))

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
            if entry.city and not _agentive(root, self.base.object_verbs):
                continue
            if entry.kind == "country" and (_locative(root) or (root.dep_ == "compound" and root.head.pos_ != "PROPN")):
                continue
            kind = {"country": "country", "seat": "organization", "igo": "organization", "group": "group",
                    "region": "group"}[entry.kind]
            key = ("kb", entry.kb_id) if entry.kind == "group" else ("code", entry.code)
            name = entry.name if entry.kind == "country" else _strip_the(doc[start:end].text)
            self.add(_Mention(start, end, key, kind, name=name, entry=entry))
        for token in doc:  # "the Russians", "Ukrainians": the country
            if self.taken[token.i] is not None or token.tag_ not in ("NNPS", "NNS") \
                    or token.dep_ in ("amod", "compound") or not _capitalised(token):
                continue
            iso3 = self.base.demonym(token.text)
            if not iso3:
                continue
            start = token.i
            if start > 0 and doc[start - 1].lower_ == "the" and self.taken[start - 1] is None:
                start -= 1
            name = self.base.countries[iso3].name if iso3 in self.base.countries else None
            self.add(_Mention(start, token.i + 1, ("code", iso3), "country", name=name))

    # -- 4. pronouns --------------------------------------------------------------------------

    def _subject(self, mention: _Mention) -> bool:
        return self.doc[mention.start:mention.end].root.dep_ in SUBJECT_DEPS

    def _gender(self, key: tuple) -> str | None:
        info = self.people.get(key)
        if info is None:
            return None
        return info.person.gender if info.person and info.person.gender else info.gender

    def add_pronouns(self) -> None:
        doc = self.doc
        for token in doc:
            lower = token.lower_
            if self.taken[token.i] is not None or self.in_quote[token.i]:
                continue
            if lower in PRONOUN_GENDER:
                target = self._antecedent(token, PRONOUN_GENDER[lower])
                kind = "person"
            elif lower in PLURAL_PRONOUNS and token.dep_ in SUBJECT_DEPS | {"poss"}:
                target = self._group_antecedent(token)
                kind = target.kind if target else ""
            else:
                continue
            if target is not None:
                self.add(_Mention(token.i, token.i + 1, target.key, kind, person=target.person, pronoun=True))

    def _antecedent(self, token: Token, gender: str) -> _Mention | None:
        here = self.sent_of[token.i]
        cands = [m for m in self.mentions
                 if m.kind == "person" and m.end <= token.i and here - self.sent_of[m.start] <= 2
                 and self._gender(m.key) in (None, gender) and not self.in_quote[m.start]]
        if token.lower_ in ("him", "her") and token.dep_ in ("dobj", "dative", "pobj"):
            # "Biden thanked him": an object pronoun is not the subject of its own clause
            clause = token.head if token.dep_ != "pobj" else token.head.head
            own = {m.key for m in self.mentions if m.end <= token.i and self._subject(m)
                   and self.doc[m.start:m.end].root.head == clause}
            cands = [m for m in cands if m.key not in own]
        if not cands:
            return None
        same = [m for m in cands if self.sent_of[m.start] == here and self._subject(m)]
        if same:
            return same[-1]
        for back in (1, 2):
            subjects = [m for m in cands if self.sent_of[m.start] == here - back and self._subject(m)]
            if subjects:
                return subjects[0]
        return max(cands, key=lambda m: m.end)

    def _group_antecedent(self, token: Token) -> _Mention | None:
        here = self.sent_of[token.i]
        for m in reversed(self.mentions):
            if m.end > token.i or m.pronoun or here - self.sent_of[m.start] > 1:
                continue
            root = self.doc[m.start:m.end].root
            if m.kind == "group" and m.entry is None and self._subject(m) and root.tag_ in ("NNS", "NNPS"):
                return m
        return None

    # -- 5. actors ----------------------------------------------------------------------------

    def context_country(self, at: int) -> str | None:
        """The country of a local official ("the regional governor"): the nearest country that was a subject
        in the last few sentences, else a country named in the same sentence, else the article's commonest."""
        here = self.sent_of[at]
        best, counts, same = None, {}, []
        for m in self.mentions:
            country = m.entry.country if m.entry else (m.desc.country if m.desc else None)
            if not country or country == WEST or (m.desc is not None and m.desc.sector in ("MIL", "REB", "INS")):
                continue
            counts[country] = counts.get(country, 0) + 1
            if m.start < at and here - self.sent_of[m.start] <= 3 and self._subject(m):
                if best is None or m.start > best[0]:
                    best = (m.start, country)
        for i, iso3 in self.demonym_at.items():
            owner = self.taken[i]
            if owner is not None and owner.desc is not None and owner.desc.sector in ("MIL", "REB", "INS"):
                continue  # "shelled by Russian forces": the attacker, not the official's country
            counts[iso3] = counts.get(iso3, 0) + 1
            if self.sent_of[i] == here:
                same.append(iso3)
        if best:
            return best[1]
        if same:
            return same[0]
        return max(counts, key=counts.get) if counts else None

    def code_person(self, actor: Actor, info: _PersonInfo | None, first: int) -> None:
        person = info.person if info else None
        descs = info.descs if info else []
        office = person.office_at(self.day) if person else None
        if office is not None:
            actor.country, actor.sector, actor.role = office.country, office.sector, office.role
            actor.code = office.code
            return
        desc = next((d for d in descs if d.where), descs[0] if descs else None)
        if desc is not None:
            country = desc.country or (person.country if person else None)
            if not desc.where and not country and desc.person_role:
                # "Minister X", "the regional governor": officials of the country the article is about
                country = self.context_country(first)
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
            if past is not None:
                actor.sector, actor.role = "ELI", f"former {past.role}"
            actor.code = f"{actor.country}{actor.sector or ''}" if actor.country else None

    def unsupported(self, key: tuple, ms: list[_Mention]) -> bool:
        """A one-word "person" outside the base, never titled or described: usually a place NER misread."""
        if key[0] != "name" or self.people.get(key) and self.people[key].descs:
            return False
        return all(m.pronoun or (m.name and " " not in m.name and self.doc[m.start].lower_ not in HONORIFICS)
                   for m in ms)

    def build(self) -> tuple[list[Actor], dict[int, str]]:
        doc = self.doc
        groups: dict[tuple, list[_Mention]] = {}
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
                    if desc.group is not None:
                        actor.country, actor.sector = desc.group.country, desc.group.sector
                elif key[0] == "code":
                    actor.code, actor.country = key[1], key[1]
                if not actor.name:
                    texts = [_strip_the(doc[m.start:m.end].text) for m in ms if not m.pronoun]
                    actor.name = max(texts, key=len) if texts else doc[first.start:first.end].text
            if not actor.name:
                actor.name = doc[first.start:first.end].text
            for m in ms:
                span: Span = doc[m.start:m.end]
                actor.mentions.append(Mention(span.text, span.start_char, span.end_char))
                for i in range(m.start, m.end):
                    actor_of[i] = actor.id
            actors.append(actor)
        return actors, actor_of


def find_actors(doc: Doc, base: ActorBase | None = None) -> tuple[list[Actor], dict[int, str]]:
    """The actors of a parsed Doc and the token -> actor id map (pure: does not touch ``doc._``)."""
    return _Resolver(doc, base or load_base()).run()


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
    requires=["doc.ents"],
    assigns=["doc._.actors", "doc._.actor_of"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(load_base())

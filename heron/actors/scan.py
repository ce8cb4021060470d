"""The actor resolver's first pass: names from the base and people's names found in the text."""
from __future__ import annotations

from spacy.tokens import Token

from heron.nlp.views import views
from heron.resolve.actor_base import Person
from heron.actors.mentions import HONORIFICS, TITLE_WORDS, NOT_PERSON_HEADS, capitalised

# Names that start with a lower-case article: "al-Shabab", "ad-Dawla"
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "at", "az"})


class Scanning:
    """A pass of :class:`heron.actors.resolver.Resolver`, whose state (doc, base, mentions, people) it reads."""

    def scan_entries(self, person_spans: list[tuple[int, int]]) -> None:
        """Longest base-name match at each position, outside person names."""
        in_person = set()
        for start, end in person_spans:
            in_person.update(range(start, end))
        doc, i, lower = self.doc, 0, self.lower
        first_words = self.base.first_words
        # for each position, the first person-name token and the first capitalised token at or after it:
        # "a window holds one" becomes one comparison
        size = len(doc)
        next_person, next_cap = [size] * (size + 1), [size] * (size + 1)
        for j in range(size - 1, -1, -1):
            next_person[j] = j if j in in_person else next_person[j + 1]
            next_cap[j] = j if self.caps[j] else next_cap[j + 1]
        while i < len(doc):
            start_word = lower[i + 1] if lower[i] == "the" and i + 1 < len(doc) else lower[i]
            if i in in_person or not (self.caps[i] or lower[i] == "the" or lower[i] in ARABIC_ARTICLES) \
                    or start_word not in first_words:
                i += 1
                continue
            hit = None
            for n in range(min(self.base.max_words, len(doc) - i), 0, -1):
                if next_person[i] < i + n:
                    continue
                if self.punct[i + n - 1] or (n == 1 and lower[i] == "the") or next_cap[i] >= i + n:
                    continue
                entries = self.base.entries_for(self.span_text(i, i + n))
                if entries and entries[0].kind == "country" and i in self.inside_place:
                    continue  # "Jersey" of "New Jersey", "Guinea" of "Papua New Guinea" geocoded whole
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
        nxt, last = self.tokens[end], self.tokens[end - 1]
        return nxt.pos_ == "PROPN" and capitalised(nxt) and bool(last.ent_type_) and nxt.ent_iob_ == "I"

    def scan_people(self) -> list[tuple[int, int, str, Person | None]]:
        """Person names: PERSON entities, base names/aliases, and honorific + capitalised word."""
        doc, found = self.doc, []
        covered: set[int] = set()
        for ent in views(doc).ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            while start < end - 1 and (self.lower[start] in TITLE_WORDS or self._title_word(self.tokens[start])):
                if end - start == 2 and self.lower[start] not in TITLE_WORDS and self.base.role(self.texts[start]) \
                        and not self.base.demonym(self.texts[start]) \
                        and not self.base.people_by_surname(self.texts[start + 1]):
                    break  # a role word that is also a first name: "Christian Keysers"; but "Rabbi Sacks" is titled
                start += 1
            while end > start and (self.tokens[end - 1].tag_ == "POS" or self.tokens[end - 1].is_punct):
                end -= 1
            if start >= end:
                continue
            text = doc[start:end].text
            if self.lower[end - 1] in NOT_PERSON_HEADS or any(t.like_num for t in doc[start:end]) \
                    or not any(self.caps[k] for k in range(start, end)):
                continue  # a name has a capital: "the mandatory hijab" is no Mr Hijab
            persons = self.base.people_for(text)
            if not persons and (wider := self._widen(start, end)) is not None:
                start, end, persons = wider  # NER cut the name short: "Kais" of "Kais Saied"
                text = doc[start:end].text
            if not persons and (self.base.entries_for(text) or self.base.demonym(text)) \
                    and not any(p.office_at(self.day) for p in self.base.people_by_surname(text)):
                continue  # NER called a country, seat, group or demonym ("Burkinabe") a person
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
                if len(persons) == 1 and (n > 1 or self.tokens[i].pos_ == "PROPN"):
                    found.append((i, i + n, doc[i:i + n].text, persons[0]))
                    covered.update(range(i, i + n))
                    i += n - 1
                    break
            i += 1
        for i in range(len(doc)):  # a bare base surname NER missed or mislabelled ("Lavrov accused ...")
            if i in covered or not self.caps[i] or not (self.propn[i] or self.tokens[i].dep_ in ("nsubj", "nsubjpass")):
                continue  # a proper noun, or a capitalised subject the tagger took for a noun ("Trump said")
            token = self.tokens[i]
            # only where NER saw a one-word name (perhaps mislabelled): a capitalised "Hunt" in a headline is no one
            one_word = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or self.tokens[token.i + 1].ent_iob_ != "I")
            # "the Trump administration": NER took the whole phrase as an organisation
            leads = token.dep_ in ("compound", "poss") and (r := self.base.role(token.head.text)) is not None \
                and r.kind == "collective"
            named = token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and one_word
            # "Trump said" with no entity at all: the subject, if one office holder of the day has that surname
            acting = not token.ent_type_ and token.dep_ in ("nsubj", "nsubjpass")
            if not (named or leads or acting) or self.base.entries_for(token.text):
                continue
            if token.ent_type_ in ("GPE", "LOC", "FAC") and token.i in self.place_tokens and not acting:
                continue  # a geocoded town the recogniser calls a place: "a curfew in Medina" is no President Medina
            persons = self.base.people_by_surname(token.text)
            current = [p for p in persons if p.office_at(self.day)]
            pick = current if len(current) == 1 else persons if len(persons) == 1 and not acting else []
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
            if lower in HONORIFICS and not self.texts[i].isupper() and nxt < len(doc) and nxt not in covered \
                    and self.caps[nxt] \
                    and self.propn[nxt] and self.lower[nxt] not in TITLE_WORDS:
                end = nxt + 1
                while end < len(doc) and self.propn[end] and self.caps[end] and end not in covered:
                    end += 1
                found.append((nxt, end, doc[nxt:end].text, None))
                covered.update(range(nxt, end))
        return sorted(found)

    def _widen(self, start: int, end: int) -> tuple[int, int, list[Person]] | None:
        """A base name that holds the tokens [start, end) and up to three capitalised proper nouns around them."""
        doc = self.doc
        for left in range(0, 4):
            for right in range(0, 4):
                a, b = start - left, end + right
                if (left or right) and 0 <= a and b <= len(doc) and all(
                        self.caps[i] and self.propn[i] for i in (*range(a, start), *range(end, b))):
                    persons = self.base.people_for(self.span_text(a, b))
                    if len(persons) == 1:
                        return a, b, persons
        return None

    def _title_word(self, token: Token) -> bool:
        """A word of a title NER put inside a name: "Ukrainian" or "Britain's" but not "Jordan" in "Jordan Peterson"."""
        if self.base.country_of_name(token.text):
            nxt = self.tokens[token.i + 1] if token.i + 1 < len(self.doc) else None
            return nxt is not None and (nxt.tag_ == "POS" or nxt.lower_ in TITLE_WORDS)
        return self._describes(token)

    def _describes(self, token: Token, modifiers: bool = False) -> bool:
        """Words that can sit in a title before a name: demonyms, country names, role words; with ``modifiers``,
        the role modifiers too ("former US Vice President Joe Biden"), which inside a name NER found are first
        names more often ("Christian Keysers")."""
        return bool(self.base.demonym(token.text) or self.base.country_of_name(token.text)
                    or self.base.role(token.text) or (modifiers and self.base.modifier(token.text))
                    or token.tag_ == "POS")

"""The actor resolver's descriptions: a title before a name, an apposition after it, a noun phrase on its own;
each gives a country or organisation and a sector."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from heron.resolve.actor_base import DEPUTY_WORDS, WEST
from heron.actors.mentions import (
    HONORIFICS,
    TITLE_WORDS,
    MODIFIER_DEPS,
    WEST_WORDS,
    MAX_DESC,
    Description,
    capitalised,
)


@lru_cache(maxsize=4096)
def region_country(name: str) -> str | None:
    """The country of a region or city a name clearly means: the gazetteer's first-level divisions and
    towns of that name, weighed by population, with one country at least twice any other's weight."""
    from heron.resolve.gazetteer import load

    weight: Counter = Counter()
    for c in load().lookup(name):
        if c.country and c.primary and (c.feature == "A.ADM1" or c.feature.startswith("P.PPL")):
            weight[c.country] += c.population
    ranked = weight.most_common(2)
    if not ranked or ranked[0][1] < MIN_REGION_POPULATION:
        return None
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1] else None


MIN_REGION_POPULATION = 100_000  # smaller places are too often also words or surnames


class Descriptions:
    """A pass of :class:`heron.actors.resolver.Resolver`, whose state (doc, base, mentions, people) it reads."""

    def describe(self, start: int, end: int) -> Description | None:
        """Country, organisation, sector and role stated by tokens [start, end)."""
        doc, base = self.doc, self.base
        desc = Description(start, end)
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
            # "Papua New Guinean", "North Korean": the longest demonym first
            many = next((n for n in (3, 2) if i + n <= end and base.demonym(doc[i:i + n].text)), 0)
            two = base.demonym(doc[i:i + many].text) if many else None
            iso3 = two or base.demonym(self.texts[i])
            # a country name the entry scan left inside a longer name: "the U.S. Senate"
            named = next(((n, c) for n in (3, 2, 1) if i + n <= end and self.caps[i]
                          and (c := base.country_of_name(doc[i:i + n].text))), None) \
                if not iso3 and i not in self.inside_place else None  # not "Jersey" of "New Jersey"
            if iso3:
                countries.add(iso3)
            elif i in self.place_country_at:
                countries.add(self.place_country_at[i])  # "the New Jersey governor", "the Kharkiv governor"
            elif named:
                countries.add(named[1])
                i += named[0]
                continue
            elif self.tokens[i].pos_ == "PROPN" and self.caps[i] and i not in self.person_tokens \
                    and not any(base.role(self.span_text(i, k)) for k in range(i + 1, min(end, i + 3) + 1)) \
                    and (region := region_country(self.texts[i])):  # not "Coast" of "Coast Guard"
                countries.add(region)  # "Catalonia's regional government", "Tigray forces", "Gaza's health ministry"
            elif self.lower[i] in WEST_WORDS and self.caps[i]:
                countries.add(WEST)
            i += many if two else 1
        # the role: the longest role phrase, preferring the rightmost head
        for i in range(end - 1, start - 1, -1):
            for j in range(start, i + 1):
                role = base.role(doc[j:i + 1].text)
                if role is not None:
                    desc.role = doc[j:i + 1].text
                    desc.canonical = role.canonical
                    if j > start and self.lower[j - 1] in DEPUTY_WORDS:  # "deputy prime minister"
                        desc.canonical = f"{self.lower[j - 1]} {role.canonical}"
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
            role = base.modifier(self.texts[i])
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

    def title_before(self, start: int) -> tuple[int, Description | None]:
        """The title written before a name: "US President", "Britain's Defence Secretary"."""
        doc, i = self.doc, start
        while i > 0 and start - i < MAX_DESC:
            token = self.tokens[i - 1]
            if self.taken[i - 1] is not None:
                break
            in_entry = any(s <= i - 1 < e for s, (e, _) in self.entry_at.items())
            if (phrase := self._role_phrase_start(i)) is not None and all(self.taken[k] is None for k in range(phrase, i)):
                i = phrase  # "UN special rapporteur X": the whole role, then what qualifies it
                continue
            if token.lower_ in HONORIFICS or token.tag_ == "POS" or in_entry or self._describes(token, modifiers=True) \
                    or (i - 1) in self.place_tokens \
                    or (token.lower_ in TITLE_WORDS and self.sent_of[token.i] == self.sent_of[start]):
                i -= 1
                continue
            break
        while i < start and (self.tokens[i].tag_ == "POS" or self.lower[i] == "of"):
            i += 1
        if i == start:
            return start, None
        desc = self.describe(i, start)
        if desc is not None and not desc.person_role:  # "government of X" is not X's title
            return start, None
        return i, desc

    def _role_phrase_start(self, end: int) -> int | None:
        """Where a role of several words that ends at ``end`` starts: "Police director", "special
        rapporteur", whose last word is no role alone; None when none ends there."""
        return next((j for j in range(max(0, end - 3), end - 1) if self.base.role(self.span_text(j, end))), None)

    def apposition_after(self, end: int) -> Description | None:
        """", Russia's deputy foreign minister," right after a name."""
        doc = self.doc
        if end >= len(doc) or self.texts[end] != ",":
            return None
        stop = end + 1
        while stop < len(doc) and stop - end <= MAX_DESC + 2 and not self._ends_apposition(self.tokens[stop]):
            stop += 1
        if stop == end + 1 or stop - end > MAX_DESC + 1:
            return None
        if stop < len(doc) and stop in self.person_tokens:
            return None  # ", an aide to Vladimir Putin,": about someone else
        if stop < len(doc) and self.tokens[stop].pos_ in ("VERB", "AUX"):
            return None
        desc = self.describe(end + 1, stop)
        return desc if desc is not None and desc.person_role else None

    def _ends_apposition(self, token: Token) -> bool:
        # a participle modifying the role does not end it: "the managing director of X"
        return token.text in (",", ".", ";", ":", "(", ")") or token.is_space \
            or (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod") \
            or token.lower_ in ("who", "which") or token.i in self.person_tokens

    def noun_phrase(self, head: Token, first: Token) -> tuple[int, int] | None:
        """Span of a role noun phrase ``first``..``head``: its modifiers to the left, "of <country>" or "of
        <place>" to the right."""
        doc = self.doc
        start = first.i
        edge = min(head.left_edge.i, first.left_edge.i)
        while start > 0:
            prev = self.tokens[start - 1]
            if prev.i >= edge and prev.dep_ in MODIFIER_DEPS and not prev.is_punct \
                    and (prev.pos_ != "VERB" or self.base.modifier(prev.text)):  # "a sacked minister"
                start -= 1
                continue
            break
        end = head.i + 1
        if end + 1 < len(doc) and self.lower[end] == "of" and end + 1 in self.entry_at:
            end = self.entry_at[end + 1][0]
        elif end + 1 < len(doc) and self.lower[end] == "of" and end + 1 in self.place_country_at:
            end += 2  # "the governor of Texas", "the mayor of Kharkiv"
            while end in self.inside_place:
                end += 1
        return start, end

"""The actor resolver's pronouns: he/she to the subject of the same or the previous sentence, they to a plural group."""
from __future__ import annotations

from spacy.tokens import Token

from heron.actors.mentions import SUBJECT_DEPS, ActorMention

OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
from heron.lang.en.pronouns import PLURAL_PRONOUNS, PRONOUN_GENDER


class Pronouns:
    """A pass of :class:`heron.actors.resolver.Resolver`, whose state (doc, base, mentions, people) it reads."""

    def _subject(self, mention: ActorMention) -> bool:
        return self.doc[mention.start:mention.end].root.dep_ in SUBJECT_DEPS

    def _gender(self, key: tuple) -> str | None:
        info = self.people.get(key)
        if info is None:
            return None
        return info.person.gender if info.person and info.person.gender else info.gender

    def add_pronouns(self) -> None:
        doc = self.doc
        for token in self.tokens:
            lower = token.lower_
            if self.taken[token.i] is not None or self.in_quote[token.i]:
                continue
            if lower in PRONOUN_GENDER:
                target = self._antecedent(token, PRONOUN_GENDER[lower])
                kind = "person"
            elif lower in PLURAL_PRONOUNS and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {"poss"}:
                target = self._group_antecedent(token)
                kind = target.kind if target else ""
            else:
                continue
            if target is not None:
                self.add(ActorMention(token.i, token.i + 1, target.key, kind, person=target.person, pronoun=True))

    def _antecedent(self, token: Token, gender: str) -> ActorMention | None:
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

    def _group_antecedent(self, token: Token) -> ActorMention | None:
        """The last plural group named as a subject or possessor ("Protesters' demands include ... They had
        asked"); for an object pronoun ("police fired tear gas at them") not the subject of its own clause."""
        here = self.sent_of[token.i]
        clause = None
        if token.dep_ in OBJECT_DEPS:
            clause = token.head.head if token.dep_ == "pobj" else token.head
        for m in reversed(self.mentions):
            if m.end > token.i or m.pronoun or here - self.sent_of[m.start] > 1:
                continue
            root = self.doc[m.start:m.end].root
            if clause is not None and root.head == clause and root.dep_ in SUBJECT_DEPS:
                continue
            if (m.kind == "group" and m.entry is None and root.tag_ in ("NNS", "NNPS")
                    and (root.dep_ in SUBJECT_DEPS or root.dep_ == "poss")):
                return m
        return None

"""Claims and counter-claims: what two or more holders say about one event, side by side.

A claim is a quote with a resolved speaker (its attitude: assert, believe, deny, doubt), or a holder "sceptical
of" / "doubtful about" something. A claim is about an event when the event's trigger or one of its mentions
lies in what is claimed, or when what is claimed names the event by the same noun ("the pull-out"). A
quote that goes on about "that" right after another holder's claim answers that claim. Events of one type
that share a trigger word or a source are taken as one event; a group needs two holders.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from heron.events.arguments import Arguments
from heron.lang.en.syntax import DEFINITE
from heron.nlp.extensions import doc_text
from heron.positions.cues import position_nouns
from heron.positions.scan import Scan
from heron.positions.sides import Sides
from heron.positions.stances import span_of
from heron.records import Claim, ClaimGroup, Event, Mention, Position, Quote

ATTITUDES = {"assert": "assert", "belief": "believe", "denial": "deny", "question": "doubt"}
DOUBTING = frozenset({"sceptical", "skeptical", "doubtful", "unconvinced", "suspicious", "wary"})
_POINTING = frozenset({"that", "this", "it", "they"})
WINDOW = 8  # sentences apart two claims about the same thing may stand


@lru_cache(maxsize=1)
def _deal_nouns() -> frozenset[str]:
    """Nouns a claim may call the deal by: the position nouns, and "the text" of an agreement."""
    return position_nouns() | {"text"}


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


class ClaimReader:
    def __init__(self, doc: Doc, reader: Arguments, quotes: list[Quote], events: list[Event], scan: Scan,
                 sides: Sides, positions: list[Position] = ()) -> None:
        self.doc = doc
        self.sides = sides
        # a quote that states its speaker's position is a stance, not a reading of an event
        self.stances = {p.quote for p in positions if p.quote} | {
            q.id for q in quotes for p in positions
            if p.cue is not None and q.content.start <= p.cue.start < q.content.end and q.speaker in p.holders}
        self.reader = reader
        self.quotes = quotes
        self.events = events
        self.scan = scan
        self.region: dict[str, tuple[int, int]] = {}  # quote id -> where its subject is looked for

    def claims(self) -> list[tuple[Claim, int]]:
        """Every claim with a holder, with the number of the sentence it starts in."""
        out: list[tuple[Claim, int]] = []
        for quote in self.quotes:
            if not quote.speaker or quote.id in self.stances:
                continue
            first = _token_at(self.doc, quote.content.start)
            out.append((Claim(quote.speaker, ATTITUDES.get(quote.attitude, "assert"), quote.content, quote.id),
                        self.scan.sentence(first.i) if first is not None else -1))
            cue = quote.cue
            if cue is not None and cue.end <= quote.content.start and quote.content.start - cue.end < 150:
                # "Borovia claimed the pull-out ... was a goodwill step": what the claim is about may stand
                # between the cue and the content
                self.region[quote.id] = (cue.end, quote.content.end)
        for i in self.scan.words(DOUBTING):
            token = self.doc[i]
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "over", "about")), None)
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            holders = self.reader.np_actors(subject) if subject is not None else []
            if obj is None or not holders:
                continue
            s, e = span_of(obj)
            out.append((Claim(holders[0], "doubt", Mention(doc_text(self.doc)[s:e], s, e)), self.scan.sentence(token.i)))
        out.sort(key=lambda c: c[0].content.start)
        return out

    def _event_keys(self) -> dict[str, str]:
        """Event id -> the id of the event it is taken to be (same type, and same trigger word or a shared source)."""
        root = {e.id: e.id for e in self.events}

        def find(x: str) -> str:
            while root[x] != x:
                x = root[x]
            return x

        lemma = {e.id: self._lemma(e.trigger.start) for e in self.events}
        sources = {e.id: {self.sides.of(a) for a in e.sources} for e in self.events}
        for i, a in enumerate(self.events):
            for b in self.events[i + 1:]:
                # attacks and arrests recur in one article; a withdrawal or a talk by one side rarely does
                shared = bool(sources[a.id] & sources[b.id])
                same_word = lemma[a.id] == lemma[b.id] and (shared or not sources[a.id] or not sources[b.id])
                if a.type == b.type and (same_word or (shared and a.quad != 4)):
                    root[find(b.id)] = find(a.id)
        return {e.id: find(e.id) for e in self.events}

    def _lemma(self, offset: int) -> str:
        token = _token_at(self.doc, offset)
        return token.lemma_.lower() if token is not None else ""

    def _about(self, region: tuple[int, int], by_lemma: dict[str, list[Event]]) -> tuple[Event, Mention] | None:
        start, end = region
        found = [(m.start, event, m) for event in self.events for m in (event.trigger, *event.mentions)
                 if start <= m.start < end and m.end - m.start < 40]
        piece = self.doc.char_span(start, end, alignment_mode="expand")
        for token in piece or ():
            # "the pull-out", "Arland's blockade": the event named again by its noun
            if token.pos_ == "NOUN" and token.lemma_.lower() in by_lemma and any(
                    c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children):
                found.append((token.idx, by_lemma[token.lemma_.lower()][0],
                              Mention(token.text, token.idx, token.idx + len(token.text))))
        if not found:
            return None
        _, event, mention = min(found, key=lambda f: f[0])  # the claim's subject comes first
        return event, mention

    def _subject_noun(self, region: tuple[int, int]) -> Token | None:
        """The definite noun a claim is about: the subject of its clause ("the agreement allowed ...", "the
        text met Dublin's concerns"), when it is a noun the article named before."""
        piece = self.doc.char_span(region[0], region[1], alignment_mode="expand")
        definite = [t for t in piece or () if t.pos_ == "NOUN" and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in t.children)]
        subject = next((t for t in definite if t.dep_ in ("nsubj", "nsubjpass")), None)
        # "the accord upheld ...", or what the claim says of the deal anywhere in it ("... had given up a great
        # deal in the agreement")
        return subject or next((t for t in definite if t.lemma_.lower() in _deal_nouns()), None)

    def groups(self) -> list[ClaimGroup]:
        """Claims joined when they share what they are about (an event, or the definite noun they speak of)
        within a few sentences; a group needs two sides."""
        keys = self._event_keys()
        events = {e.id: e for e in self.events}
        by_lemma: dict[str, list[Event]] = {}
        for event in self.events:
            token = _token_at(self.doc, event.trigger.start)
            if token is not None and token.pos_ == "NOUN":
                by_lemma.setdefault(token.lemma_.lower(), []).append(event)
        claims = self.claims()
        anchors: list[set[str]] = []
        about: dict[str, Mention] = {}
        for n, (claim, sentence) in enumerate(claims):
            region = self.region.get(claim.quote or "", (claim.content.start, claim.content.end))
            mine: set[str] = set()
            found = self._about(region, by_lemma)
            if found is not None:
                key = "E:" + keys[found[0].id]
                mine.add(key)
                about.setdefault(key, found[1])
            noun = self._subject_noun(region)
            if noun is not None:
                lemma = noun.lemma_.lower()
                key = "W:" + ("deal" if lemma in _deal_nouns() else lemma)
                mine.add(key)
                about.setdefault(key, Mention(noun.text, noun.idx, noun.idx + len(noun.text)))
            first = _token_at(self.doc, claim.content.start)
            if not mine and n and first is not None and first.lower_ in _POINTING and first.pos_ == "PRON":
                before, was = claims[n - 1]
                if sentence - was <= 1 and claim.holder != before.holder:
                    mine |= anchors[n - 1]  # "They had no choice but to do it", said the other side
            anchors.append(mine)
        # claims that share an anchor within WINDOW sentences form a group
        group = list(range(len(claims)))

        def find(x: int) -> int:
            while group[x] != x:
                x = group[x]
            return x

        for i in range(len(claims)):
            for j in range(i + 1, len(claims)):
                if anchors[i] & anchors[j] and claims[j][1] - claims[i][1] <= WINDOW:
                    group[find(j)] = find(i)
        members: dict[int, list[int]] = {}
        for i in range(len(claims)):
            if anchors[i]:
                members.setdefault(find(i), []).append(i)
        out: list[ClaimGroup] = []
        for indices in members.values():
            chosen = [claims[i][0] for i in indices]
            if len({self.sides.of(c.holder) for c in chosen if c.holder}) < 2:
                continue
            shared = set.intersection(*(anchors[i] for i in indices)) or anchors[indices[0]]
            key = min(shared, key=lambda k: (not k.startswith("E:"), k))  # an event first, else the noun
            event = events.get(key[2:]) if key.startswith("E:") else None
            out.append(ClaimGroup(f"C{len(out) + 1}", about[key], event.id if event else None,
                                  event.type if event else None, chosen))
        return out

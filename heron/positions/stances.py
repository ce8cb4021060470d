"""Positions stated in one sentence, read off the dependency parse.

A cue word (``cues.match_cue``) states a position; the parse gives its holder (the cue's subject, else the
speaker of the quote it is in), what is offered or demanded (the cue's complement or object), to whom (the
object of "urge", "call on", "want X to"), and the clauses it depends on ("if ...", "once ..."). Three
constructions state a position with no cue word: a reported "must" clause ("Arland said any accord must go
to parliament first": a demand), "there will be no X" under a reporting verb (a refusal), and a step taken "to
build trust" or "as a goodwill gesture" (a concession). A position noun with no holder of its own ("the
proposals") is a reference: :mod:`heron.positions.links` resolves it to the position it names.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from heron.events.arguments import Arguments, clause_subject, possessor_misparsed
from heron.lang.en.syntax import OWN_POSSESSIVES, REFLEXIVE, THIRD_PERSON
from heron.positions.cues import (
    Cue,
    counter_noun,
    load_cues,
    markers,
    match_cue,
    position_nouns,
)
from heron.positions.scan import Scan
from heron.positions.sides import Sides
from heron.records import Quote

# What the object of a cue may be: the first of these that the cue has.
_PREPOSITIONS = ("for", "on", "to", "of", "with")
_READY = frozenset({"ready", "willing", "prepared", "open"})
_SIGNING = frozenset({"agree", "accept", "sign", "commit"})
_FIRST_PERSON = frozenset({"we", "i", "us", "our"})
_WH = frozenset({"what", "which", "whatever", "how"})
_OWN = frozenset({"it", "he", "she"}) | _FIRST_PERSON  # "Arland said it would ...": the speaker's own side
_OWN_POSSESSIVES = OWN_POSSESSIVES - {"their"}  # "its army", not "their army": "they" may be another side
_SIDE_NOUNS = frozenset({"side", "party"})  # "both sides", "the two parties"


@dataclass
class Draft:
    """A position before ids are given: token-level, so that links can read the parse."""

    kind: str
    answer: str | None
    cue: list[Token]
    holders: list[str]
    content: tuple[int, int]
    sentence: Span
    addressees: list[str] = field(default_factory=list)
    quote: str | None = None
    object_noun: Token | None = None  # a position word the cue's object is ("the plan", "calls for ...")
    exchange: bool = False  # stated "in return" for what the holder said before
    conditions: list[tuple[int, int]] = field(default_factory=list)
    from_noun: bool = False  # stated by a noun ("Arland's offer"), not a verb
    bare: bool = False  # a noun with nothing said of its content: likely a later mention of a stated position

    @property
    def start(self) -> int:
        return self.cue[0].idx if self.cue else self.content[0]


@dataclass(frozen=True)
class Reference:
    """A position noun that names no holder ("the plan", "the offer"): it points back to a position."""

    token: Token
    sentence: Span


def clause_span(clause: Token) -> tuple[int, int]:
    """A condition clause whole, its "if" or "once" included."""
    tokens = [t for t in clause.subtree if not t.is_space]
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def span_of(head: Token, exclude: tuple[Token, ...] = ()) -> tuple[int, int]:
    """Character offsets of ``head``'s subtree, cut before any excluded subtree that starts inside it and
    without the punctuation and conjunctions at its edges."""
    dropped = {t.i for x in exclude for t in x.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped]
    # the contiguous run around the head: an excluded clause in the middle ends the content there
    run = [head] if head.i not in dropped else tokens[:1]
    by_i = {t.i: t for t in tokens}
    i = run[0].i
    while i - 1 in by_i:
        i -= 1
        run.insert(0, by_i[i])
    i = run[-1].i
    while i + 1 in by_i:
        i += 1
        run.append(by_i[i])
    while len(run) > 1 and (run[-1].is_punct or run[-1].dep_ in ("cc", "mark") or run[-1].is_space):
        run.pop()
    while len(run) > 1 and (run[0].is_punct or run[0].dep_ in ("cc", "mark") or run[0].is_space
                            or run[0].lower_ in ("a", "an", "the")):
        run.pop(0)
    return run[0].idx, run[-1].idx + len(run[-1].text)


def enclosing_quote(quotes: list[Quote], offset: int) -> Quote | None:
    return next((q for q in quotes if q.content.start <= offset < q.content.end), None)


def _mandative(clause: Token) -> bool:
    """A "that" clause that asks for something: a modal ("should", "must") or a bare verb ("that the budget
    include funding"), not a statement of fact."""
    if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "would", "will", "shall") for c in clause.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return True  # "want Russia to agree ...": an infinitive with its own subject
    if any(c.dep_ == "aux" for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "that the budget include funding": a bare verb after a singular subject
    return clause.tag_ == "VB" or (clause.tag_ == "VBP" and subject is not None and subject.tag_ in ("NN", "NNP"))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _condition_clauses(heads: list[Token]) -> list[Token]:
    """Adverbial clauses of the heads that open with a condition word ("if", "once", "provided that")."""
    words = markers("condition")
    found = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                # "in exchange for the return of ...", "in return for aid": what it is given against
                swap = next((g for g in child.children if g.dep_ == "pobj" and g.lower_ in markers("exchange")), None)
                if swap is not None and any(g.dep_ == "prep" and g.lower_ == "for" for g in swap.children):
                    found.append(child)
                continue
            if child.dep_ != "advcl":
                continue
            opener = " ".join(t.lower_ for t in list(child.subtree)[:3])
            if any(opener == w or opener.startswith(w + " ") for w in words) or child.lower_ in words:
                found.append(child)
    return found


class StanceReader:
    """Finds the drafts and references of one document's sentences."""

    def __init__(self, doc: Doc, reader: Arguments, quotes: list[Quote], scan: Scan, sides: Sides) -> None:
        self.doc = doc
        self.sides = sides
        self.reader = reader
        self.quotes = quotes
        self.scan = scan
        self.last: tuple[int, list[str]] | None = None  # sentence number and holders of the last position
        words = ({lemma for lemma, _ in load_cues()} | _READY | {"must", "should", "be"} | markers("trust")
                 | markers("gesture") | markers("unacceptable"))
        self.candidates: dict[int, list[int]] = {}
        for i in sorted(set(scan.words(words)) | set(scan.relations(("ccomp",)))):
            self.candidates.setdefault(scan.sentence(i), []).append(i)
        self.exchanges = {scan.sentence(i): i for i in scan.words(markers("exchange"))}

    def sentence_number(self, token: Token) -> int:
        return self.scan.sentence(token.i)

    # --- holders --------------------------------------------------------------------------

    def holders(self, verb: Token) -> tuple[list[str], str | None]:
        """The actors holding what ``verb`` states, and the quote it is said in."""
        quote = enclosing_quote(self.quotes, verb.idx)
        subject = clause_subject(verb)
        if subject is not None and subject.lemma_.lower() in _SIDE_NOUNS and any(
                c.lower_ in ("both", "two") for c in subject.children):
            return list(self.sides.main), quote.id if quote else None  # "the two sides agreed to ..."
        if subject is not None and subject.lower_ not in _FIRST_PERSON:
            found = self.reader.np_actors(subject)
            if found:
                return found, quote.id if quote else None
            if subject.pos_ not in ("PRON",):
                return [], None  # a subject that is no actor ("the talks offered hope") holds nothing
            if subject.lower_ in THIRD_PERSON and self.last is not None \
                    and self.sentence_number(verb) - self.last[0] <= 1 and quote is None:
                return list(self.last[1]), None  # "In exchange, they ask ...": the holder just before
        if quote is not None and quote.speaker:
            return [quote.speaker], quote.id
        reporter = self._reporting_subject(verb)
        return (reporter, None) if reporter else ([], None)

    def _reporting_subject(self, token: Token) -> list[str]:
        """The actors of the nearest reporting verb above ``token`` ("Arland said ... must ...")."""
        reporting = markers("reporting") | {"make"}
        head, steps = token, 0
        while head.head is not head and steps < 4:
            head, steps = head.head, steps + 1
            if head.lemma_.lower() in reporting and head.pos_ in ("VERB", "AUX"):
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    return self.reader.np_actors(subject)
        return []

    # --- one cue ----------------------------------------------------------------------------

    def verb(self, token: Token, cue: Cue, sentence: Span) -> Draft | None:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
            return None  # "was considered a threat", "were offered jobs": not the subject's own stance
        if token.dep_ == "acl" or (token.tag_ == "VBG" and token.dep_ == "pcomp"):
            return None  # "a letter seeking ...", "the chance of Borovia signing ...": no stance
        kind, answer = cue.kind, cue.answer
        if any(c.dep_ == "prep" and c.lower_ == cue.needs for c in token.children) \
                and any(c.dep_ == "dobj" for c in token.children):
            return None  # "called the race for the mayor", "ruled the motion out": another sense of the phrase
        obj = self._object(token, cue)
        position_object = obj if obj is not None and (obj.lemma_.lower() in position_nouns() or counter_noun(obj)) else None
        if position_object is not None and cue.on_position:
            kind, answer = cue.on_position
        complement = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None)
        if complement is None and obj is None:
            # "ruled out letting inspectors into its ports": a gerund the parser hangs on as an adverbial
            complement = next((c for c in token.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > token.i
                               and not any(g.dep_ == "mark" for g in c.children)), None)
        if complement is not None and complement.dep_ == "ccomp" and kind == "demand" and self._own_future(token, complement):
            # "Cestia insisted that its army would not leave the pass": its own resolve, not a demand
            kind = "rejection" if _negated(complement) else "commitment"
        elif complement is not None and complement.dep_ == "ccomp" and not _mandative(complement) \
                and (kind in ("demand", "commitment", "proposal") or answer == "accept"):
            # "insisted that the border was never agreed", "agreed that the meeting went well": a view
            complement = None
            if obj is None:
                return None
        if kind is None and complement is not None and complement.tag_ == "VBG":
            kind = "commitment"  # "would consider joining the union once ...": an intention, not an answer
        if kind is None and not _negated(token):
            return None
        if _negated(token):
            if kind == "commitment" or answer in ("accept", "consider") or (
                    cue.on_position is not None and cue.on_position[1] in ("accept", "consider")):
                kind, answer = "rejection", None  # "will not accept", "won't consider the candidate"
            else:
                return None  # "did not demand", "did not rule out": no stance stated
        addressees: list[str] = []
        head = complement or obj
        if head is None:
            return None
        if head.lemma_.lower() in markers("silent") or head.lower_ in _WH:
            return None  # "declined to comment", "set out what it wants"
        if kind == "rejection" and head.lemma_.lower() in markers("claim"):
            return None  # "rejected that account": a denial, a claim about what happened
        content_start: Token | None = None
        if cue.lemma in ("want", "urge", "ask", "press", "call", "seek", "tell", "count", "invite", "lobby"):
            # "want Borovia to agree ...", "urged Cestia to return", "called on Arland to withdraw": the object is
            # the addressee and the clause is what is demanded
            target = next((c for c in token.children if c.dep_ in ("dobj", "nsubj") and c.i > token.i), None)
            if target is None:
                target = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "on"
                               for g in c.children if g.dep_ == "pobj"), None)
            clause = next((c for c in (*token.children, *(target.children if target is not None else ()))
                           if c.dep_ in ("xcomp", "ccomp") and c.i > token.i), None)
            if target is None and clause is not None:
                # "they want Borovia to agree ...": parsed as a clause with its own subject
                target = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
            if cue.lemma == "tell" and (clause is None or clause.dep_ != "xcomp"):
                return None  # "told journalists that ...": a statement, not a demand
            if cue.lemma == "expect" and (target is None or not self.reader.np_actors(target)) and clause is not None:
                return None  # "expected the first trucks to cross": a forecast
            if target is not None and clause is not None and not self.reader.np_actors(target) \
                    and target.lower_ not in THIRD_PERSON:
                return None  # "the fans wanted him to stay": a wish about no party
            if target is not None and clause is not None:
                addressees = self.reader.np_actors(target)
                # "want Borovia to agree ...": what is wanted is the whole; "urged Cestia to open ...": the act
                head, content_start = clause, (target if cue.lemma in ("want", "expect") else None)
            elif clause is not None and clause.dep_ == "ccomp" and _mandative(clause) and cue.lemma != "tell":
                head = clause  # "asked that the fighters be given an amnesty"
            elif complement is not None or obj is None or cue.lemma == "tell":
                return None  # "wants to win", "sought to capture": the holder's own aim, not put to anyone
        elif kind == "demand" and complement is not None and complement.dep_ == "xcomp" and obj is None:
            return None  # "sought to capture the port", "asked to leave": an aim or a wish, not a demand put to anyone
        holders, quote = self.holders(token)
        if not holders:
            return None
        conditions = _condition_clauses([token, head])
        start, end = span_of(head, tuple(conditions))
        if content_start is not None:
            start = min(start, content_start.idx)
        return Draft(kind, answer, [token], holders, (start, end), sentence, addressees, quote,
                     position_object, conditions=[clause_span(c) for c in conditions])

    def _own_future(self, verb: Token, clause: Token) -> bool:
        """Whether ``clause`` says what the subject of ``verb`` (or its own side) will or would do."""
        if not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll", "wo") for c in clause.children):
            return False
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        holder = clause_subject(verb)
        if subject is None or holder is None:
            return False
        theirs = self.sides.of_all(self.reader.np_actors(subject))
        if not theirs and (subject.lower_ in _OWN or any(
                c.dep_ == "poss" and c.lower_ in _OWN_POSSESSIVES for c in subject.children)):
            return True  # "Arland said it would ...", "insisted that its army would not ...": the speaker's side
        return bool(theirs & self.sides.of_all(self.reader.np_actors(holder)))

    def future(self, verb: Token, sentence: Span) -> Draft | None:
        """ "the president said Arland would press the militias to hold their fire", "said it would return only once
        the West met its demands": what a side says it will do is a commitment (an offer when it sets a
        condition; a refusal when it will not)."""
        reporter = verb.head
        if verb.dep_ != "ccomp" or reporter.lemma_.lower() not in markers("reporting") | {"make"} \
                or not self._own_future(reporter, verb) or match_cue(verb) is not None:
            return None
        if verb.lemma_ == "be" and not any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "said it would be hard": a view
        if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
            return None  # "would have stayed in prison": what would have happened
        holders, quote = self.holders(reporter)
        if not holders:
            return None
        conditions = _condition_clauses([verb])
        against = any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children)  # "would vote against it"
        kind = "rejection" if _negated(verb) or against else ("offer" if conditions else "commitment")
        subject = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
        aux = [c for c in verb.children if c.dep_ == "aux"]
        start, end = span_of(verb, (subject, *conditions))
        start = min([start] + [a.idx for a in aux if a.idx > subject.idx])
        return Draft(kind, None, aux[:1] or [verb], holders, (start, end), sentence, quote=quote,
                     conditions=[clause_span(c) for c in conditions])

    def _object(self, token: Token, cue: Cue) -> Token | None:
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ not in REFLEXIVE), None)
        if obj is not None:
            return obj
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ((cue.needs,) if cue.needs else _PREPOSITIONS):
                pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and not (child.lower_ == "on" and not self.reader.np_actors(pobj)):
                    return pobj  # "called on Monday for ...": a date, not an addressee
        return None

    def ready(self, token: Token, sentence: Span) -> Draft | None:
        """ "ready to study the plan", "willing to agree to a buffer zone", "open to talks"."""
        comp = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if comp is None:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "for")), None)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None or pobj.lemma_.lower() not in markers("negotiable") | position_nouns():
                return None  # "ready for talks", not "prepared for the storm"
            comp = pobj
        kind, answer, head, cue_tokens, obj = "offer", None, comp, [token], None
        inner = match_cue(comp) if comp.pos_ in ("VERB", "AUX") else None
        if comp.pos_ in ("VERB", "AUX") and comp.lemma_.lower() in _SIGNING:
            # "ready to agree to a buffer zone": what it would agree to is the offer
            nested = next((c for c in comp.children if c.dep_ in ("xcomp", "ccomp", "dobj")), None)
            if nested is None:
                nested = next((g for c in comp.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
            head = nested or comp
            cue_tokens = [token, comp]
        elif inner is not None and inner.on_position and inner.on_position[1] == "consider":
            obj = next((c for c in comp.children if c.dep_ == "dobj"), None)
            if obj is None:
                return None
            kind, answer, head, cue_tokens = "response", "consider", obj, [token, comp]
        elif inner is not None and inner.kind:
            kind, answer, cue_tokens = inner.kind, inner.answer, [token, comp]
        if clause_subject(token) is None:
            return None  # "ready for talks" of nobody named: no holder to give it
        holders, quote = self.holders(token)
        if not holders:
            return None
        conditions = _condition_clauses([token, comp, head])
        position_object = obj if obj is not None and obj.lemma_.lower() in position_nouns() else None
        return Draft(kind, answer, cue_tokens, holders, span_of(head, tuple(conditions)), sentence, quote=quote,
                     object_noun=position_object, conditions=[clause_span(c) for c in conditions])

    def noun(self, token: Token, cue: Cue, sentence: Span) -> Draft | Reference | None:
        kind, answer = cue.kind, cue.answer
        if counter_noun(token):
            kind, answer = "response", "counter"
        if kind is None:
            return None
        holders = self._noun_holders(token)
        inside = enclosing_quote(self.quotes, token.idx)
        quote = inside.id if inside is not None else None
        stated = False  # "made an offer": the sentence states it, it does not mention it again
        if not holders and token.dep_ in ("dobj", "pobj") and token.head.lemma_.lower() in markers("light"):
            holders, quote = self.holders(token.head)  # "made an offer", "will send counter-proposals"
            stated = True
        if not holders:
            return Reference(token, sentence) if kind != "condition" else None
        content_head = None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "to", "of") and not self.reader.np_actors(child):
                content_head = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                if content_head is not None and not self.reader.actor_at(content_head):
                    break
                content_head = None
            elif child.dep_ in ("acl", "relcl", "ccomp") and any(
                    g.lower_ in ("to", "that") and g.dep_ in ("aux", "mark") for g in child.children):
                content_head = child  # "an offer to mediate", "Arland's demand that the convoys be searched"
                break
        bare = content_head is None and not stated
        content = span_of(content_head) if content_head is not None else (token.idx, token.idx + len(token.text))
        conditions = _condition_clauses([token] + ([content_head] if content_head is not None else []))
        return Draft(kind, answer, [token], holders, content, sentence, quote=quote, from_noun=True, bare=bare,
                     conditions=[clause_span(c) for c in conditions])

    def _noun_holders(self, token: Token) -> list[str]:
        """ "Arland's offer", "the Borovian proposal", "the president's calls", "a demand by the rebels"."""
        for child in token.children:
            if (child.dep_ in ("poss", "compound", "amod", "nmod") or possessor_misparsed(child)) and child.i < token.i:
                found = self.reader.actor_at(child) or (self.reader.demonym_actor(child) if child.dep_ == "amod"
                                                        else self.reader.np_actor(child))
                if found:
                    return [found]
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None and (found := self.reader.np_actors(obj)):
                    return found
        return []

    # --- constructions without a cue word ---------------------------------------------------

    def must(self, token: Token, sentence: Span) -> Draft | None:
        """What someone says another must or should do: "Borovia should pull its ships back", the minister
        said; "Any accord must go to parliament first", Arland said. A demand of the one who says it, put
        to the clause's subject when that is an actor."""
        verb = token.head
        if any(c.lower_ == "have" and c.dep_ == "aux" for c in verb.children) or verb.lemma_.lower() in markers("silent"):
            return None  # "must have known": a guess; "should remember": advice, not a demand
        quote = enclosing_quote(self.quotes, token.idx)
        holders: list[str] = []
        if verb.dep_ in ("ccomp", "conj", "parataxis") and verb.head.lemma_.lower() in markers("reporting"):
            reporter = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            holders = self.reader.np_actors(reporter) if reporter is not None else []
        if not holders and quote is not None and quote.speaker:
            holders = [quote.speaker]
        if not holders:
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        addressees = self.reader.np_actors(subject) if subject is not None else []
        if subject is not None and (subject.lower_ in _FIRST_PERSON or set(addressees) & set(holders)):
            return None  # "we must defend ourselves": the speaker's own resolve, not a demand
        if token.lower_ == "should" and not addressees:
            return None  # "the world should be prepared", said in passing: advice to no one in particular
        start, end = span_of(verb, tuple(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")))
        if subject is not None and not addressees:
            start = min(start, subject.left_edge.idx)  # "any accord must go to parliament": all of it
        return Draft("demand", None, [token], holders, (start, end), sentence, addressees,
                     quote=quote.id if quote is not None else None)

    def no_more(self, token: Token, sentence: Span) -> Draft | None:
        """ "the bloc said there would be no quick entry for Ostrana": a refusal."""
        if token.lemma_ != "be" or not any(c.dep_ == "expl" for c in token.children):
            return None
        attr = next((c for c in token.children if c.dep_ == "attr"
                     and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children)), None)
        if attr is None or not ({attr.lemma_.lower()} | {c.lemma_.lower() for c in attr.children if c.dep_ == "compound"}) \
                & markers("negotiable"):
            return None  # "there is no doubt", "there were no tickets": no refusal of anything negotiated
        holders = self._reporting_subject(token)
        if not holders:
            return None
        there = next(c for c in token.children if c.dep_ == "expl")
        no = next(g for g in attr.children if g.lower_ == "no")
        return Draft("rejection", None, sorted((there, token, no), key=lambda t: t.i), holders,
                     span_of(attr), sentence)

    def are_to(self, token: Token, sentence: Span) -> Draft | None:
        """ "both armies are to move their guns back", "the militia is to hand in its rifles": what a deal
        obliges a side to do."""
        duty = next((c for c in token.children if c.dep_ == "xcomp"
                     and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)), None)
        if duty is None or token.dep_ not in ("ROOT", "ccomp", "conj") or token.tag_ not in ("VBP", "VBZ", "VBD") \
                or any(c.lower_ == "yet" for c in token.children):
            return None  # "is yet to reply": not done so far, no duty
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or any(c.lemma_.lower() in markers("trust") for c in duty.children):
            return None  # "the pull-out was meant to build trust": a purpose, read as a concession
        holders, quote = self.holders(token)
        if not holders or not (self.reader.np_actors(subject) or subject.lemma_.lower() in _SIDE_NOUNS):
            return None  # what a deal obliges an actor named as its subject to do
        start, end = span_of(duty)
        return Draft("commitment", None, [token], holders, (start, end), sentence, quote=quote,
                     conditions=[clause_span(c) for c in _condition_clauses([duty])])

    def concession(self, token: Token, sentence: Span) -> Draft | None:
        """A step taken "to build trust", "in order to restore confidence" or "as a goodwill gesture"."""
        if token.lemma_.lower() in markers("gesture"):
            if not any(c.lower_ in markers("trust") or (c.dep_ == "prep" and any(g.lower_ in markers("trust") for g in c.children))
                       for c in token.children):
                return None
            purpose = token.head if token.head.dep_ == "prep" and token.head.lower_ == "as" else None
            act = purpose.head if purpose is not None else None
        else:
            purpose = token.head  # "build" of "to build trust"
            if token.dep_ != "dobj" or purpose.pos_ not in ("VERB", "AUX") or not any(
                    c.lower_ == "to" and c.dep_ == "aux" for c in purpose.children):
                return None
            act = purpose.head if purpose.dep_ in ("advcl", "xcomp", "acl") else None
            if act is not None and act.lower_ == "order" and act.dep_ == "pobj":
                act = act.head.head  # "in order to build trust": the clause "in order" modifies
        if act is None or act is purpose:
            return None
        if act.lemma_.lower() in markers("reporting") or act.lemma_ == "claim":
            act = next((c for c in act.children if c.dep_ == "ccomp"), None)
            if act is None:
                return None
        if act.lemma_ == "be" or act.pos_ == "AUX":
            subject = next((c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                return None
            content = span_of(subject)
            holders = self._reporting_subject(act) or self._speaker(act)
        else:
            content = span_of(act, (purpose,))
            holders, _ = self.holders(act)
            holders = holders or self._speaker(act)
        if not holders:
            return None
        return Draft("concession", None, [token], holders, content, sentence,
                     quote=(q.id if (q := enclosing_quote(self.quotes, token.idx)) else None))

    def unacceptable(self, token: Token, sentence: Span) -> Draft | None:
        """ "calling the agreement null and void", "said the demands were unacceptable": a refusal of what is
        so called."""
        head = token.head
        while head.dep_ in ("conj", "amod") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in ("call", "declare", "deem", "brand", "label", "consider"):
            thing = next((c for c in head.children if c.dep_ in ("dobj", "nsubj") and c.i < token.i), None)
            holders, quote = self.holders(head)
        elif head.lemma_ == "be":
            thing = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            holders, quote = self._reporting_subject(head), None
            if not holders:
                holders = self._speaker(head)
        else:
            return None
        if thing is not None and thing.lower_ == "it" and head.dep_ == "advcl":
            # "spoke about the water treaty, calling it null and void": the treaty
            named = [g for c in head.head.children if c.dep_ in ("dobj", "prep")
                     for g in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])]
            thing = named[0] if named else thing
        if thing is None or not holders or thing.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        return Draft("rejection", None, [token], holders, span_of(thing), sentence, quote=quote)

    def _speaker(self, token: Token) -> list[str]:
        quote = enclosing_quote(self.quotes, token.idx)
        return [quote.speaker] if quote is not None and quote.speaker else []

    def in_return(self, sentence: Span) -> Token | None:
        """The main verb of a sentence that opens "In return, ..." / "In exchange, ..." (no "for" phrase)."""
        if self.scan.sentence(sentence.start) not in self.exchanges:
            return None
        for token in sentence:
            if token.lower_ in markers("exchange") and token.dep_ == "pobj" and token.head.lower_ == "in" \
                    and not any(c.dep_ == "prep" for c in token.children):
                verb = token.head.head
                if verb.pos_ in ("VERB", "AUX"):
                    return verb
        return None

    def exchange_offer(self, verb: Token, sentence: Span) -> Draft | None:
        """ "In return, Cestia would drop its claim to the islands": what the holder gives against what it asked."""
        holders, quote = self.holders(verb)
        if not holders:
            return None
        opener = next(t for t in sentence if t.lower_ in markers("exchange")).head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        start, end = span_of(verb, tuple(x for x in (opener, subject) if x is not None))
        done = verb.tag_ == "VBD" and not any(c.dep_ == "aux" for c in verb.children)
        # "In exchange, Arland pardoned three sailors": a step already taken
        return Draft("concession" if done else "offer", None, [opener], holders, (start, end), sentence,
                     quote=quote, exchange=True)

    # --- a sentence -------------------------------------------------------------------------

    def sentence(self, sentence: Span) -> Iterator[Draft | Reference]:
        exchange_verb = self.in_return(sentence)
        drafts: list[Draft] = []
        for i in self.candidates.get(self.scan.sentence(sentence.start), ()):
            token = self.doc[i]
            found: Draft | Reference | None = None
            if token.lower_ in _READY and token.pos_ in ("ADJ", "VERB"):
                found = self.ready(token, sentence)
                if found is None:
                    continue
            elif token.lower_ in ("must", "should") and token.dep_ == "aux":
                found = self.must(token, sentence)
            elif token.lemma_ == "be":
                found = self.no_more(token, sentence) or self.are_to(token, sentence)
            elif token.lemma_.lower() in markers("trust") | markers("gesture"):
                found = self.concession(token, sentence)
            elif token.dep_ == "ccomp" and token.pos_ in ("VERB", "AUX"):
                found = self.future(token, sentence)
            elif token.lemma_.lower() in markers("unacceptable") and token.pos_ == "ADJ":
                found = self.unacceptable(token, sentence)
                if found is None:
                    continue
            if found is None:
                cue = match_cue(token)  # "counter-proposals" too, read as the noun "proposal"
                if cue is not None and token.dep_ == "xcomp" and token.head.lower_ in _READY:
                    continue  # read with "ready"
                if cue is not None and cue.pos == "VERB" and token.pos_ in ("VERB", "AUX"):
                    found = self.verb(token, cue, sentence)
                elif cue is not None and cue.pos == "NOUN":
                    found = self.noun(token, cue, sentence)
            if isinstance(found, Draft):
                drafts.append(found)
                self.last = (self.sentence_number(token), found.holders)
            if found is not None:
                yield found
        if exchange_verb is not None:
            if not any(d.cue and exchange_verb in d.cue or d.content[0] <= exchange_verb.idx < d.content[1]
                       for d in drafts):
                offer = self.exchange_offer(exchange_verb, sentence)
                if offer is not None:
                    yield offer
            for draft in drafts:
                draft.exchange = True


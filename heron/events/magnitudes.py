"""Magnitudes, as ACLED records them: how many people a sentence says were killed, injured, arrested, displaced
or went missing, with the qualifier of the count ("at least 12", "an estimated 20,000") and whether it is a
running total ("so far", "since the war began", "the toll rose to 31") rather than the count of one event.

A magnitude is read off the parse of one sentence: a count (digits, number words, "two dozen", "1.5 million",
"hundreds" as a lower bound), the noun it counts ("civilians") and the kind word that says what happened to them,
joined to the count by the parse ("12 were killed", "killing 12", "12 dead", "left 3 injured", "the deaths of 12
miners", "claimed 12 lives", "the death toll rose to 12") or, where the parse fails, standing just after it
("scores more were injured"). :func:`attach` then gives each magnitude to the event of its sentence it belongs
to. The words are data: heron/data/lexicons/magnitude_kinds.tsv (kind words), magnitude_cues.tsv (qualifiers,
running-total cues) and magnitude_nouns.tsv (victim nouns, nouns that count no people).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from heron.datafiles import DataFileError, read_tsv
from heron.lang.en.numbers import COUNT_WORDS, ONE_ARTICLES, SCALES, VAGUE_SCALES
from heron.records import Magnitude, Mention
from heron.nlp.views import span_tokens, views

KINDS = ("killed", "injured", "arrested", "displaced", "missing")
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "fewer_than", "about", "estimated")
VOICES = ("object", "subject", "either", "lives", "")
# Which events a magnitude of each kind belongs to, best first: the dead and wounded to the attack, the
# arrested to the arrest (COERCE), the displaced to what drove them out.
EVENT_TYPES = {
    "killed": ("ASSAULT", "COERCE", "PROTEST"),
    "injured": ("ASSAULT", "COERCE", "PROTEST"),
    "missing": ("ASSAULT", "COERCE"),
    "arrested": ("COERCE", "ASSAULT"),
    "displaced": ("ASSAULT", "COERCE", "MOBILIZE"),
}
# Named entities whose numbers count no people: clock times, sums, shares, distances (dates: see _count_word).
NOT_COUNTS = frozenset({"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
# Nouns that hold a count for the clause: "a total of 39 are confirmed dead", "the number of dead rose to 12".
HOLDERS = frozenset({"total", "number", "tally", "count"})
# Words a count may modify instead of a noun: "injured twelve more", "25 others".
OTHERS = frozenset({"more", "others", "other"})
# Words that may stand between a count and a kind word the parse failed to join to it ("scores more were injured").
BETWEEN = frozenset({"more", "others", "other", "people", "were", "was", "are", "is", "have", "has", "had", "been",
                     "be", "reportedly", "also", "all", "later", "since", "subsequently", "confirmed"})
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:1[89]|20|21)\d\d$")


class MagnitudeLexiconError(DataFileError):
    pass


@dataclass(frozen=True)
class KindWord:
    lemma: str
    pos: str  # VERB | ADJ | NOUN
    kind: str
    voice: str  # verbs: object | subject | either | lives


@dataclass(frozen=True)
class Lexicon:
    kinds: dict[tuple[str, str], KindWord]
    before: tuple[tuple[tuple[str, ...], str], ...]  # qualifier phrases written before the count, longest first
    after: tuple[tuple[tuple[str, ...], str], ...]  # ... and after it ("or more")
    cumulative: tuple[tuple[str, ...], ...]  # running-total cues read anywhere in the sentence ...
    cumulative_clause: tuple[tuple[str, ...], ...]  # ... and only in the clause of the kind word
    toll_verbs: dict[str, str]  # verb lemma said of a toll -> the qualifier it gives a count ("" for none)
    rising: frozenset[str]  # those that make the toll a running total
    toll: frozenset[str]
    rate: tuple[tuple[str, ...], ...]
    victims: frozenset[str]
    not_victims: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    kinds: dict[tuple[str, str], KindWord] = {}
    for row in read_tsv("lexicons", "magnitude_kinds.tsv", required=("lemma", "pos", "kind", "voice")):
        word = KindWord(row["lemma"].strip().lower(), row["pos"].strip(), row["kind"].strip(), row["voice"].strip())
        if word.kind not in KINDS or word.pos not in ("VERB", "ADJ", "NOUN") or word.voice not in VOICES:
            raise MagnitudeLexiconError(f"magnitude_kinds.tsv: bad kind, pos or voice in {row!r}")
        kinds[(word.lemma, word.pos)] = word
    before: list[tuple[tuple[str, ...], str]] = []
    after: list[tuple[tuple[str, ...], str]] = []
    cumulative: dict[str, list[tuple[str, ...]]] = {"sentence": [], "clause": []}
    toll_verbs: dict[str, str] = {}
    toll, rate, rising = set(), [], set()
    for row in read_tsv("lexicons", "magnitude_cues.tsv", required=("cue", "role", "value", "where")):
        words, role, value = tuple(row["cue"].lower().split()), row["role"].strip(), row["value"].strip()
        where = row["where"].strip()
        if value and value not in QUALIFIERS:
            raise MagnitudeLexiconError(f"magnitude_cues.tsv: unknown qualifier {value!r} in {row!r}")
        if role == "qualifier":
            (after if where == "after" else before).append((words, value))
        elif role == "cumulative" and where in cumulative:
            cumulative[where].append(words)
        elif role in ("rise", "exceed"):
            toll_verbs[words[-1]] = value
            if role == "rise":
                rising.add(words[-1])
        elif role == "toll":
            toll.add(words[-1])
        elif role == "rate":
            rate.append(words)
        else:
            raise MagnitudeLexiconError(f"magnitude_cues.tsv: unknown role {role!r} in {row!r}")
    nouns: dict[str, set[str]] = {"victim": set(), "not_victim": set()}
    for row in read_tsv("lexicons", "magnitude_nouns.tsv", required=("lemma", "role")):
        if row["role"].strip() not in nouns:
            raise MagnitudeLexiconError(f"magnitude_nouns.tsv: unknown role in {row!r}")
        nouns[row["role"].strip()].add(row["lemma"].strip().lower())
    return Lexicon(kinds, _longest_first(before), _longest_first(after), tuple(cumulative["sentence"]),
                   tuple(cumulative["clause"]), toll_verbs, frozenset(rising), frozenset(toll), tuple(rate),
                   frozenset(nouns["victim"]), frozenset(nouns["not_victim"]))


def _longest_first(cues: list[tuple[tuple[str, ...], str]]) -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple(sorted(cues, key=lambda c: -len(c[0])))


def kind_word(token: Token) -> KindWord | None:
    """The kind word a token is, read as a verb, adjective or noun as the tagger has it; a participle
    ("wounded", "dead") may stand as an adjective."""
    kinds = lexicon().kinds
    pos = "ADJ" if token.pos_ == "ADJ" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else "VERB"
    found = kinds.get((token.lemma_.lower(), pos))
    if found is None and token.tag_ in ("VBN", "VBG", "JJ", "NN"):
        found = kinds.get((token.lower_, "ADJ"))  # "were missing", "among the dead"
    return found


# --- counts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A number written in a sentence: tokens ``start``..``end`` (exclusive), its value and whether it is
    only a lower bound ("hundreds")."""

    start: int
    end: int
    value: int
    vague: bool


def _count_word(token: Token) -> bool:
    low = token.lower_
    if not (low in COUNT_WORDS or low in VAGUE_SCALES or _DIGITS.match(low)):
        return False
    if token.ent_type_ in NOT_COUNTS:
        return False
    if token.ent_type_ == "DATE":
        # the tagger calls "from fourteen to 31" a date; a year, or a number in "the age of 99", is one
        if _YEAR.match(low):
            return False
        ent = next(e for e in views(token.doc).ents if e.start <= token.i < e.end)
        return not any(t.is_alpha and t.lower_ not in COUNT_WORDS and t.lower_ not in ("to", "and", "or")
                       for t in ent)
    return True


def count_value(words: Sequence[str]) -> tuple[int, bool] | None:
    """The value of a count's words ("1.5", "million") and whether it is a lower bound; None if no number."""
    total, current, vague, seen = 0.0, None, False, False
    for word in words:
        if _DIGITS.match(word):
            current, seen = (current or 0) + float(word.replace(",", "")), True
        elif word in ONE_ARTICLES:
            current = 1
        elif word in SCALES:
            current, seen = (current or 1) * SCALES[word], True
            if SCALES[word] >= 1000:
                total, current = total + current, None
        elif word in VAGUE_SCALES:
            # "hundreds" is at least two hundred; "tens of thousands" at least twenty thousand
            current, seen, vague = (current or 2) * VAGUE_SCALES[word], True, True
        elif word in COUNT_WORDS:
            current, seen = (current or 0) + COUNT_WORDS[word], True
    if not seen:
        return None
    return round(total + (current or 0)), vague


def counts(sent: Span) -> list[Count]:
    """The counts of a sentence, leaving out the numbers of dates, times, sums, shares and distances."""
    found: list[Count] = []
    tokens = span_tokens(sent)
    n = 0
    while n < len(tokens):
        tok = tokens[n]
        if not _count_word(tok):
            n += 1
            continue
        end = n + 1
        while end < len(tokens):
            nxt = tokens[end]
            if _count_word(nxt):
                end += 1
            elif nxt.text in ("-", "of") and end + 1 < len(tokens) and _count_word(tokens[end + 1]) and (
                    nxt.text == "-" or tokens[end - 1].lower_ in VAGUE_SCALES):
                end += 2  # "sixty-six", "tens of thousands"
            else:
                break
        start = n - 1 if n and tokens[n - 1].lower_ in ONE_ARTICLES and tok.lower_ in SCALES else n
        if not (start and tokens[start - 1].lower_ == "no"):  # "no one was hurt" counts nobody
            value = count_value([t.lower_ for t in tokens[start:end] if t.text not in ("-", "of")])
            if value is not None:
                found.append(Count(tokens[start].i, tokens[end - 1].i + 1, *value))
        n = end
    return found


# --- reading a count ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A magnitude with the tokens it was read from, for :func:`attach`."""

    magnitude: Magnitude
    anchor: int  # token index of the kind word
    count: int  # token index of the count's last word
    governors: tuple[int, ...]  # token indices of the words governing the kind word, then the count, nearest first


def _nominal(doc: Doc, count: Count) -> Token:
    """The noun a count counts ("12 civilians"), the holder of "a total of 12", else the count itself."""
    last = doc[count.end - 1]
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and last.head.i >= count.end and (
            last.head.pos_ in ("NOUN", "PROPN") or last.head.lower_ in OTHERS):
        noun = last.head
        # "53 measles related deaths": the count belongs to the kind noun a little further on
        for further in (noun.head, noun.head.head):
            word = kind_word(further)
            if word is not None and word.pos == "NOUN" and noun.i < further.i <= noun.i + 3 and \
                    kind_word(noun) is None:
                return further
        return noun
    if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lemma_.lower() in HOLDERS:
        return last.head.head
    if last.dep_ == "npadvmod" and last.head.dep_ == "amod" and last.head.head.i >= count.end:
        return last.head.head  # "140 thousand related deaths"
    return last


def _of_people(doc: Doc, count: Count, nominal: Token) -> Token | None:
    """What "of" names after a bare count: "hundreds of civilians", "two of the victims"."""
    if nominal.i != count.end - 1:
        return None
    for prep in nominal.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((o for o in prep.children if o.dep_ == "pobj" and o.i >= count.end), None)
    return None


def _passive(verb: Token) -> bool:
    """ "were killed", and a participle with no object and no "have" ("people killed", "hundreds of them killed")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ == "dobj" or (c.dep_ == "aux" and c.lemma_ == "have")
                                          for c in verb.children)


def _kind_child(token: Token, deps: tuple[str, ...]) -> tuple[Token, KindWord] | None:
    for child in token.children:
        if child.dep_ in deps:
            word = kind_word(child)
            if word is not None and (word.pos != "NOUN"):
                return child, word
    return None


def _by_parse(doc: Doc, count: Count, nominal: Token) -> tuple[Token, KindWord, bool] | None:
    """The kind word the parse joins a count to, and whether it is a toll that rose (a running total)."""
    lex = lexicon()
    own = kind_word(nominal)
    if own is not None and own.pos == "NOUN" and nominal.i != count.end - 1:
        return nominal, own, False  # "56 deaths", "12 arrests"
    # "12 dead", "200 people injured", "migrants who died", "people killed"
    said = _kind_child(nominal, ("amod", "acl", "relcl", "oprd", "appos"))
    if said is not None:
        return said[0], said[1], False
    for prep in (p for t in (nominal, *nominal.children) for p in t.children):  # "13 students with minor injuries"
        if prep.dep_ == "prep" and prep.lower_ == "with":
            hurt = next((o for o in prep.children if o.dep_ == "pobj"), None)
            word = kind_word(hurt) if hurt is not None else None
            if word is not None and word.pos == "NOUN" and word.kind == "injured":
                return hurt, word, False
    node = nominal
    while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        node = node.head  # "five children ... and two truck drivers": the second takes the first's place
    head, dep = node.head, node.dep_
    if dep in ("nsubj", "nsubjpass"):
        word = kind_word(head)
        if word is not None and word.pos != "NOUN":
            if word.pos == "ADJ" or word.voice in ("subject", "either") or (word.voice == "object" and _passive(head)):
                return head, word, False
            if word.voice == "lives" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in head.children):
                return head, word, False  # "81 had lost their lives"
        said = _kind_child(head, ("acomp", "oprd", "xcomp", "attr", "ccomp"))
        if said is not None:
            return said[0], said[1], False  # "are confirmed dead", "was found dead"
        for prep in head.subtree:  # "was, the police said, among those hurt"
            if prep.dep_ == "prep" and prep.lower_ == "among":
                said = _kind_child(prep, ("pobj",))
                if said is not None:
                    return said[0], said[1], False
    elif dep in ("dobj", "npadvmod") or (dep == "conj" and node is nominal and nominal.i == count.end - 1) or (
            dep == "advmod" and node.lower_ in OTHERS):
        # "injured sixteen" and "injured nine more" are parsed in several ways; "killed 30 in Kabul and 12 in
        # Herat" joins 12 to the verb
        word = kind_word(head)
        if word is not None and word.pos == "VERB":
            if word.voice in ("object", "either"):
                return _nearer_verb(doc, count, head, word)
            if word.voice == "lives" and nominal.lemma_.lower() == "life":
                return head, word, False  # "claimed 6606 lives"
        said = _kind_child(head, ("oprd", "ccomp", "xcomp", "acomp"))
        if said is not None and said[1].pos == "ADJ":
            return said[0], said[1], False  # "left 7 dead"
    elif dep == "pobj":
        prep = head
        word = kind_word(prep.head)
        if prep.lower_ == "of" and word is not None and word.pos == "NOUN":
            return prep.head, word, False  # "the deaths of 29 miners"
        if prep.lower_ in ("to", "at", "of") and (toll := _toll(prep.head, lex)) is not None:
            return toll[0], toll[1], prep.head.lemma_.lower() in lex.rising
    if dep in ("attr", "dobj") and node is nominal and (toll := _toll(head, lex)) is not None:
        # "the death toll was 12", "the number of deaths surpassed 100,000"
        return toll[0], toll[1], head.lemma_.lower() in lex.rising
    return None


def _tally(token: Token, lex: Lexicon) -> tuple[Token, KindWord] | None:
    """The tally a token is ("the death toll", "the number of deaths": a toll noun, or a holder noun with a kind
    word after "of") with its kind."""
    if token.lemma_.lower() in lex.toll:
        return token, lex.kinds[("death", "NOUN")]
    if token.lemma_.lower() in HOLDERS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                counted = next((o for o in prep.children if o.dep_ == "pobj"), None)
                word = kind_word(counted) if counted is not None else None
                if word is not None and word.pos in ("NOUN", "ADJ"):
                    return counted, word
    return None


def _toll(token: Token, lex: Lexicon) -> tuple[Token, KindWord] | None:
    """The tally a token is or governs as subject or object ("the death toll rose", "raising the toll",
    "the number of deaths is 66")."""
    return _tally(token, lex) or next((t for c in token.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")
                                       if (t := _tally(c, lex)) is not None), None)


def _nearer_verb(doc: Doc, count: Count, verb: Token, word: KindWord) -> tuple[Token, KindWord, bool]:
    """ "killed twelve and injured twelve more": a kind verb standing between the object's verb and the count
    is the count's, whatever the parse says."""
    for i in range(count.start - 1, verb.i, -1):
        nearer = kind_word(doc[i])
        if nearer is not None and nearer.pos == "VERB" and nearer.voice in ("object", "either"):
            return doc[i], nearer, False
    return verb, word, False


def _by_position(doc: Doc, sent: Span, count: Count, nominal: Token, people: Token | None
                 ) -> tuple[Token, KindWord, bool] | None:
    """Where the parse fails: a kind adjective or passive verb standing just after the counted words
    ("scores more were injured", "hundreds of Taliban killed")."""
    lex = lexicon()
    if nominal.i != count.end - 1 and nominal.lemma_.lower() not in lex.victims:
        return None
    last = max(nominal.i, people.i if people is not None else 0)
    for i in range(last + 1, min(last + 5, sent.end)):
        tok = doc[i]
        word = kind_word(tok)
        if word is not None and word.pos != "NOUN" and (
                word.pos == "ADJ" or word.voice in ("subject", "either") or tok.tag_ == "VBN"):
            return tok, word, False
        if tok.lower_ not in BETWEEN:
            return None
    return None


def _phrase_before(doc: Doc, sent: Span, index: int, cues) -> tuple[int, str] | None:
    """The cue phrase ending just before token ``index``, as (its first token, value)."""
    for words, value in cues:
        start = index - len(words)
        if start >= sent.start and tuple(t.lower_ for t in doc[start:index]) == words:
            return start, value
    return None


def _phrase_after(doc: Doc, sent: Span, index: int, cues) -> tuple[int, str] | None:
    for words, value in cues:
        end = index + len(words)
        if end <= sent.end and tuple(t.lower_ for t in doc[index:end]) == words:
            return end, value
    return None


def _without_other_clauses(tokens: Iterable[Token], keep: Sequence[Token]) -> list[str]:
    """The words of ``tokens`` without the clauses joined by "and" that hold none of ``keep``, nor the
    subordinate clauses that hold another count ("..., adding to a toll of 20,000 so far": that toll's cue)."""
    tokens = list(tokens)
    kept = {t.i for t in keep}
    skip: set[int] = set()
    for t in tokens:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        other_clause = t.dep_ == "conj"
        if t.dep_ in ("advcl", "acl", "relcl"):
            other_clause = any(x.like_num for x in t.subtree)
        if other_clause:
            sub = {x.i for x in t.subtree}
            if not sub & kept:
                skip |= sub
    return [t.lower_ for t in tokens if t.i not in skip]


def _clause_head(anchor: Token) -> Token:
    head = anchor
    while head.pos_ not in ("VERB", "AUX") and head.dep_ not in ("ROOT", "conj") and head.head is not head:
        head = head.head
    return head


def _has(words: Sequence[str], cues: Iterable[tuple[str, ...]]) -> bool:
    return any(tuple(words[i:i + len(cue)]) == cue for cue in cues for i in range(len(words) - len(cue) + 1))


def _cumulative(doc: Doc, sent: Span, count: Count, anchor: Token) -> bool:
    lex = lexicon()
    keep = (anchor, doc[count.end - 1])
    if _has(_without_other_clauses(sent, keep), lex.cumulative):
        return True
    return _has(_without_other_clauses(_clause_head(anchor).subtree, keep), lex.cumulative_clause)


def _who(doc: Doc, count: Count, nominal: Token, people: Token | None) -> Span | None:
    if people is not None:
        return doc[min(t.i for t in people.subtree):max(t.i for t in people.subtree) + 1]
    if nominal.i < count.end or nominal.lemma_.lower() in HOLDERS | {"life", "more"} or kind_word(nominal) is not None:
        return None
    return doc[count.end:nominal.i + 1]


def read_count(doc: Doc, sent: Span, count: Count) -> Reading | None:
    """The magnitude one count of a sentence states, if it counts people something happened to."""
    lex = lexicon()
    nominal = _nominal(doc, count)
    people = _of_people(doc, count, nominal)
    if any(t is not None and t.lemma_.lower() in lex.not_victims for t in (nominal, people)):
        return None
    if nominal.dep_ == "pobj" and nominal.head.lower_ == "from" and _toll(nominal.head.head, lex) is not None:
        return None  # "the toll rose from 14 to 31": the earlier figure
    found = _by_parse(doc, count, nominal) or _by_position(doc, sent, count, nominal, people)
    if found is None:
        return None
    anchor, word, rose = found
    last = max(nominal.i, people.i if people is not None else nominal.i)
    if _phrase_after(doc, sent, last + 1, [(rate, "") for rate in lex.rate]) is not None:
        return None  # "1,000 deaths per day", "100,000 deaths annually": a rate
    before = _phrase_before(doc, sent, count.start, lex.before)
    after = _phrase_after(doc, sent, nominal.i + 1, lex.after) if nominal.i >= count.end - 1 else None
    # "the toll exceeded 100" is more than 100
    implied = lex.toll_verbs.get(nominal.head.lemma_.lower(), "") if nominal.dep_ in ("dobj", "attr") else ""
    qualifier = (before[1] if before else after[1] if after else implied or ("at_least" if count.vague else "exact"))
    who = _who(doc, count, nominal, people)
    first = min(before[0] if before else count.start, anchor.i, nominal.i)
    last = max(count.end, anchor.i + 1, nominal.i + 1, after[0] if after else 0,
               who.end if who is not None else 0)
    span = doc[first:last]
    magnitude = Magnitude(
        kind=word.kind, count=count.value, qualifier=qualifier,
        cumulative=rose or _cumulative(doc, sent, count, anchor),
        who=who.text if who is not None and who.text else None,
        evidence=Mention(span.text, span.start_char, span.end_char))
    governors = [t.i for t in (*anchor.ancestors, *doc[count.end - 1].ancestors)]
    return Reading(magnitude, anchor.i, count.end - 1, tuple(dict.fromkeys(governors)))


def _listed(doc: Doc, sent: Span, count: Count, known: dict[int, Reading]) -> Reading | None:
    """A bare count listed after a magnitude takes its kind: "21 injured individuals in A, 36 in B and 7 in C"."""
    last = doc[count.end - 1]
    if _nominal(doc, count) is not last or last.dep_ not in ("appos", "conj") or last.head.i not in known:
        return None
    first = known[last.head.i]
    before = _phrase_before(doc, sent, count.start, lexicon().before)
    qualifier = before[1] if before else "at_least" if count.vague else "exact"
    span = doc[before[0] if before else count.start:count.end]
    magnitude = Magnitude(first.magnitude.kind, count.value, qualifier, first.magnitude.cumulative, None,
                          Mention(span.text, span.start_char, span.end_char))
    return Reading(magnitude, first.anchor, last.i, first.governors)


def read_magnitudes(sent: Span) -> list[Reading]:
    """Every magnitude a sentence states, in order; nothing (and next to no time) for a sentence with no number."""
    doc = sent.doc
    out = []
    known: dict[int, Reading] = {}  # token index of a count and of what it counts -> its reading
    for count in counts(sent):
        reading = read_count(doc, sent, count) or _listed(doc, sent, count, known)
        if reading is not None:
            out.append(reading)
            known[reading.count] = known[_nominal(doc, count).i] = reading
    return out


# --- attaching to events -----------------------------------------------------------------------------

E = TypeVar("E")


def attach(readings: Iterable[Reading], events: Sequence[tuple[E, str, Sequence[int]]]) -> list[tuple[Reading, E]]:
    """Each magnitude with the event it belongs to: ``events`` are (event, PLOVER type, token indices of its
    triggers in the sentence). The event whose trigger governs the count or its kind word comes first (the
    nearest governor), then the nearest event of a type the kind belongs to, then the nearest event at all:
    a count is kept on the best event there is rather than on one made up for it."""
    out: list[tuple[Reading, E]] = []
    for reading in readings:
        preferred = EVENT_TYPES[reading.magnitude.kind]
        ranked = [(_rank(reading, trig, event_type, preferred), _distance(reading, trig), n)
                  for n, (_, event_type, triggers) in enumerate(events) for trig in triggers]
        if ranked:
            out.append((reading, events[min(ranked)[2]][0]))
    return out


def _rank(reading: Reading, trigger: int, event_type: str, preferred: tuple[str, ...]) -> tuple[int, int]:
    """0: the trigger is the kind word or the count ("killing 12"); 1: it governs them, nearest first;
    2: an event of a type the kind belongs to, in the order of preference; 3: any other event."""
    if trigger in (reading.anchor, reading.count):
        return 0, 0
    if trigger in reading.governors:
        return 1, reading.governors.index(trigger)
    if event_type in preferred:
        return 2, preferred.index(event_type)
    return 3, 0


def _distance(reading: Reading, trigger: int) -> int:
    return min(abs(trigger - reading.anchor), abs(trigger - reading.count))


def told_before(kind: str, events: Sequence[tuple[E, str, Sequence[int]]]) -> E | None:
    """The event a count in a sentence telling none belongs to: the first of ``events`` (those of the sentence
    before) of the type the kind belongs to first ("A gunman attacked a mosque. At least 42 people were
    killed."); None when there is none: a weaker fit is too often another story."""
    return next((event for event, event_type, _ in events if event_type == EVENT_TYPES[kind][0]), None)

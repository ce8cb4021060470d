"""``heron_times``: date expressions in the article, normalised against the article date.

Writes ``doc._.times`` (TimeRef T1.. in text order) and ``doc._.time_of`` (token.i -> time id).
Recognition and normalisation rules live in :mod:`heron.resolve.timex`; this module adds
what needs the parse: the tense of the clause (which way "on Tuesday" points), the earlier
expression of the sentence that "a year earlier" counts from, and bare numbers that are
counts rather than years ("2000 people").

:func:`event_time` dates an event trigger for ``heron_events``. A TimeRef it derives
("two days later" counted from the previous event's date) gets the next free id and is
appended to ``doc._.times``; the article-date fallback has id "" and is not appended,
because it is not a mention in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.nlp import extensions  # noqa: F401  (registers doc._ attributes)
from heron.records import Mention, TimeRef
from heron.resolve.timex import Expression, calendar, find, is_relative, normalise

# Nouns a bare year may modify and still be a year ("the 1990 budget" is still 1990).
_TIME_NOUNS = {"year", "season", "quarter", "period", "budget", "election", "elections", "war", "level", "levels",
               "census", "crisis", "olympics", "games", "cup", "campaign", "model", "plan", "law", "act",
               "agreement", "accord", "treaty", "summit", "revolution", "invasion", "report", "deadline"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}


@dataclass
class TimeMention:
    """One recognised expression with its TIMEX3 value (``*_REF`` kept) and the tokens it covers."""

    expression: Expression
    span: Span
    timex: str | None
    granularity: str
    tense: str | None


def clause_tense(token: Token) -> str | None:
    """past | present | future of the verb governing ``token``; None when no verb governs it."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or any(
        a.lower_ == "going" and any(c.lower_ == "to" for c in verb.children) for a in auxes
    ):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ == "VBN" and not auxes):
        return "past"
    return "present"


def _is_count(span: Span) -> bool:
    """A bare four-digit number that counts things ("2000 people") rather than naming a year."""
    if not re.fullmatch(r"\d{4}", span.text) or len(span) != 1:
        return False
    tok = span[0]
    if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.lemma_.lower() not in _TIME_NOUNS
    return tok.dep_ in ("dobj", "nsubj") or (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in ("%", "percent"))


def find_times(doc: Doc) -> list[TimeMention]:
    """Every time expression of ``doc`` with its TIMEX3 value against ``doc._.article_date``."""
    anchor = doc._.article_date
    out: list[TimeMention] = []
    for expr in find(doc.text):
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0 or (expr.kind == "DATE" and _is_count(span)):
            continue
        tense = clause_tense(span.root)
        reference = next(
            (m.timex for m in reversed(out) if m.span.sent == span.sent and m.granularity not in ("unknown",)), None
        )
        value, granularity = normalise(expr.text, anchor, tense=tense, reference=reference)
        out.append(TimeMention(expr, span, value, granularity, tense))
    return out


def resolve_times(doc: Doc) -> tuple[list[TimeRef], dict[int, str]]:
    """The records ``heron_times`` writes: TimeRefs in text order and the token map."""
    times: list[TimeRef] = []
    time_of: dict[int, str] = {}
    for mention in find_times(doc):
        value, granularity = calendar(mention.timex, mention.granularity, doc._.article_date)
        ref = TimeRef(
            id=f"T{len(times) + 1}",
            value=value,
            granularity=granularity,
            mention=Mention(mention.expression.text, mention.expression.start, mention.expression.end),
        )
        times.append(ref)
        for tok in mention.span:
            time_of[tok.i] = ref.id
    return times, time_of


class TimesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.times, doc._.time_of = resolve_times(doc)
        return doc


@Language.factory("heron_times")
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


# --- dating events ----------------------------------------------------------------------


def _spans(doc: Doc) -> list[tuple[TimeRef, Span]]:
    out = []
    for ref in doc._.times or []:
        if ref.mention is None:
            continue
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((ref, span))
    return out


def _governing_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
    return token


def _attached(trigger: Token, span: Span) -> bool:
    """The expression sits in the trigger's clause: inside its subtree, or an adverbial of its verb."""
    if trigger.left_edge.i <= span.root.i <= trigger.right_edge.i and _governing_verb(span.root) in (
        trigger, _governing_verb(trigger)
    ):
        return True
    return _governing_verb(span.root) is _governing_verb(trigger)


def event_time(doc: Doc, trigger: Token, previous: TimeRef | None = None) -> TimeRef:
    """When the event triggered by ``trigger`` happened.

    In order: an expression attached to the trigger's clause; the only dated expression in
    its sentence; a relative one ("days later") counted from ``previous``; else the article
    date with ``fallback=True`` (granularity day), or unknown without an article date.
    """
    sent = trigger.sent
    in_sent = [(ref, span) for ref, span in _spans(doc) if span.sent == sent]
    attached = sorted((abs(span.root.i - trigger.i), ref.id, ref, span) for ref, span in in_sent
                      if _attached(trigger, span))
    chosen = attached[0][2:] if attached else None
    if chosen is None:
        values = {ref.value for ref, _ in in_sent if ref.value is not None}
        dated = [(ref, span) for ref, span in in_sent if ref.value is not None]
        if len(values) == 1:
            chosen = dated[0]
    if chosen is not None:
        ref, span = chosen
        counted_in_sentence = any(o.value is not None and o.mention.start < ref.mention.start for o, _ in in_sent)
        if is_relative(ref.mention.text) and previous is not None and previous.value and not counted_in_sentence:
            return _derive(doc, ref, previous)
        return ref
    anchor = doc._.article_date
    if anchor is None:
        return TimeRef(id="", value=None, granularity="unknown", fallback=True)
    return TimeRef(id="", value=anchor.isoformat(), granularity="day", fallback=True)


def _derive(doc: Doc, ref: TimeRef, previous: TimeRef) -> TimeRef:
    """``ref`` ("two days later") counted from the previous event's date, as a new TimeRef."""
    value, granularity = normalise(ref.mention.text, doc._.article_date, reference=previous.value)
    value, granularity = calendar(value, granularity, doc._.article_date)
    times = doc._.times if doc._.times is not None else []
    for known in times:
        if known.mention == ref.mention and known.value == value:
            return known
    derived = TimeRef(id=f"T{len(times) + 1}", value=value, granularity=granularity, mention=ref.mention)
    times.append(derived)
    doc._.times = times
    return derived

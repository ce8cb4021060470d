"""``heron_times``: date expressions in the article, normalised against the article date.

Writes ``doc._.times`` (TimeRef T1.. in text order) and ``doc._.time_of`` (token.i -> time id).
Recognition and normalisation rules live in :mod:`heron.resolve.timex`; this module adds
what needs the parse: the tense of the clause (which way "on Tuesday" points), the earlier
expression of the sentence that "a year earlier" counts from, and bare numbers that are
counts rather than years ("2000 people"). The nouns a year may modify and the auxiliaries
of a future clause are data: data/lexicons/time_cues.tsv, with the events' future cues of
event_mode_cues.tsv.

Values follow TIMEX3 (see :mod:`heron.resolve.timex`): besides day | week | month | year |
unknown, a TimeRef's granularity may be quarter (2022-Q1), half (2022-H1), season (2022-SU),
decade (199) or century (19). "now" takes the article day; "recently", "in the future" and
event-anchored times ("at the start of the war") have value None, granularity unknown.
Numeric dates such as 03/04/2022 resolve only when unambiguous (articles carry no locale).

:func:`event_time` dates an event trigger for ``heron_events``. A TimeRef it derives
("two days later" counted from the previous event's date) gets the next free id and goes
to the events component's ``doc._.event_times``; the article-date fallback has id "" and is
kept nowhere, because it is not a mention in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.events.lexicon import cue_words
from heron.lang.en.dates import APPROXIMATORS
from heron.nlp.extensions import doc_text  # (importing it registers the doc._ attributes)
from heron.nlp.views import views
from heron.records import Mention, TimeRef
from heron.resolve.timex import (
    Expression,
    calendar,
    find,
    is_bare_year,
    is_relative,
    normalise,
    time_cues,
)

_UNDATED = ("unknown", "decade", "century")
_YEAR_BACK = re.compile(r"\byear\b.*\b(?:earlier|ago)$|\byear-(?:earlier|ago)\b")
_NEAR_TOKENS = 80  # how far back (sentence start to sentence start) "a year earlier" may look


@dataclass
class TimeMention:
    """One recognised expression with its TIMEX3 value (``*_REF`` kept) and the tokens it covers."""

    expression: Expression
    span: Span
    timex: str | None
    granularity: str
    tense: str | None


@cache
def _future_aux() -> frozenset[str]:
    """Auxiliaries of a future clause: the events' future modifiers (event_mode_cues.tsv) and the
    ones that only date a clause (time_cues.tsv, role future_aux: "wo" of "won't", "'d")."""
    return cue_words("future", "modifier") | frozenset(time_cues("future_aux"))


@cache
def _year_nouns() -> frozenset[str]:
    """Lemmas of the plural nouns a bare year may modify and still be a year ("the 1990 elections")."""
    return frozenset(time_cues("year_noun"))


def clause_tense(token: Token) -> str | None:
    """past | present | future of the verb governing ``token``; None when no verb governs it."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _future_aux() for a in auxes) or any(
        a.lower_ == "going" and any(c.lower_ == "to" for c in verb.children) for a in auxes
    ):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ == "VBN" and not auxes):
        return "past"
    return "present"


def _is_count(span: Span) -> bool:
    """A bare year-like number that counts things ("2000 people", "about 1800 troops") rather
    than naming a year ("its 1990 invasion", "1989 earnings", "in 2014")."""
    if not is_bare_year(span.text):
        return False
    tok = span[-1]
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in ("%", "percent"):
        return True
    if tok.dep_ != "nummod" or tok.head.tag_ not in ("NNS", "NNPS") or tok.head.lemma_.lower() in _year_nouns():
        return False
    approximate = tok.i > 0 and tok.nbor(-1).lower_ in APPROXIMATORS
    return approximate or not re.fullmatch(r"\d{4}", span.text) or span.text.endswith("00")


def _sentence(span: Span) -> Span:
    """The sentence of ``span``'s first token; the whole doc when nothing split it into sentences.

    Asked for every event and every time expression: the sentences are found once per doc
    (``Span.sent`` walks the sentence and ``has_annotation`` the whole doc on each call)."""
    doc = span.doc
    shared = views(doc)
    sents, of = shared.sents, shared.sent_of
    first, last = of[span.start], of[max(span.end - 1, span.start)]
    # a span across a boundary has the sentences it touches, as Span.sent gives them
    return sents[first] if first == last else doc[sents[first].start : sents[last].end]


def _reference(earlier: list[TimeMention], span: Span, text: str) -> str | None:
    """The value a relative expression counts from: the last dated expression of its sentence;
    failing that, the last one in a sentence starting up to _NEAR_TOKENS before, for "the
    following month" and "two days later"-style expressions, and for "a year earlier" when
    that one is a quarter or half (financial reports compare a quarter with the same quarter
    a year before). Otherwise none: the expression counts from the article date."""
    # a year-ago expression is itself counted from another: never count from it
    dated = [m for m in earlier if m.granularity not in _UNDATED and not _YEAR_BACK.search(m.expression.text.lower())]
    sent = _sentence(span)
    same = [m for m in dated if _sentence(m.span) == sent]
    if same:
        return same[-1].timex
    near = [m for m in dated if sent.start - _sentence(m.span).start <= _NEAR_TOKENS]
    if not near:
        return None
    last = near[-1]
    if is_relative(text) and not re.search(r"\b(?:month|year|decade)s?\s+(?:earlier|later)$", text.lower()):
        return last.timex  # "the next day", "two days later" continue the story told just before
    if _YEAR_BACK.search(text.lower()) and last.granularity in ("quarter", "half"):
        return last.timex
    return None


def time_mentions(doc: Doc) -> list[TimeMention]:
    """Every time expression of ``doc`` with its TIMEX3 value against ``doc._.article_date``."""
    anchor = doc._.article_date
    out: list[TimeMention] = []
    for expr in find(doc_text(doc)):
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0 or (expr.kind == "DATE" and _is_count(span)):
            continue
        tense = clause_tense(span.root)
        reference = _reference(out, span, expr.text)
        value, granularity = normalise(expr.text, anchor, tense=tense, reference=reference)
        out.append(TimeMention(expr, span, value, granularity, tense))
    return out


def find_times(doc: Doc) -> tuple[list[TimeRef], dict[int, str]]:
    """The records ``heron_times`` writes: TimeRefs in text order and the token map."""
    times: list[TimeRef] = []
    time_of: dict[int, str] = {}
    for mention in time_mentions(doc):
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
        doc._.times, doc._.time_of = find_times(doc)
        return doc


@Language.factory(
    "heron_times", requires=["token.dep"], assigns=["doc._.times", "doc._.time_of"],
)
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


# --- dating events ----------------------------------------------------------------------


def _spans(doc: Doc) -> list[tuple[TimeRef, Span]]:
    """The doc's time expressions with their tokens; a derived TimeRef (same words as an
    earlier one) is left out so that a later event counts from the words afresh."""
    out = []
    seen: set[tuple[int, int]] = set()
    for ref in doc._.times or []:
        if ref.mention is None or (ref.mention.start, ref.mention.end) in seen:
            continue
        seen.add((ref.mention.start, ref.mention.end))
        span = doc.char_span(ref.mention.start, ref.mention.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((ref, span))
    return out


def _governing_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _attached(trigger: Token, span: Span) -> bool:
    """The expression sits in the trigger's clause: inside its subtree, or an adverbial of its verb."""
    if trigger.left_edge.i <= span.root.i <= trigger.right_edge.i and _governing_verb(span.root) in (
        trigger, _governing_verb(trigger)
    ):
        return True
    return _governing_verb(span.root) == _governing_verb(trigger)


def event_time(doc: Doc, trigger: Token, previous: TimeRef | None = None,
               derived: list[TimeRef] | None = None) -> TimeRef:
    """When the event triggered by ``trigger`` happened.

    In order: an expression attached to the trigger's clause; the only dated expression in
    its sentence; a relative one ("days later") counted from ``previous``; else the article
    date with ``fallback=True`` (granularity day), or unknown without an article date.
    A time derived from ``previous`` is appended to ``derived`` (the caller's list, numbered
    after ``doc._.times``), unless the same one is already there.
    """
    sent = _sentence(doc[trigger.i:trigger.i + 1])
    in_sent = [(ref, span) for ref, span in _spans(doc) if _sentence(span) == sent]
    attached = [ref for _, ref in sorted(
        ((abs(span.root.i - trigger.i), ref.mention.start), ref) for ref, span in in_sent if _attached(trigger, span)
    )]
    dated = [ref for ref, _ in in_sent if ref.value is not None]
    chosen = attached[0] if attached else (dated[0] if len({r.value for r in dated}) == 1 else None)
    if chosen is not None:
        counted_in_sentence = any(r.mention.start < chosen.mention.start for r in dated)
        if is_relative(chosen.mention.text) and previous is not None and previous.value and not counted_in_sentence:
            return _derive(doc, chosen, previous, derived if derived is not None else [])
        return chosen
    anchor = doc._.article_date
    if anchor is None:
        return TimeRef(id="", value=None, granularity="unknown", fallback=True)
    return TimeRef(id="", value=anchor.isoformat(), granularity="day", fallback=True)


def _derive(doc: Doc, ref: TimeRef, previous: TimeRef, derived: list[TimeRef]) -> TimeRef:
    """``ref`` ("two days later") counted from the previous event's date, as a new TimeRef."""
    value, granularity = normalise(ref.mention.text, doc._.article_date, reference=previous.value)
    value, granularity = calendar(value, granularity, doc._.article_date)
    times = [*(doc._.times or []), *derived]
    for known in times:
        if known.mention == ref.mention and known.value == value:
            return known
    new = TimeRef(id=f"T{len(times) + 1}", value=value, granularity=granularity, mention=ref.mention)
    derived.append(new)
    return new

"""What an attribution reports: the content span a cue gives, grown to whole quoted passages.

The cue rules (heron.quotes.attribute) find a clause or phrase; here it becomes a character span kept
inside the cue's paragraph, the quoted passages it touches are taken in whole, and its kind (direct,
indirect, mixed) is read off what lies outside the quote marks. Also the content of a cue that trails
or interrupts its clause ("..., she said") or hangs an as-clause on it ("As the paper noted, ...").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from heron.lang.en.syntax import SHORT_ANSWERS, TITLE_SMALL_WORDS
from heron.nlp.extensions import doc_text
from heron.nlp.views import span_tokens
from heron.quotes.cues import Cue
from heron.quotes.found import Found
from heron.quotes.marks import QuoteSpan, paragraph_of

MIN_CONTENT_WORDS = 3
_WORD = re.compile(r"\w[\w'’-]*")


def says_something(text: str) -> bool:
    """A content of three words or more, or an answer ("No", "he said so").

    One or two words are what a cue was about ("accused Moscow", "voiced support", "declined to comment",
    "praised the response"), or a parse gone astray ("to re"), not what anyone said: a quote's content is a
    proposition, a clause or a quoted passage."""
    words = _WORD.findall(text)
    return len(words) >= MIN_CONTENT_WORDS or bool(words) and all(w.lower() in SHORT_ANSWERS for w in words)


def with_marks(doc, start, end, spans, cue_tok, cue: Cue, speaker: Span, around: bool = False) -> Found | None:
    """Grow the content to whole quoted passages it touches; direct when it is only the quote.

    Content stays inside the cue's paragraph: the parser may run a sentence over a
    paragraph break, a quote never does here.
    """
    cue_at = cue_tok.start_char if isinstance(cue_tok, Span) else cue_tok.idx
    para = paragraph_of(doc_text(doc), cue_at)
    start, end = max(start, para[0]), min(end, para[1])
    if not any(ch.isalnum() for ch in doc_text(doc)[start:end]):
        return None
    touched = [s for s in spans if s.start < end and s.end > start and para[0] <= s.start < para[1]]
    if touched:
        start, end = min(start, touched[0].start), max(end, touched[-1].end)
    cue_span = cue_tok if isinstance(cue_tok, Span) else doc[cue_tok.i : cue_tok.i + 1]
    if cue_span.start_char < end and cue_span.end_char > start and not around:
        # A cue inside its own content means the parse went astray: keep the part after the cue.
        start = cue_span.end_char
    kind = "indirect"
    if touched:
        outside = doc_text(doc)[start:end]
        for s in reversed(touched):
            outside = outside[: max(0, s.start - start)] + outside[max(0, s.end - start) :]
        kind = "direct" if sum(ch.isalnum() for ch in outside) <= 4 else "mixed"
        if kind == "direct" and is_title(doc_text(doc)[start:end]):
            return None
    return Found(start, end, kind, cue_span, cue.attitude, speaker, 0.8)


def adjacent_quotes(doc: Doc, verb: Token, speaker: Span, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quoted passages the cue introduces or closes: in its sentence, or right before/after it in the paragraph."""
    sent = verb.sent
    para = paragraph_of(doc_text(doc), verb.idx)
    in_sent = [s for s in spans if s.start < sent.end_char and s.end > sent.start_char and para[0] <= s.start < para[1]]
    in_sent = [s for s in in_sent if not (s.start <= speaker.start_char < s.end) and not is_title(doc_text(doc)[s.start : s.end])]
    if in_sent:
        return sorted(in_sent, key=lambda s: s.start)
    # "He said:" closing a sentence of its own, the quote follows; after a colon, even in the next paragraph.
    sent_end = min(sent.end_char, para[1])
    rest = doc_text(doc)[verb.idx + len(verb.text) : sent_end].strip()
    if rest.endswith(":") or not rest.strip(".,"):
        limit = len(doc_text(doc)) if rest.endswith(":") else para[1]
        following = [s for s in spans if sent_end <= s.start < limit]
        if following and not doc_text(doc)[sent_end : following[0].start].strip():
            return following[:1]
    # '"...." He said.' split into two sentences: only the cue and its speaker are left, or they open it
    # ('"...!" he said to the crowd, ...').
    words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
    opens = all(speaker.start <= t.i < speaker.end for t in words if t.i < verb.i)
    if len(words) <= len(speaker) + 4 or opens and verb.i > sent.start and speaker.end <= verb.i:
        preceding = [s for s in spans if para[0] <= s.start and s.end <= sent.start_char]
        if preceding and not doc_text(doc)[preceding[-1].end : sent.start_char].strip():
            return preceding[-1:]
    return []


def clause_before(doc: Doc, verb: Token, first: int, cue: Cue, speaker: Span, spans: list[QuoteSpan]) -> Found | None:
    content = trim(doc[verb.sent.start : first])
    # "On Sunday, after the vote, she said ...": a fronted adverbial is no clause and reports nothing.
    if content is None or content.root.pos_ not in ("VERB", "AUX") and not any(_is_mark(t) for t in content):
        return None
    # "X said he voted for A and wrote in B": the clause before "wrote" is not what it reports; its head must lie there.
    if not content.start <= verb.head.i < content.end:
        return None
    start, end = char_span(content)
    return with_marks(doc, start, end, spans, verb, cue, speaker)


def as_clause(doc: Doc, verb: Token, cue: Cue, speaker: Span, spans: list[QuoteSpan]) -> Found | None:
    """ "As the paper noted, the mayor ...", "... , as she put it": the clause the as-clause hangs on, without it."""
    head = verb.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.i < head.i:
        content = trim(doc[verb.right_edge.i + 1 : head.right_edge.i + 1])
    else:
        content = trim(doc[head.left_edge.i : verb.left_edge.i])
    if content is None or not content.start <= head.i < content.end:
        return None
    return with_marks(doc, *char_span(content), spans, verb, cue, speaker)


def trim(span: Span) -> Span | None:
    """Drop punctuation, conjunctions and spaces at both ends; None when no word is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc") and not _is_mark(doc[start]):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not _is_mark(doc[end - 1]):
        end -= 1
    return doc[start:end] if end > start else None


def _is_mark(tok: Token) -> bool:
    return any(ch in "“”\"‘’'«»" for ch in tok.text)


def char_span(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def is_title(quoted: str) -> bool:
    """“Meet the Press”, “@handle”, “May 2, 2016”: a short run of capitalised words, numbers or handles names something.

    One that exclaims or asks (“USA! USA!”, “What a night!”, “Any questions?”) is someone's words."""
    if quoted.strip("“”\"‘’'` ").endswith(("!", "?")):
        return False
    words = quoted.strip("“”\"‘’'`.,!?: ").split()
    return 0 < len(words) <= 5 and all(not w[0].islower() or w in TITLE_SMALL_WORDS for w in words)

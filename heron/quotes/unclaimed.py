"""Quoted passages nobody claimed: whose words they are.

A passage signed with a dash and a name ('“...” ― Ana Ruiz') is that person's. Otherwise it takes the
speaker of the nearest attributed quote in its paragraph, or continues the quote
of the previous paragraph when the paragraph opens with a quote mark (not one- or two-word scare
quotes), or else goes to a person named beside it or the last person named before it.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from heron.nlp.extensions import doc_text
from heron.nlp.views import views
from heron.quotes.content import is_title
from heron.quotes.found import Found
from heron.quotes.marks import QuoteSpan, inside, paragraph_index, paragraphs
from heron.quotes.speakers import resolve, speaker_span

MIN_UNATTRIBUTED_TOKENS = 6
MIN_CARRIED_WORDS = 3
SIGN_DASHES = "―—–"


def unclaimed(doc: Doc, spans: list[QuoteSpan], found: list[Found]) -> list[Found]:
    """Attributions for the quoted passages that no attribution in ``found`` covers (titles left out)."""
    claimed = [s for s in spans if any(f.start <= s.start and s.end <= f.end for f in found)]
    paras = paragraphs(doc_text(doc))
    extra: list[Found] = []
    for s in spans:
        if s in claimed or is_title(doc_text(doc)[s.start : s.end]):
            continue
        p = paragraph_index(paras, s.start)
        para = paras[p]
        known = sorted(found + extra, key=lambda f: f.start)
        signer = _signed_by(doc, s, para)
        if signer is not None:
            signed = Found(s.start, s.end, "direct", None, "assert", signer, 0.8)
            resolve(doc, signed, known)
            extra.append(signed)
            continue
        same_para = [f for f in known if para[0] <= f.start < para[1] and f.speaker is not None]
        # A passage carries on the quote before it; only a paragraph's opening passage looks ahead.
        before = [f for f in same_para if f.start < s.start]
        source = before[-1] if before else min(same_para, key=lambda f: abs(f.start - s.start), default=None)
        opens = doc_text(doc)[para[0] : s.start].strip() == ""
        long_enough = len(doc_text(doc)[s.start : s.end].split()) >= MIN_UNATTRIBUTED_TOKENS
        if source is None and p > 0 and opens:
            # A paragraph opening with a quote carries on the quote of the previous paragraph.
            prev_para = paras[p - 1]
            previous = [f for f in known if prev_para[0] <= f.start < prev_para[1] and f.speaker is not None]
            source = previous[-1] if previous else None
        # A one- or two-word passage ("a “term of endearment”") is a scare quote far more often than speech.
        if source is not None and len(doc_text(doc)[s.start : s.end].split()) >= MIN_CARRIED_WORDS:
            speaker = _latest_mention(doc, source.speaker, s.start, spans)
            extra.append(replace(source, start=s.start, end=s.end, kind="direct", confidence=0.6, speaker=speaker))
        elif long_enough:
            # Nobody attributed anything near: a person named after the passage in its own sentence
            # ("“...,” Trump tweeted") is the likeliest speaker, else the last person named before it.
            guess = Found(s.start, s.end, "direct", None, "assert", _person_near(doc, s, spans), 0.3)
            resolve(doc, guess, known)
            extra.append(guess)
    return extra


def _signed_by(doc: Doc, passage: QuoteSpan, para: tuple[int, int]) -> Span | None:
    """ '“...” ― Ana Ruiz': a name right after the passage and a dash signs it."""
    tail = doc_text(doc)[passage.end : para[1]]
    dash = len(tail) - len(tail.lstrip(" \u00a0,"))
    if tail[dash : dash + 1] not in SIGN_DASHES:
        return None
    at = passage.end + dash + 1
    at += len(doc_text(doc)[at : para[1]]) - len(doc_text(doc)[at : para[1]].lstrip(" \u00a0"))
    # The parser may take the dash into the name.
    name = next((e for e in views(doc).ents if e.start_char <= at < e.end_char and e.label_ in ("PERSON", "ORG")), None)
    return None if name is None else speaker_span(doc, name.root)


def _person_near(doc: Doc, passage: QuoteSpan, spans: list[QuoteSpan]) -> Span | None:
    """The speaker guessed for a passage nobody is credited with. A name inside another quoted passage is
    what someone said, not who said it. A name in any role counts, not just a subject: the next speaker
    is often introduced as an object or in an apposition."""
    sent_end = doc.char_span(passage.start, passage.end, alignment_mode="expand")[-1].sent.end
    persons = [e for e in views(doc).ents if e.label_ == "PERSON" and not inside(e.start_char, spans)]
    after = [e for e in persons if e.start_char >= passage.end and e.end <= sent_end]
    before = [e for e in persons if e.end_char <= passage.start]
    return after[0] if after else before[-1] if before else None


def _latest_mention(doc: Doc, speaker: Span, before: int, spans: list[QuoteSpan]) -> Span:
    """The speaker's name as last written before a passage that carries on their quote ("Sexton said ...
    Sexton added ..."), so the mention is the one nearest the words; the speaker itself when not renamed."""
    head = speaker.root
    if head.pos_ != "PROPN":
        return speaker
    limit = next((t.i for t in doc[speaker.end :] if t.idx >= before), len(doc))
    for tok in reversed(doc[speaker.end : limit]):
        if tok.text == head.text and tok.pos_ == "PROPN" and not inside(tok.idx, spans):
            return speaker_span(doc, tok)
    return speaker

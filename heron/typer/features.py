"""Sparse features of a candidate event, read from the spaCy parse the pipeline already made: lemmas of
the source, the target, the words between them, the dependency path joining their heads and the
predicate governing them, and the trigger lexicon's readings of every word."""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from heron.events.lexicon import match_trigger
from heron.typer.inputs import TypingInput

if TYPE_CHECKING:
    from spacy.language import Language

_KEEP_CHILD = {"prt", "neg", "dobj", "xcomp", "prep", "aux", "auxpass", "acomp", "attr", "ccomp"}


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _content(tokens: Sequence[Any]) -> list[Any]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _chars_to_span(sent: Any, span: tuple[int, int] | None) -> Any | None:
    if span is None:
        return None
    base = sent.start_char
    found = sent.doc.char_span(base + span[0], base + span[1], alignment_mode="expand")
    return found if found is not None and len(found) else None


def _inside(tok: Any, span: Any | None) -> bool:
    return span is not None and span.start <= tok.i < span.end


def _governor(a: Any, b: Any) -> Any | None:
    """The lowest common ancestor of two tokens in the dependency tree (None across sentences)."""
    above_b = {t.i for t in (b, *b.ancestors)}
    return next((t for t in (a, *a.ancestors) if t.i in above_b), None)


def _path_up(tok: Any, stop: Any, own: Any) -> list[str]:
    """Lemmas on the way from ``tok`` up to ``stop`` (exclusive), leaving out the words of the actor itself."""
    out = []
    for t in (tok, *tok.ancestors):
        if t.i == stop.i:
            break
        if not _inside(t, own):
            out.append(_lemma(t))
    return out


def _predicate_features(prefix: str, head: Any) -> list[str]:
    feats = [f"{prefix}:{_lemma(head)}"]
    if (trig := match_trigger(head)) is not None:
        feats.append(f"{prefix}X:{trig.type}")
    for child in head.children:
        if child.dep_ in _KEEP_CHILD:
            feats.append(f"{prefix}C:{child.dep_}_{_lemma(child)}")
    return feats


def features(sent: Any, item: TypingInput) -> list[str]:
    """The sparse feature strings of one candidate event, read from the parsed sentence ``sent``."""
    src = _chars_to_span(sent, item.source)
    tgt = _chars_to_span(sent, item.target)
    feats: list[str] = []
    for tok in _content(sent):
        lemma = _lemma(tok)
        feats.append(f"W:{lemma}")
        # the hand-written CAMEO trigger lexicon generalises past the words PLV happens to use
        if (trig := match_trigger(tok)) is not None:
            feats += [f"X:{trig.type}", f"XC:{trig.cameo[:2]}"]
        if _inside(tok, src):
            feats.append(f"S:{lemma}")
        elif _inside(tok, tgt):
            feats.append(f"T:{lemma}")
    if src is None:
        feats.append("NO_SOURCE")
    if tgt is None:
        feats.append("NO_TARGET")

    if src is not None and tgt is not None and src.start != tgt.start:
        first, second = sorted((src, tgt), key=lambda s: s.start)
        feats.append("ORDER:" + ("st" if first is src else "ts"))
        between = _content(sent.doc[first.end:second.start])
        feats += [f"B:{_lemma(t)}" for t in between]
        feats += [f"BX:{trig.type}" for t in between if (trig := match_trigger(t)) is not None]
        feats += [f"B2:{_lemma(a)}_{_lemma(b)}" for a, b in itertools.pairwise(between)]
        feats += [f"DS:{src.root.dep_}", f"DT:{tgt.root.dep_}", f"DTH:{tgt.root.dep_}_{_lemma(tgt.root.head)}"]
        top = _governor(src.root, tgt.root)
        if top is not None:
            feats += _predicate_features("LCA", top)
            feats += [f"P:{x}" for x in _path_up(src.root, top, src) + _path_up(tgt.root, top, tgt)]
    else:
        anchor = src if src is not None else tgt
        if anchor is None and item.trigger is not None:
            anchor = _chars_to_span(sent, item.trigger)
            if anchor is not None:
                feats += _predicate_features("LCA", anchor.root)
    if src is not None or tgt is not None:
        anchor = src if src is not None else tgt
        feats += _predicate_features(f"H_{anchor.root.dep_}", anchor.root.head)
        after = _content(sent.doc[anchor.end:min(anchor.end + 6, sent.end)])[:4]
        feats += [f"R:{_lemma(t)}" for t in after]
    return feats


def sentence_of(doc: Doc | Span) -> Span:
    """A Doc as the span of its whole text; a Span unchanged (features read ``sent.doc`` and ``start_char``)."""
    return doc[:] if isinstance(doc, Doc) else doc


@lru_cache(maxsize=1)
def _parser() -> "Language":
    """The typer's own copy of the spaCy model, for inputs that come without a parse (training, PLV rows).
    It reads lemmas and dependencies only, so it skips entities; loaded on first use, once per process."""
    from heron.nlp.model import load_spacy

    return load_spacy(disable=("ner",))


def parse(items: Sequence[TypingInput]) -> list[Span]:
    """Each item's parsed sentence: the ``doc`` it came with, else a parse by the typer's own spaCy model."""
    missing = [it.sentence for it in items if it.doc is None]
    parsed: Iterator[Doc] = iter(_parser().pipe(missing, batch_size=64)) if missing else iter(())
    return [sentence_of(it.doc) if it.doc is not None else next(parsed)[:] for it in items]

"""Trains the argument model (:mod:`heron.events.argument_model`) from gold sources and targets.

Examples: one per (event word, party of its sentence), labelled source, target or neither.
- PLV_train rows not held aside: the sentence's gold source and target spans; the event word is that of the
  event heron finds in the sentence with the gold root (a row where heron finds none gives no example).
- heron's Wikinews gold (``gold/events``), dev articles only: each required event's trigger and its annotator's
  source and target spans. The test articles stay out, so that ``heron evaluate events --split test`` is
  measured on articles the model never saw.
A party is labelled by its actor: a pronoun the actor component resolved counts as the actor it stands for.
The examples are read with the parse rules alone (no argument model), so training does not depend on the
model it replaces. Logistic regression (lbfgs, deterministic) over sorted indicator features.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from heron.events.argument_model import ArgumentModel, candidates
from heron.train.linear import fit_model

C = 0.3  # inverse regularisation, chosen by article-level cross-validation on the Wikinews dev articles
THRESHOLD = 0.2  # least probability of the source or target role, chosen the same way


@dataclass(frozen=True)
class Example:
    features: dict[str, float]
    label: str  # one of LABELS
    group: str  # where it comes from ("plv:ROW" with the row's position, "wikinews:ARTICLE")


def _actors_in(doc: Doc, actor_of: dict[int, str], spans: Iterable[tuple[int, int] | None]) -> set[str]:
    found: set[str] = set()
    for span in spans:
        if span is None:
            continue
        chars = doc.char_span(span[0], span[1], alignment_mode="expand")
        if chars is not None:
            found |= {actor_of[t.i] for t in chars if t.i in actor_of}
    return found


def examples_for(doc: Doc, word: Token, event_type: str, sources: Iterable[tuple[int, int] | None],
                 targets: Iterable[tuple[int, int] | None], group: str) -> list[Example]:
    """The labelled (word, party) pairs of one gold event."""
    from heron.components.events import rule_arguments
    from heron.events.arguments import party_reader

    reader = party_reader(doc)
    rule = rule_arguments(reader, word)
    gold_sources = _actors_in(doc, reader.of, sources)
    gold_targets = _actors_in(doc, reader.of, targets)
    out = []
    for cand in candidates(word, event_type, reader.by_id, reader.of, rule.sources, rule.targets):
        label = "S" if cand.actor in gold_sources else "T" if cand.actor in gold_targets else "N"
        out.append(Example(cand.features, label, group))
    return out


def plv_examples(heron: Any, rows: Sequence[Any], numbers: Sequence[int]) -> list[Example]:
    """Examples from PLV rows (:class:`heron.train.plv_data.PlvRow`); ``numbers``: their positions in the file,
    which name their group (PLV's sentence ids repeat)."""
    from heron.records import Article
    from heron.typer.inputs import root_of

    out: list[Example] = []
    docs = heron.nlp.pipe(heron.make_doc(Article(text=r.item.sentence)) for r in rows)
    for row, number, doc in zip(rows, numbers, docs):
        found = [e for e in doc._.events if root_of(e.type) == row.root]
        if not found:
            continue
        word = doc.char_span(found[0].trigger.start, found[0].trigger.end, alignment_mode="expand").root
        # heron's PLOVER type, not the PLV root (PLV joins CONCEDE and RETREAT): the type the model is asked with
        out += examples_for(doc, word, found[0].type, [row.item.source], [row.item.target],
                            f"plv:{number}")
    return out


def gold_examples(heron: Any, articles: Sequence[Any], records: dict[tuple[str, str], list[dict[str, Any]]]
                  ) -> list[Example]:
    """Examples from gold articles (:class:`heron.evaluate.events.GoldArticle`); ``records``: (annotator,
    article id) -> that annotator's gold event records of the article."""
    from heron.records import Article

    out: list[Example] = []
    docs = heron.nlp.pipe(heron.make_doc(Article(text=a.text, date=a.date)) for a in articles)
    for article, doc in zip(articles, docs):
        for record in records.get((article.annotator, article.id), []):
            if record.get("optional"):
                continue
            trigger = doc.char_span(*record["trigger"], alignment_mode="expand")
            if trigger is None:
                continue
            out += examples_for(doc, trigger.root, record["type"],
                                [p.get("span") for p in record.get("sources") or []],
                                [p.get("span") for p in record.get("targets") or []], f"wikinews:{article.id}")
    return out


def fit(examples: Sequence[Example], c: float = C, threshold: float = THRESHOLD,
        info: dict[str, Any] | None = None) -> ArgumentModel:
    return fit_model(ArgumentModel, examples, c, threshold, info)


def training_examples(plv: str | Path | None = None, log: Callable[[str], None] = lambda _: None
                      ) -> tuple[list[Example], dict[str, Any]]:
    """All examples ``heron train`` learns from: the rows of the PLV file ``plv`` (default PLV_train) without
    PLV_train's aside rows, the Wikinews gold's dev articles and the training annotations of gold/events_train
    (their texts from ../shared/data/wikinews: a
    :class:`heron.evaluate.events.GoldError` names the folder when it is missing); read by heron's pipeline with
    the parse rules alone."""
    import heron
    from heron.evaluate.events import GOLD_DIR, TRAIN_GOLD_DIR, load_gold, read_jsonl
    from heron.train.plv_aside import split_aside
    from heron.train.plv_data import default_plv_path, read_plv

    pipeline = heron.load()
    rows = read_plv(plv or default_plv_path())
    kept, _ = split_aside(rows)
    articles, records = [], {}
    for folder, split in ((GOLD_DIR, "dev"), (TRAIN_GOLD_DIR, "train")):
        articles += [a for a in load_gold(folder) if a.split == split]
        for path in sorted(folder.glob("annotator_*.jsonl")):
            annotator = path.stem[len("annotator_"):]
            read_jsonl(path, lambda r, _where, a=annotator: records.setdefault((a, r["article"]), []).append(r),
                       "event")
    component = pipeline.nlp.get_pipe("heron_events")
    with component.using_arguments(None), component.using_filter(None):
        log(f"reading {len(kept)} PLV_train rows (the aside ones left out)")
        plv = plv_examples(pipeline, [rows[i] for i in kept], kept)
        log(f"reading {len(articles)} Wikinews gold articles (dev of gold/events, gold/events_train)")
        gold = gold_examples(pipeline, articles, records)
    info = {"data": {"plv_rows": len(kept), "plv_examples": len(plv), "wikinews_articles": len(articles),
                     "wikinews_examples": len(gold)}}
    return plv + gold, info

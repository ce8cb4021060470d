"""The trained event-type classifier: which PLOVER root and quad class a (source, target) pair in a sentence expresses.

The events component finds candidate events with rules and asks this model for their type.
Two kinds of input, both cheap at run time and neither needing torch:

- sparse features from the spaCy parse the pipeline already made (lemmas of the source, the target,
  the words between them, the dependency path joining their heads and the predicate governing them);
- optionally, MiniLM (all-MiniLM-L6-v2) token states from an int8 ONNX export run by onnxruntime,
  pooled over the sentence and over the words between source and target (:class:`SpanEncoder`).

The classifier is linear (one weight row per root over TF-IDF sparse features plus the dense block),
stored as a JSON vocabulary plus a NumPy ``.npz`` loaded with ``allow_pickle=False``: nothing is unpickled.
Probabilities are a softmax of the scores at a temperature fitted on out-of-fold scores; the quad class
is the quad holding most probability.

Roots follow PLV's 15 classes: the 16 PLOVER types with CONCEDE and RETREAT merged as YIELD.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import math
import re
import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse
from spacy.tokens import Doc, Span

from heron.pipeline.event_lexicon import match_trigger

if TYPE_CHECKING:
    from spacy.language import Language

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
ROOT_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "AID": 2, "COOPERATE": 2, "YIELD": 2,
    "ACCUSE": 3, "REJECT": 3, "REQUEST": 3, "THREATEN": 3,
    "ASSAULT": 4, "COERCE": 4, "MOBILIZE": 4, "PROTEST": 4, "SANCTION": 4,
}
ROOTS: tuple[str, ...] = tuple(sorted(ROOT_QUAD))
# PLV does not tell concessions from retreats: both are scored as YIELD.
MERGED_ROOTS = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

MODEL_NAME = "event_typer"
ENCODER_FILE = "event_typer_encoder.onnx"
TOKENIZER_FILE = "event_typer_tokenizer.json"
FORMAT_VERSION = 2
MAX_TOKENS = 128  # longer sentences are cut: the typed words sit early in almost every news sentence
_MARK = re.compile(r"</?[st]>")


def root_of(plover_type: str) -> str:
    """The PLV root of a PLOVER type (CONCEDE and RETREAT become YIELD)."""
    name = plover_type.strip().upper()
    return MERGED_ROOTS.get(name, name)


def _check_span(name: str, span: tuple[int, int] | None, length: int) -> None:
    if span is None:
        return
    start, end = span
    if not (0 <= start < end <= length):
        raise ValueError(f"{name} span {span} is not a non-empty span of a {length}-character sentence")


@dataclass(frozen=True)
class TypingInput:
    """One candidate event: a sentence and the character spans (end exclusive) of its source, target, trigger.

    ``doc`` is optional: the parsed sentence (a Doc, or a sentence Span of an article Doc) when the
    caller has one, which saves the typer a parse. Its text must be the sentence.
    """

    sentence: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    trigger: tuple[int, int] | None = None
    doc: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.sentence, str) or not self.sentence.strip():
            raise ValueError("a typing input needs a non-empty sentence")
        for name in ("source", "target", "trigger"):
            _check_span(name, getattr(self, name), len(self.sentence))
        if self.doc is not None and self.doc.text != self.sentence:
            raise ValueError("the parsed doc given with a typing input does not match its sentence")


def from_marked(marked_sentence: str) -> TypingInput:
    """Read PLV's marked form: ``<s>source</s> ... <t>target</t>``.

    Either mark may be missing; a mark repeated (the same actor named twice) keeps its first span.
    """
    plain: list[str] = []
    length = 0
    spans: dict[str, list[int]] = {}
    open_tags: set[str] = set()  # <s> and <t> may nest ("<s><t>Iraqi</t> fighters</s>")
    for part in re.split(r"(</?[st]>)", marked_sentence):
        if not _MARK.fullmatch(part):
            plain.append(part)
            length += len(part)
            continue
        tag = part.strip("</>")
        if part.startswith("</"):
            if tag not in open_tags:
                raise ValueError(f"{part} without an opening mark in marked sentence: {marked_sentence!r}")
            open_tags.discard(tag)
            if len(spans[tag]) == 1:
                spans[tag].append(length)
        else:
            if tag in open_tags:
                raise ValueError(f"{part} opened twice in marked sentence: {marked_sentence!r}")
            open_tags.add(tag)
            spans.setdefault(tag, [length])
    if open_tags:
        raise ValueError(f"<{min(open_tags)}> is never closed in marked sentence: {marked_sentence!r}")
    sentence = "".join(plain)

    def span(tag: str) -> tuple[int, int] | None:
        found = spans.get(tag)
        if not found or found[1] <= found[0]:
            return None
        start, end = found
        # Marks sometimes sit outside a space ("<s>The army </s>said"): trim it so the span is the words.
        while start < end and sentence[start].isspace():
            start += 1
        while end > start and sentence[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    return TypingInput(sentence=sentence, source=span("s"), target=span("t"))


@dataclass(frozen=True)
class Prediction:
    root: str
    quad: int
    probs: dict[str, float]


# ---------------------------------------------------------------- features

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


# ---------------------------------------------------------------- sentence encoder (optional)

def encoder_region(item: TypingInput) -> tuple[int, int] | None:
    """Where the predicate usually is: between source and target, else just after the (last) span, else the trigger."""
    spans = sorted(s for s in (item.source, item.target) if s is not None)
    if len(spans) == 2 and spans[1][0] > spans[0][1]:
        return spans[0][1], spans[1][0]
    if spans:
        start = spans[-1][1]
        end = min(len(item.sentence), start + 40)
        return (start, end) if end > start else None
    return item.trigger


class SpanEncoder:
    """MiniLM token states (int8 ONNX, run by onnxruntime) pooled into two unit vectors per candidate event:
    the whole sentence (mean of all tokens, as the sentence-transformers model pools) and the
    :func:`encoder_region`. Each sentence is encoded once per call, however many candidates it has.
    """

    batch_size = 16

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        options = onnxruntime.SessionOptions()
        # One thread: heron parallelises over processes, and the machines it runs on are shared.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(folder / ENCODER_FILE), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.width = int(self.session.get_outputs()[0].shape[-1])
        self.dim = 2 * self.width

    def _states(self, sentences: Sequence[str]) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        encodings = self.tokenizer.encode_batch(list(sentences))
        out: list[Any] = [None] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(encodings[i].ids))
        for k in range(0, len(order), self.batch_size):
            batch = order[k:k + self.batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            states = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                out[i] = (states[row, :n], list(encodings[i].offsets))
        return out

    def encode(self, items: Sequence[TypingInput]) -> np.ndarray:
        """(len(items), dim) float32: sentence vector then region vector, each L2-normalised (zeros if no region)."""
        sentences = list(dict.fromkeys(it.sentence for it in items))
        states = dict(zip(sentences, self._states(sentences))) if sentences else {}
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for row, item in enumerate(items):
            tokens, offsets = states[item.sentence]
            out[row, :self.width] = _unit(tokens.mean(axis=0))
            region = encoder_region(item)
            if region is not None:
                inside = [k for k, (a, b) in enumerate(offsets) if b > a and a < region[1] and region[0] < b]
                if inside:
                    out[row, self.width:] = _unit(tokens[inside].mean(axis=0))
        return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


# ---------------------------------------------------------------- vectors and model

def vectorise(feature_lists: Sequence[Sequence[str]], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised; features outside the vocabulary are dropped."""
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for feats in feature_lists:
        counts = Counter(vocab[f] for f in feats if f in vocab)
        row = sorted(counts.items())
        weights = [(1.0 + math.log(n)) * idf[j] for j, n in row]
        norm = math.sqrt(sum(w * w for w in weights)) or 1.0
        indices += [j for j, _ in row]
        values += [w / norm for w in weights]
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(feature_lists), len(vocab)),
    )


def _softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class EventTyper:
    """A linear root classifier; ``temperature`` turns its scores into probabilities.

    Its input is the sparse parse features, followed, when ``encoder`` is set, by the encoder's dense
    vectors scaled by ``dense_weight`` (``coef`` then has ``len(vocab) + encoder.dim`` columns).
    """

    labels: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    temperature: float = 1.0
    info: dict[str, Any] = field(default_factory=dict)  # how it was trained
    encoder: SpanEncoder | None = field(default=None, repr=False)
    dense_weight: float = 0.0

    # ---- prediction

    def matrix(self, feature_lists: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> sparse.csr_matrix:
        """The model's input rows: sparse features, then the dense encoder block when the model has one."""
        x = vectorise(feature_lists, self.vocab, self.idf)
        if dense is None:
            return x
        return sparse.hstack([x, sparse.csr_matrix(dense * self.dense_weight)], format="csr")

    def scores(self, feature_lists: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        needs_dense = self.coef.shape[1] > len(self.vocab)
        if needs_dense != (dense is not None):
            raise ValueError("this typer needs encoder vectors" if needs_dense else "this typer takes no encoder vectors")
        return np.asarray(self.matrix(feature_lists, dense) @ self.coef.T) + self.intercept

    def predict_features(self, feature_lists: Sequence[Sequence[str]],
                         dense: np.ndarray | None = None) -> list[Prediction]:
        """Predictions from features already computed (cross-validation computes them once for every fold)."""
        if not feature_lists:
            return []
        probs = _softmax(self.scores(feature_lists, dense) * self.temperature)
        quad_cols = {q: [i for i, lab in enumerate(self.labels) if ROOT_QUAD[lab] == q] for q in (1, 2, 3, 4)}
        out = []
        for row in probs:
            # The quad is the quad with most probability mass, which can differ from the top root's quad.
            quad = max(quad_cols, key=lambda q: row[quad_cols[q]].sum())
            out.append(Prediction(
                root=self.labels[int(row.argmax())],
                quad=quad,
                probs={lab: float(p) for lab, p in zip(self.labels, row)},
            ))
        return out

    def predict(self, items: Sequence[TypingInput]) -> list[Prediction]:
        """Root, quad and root probabilities for each candidate event, in order."""
        if not items:
            return []
        sents = parse(items)
        dense = self.encoder.encode(items) if self.encoder is not None else None
        return self.predict_features([features(s, it) for s, it in zip(sents, items)], dense)

    # ---- storage

    def save(self, folder: str | Path) -> list[Path]:
        """Writes ``event_typer.json`` (labels, vocabulary, settings) and ``event_typer.npz`` (weights).

        A typer with an encoder also needs the encoder files in ``folder``: they are copied there if missing.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        encoder = None
        if self.encoder is not None:
            encoder = {"onnx": ENCODER_FILE, "tokenizer": TOKENIZER_FILE, "dim": self.encoder.dim,
                       "weight": self.dense_weight}
            for name in (ENCODER_FILE, TOKENIZER_FILE):
                if not (folder / name).exists():
                    shutil.copyfile(self.encoder.folder / name, folder / name)
                    written.append(folder / name)
        meta = {
            "format": FORMAT_VERSION,
            "labels": self.labels,
            "temperature": self.temperature,
            "info": self.info,
            "encoder": encoder,
            "features": sorted(self.vocab, key=self.vocab.__getitem__),
        }
        json_path = folder / f"{MODEL_NAME}.json"
        npz_path = folder / f"{MODEL_NAME}.npz"
        json_path.write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        np.savez_compressed(
            npz_path,
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )
        return [json_path, npz_path, *written]

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventTyper:
        """The typer saved in folder ``path``; the shipped one (loaded once per process) when ``path`` is None."""
        if path is None:
            return _shipped()
        return _read(Path(path))


def _read(folder: Path) -> EventTyper:
    json_path = folder / f"{MODEL_NAME}.json"
    npz_path = folder / f"{MODEL_NAME}.npz"
    if not json_path.is_file() or not npz_path.is_file():
        raise FileNotFoundError(f"no event typer in {folder} (expected {json_path.name} and {npz_path.name}); "
                                "build one with `heron train`")
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT_VERSION:
        raise ValueError(f"{json_path} has format {meta.get('format')!r}; this heron reads {FORMAT_VERSION}")
    with np.load(npz_path, allow_pickle=False) as arrays:
        idf, coef, intercept = (arrays[k].astype(np.float64) for k in ("idf", "coef", "intercept"))
    encoder = SpanEncoder(folder) if meta.get("encoder") else None
    width = len(meta["features"]) + (encoder.dim if encoder is not None else 0)
    unknown = set(meta["labels"]) - set(ROOT_QUAD)
    if unknown or coef.shape != (len(meta["labels"]), width):
        raise ValueError(f"{folder}: weights do not match labels/features (unknown labels: {sorted(unknown)})")
    return EventTyper(
        labels=list(meta["labels"]),
        vocab={f: i for i, f in enumerate(meta["features"])},
        idf=idf,
        coef=coef,
        intercept=intercept,
        temperature=float(meta["temperature"]),
        info=meta.get("info", {}),
        encoder=encoder,
        dense_weight=float(meta["encoder"]["weight"]) if encoder is not None else 0.0,
    )


def shipped_folder() -> Path:
    return Path(str(resources.files("heron") / "data" / "models"))


def shipped_encoder() -> SpanEncoder | None:
    """The shipped sentence encoder, None when its files are not there (a typer on parse features alone)."""
    folder = shipped_folder()
    if (folder / ENCODER_FILE).is_file() and (folder / TOKENIZER_FILE).is_file():
        return SpanEncoder(folder)
    return None


_SHIPPED: EventTyper | None = None


def _shipped() -> EventTyper:
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = _read(shipped_folder())
    return _SHIPPED


_PARSER: Language | None = None


def parse(items: Sequence[TypingInput]) -> list[Span]:
    """Each item's parsed sentence: the ``doc`` it came with, else a parse by the typer's own spaCy model."""
    global _PARSER
    missing = [it.sentence for it in items if it.doc is None]
    parsed: Iterator[Doc] = iter(())
    if missing:
        if _PARSER is None:
            from heron.nlp.model import load_spacy

            # The typer reads lemmas and dependencies only: its own copy of the model skips entities.
            _PARSER = load_spacy(disable=("ner",))
        parsed = iter(_PARSER.pipe(missing, batch_size=64))
    return [sentence_of(it.doc) if it.doc is not None else next(parsed)[:] for it in items]


# ---------------------------------------------------------------- the typer the pipeline uses

_ACTIVE: EventTyper | None = None


def use_typer(typer: EventTyper | None) -> None:
    """Makes ``typer`` the one :func:`current_typer` returns (None: back to the shipped model).

    Evaluation uses this to run the whole pipeline with a typer trained on one cross-validation fold.
    """
    global _ACTIVE
    _ACTIVE = typer


def current_typer() -> EventTyper:
    """The typer the events component should call: the one set by :func:`use_typer`, else the shipped one."""
    return _ACTIVE if _ACTIVE is not None else _shipped()


@contextlib.contextmanager
def using_typer(typer: EventTyper) -> Iterator[EventTyper]:
    """``with using_typer(t): ...`` runs the pipeline with typer ``t`` and restores the previous one after."""
    previous = _ACTIVE
    use_typer(typer)
    try:
        yield typer
    finally:
        use_typer(previous)

"""The trained event-type classifier: which PLOVER root and quad class a (source, target) pair in a sentence expresses.

The events component finds candidate events with rules and asks this model for their type. The
classifier is linear (one weight row per root over TF-IDF sparse features, :mod:`heron.typer.features`,
plus the dense block of :mod:`heron.typer.encoder`), stored as a JSON vocabulary plus a NumPy ``.npz``
loaded with ``allow_pickle=False``: nothing is unpickled. Probabilities are a softmax of the scores at a
temperature fitted on out-of-fold scores; the quad class is the quad holding most probability.
"""
from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from heron.typer.encoder import ENCODER_FILE, FROZEN_POOLS, TOKENIZER_FILE, SpanEncoder, shipped_folder
from heron.typer.features import features, parse
from heron.typer.inputs import ROOT_QUAD, Prediction, TypingInput

MODEL_NAME = "event_typer"
FORMAT_VERSION = 2


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
                       "weight": self.dense_weight, "pools": list(self.encoder.pools)}
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
            return shipped_typer()
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
    # Typers saved before the pools were stored read the two pools every typer then read.
    encoder = SpanEncoder(folder, meta["encoder"].get("pools", FROZEN_POOLS)) if meta.get("encoder") else None
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


@lru_cache(maxsize=1)
def shipped_typer() -> EventTyper:
    """The typer shipped in heron/data/models, read once per process."""
    return _read(shipped_folder())

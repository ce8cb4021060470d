"""MiniLM (all-MiniLM-L6-v2) token states from an int8 ONNX export run by onnxruntime, pooled over the
sentence, the words between source and target, and the source and target themselves: the typer's
optional dense input. No torch."""
from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from heron.typer.inputs import TypingInput

ENCODER_FILE = "event_typer_encoder.onnx"
TOKENIZER_FILE = "event_typer_tokenizer.json"
MAX_TOKENS = 128  # longer sentences are cut: the typed words sit early in almost every news sentence
POOLS = ("sentence", "region", "source", "target")  # every pool an encoder can give, in this order
FROZEN_POOLS = ("sentence", "region")  # what the typer read from the encoder before it was fine-tuned


def shipped_folder() -> Path:
    """Where the shipped typer and encoder files are."""
    return Path(str(resources.files("heron") / "data" / "models"))


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


def pool_tokens(offsets: Sequence[tuple[int, int]], item: TypingInput,
                pools: Sequence[str] = POOLS) -> list[list[int]]:
    """For each pool, the tokens it averages: every token (special ones too, as sentence-transformers pools)
    for ``sentence``; the word pieces overlapping the :func:`encoder_region`, the source or the target for the
    others (empty when there is no such span). ``offsets`` are the tokenizer's character offsets, (0, 0) for
    special tokens. Fine-tuning pools the same tokens, so training and run time read the same vectors."""
    spans = {"region": encoder_region(item), "source": item.source, "target": item.target}
    out = []
    for pool in pools:
        if pool == "sentence":
            out.append(list(range(len(offsets))))
            continue
        span = spans[pool]
        out.append([] if span is None else
                   [k for k, (a, b) in enumerate(offsets) if b > a and a < span[1] and span[0] < b])
    return out


class SpanEncoder:
    """MiniLM token states (int8 ONNX, run by onnxruntime) pooled into one unit vector per pool and candidate
    event (:func:`pool_tokens`): by default the whole sentence (mean of all tokens, as the
    sentence-transformers model pools) and the :func:`encoder_region`. Each sentence is encoded once per
    call, however many candidates it has.
    """

    batch_size = 16

    def __init__(self, folder: Path, pools: Sequence[str] = FROZEN_POOLS) -> None:
        unknown = [p for p in pools if p not in POOLS]
        if unknown or not pools:
            raise ValueError(f"unknown encoder pools {unknown}; choose from {POOLS}")
        self.pools = tuple(pools)
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
        self.dim = len(self.pools) * self.width

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
        """(len(items), dim) float32: one L2-normalised vector per pool, in ``pools`` order (zeros for an empty pool)."""
        sentences = list(dict.fromkeys(it.sentence for it in items))
        states = dict(zip(sentences, self._states(sentences))) if sentences else {}
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for row, item in enumerate(items):
            tokens, offsets = states[item.sentence]
            for k, inside in enumerate(pool_tokens(offsets, item, self.pools)):
                if inside:
                    out[row, k * self.width:(k + 1) * self.width] = _unit(tokens[inside].mean(axis=0))
        return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def shipped_encoder(pools: Sequence[str] = FROZEN_POOLS) -> SpanEncoder | None:
    """The shipped sentence encoder, None when its files are not there (a typer on parse features alone)."""
    folder = shipped_folder()
    if (folder / ENCODER_FILE).is_file() and (folder / TOKENIZER_FILE).is_file():
        return SpanEncoder(folder, pools)
    return None

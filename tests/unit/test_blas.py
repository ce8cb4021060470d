"""Choosing the matrix multiply spaCy's layers run on."""
import pytest

from heron.nlp import blas
from heron.nlp.model import load_spacy


def test_forced_and_automatic_choice(monkeypatch):
    monkeypatch.setenv("HERON_BLAS", "blis")
    assert blas.choose() == "blis"
    assert blas.choose("numpy") == "numpy"
    monkeypatch.delenv("HERON_BLAS")
    assert blas.choose() == blas.fastest() in ("blis", "numpy")


def test_unknown_choice_is_an_error(monkeypatch):
    monkeypatch.setenv("HERON_BLAS", "mkl")
    with pytest.raises(ValueError, match="HERON_BLAS"):
        blas.choose()


def test_both_backends_annotate_alike():
    text = "The minister said on Monday that talks with Turkey would resume in Ankara next week."
    docs = [load_spacy(blas=choice)(text) for choice in ("blis", "numpy")]
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in docs[0]] == \
        [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in docs[1]]
    layers = [load_spacy(blas=choice).get_pipe("ner").model.ops.use_blis for choice in ("blis", "numpy")]
    assert layers == [True, False]


def test_one_thread_holds_numpy_blas_to_one_thread():
    import numpy  # noqa: F401  (loads the BLAS threadpoolctl limits)
    from threadpoolctl import threadpool_info

    blas.one_thread()
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")

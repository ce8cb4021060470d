import pytest


@pytest.fixture(scope="session")
def nlp():
    """The bare spaCy pipeline heron uses, loaded once for the whole test run."""
    from heron.nlp.model import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def heron_pipeline(nlp):
    """spaCy plus every heron component, shared by the tests that run the whole pipeline."""
    import copy

    from heron.nlp.pipeline import Heron

    return Heron(nlp=copy.deepcopy(nlp))

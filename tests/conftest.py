import pytest


@pytest.fixture(scope="session")
def nlp():
    """The bare spaCy pipeline heron uses, loaded once for the whole test run."""
    from heron.nlp.model import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def heron_pipeline():
    """spaCy plus every heron component, shared by the tests that run the whole pipeline."""
    import heron

    return heron.load()

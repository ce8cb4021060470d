"""heron_token_attributes gives the annotation of the model's attribute ruler and lemmatizer."""
import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from heron.nlp.model import load_spacy
from heron.components.token_attributes import TokenAttributes

# Written for this test: the ruler's two-word patterns ("there is", "gon na", "let's", "y'all",
# "ain't", "got ta"), pronoun cases set by the dependency label, whitespace tokens, and words
# repeated so that the second sighting comes from memory.
TEXT = """There is a storm coming, and there were warnings. We're gonna need boats, y'all.

Let's see what the council does. It ain't over, she said; they've got ta decide.
It said it would act. I told you and you told me. The mayor has   doubts.
The mayor had a plan, but the council had none.  The river rose and rose.
"""


def test_same_annotation_as_the_ruler_and_lemmatizer():
    columns = [TAG, DEP, HEAD, POS, MORPH, LEMMA, SENT_START]
    nlp = load_spacy()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe([TEXT, TEXT.upper(), TEXT]))
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    remembered = TokenAttributes(ruler, lemmatizer)
    for doc in parsed:
        expected = lemmatizer(ruler(doc.copy())).to_array(columns)
        got = remembered(doc.copy()).to_array(columns)
        assert np.array_equal(expected, got)
    assert remembered.memo, "the second and third texts are read from memory"
    lemmas = {t.text: t.lemma_ for t in remembered(parsed[0].copy())}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["ai"] == "be"


def test_same_annotation_after_the_memory_is_emptied(monkeypatch):
    from heron.components import token_attributes

    monkeypatch.setattr(token_attributes, "MAX_ENTRIES", 10)
    columns = [POS, MORPH, LEMMA]
    nlp = load_spacy()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe([TEXT, TEXT.upper()]))
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    remembered = TokenAttributes(ruler, lemmatizer)
    for doc in parsed * 2:
        assert np.array_equal(lemmatizer(ruler(doc.copy())).to_array(columns), remembered(doc.copy()).to_array(columns))
    assert len(remembered.memo) < 2 * len(parsed[0])


def test_replaces_the_two_components_in_heron(heron_pipeline):
    nlp = heron_pipeline.nlp
    assert "heron_token_attributes" in nlp.pipe_names
    assert "attribute_ruler" in nlp.disabled and "lemmatizer" in nlp.disabled
    doc = nlp("The ministers were meeting in Geneva.")
    assert [t.lemma_ for t in doc][:4] == ["the", "minister", "be", "meet"]
    assert doc[2].pos_ == "AUX"


def test_empty_doc():
    nlp = load_spacy()
    doc = nlp.make_doc("")
    assert len(TokenAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))(doc)) == 0

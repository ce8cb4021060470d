"""The argument model: dependency-path features, storage, choice of source and target, training, pipeline use."""
import numpy as np
import pytest

from heron.events.argument_model import (
    LABELS,
    ArgumentModel,
    Candidate,
    crosses_clause,
    dependency_path,
    pair_features,
)
from heron.records import Actor
from heron.train.event_arguments import Example, fit


def _token(doc, text):
    return next(t for t in doc if t.text == text)


def test_dependency_path_names_the_relations_and_prepositions(nlp):
    doc = nlp("The depot was shelled by Borovian artillery on Monday.")
    word = _token(doc, "shelled")
    path, length, under = dependency_path(_token(doc, "artillery"), word)
    assert path == "pobj^agent_by|" and length == 2 and under
    path, _, under = dependency_path(_token(doc, "depot"), word)
    assert path == "nsubjpass|" and under


def test_a_speaker_stands_outside_the_reported_clause(nlp):
    doc = nlp("The minister said the rebels were shelling the town.")
    word = _token(doc, "shelling")
    assert crosses_clause(dependency_path(_token(doc, "minister"), word)[0])
    assert not crosses_clause(dependency_path(_token(doc, "rebels"), word)[0])


def test_features_carry_the_rules_reading_and_the_party_kind(nlp):
    doc = nlp("Arland accused Borovia of shelling the border.")
    feats = pair_features(_token(doc, "accused"), _token(doc, "Arland"), "ACCUSE",
                          Actor(id="A1", name="Arland", kind="country", code="ARL"), True, False, 2)
    assert {"rule_source=True", "rule_target=False", "kind=country", "type=ACCUSE|path=nsubj|"} <= set(feats)


def _model(threshold=0.2):
    vocab = {"src": 0, "tgt": 1}
    coef = np.array([[0.0, 0.0], [4.0, -4.0], [-4.0, 4.0]])  # N, S, T rows
    return ArgumentModel(vocab, coef, np.array([2.0, 0.0, 0.0]), threshold)  # a featureless party: neither


def _cand(actor, *features):
    return Candidate(actor, None, "", dict.fromkeys(features, 1.0))


def test_choose_takes_the_most_probable_party_per_role():
    model = _model()
    assert model.choose([_cand("A1", "src"), _cand("A2", "tgt")]) == (["A1"], ["A2"])
    # nobody above the threshold: the side stays empty rather than guessed
    assert model.choose([_cand("A1")]) == ([], [])
    assert _model(0.99).choose([_cand("A1", "src"), _cand("A2", "tgt")]) == ([], [])


def test_choose_keeps_the_rules_coordination_when_it_agrees():
    chosen = _model().choose([_cand("A1", "src"), _cand("A2"), _cand("A3", "tgt")], rule_sources=["A1", "A2"])
    assert chosen == (["A1", "A2"], ["A3"])


def test_save_and_load_round_trip(tmp_path):
    model = _model()
    model.save(tmp_path)
    loaded = ArgumentModel.load(tmp_path)
    assert loaded.vocab == model.vocab and loaded.threshold == model.threshold
    cands = [_cand("A1", "src"), _cand("A2", "tgt")]
    assert np.allclose(loaded.probabilities(cands), model.probabilities(cands), atol=1e-3)


def test_load_rejects_weights_that_do_not_fit(tmp_path):
    _model().save(tmp_path)
    np.savez_compressed(tmp_path / "event_arguments.npz", coef=np.zeros((3, 5)), intercept=np.zeros(3))
    with pytest.raises(ValueError, match="do not fit"):
        ArgumentModel.load(tmp_path)


def test_fit_learns_roles_from_examples():
    examples = []
    for n in range(30):
        examples += [Example({"path=nsubj|": 1.0, "bias": 1.0}, "S", f"g{n}"),
                     Example({"path=dobj|": 1.0, "bias": 1.0}, "T", f"g{n}"),
                     Example({"path=LONG": 1.0, "bias": 1.0}, "N", f"g{n}")]
    model = fit(examples)
    probs = model.probabilities([_cand("A1", "path=nsubj|", "bias"), _cand("A2", "path=dobj|", "bias")])
    assert probs[0].argmax() == LABELS.index("S") and probs[1].argmax() == LABELS.index("T")
    with pytest.raises(ValueError, match="every label"):
        fit([e for e in examples if e.label != "N"])


def test_shipped_model_fills_a_recipient_the_rules_miss(heron_pipeline):
    """The rules leave "sanctions" without a recipient when it hangs on a relative clause; the rules alone and
    the shipped model side by side on the same sentence."""
    from heron.records import Article

    text = "The European Union imposed sanctions on Friday that target the Russian government."
    component = heron_pipeline.nlp.get_pipe("heron_events")
    with component.using_arguments(None):
        rules = heron_pipeline.extract(Article(text=text, date="2022-03-01"))
    learnt = heron_pipeline.extract(Article(text=text, date="2022-03-01"))

    def dyads(ext):
        def codes(ids):
            return sorted(ext.actor(a).code for a in ids)
        return [(e.type, codes(e.sources), codes(e.targets)) for e in ext.events]

    assert component.arguments is not None
    assert dyads(learnt) != dyads(rules)
    assert ("SANCTION", ["EU"], ["RUSGOV"]) in dyads(learnt) or ("COERCE", ["EU"], ["RUSGOV"]) in dyads(learnt)

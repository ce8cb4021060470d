"""The event filter: its features, its choice, storage and training (heron/events/event_filter.py)."""
import numpy as np
import pytest

from heron.events.event_filter import LABELS, EventFilter, event_features
from heron.records import Actor, Event, Magnitude, Mention, Mode
from heron.train.event_filter import Example, fit


def _event(doc, word, sources=(), targets=(), **mode):
    start = doc.text.index(word)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Event(id="E1", type="ASSAULT", cameo="190", quad=4, goldstein=-10.0,
                 trigger=Mention(word, start, start + len(word)), evidence=Mention(sent.text, sent.start_char, sent.end_char),
                 sources=list(sources), targets=list(targets), mode=Mode(**mode))


ACTORS = {"A1": Actor(id="A1", name="Arland", kind="country", code="ARL", country="ARL"),
          "A2": Actor(id="A2", name="the rebels", kind="group", sector="REB")}


def test_features_read_the_word_the_mode_the_parties_and_the_place_in_the_article(nlp):
    doc = nlp("Talks went on. Arland shelled the rebels on Monday.")
    starts = [s.start_char for s in doc.sents]
    feats = event_features(_event(doc, "shelled", ["A1"], ["A2"], reported=True), doc, ACTORS, starts)
    assert {"type=ASSAULT", "lemma=shell", "pos=VERB", "mode=reported", "Scoded=True", "Tsector=REB",
            "Tkind=group", "mentions=0"} <= set(feats)
    assert "lead" not in feats and "quarter=2" in feats
    alone = event_features(_event(nlp("Arland shelled the town."), "shelled", ["A1"]), nlp("Arland shelled the town."),
                           ACTORS, [0])
    assert "T=none" in alone and "lead" in alone


def _filter(threshold=0.5):
    vocab = {"lemma=shell": 0, "mode=hypothetical": 1}
    coef = np.array([[0.0, 0.0], [3.0, -6.0]])
    return EventFilter(vocab, coef, np.array([0.0, 0.0]), threshold)


def test_the_filter_keeps_what_it_finds_likely(nlp):
    doc = nlp("Arland shelled the town. Arland might have shelled the port.")
    said, maybe = _event(doc, "shelled", ["A1"]), _event(doc, "might", ["A1"], hypothetical=True)
    maybe.trigger = Mention("shelled", doc.text.rindex("shelled"), doc.text.rindex("shelled") + 7)
    assert _filter().kept([said, maybe], doc, ACTORS) == [said]
    assert _filter(threshold=0.0).kept([said, maybe], doc, ACTORS) == [said, maybe]
    # a counted toll keeps its event whatever the model says
    maybe.magnitudes = [Magnitude(kind="killed", count=3)]
    assert _filter().kept([said, maybe], doc, ACTORS) == [said, maybe]


def test_one_countrys_act_on_another_is_kept_whatever_the_model_says(nlp):
    doc = nlp("Arland might have shelled Borovia.")
    actors = {**ACTORS, "A3": Actor(id="A3", name="Borovia", kind="country", code="BOR", country="BOR")}
    maybe = _event(doc, "shelled", ["A1"], ["A3"], hypothetical=True)
    assert _filter().kept([maybe], doc, actors) == [maybe]
    within = _event(doc, "shelled", ["A1"], ["A1"], hypothetical=True)
    assert _filter().kept([within], doc, actors) == []


def test_save_and_load_keep_the_model(tmp_path):
    model = _filter(0.3)
    model.save(tmp_path)
    loaded = EventFilter.load(tmp_path)
    assert loaded.vocab == model.vocab and loaded.threshold == 0.3
    assert np.allclose(loaded.probabilities_of([["lemma=shell"]]), model.probabilities_of([["lemma=shell"]]))
    (tmp_path / "event_filter.json").write_text('{"format": 1, "labels": ["N", "S", "T"]}')
    with pytest.raises(ValueError, match="not an event filter"):
        EventFilter.load(tmp_path)


def test_fit_learns_a_binary_choice_as_two_rows():
    examples = []
    for n in range(20):
        examples += [Example({"lemma=shell": 1.0}, "keep", f"g{n}"), Example({"lemma=say": 1.0}, "drop", f"g{n}")]
    model = fit(examples, c=10.0, threshold=0.5)
    assert model.coef.shape == (len(LABELS), 2) and not model.coef[0].any()
    keep = model.probabilities_of([["lemma=shell"], ["lemma=say"]])[:, LABELS.index("keep")]
    assert keep[0] > 0.8 and keep[1] < 0.2
    with pytest.raises(ValueError, match="every label"):
        fit([e for e in examples if e.label == "keep"])

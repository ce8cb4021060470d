"""The event typer: marked-sentence parsing, features, training, saving, loading and the pipeline hook."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from click.testing import CliRunner
from sklearn.feature_extraction.text import TfidfVectorizer

from heron.evaluate.plv import match_events, score_typing
from heron.components.events import EventsComponent
from heron.typer import encoder as enc
from heron.typer import features as feat
from heron.typer import model as mod
from heron.typer.inputs import ROOT_QUAD, Prediction, TypingInput, from_marked, root_of
from heron.typer.model import EventTyper
from heron.records import Actor, Article, Event, Extraction, Mention
from heron.train.event_typer import featurise, fit
from heron.train.plv_data import PlvRow, read_plv

# Our own sentences, three roots, written for these tests.
TRAIN = [
    ("<s>The rebels</s> shelled <t>the army base</t> overnight.", "ASSAULT"),
    ("<s>Government troops</s> bombed <t>the rebel camp</t> near the river.", "ASSAULT"),
    ("<s>The militia</s> attacked <t>a police convoy</t> on the highway.", "ASSAULT"),
    ("<s>Gunmen</s> fired rockets at <t>the border post</t> on Sunday.", "ASSAULT"),
    ("<s>Air forces</s> struck <t>the insurgents</t> in the hills.", "ASSAULT"),
    ("<s>The two ministers</s> signed a trade deal with <t>their neighbours</t>.", "AGREE"),
    ("<s>The union</s> agreed to a pay settlement with <t>the employers</t>.", "AGREE"),
    ("<s>Both parties</s> reached an agreement with <t>the mediators</t> on Friday.", "AGREE"),
    ("<s>The premier</s> signed a peace accord with <t>the rebel leaders</t>.", "AGREE"),
    ("<s>The council</s> agreed on a ceasefire with <t>the militia</t>.", "AGREE"),
    ("<s>The opposition</s> accused <t>the president</t> of fraud.", "ACCUSE"),
    ("<s>The minister</s> condemned <t>the neighbouring state</t> for its raids.", "ACCUSE"),
    ("<s>Activists</s> blamed <t>the police</t> for the deaths.", "ACCUSE"),
    ("<s>The envoy</s> criticised <t>the junta</t> over the arrests.", "ACCUSE"),
    ("<s>The senator</s> accused <t>the agency</t> of lying.", "ACCUSE"),
]


@pytest.fixture(scope="module")
def parsed_train(nlp):
    items = [from_marked(m) for m, _ in TRAIN]
    return [dataclasses.replace(it, doc=nlp(it.sentence)) for it in items], [r for _, r in TRAIN]


@pytest.fixture(scope="module")
def tiny_typer(parsed_train):
    items, roots = parsed_train
    return fit(featurise(items), roots, calibrate_folds=3)


def test_from_marked_reads_spans():
    item = from_marked("<s>The army</s> bombed <t>the town</t>.")
    assert item.sentence == "The army bombed the town."
    assert item.sentence[slice(*item.source)] == "The army"
    assert item.sentence[slice(*item.target)] == "the town"
    assert item.trigger is None


def test_from_marked_missing_repeated_nested_and_spaces():
    only_source = from_marked("<s>Protesters</s> marched through the capital.")
    assert only_source.target is None and only_source.sentence[slice(*only_source.source)] == "Protesters"
    repeated = from_marked("<s>Oslo</s> sent aid to <t>Chad</t> and praised <t>Chad</t>.")
    assert repeated.target == (17, 21)
    nested = from_marked("<s><t>Local</t> fighters</s> laid down arms.")
    assert nested.sentence[slice(*nested.source)] == "Local fighters"
    assert nested.sentence[slice(*nested.target)] == "Local"
    spaced = from_marked("<s>The army </s>withdrew.")
    assert spaced.sentence == "The army withdrew." and spaced.sentence[slice(*spaced.source)] == "The army"


@pytest.mark.parametrize("bad", ["<s>The army bombed the town.", "The army</s> left.", "<s>a <s>b</s></s> left"])
def test_from_marked_rejects_broken_marks(bad):
    with pytest.raises(ValueError):
        from_marked(bad)


def test_typing_input_checks_spans_and_doc(nlp):
    with pytest.raises(ValueError):
        TypingInput("Short.", source=(0, 40), target=None)
    with pytest.raises(ValueError):
        TypingInput("   ", source=None, target=None)
    with pytest.raises(ValueError):
        TypingInput("The army left.", source=(0, 8), target=None, doc=nlp("Another sentence."))


def test_root_of_merges_concede_and_retreat():
    assert root_of("RETREAT") == root_of("concede") == "YIELD"
    assert root_of("ASSAULT") == "ASSAULT"


def test_vectorise_matches_scikit_learn_tfidf(parsed_train):
    feats = featurise(parsed_train[0])
    reference = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True)
    expected = reference.fit_transform(feats).toarray()
    vocab = {f: int(i) for f, i in reference.vocabulary_.items()}
    ours = mod.vectorise(feats, vocab, reference.idf_).toarray()
    assert np.allclose(ours, expected)


def test_features_use_the_spans(nlp):
    sentence = "The rebels shelled the army base."
    item = TypingInput(sentence, source=(0, 10), target=(19, 32), doc=nlp(sentence))
    feats = feat.features(feat.sentence_of(item.doc), item)
    assert {"S:rebel", "T:army", "B:shell", "LCA:shell", "ORDER:st"} <= set(feats)


def test_prediction_shape_and_held_out_sentences(tiny_typer, nlp):
    sentences = [
        "<s>Insurgents</s> bombed <t>a military convoy</t> at dawn.",
        "<s>The rivals</s> signed a ceasefire deal with <t>the government</t>.",
        "<s>The mayor</s> accused <t>the governor</t> of corruption.",
    ]
    items = [from_marked(m) for m in sentences]
    items = [dataclasses.replace(it, doc=nlp(it.sentence)) for it in items]
    preds = tiny_typer.predict(items)
    assert len(preds) == 3
    assert [p.root for p in preds] == ["ASSAULT", "AGREE", "ACCUSE"]
    for p in preds:
        assert set(p.probs) == {"ASSAULT", "AGREE", "ACCUSE"}
        assert sum(p.probs.values()) == pytest.approx(1.0)
        assert p.quad == ROOT_QUAD[p.root]
        assert max(p.probs, key=p.probs.get) == p.root
    assert tiny_typer.predict([]) == []


def test_save_load_round_trip(tiny_typer, parsed_train, tmp_path):
    paths = tiny_typer.save(tmp_path)
    assert sorted(p.name for p in paths) == ["event_typer.json", "event_typer.npz"]
    loaded = EventTyper.load(tmp_path)
    feats = featurise(parsed_train[0])
    before = tiny_typer.predict_features(feats)
    after = loaded.predict_features(feats)
    assert [p.root for p in after] == [p.root for p in before]
    for a, b in zip(after, before):
        assert a.probs == pytest.approx(b.probs, abs=1e-5)
    assert loaded.info["examples"] == len(TRAIN)


def test_load_reports_a_missing_model(tmp_path):
    with pytest.raises(FileNotFoundError, match="heron train"):
        EventTyper.load(tmp_path)


def test_shipped_model_loads_once_and_types(nlp):
    assert EventTyper.load() is EventTyper.load()
    sentence = "Artillery units shelled the village, killing two farmers."
    item = TypingInput(sentence, source=(0, 15), target=(24, 35), doc=nlp(sentence))
    pred = EventTyper.load().predict([item])[0]
    assert pred.root == "ASSAULT" and pred.quad == 4


def test_typer_without_doc_parses_itself(tiny_typer, nlp, monkeypatch):
    monkeypatch.setattr(feat, "_parser", lambda: nlp)
    pred = tiny_typer.predict([from_marked("<s>Snipers</s> attacked <t>the patrol</t> at night.")])[0]
    assert pred.root == "ASSAULT"


def test_the_events_component_takes_its_typer_from_config_and_swaps_it_for_a_while(tiny_typer, tmp_path):
    shipped = EventTyper.load()
    component = EventsComponent("shipped")
    assert component.typer is shipped
    with component.using(tiny_typer):
        assert component.typer is tiny_typer
    assert component.typer is shipped
    assert EventsComponent("none").typer is None
    tiny_typer.save(tmp_path)
    assert EventsComponent(str(tmp_path)).typer.labels == tiny_typer.labels


def _extraction(sentence, events, actors):
    return Extraction(article=Article(text=sentence), actors=actors, events=events)


def test_match_events_needs_type_source_and_target():
    sentence = "The rebels shelled the army base."
    row = PlvRow("x", TypingInput(sentence, source=(0, 10), target=(19, 32)), "ASSAULT", 4)
    rebels = Actor(id="A1", name="rebels", mentions=[Mention("rebels", 4, 10)])
    army = Actor(id="A2", name="army", mentions=[Mention("army", 23, 27)])

    def event(kind, sources, targets):
        m = Mention("shelled", 11, 18)
        return Event(id="E1", type=kind, cameo=None, quad=None, goldstein=None, trigger=m, evidence=m,
                     sources=sources, targets=targets)

    assert match_events(row, _extraction(sentence, [event("ASSAULT", ["A1"], ["A2"])], [rebels, army])) == (True, True)
    assert match_events(row, _extraction(sentence, [event("ASSAULT", ["A2"], ["A2"])], [rebels, army])) == (False, True)
    assert match_events(row, _extraction(sentence, [event("COERCE", ["A1"], ["A2"])], [rebels, army])) == (False, False)
    yield_row = dataclasses.replace(row, root="YIELD", quad=2)
    assert match_events(yield_row, _extraction(sentence, [event("RETREAT", ["A1"], ["A2"])], [rebels, army]))[0]


def test_score_typing_counts_hits():
    rows = [PlvRow(str(i), TypingInput("The army left.", None, None), r, ROOT_QUAD[r])
            for i, r in enumerate(["ASSAULT", "ASSAULT", "AGREE"])]
    preds = [Prediction("ASSAULT", 4, {}), Prediction("AGREE", 1, {}), Prediction("AGREE", 1, {})]
    scores = score_typing(rows, preds)
    assert scores.root_accuracy == pytest.approx(2 / 3)
    assert scores.root_macro_f1 == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert {c.label: c.support for c in scores.roots} == {"AGREE": 1, "ASSAULT": 2}


def _write_tsv(path):
    lines = ["sentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tgold_penta"]
    for i, (marked, root) in enumerate(TRAIN):
        item = from_marked(marked)
        lines.append(f"{i}\t{item.sentence}\t{marked}\t\t\t{root}\t{ROOT_QUAD[root]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_read_plv_and_train_command(tmp_path, nlp, monkeypatch):
    from heron.cli.train import command

    data = tmp_path / "tiny.tsv"
    _write_tsv(data)
    rows = read_plv(data)
    assert len(rows) == len(TRAIN) and rows[0].root == "ASSAULT" and rows[0].quad == 4
    monkeypatch.setattr(feat, "_parser", lambda: nlp)
    out = tmp_path / "model"
    # the typer alone: the argument model also reads heron's Wikinews gold (tests/shared retrain it)
    result = CliRunner().invoke(command, ["--data", str(data), "--out", str(out), "--only", "typer"])
    assert result.exit_code == 0, result.output
    assert "15 sentences" in result.output.replace("\n", " ")
    with np.load(out / "event_typer.npz") as arrays:
        first = arrays["coef"].copy()
    # Training again gives the same weights: seeds are fixed.
    assert CliRunner().invoke(command, ["--data", str(data), "--out", str(out), "--only", "typer"]).exit_code == 0
    assert EventTyper.load(out).labels == ["ACCUSE", "AGREE", "ASSAULT"]
    with np.load(out / "event_typer.npz") as arrays:
        assert np.array_equal(arrays["coef"], first)


def test_read_plv_rejects_bad_rows(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("sentence_id\tmarked_sentence\tgold_root\tgold_penta\n1\t<s>A</s> left.\tDANCE\t1\n")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        read_plv(bad)
    with pytest.raises(ValueError, match="missing column"):
        (tmp_path / "cols.tsv").write_text("id\tsentence\n1\tx\n")
        read_plv(tmp_path / "cols.tsv")


def test_encoder_region_prefers_the_words_between_the_spans():
    both = from_marked("<s>The rebels</s> shelled <t>the base</t>.")
    assert both.sentence[slice(*enc.encoder_region(both))] == " shelled "
    one = from_marked("<s>Protesters</s> marched.")
    assert one.sentence[slice(*enc.encoder_region(one))] == " marched."
    bare = TypingInput("Troops withdrew.", source=None, target=None, trigger=(7, 15))
    assert enc.encoder_region(bare) == (7, 15)


@pytest.fixture(scope="module")
def encoder():
    found = enc.shipped_encoder()
    assert found is not None, "the shipped encoder files are missing from heron/data/models"
    return found


def test_span_encoder_vectors(encoder):
    items = [from_marked("<s>The rebels</s> shelled <t>the base</t>."),
             from_marked("<s>The rebels</s> shelled <t>the base</t>."),
             from_marked("<s>The envoy</s> praised <t>the accord</t> warmly.")]
    vectors = encoder.encode(items)
    assert vectors.shape == (3, encoder.dim) and encoder.dim == 768
    assert np.allclose(vectors[0], vectors[1], atol=1e-5)
    norms = np.linalg.norm(vectors.reshape(3, 2, -1), axis=2)
    assert np.allclose(norms, 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[2]) < 1.9  # different sentences, different vectors


def test_span_encoder_pools(encoder):
    items = [from_marked("<s>The rebels</s> shelled <t>the base</t>."), from_marked("<s>Crowds</s> marched.")]
    every = enc.SpanEncoder(encoder.folder, enc.POOLS)
    vectors = every.encode(items)
    assert every.dim == 4 * encoder.width and vectors.shape == (2, every.dim)
    # The pools come in POOLS order: the first two are the two the frozen typer reads.
    assert np.allclose(vectors[:, :encoder.dim], encoder.encode(items), atol=1e-6)
    norms = np.linalg.norm(vectors.reshape(2, 4, -1), axis=2)
    assert np.allclose(norms[0], 1.0, atol=1e-4)
    assert np.allclose(norms[1], [1.0, 1.0, 1.0, 0.0], atol=1e-4)  # no target: an empty pool is zeros
    with pytest.raises(ValueError, match="unknown encoder pools"):
        enc.SpanEncoder(encoder.folder, ("sentence", "verb"))


def test_typer_with_encoder_round_trip(parsed_train, encoder, tmp_path, nlp):
    items, roots = parsed_train
    feats = featurise(items)
    dense = encoder.encode(items)
    typer = fit(feats, roots, dense=dense, encoder=encoder, calibrate_folds=3)
    with pytest.raises(ValueError, match="needs encoder vectors"):
        typer.predict_features(feats)
    typer.save(tmp_path)
    assert (tmp_path / enc.ENCODER_FILE).is_file()  # the saved folder is complete on its own
    loaded = EventTyper.load(tmp_path)
    assert loaded.encoder is not None and loaded.dense_weight == typer.dense_weight
    assert loaded.encoder.pools == encoder.pools
    item = from_marked("<s>Insurgents</s> bombed <t>a military convoy</t> at dawn.")
    pred = loaded.predict([dataclasses.replace(item, doc=nlp(item.sentence))])[0]
    assert pred.root == "ASSAULT"
    assert [p.root for p in loaded.predict(items)] == [p.root for p in typer.predict_features(feats, dense)]


def test_evaluate_plv_command_scores_the_shipped_typer(tmp_path, nlp, monkeypatch):
    import json

    from heron.cli.evaluate_plv import command

    data = tmp_path / "tiny.tsv"
    _write_tsv(data)
    monkeypatch.setattr(feat, "_parser", lambda: nlp)
    result = CliRunner().invoke(command, [str(data), "--json", "--no-end-to-end"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["typing"]["n"] == len(TRAIN)
    assert report["typing"]["root_accuracy"] >= 0.8  # plain sentences of three clear types
    assert report["end_to_end"] == {**report["end_to_end"], "available": False, "reason": "not requested"}
    table = CliRunner().invoke(command, [str(data), "--no-end-to-end"])
    assert table.exit_code == 0 and "root (15)" in table.output


class _FakeHeron:
    """Stands in for the pipeline: records which typer is in use and finds one ASSAULT per sentence."""

    def __init__(self):
        self.typers_seen = []
        self.component = EventsComponent("shipped")
        self.nlp = self

    def get_pipe(self, name):
        assert name == "heron_events"
        return self.component

    def pipe(self, articles):
        for article in articles:
            self.typers_seen.append(self.component.typer)
            actors = [Actor(id="A1", name="x", mentions=[Mention("x", 0, 3)])]
            m = Mention("x", 0, 3)
            event = Event(id="E1", type="ASSAULT", cameo=None, quad=4, goldstein=None, trigger=m, evidence=m,
                          sources=["A1"], targets=[])
            yield _extraction(article.text, [event], actors)


def test_end_to_end_runs_each_group_with_its_typer(tiny_typer, monkeypatch):
    from heron.evaluate import plv

    rows = [PlvRow(str(i), TypingInput("The army shelled the town.", (0, 8), None), root, ROOT_QUAD[root])
            for i, root in enumerate(["ASSAULT", "AGREE", "ASSAULT"])]
    fake = _FakeHeron()
    scores = plv.end_to_end(rows, [([0, 1], tiny_typer), ([2], None)], heron=fake)
    assert fake.typers_seen == [tiny_typer, tiny_typer, EventTyper.load()]
    assert scores.available and scores.n == 3
    assert scores.type_recall == pytest.approx(2 / 3) and scores.triple_recall == pytest.approx(2 / 3)
    assert scores.events_per_sentence == 1.0



"""The held-aside part of PLV_train and the pure pieces of fine-tuning (no torch, no shared data)."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from heron.train import encoders
from heron.train.fine_tune import FineTuneSettings, lr_factor, pooling_weights
from heron.train.plv_aside import aside_positions, aside_table, choose_aside, split_aside
from heron.train.plv_data import PlvRow
from heron.typer.encoder import POOLS, pool_tokens
from heron.typer.inputs import ROOT_QUAD, TypingInput, from_marked

# 50 made-up rows over three roots of unequal size (30, 15, 5).
ROOTS = ["ASSAULT"] * 30 + ["AGREE"] * 15 + ["ACCUSE"] * 5


def _rows(roots):
    return [PlvRow(str(100 + i), TypingInput(f"Sentence number {i}.", (0, 8), None), r, ROOT_QUAD[r])
            for i, r in enumerate(roots)]


def test_choose_aside_is_deterministic_and_stratified():
    first = choose_aside(ROOTS)
    assert first == choose_aside(list(ROOTS)) == sorted(first)
    counts = Counter(ROOTS[i] for i in first)
    assert counts == {"ASSAULT": 6, "AGREE": 3, "ACCUSE": 1}  # a fifth of each root, rounded
    assert choose_aside(ROOTS, seed=13) != first  # the seed decides which rows


def test_a_roots_choice_does_not_depend_on_the_other_roots():
    alone = choose_aside(ROOTS[:30])
    assert [i for i in choose_aside(ROOTS) if ROOTS[i] == "ASSAULT"] == alone


def test_choose_aside_rejects_a_fraction_outside_0_1():
    with pytest.raises(ValueError, match="between 0 and 1"):
        choose_aside(ROOTS, fraction=1.0)


def test_aside_table_lists_rows_ids_and_roots():
    rows = _rows(ROOTS)
    lines = [line for line in aside_table(rows).splitlines() if not line.startswith("#")]
    assert lines[0] == "row\tsentence_id\troot"
    listed = [line.split("\t") for line in lines[1:]]
    assert [int(r) - 1 for r, _, _ in listed] == choose_aside(ROOTS)
    assert all(rows[int(r) - 1].sentence_id == sid and rows[int(r) - 1].root == root for r, sid, root in listed)


def test_a_file_that_is_not_plv_train_has_no_aside_rows():
    rows = _rows(ROOTS)
    assert aside_positions(rows) is None
    kept, aside = split_aside(rows)
    assert kept == list(range(len(rows))) and aside == []


def test_split_aside_is_disjoint_and_complete(monkeypatch):
    rows = _rows(ROOTS)
    monkeypatch.setattr("heron.train.plv_aside.data_text", lambda *parts: aside_table(rows))
    kept, aside = split_aside(rows)
    assert aside == choose_aside(ROOTS)
    assert not set(kept) & set(aside) and sorted(kept + aside) == list(range(len(rows)))
    # One listed id that no longer matches its row: the rows are not the ones the file was written for.
    changed = list(rows)
    changed[aside[0]] = PlvRow("999", rows[aside[0]].item, rows[aside[0]].root, rows[aside[0]].quad)
    assert aside_positions(changed) is None


def test_pool_tokens_picks_the_word_pieces_of_each_span():
    item = from_marked("<s>The rebels</s> shelled <t>the base</t>.")
    # Offsets as a BERT tokenizer gives them: [CLS] the rebels shell ##ed the base . [SEP]
    offsets = [(0, 0), (0, 3), (4, 10), (11, 16), (16, 18), (19, 22), (23, 27), (27, 28), (0, 0)]
    sentence, region, source, target = pool_tokens(offsets, item)
    assert sentence == list(range(9))
    assert region == [3, 4] and source == [1, 2] and target == [5, 6]
    lone = TypingInput("Troops withdrew.", source=(0, 6), target=None)
    assert pool_tokens([(0, 0), (0, 6), (7, 15), (15, 16), (0, 0)], lone, ("target", "source")) == [[], [1]]


def test_pooling_weights_average_each_pool():
    item = from_marked("<s>The rebels</s> shelled <t>the base</t>.")
    offsets = [(0, 0), (0, 3), (4, 10), (11, 16), (16, 18), (19, 22), (23, 27), (27, 28), (0, 0)]
    w = pooling_weights([offsets], [item], width=11)  # two padding positions after the sentence
    assert w.shape == (1, len(POOLS), 11)
    assert np.allclose(w.sum(axis=2), 1.0) and not w[0, :, 9:].any()
    assert np.allclose(w[0, POOLS.index("source"), [1, 2]], 0.5)


def test_lr_factor_warms_up_then_decays_to_zero():
    factors = [lr_factor(s, 100, 0.1) for s in range(100)]
    assert factors[0] == pytest.approx(0.1) and factors[9] == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(factors[9:], factors[10:]))
    assert lr_factor(100, 100, 0.1) == 0.0


def test_encoder_key_follows_what_the_encoder_is_made_from():
    items = [from_marked("<s>A</s> hit <t>B</t>."), from_marked("<s>C</s> met <t>D</t>.")]
    roots = ["ASSAULT", "CONSULT"]
    key = encoders.encoder_key("fine-tune", items, roots, FineTuneSettings())
    assert key == encoders.encoder_key("fine-tune", list(items), list(roots), FineTuneSettings())
    assert key != encoders.encoder_key("fine-tune", items, ["ASSAULT", "AGREE"], FineTuneSettings())
    assert key != encoders.encoder_key("fine-tune", items[::-1], roots[::-1], FineTuneSettings())
    assert key != encoders.encoder_key("fine-tune", items, roots, FineTuneSettings(epochs=1))
    # The pretrained encoder is the same whatever the rows.
    assert encoders.encoder_key("pretrained", items, roots, FineTuneSettings()) == \
        encoders.encoder_key("pretrained", [], [], FineTuneSettings(seed=5))


def test_encoder_folder_reads_a_cached_encoder(tmp_path, monkeypatch):
    monkeypatch.setattr(encoders, "cache_dir", lambda: tmp_path)
    items, roots = [from_marked("<s>A</s> hit <t>B</t>.")], ["ASSAULT"]
    key = encoders.encoder_key("fine-tune", items, roots, FineTuneSettings())
    cached = tmp_path / "encoders" / key
    cached.mkdir(parents=True)
    for name in (encoders.ENCODER_FILE, encoders.TOKENIZER_FILE):
        (cached / name).write_text("x")
    assert encoders.encoder_folder("fine-tune", items, roots) == cached
    assert encoders.encoder_folder("none", items, roots) is None
    with pytest.raises(ValueError, match="unknown encoder kind"):
        encoders.encoder_folder("bigger", items, roots)


def test_evaluate_plv_aside_needs_plv_train(tmp_path):
    from click.testing import CliRunner

    from heron.cli.evaluate_plv import command

    data = tmp_path / "tiny.tsv"
    data.write_text("sentence_id\tmarked_sentence\tgold_root\tgold_penta\n"
                    "1\t<s>The army</s> shelled <t>the town</t>.\tASSAULT\t4\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(data), "--aside", "--no-end-to-end"])
    assert result.exit_code != 0 and "no aside rows" in result.output
    both = CliRunner().invoke(command, [str(data), "--aside", "--folds", "5"])
    assert both.exit_code != 0 and "not both" in both.output

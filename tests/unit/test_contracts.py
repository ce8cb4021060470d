"""Every heron component writes only what it declares, and the architecture doc lists the declarations."""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from heron.nlp.extensions import EXTENSIONS, contracts

TEXT = ("Riot police detained two Borovian reporters in Tarsk on Monday, the ministry said. "
        "\"We will not release them,\" Interior Minister Anna Vell told reporters. "
        "Two days later, Arland's foreign minister met his Borovian counterpart in Geneva and called for their release.")
TOKEN_FIELDS = ("is_sent_start", "pos_", "tag_", "dep_", "lemma_", "ent_type_")


def _state(doc):
    ext = {name: copy.deepcopy(getattr(doc._, name)) for name in EXTENSIONS}
    tokens = {f: [getattr(t, f) for t in doc] for f in TOKEN_FIELDS}
    return ext, tokens, [(e.start, e.end, e.label_) for e in doc.ents]


def test_each_component_changes_only_what_it_assigns(heron_pipeline):
    nlp = heron_pipeline.nlp
    own = [(name, proc) for name, proc in nlp.pipeline if name.startswith("heron_") and name not in (
        "heron_paragraphs", "heron_token_attributes")]  # those two run inside spaCy's parse, checked below
    spacy_names = [name for name in nlp.pipe_names if name not in dict(own)]
    with nlp.select_pipes(enable=spacy_names):
        doc = nlp(TEXT)
    doc._.article_date = dt.date(2024, 5, 10)
    declared = {name: assigns for name, assigns, _ in contracts(nlp)}
    for name, proc in own:
        before = _state(doc)
        doc = proc(doc)
        after = _state(doc)
        changed = {f"doc._.{k}" for k in EXTENSIONS if repr(before[0][k]) != repr(after[0][k])}
        assert before[1] == after[1] and before[2] == after[2], f"{name} changed the parse"
        assert changed <= set(declared[name]), f"{name} wrote {sorted(changed - set(declared[name]))}"
        assert changed, f"{name} wrote nothing on a text it has work for"


def test_paragraphs_and_token_attributes_declare_token_writes(heron_pipeline):
    declared = {name: assigns for name, assigns, _ in contracts(heron_pipeline.nlp)}
    assert declared["heron_paragraphs"] == ["token.is_sent_start"]
    assert set(declared["heron_token_attributes"]) == {"token.pos", "token.morph", "token.lemma"}


def test_the_architecture_doc_lists_the_declared_contracts(heron_pipeline):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = {m.group(1): (m.group(2), m.group(3)) for m in
            re.finditer(r"^\| \d+ \| `(heron_\w+)`[^|]*\|([^|]*)\|([^|]*)\|$", doc, re.M)}
    for name, assigns, requires in contracts(heron_pipeline.nlp):
        assert name in rows, f"docs/architecture.md has no row for {name}"
        written, read = rows[name]
        assert sorted(re.findall(r"`([\w.]+)`", written)) == sorted(assigns), name
        assert sorted(re.findall(r"`([\w.]+)`", read)) == sorted(requires), name

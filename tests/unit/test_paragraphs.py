"""heron_paragraphs: a blank line always starts a sentence; a single line break only after a sentence end."""
from heron.components.paragraphs import mark_paragraphs


def _sentences(nlp, text, marked=True):
    """The bare pipeline with heron_paragraphs run just before the parser, as add_components places it."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "parser" and marked:
            doc = mark_paragraphs(doc)
        doc = proc(doc)
    return [s.text.strip() for s in doc.sents]


def test_a_blank_line_ends_a_sentence_the_parser_would_run_on(nlp):
    text = "The envoy said the shelling of the port went on all night\n\nofficials in the capital said nine people died."
    assert len(_sentences(nlp, text, marked=False)) == 1  # what the parser alone does
    assert _sentences(nlp, text)[-1] == "officials in the capital said nine people died."


def test_a_hard_wrapped_line_stays_one_sentence(nlp):
    assert len(_sentences(nlp, "The minister spoke at length\nabout the plan for the port.")) == 1


def test_the_component_sits_before_the_parser(heron_pipeline):
    names = heron_pipeline.nlp.pipe_names
    assert names.index("heron_paragraphs") < names.index("parser")

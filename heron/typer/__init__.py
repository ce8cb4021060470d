"""The event typer: a trained classifier of PLOVER roots over parse features and sentence-encoder vectors.

``inputs`` (what it reads), ``features`` (sparse features from the parse), ``encoder`` (ONNX MiniLM
vectors), ``model`` (the classifier, its storage and the shipped copy). Training lives in
:mod:`heron.train`.
"""

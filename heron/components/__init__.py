"""heron's spaCy components, one file each, in pipeline order: paragraphs, token_attributes, actors, places,
times, quotes, parties, events. Each declares what it reads and writes on its ``@Language.factory``."""

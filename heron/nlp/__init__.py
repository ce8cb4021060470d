"""Loading spaCy and running heron's components over it."""

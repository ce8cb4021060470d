"""What the events component knows, free of spaCy plumbing: the trigger lexicon, arguments read off the
parse, modes, merging repeated mentions and reconciling the lexicon's type with the trained typer."""

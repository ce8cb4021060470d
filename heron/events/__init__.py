"""What the events component knows, free of spaCy plumbing: the trigger lexicon, arguments read off the
parse, modes, merging repeated mentions, reconciling the lexicon's type with the trained typer, and the
magnitudes (killed, injured, arrested, displaced, missing counts) of each event."""

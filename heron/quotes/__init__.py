"""What the quotes component knows: reporting cues and quotation marks."""

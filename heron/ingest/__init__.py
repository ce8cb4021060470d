"""Input readers: files, folders and stdin to Article records, with clear errors for bad input."""
from heron.ingest.readers import BadInput, InputError, InputWarning, read_inputs, read_text

__all__ = ["BadInput", "InputError", "InputWarning", "read_inputs", "read_text"]

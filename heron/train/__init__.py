"""Training code for heron's learned components (torch-free; run by `heron train`)."""

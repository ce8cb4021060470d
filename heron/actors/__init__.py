"""What the actors component knows: the resolver's passes over a parsed Doc, one module per job."""

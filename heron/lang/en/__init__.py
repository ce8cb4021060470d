"""English closed-class words heron's rules read: one module per topic."""

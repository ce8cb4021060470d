"""heron serve: the web workspace and JSON API over a store (read-only)."""

"""heron's spaCy components, one file each: actors, places, times, quotes, events."""

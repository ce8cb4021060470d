"""The terminal console every command prints tables to."""
from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console

# Pipes and files get wide tables (rich would otherwise assume 80 columns); a terminal keeps its width.
PIPE_WIDTH = 200


def console(stream: TextIO | None = None) -> Console:
    stream = stream or sys.stdout
    return Console(file=stream, width=None if stream.isatty() else PIPE_WIDTH)

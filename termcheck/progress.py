"""A tiny progress bar on stderr, shown only when stderr is a terminal and the run is long."""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_FILES = 20  # shorter runs finish before a bar is worth drawing
INTERVAL = 0.1  # seconds between redraws


class ProgressBar:
    """Call with ``(done, total)``; :meth:`close` clears the line."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_FILES:
            return
        now = time.monotonic()
        if now - self._last < INTERVAL and done < total:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} files")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

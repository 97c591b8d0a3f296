"""A tiny progress bar on stderr, shown only when stderr is a terminal and the run is long."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")

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
        self._started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_FILES:
            return
        now = time.monotonic()
        if now - self._last < INTERVAL and done < total:
            return
        self._last = now
        done = min(done, total)
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} files{self._pace(done, total)}")
        self.stream.flush()
        self._drawn = True

    def _pace(self, done: int, total: int) -> str:
        """", 41/s, 0:12 left" once a few files are done (rate and estimated time left)."""
        elapsed = time.monotonic() - self._started
        if done < 5 or elapsed <= 0:
            return ""
        rate = done / elapsed
        left = int((total - done) / rate) if rate else 0
        return f", {rate:.0f}/s, {left // 60}:{left % 60:02d} left\x1b[K"

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def with_progress(results: Iterable[T], total: int, label: str,
                  stream: TextIO | None = None) -> Iterator[T]:
    """``results`` unchanged, drawing a bar of ``total`` on ``stream`` (stderr) as they pass."""
    bar = ProgressBar(label, stream)
    done = 0
    try:
        for result in results:
            done += 1
            bar(done, total)
            yield result
    finally:
        bar.close()

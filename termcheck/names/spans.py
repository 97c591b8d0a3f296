"""Overlap queries on many spans in logarithmic time (NM002 asks one per candidate name)."""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Iterable


class Spans:
    """A set of ``[start, end)`` spans that answers "does this span overlap one of them?".

    Spans are kept sorted by start with the running maximum of their ends, so a query is two
    look-ups. Adding in order of start (the usual case) is amortised constant time.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._reach: list[int] = []
        self._extend_reach(0)

    def _extend_reach(self, first: int) -> None:
        del self._reach[first:]
        reach = self._reach[-1] if self._reach else -1
        for _, end in self._spans[first:]:
            reach = max(reach, end)
            self._reach.append(reach)

    def add(self, start: int, end: int) -> None:
        if not self._starts or start >= self._starts[-1]:
            self._spans.append((start, end))
            self._starts.append(start)
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)
            return
        insort(self._spans, (start, end))
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._extend_reach(index)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps one of the spans."""
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start


class Disjoint:
    """Spans that never overlap, kept sorted: :meth:`add` refuses one that would overlap."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Add ``[start, end)`` unless it overlaps a kept span; return whether it was added."""
        index = bisect_left(self._starts, start)
        if index > 0 and self._ends[index - 1] > start:
            return False
        if index < len(self._starts) and self._starts[index] < end:
            return False
        if index < len(self._starts) and self._starts[index] == start:
            return False
        self._starts.insert(index, start)
        self._ends.insert(index, end)
        return True

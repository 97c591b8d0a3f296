"""Document counts of 64-bit keys in bounded memory: exact up to a limit, then a count-min sketch.

A corpus-wide rule that counts, say, in how many documents each line occurs cannot keep a table
that grows with the corpus. :class:`KeyCounts` counts exactly while it holds at most
:data:`EXACT_LIMIT` distinct keys (every corpus our tests and samples use); past that it moves
every count into a count-min sketch of fixed size (:data:`ROWS` x 2**:data:`WIDTH_BITS` cells,
4 MB) and from then on estimates: a count is never under the truth, and over it only when a key
shares its cell with other keys in every row.

Merging is a sum, so it is associative and commutative, and the result does not depend on how
the corpus was partitioned: the table goes over the limit exactly when the whole corpus has more
distinct keys than the limit (any partial table holds a subset of them), and a sketch is the
same sum of counts whichever way they arrived.
"""

from __future__ import annotations

import base64
import sys
from array import array
from collections import Counter
from typing import Any, Iterable

EXACT_LIMIT = 250_000  # distinct keys counted exactly (about 25 MB of Python objects)
ROWS = 4
WIDTH_BITS = 18
_WIDTH = 1 << WIDTH_BITS
_SHIFT = 64 - WIDTH_BITS
_MASK64 = (1 << 64) - 1
# Odd 64-bit multipliers (splitmix64, Fibonacci hashing): the top bits of key * m pick the column.
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93)
_CELL = "I"  # unsigned 32-bit: counts of documents
MAX_COUNT = 2**32 - 1  # a sketch cell saturates here


def _cells(key: int) -> list[int]:
    """The sketch cell of ``key`` in each row."""
    return [row * _WIDTH + (((key * multiplier) & _MASK64) >> _SHIFT)
            for row, multiplier in enumerate(_MULTIPLIERS)]


def _empty_sketch() -> array[int]:
    return array(_CELL, bytes(array(_CELL).itemsize * ROWS * _WIDTH))


class KeyCounts:
    """How many times each key was counted: exact while small, estimated (never under) after."""

    __slots__ = ("exact", "limit", "sketch")

    def __init__(self, exact: Counter[int] | None = None, sketch: array[int] | None = None,
                 limit: int = EXACT_LIMIT) -> None:
        self.limit = limit
        self.sketch = sketch
        self.exact: Counter[int] | None = None if sketch is not None else (
            exact if exact is not None else Counter())
        self._bound()

    @property
    def is_exact(self) -> bool:
        return self.sketch is None

    def add(self, keys: Iterable[int]) -> None:
        """Count each of ``keys`` once more (e.g. the distinct keys of one document)."""
        if self.exact is not None:
            self.exact.update(keys)
            self._bound()
        else:
            for key in keys:
                self._add_to_sketch(key, 1)

    def count(self, key: int) -> int:
        """How many times ``key`` was counted (estimated, never less, past the limit)."""
        if self.exact is not None:
            return self.exact.get(key, 0)
        sketch = self.sketch
        assert sketch is not None
        return min(sketch[cell] for cell in _cells(key))

    def at_least(self, needed: int) -> frozenset[int] | None:
        """The keys counted ``needed`` times or more; ``None`` when estimated (ask count)."""
        if self.exact is None:
            return None
        return frozenset(key for key, seen in self.exact.items() if seen >= needed)

    def merge_into(self, other: KeyCounts) -> KeyCounts:
        """Add ``other``'s counts to these, in place; returns ``self``."""
        if other.exact is not None and self.exact is not None:
            self.exact.update(other.exact)
            self._bound()
            return self
        if self.exact is not None:
            self._to_sketch()
        if other.exact is not None:
            for key, seen in other.exact.items():
                self._add_to_sketch(key, seen)
        else:
            assert self.sketch is not None and other.sketch is not None
            sums = self.sketch
            for cell, seen in enumerate(other.sketch):
                if seen:
                    sums[cell] = min(sums[cell] + seen, MAX_COUNT)
        return self

    def copy(self) -> KeyCounts:
        if self.exact is not None:
            return KeyCounts(Counter(self.exact), limit=self.limit)
        return KeyCounts(sketch=array(_CELL, self.sketch), limit=self.limit)

    def __len__(self) -> int:
        """Distinct keys counted exactly (0 once estimated: the sketch does not know)."""
        return len(self.exact) if self.exact is not None else 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeyCounts) and (self.exact, self.sketch) == (other.exact,
                                                                             other.sketch)

    def __repr__(self) -> str:
        if self.exact is not None:
            return f"KeyCounts({len(self.exact)} keys, exact)"
        return f"KeyCounts(count-min sketch {ROWS}x{_WIDTH})"

    def to_plain(self) -> dict[str, Any]:
        """JSON-ready form: ``{"exact": [[key, count], ...]}`` or ``{"sketch": base64}``."""
        if self.exact is not None:
            return {"exact": sorted(self.exact.items())}
        assert self.sketch is not None
        cells = array(_CELL, self.sketch)
        if sys.byteorder != "little":
            cells.byteswap()
        return {"sketch": base64.b64encode(cells.tobytes()).decode("ascii"),
                "rows": ROWS, "width_bits": WIDTH_BITS}

    @classmethod
    def from_plain(cls, plain: Any) -> KeyCounts:
        """The inverse of :meth:`to_plain`; ``ValueError`` for anything else (it is read from a
        user's profile file)."""
        if not isinstance(plain, dict):
            raise ValueError("key counts must be an object")
        if "exact" in plain:
            return cls(_exact_counts(plain["exact"]))
        if (plain.get("rows"), plain.get("width_bits")) != (ROWS, WIDTH_BITS) or \
                not isinstance(plain.get("sketch"), str):
            raise ValueError("not a count-min sketch of this version's size")
        data = base64.b64decode(plain["sketch"], validate=True)  # binascii.Error is a ValueError
        cells = array(_CELL)
        if len(data) != cells.itemsize * ROWS * _WIDTH:
            raise ValueError("not a count-min sketch of this version's size")
        cells.frombytes(data)
        if sys.byteorder != "little":
            cells.byteswap()
        return cls(sketch=cells)

    def _bound(self) -> None:
        if self.exact is not None and len(self.exact) > self.limit:
            self._to_sketch()

    def _to_sketch(self) -> None:
        exact, self.exact = self.exact, None
        self.sketch = _empty_sketch()
        for key, seen in (exact or {}).items():
            self._add_to_sketch(key, seen)

    def _add_to_sketch(self, key: int, seen: int) -> None:
        sketch = self.sketch
        assert sketch is not None
        for cell in _cells(key):
            sketch[cell] = min(sketch[cell] + seen, MAX_COUNT)


def _exact_counts(entries: Any) -> Counter[int]:
    """``[[key, count], ...]`` checked: 64-bit keys, each once, counts from 1 to MAX_COUNT."""
    if not isinstance(entries, (list, tuple)):
        raise ValueError("exact key counts must be a list")
    counts: Counter[int] = Counter()
    for entry in entries:
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            raise ValueError("an exact key count must be [key, count]")
        key, seen = entry
        if type(key) is not int or type(seen) is not int or not 0 <= key <= _MASK64 \
                or not 1 <= seen <= MAX_COUNT or key in counts:
            raise ValueError(f"bad key count {entry!r}")
        counts[key] = seen
    return counts

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
from bisect import bisect_left
from collections import Counter
from itertools import chain, compress
from typing import Any, Iterable, Iterator, Mapping

EXACT_LIMIT = 250_000  # distinct keys counted exactly (3 MB of arrays)
PENDING_LIMIT = 16_384  # counts kept in a dict before they are folded into the sorted arrays
ROWS = 4
WIDTH_BITS = 18
_WIDTH = 1 << WIDTH_BITS
_SHIFT = 64 - WIDTH_BITS
_MASK64 = (1 << 64) - 1
# Odd 64-bit multipliers (splitmix64, Fibonacci hashing): the top bits of key * m pick the column.
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93)
_CELL = "I"  # unsigned 32-bit: counts of documents
_KEY = "Q"  # unsigned 64-bit keys
MAX_COUNT = 2**32 - 1  # a sketch cell saturates here


def _cells(key: int) -> list[int]:
    """The sketch cell of ``key`` in each row."""
    return [row * _WIDTH + (((key * multiplier) & _MASK64) >> _SHIFT)
            for row, multiplier in enumerate(_MULTIPLIERS)]


def _empty_sketch() -> array[int]:
    """A sketch of zeros, made by repeating one cell (from a ``bytes`` of zeros, both were held
    at once: twice the sketch's 4 MB)."""
    return array(_CELL, [0]) * (ROWS * _WIDTH)


class KeyCounts:
    """How many times each key was counted: exact while small, estimated (never under) after.

    The exact counts live in two sorted arrays (an 8-byte key and a 4-byte count each: 12 bytes
    a key, against about 100 in a dict of Python ints) and a small dict of the latest counts,
    folded into the arrays once it holds :data:`PENDING_LIMIT` keys or when the counts are listed.
    """

    __slots__ = ("_counts", "_keys", "_pending", "limit", "sketch")

    def __init__(self, exact: Mapping[int, int] | None = None, sketch: array[int] | None = None,
                 limit: int = EXACT_LIMIT) -> None:
        self.limit = limit
        self.sketch = sketch
        self._keys: array[int] = array(_KEY)
        self._counts: array[int] = array(_CELL)
        self._pending: Counter[int] = Counter() if exact is None or sketch is not None \
            else Counter(exact)
        self._bound()

    @property
    def is_exact(self) -> bool:
        return self.sketch is None

    @property
    def is_empty(self) -> bool:
        """Whether nothing was counted (merging these counts into others changes nothing)."""
        return self.sketch is None and not self._pending and not self._keys

    def add(self, keys: Iterable[int]) -> None:
        """Count each of ``keys`` once more (e.g. the distinct keys of one document)."""
        if self.sketch is None:
            self._pending.update(keys)
            self._bound()
        else:
            for key in keys:
                self._add_to_sketch(key, 1)

    def count(self, key: int) -> int:
        """How many times ``key`` was counted (estimated, never less, past the limit)."""
        sketch = self.sketch
        if sketch is None:
            return self._pending.get(key, 0) + self._stored(key)
        return min(sketch[cell] for cell in _cells(key))

    def at_least(self, needed: int) -> frozenset[int] | None:
        """The keys counted ``needed`` times or more; ``None`` when estimated (ask count)."""
        if self.sketch is not None:
            return None
        self._fold()
        return frozenset(compress(self._keys, map(needed.__le__, self._counts)))

    def keeping(self, needed: int) -> KeyCounts:
        """A new table of the keys counted ``needed`` times or more (``self`` when estimated)."""
        if self.sketch is not None:
            return self
        self._fold()
        wanted = list(map(needed.__le__, self._counts))
        kept = KeyCounts(limit=self.limit)
        kept._keys = array(_KEY, compress(self._keys, wanted))
        kept._counts = array(_CELL, compress(self._counts, wanted))
        return kept

    def items(self) -> Iterator[tuple[int, int]]:
        """``(key, count)`` of the exact counts, by key (nothing once estimated)."""
        if self.sketch is not None:
            return iter(())
        self._fold()
        return zip(self._keys, self._counts)

    def merge_into(self, other: KeyCounts) -> KeyCounts:
        """Add ``other``'s counts to these, in place; returns ``self``."""
        if other.sketch is None and self.sketch is None:
            self._pending.update(other._pending)
            if other._keys:
                self._merge_sorted(other._keys, other._counts)
            self._bound()
            return self
        if self.sketch is None:
            self._to_sketch()
        if other.sketch is None:
            for key, seen in other.items_with_pending():
                self._add_to_sketch(key, seen)
        else:
            sums = self.sketch
            assert sums is not None
            for cell, seen in enumerate(other.sketch):
                if seen:
                    sums[cell] = min(sums[cell] + seen, MAX_COUNT)
        return self

    def items_with_pending(self) -> Iterator[tuple[int, int]]:
        """Every exact ``(key, count)``, in no order, without folding (a read-only view)."""
        return chain(zip(self._keys, self._counts), self._pending.items())

    def copy(self) -> KeyCounts:
        if self.sketch is not None:
            return KeyCounts(sketch=array(_CELL, self.sketch), limit=self.limit)
        twin = KeyCounts(limit=self.limit)
        twin._keys, twin._counts = array(_KEY, self._keys), array(_CELL, self._counts)
        twin._pending = Counter(self._pending)
        return twin

    def __len__(self) -> int:
        """Distinct keys counted exactly (0 once estimated: the sketch does not know)."""
        if self.sketch is not None:
            return 0
        self._fold()
        return len(self._keys)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KeyCounts) or self.is_exact != other.is_exact:
            return False
        if self.sketch is not None:
            return self.sketch == other.sketch
        self._fold()
        other._fold()
        return (self._keys, self._counts) == (other._keys, other._counts)

    def __repr__(self) -> str:
        if self.sketch is None:
            return f"KeyCounts({len(self)} keys, exact)"
        return f"KeyCounts(count-min sketch {ROWS}x{_WIDTH})"

    def to_plain(self) -> dict[str, Any]:
        """JSON-ready form: ``{"exact": [[key, count], ...]}`` or ``{"sketch": base64}``."""
        if self.sketch is None:
            return {"exact": list(self.items())}
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

    def __getstate__(self) -> tuple[Any, ...]:
        self._fold()
        return self._keys, self._counts, self.limit, self.sketch

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._keys, self._counts, self.limit, self.sketch = state
        self._pending = Counter()

    def _stored(self, key: int) -> int:
        """The count of ``key`` in the sorted arrays (0 when absent)."""
        keys = self._keys
        at = bisect_left(keys, key)
        return self._counts[at] if at < len(keys) and keys[at] == key else 0

    def _bound(self) -> None:
        """Fold a full dict of pending counts; past the limit, move every count to the sketch."""
        if self.sketch is None and len(self._pending) >= PENDING_LIMIT:
            self._fold()
        if self.sketch is None and len(self._keys) + len(self._pending) > self.limit:
            self._fold()
            if len(self._keys) > self.limit:
                self._to_sketch()

    def _fold(self) -> None:
        """Move the pending counts into the arrays: a key already there is counted in place,
        the new ones are merged in (the arrays are copied only when there are new keys)."""
        pending = self._pending
        if not pending:
            return
        self._pending = Counter()
        keys, counts = self._keys, self._counts
        size = len(keys)
        new: dict[int, int] = {}
        for key, seen in pending.items():
            at = bisect_left(keys, key)
            if at < size and keys[at] == key:
                counts[at] = min(counts[at] + seen, MAX_COUNT)
            else:
                new[key] = seen
        if new:
            self._insert_new(*_sorted_arrays(new))

    def _merge_sorted(self, keys: array[int], counts: array[int]) -> None:
        """Add the counts of another pair of sorted arrays to ours (a linear merge)."""
        old_keys, old_counts = self._keys, self._counts
        if not old_keys:
            self._keys, self._counts = array(_KEY, keys), array(_CELL, counts)
            return
        new_keys, new_counts = array(_KEY), array(_CELL)
        done = 0
        for key, seen in zip(keys, counts):
            at = bisect_left(old_keys, key, done)
            if at > done:
                new_keys += old_keys[done:at]
                new_counts += old_counts[done:at]
            if at < len(old_keys) and old_keys[at] == key:
                seen = min(seen + old_counts[at], MAX_COUNT)
                at += 1
            new_keys.append(key)
            new_counts.append(seen)
            done = at
        new_keys += old_keys[done:]
        new_counts += old_counts[done:]
        self._keys, self._counts = new_keys, new_counts

    def _insert_new(self, keys: array[int], counts: array[int]) -> None:
        """Insert sorted keys that the arrays do not hold, in place: the arrays grow once and the
        old keys move up from the back, each past the new keys above it. Merging into new arrays
        held the old and the new ones at once, twice the table (3 + 3 MB near the limit, the
        highest RSS of a 1 GB run's profile pass)."""
        old_keys, old_counts = self._keys, self._counts
        unmoved = len(old_keys)  # old keys not yet moved up: old_keys[:unmoved]
        old_keys.extend(keys)  # room for the new keys; every slot past ``unmoved`` is rewritten
        old_counts.extend(counts)
        for placed in range(len(keys) - 1, -1, -1):
            key = keys[placed]
            below = bisect_left(old_keys, key, 0, unmoved)
            if below < unmoved:  # old keys above ``key``: up by the new keys from here on
                _move_up(old_keys, below, unmoved, placed + 1)
                _move_up(old_counts, below, unmoved, placed + 1)
                unmoved = below
            old_keys[below + placed] = key
            old_counts[below + placed] = counts[placed]

    def _to_sketch(self) -> None:
        """Move every exact count into a new sketch, read from the arrays as it fills (a list
        of the 250,000 counts first, two Python ints and a tuple each, was 34 MB for a moment:
        the peak of a 1 GB run)."""
        self.sketch = _empty_sketch()
        for key, seen in self.items_with_pending():
            self._add_to_sketch(key, seen)
        self._keys, self._counts, self._pending = array(_KEY), array(_CELL), Counter()

    def _add_to_sketch(self, key: int, seen: int) -> None:
        sketch = self.sketch
        assert sketch is not None
        for cell in _cells(key):
            sketch[cell] = min(sketch[cell] + seen, MAX_COUNT)


def _sorted_arrays(counts: Mapping[int, int]) -> tuple[array[int], array[int]]:
    """The keys of ``counts`` in order and their counts (saturated at :data:`MAX_COUNT`)."""
    keys = array(_KEY, sorted(counts))
    return keys, array(_CELL, [min(counts[key], MAX_COUNT) for key in keys])


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


def _move_up(values: array[int], start: int, stop: int, shift: int) -> None:
    """Move ``values[start:stop]`` up by ``shift`` places, in place: through a memoryview the
    overlapping copy is one ``memmove`` (a slice of the array would copy the moved part first,
    most of the table when a new key sorts low)."""
    with memoryview(values) as view:
        view[start + shift:stop + shift] = view[start:stop]

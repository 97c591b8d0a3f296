"""Giving freed memory back to the operating system between the passes of a corpus run.

glibc's ``malloc`` keeps what a process frees for its next allocations, so the pages freed
by the end of the profile pass (the corpus counts, once reduced to what the check reads) stay
in the process's resident memory. ``malloc_trim(0)`` returns the free pages. Elsewhere
(another C library, another system) nothing is done.

CPython also keeps freed objects of a few types for reuse, in free lists: up to 2,000 tuples of
each length from 1 to 20 (4.3 MB when full), and some lists, dicts and floats. A long run fills
them (each pass frees tuples of many lengths, a document's line keys for one), and only a
collection of the oldest generation empties them: at the end of the profile pass of ``lint
-j1`` they held 4.1 MB on a 100 MB corpus (the 4.3 MB of traced memory that ``gc.collect()``
freed there while finding no garbage) and 0.5 MB on 10 MB (``sys._debugmallocstats()``).
:func:`clear_free_lists` empties them, so that their blocks serve what comes next.
"""

from __future__ import annotations

import gc
import sys
from functools import lru_cache
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
# items of a pass between two trims: a trim costs 0.4 ms on a clean heap and up to ~20 ms
# where thousands of holes are returned (once), against ~2 s of checking per 1,000 documents
TRIM_EVERY = 1_000
# documents of a profile pass below which its free lists are left alone: they hold at most
# ~0.5 MB then (10 MB corpus, ~2,400 documents), and the collection that empties them costs
# ~10 ms (2 MB, 476 documents: 1 % of ``lint -j1``; 2.5 % of a one-file run)
CLEAR_FREE_LISTS_AFTER = 1_000


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or ``None`` where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # musl and others: no malloc_trim
        return None


def trim_heap() -> bool:
    """Return the C heap's free pages to the system; whether it could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def trimming(items: Iterable[T], every: int = TRIM_EVERY) -> Iterator[T]:
    """``items``, the C heap trimmed after every ``every`` of them.

    A long pass frees texts, lists and dictionary tables of every size between long-lived
    allocations, and ``malloc`` keeps the holes: at 1 GB, 9.7 MB of the heap's 19 MB were free
    in the check pass of ``lint --fix``, 0.6 MB at 10 MB. Trimming as the pass goes keeps them
    out of resident memory, however long the corpus.
    """
    for number, item in enumerate(items, 1):
        yield item
        if number % every == 0:
            trim_heap()


def clear_free_lists() -> None:
    """Empty the interpreter's free lists (see the module's docstring): a full collection,
    once per corpus run. Under the CLI it walks only what the run made (its start-up objects
    are frozen: :func:`termcheck.runtime.tune_gc`). Freezing every object around the
    collection would make it visit none, but CPython then counts the oldest generation as
    empty, and the next automatic collection walks every object anyway."""
    gc.collect()

"""Giving freed memory back to the operating system between the passes of a corpus run.

glibc's ``malloc`` keeps what a process frees for its next allocations, so the pages freed
by the end of the profile pass (the corpus counts, once reduced to what the check reads) stay
in the process's resident memory. ``malloc_trim(0)`` returns the free pages. Elsewhere
(another C library, another system) nothing is done.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Callable


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

"""Process-wide settings for command-line runs and worker processes (not for library callers)."""

from __future__ import annotations

import gc

# Young-generation collections every 50,000 allocations instead of 700, full ones rarely: a
# corpus run keeps a large profile and report alive, and the default thresholds made the
# collector traverse them again and again (a quarter of the CPU time of a 10 MB lint).
GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc() -> None:
    """Fewer garbage collections, and none over the objects that exist now (imports, data)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)

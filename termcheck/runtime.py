"""Process-wide settings of a command-line run (not for library callers).

Forked pool workers inherit them; forkserver workers keep the default thresholds (measured on
/work/bench/real with -j2, forked workers used the same CPU with either).
"""

from __future__ import annotations

import atexit
import gc
import sys

# Young-generation collections every 50,000 allocations instead of 700, full ones rarely: a
# corpus run keeps a large profile and report alive, and the default thresholds made the
# collector traverse them again and again (a quarter of the CPU time of a 10 MB lint).
GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc() -> None:
    """Fewer garbage collections, and none over the objects that exist now (imports, data), nor
    at exit: Python's last collection walks every object the run made (the profile, the loaded
    data) only to free memory that the system takes back anyway (about 20 ms after a lint of
    3 MB). Registered first, the freeze runs after every other exit handler."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    atexit.register(gc.freeze)


def keep_file_name_bytes() -> None:
    """Standard output writes a file name's undecodable bytes back as they were (as ``ls`` does),
    whatever the locale, instead of failing on them."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="surrogateescape")

"""Where a run's memory goes over time: RSS, its peak, Python's arenas and the C heap.

    python benchmarks/memory_timeline.py OUT.tsv [--every 10] -- lint --isolated --fix -j1 DIR

Runs the termcheck command line in this process (Linux only) and writes a line to OUT.tsv every
``--every`` seconds, and when it ends: seconds since the start, resident memory and its peak so
far (``VmRSS``, ``VmHWM``), the 1 MiB arenas of Python's small-object allocator, and glibc's
``mallinfo2``: the heap's size, the part in use, the part free (holes ``malloc`` keeps) and the
memory in large blocks mapped apart. A peak between two lines shows as ``VmHWM`` above every
``VmRSS``; which of the other columns moved tells objects (arenas) from buffers, texts and
tables (heap, mapped) and from fragmentation (heap free). This is how the 1 GB peaks of
benchmarks/RESULTS.md ("Sixth round") were found. While a line is taken (about a
millisecond), standard error is redirected to read the allocator's statistics: a message the
command writes there at that moment is lost.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

MIB = 1 << 20
COLUMNS = ("seconds", "rss_mb", "peak_mb", "py_arenas", "heap_mb", "heap_used_mb",
           "heap_free_mb", "mapped_mb")


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _status_mb(field: str) -> float:
    """A ``/proc/self/status`` field (kB) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _python_arenas() -> int:
    """Arenas of the small-object allocator, as ``sys._debugmallocstats`` reports them (it
    writes to file descriptor 2: read back through a temporary file)."""
    import tempfile

    with tempfile.TemporaryFile() as scratch:
        saved = os.dup(2)
        os.dup2(scratch.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        scratch.seek(0)
        for line in scratch.read().decode().splitlines():
            if line.startswith("# arenas allocated current"):
                return int(line.split("=")[1].replace(",", ""))
    return -1


def sample(started: float) -> list[str]:
    info = _mallinfo2()
    return [f"{time.monotonic() - started:.1f}", f"{_status_mb('VmRSS'):.1f}",
            f"{_status_mb('VmHWM'):.1f}", str(_python_arenas()), f"{info.arena / MIB:.1f}",
            f"{info.uordblks / MIB:.1f}", f"{info.fordblks / MIB:.1f}",
            f"{info.hblkhd / MIB:.1f}"]


def _mallinfo2() -> MallInfo2:
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    return libc.mallinfo2()  # type: ignore[no-any-return]


def _sample_until(stop: threading.Event, out: TextIO, every: float, started: float) -> None:
    while True:
        out.write("\t".join(sample(started)) + "\n")
        if stop.wait(every):
            return


def _split_at_dashes(argv: list[str]) -> tuple[list[str], list[str]]:
    """This script's arguments, and termcheck's (after ``--``)."""
    if "--" not in argv:
        return argv, []
    at = argv.index("--")
    return argv[:at], argv[at + 1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between lines")
    own, command = _split_at_dashes(sys.argv[1:])
    args = parser.parse_args(own)
    if not command:
        parser.error("give termcheck's arguments after --")
    if not sys.platform.startswith("linux"):
        parser.error("Linux only (/proc and glibc's mallinfo2)")
    out = args.out.open("w", buffering=1, encoding="utf-8")
    out.write("\t".join(COLUMNS) + "\n")
    started, stop = time.monotonic(), threading.Event()
    sampler = threading.Thread(target=_sample_until, args=(stop, out, args.every, started),
                               daemon=True)
    sampler.start()
    sys.argv = ["termcheck", *command]
    from termcheck.cli import main as termcheck_main

    try:
        termcheck_main()
    finally:
        stop.set()
        sampler.join()
        out.write("\t".join(sample(started)) + "\tend\n")
        out.close()


if __name__ == "__main__":
    main()

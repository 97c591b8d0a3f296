"""Which regular expressions a termcheck run spends its time in, by call site and pattern.

    python benchmarks/profile_patterns.py lint -q -j1 --isolated DIR [--top 30]

Runs the command in this process with every pattern of the ``re`` module wrapped: each call of
``search``, ``match``, ``fullmatch``, ``finditer`` (consumed at once), ``findall``, ``sub``,
``subn`` and ``split`` is timed and counted under the function that made it and the pattern.
Prints the patterns sorted by time. A wrapped call costs about a microsecond more, so patterns
called tens of thousands of times on short strings look dearer than they are; a pattern that
scans whole texts is timed well. Found with it: a search for ``^(?: {4}|\\t)|\\||\\t`` (no first
character to look for, so a match tried at every offset) in SP001/SP002's layout test.
Run it with ``-j1``: worker processes are not wrapped.
"""

from __future__ import annotations

import atexit
import re
import runpy
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TIMED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
# (call site, pattern, method) -> [seconds, calls, characters of the strings searched]
STATS: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0, 0])


class TimedPattern:
    """A compiled pattern whose matching methods are timed (everything else is the pattern's)."""

    __slots__ = ("_pattern",)

    def __init__(self, pattern: re.Pattern[Any]) -> None:
        self._pattern = pattern

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._pattern, name)
        return _timed(method, name, self._pattern) if name in TIMED else method

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __eq__(self, other: object) -> bool:
        inner = other._pattern if isinstance(other, TimedPattern) else other
        return self._pattern == inner


def _timed(method: Callable[..., Any], name: str, pattern: re.Pattern[Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_code
        site = f"{Path(caller.co_filename).name}:{caller.co_name}"
        start = time.perf_counter()
        result = method(*args, **kwargs)
        if name == "finditer":
            result = list(result)
        entry = STATS[(site, str(pattern.pattern)[:90], name)]
        entry[0] += time.perf_counter() - start
        entry[1] += 1
        searched = args[1 if name in ("sub", "subn") else 0] if args else ""
        entry[2] += len(searched) if isinstance(searched, str) else 0
        return iter(result) if name == "finditer" else result
    return call


def install() -> None:
    """Wrap every pattern ``re`` compiles from now on (``isinstance(x, re.Pattern)`` still
    holds for the wrapped ones: ``re.Pattern`` becomes a tuple of both classes)."""
    compile_uncached = re._compile  # type: ignore[attr-defined]

    def compile_timed(pattern: Any, flags: Any) -> Any:
        if isinstance(pattern, TimedPattern):
            return pattern
        return TimedPattern(compile_uncached(pattern, flags))

    re._compile = compile_timed  # type: ignore[attr-defined]
    re.compile = lambda pattern, flags=0: compile_timed(pattern, flags)  # type: ignore[assignment]
    re.Pattern = (re.Pattern, TimedPattern)  # type: ignore[misc,assignment]


def report(top: int) -> None:
    total = sum(entry[0] for entry in STATS.values())
    print(f"\nregular expressions: {total:.3f} s in {sum(e[1] for e in STATS.values()):.0f} calls",
          file=sys.stderr)
    print(f"{'ms':>8} {'calls':>8} {'M chars':>8}  method     site: pattern", file=sys.stderr)
    for (site, pattern, name), (seconds, calls, chars) in sorted(
            STATS.items(), key=lambda item: -item[1][0])[:top]:
        print(f"{seconds * 1e3:8.1f} {calls:8.0f} {chars / 1e6:8.2f}  {name:10s} {site}: "
              f"{pattern!r}", file=sys.stderr)


def main() -> None:
    args = sys.argv[1:]
    top = 30
    if "--top" in args:
        index = args.index("--top")
        top = int(args[index + 1])
        del args[index:index + 2]
    install()
    atexit.register(report, top)
    sys.argv = ["termcheck", *args]
    runpy.run_module("termcheck", run_name="__main__")


if __name__ == "__main__":
    main()

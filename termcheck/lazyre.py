"""Module-level regular expressions compiled at their first use, not when a module is imported.

Compiling is most of what importing the rules costs: Python's ``re`` walks every code point of a
character-class range (``[一-鿿]`` is 21,000 steps), so a pattern with large classes takes
milliseconds. A run that never needs a pattern (a one-line file, a corpus without CJK text)
should not pay for it. Write ``NAME = lazy(globals(), "NAME", pattern, flags)``: on first use
the compiled pattern replaces this stand-in in the module's namespace, so later uses in that
module reach the compiled pattern itself, with no indirection per call.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until first used (see the module docstring).

    A reference kept elsewhere (``[_A, _B]`` in a list, an import by name) keeps working: every
    attribute is the compiled pattern's. Do not pass the stand-in to ``re.sub`` and kin: call its
    methods, as for a compiled pattern.
    """

    __slots__ = ("_compiled", "_flags", "_name", "_namespace", "_pattern")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int = 0
                 ) -> None:
        self._namespace = namespace
        self._name = name
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, the first time)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
            if self._namespace.get(self._name) is self:  # only the global this object stands for
                self._namespace[self._name] = self._compiled
        return self._compiled

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("_"):  # copy and pickle probe for hooks before __init__ ran
            raise AttributeError(attribute)
        return getattr(self.compiled(), attribute)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        """Copied or pickled (a task sent to a spawned worker), it is the compiled pattern."""
        return re.compile, (self._pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy({self._pattern!r}, {self._flags})"


def lazy(namespace: dict[str, Any], name: str, pattern: str, flags: int = 0) -> LazyPattern:
    """A stand-in for the module global ``name`` of ``namespace``: ``re.compile(pattern,
    flags)``, compiled at first use."""
    return LazyPattern(namespace, name, pattern, flags)

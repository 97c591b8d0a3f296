"""User-supplied regular expressions (from data files), compiled and run with a time limit.

A pattern written by a user can backtrack catastrophically (``(a|aa)+$``). Patterns from data
files are compiled with the ``regex`` module, errors name the file and line, and every search
runs with a timeout: a pattern that runs out of time raises :class:`RegexTimeout`, which the
engine reports as a problem of that document (code ``TC-REGEX-TIMEOUT``) while the other rules
go on. :func:`finditer_all` instead skips the slow pattern and keeps the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from termcheck.errors import DataError, TermcheckError

DEFAULT_TIMEOUT = 0.5  # seconds per search over one document


class RegexTimeout(TermcheckError):
    """A user pattern ran out of time on one document."""


@dataclass(frozen=True, eq=False, repr=False)
class SafePattern:
    """A compiled user pattern and where it was written (for messages)."""

    pattern: Any  # regex.Pattern
    source: str
    line: int | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def finditer(self, text: str, path: str | None = None) -> Iterator[Any]:
        """Matches of the pattern in ``text``; :class:`RegexTimeout` when out of time."""
        try:
            yield from self.pattern.finditer(text, timeout=self.timeout)
        except TimeoutError:
            raise self._timeout(path) from None

    def search(self, text: str, path: str | None = None) -> Any:
        """The first match or ``None``; :class:`RegexTimeout` when out of time."""
        return self._call("search", text, path)

    def match(self, text: str, path: str | None = None) -> Any:
        """A match at the start of ``text`` or ``None``; :class:`RegexTimeout` when out of time."""
        return self._call("match", text, path)

    def fullmatch(self, text: str, path: str | None = None) -> Any:
        """A match of the whole ``text`` or ``None``; :class:`RegexTimeout` when out of time."""
        return self._call("fullmatch", text, path)

    def _call(self, method: str, text: str, path: str | None) -> Any:
        try:
            return getattr(self.pattern, method)(text, timeout=self.timeout)
        except TimeoutError:
            raise self._timeout(path) from None

    def _timeout(self, path: str | None) -> RegexTimeout:
        return RegexTimeout(
            f"pattern {self.pattern.pattern!r} ({self.where}) took longer than "
            f"{self.timeout:g} s and was skipped", path, code="TC-REGEX-TIMEOUT")


def compile_user_pattern(pattern: str, source: str, line: int | None = None, flags: int = 0,
                         timeout: float = DEFAULT_TIMEOUT) -> SafePattern:
    """Compile a pattern read from ``source`` (line ``line``); :class:`DataError` when invalid."""
    import regex

    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise DataError(f"invalid regular expression {pattern!r}: {exc}", source, line) from None
    return SafePattern(compiled, source, line, timeout)


def finditer_all(patterns: Iterable[SafePattern], text: str, path: str | None = None
                 ) -> tuple[list[tuple[SafePattern, Any]], list[RegexTimeout]]:
    """Matches of every pattern; a pattern that times out is skipped and reported, not fatal."""
    matches: list[tuple[SafePattern, Any]] = []
    timeouts: list[RegexTimeout] = []
    for pattern in patterns:
        try:
            found = list(pattern.finditer(text, path))
        except RegexTimeout as exc:
            timeouts.append(exc)
            continue
        matches.extend((pattern, match) for match in found)
    return matches, timeouts

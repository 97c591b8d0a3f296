"""Errors that carry a clear, one-line message for the user (never a traceback)."""

from __future__ import annotations


class TermcheckError(Exception):
    """A user-facing error; ``str()`` names the file (and line) at fault."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 code: str = "TC-ERROR") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(TermcheckError):
    """An input file that cannot be read or decoded."""


class ConfigError(TermcheckError):
    """A malformed configuration file."""


class DataError(TermcheckError):
    """A malformed data file (glossary, boilerplate list, quote conventions)."""

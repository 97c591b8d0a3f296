"""Core data types: edits, fixes, findings and file problems.

Offsets are code-point indices into the decoded text of a document, half-open ``[start, end)``.
Line and column numbers are 1-based and always derived from those offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from typing import Any


class Applicability(StrEnum):
    """How confidently a fix may be applied."""

    SAFE = "safe"  # applied by ``--fix`` and ``clean``
    UNSAFE = "unsafe"  # applied only with ``--unsafe-fixes``
    DISPLAY = "display"  # shown as a suggestion, never applied


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


CATEGORIES = (
    "boilerplate",
    "quotes",
    "brackets",
    "names",
    "terminology",
    "language",
    "encoding",
    "duplication",
    "spacing",
    "numbers",
)


# Edits, fixes and hits are made by the thousand (one of each per finding). A frozen
# dataclass's own ``__init__`` sets each field through ``object.__setattr__`` (a Hit: 7,300
# instructions); their ``__init__`` below gives the instance a dictionary of its fields at once
# (4,400), which is what ``vars()`` then shows. Frozen all the same: only ``__setattr__``
# refuses. (Writing the fields into ``self.__dict__`` one by one costs 3,300, but leaves a
# dictionary that shares its keys with the class, and reading a field from it then costs five
# times as much: 330 instructions against 60-80.)
_set_attribute = object.__setattr__


@dataclass(frozen=True, order=True, init=False)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``; an empty span inserts, "" deletes."""

    start: int
    end: int
    replacement: str = ""

    def __init__(self, start: int, end: int, replacement: str = "") -> None:
        _set_attribute(self, "__dict__", {"start": start, "end": end,
                                          "replacement": replacement})

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, init=False)
class Fix:
    """A titled list of sorted, non-overlapping edits with an applicability."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __init__(self, title: str, edits: tuple[Edit, ...],
                 applicability: Applicability = Applicability.SAFE) -> None:
        edits = tuple(sorted(edits))
        for before, after in pairwise(edits):
            if after.start < before.end:
                raise ValueError(f"overlapping edits in fix {title!r}: {before} and {after}")
        _set_attribute(self, "__dict__", {"title": title, "edits": edits,
                                          "applicability": applicability})

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, title: str,
                applicability: Applicability = Applicability.SAFE) -> Fix:
        """A fix made of a single edit (sorted and without overlap by itself: ``Fix(title,
        (edit,), applicability)`` without the sort and the test)."""
        fix = object.__new__(cls)
        _set_attribute(fix, "__dict__", {"title": title,
                                         "edits": (Edit(start, end, replacement),),
                                         "applicability": applicability})
        return fix

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0

    @property
    def end(self) -> int:
        return self.edits[-1].end if self.edits else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [edit.to_dict() for edit in self.edits],
        }


@dataclass(frozen=True, init=False)
class Hit:
    """What a rule reports: a span, a message and an optional fix. The engine makes it a Finding."""

    start: int
    end: int
    message: str
    fix: Fix | None = None

    def __init__(self, start: int, end: int, message: str, fix: Fix | None = None) -> None:
        _set_attribute(self, "__dict__", {"start": start, "end": end, "message": message,
                                          "fix": fix})


@dataclass(frozen=True)
class Finding:
    """One reported problem at exact offsets of one document."""

    path: str
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    mqm: str
    fix: Fix | None = None
    matched: str = field(default="", compare=False)
    excerpt_start: int = field(default=0, compare=False)  # where the span begins in ``excerpt``

    @classmethod
    def of(cls, values: dict[str, Any]) -> Finding:
        """The finding of ``values``, one per field (all of them, in order): what
        ``Finding(**values)`` makes, four times faster. The frozen ``__init__`` sets each of
        the 17 fields through ``object.__setattr__``; this sets the instance dict at once."""
        finding = object.__new__(cls)
        object.__setattr__(finding, "__dict__", values)
        return finding

    def sort_key(self) -> tuple[str, int, str, int]:
        return (self.path, self.start, self.code, self.end)

    def to_dict(self) -> dict[str, Any]:
        """Stable JSON form (see ``docs/findings.schema.json``)."""
        return {
            "path": self.path,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "matched": self.matched,
            "mqm": self.mqm,
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(frozen=True)
class FileProblem:
    """An input that could not be checked (unreadable, binary, undecodable ...)."""

    path: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "code": self.code, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.code} {self.message}"

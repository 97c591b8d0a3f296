"""Suppression that never touches the text: ignore files, ``[sic]`` and per-file ignores.

An ignore file holds one entry per line, ``CODE<TAB>matched text``: a finding is suppressed when its
code starts with CODE and the text it points at equals the matched text. Entries are keyed by
text, not by line number, so edits elsewhere in an article do not invalidate them.

A line ``[PATTERN]`` limits the entries after it to files matching the glob PATTERN (relative to
the ignore file's directory; a pattern without ``/`` also matches a file name anywhere), until
the next ``[PATTERN]``; ``[*]`` applies to every file again. Entries before any such line apply
to every file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath

from termcheck.data import read_text
from termcheck.errors import DataError
from termcheck.model import Finding

_SIC = re.compile(r"\s*[\[(]sic[\])]", re.IGNORECASE)
_SIC_MARK = re.compile(r"[\[(]sic[\])]", re.IGNORECASE)  # the mark itself, where it starts


@dataclass(frozen=True, eq=False, repr=False)
class IgnoreList:
    """Entries of an ignore file: ``(code prefix, matched text, file pattern or None)``."""

    entries: frozenset[tuple[str, str, str | None]]
    base: Path | None = None  # the directory file patterns are relative to

    @classmethod
    def load(cls, path: Path) -> IgnoreList:
        entries = set()
        pattern: str | None = None
        for number, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("[") and line.rstrip().endswith("]"):
                pattern = line.strip()[1:-1].strip()
                if not pattern:
                    raise DataError("expected '[file pattern]', e.g. '[docs/*.md]'", str(path),
                                    number)
                pattern = None if pattern == "*" else pattern
                continue
            code, sep, text = line.partition("\t")
            if not sep or not re.fullmatch(r"[A-Za-z]{1,2}\d{0,3}", code.strip()) or not text:
                raise DataError("expected 'CODE<TAB>matched text' or '[file pattern]'",
                                str(path), number)
            entries.add((code.strip().upper(), text, pattern))
        return cls(frozenset(entries), Path(path).resolve().parent)

    def suppresses(self, finding: Finding) -> bool:
        return any(finding.code.startswith(code) and finding.matched == text
                   and (pattern is None or self._matches(finding.path, pattern))
                   for code, text, pattern in self.entries)

    def _matches(self, path: str, pattern: str) -> bool:
        return _path_matches(self.base, path, pattern)


@lru_cache(maxsize=65_536)
def _path_matches(base: Path | None, path: str, pattern: str) -> bool:
    """Whether the file of a finding matches an ignore-file ``[pattern]``: as given, relative to
    the ignore file's folder, or by name for a pattern without "/". A JSONL record
    (``corpus.jsonl#12``) matches as its file. Cached: a document's findings share one path, so
    a pattern costs one path resolution per file, not one per finding."""
    path = path.split("#", 1)[0] if ".jsonl#" in path or ".ndjson#" in path else path
    candidates = {path, PurePath(path).as_posix()}
    if base is not None:
        with contextlib.suppress(ValueError, OSError):
            candidates.add(Path(path).resolve().relative_to(base).as_posix())
    if "/" not in pattern:
        candidates.add(PurePath(path).name)
    return any(fnmatch.fnmatch(c, pattern) for c in candidates)


def followed_by_sic(text: str, end: int) -> bool:
    """True when ``[sic]`` (or ``(sic)``) follows ``end``, marking a deliberate spelling."""
    return _SIC.match(text, end) is not None


def may_hold_sic(text: str) -> bool:
    """Whether ``text`` holds a "[sic]" or "(sic)" (in any case) at all: when it does not, no
    finding of it can be :func:`followed_by_sic`, and a document's findings need not be
    matched one by one. Only the offsets of "[" and "(" are tried, found by :meth:`str.find`
    (a scan at memchr speed, where a regular expression's costs ~15 instructions a
    character)."""
    for opener in "[(":
        at = text.find(opener)
        while at >= 0:
            if _SIC_MARK.match(text, at) is not None:
                return True
            at = text.find(opener, at + 1)
    return False

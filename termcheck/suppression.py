"""Suppression that never touches the text: ignore files, ``[sic]`` and per-file ignores.

An ignore file holds one entry per line, ``CODE<TAB>matched text``: a finding is suppressed when its
code starts with CODE and the text it points at equals the matched text. Entries are keyed by
text, not by line number, so edits elsewhere in an article do not invalidate them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from termcheck.data import read_text
from termcheck.errors import DataError
from termcheck.model import Finding

_SIC = re.compile(r"\s*[\[(]sic[\])]", re.IGNORECASE)


@dataclass(frozen=True)
class IgnoreList:
    """Entries of an ignore file: ``(code prefix, matched text)``."""

    entries: frozenset[tuple[str, str]]

    @classmethod
    def load(cls, path: Path) -> IgnoreList:
        entries = set()
        for number, line in enumerate(read_text(path).splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            code, sep, text = line.partition("\t")
            if not sep or not re.fullmatch(r"[A-Za-z]{1,2}\d{0,3}", code.strip()) or not text:
                raise DataError("expected 'CODE<TAB>matched text'", str(path), number)
            entries.add((code.strip().upper(), text))
        return cls(frozenset(entries))

    def suppresses(self, finding: Finding) -> bool:
        return any(finding.code.startswith(code) and finding.matched == text
                   for code, text in self.entries)


def followed_by_sic(text: str, end: int) -> bool:
    """True when ``[sic]`` (or ``(sic)``) follows ``end``, marking a deliberate spelling."""
    return _SIC.match(text, end) is not None

"""Lint or clean one text and describe the outcome with plain, fixed-shape records.

The records have the same keys for every finding and every change, so columnar writers (Arrow,
Parquet) infer one schema for a whole dataset. Corpus-aware rules (BP100, NM002, …) see one
document at a time here: run ``termcheck lint`` on the corpus for those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from termcheck.config import Config
from termcheck.document import Document
from termcheck.edits import Change
from termcheck.engine import check_document, fix_document
from termcheck.model import Finding

FINDING_KEYS = ("code", "rule", "category", "severity", "message", "start", "end", "line",
                "column", "matched", "fix")
CHANGE_KEYS = ("start", "end", "removed", "replacement", "codes")
PREFIX = "termcheck_"  # of the columns or metadata keys the adapters add


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as a flat record; ``fix`` is the fix's applicability, or "" without a fix."""
    return {
        "code": finding.code, "rule": finding.rule, "category": finding.category,
        "severity": str(finding.severity), "message": finding.message,
        "start": finding.start, "end": finding.end, "line": finding.line,
        "column": finding.column, "matched": finding.matched,
        "fix": str(finding.fix.applicability) if finding.fix is not None else "",
    }


def change_record(change: Change) -> dict[str, Any]:
    """A change of the ledger (offsets into the original text) as a flat record."""
    return {"start": change.start, "end": change.end, "removed": change.removed,
            "replacement": change.replacement, "codes": list(change.codes)}


@dataclass
class Outcome:
    """What termcheck made of one text: the text (cleaned, if asked), findings, changes."""

    text: str
    findings: list[dict[str, Any]]
    changes: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None  # why the text was not checked (not a string)


@dataclass(frozen=True)
class Checker:
    """Lint (or, with ``clean=True``, clean) texts with one configuration.

    ``clean`` applies what ``termcheck clean`` applies (safe fixes and boilerplate deletions;
    unsafe fixes too with ``unsafe=True``); the findings are then those still left.
    """

    config: Config = field(default_factory=Config)
    clean: bool = False
    unsafe: bool = False

    def __call__(self, text: str, lang: str | None = None, path: str = "<record>") -> Outcome:
        if not isinstance(text, str):
            raise TypeError(f"termcheck checks text (str), not {type(text).__name__}: {path}")
        doc = Document(text=text, path=path, lang=lang or None)
        if not self.clean:
            findings = check_document(doc, self.config).findings
            return Outcome(text, [finding_record(f) for f in findings])
        from termcheck.clean import clean_filter

        fixed = fix_document(doc, self.config, clean_filter(self.unsafe))
        return Outcome(fixed.text, [finding_record(f) for f in fixed.remaining],
                       [change_record(c) for c in fixed.ledger])


def annotate(text: str, metadata: dict[str, Any], checker: Checker, lang_key: str = "language",
             path: str = "<document>") -> Outcome:
    """Check ``text`` and record the outcome in ``metadata`` (updated in place)."""
    lang = metadata.get(lang_key) if lang_key else None
    outcome = checker(text, lang if isinstance(lang, str) else None, path)
    metadata[PREFIX + "findings"] = outcome.findings
    metadata[PREFIX + "count"] = len(outcome.findings)
    if checker.clean:
        metadata[PREFIX + "changes"] = outcome.changes
    return outcome

"""The counts of a lint run, kept while findings stream past (no findings are held)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from termcheck.model import Applicability, FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.engine import DocumentResult


@dataclass
class LintTally:
    """The counts of a lint run (and its problems), kept while findings stream past."""

    files_checked: int = 0
    findings: int = 0
    fixable: int = 0  # findings whose fix --fix applies (safe)
    unsafe_fixable: int = 0  # findings whose fix only --fix --unsafe-fixes applies
    by_code: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    fixable_by_code: Counter[str] = field(default_factory=Counter)  # safe fixes, per rule
    problems: list[FileProblem] = field(default_factory=list)
    fixes_offered: bool = True  # False where --fix does not apply (bilingual runs)
    # The fixes this run already applied ("safe", and "unsafe" with --unsafe-fixes): what is left
    # of them is in files that could not be rewritten, and is not offered again.
    applied: tuple[str, ...] = ()

    @classmethod
    def of(cls, results: Iterable[DocumentResult]) -> LintTally:
        """The counts of a stream of results (nothing is kept but the counts and problems)."""
        tally = cls()
        for result in results:
            tally.add(result)
        return tally

    def add(self, result: DocumentResult) -> None:
        """Count one document's result (its ``counted`` findings, when they were left behind)."""
        self.files_checked += result.checked
        if result.counted is not None:
            self.add_counts(result.counted)
        else:
            self.add_findings(result.findings)
        self.problems.extend(result.problems)

    def add_counts(self, other: LintTally) -> None:
        """Add the finding counts of ``other`` (not its files or problems)."""
        if not other.findings:  # every count is of findings: none to add (most documents)
            return
        self.findings += other.findings
        self.fixable += other.fixable
        self.unsafe_fixable += other.unsafe_fixable
        self.by_code.update(other.by_code)
        self.by_category.update(other.by_category)
        self.fixable_by_code.update(other.fixable_by_code)

    def add_findings(self, findings: list[Finding]) -> None:
        """Count ``findings``: one pass over them, then a few additions per distinct kind."""
        if not findings:
            return
        self.findings += len(findings)
        kinds = Counter((f.code, f.category, f.fix.applicability if f.fix is not None else None)
                        for f in findings)
        for (code, category, applicability), count in kinds.items():
            self.by_code[code] += count
            self.by_category[category] += count
            if applicability is Applicability.SAFE:
                self.fixable += count
                self.fixable_by_code[code] += count
            elif applicability is Applicability.UNSAFE:  # display-only: no fix at all
                self.unsafe_fixable += count

    def summary(self) -> dict[str, Any]:
        """Counts for reports: files, findings by code and category, problems."""
        return {
            "files_checked": self.files_checked,
            "files_with_problems": len({p.path for p in self.problems}),
            "findings": self.findings,
            "fixable": self.fixable,
            "unsafe_fixable": self.unsafe_fixable,
            "by_code": dict(sorted(self.by_code.items())),
            "by_category": dict(sorted(self.by_category.items())),
            "problems": len(self.problems),
        }

    @property
    def exit_code(self) -> int:
        """0 when nothing was found, 1 for findings or skipped inputs, 2 when nothing was read."""
        if self.problems and self.files_checked == 0:
            return 2
        return 1 if self.findings or self.problems else 0

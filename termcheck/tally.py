"""The counts of a lint run, kept while findings stream past (no findings are held)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from termcheck.model import Applicability, FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.engine import DocumentResult

# How many findings of each kind: (code, category, applicability of the fix or None) -> count
Kinds = dict[tuple[str, str, "Applicability | None"], int]


def kinds_of(findings: Iterable[Finding]) -> Kinds:
    """The counts a tally keeps of ``findings``, by kind: what a document's result carries in
    place of its findings once they are rendered (a plain dict: a :class:`LintTally` per
    document, with three counters, cost about 8 µs a document with findings)."""
    kinds: Kinds = {}
    for f in findings:
        key = (f.code, f.category, f.fix.applicability if f.fix is not None else None)
        kinds[key] = kinds.get(key, 0) + 1
    return kinds


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
        """Count one document's result (its ``counted`` kinds of findings, when the findings
        were left behind: see :func:`kinds_of`)."""
        self.files_checked += result.checked
        if result.counted is not None:
            self.add_kinds(result.counted)
        elif result.findings:
            self.add_kinds(kinds_of(result.findings))
        self.problems.extend(result.problems)

    def add_findings(self, findings: list[Finding]) -> None:
        """Count ``findings``: one pass over them, then a few additions per distinct kind."""
        self.add_kinds(kinds_of(findings))

    def add_kinds(self, kinds: Kinds) -> None:
        """Count findings by kind (:func:`kinds_of`)."""
        for (code, category, applicability), count in kinds.items():
            self.findings += count
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

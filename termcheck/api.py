"""The public library API; the CLI is a thin layer over these calls."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, iter_documents
from termcheck.document import Document
from termcheck.engine import (
    FixResult,
    allow_applicability,
    check_document,
    collect_document,
    fix_document,
    merge_profiles,
    rules_for,
)
from termcheck.model import FileProblem, Finding


@dataclass
class LintReport:
    """Everything a lint run found."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    files_checked: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # path -> text, with ``keep_texts``

    @property
    def fixable(self) -> int:
        return sum(1 for f in self.findings if f.fix is not None)

    def summary(self) -> dict[str, Any]:
        """Counts for reports: files, findings by code and category, problems."""
        return {
            "files_checked": self.files_checked,
            "files_with_problems": len({p.path for p in self.problems}),
            "findings": len(self.findings),
            "fixable": self.fixable,
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
            "by_category": dict(sorted(Counter(f.category for f in self.findings).items())),
            "problems": len(self.problems),
        }

    @property
    def exit_code(self) -> int:
        """0 when nothing was found, 1 for findings or skipped inputs, 2 when nothing was read."""
        if self.problems and self.files_checked == 0:
            return 2
        return 1 if self.findings or self.problems else 0


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Lint one text; corpus-wide rules see this text as the whole corpus."""
    doc = Document(text=text, path=path)
    return check_document(doc, config or Config()).findings


def lint_paths(paths: Iterable[str | Path], config: Config | None = None,
               overrides: dict[str, Any] | None = None,
               read_options: ReadOptions = DEFAULT_READ, keep_texts: bool = False) -> LintReport:
    """Lint files and directories (``*.txt`` and ``*.md`` inside directories).

    ``config=None`` finds the nearest configuration file for each input; ``overrides`` (as from
    command-line flags) apply on top. Unreadable inputs become problems; the rest is checked.
    ``keep_texts`` keeps every checked text in ``report.texts`` (for the HTML and SARIF reports).
    """
    paths = list(paths)
    resolver = ConfigResolver(config, overrides)
    profile = build_profile(paths, resolver, read_options)
    report = LintReport()
    for item in iter_documents(paths, read_options):
        if isinstance(item, FileProblem):
            report.problems.append(item)
            continue
        result = check_document(item, resolver.for_path(item.path), profile)
        report.files_checked += 1
        if keep_texts:
            report.texts[item.path] = item.text
        report.findings.extend(result.findings)
        report.problems.extend(result.problems)
    return report


def build_profile(paths: list[str | Path], resolver: ConfigResolver,
                  read_options: ReadOptions = DEFAULT_READ) -> dict[str, Any] | None:
    """First pass of a corpus run: merge every document's statistics (``None`` if unneeded)."""
    profile: dict[str, Any] | None = None
    for item in iter_documents(paths, read_options):
        if isinstance(item, FileProblem):
            continue
        config = resolver.for_path(item.path)
        if not any(r.corpus for r in rules_for(config, item.path)):
            continue
        profile = merge_profiles(profile or {}, collect_document(item, config))
    return profile


def fix_text(text: str, config: Config | None = None, unsafe: bool = False) -> FixResult:
    """Apply safe (and with ``unsafe`` also unsafe) fixes until the text is stable."""
    return fix_document(Document(text=text), config or Config(), allow_applicability(unsafe))

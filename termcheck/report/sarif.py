"""``--format sarif``: SARIF 2.1.0 for code-scanning tools.

Columns count Unicode code points (the run says ``columnKind: unicodeCodePoints``), lines and
columns are 1-based and ``endColumn`` points just past the span, as termcheck's own columns do.
Fixes become ``fixes`` with ``artifactChanges``; their regions carry code-point ``charOffset`` and
``charLength`` and, when the report kept the texts, lines and columns too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from termcheck.api import LintReport
    from termcheck.model import Edit, Finding, Fix
    from termcheck.rules.registry import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("termcheck")
    except PackageNotFoundError:
        return "0.0.0"


def _uri(path: str) -> str:
    """A ``file:`` URI for an absolute path, a percent-encoded relative reference otherwise."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    relative = PurePosixPath(path.replace("\\", "/")).as_posix()
    return quote(os.fsencode(relative), safe="/")  # a file name's undecodable bytes as %XX


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """One ``reportingDescriptor``: id, name, summary, documentation and default level."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("What it does") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value],
                                 "enabled": rule.default},
        "properties": {"category": rule.category, "mqm": rule.mqm, "fixable": rule.fixable,
                       "tags": [rule.category]},
    }


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _edit_region(edit: Edit, text: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {"charOffset": edit.start, "charLength": edit.end - edit.start}
    if text is not None:
        line, column = _line_col(text, edit.start)
        end_line, end_column = _line_col(text, edit.end)
        region.update(startLine=line, startColumn=column, endLine=end_line, endColumn=end_column)
    return region


def _fix(fix: Fix, uri: str, text: str | None) -> dict[str, Any]:
    replacements = [{"deletedRegion": _edit_region(edit, text),
                     "insertedContent": {"text": edit.replacement}} for edit in fix.edits]
    return {
        "description": {"text": f"{fix.title} ({fix.applicability.value})"},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
    }


def result(finding: Finding, rule_index: int, text: str | None = None) -> dict[str, Any]:
    """One SARIF ``result`` for a finding."""
    uri = _uri(finding.path)
    region = {
        "startLine": finding.line, "startColumn": finding.column,
        "endLine": finding.end_line, "endColumn": finding.end_column,
        "charOffset": finding.start, "charLength": finding.end - finding.start,
        "snippet": {"text": finding.matched},
    }
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "partialFingerprints": {"termcheck/v1": f"{finding.code}:{finding.matched}"},
        "properties": {"category": finding.category, "mqm": finding.mqm},
    }
    if finding.fix is not None:
        entry["fixes"] = [_fix(finding.fix, uri, text)]
    return entry


def sarif_log(report: LintReport) -> dict[str, Any]:
    """The whole SARIF log: one run, every rule, one result per finding."""
    from termcheck.rules.registry import all_rules

    rules = list(all_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    results = [result(f, index.get(f.code, -1), report.texts.get(f.path))
               for f in report.findings]
    notifications = [{"level": "error", "message": {"text": f"{p.code} {p.message}"},
                      "locations": [{"physicalLocation": {"artifactLocation":
                                                          {"uri": _uri(p.path)}}}]}
                     for p in report.problems]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "termcheck", "version": _version(),
                            "rules": [rule_descriptor(r) for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": True,
                         "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: LintReport, color: bool = False) -> str:
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"

"""``--format json``: one object with findings, problems and a summary."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termcheck.api import LintReport

SCHEMA_VERSION = 1


def report_dict(report: LintReport) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in report.findings],
        "problems": [p.to_dict() for p in report.problems],
        "summary": report.summary(),
    }


def render(report: LintReport, color: bool = False) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"

"""``--format jsonl``: one JSON object per line, findings then problems, for streaming.

Each finding line is :meth:`Finding.to_dict` plus ``"type": "finding"``; problems carry
``"type": "problem"``. No summary line: count the lines.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.api import LintReport


def render(report: LintReport, color: bool = False) -> str:
    rows = [{"type": "finding", **f.to_dict()} for f in report.findings]
    rows += [{"type": "problem", **p.to_dict()} for p in report.problems]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

"""``--format jsonl``: one JSON object per line, findings then problems, for streaming.

Each finding line is :meth:`Finding.to_dict` plus ``"type": "finding"``; problems carry
``"type": "problem"``. No summary line: count the lines.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding


SEPARATOR = ""


def head() -> str:
    return ""


def finding(item: Finding, color: bool = False) -> str:
    return json.dumps({"type": "finding", **item.to_dict()}, ensure_ascii=False) + "\n"


def tail(tally: LintTally, color: bool = False) -> str:
    return "".join(json.dumps({"type": "problem", **p.to_dict()}, ensure_ascii=False) + "\n"
                   for p in tally.problems)

"""``--format jsonl``: one JSON object per line, findings then problems, for streaming.

Each finding line is :meth:`Finding.to_dict` plus ``"type": "finding"``; problems carry
``"type": "problem"``. No summary line: count the lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termcheck.fileio import dumps_json

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding


SEPARATOR = ""


def head() -> str:
    return ""


def finding(item: Finding, color: bool = False) -> str:
    return dumps_json({"type": "finding", **item.to_dict()}) + "\n"


def tail(tally: LintTally, color: bool = False) -> str:
    return "".join(dumps_json({"type": "problem", **p.to_dict()}) + "\n"
                   for p in tally.problems)

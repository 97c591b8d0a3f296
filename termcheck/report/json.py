"""``--format json``: one object with findings, problems and a summary (written as it goes)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding

SCHEMA_VERSION = 1
SEPARATOR = ","
_ITEM_INDENT = " " * 4  # a finding sits two levels deep: {"findings": [ ... ]}


def head() -> str:
    return f'{{\n  "version": {SCHEMA_VERSION},\n  "findings": ['


def finding(item: Finding, color: bool = False) -> str:
    """The finding as ``json.dumps(report, indent=2)`` would print it inside the list."""
    body = json.dumps(item.to_dict(), ensure_ascii=False, indent=2)
    return "\n" + _ITEM_INDENT + body.replace("\n", "\n" + _ITEM_INDENT)


def tail(tally: LintTally, color: bool = False) -> str:
    rest = {"problems": [p.to_dict() for p in tally.problems], "summary": tally.summary()}
    close = "\n  ]" if tally.findings else "]"
    return close + "," + json.dumps(rest, ensure_ascii=False, indent=2)[1:] + "\n"

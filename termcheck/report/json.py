"""``--format json``: one object with findings, problems and a summary (written as it goes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from termcheck.fileio import dumps_json

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding

SCHEMA_VERSION = 1
SEPARATOR = ","
_ITEM_INDENT = " " * 4  # a finding sits two levels deep: {"findings": [ ... ]}


def head() -> str:
    return f'{{\n  "version": {SCHEMA_VERSION},\n  "findings": ['


def finding(item: Finding, color: bool = False) -> str:
    """The finding as ``dumps_json(report, indent=2)`` would print it inside the list."""
    body = dumps_json(item.to_dict(), indent=2)
    return "\n" + _ITEM_INDENT + body.replace("\n", "\n" + _ITEM_INDENT)


def tail(tally: LintTally, color: bool = False) -> str:
    rest = {"problems": [p.to_dict() for p in tally.problems], "summary": tally.summary()}
    close = "\n  ]" if tally.findings else "]"
    return close + "," + dumps_json(rest, indent=2)[1:] + "\n"

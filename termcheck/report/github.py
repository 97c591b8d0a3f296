"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``; data is escaped
as GitHub's toolkit does (``%``, CR, LF), property values also ``:`` and ``,``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for one finding."""
    command = _COMMANDS[finding.severity.value]
    properties = [
        ("file", finding.path), ("line", str(finding.line)), ("col", str(finding.column)),
        ("endLine", str(finding.end_line)), ("endColumn", str(finding.end_column)),
        ("title", f"{finding.code} {finding.rule}"),
    ]
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command} {props}::{escape_data(finding.message)}"


SEPARATOR = ""


def head() -> str:
    return ""


def finding(item: Finding, color: bool = False) -> str:
    return annotation(item) + "\n"


def tail(tally: LintTally, color: bool = False) -> str:
    return "".join(f"::error file={escape_property(p.path)},title={escape_property(p.code)}::"
                   f"{escape_data(p.message)}\n" for p in tally.problems)

"""``--format json``: one object with findings, problems and a summary (written as it goes)."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C function where there is one
from typing import TYPE_CHECKING

from termcheck.fileio import dumps_json, has_lone_surrogate

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding

SCHEMA_VERSION = 1
SEPARATOR = ","
_ITEM_INDENT = " " * 4  # a finding sits two levels deep: {"findings": [ ... ]}


def head() -> str:
    return f'{{\n  "version": {SCHEMA_VERSION},\n  "findings": ['


def finding(item: Finding, color: bool = False) -> str:
    """The finding as ``dumps_json(report, indent=2)`` would print it inside the list.

    Written field by field: ``json.dumps`` with an indent runs the pure-Python encoder, which
    took 30 µs a finding (a third of a second for 11,000). The order and form are those of
    :meth:`Finding.to_dict` (a test compares the two). The severity and the applicability are
    encoded as they are: a ``StrEnum`` member is the text of its value, which ``.value`` (a
    Python-level property, 0.5 µs) would fetch again."""
    e = encode_basestring
    at = "\n      "  # a key of the finding: two levels of the list, one of the object
    text = (f'\n    {{{at}"path": {e(item.path)},{at}"code": {e(item.code)},'
            f'{at}"rule": {e(item.rule)},{at}"category": {e(item.category)},'
            f'{at}"severity": {e(item.severity)},{at}"message": {e(item.message)},'
            f'{at}"start": {item.start:d},{at}"end": {item.end:d},{at}"line": {item.line:d},'
            f'{at}"column": {item.column:d},{at}"end_line": {item.end_line:d},'
            f'{at}"end_column": {item.end_column:d},{at}"excerpt": {e(item.excerpt)},'
            f'{at}"matched": {e(item.matched)},{at}"mqm": {e(item.mqm)},'
            f'{at}"fix": {_fix(item)}\n    }}')
    return _escaped(item) if has_lone_surrogate(text) else text


def _escaped(item: Finding) -> str:
    """The finding through :func:`dumps_json`, which escapes a file name's surrogates."""
    body = dumps_json(item.to_dict(), indent=2)
    return "\n" + _ITEM_INDENT + body.replace("\n", "\n" + _ITEM_INDENT)


def _fix(item: Finding) -> str:
    """The ``"fix"`` value of a finding, at the depth of its keys (see :meth:`Fix.to_dict`)."""
    fix = item.fix
    if fix is None:
        return "null"
    e = encode_basestring
    edits = ",".join(f'\n          {{\n            "start": {edit.start:d},'
                     f'\n            "end": {edit.end:d},'
                     f'\n            "replacement": {e(edit.replacement)}\n          }}'
                     for edit in fix.edits)
    edits = f"[{edits}\n        ]" if edits else "[]"
    return (f'{{\n        "title": {e(fix.title)},\n        "applicability": '
            f'{e(fix.applicability)},\n        "edits": {edits}\n      }}')


def tail(tally: LintTally, color: bool = False) -> str:
    rest = {"problems": [p.to_dict() for p in tally.problems], "summary": tally.summary()}
    close = "\n  ]" if tally.findings else "]"
    return close + "," + dumps_json(rest, indent=2)[1:] + "\n"

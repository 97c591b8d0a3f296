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
    :meth:`Finding.to_dict` (a test compares the two)."""
    text = _written(item, _head(item), _mqm(item))
    return _escaped(item) if has_lone_surrogate(text) else text


def findings(items: list[Finding], color: bool = False) -> str:
    """:func:`finding` of each of ``items``, :data:`SEPARATOR` between (what the report lists).

    What a rule writes in every finding of a file (its path, code, name, category, severity
    and MQM type) is encoded once per file and rule, not once per finding, and the text of all
    the findings is looked at once for a surrogate escape."""
    heads: dict[tuple[str, str, str, str, str, str], tuple[str, str]] = {}
    parts = []
    for item in items:
        key = (item.path, item.code, item.rule, item.category, item.severity, item.mqm)
        known = heads.get(key)
        if known is None:
            if len(heads) >= _HEADS:  # one file's rules, or a whole report's: kept bounded
                heads.clear()
            known = heads[key] = (_head(item), _mqm(item))
        parts.append(_written(item, *known))
    text = SEPARATOR.join(parts)
    if has_lone_surrogate(text):  # a file name's undecodable byte: escaped finding by finding
        return SEPARATOR.join([finding(item) for item in items])
    return text


_HEADS = 256  # the rules' fields kept by one call of findings()


def _head(item: Finding) -> str:
    """The finding's text up to the value of its ``"message"``. The severity is encoded as it
    is: a ``StrEnum`` member is the text of its value, which ``.value`` (a Python-level
    property, 0.5 µs) would fetch again."""
    e = encode_basestring
    return (f'\n    {{\n      "path": {e(item.path)},\n      "code": {e(item.code)},'
            f'\n      "rule": {e(item.rule)},\n      "category": {e(item.category)},'
            f'\n      "severity": {e(item.severity)},\n      "message": ')


def _mqm(item: Finding) -> str:
    """The finding's text from the end of its ``"matched"`` value to the value of ``"fix"``."""
    return f',\n      "mqm": {encode_basestring(item.mqm)},\n      "fix": '


def _written(item: Finding, head: str, mqm: str) -> str:
    """The finding's text, given what :func:`_head` and :func:`_mqm` write of it.

    One f-string whose fixed parts are literals: each ``{}`` is a piece to format and copy,
    and a copy costs a loop over its characters where the finding is beyond Latin-1 (a
    Cyrillic excerpt). The offsets are plain ints, written by ``str`` (``{n:d}`` would call
    ``int.__format__``, twice the cost). A span that is its whole line (the excerpt then being
    the span itself) is encoded once."""
    e = encode_basestring
    excerpt = e(item.excerpt)
    matched = excerpt if item.matched == item.excerpt else e(item.matched)
    return (f'{head}{e(item.message)},\n      "start": {item.start},\n      "end": {item.end},'
            f'\n      "line": {item.line},\n      "column": {item.column},'
            f'\n      "end_line": {item.end_line},\n      "end_column": {item.end_column},'
            f'\n      "excerpt": {excerpt},\n      "matched": {matched}{mqm}{_fix(item)}'
            f'\n    }}')


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

"""The JSON report writes each finding field by field: the same text as ``json.dumps``."""

from __future__ import annotations

from termcheck.fileio import dumps_json
from termcheck.model import Applicability, Edit, Finding, Fix, Severity
from termcheck.report import json as json_report


def _finding(**changes: object) -> Finding:
    fields: dict[str, object] = dict(
        path="a/b.txt", code="QT001", rule="unbalanced-quote", category="quotes",
        severity=Severity.WARNING, message='Say "hi"\\ \u00e9 \u4e2d \x07', start=3, end=10,
        line=1, column=4, end_line=2, end_column=1, excerpt="line\ttab \u2028 \U0001f600",
        mqm="Fluency", fix=None, matched="\u00ab x \u00bb", excerpt_start=2)
    fields.update(changes)
    return Finding(**fields)  # type: ignore[arg-type]


def _slow(item: Finding) -> str:
    body = dumps_json(item.to_dict(), indent=2)
    return "\n    " + body.replace("\n", "\n    ")


def test_finding_text_is_that_of_json_dumps() -> None:
    fixes = [None, Fix("Delete it", ()), Fix.replace(1, 2, "\u201c", "Curly"),
             Fix("Two", (Edit(5, 6, ""), Edit(1, 2, "x\ny")), Applicability.UNSAFE)]
    for fix in fixes:
        for path in ("a/b.txt", "caf\udce9.txt"):  # a file name's undecodable byte
            for message in ("plain", "caf\udce9 in the message"):  # a surrogate in the message too
                item = _finding(fix=fix, path=path, message=message)
                assert json_report.finding(item) == _slow(item)


def test_finding_of_is_the_dataclass() -> None:
    from dataclasses import asdict, fields

    item = _finding(fix=Fix.replace(1, 2, "x", "X"))
    values = {f.name: getattr(item, f.name) for f in fields(Finding)}
    made = Finding.of(dict(values))
    assert made == item and hash(made) == hash(item) and asdict(made) == asdict(item)
    assert made.matched == item.matched and made.excerpt_start == item.excerpt_start


def test_locate_is_line_col_and_excerpt() -> None:
    from termcheck.document import Document

    doc = Document("first line\r\nsecond\n\nthird line is longer than the others, by far" * 3
                   + "\nand a last line of well over sixty characters, cut on both sides of a"
                   " span in its excerpt\r")
    for start in range(len(doc.text)):
        for end in (start, start + 1, start + 7, start + 40):
            end = min(end, len(doc.text))
            assert doc.locate(start, end) == (*doc.line_col(start), *doc.line_col(end),
                                              *doc.excerpt(start, end))


def test_findings_at_once_are_each_finding_joined() -> None:
    """``findings`` writes a rule's fields once per file and rule, checks the whole text for a
    surrogate escape once, and encodes a span that is its whole excerpt once: the same text."""
    items = [_finding(), _finding(code="QT005", start=4), _finding(path="c.txt"),
             _finding(excerpt="« x »", matched="« x »", fix=Fix.replace(1, 2, "“", "Curly")),
             _finding(severity=Severity.ERROR), _finding(message="caf\udce9")]
    for count in range(len(items) + 1):
        part = items[:count]
        assert json_report.findings(part) == json_report.SEPARATOR.join(
            _slow(item) for item in part)


def test_many_files_and_rules_at_once_are_each_finding_joined() -> None:
    """More files and rules than the fields kept by one call (a whole report's, with
    ``--baseline``): the fields written once are forgotten and written again, the same text."""
    items = [_finding(path=f"dir/{n % 150}.txt", code=f"QT00{n % 3}", start=n)
             for n in range(3 * json_report._HEADS)]
    assert json_report.findings(items) == json_report.SEPARATOR.join(map(_slow, items))


def test_fix_replace_and_hit_are_the_dataclasses() -> None:
    from dataclasses import asdict, replace

    from termcheck.model import Hit

    made = Fix.replace(1, 2, "x", "X", Applicability.UNSAFE)
    assert made == Fix("X", (Edit(1, 2, "x"),), Applicability.UNSAFE)
    assert hash(made) == hash(Fix("X", [Edit(1, 2, "x")], Applicability.UNSAFE))
    assert replace(made, title="Y").title == "Y"
    hit = Hit(1, 2, "m")
    assert hit == Hit(start=1, end=2, message="m", fix=None)
    assert asdict(hit) == {"start": 1, "end": 2, "message": "m", "fix": None}

"""The text report's carets: under the span, counted in display cells, however measured."""

from __future__ import annotations

import pytest

from termcheck.document import Document
from termcheck.model import Finding, Severity
from termcheck.report import text


def finding_on(line: str, matched: str) -> Finding:
    """A finding on the first occurrence of ``matched`` in one-line document ``line``."""
    doc = Document(text=line, path="a.txt")
    start = line.index(matched)
    end = start + len(matched)
    line_no, column, end_line, end_column, excerpt, excerpt_start = doc.locate(start, end)
    return Finding(path="a.txt", code="XX001", rule="example", category="spacing",
                   severity=Severity.WARNING, message="here", start=start, end=end,
                   line=line_no, column=column, end_line=end_line, end_column=end_column,
                   excerpt=excerpt, mqm="Fluency", matched=matched,
                   excerpt_start=excerpt_start)


CASES = [
    ("Президент «заявил» это", "«заявил»", 10, 8),  # one cell each
    ("東京で会議があった。", "会議", 6, 4),  # wide: two cells each
    ("cafe\u0301 au lait", "au", 5, 2),  # a combining accent takes no cell
    ("Zahl 😀 und mehr", "und", 8, 3),  # an emoji beyond the BMP takes two
]


@pytest.mark.parametrize(("line", "matched", "pad", "marks"), CASES)
def test_carets_stand_under_the_span_before_and_after_the_screen_knows_the_text(
        monkeypatch: pytest.MonkeyPatch, line: str, matched: str, pad: int,
        marks: int) -> None:
    widths = text._Widths()
    monkeypatch.setattr(text, "_CHAR_WIDTHS", widths)
    expected = [f"  | {line}", "  | " + " " * pad + "^" * marks]
    assert text.render_finding(finding_on(line, matched)).splitlines()[1:] == expected
    widths._build_screen()  # it now knows every one-cell character of the line
    assert text.render_finding(finding_on(line, matched)).splitlines()[1:] == expected


def test_the_screen_passes_only_characters_found_one_cell_wide() -> None:
    widths = text._Widths()
    sample = "Ünïcode «Кириллица» — 東京 e\u0301 😀 \u200b"
    assert not widths.one_cell_each(sample)  # nothing known yet: measured
    measured = {ch: widths[ch] for ch in sample}
    widths._build_screen()
    passed = {ch for ch in sample if widths.one_cell_each(ch)}
    assert passed == {ch for ch, width in measured.items() if width == 1}
    assert not widths.one_cell_each(sample)  # it holds wider and narrower characters


def test_the_screen_is_built_once_texts_measured_one_by_one_brought_new_characters() -> None:
    widths = text._Widths()
    for _ in range(text.SCREEN_AFTER_MISSES):
        assert not widths.one_cell_each("Привет")
        assert sum(map(widths.__getitem__, "Привет")) == 6  # measured, as _width does
    assert widths.screen is not None
    assert widths.one_cell_each("Привет")
    assert not widths.one_cell_each("Привет, мир")  # м and и are new: measured, not guessed

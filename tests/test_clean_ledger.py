"""The clean invariants on every sample and fixture: idempotent, fully recorded, restorable.

For each text: clean(clean(x)) == clean(x); ``restore(clean(x), ledger) == x``; and the text
between the recorded changes is exactly the original text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.clean import clean_filter
from termcheck.config import Config
from termcheck.document import Document
from termcheck.edits import Change, restore
from termcheck.engine import FixResult, fix_document

REPO = Path(__file__).resolve().parents[1]
TEXTS = sorted((REPO / "samples").glob("*.txt")) + sorted(
    (Path(__file__).parent / "fixtures" / "clean").glob("*.txt"))


def clean(text: str, path: str = "<text>", config: Config | None = None) -> FixResult:
    return fix_document(Document(text, path=path), config or Config(), clean_filter())


def untouched_segments(text: str, ledger: list[Change]) -> list[tuple[int, int]]:
    """Spans of the original outside every change."""
    spans, position = [], 0
    for change in ledger:
        spans.append((position, change.start))
        position = change.end
    return spans + [(position, len(text))]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clean_is_idempotent_restorable_and_records_every_change(path: Path) -> None:
    original = Document.from_bytes(path.read_bytes(), str(path)).text
    result = clean(original, str(path))
    assert result.converged, result.problems
    assert clean(result.text).text == result.text, "cleaning twice changed the text again"
    assert restore(result.text, result.ledger) == original
    shift = 0
    for change in result.ledger:
        assert original[change.start:change.end] == change.removed
        assert change.codes and change.reasons
    for start, end in untouched_segments(original, result.ledger):
        cleaned_start = start + shift
        assert result.text[cleaned_start:cleaned_start + end - start] == original[start:end]
        following = [c for c in result.ledger if c.start == end]
        if following:
            shift += len(following[0].replacement) - len(following[0].removed)


def test_fixtures_exercise_the_encoding_rules() -> None:
    fixtures = Path(__file__).parent / "fixtures" / "clean"
    encoding_only = Config(select=("EN",))
    result = clean((fixtures / "mojibake.txt").read_text(encoding="utf-8"), config=encoding_only)
    assert "Kazakhstan’s largest city" in result.text
    assert "“under control”" in result.text and "It’s not clear" in result.text
    assert {code for c in result.ledger for code in c.codes} == {"EN001"}
    clean_text = (fixtures / "clean-prose.txt").read_text(encoding="utf-8")
    assert clean(clean_text, config=encoding_only).ledger == []

"""Glossaries: the model, the TSV/CSV and TBX loaders, the matcher, and validation.

``load_glossary(path)`` reads a TSV/CSV table or a TBX file (recognised by its content, not its
name) and verifies the examples it carries; every error names the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from termcheck.errors import DataError
from termcheck.glossary.matcher import Match, Matcher
from termcheck.glossary.model import STATUSES, Concept, Example, Glossary, Term

__all__ = [
    "STATUSES",
    "Concept",
    "Example",
    "Glossary",
    "Match",
    "Matcher",
    "Term",
    "load_glossaries",
    "load_glossary",
    "shipped_glossary_files",
    "verify_examples",
]


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary file (TSV, CSV or TBX, detected by content) and verify its examples."""
    from termcheck.data import read_text

    path = Path(path)
    text = read_text(path)
    if text.lstrip().startswith("<"):
        from termcheck.glossary.tbx import parse_tbx

        glossary = parse_tbx(text, str(path))
    else:
        from termcheck.glossary.tables import parse_table

        try:
            glossary = parse_table(text, str(path))
        except DataError as exc:
            raise DataError(exc.message, str(path), exc.line) from None
    verify_examples(glossary)
    return glossary


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge several glossaries; a later file's entries win for the same concept."""
    merged = Glossary()
    for path in paths:
        merged = merged.merge(load_glossary(path))
    return merged


def verify_examples(glossary: Glossary) -> None:
    """Raise :class:`DataError` when fixing an example's left side does not give its right side."""
    from termcheck.glossary.fixes import apply_glossary

    for concept in glossary:
        for example in concept.examples:
            fixed = apply_glossary(glossary, example.before, example.lang)
            if fixed != example.after:
                raise DataError(f"example of {concept.id!r}: fixing {example.before!r} gives "
                                f"{fixed!r}, not {example.after!r}", example.source or None,
                                example.line)


def shipped_glossary_files() -> list[Path]:
    """The shipped glossaries: ``glossaries/*.tsv`` and ``glossaries/terms/*.tsv``."""
    from termcheck.data import shipped_dir

    root = shipped_dir()
    return sorted(root.glob("*.tsv")) + sorted((root / "terms").glob("*.tsv"))

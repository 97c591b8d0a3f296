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
    # one glossary of every file's concepts in order: what merging them one by one gives,
    # without copying the concepts merged so far again for each file
    return Glossary([concept for path in paths for concept in load_glossary(path)])


def verify_examples(glossary: Glossary) -> None:
    """Raise :class:`DataError` when fixing an example's left side does not give its right side."""
    from termcheck.glossary.fixes import apply_glossary

    keyed: dict[str, list[tuple[str, Term, Concept]]] = {}
    for concept in glossary:
        for example in concept.examples:
            matcher = _example_matcher(glossary, example, keyed)
            fixed = apply_glossary(glossary, example.before, example.lang, matcher)
            if fixed != example.after:
                raise DataError(f"example of {concept.id!r}: fixing {example.before!r} gives "
                                f"{fixed!r}, not {example.after!r}", example.source or None,
                                example.line)


def _example_matcher(glossary: Glossary, example: Example,
                     keyed: dict[str, list[tuple[str, Term, Concept]]]) -> Matcher:
    """A matcher that finds in ``example.before`` what ``glossary.matcher(example.lang)`` finds:
    one of only the terms whose key (folded stem) is in the example's fold, since the automaton
    hits nothing else. ``keyed``: the entries of each language with their keys, made once per
    call of :func:`verify_examples`. The glossary's own matcher would index every term of the
    language (2 ms for the 800 English names), and a loaded file's glossary is merged into
    another whose matchers are built afresh."""
    from termcheck.glossary.matcher import fold

    entries = keyed.get(example.lang)
    if entries is None:
        entries = keyed[example.lang] = [(fold(term.stem), term, concept)
                                         for term, concept in glossary.entries(example.lang)]
    folded = fold(example.before)
    return Matcher([(term, concept) for key, term, concept in entries if key in folded])


def shipped_glossary_files() -> list[Path]:
    """The shipped glossaries: ``glossaries/*.tsv`` and ``glossaries/terms/*.tsv``."""
    from termcheck.data import shipped_dir

    root = shipped_dir()
    return sorted(root.glob("*.tsv")) + sorted((root / "terms").glob("*.tsv"))

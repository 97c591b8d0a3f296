"""What the name glossary tells the consistency check: preferred spellings by variant key.

A glossary's preferred term wins over any corpus majority of the same key, for the whole name
("Kassym-Jomart Tokayev"), its last word ("Tokayev") and its hyphenated words ("Kassym-Jomart"),
unless another preferred name spells a word of that key differently. Plain first names are left
to the corpus: "Dmitry Peskov" in the glossary says nothing about every other Dmitri.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Container, Iterable

from termcheck.names.candidates import phrase_key
from termcheck.names.translit import Folder


@dataclass(frozen=True, eq=False, repr=False)
class GlossaryHints:
    """Preferred spelling per variant key (words and runs of words)."""

    preferred: dict[str, str] = field(default_factory=dict)


def hints_from(glossary: Iterable[Any], lang: str, domains: Container[str],
               folder: Folder) -> GlossaryHints:
    """Collect the preferred names of ``glossary`` (concepts of ``domains``) in ``lang``."""
    names: dict[str, set[str]] = {}
    for concept in glossary:
        if concept.domain not in domains:
            continue
        for term in concept.terms_in(lang):
            if term.status != "preferred" or term.is_pattern:
                continue
            if " " in term.text or "-" in term.text:
                names.setdefault(phrase_key(term.text, folder), set()).add(term.text)
            words = term.text.split()
            for word in {words[-1], *(w for w in words if "-" in w)}:
                names.setdefault(folder.key(word), set()).add(word)
    return GlossaryHints({key: next(iter(spellings)) for key, spellings in names.items()
                          if len(spellings) == 1})

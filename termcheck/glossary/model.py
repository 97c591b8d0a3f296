"""Glossary data: terms with a status, grouped in concepts (:mod:`.concepts`), grouped in a
glossary that builds one term matcher per language (:mod:`.matcher`).

A *term* is one written form in one language with a status: ``preferred`` (the form to use),
``admitted`` (accepted, never reported) or ``forbidden`` (reported and replaced by the preferred
form). A term ending in ``*`` is a *stem pattern*: it matches the stem followed by any word
characters, so ``Ельцын*`` also matches the inflected ``Ельцына``.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from termcheck.glossary.concepts import (
    PATTERN_SUFFIX,
    STATUS_ALIASES,
    STATUSES,
    Concept,
    Example,
    Term,
    lang_matches,
    normalise_lang,
    normalise_status,
    primary_lang,
)
from termcheck.glossary.matcher import Matcher

# the concepts' names are re-exported: the glossary's data model, as before the split
__all__ = [
    "PATTERN_SUFFIX",
    "STATUSES",
    "STATUS_ALIASES",
    "Concept",
    "Example",
    "Glossary",
    "Term",
    "lang_matches",
    "normalise_lang",
    "normalise_status",
    "primary_lang",
]


class Glossary:
    """Concepts by id, with per-language lookups and a cached matcher per language."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts: dict[str, Concept] = {}
        for concept in concepts:
            self._add(concept)
        self._matchers: dict[str, Matcher] = {}
        self.memo: dict[Any, Any] = {}  # derived lookups (replacement targets), see fixes.py

    def _add(self, concept: Concept) -> None:
        existing = self.concepts.get(concept.id)
        if existing is None:
            self.concepts[concept.id] = Concept(concept.id, list(concept.terms), concept.domain,
                                                concept.note, list(concept.examples))
            return
        replaced = {(t.lang, t.text.casefold()) for t in concept.terms}
        existing.terms = [t for t in existing.terms
                          if (t.lang, t.text.casefold()) not in replaced] + list(concept.terms)
        existing.domain = concept.domain or existing.domain
        existing.note = concept.note or existing.note
        existing.examples += concept.examples

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def preferred(self, concept_id: str, lang: str) -> Term | None:
        """The preferred term of a concept in ``lang`` (exact region first), or ``None``."""
        concept = self.concepts.get(concept_id)
        if concept is None:
            return None
        candidates = [t for t in concept.terms_in(lang) if t.status == "preferred"]
        exact = [t for t in candidates if t.lang == normalise_lang(lang)]
        return (exact or candidates or [None])[0]

    def terms(self, lang: str) -> list[Term]:
        """Every term that applies to text in ``lang``."""
        return [t for concept in self for t in concept.terms_in(lang)]

    def entries(self, lang: str) -> list[tuple[Term, Concept]]:
        """Every term that applies to ``lang`` with its concept."""
        return [(t, concept) for concept in self for t in concept.terms_in(lang)]

    def matcher(self, lang: str) -> Matcher:
        """The term matcher for ``lang``, built once per glossary and language."""
        try:
            return self._matchers[lang]
        except KeyError:
            pass
        key = primary_lang(lang)
        if key not in self._matchers:
            self._matchers[key] = Matcher(self.entries(lang))
        self._matchers[lang] = self._matchers[key]
        return self._matchers[key]

    def merge(self, other: Glossary) -> Glossary:
        """A new glossary: this one's concepts, then ``other``'s (same id: terms combined,
        ``other``'s entry wins for the same language and spelling)."""
        return Glossary([*self, *other])

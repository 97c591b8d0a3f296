"""Checks of a glossary's consistency, beyond what loading already refuses.

Loading refuses malformed rows (empty terms, unknown statuses, failing examples). These checks
find entries that load but would misbehave: the same term twice, a forbidden variant that is
another concept's preferred term (fixes would undo each other), chains (a fix whose replacement
is itself forbidden) and forbidden terms without a preferred term to replace them.
:func:`overlapping_terms` warns about terms that contain another concept's term.
"""

from __future__ import annotations

from dataclasses import dataclass

from termcheck.glossary.matcher import fold
from termcheck.glossary.model import Glossary, Term, primary_lang


@dataclass(frozen=True, order=True)
class Issue:
    """One problem of a glossary entry, at its file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _issue(term: Term, message: str) -> Issue:
    return Issue(term.source, term.line or 0, message)


def _same(first: Term, second: Term) -> bool:
    """Two terms matching the same texts: equal, or equal but for case that one ignores."""
    both_exact = first.case_sensitive and second.case_sensitive
    return first.text == second.text or not both_exact


def check_glossary(glossary: Glossary) -> list[Issue]:
    """Every consistency problem of ``glossary``, sorted by file and line."""
    seen: dict[tuple[str, str], list[tuple[Term, str]]] = {}
    preferred: dict[tuple[str, str], str] = {}
    forbidden: dict[tuple[str, str], tuple[Term, str]] = {}
    issues: list[Issue] = []
    for concept in glossary:
        for term in concept.terms:
            key = (primary_lang(term.lang), fold(term.text))
            clash = next(((t, c) for t, c in seen.get(key, []) if _same(t, term)), None)
            if clash is not None:
                where = "this concept" if clash[1] == concept.id else f"concept {clash[1]!r}"
                issues.append(_issue(term, f"duplicate term {term.text!r} ({term.lang}): already "
                                           f"in {where} at line {clash[0].line}"))
            seen.setdefault(key, []).append((term, concept.id))
            if term.status == "preferred":
                preferred.setdefault(key, concept.id)
            elif term.status == "forbidden":
                forbidden.setdefault(key, (term, concept.id))
    for (lang, text), (term, concept_id) in forbidden.items():
        owner = preferred.get((lang, text))
        if owner is not None and owner != concept_id:
            issues.append(_issue(term, f"forbidden {term.text!r} is the preferred term of "
                                       f"concept {owner!r}"))
        target = glossary.preferred(concept_id, lang)
        if target is None:
            issues.append(_issue(term, f"forbidden {term.text!r} has no preferred term in "
                                       f"{lang!r} to replace it"))
            continue
        chained = forbidden.get((lang, fold(target.text)))
        if chained is not None:
            issues.append(_issue(term, f"chain: {term.text!r} → {target.text!r}, which is itself "
                                       f"forbidden (line {chained[0].line})"))
    return sorted(issues)


def overlapping_terms(glossary: Glossary) -> list[Issue]:
    """Warnings, not errors: terms that hold another concept's term as whole words (``Star`` in
    ``Star Alliance``): fixes of the two may overlap, and one's replacement may be matched by the
    other. One Aho-Corasick automaton per language over the folded stems: linear in the
    glossary."""
    import ahocorasick

    by_lang: dict[str, list[tuple[str, Term, str]]] = {}
    for concept in glossary:
        for term in concept.terms:
            key = fold(term.stem)
            if key.strip():
                by_lang.setdefault(primary_lang(term.lang), []).append((key, term, concept.id))
    issues: list[Issue] = []
    for entries in by_lang.values():
        automaton = ahocorasick.Automaton()
        for index, (key, _, _) in enumerate(entries):
            found = automaton.get(key, None)
            automaton.add_word(key, (*found, index) if found else (index,))
        automaton.make_automaton()
        for key, term, concept_id in entries:
            reported: set[str] = set()
            for last, indexes in automaton.iter(key):
                for index in indexes:
                    inner_key, inner, inner_concept = entries[index]
                    start = last + 1 - len(inner_key)
                    if inner_concept == concept_id or inner_concept in reported or \
                            len(inner_key) == len(key) or \
                            not _whole_words(term.stem, start, last + 1, inner.is_pattern):
                        continue
                    reported.add(inner_concept)
                    issues.append(_issue(term, f"{term.text!r} contains {inner.text!r} of concept "
                                               f"{inner_concept!r} (line {inner.line}): their "
                                               "matches overlap; the longer one wins"))
    return sorted(issues)


def _whole_words(text: str, start: int, end: int, pattern: bool) -> bool:
    """Whether ``text[start:end]`` is not inside a word (a stem pattern may end inside one)."""
    from termcheck.glossary.matcher import joins_words

    if start and joins_words(text, start, start - 1):
        return False
    return pattern or not joins_words(text, end - 1, end)

"""Checks of a glossary's consistency, beyond what loading already refuses.

Loading refuses malformed rows (empty terms, unknown statuses, failing examples). These checks
find entries that load but would misbehave: the same term twice, a forbidden variant that is
another concept's preferred term (fixes would undo each other), chains (a fix whose replacement
is itself forbidden) and forbidden terms without a preferred term to replace them.
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

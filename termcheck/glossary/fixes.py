"""What a forbidden term is replaced by, with its case pattern, and fixing whole texts.

The replacement of a forbidden term is the concept's preferred term in the target language. When
the forbidden term is only a part of the name (fewer words than the preferred term, e.g.
``Kassym-Shomart`` for ``Kassym-Jomart Tokayev``), the replacement is the admitted term of the
same number of words closest in spelling (``Kassym-Jomart``), a part of the preferred term when
there is one; without one, the fix is only displayed, since replacing a part by the whole would
repeat the rest of the name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterator

from termcheck.glossary.matcher import Match, Matcher
from termcheck.glossary.model import Glossary, Term
from termcheck.model import Applicability


@dataclass(frozen=True, eq=False, repr=False)
class Replacement:
    """The text that replaces a forbidden match, the term it comes from, and how safe it is."""

    text: str
    target: Term
    applicability: Applicability


def word_count(text: str) -> int:
    return len(text.split())


def replacement_for(glossary: Glossary, match: Match, matched: str,
                    lang: str) -> Replacement | None:
    """The fix for a match of a forbidden term, or ``None`` when the concept has no preferred
    term in ``lang``."""
    key = ("target", match.concept.id, match.term, lang)
    try:
        chosen = glossary.memo[key]
    except KeyError:
        chosen = glossary.memo[key] = _target(glossary, match, lang)
    if chosen is None:
        return None
    target, applicability = chosen
    forbidden = match.term
    text = target.stem
    suffix = matched[len(forbidden.stem):] if forbidden.is_pattern else ""
    if suffix:
        if target.is_pattern:
            text += suffix
        elif applicability is Applicability.SAFE:
            applicability = Applicability.UNSAFE  # the inflected ending is lost
    core = matched[:len(matched) - len(suffix)] if suffix else matched
    text = match_case(core, forbidden.stem, target.stem) + text[len(target.stem):]
    return Replacement(text, target, applicability)


def _target(glossary: Glossary, match: Match, lang: str) -> tuple[Term, Applicability] | None:
    """The term that replaces ``match`` before any inflection, and how safe that is."""
    preferred = glossary.preferred(match.concept.id, lang)
    if preferred is None:
        return None
    target = _same_length_target(glossary, match, lang, preferred)
    if target is None:
        return preferred, Applicability.DISPLAY
    return target, Applicability.SAFE


def _same_length_target(glossary: Glossary, match: Match, lang: str,
                        preferred: Term) -> Term | None:
    words = word_count(match.term.stem)
    if word_count(preferred.stem) == words:
        return preferred
    admitted = [t for t in match.concept.terms_in(lang)
                if t.status == "admitted" and word_count(t.stem) == words]
    if not admitted:
        return None
    parts = [t for t in admitted if _is_part(t.stem, preferred.stem)]
    return max(parts or admitted, key=lambda t: difflib.SequenceMatcher(
        None, t.stem.casefold(), match.term.stem.casefold()).ratio())


def _is_part(words: str, name: str) -> bool:
    """Whether ``words`` are whole words of ``name`` (``Zelensky`` of ``Volodymyr Zelensky``):
    other admitted spellings (``Zelenskiy``) never replace a variant of the preferred one."""
    return f" {words.casefold()} " in f" {name.casefold()} "


def match_case(matched: str, written: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``matched`` where it departs from the glossary's
    spelling ``written``: all capitals, or a capital first letter at a sentence start."""
    if matched == written or not replacement:
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not written.isupper():
        return replacement.upper()
    if matched[:1].isupper() and written[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def forbidden_fixes(glossary: Glossary, text: str, lang: str, matcher: Matcher | None = None
                    ) -> Iterator[tuple[Match, Replacement | None]]:
    """Every match of a forbidden term in ``text`` with its replacement; ``matcher``: one that
    finds in ``text`` what ``glossary.matcher(lang)`` finds (that one by default)."""
    if matcher is None:
        matcher = glossary.matcher(lang)
    for match in matcher.find(text):
        if match.term.status == "forbidden":
            yield match, replacement_for(glossary, match, text[match.start:match.end], lang)


def apply_glossary(glossary: Glossary, text: str, lang: str, matcher: Matcher | None = None
                   ) -> str:
    """``text`` with every safe or unsafe replacement of a forbidden term applied
    (``matcher``: see :func:`forbidden_fixes`)."""
    pieces, position = [], 0
    for match, replacement in forbidden_fixes(glossary, text, lang, matcher):
        if replacement is None or replacement.applicability is Applicability.DISPLAY:
            continue
        pieces += [text[position:match.start], replacement.text]
        position = match.end
    return "".join(pieces) + text[position:]

"""Check kinds shared by several rule families (code); the entries they check are data.

``variant_hits`` is the glossary kind: a forbidden variant of a concept is reported and replaced by
the concept's preferred term in the target language. Names (NM001) and terminology (TM001) are the
same kind over different domains.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Container, Iterator

from termcheck.casefolding import casefolded
from termcheck.context import Context
from termcheck.document import Document
from termcheck.glossary import Glossary, Match
from termcheck.glossary.fixes import replacement_for
from termcheck.model import Applicability, Fix, Hit
from termcheck.names.evidence import marks
from termcheck.rules.glossary_screen import WordScreen, forbidden_keys

NAME_DOMAINS = frozenset({"person", "place"})


class NotIn:
    """A container of every domain except the given ones (``"x" in NotIn({"y"})``)."""

    def __init__(self, excluded: Container[str]) -> None:
        self.excluded = excluded

    def __contains__(self, item: object) -> bool:
        return item not in self.excluded


def glossary_for(ctx: Context) -> Glossary:
    """The shipped glossaries merged with ``config.glossaries``, loaded once per run."""
    configured = tuple(ctx.config.glossaries)
    return ctx.resources.get(("glossary-for", configured), lambda: _load_glossary(ctx, configured))


def glossary_matches(glossary: Glossary, doc: Document, ctx: Context) -> Iterator[Match]:
    """The matches of ``glossary``'s terms in ``doc`` for the context's language, found with
    the document's casefold that the context shares (DP010 and DP011 use it too)."""
    return glossary.matcher(ctx.lang).find(doc.text, casefolded(doc.text, ctx))


def document_forbidden_matches(doc: Document, ctx: Context) -> tuple[Match, ...]:
    """:func:`forbidden_matches` of the context's glossary (:func:`glossary_for`), found once
    per document for NM001 and TM001."""
    return ctx.memo(("forbidden-matches", ctx.lang, doc.text),
                    lambda: forbidden_matches(glossary_for(ctx), doc, ctx))


def forbidden_matches(glossary: Glossary, doc: Document, ctx: Context) -> tuple[Match, ...]:
    """The matches of :func:`glossary_matches`, or none where the words of ``doc`` rule out
    every forbidden term of ``glossary`` (see :mod:`termcheck.rules.glossary_screen`): all that
    NM001 and TM001 report, without the scan in most documents."""
    lines = forbidden_screen(glossary, ctx.lang).lines_to_scan(doc, ctx)
    matcher = glossary.matcher(ctx.lang)
    if lines is None:
        return matcher.matches(doc.text, casefolded(doc.text, ctx))
    if not lines:
        return ()
    # only the lines that may hold a forbidden term (no other holds a forbidden match)
    return matcher.matches_within(doc.text, casefolded(doc.text, ctx), doc.spans_of_lines(lines))


def forbidden_screen(glossary: Glossary, lang: str) -> WordScreen:
    """The screen of the forbidden keys of ``glossary``'s matcher for ``lang``, made once
    (kept with the glossary, as its matchers are)."""
    key = ("forbidden-screen", lang)
    screen = glossary.memo.get(key)
    if screen is None:
        matcher = glossary.matcher(lang)
        screen = glossary.memo[key] = WordScreen(forbidden_keys(matcher), matcher.crosses_lines)
    return screen  # type: ignore[no-any-return]


def _load_glossary(ctx: Context, configured: tuple[Path, ...]) -> Glossary:
    """The glossary of the shipped files and ``configured`` (the shipped files listed once)."""
    from termcheck.glossary import load_glossaries, shipped_glossary_files

    paths = tuple(shipped_glossary_files()) + configured
    return ctx.resources.get(("glossary", paths), lambda: load_glossaries(paths))


VARIANT_CODES = frozenset({"NM001", "TM001"})  # the rules of this kind


def _replaced_terms(doc: Document) -> list[tuple[int, int]]:
    """Where earlier rounds of the fix loop wrote a glossary replacement (sorted spans)."""
    if not doc.meta:  # a text as read: no fix round wrote in it (the engine is not asked)
        return []
    from termcheck.engine import REPLACED_SPANS

    spans = doc.meta.get(REPLACED_SPANS) or ()
    return [(start, end) for start, end, codes in spans  # type: ignore[attr-defined]
            if VARIANT_CODES.intersection(codes)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(spans, (end,))
    return index > 0 and spans[index - 1][1] > start


def variant_hits(doc: Document, ctx: Context, domains: Container[str],
                 glossary: Glossary | None = None) -> Iterator[Hit]:
    """A hit for each forbidden term of a concept whose domain is in ``domains``."""
    if glossary is None:
        matches = document_forbidden_matches(doc, ctx)
        if not matches:
            return
        glossary = glossary_for(ctx)
    else:
        matches = forbidden_matches(glossary, doc, ctx)
    replaced = _replaced_terms(doc)
    for match in matches:
        if match.term.status != "forbidden" or match.concept.domain not in domains:
            continue
        if replaced and _overlaps(replaced, match.start, match.end):
            continue  # a replacement of an earlier fix round is never matched again
        matched = doc.text[match.start:match.end]
        replacement = replacement_for(glossary, match, matched, ctx.lang)
        if replacement is None:
            yield Hit(match.start, match.end,
                      f"'{matched}' is a forbidden variant ({match.concept.id}); the glossary "
                      f"has no preferred term in '{ctx.lang}'")
            continue
        applicability = replacement.applicability
        if applicability is Applicability.SAFE and marks(replacement.text) < marks(matched):
            applicability = Applicability.UNSAFE  # the contract: no safe fix strips a diacritic
        fix = Fix.replace(match.start, match.end, replacement.text,
                          f"Replace with '{replacement.text}'", applicability)
        yield Hit(match.start, match.end,
                  f"'{matched}' is a variant of '{replacement.target.stem}'; "
                  f"use '{replacement.text}'", fix)

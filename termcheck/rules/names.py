"""Names: people and places spelled as the glossary says."""

from __future__ import annotations

from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Hit
from termcheck.rules.kinds import NAME_DOMAINS, variant_hits
from termcheck.rules.registry import rule


@rule("NM001", "name-variant", "names", "Terminology/Inconsistent use", fixable="sometimes")
def name_variant(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A person or place name spelled in a variant the glossary forbids.

    ## What it does
    Finds the forbidden variants of the person and place names of the glossaries (shipped
    `glossaries/names.tsv` plus the configured ones) and proposes the preferred spelling of the
    target language. Admitted variants are accepted.

    ## Why it matters
    Machine translation transliterates the same name differently from one article to the next
    (Kassym-Shomart, Kassym-Zhomart, Kassym-Jomart): readers and search engines see three people.

    ## Example
    ```text
    President Kassym-Shomart Tokayev thanked the alliance.
    ```
    Use instead: `President Kassym-Jomart Tokayev thanked the alliance.`

    ## Fix safety
    Safe when the glossary gives a replacement of the same number of words (the preferred term, or
    the closest admitted one for a part of the name). Unsafe when a stem pattern's inflected
    ending would be lost; display only when no replacement of the right length exists.
    """
    return variant_hits(doc, ctx, NAME_DOMAINS)

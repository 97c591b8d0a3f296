"""Gates of the mid-sized rules (issue #16 part 2) agree with the plain definitions."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest

from termcheck.document import Document
from termcheck.rules import brackets

TEXTS = [
    "",
    "No bracket at all.\n",
    "(dpa)\n\nA line (with a pair) and [another] one.\nLast } line.\n",
    "First paragraph (opened\nand closed) on the next line.\n\nSecond ) one.\n{x}\n",
    "a)\nb)\nc) three enumerators\n\n:-( sad\n\n]",
    "((((\n\n))))\n\n[[]]{}\n\n\n(",
]


def _plain_bracketed(doc: Document) -> list:
    offsets = [m.start() for m in re.finditer(r"[()\[\]{}]", doc.text)]
    starts = [p.start for p in doc.paragraphs]
    return [doc.paragraphs[i] for i in sorted({bisect_right(starts, o) - 1 for o in offsets})]


@pytest.mark.parametrize("text", TEXTS)
def test_bracketed_paragraphs_as_plain_definition(text: str) -> None:
    doc = Document(text=text)
    assert brackets._bracketed_paragraphs(doc) == _plain_bracketed(doc)


def test_shipped_lookalikes_are_the_package_s() -> None:
    """glossaries/lang/lookalikes.tsv holds what the confusables package says: if this fails,
    write it again with ``script.write_lookalikes(shipped(*script.LOOKALIKES))``."""
    from confusable_homoglyphs import confusables

    from termcheck.rules import script

    expected = {(char, alphabet): alike for char, alphabet, alike in script.lookalike_rows()}
    assert script._lookalikes() == expected

    def from_package(char: str, alphabet: str) -> str | None:  # look_alike as it was written
        found = confusables.is_confusable(char, greedy=True, preferred_aliases=[]) or []
        candidates = {glyph["c"] for entry in found for glyph in entry["homoglyphs"]
                      if len(glyph["c"]) == 1 and script.script_of(glyph["c"]) == alphabet
                      and script._USUAL[alphabet].fullmatch(glyph["c"])
                      and glyph["c"].isupper() == char.isupper()}
        return candidates.pop() if len(candidates) == 1 else None

    chars = {c for c in confusables.confusables_data if len(c) == 1} | set("hnHNqQ1юЖ说ά")
    for char in sorted(chars):
        for alphabet in script.ALPHABETS:
            assert script.look_alike(char, alphabet) == from_package(char, alphabet), char

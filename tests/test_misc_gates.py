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

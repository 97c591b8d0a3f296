"""Test-only rules with safe fixes that interact (deletions, insertions, growing replacements).

Registered by the property tests so that the fix loop, the ledger and ``restore`` are exercised
whatever rules the build ships. Each fix can create work for another (deleting a bracket leaves
a double space), so several rounds are needed.
"""

from __future__ import annotations

import re
from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Fix, Hit
from termcheck.rules import registry
from termcheck.rules.brackets import unbalanced_brackets

DOC = """Test only.

## What it does
Test only.

## Why it matters
Test only.

## Example
Test only.

## Fix safety
Safe (test only).
"""
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_GLUED = re.compile(r"(?<=[a-z])\.(?=[A-Z])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def double_space(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _SPACES.finditer(doc.text):
        yield Hit(m.start(), m.end(), "double space", Fix.replace(m.start(), m.end(), " ", "one"))


def lone_bracket(doc: Document, ctx: Context) -> Iterator[Hit]:
    for paragraph in doc.paragraphs:
        for offset, _ in unbalanced_brackets(paragraph.text):
            start = paragraph.start + offset
            yield Hit(start, start + 1, "lone bracket", Fix.replace(start, start + 1, "", "drop"))


def glued_sentence(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _GLUED.finditer(doc.text):
        yield Hit(m.start(), m.end(), "glued", Fix.replace(m.end(), m.end(), " ", "insert"))


def ellipsis(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _ELLIPSIS.finditer(doc.text):
        yield Hit(m.start(), m.end(), "dots", Fix.replace(m.start(), m.end(), "…", "ellipsis"))


RULES = (("XX903", "test-double-space", double_space), ("XX904", "test-lone-bracket", lone_bracket),
         ("XX905", "test-glued-sentence", glued_sentence), ("XX906", "test-ellipsis", ellipsis))


def register() -> None:
    for code, name, check in RULES:
        check.__doc__ = DOC
        registry.rule(code, name, "spacing", "Fluency/Punctuation", default=False,
                      fixable="always")(check)


def unregister() -> None:
    for code, _, _ in RULES:
        registry.unregister(code)

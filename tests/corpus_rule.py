"""A test-only corpus-wide rule, registered for one test and removed afterwards.

XX901 flags long words that occur in exactly one document of the corpus, so its findings depend
on every other document: the way to prove that an executor merged the profile of the whole
corpus. ``register`` is a top-level function so that worker processes can run it as ``setup``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Hit
from termcheck.rules import registry

CODE = "XX901"
_WORD = re.compile(r"\w{8,}")


def _collect(doc: Document, ctx: Context) -> Counter[str]:
    return Counter({w.lower() for w in _WORD.findall(doc.text)})


def _merge(left: Counter[str], right: Counter[str]) -> Counter[str]:
    return left + right


def _check(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A long word found in no other document of the corpus.

    ## What it does
    Test only.

    ## Why it matters
    Test only.

    ## Example
    Test only.

    ## Fix safety
    No fix.
    """
    counts = ctx.corpus_stats(CODE) or Counter()
    for match in _WORD.finditer(doc.text):
        if counts[match.group().lower()] == 1:
            yield Hit(match.start(), match.end(), f"'{match.group()}' is in no other document")


def register() -> None:
    """Add XX901 to the registry (idempotent)."""
    hooks = registry.CorpusHooks(_collect, _merge, Counter)
    registry.rule(CODE, "unique-long-word", "names", "Terminology/Inconsistent",
                  default=False, corpus=hooks)(_check)


def unregister() -> None:
    registry.unregister(CODE)

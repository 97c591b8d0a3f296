"""Context.memo: what rules derive from one text is computed once per document and context."""

from __future__ import annotations

from termcheck.config import Config
from termcheck.context import MEMO_ENTRIES, Context
from termcheck.document import Document
from termcheck.engine import REPLACED_SPANS, _derived
from termcheck.quoting import analyse


def test_memo_computes_once_per_key() -> None:
    ctx = Context(Config(lang="en"))
    calls: list[str] = []
    for _ in range(3):
        assert ctx.memo(("x", "text"), lambda: calls.append("x") or 1) == 1
    ctx.memo(("y", "text"), lambda: calls.append("y"))
    assert calls == ["x", "y"]


def test_memo_is_bounded_for_a_long_lived_context() -> None:
    ctx = Context(Config(lang="en"))
    for number in range(3 * MEMO_ENTRIES):
        ctx.memo(("n", number), lambda n=number: n)
    assert len(ctx._memo) <= MEMO_ENTRIES


def test_quote_pairing_is_kept_in_the_context_not_on_the_document() -> None:
    doc = Document('He said "yes" and left.\n')
    ctx = Context(Config(lang="en"))
    first = analyse(doc, ctx)
    assert analyse(doc, ctx) is first
    assert analyse(doc, Context(Config(lang="en"))) is not first
    assert set(_derived(doc, doc.text).meta) == {REPLACED_SPANS}  # nothing dragged along

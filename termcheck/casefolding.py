"""What several rules derive from a document's whole text, made once per context: its
casefold and its separators outside ASCII.

DP010/DP011's word lines (:func:`termcheck.rules.repetition.line_words`) and the glossary
matcher (NM001, TM001, NM002) each casefold the whole text of a document; DP001's sentence
words and DP010's word lines each need the characters outside ASCII that separate words. Each
value is kept in the run-owned :meth:`Context.memo` (keyed by the text, so another text is done
afresh and nothing outlives the document's context): one scan of the corpus instead of two,
each 6 to 10 ms per 2.4 M characters.
"""

from __future__ import annotations

import re

from termcheck.context import Context

_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")


def casefolded(text: str, ctx: Context | None = None) -> str:
    """``text.casefold()``, computed once per ``text`` for ``ctx`` (afresh without one)."""
    if ctx is None:
        return text.casefold()
    return ctx.memo(("casefold", text), text.casefold)


def non_ascii_separators(text: str, ctx: Context | None = None) -> frozenset[str]:
    """The characters of ``text`` outside ASCII that are no word character of ``re`` (``\\w``:
    letters, figures, ``_``; combining marks are separators here), found once per ``text`` for
    ``ctx`` (afresh without one)."""
    if ctx is None:
        return _separators(text)
    return ctx.memo(("non_ascii_separators", text), lambda: _separators(text))


# the separators a text of Latin-1 characters may hold (about 60): looked for one by one, each
# with a substring search, they are found ~10 times faster than by the regex's class test at
# every character
_LATIN1_SEPARATORS = tuple(filter(_NON_ASCII_SEPARATOR.fullmatch, map(chr, range(0x80, 0x100))))


def _separators(text: str) -> frozenset[str]:
    if text.isascii():
        return frozenset()
    try:
        text.encode("latin-1")  # a copy where it succeeds (Python stores the text in 1 byte)
    except UnicodeEncodeError:
        return frozenset(_NON_ASCII_SEPARATOR.findall(text))
    return frozenset(char for char in _LATIN1_SEPARATORS if char in text)

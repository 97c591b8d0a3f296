"""What several rules derive from a document's whole text, made once: its casefold and its
separators outside ASCII.

DP010/DP011's word lines (:func:`termcheck.rules.repetition.line_words`) and the glossary
matcher (NM001, TM001, NM002) each casefold the whole text of a document; DP001's sentence
words and DP010's word lines each need the characters outside ASCII that separate words. The
engine gives every rule the same ``doc.text`` object in turn, so each value is remembered for
the last text (by identity, never by value: another text, even an equal one, is done afresh).
Each costs one scan of the corpus: 6 to 10 ms per 2.4 M characters.
"""

from __future__ import annotations

import re

_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")
_last_fold: tuple[str, str] = ("", "")  # (text, its casefold), replaced as one tuple
_last_separators: tuple[str, frozenset[str]] = ("", frozenset())


def casefolded(text: str) -> str:
    """``text.casefold()``, computed once for the same ``text`` object in a row."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    folded = text.casefold()
    _last_fold = (text, folded)
    return folded


def non_ascii_separators(text: str) -> frozenset[str]:
    """The characters of ``text`` outside ASCII that are no word character of ``re`` (``\\w``:
    letters, figures, ``_``; combining marks are separators here), computed once for the same
    ``text`` object in a row."""
    global _last_separators
    last = _last_separators
    if last[0] is text:
        return last[1]
    found = frozenset() if text.isascii() else frozenset(_NON_ASCII_SEPARATOR.findall(text))
    _last_separators = (text, found)
    return found

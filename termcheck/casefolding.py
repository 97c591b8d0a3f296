"""A document's casefolded text, made once for the rules that fold the whole text.

DP010/DP011's word lines (:func:`termcheck.rules.repetition.line_words`) and the glossary
matcher (NM001, TM001, NM002) each casefold the whole text of a document; the engine gives
every rule the same ``doc.text`` object in turn, so the last text folded is remembered (by
identity, never by value: another text, even an equal one, is folded afresh). It costs one
casefold of the corpus: about 8 ms per 2.4 M characters.
"""

from __future__ import annotations

_last: tuple[str, str] = ("", "")  # (text, text.casefold()), replaced as one tuple


def casefolded(text: str) -> str:
    """``text.casefold()``, computed once for the same ``text`` object in a row."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    folded = text.casefold()
    _last = (text, folded)
    return folded

"""Find the words and word runs of a text that may be names, with their variant keys.

A candidate is a capitalised word ("Tokayev", "Kassym-Jomart", "O'Brien") or a run of two or
more of them separated by single spaces ("Dmitry Peskov"); all-capital words (acronyms,
shouted headlines) and one-letter words are not candidates. A word that opens a sentence or a
line is marked ``initial``: it may be a common word that is capitalised only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from termcheck.names.translit import Folder

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# What may stand between a sentence end (or line start) and the first word of a sentence.
_LEAD = set(" \t\u00a0\"'“”„«»‹›‘’‚([{-–—*•·")
_SENTENCE_END = set(".!?…:;\r\n")


@dataclass(frozen=True)
class Candidate:
    """One possible name at ``[start, end)``: its text, variant key and whether it opens a sentence.

    Keys of single words keep their hyphens ("kasym-jomart"); keys of runs ("phrases") treat a
    hyphen like a space, so "Kim Jong-un" and "Kim Jong Un" share one.
    """

    start: int
    end: int
    surface: str
    key: str
    initial: bool
    phrase: bool = False


def _words(text: str) -> Iterator[tuple[int, int]]:
    for match in _WORD.finditer(text):
        word = match.group()
        end = match.end()
        possessive = _POSSESSIVE.search(word)
        if possessive:
            end -= len(possessive.group())
            word = word[: len(word) - len(possessive.group())]
        if len(word) > 1 and word[0].isupper() and not word.isupper():
            yield match.start(), end


def is_initial(text: str, start: int) -> bool:
    """True when ``start`` opens the text, a line or a sentence (quotes and dashes skipped)."""
    index = start - 1
    while index >= 0 and text[index] in _LEAD:
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def candidates(text: str, folder: Folder) -> Iterator[Candidate]:
    """Every candidate word, then every run of candidate words, in text order."""
    run: list[tuple[int, int]] = []
    for start, end in _words(text):
        yield Candidate(start, end, text[start:end], folder.key(text[start:end]),
                        is_initial(text, start))
        if run and text[run[-1][1]:start] != " ":
            yield from _phrase(text, run, folder)
            run = []
        run.append((start, end))
    yield from _phrase(text, run, folder)


def _phrase(text: str, run: list[tuple[int, int]], folder: Folder) -> Iterator[Candidate]:
    start, end = run[0][0], run[-1][1] if run else 0
    if not run or (len(run) == 1 and "-" not in text[start:end]):
        return
    surface = text[start:end]
    yield Candidate(start, end, surface, phrase_key(surface, folder), is_initial(text, start),
                    phrase=True)


def phrase_key(surface: str, folder: Folder) -> str:
    """The key of a run of words: hyphens count as spaces ("Alma-Ata" = "Alma Ata")."""
    return " " + folder.key(surface.replace("-", " "))

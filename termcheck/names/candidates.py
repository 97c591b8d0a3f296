"""Find the words and word runs of a text that may be names, with their variant keys.

A candidate is a capitalised word ("Tokayev", "Kassym-Jomart", "O'Brien") or a run of two or
more of them separated by single spaces ("Dmitry Peskov"); all-capital words (acronyms,
shouted headlines) and one-letter words are not candidates. A word that opens a sentence or a
line is marked ``initial``: it may be a common word that is capitalised only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from termcheck.names.translit import Folder

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Possessive and contraction endings are not part of a name: Putin's, I'll, Don't.
CLITIC = re.compile(r"['’](?:s|ll|m|re|ve|d|t)$")
# What may stand between a sentence end (or line start) and the first word of a sentence.
LEAD = set(" \t\u00a0\"'“”„«»‹›‘’‚([{-–—*•·")
SENTENCE_END = set(".!?…:;\r\n")
_APOSTROPHES = re.compile(r"[’ʼ]")


class Candidate(NamedTuple):
    """One possible name at ``[start, end)``: its text, variant key and whether it opens a sentence.

    Keys of single words keep their hyphens ("kasym-jomart"); keys of runs ("phrases") treat a
    hyphen like a space, so "Kim Jong-un" and "Kim Jong Un" share one. (A named tuple, not a
    frozen dataclass: every distinct run of a corpus makes a few, and a tuple is made 4× faster.)
    """

    start: int
    end: int
    surface: str
    key: str
    initial: bool
    phrase: bool = False


def _words(text: str, lowercase: set[str] | None = None) -> Iterator[tuple[int, int]]:
    """Spans of capitalised words (clitics cut off); adds lower-case words to ``lowercase``."""
    for match in _WORD.finditer(text):
        start = match.start()
        if not text[start].isupper():
            if lowercase is not None and text[start].islower():
                lowercase.add(match.group().casefold())
            continue
        word = match.group()
        end = match.end()
        if "'" in word or "’" in word:
            clitic = CLITIC.search(word)
            if clitic:
                end -= len(clitic.group())
                word = word[: clitic.start()]
        if len(word) > 1 and not word.isupper():
            yield start, end


def is_initial(text: str, start: int) -> bool:
    """True when ``start`` opens the text, a line or a sentence (quotes and dashes skipped)."""
    index = start - 1
    while index >= 0 and text[index] in LEAD:
        index -= 1
    return index < 0 or text[index] in SENTENCE_END


@dataclass(frozen=True)
class Scan:
    """The candidates of one text and what the consistency check needs around them."""

    words: tuple[Candidate, ...]
    phrases: tuple[Candidate, ...]
    pairs: tuple[tuple[Candidate, Candidate], ...]  # neighbouring words of one run
    lowercase: frozenset[str]  # casefolded words that the text also writes in lower case

    def candidates(self) -> tuple[Candidate, ...]:
        return self.words + self.phrases


def scan(text: str, folder: Folder) -> Scan:
    """Find the candidate words, their runs and neighbours, and the lower-case words of ``text``."""
    words, phrases, pairs = [], [], []
    run: list[Candidate] = []
    lowercase: set[str] = set()
    for start, end in _words(text, lowercase):
        surface = text[start:end]
        word = Candidate(start, end, surface, folder.key(surface), is_initial(text, start))
        if run and text[run[-1].end:start] == " ":
            pairs.append((run[-1], word))
        else:
            phrases += _phrase(text, run, folder)
            run = []
        run.append(word)
        words.append(word)
    phrases += _phrase(text, run, folder)
    return Scan(tuple(words), tuple(phrases), tuple(pairs), frozenset(lowercase))


def candidates(text: str, folder: Folder) -> tuple[Candidate, ...]:
    """Every candidate word, then every run of two or more words (or a hyphenated word)."""
    return scan(text, folder).candidates()


def _phrase(text: str, run: list[Candidate], folder: Folder) -> list[Candidate]:
    if not run:
        return []
    start, end = run[0].start, run[-1].end
    if len(run) == 1 and "-" not in text[start:end]:
        return []
    surface = text[start:end]
    return [Candidate(start, end, surface, phrase_key(surface, folder), is_initial(text, start),
                      phrase=True)]


def phrase_key(surface: str, folder: Folder) -> str:
    """The key of a run of words: hyphens count as spaces ("Alma-Ata" = "Alma Ata")."""
    return " " + folder.words_key(surface.replace("-", " "))


def same_spelling(surface: str) -> str:
    """What two surfaces share when they differ only in case or apostrophe style (' ’ ʼ)."""
    return folded_spelling(surface.casefold())


def folded_spelling(folded: str) -> str:
    """:func:`same_spelling` of a surface from its casefold."""
    return _APOSTROPHES.sub("'", folded) if "’" in folded or "ʼ" in folded else folded

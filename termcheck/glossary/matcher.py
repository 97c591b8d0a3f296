"""Find every glossary term in a text at once: one Aho-Corasick automaton per language.

Keys are the terms folded to lower case *one character for one character*, so an offset in the
folded text is the same offset in the original (``İ`` folds to ``i``, ``ß`` stays ``ß``). Matches
are leftmost-longest and never overlap. A match must not start or end inside a word in any
script: the neighbours are checked with ``str.isalnum`` (combining marks count as letters, and a
hyphen between letters joins a word, as in ``Kassym-Jomart``). Scripts written without spaces
(Han, kana, Thai ...) have no word boundaries to check. Case-sensitive entries must match the
original text exactly; a stem pattern (``stem*``) extends over the word characters that follow.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, methodcaller
from typing import Any, Collection, Iterable, Iterator

from termcheck.glossary.concepts import Concept, Term


@dataclass(frozen=True)
class Match:
    """One term found at ``text[start:end]``."""

    start: int
    end: int
    term: Term
    concept: Concept


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    for folded in (char.casefold(), char.lower()):
        if len(folded) == 1:
            return folded
    if unicodedata.normalize("NFD", char)[:1].isalpha():
        return unicodedata.normalize("NFD", char)[0].lower()  # İ → i
    return char


@lru_cache(maxsize=1)
def _many_for_one() -> str:
    """The characters (all in the BMP) whose casefold is not one character (ß, ﬁ, İ ...)."""
    return "".join(chr(code) for code in range(0x10000) if len(chr(code).casefold()) != 1)


def fold(text: str, casefold: str | None = None) -> str:
    """Case-fold ``text`` without changing its length (one character for one character);
    ``casefold``: ``text.casefold()`` if the caller has it, exactly that (used when it keeps
    the length, or sliced when only the "ß" of ``text`` made it longer)."""
    folded = text.casefold() if casefold is None else casefold
    if len(folded) == len(text):
        return folded
    if "ß" in text:  # German: try it alone first
        kept = _sharp_s_kept(text, folded)
        if kept is not None:
            return kept
    return _fold_each(text, [char for char in _many_for_one() if char in text])


def _sharp_s_kept(text: str, folded: str) -> str | None:
    """``folded`` (``text.casefold()``) with each "ss" that came from a "ß" of ``text`` put back
    to "ß", or ``None`` when another character of ``text`` folds to more than one. Slices of the
    casefold the caller already has, instead of casefolding ``text`` again (a German document).

    Casefolding maps each character on its own to one or more characters, and "ß" to "ss":
    when the casefold is longer than ``text`` by exactly the number of "ß", every other
    character kept its length, so each piece of ``text`` between two "ß" is at a known place.
    """
    if len(folded) != len(text) + text.count("ß"):
        return None
    pieces = []
    position = 0
    for piece in text.split("ß"):
        pieces.append(folded[position:position + len(piece)])
        position += len(piece) + 2
    return "ß".join(pieces)


def _fold_each(text: str, odd: list[str]) -> str:
    """``text`` casefolded, except that each of ``odd`` becomes its :func:`_fold_char`."""
    marks = [chr(0x0E + index) for index in range(len(odd))]  # rare controls, fold to self
    if len(odd) > 0x1F - 0x0E or any(mark in text for mark in marks):
        return "".join(_fold_char(char) for char in text)
    for char, mark in zip(odd, marks):
        text = text.replace(char, mark)
    folded = text.casefold()
    for char, mark in zip(odd, marks):
        folded = folded.replace(mark, _fold_char(char))
    return folded


def is_word_char(char: str) -> bool:
    """A letter, digit or combining mark."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


_NO_SPACE_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


def is_unspaced(char: str) -> bool:
    """True for characters of scripts written without spaces between words."""
    code = ord(char)
    if code < _NO_SPACE_RANGES[0][0]:  # most characters: before the first range
        return False
    return any(low <= code <= high for low, high in _NO_SPACE_RANGES)


def joins_words(text: str, inner: int, outer: int) -> bool:
    """True when ``text[outer]`` continues the word whose edge is ``text[inner]``."""
    if not 0 <= outer < len(text):
        return False
    char = text[outer]
    if is_unspaced(char) and is_unspaced(text[inner]):
        return False
    if is_word_char(char):
        return True
    beyond = outer + (outer - inner)
    return char == "-" and 0 <= beyond < len(text) and is_word_char(text[beyond])


# A key whose hits carry no term (values ``()``: a text that holds it, rare as U+FFFF, a
# noncharacter, is, matches nothing there), added first: the space becomes the first child of
# the automaton's root (see _by_letter_frequency).
_SPACE_CHILD = " \uffff"


def _by_letter_frequency(keys: Collection[str]) -> list[str]:
    """``keys`` in the order that puts the children of each node of the automaton in the order
    of their letters' frequency among all keys (the most frequent first).

    pyahocorasick finds a node's child by a linear search of its children, in the order they
    were added, and every character of a text is looked up at the root at least once: each
    space went through all 26 first letters of the English keys (hence ``_SPACE_CHILD``). The
    matches do not depend on the order; the scan of the real corpus costs 13 % fewer
    instructions with both."""
    counts = Counter("".join(keys))
    ranks = {ord(letter): rank for rank, (letter, _) in enumerate(counts.most_common())}
    return sorted(keys, key=methodcaller("translate", ranks))  # each letter → its rank


def _automaton_of(keys: dict[str, tuple[tuple[Term, Concept], ...]]) -> Any:
    """An automaton of ``keys`` (each folded stem with its entries, not empty) whose value for
    a key is ``(its length, its entries, whether a stem pattern is among them)``."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    if _SPACE_CHILD not in keys:
        automaton.add_word(_SPACE_CHILD, (len(_SPACE_CHILD), (), False))
    for key in _by_letter_frequency(keys):
        values = keys[key]
        stretches = any(term.is_pattern for term, _ in values)
        automaton.add_word(key, (len(key), values, stretches))
    automaton.make_automaton()
    return automaton


class Matcher:
    """Finds the terms of a list of ``(term, concept)`` entries in texts."""

    def __init__(self, entries: Iterable[tuple[Term, Concept]]) -> None:
        self._automaton: Any = None  # made at the first scan: see _scanner
        # The matches of the last text: TM001, NM001 and NM002 search the same document in turn.
        self._last: tuple[str, tuple[Match, ...]] | None = None
        keys: dict[str, list[tuple[Term, Concept]]] = {}
        for term, concept in entries:
            key = fold(term.stem)
            if key.strip():
                keys.setdefault(key, []).append((term, concept))
        self.size = sum(len(v) for v in keys.values())
        # each key (a folded stem) with its entries, for screens over the keys (see
        # termcheck.rules.glossary_screen)
        self.entries_by_key: dict[str, tuple[tuple[Term, Concept], ...]] = {
            key: tuple(values) for key, values in keys.items()}
        # a key holds a line break (a quoted CSV field, a TBX term wrapped over two lines, a
        # Term made in code): a match may then cross lines, so no line may be scanned alone
        self.crosses_lines = any("\n" in key or "\r" in key for key in keys)

    def _scanner(self) -> Any:
        """The Aho-Corasick automaton of the keys (``None`` without keys), made at the first
        scan: NM001 and TM001 screen a text by the keys' words first, and a run whose texts the
        screen all rules out (a one-file run, most often) never needs it (1.5 ms for the
        English glossary)."""
        if self._automaton is None and self.entries_by_key:
            self._automaton = _automaton_of(self.entries_by_key)
        return self._automaton

    def find(self, text: str, casefold: str | None = None) -> Iterator[Match]:
        """Leftmost-longest, non-overlapping matches in ``text``, in order; ``casefold``:
        ``text.casefold()`` if the caller has it (a rule's shared fold of the document), so
        that the text is not folded again. The matches are the same either way."""
        return iter(self.matches(text, casefold))

    def matches(self, text: str, casefold: str | None = None) -> tuple[Match, ...]:
        """:meth:`find`'s matches as a tuple."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        matches = tuple(self._find(text, casefold))
        self._last = (text, matches)
        return matches

    def matches_within(self, text: str, casefold: str | None,
                       spans: Iterable[tuple[int, int]]) -> tuple[Match, ...]:
        """The matches of :meth:`matches` inside ``spans`` (``(start, end)`` of lines of
        ``text``), for a matcher none of whose keys holds a line break (:attr:`crosses_lines`
        false): then no match crosses one, and the leftmost-longest choice in a line does not
        depend on the other lines."""
        if not text or self._scanner() is None:
            return ()
        folded = fold(text, casefold)
        candidates = []
        for start, end in spans:
            candidates += self._candidates(text, folded, start, end)
        return tuple(self._chosen(candidates))

    def _find(self, text: str, casefold: str | None = None) -> Iterator[Match]:
        if not text or self._scanner() is None:
            return
        yield from self._chosen(self._candidates(text, fold(text, casefold)))

    @staticmethod
    def _chosen(candidates: list[tuple[int, int, Term, Concept]]) -> Iterator[Match]:
        """The leftmost-longest, non-overlapping ``candidates``, in order."""
        candidates.sort(key=itemgetter(0, 1))
        position = 0
        for start, negative_end, term, concept in candidates:
            if start >= position:
                position = -negative_end
                yield Match(start, position, term, concept)

    def _candidates(self, text: str, folded: str, span_start: int = 0,
                    span_end: int | None = None) -> list[tuple[int, int, Term, Concept]]:
        """``(start, -end, term, concept)`` for each hit of the automaton in
        ``folded[span_start:span_end]`` that neither starts nor ends inside a word of ``text``
        (the first of the key's terms that fits there).

        Most hits are short keys inside words ("un" in "under", "fun"), so the boundary tests
        are inlined (:func:`_goes_on` is the end's test written out, and the start's mirrors
        it; :func:`joins_words` only outside ASCII and Latin letters). A key without a
        stem pattern ends where its hit ends: the end is tested once for all its terms, before
        any case-sensitive comparison."""
        candidates = []
        size = len(text)
        hits = self._automaton.iter(folded) if span_end is None else \
            self._automaton.iter(folded, span_start, span_end)
        for last, (length, values, stretches) in hits:
            start = last + 1 - length
            if start:
                before = text[start - 1]
                if ord(before) < _NO_MARKS and before != "-":
                    if before.isalnum():
                        continue
                elif joins_words(text, start, start - 1):
                    continue
            end = last + 1
            if stretches:
                for term, concept in values:
                    stop = _match_end(text, start, end, term)
                    if stop is not None:
                        candidates.append((start, -stop, term, concept))
                        break
                continue
            if end < size:
                after = text[end]
                if ord(after) < _NO_MARKS and after != "-":
                    if after.isalnum():
                        continue
                elif joins_words(text, end - 1, end):
                    continue
            for term, concept in values:
                if not term.case_sensitive or text[start:end] == term.stem:
                    candidates.append((start, -end, term, concept))
                    break
        return candidates


_NO_MARKS = 0x0300  # below: no combining marks, no unspaced scripts


def _goes_on(text: str, end: int) -> bool:
    """Whether a match ending at ``end`` would end inside a word (:func:`joins_words`)."""
    if end >= len(text):
        return False
    after = text[end]
    if ord(after) < _NO_MARKS and after != "-":
        return after.isalnum()
    return joins_words(text, end - 1, end)


def _match_end(text: str, start: int, end: int, term: Term) -> int | None:
    """Where the match of ``term`` at ``[start, end)`` (not inside a word) really ends, or
    ``None`` if invalid."""
    if term.case_sensitive and text[start:end] != term.stem:
        return None
    if term.is_pattern:
        while end < len(text) and is_word_char(text[end]):
            end += 1
    elif _goes_on(text, end):
        return None
    return end

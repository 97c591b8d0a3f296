"""A screen before the glossary scan of NM001 and TM001: the words a forbidden term needs.

NM001 and TM001 report only forbidden terms. A text that does not hold every word of any
forbidden key of the glossary's matcher holds no match of one, so the automaton's scan (about
110 instructions a character even where it never leaves its root) and the Python around it are
skipped: that is most documents (355 of the 383 real benchmark texts the screen can judge, and
every one-sentence document). A text that passes is scanned as before, so the findings are the
same; NM002, which needs every name of the glossary, scans as before.

The words are those of :func:`termcheck.rules.repetition.line_words` (runs of letters, marks and
figures of the casefolded text), which DP010 and DP011 make once per document anyway. Why a
match's key has its words among the text's words:

- the matcher compares the text's one-for-one fold with the key; each character of that fold
  casefolds as the original character does, except "İ" (folded to "i" for the matcher, to "i̇"
  by ``casefold``): the screen lets a text with an "İ" through;
- a match neither starts nor ends inside a word (:func:`termcheck.glossary.matcher.joins_words`),
  so the words of the key's casefold are whole words of the text's casefold, where the
  characters that end a word for the matcher also end one for ``line_words``. They do for every
  code point but those Python's Unicode tables leave unassigned and the ``regex`` module's
  newer ones make letters, marks or figures, and the scripts written without spaces (a match
  may start inside a run of Han characters): a text holding one of the first lets the screen
  through, a key starting or ending with one of the second is never screened;
- a stem pattern (``stem*``) stretches its last word: only the key's other words are needed.

All of this is checked for every code point in tests/test_glossary_screen.py.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress, count
from operator import not_
from typing import Iterable, Iterator

from termcheck.casefolding import non_ascii_separators
from termcheck.context import Context
from termcheck.document import Document
from termcheck.glossary.matcher import Matcher, is_unspaced, is_word_char
from termcheck.rules.repetition import OUTSIDE_WORDS, document_line_words, line_words

# The one character whose casefold differs from its fold's casefold (see the module's doc).
FOLDED_APART = "İ"


class WordScreen:
    """Whether a text may hold a match of some keys of a :class:`Matcher`, from its words."""

    def __init__(self, keys: Iterable[tuple[str, bool]], always: bool = False) -> None:
        """``keys``: each key with whether it stretches (a stem pattern among its terms);
        ``always``: no text is screened (a key of the matcher, forbidden or not, holds a line
        break: lines cannot be scanned alone, see :attr:`Matcher.crosses_lines`)."""
        self.always = always  # or a key the words cannot rule out: every text may match
        # each key's words, by its first word: most texts hold none of the first words
        self.by_first: dict[bytes, list[frozenset[bytes]]] = {}
        for needed in each_needed_words(list(keys)):
            if needed is None:
                self.always = True
                continue
            self.by_first.setdefault(needed[0], []).append(frozenset(needed))
        self.firsts = frozenset(self.by_first)

    def may_match(self, doc: Document, ctx: Context) -> bool:
        """False only if no key's match can be in ``doc``."""
        return self.lines_to_scan(doc, ctx) != []

    def lines_to_scan(self, doc: Document, ctx: Context) -> list[int] | None:
        """The lines of ``doc`` (0-based, as :attr:`Document.line_starts` counts them) that may
        hold a key's match, in order; ``None``: any line may."""
        if self.always:
            return None
        text = doc.text
        if FOLDED_APART in text:
            return None
        if not text.isascii() and not all(map(splits_alike, non_ascii_separators(text, ctx))):
            return None
        firsts, by_first = self.firsts, self.by_first
        # no key holds a line break: its words are in one line. Most texts have no line with a
        # first word (each line a C-level test)
        lines = document_line_words(doc, ctx)
        with_first = compress(count(), map(not_, map(firsts.isdisjoint, lines)))
        return [number for number in with_first
                if _holds_a_key(set(lines[number]), firsts, by_first)]


def _holds_a_key(words: set[bytes], firsts: frozenset[bytes],
                 by_first: dict[bytes, list[frozenset[bytes]]]) -> bool:
    """Whether ``words`` hold every word of some key."""
    return any(needed <= words for first in firsts.intersection(words)
               for needed in by_first[first])


def needed_words(key: str, stretches: bool) -> list[bytes] | None:
    """The words of ``line_words`` that a text matching ``key`` holds (the first one first), or
    ``None`` when the text's words cannot tell (no word, a stem pattern of one word, or an edge
    in a script written without spaces)."""
    return _needed(key, stretches, [word for line in line_words(key) for word in line])


def each_needed_words(keys: list[tuple[str, bool]]) -> Iterator[list[bytes] | None]:
    """:func:`needed_words` of each of ``keys`` (key, stretches), in order, with one call of
    ``line_words`` for all the keys joined by line breaks, each key one line of it (a call per
    key cost 3 µs, 450 for the English glossary). The words of each line are the key's own:
    casefolding and the separators act on each character alone. A key that makes more than one
    line (a line break in it) has each key's words found alone."""
    lines = line_words("\n".join(key for key, _ in keys))
    if len(lines) != len(keys):
        yield from (needed_words(key, stretches) for key, stretches in keys)
        return
    for (key, stretches), words in zip(keys, lines):
        yield _needed(key, stretches, words)


def _needed(key: str, stretches: bool, words: list[bytes]) -> list[bytes] | None:
    """:func:`needed_words` of ``key``, whose words of ``line_words`` are ``words``."""
    if is_unspaced(key[0]) or is_unspaced(key[-1]):
        return None
    if stretches:
        words = words[:-1]  # the stem's last word may go on in the text
    return words or None


@lru_cache(maxsize=4096)
def splits_alike(char: str) -> bool:
    """Whether ``char`` (outside ASCII and no word character of ``re``) is a word character for
    the matcher (no match starts or ends next to it: below U+0300, where the matcher tests
    ``isalnum``, no character is a mark), or a separator for ``line_words`` (its
    casefold holds no letter, mark or figure). A pure function of the character: cached for the
    process (a text has few such characters: quotes, dashes, spaces)."""
    if is_word_char(char):
        return True
    return all(OUTSIDE_WORDS.match(folded) is not None or
               (folded.isascii() and not folded.isalnum())
               for folded in char.casefold())


def forbidden_keys(matcher: Matcher) -> list[tuple[str, bool]]:
    """The keys of ``matcher`` with a forbidden term, each with whether it stretches."""
    return [(key, any(term.is_pattern for term, _ in entries))
            for key, entries in matcher.entries_by_key.items()
            if any(term.status == "forbidden" for term, _ in entries)]

"""Repetition inside a line: a word written twice ("the the") and degenerate loops of MT output.

DP001 (``duplicates.py``) reports a sentence that repeats an *earlier* one of the article; this
family reports repetition *in a row*: the same word twice, or a word, phrase or sentence repeated
back to back as a translation engine does when it falls into a loop.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, pairwise
from typing import Iterable, Iterator

import regex

from termcheck.casefolding import casefolded, non_ascii_separators
from termcheck.context import Context
from termcheck.data import read_text, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.lazyre import lazy
from termcheck.model import Applicability, Fix, Hit
from termcheck.rules.registry import rule

# A word, blanks (no line break, no punctuation), and the same word again (case-insensitive);
# a hyphen or an apostrophe on either side makes it part of a longer word ("что что-то",
# "Baden-Baden", Ukrainian "в в'язниці").
_WORD_CHAR = r"\p{L}\p{M}\p{N}_\-‐‑'’ʼ"
_DOUBLED = regex.compile(
    rf"(?<![{_WORD_CHAR}])(\p{{L}}[\p{{L}}\p{{M}}]*)([ \t\u00a0]+)(\1)(?![{_WORD_CHAR}])",
    regex.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = regex.compile(r"^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$")
# Every token's edge punctuation at once: the words of a line as _normalised gives them, minus
# the tokens that are punctuation only (which no loop unit holds).
_ALL_EDGES = regex.compile(r"(?<!\S)[^\p{L}\p{M}\p{N}\s]+|[^\p{L}\p{M}\p{N}\s]+(?!\S)")
# The edge punctuation of every space-separated token (what _EDGE_PUNCTUATION removes from one)
_SPACED_EDGES = regex.compile(r"(?<![^ ])[^\p{L}\p{M}\p{N} ]+|[^\p{L}\p{M}\p{N} ]+(?![^ ])")
_TRAILING_PUNCTUATION = regex.compile(r"[^\p{L}\p{M}\p{N}]+$")
_SENTENCE_END = lazy(globals(), "_SENTENCE_END", r"[.!?…][\"'»”“)]*$")
_DIGITS = frozenset(b"0123456789")
# A unit of one to three characters four times in a row, of four three times, of five or more
# twice (see _has_square); "." is no line break, the mark of a word found once
_SQUARE = lazy(globals(), "_SQUARE", r"(.{1,3}?)\1\1\1|(.{4})\2\2|(.{5,}?)\3")
OUTSIDE_WORDS = regex.compile(r"[^\x00-\x7f\p{L}\p{M}\p{N}]")  # the classes of _EDGE_PUNCTUATION
_WORD_BYTES_AND_BREAKS = bytes(  # ASCII letters and figures, line breaks, and UTF-8 past ASCII
    byte if chr(byte).isalnum() or byte > 0x7f or byte == 0x0a else 0x20 for byte in range(256))

MAX_UNIT = 40  # longest repeated unit looked for, in words
MIN_REPEATS_SHORT = 4  # one to three words: "for repairs for repairs for repairs for repairs"
SHORT_UNIT = 3  # ("and on and on and on", "again and again and again" are idioms)
MIN_REPEATS_PHRASE = 3  # four words or more: three times in a row
MIN_WORDS_TWICE = 5  # a phrase of five words or more written twice in a row, mid-sentence
MAX_SQUARE_WORDS = 500  # longer lines that pass the word-count gates are not searched for a
# square (the search is quadratic) and go to find_loops


def load_word_list(path: object) -> frozenset[str]:
    """One lower-case word a line, ``#`` comments; a line with blanks is a :class:`DataError`."""
    from pathlib import Path

    path = Path(str(path))
    words = set()
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if any(ch.isspace() for ch in word) or not word.replace("'", "").isalpha():
            raise DataError(f"one word a line, not {word!r}", str(path), number)
        words.add(word.casefold())
    return frozenset(words)


def legitimate_doubles(ctx: Context) -> frozenset[str] | None:
    """Words of the text's language that may stand twice in a row ("had had", "die die");
    ``None`` for a language without a list (not checked: its legitimate doubles are unknown)."""
    lang = (ctx.lang or "en").split("-")[0].lower()

    def load() -> frozenset[str] | None:
        path = shipped("repetition", f"{lang}.txt")
        return load_word_list(path) if path.is_file() else None

    return ctx.resources.get(("repetition", "doubles", lang), load)


def line_words(text: str, casefold: str | None = None,
               separators: Iterable[str] | None = None) -> list[list[bytes]]:
    """The words of each line of ``text`` (as :meth:`Document.lines` counts them), casefolded
    and encoded: runs of letters, marks and figures, with C-level calls only; ``casefold``:
    ``text.casefold()`` if the caller has it (the document's, shared with the glossary
    matcher); ``separators``: the characters of ``text`` outside ASCII that are no word
    character of ``re`` (DP001's, shared), if the caller has them.

    A token of :data:`_TOKEN` without its edge punctuation, casefolded (as :func:`_normalised`
    makes it), is one word or more here, and always the same words (casefolding keeps a letter,
    mark or figure one and punctuation punctuation, and makes no line break: checked for every
    code point in tests/test_repetition_prefilter.py). So the text is casefolded first and the
    separators are those of the folded text.
    """
    folded = text.casefold() if casefold is None else casefold
    if "\r" in folded:
        folded = folded.replace("\r\n", "\n").replace("\r", "\n")  # one break each, as lines()
    if separators is not None:
        found: Iterable[str] = _folded_separators(separators) if separators else ()
    else:
        found = () if folded.isascii() else set(OUTSIDE_WORDS.findall(folded))
    for separator in found:
        folded = folded.replace(separator, " ")
    encoded = folded.encode().translate(_WORD_BYTES_AND_BREAKS)
    return list(map(bytes.split, encoded.split(b"\n")))


def _folded_separators(separators: Iterable[str]) -> set[str]:
    """The separators outside ASCII of a text's casefold, from ``separators``: those of the
    text that DP001 finds (``re``'s ``\\w``). Ours (no letter, mark or figure:
    :data:`OUTSIDE_WORDS`) are among them; each casefolds to separators only, and no other
    character makes one (both checked for every code point, tests/test_repetition_prefilter.py)."""
    return set("".join(map(_folded_separator, separators)))


@lru_cache(maxsize=4096)
def _folded_separator(char: str) -> str:
    """The characters outside ASCII of ``char``'s casefold if ``char`` is one of ours, else
    nothing (a pure function of the character: cached for the process)."""
    if not OUTSIDE_WORDS.match(char):
        return ""
    return "".join(folded for folded in char.casefold() if not folded.isascii())


class WordLines:
    """A document's :func:`line_words` (``words``) and, made when first asked,
    :func:`repeated_word_counts` of them (``repeated``): one memo entry per document for
    DP010, DP011 and the glossary screen (which needs only the words), instead of one for each
    value and a lookup of each by each rule."""

    __slots__ = ("_repeated", "words")

    def __init__(self, words: list[list[bytes]]) -> None:
        self.words = words
        self._repeated: list[int] | None = None

    @property
    def repeated(self) -> list[int]:
        """:func:`repeated_word_counts` of ``words``, made once."""
        if self._repeated is None:
            self._repeated = repeated_word_counts(self.words)
        return self._repeated


def document_word_lines(doc: Document, ctx: Context) -> WordLines:
    """:class:`WordLines` of ``doc``, made once per context: its :func:`line_words` from the
    document's casefold (made once for them and the glossary matcher) and separators (found
    once for them and DP001)."""
    return ctx.memo(("repetition.line_words", doc.text), lambda: WordLines(line_words(
        doc.text, casefolded(doc.text, ctx), non_ascii_separators(doc.text, ctx))))


def document_line_words(doc: Document, ctx: Context) -> list[list[bytes]]:
    """:func:`line_words` of ``doc``, computed once for DP010, DP011 and the glossary screen
    (see :func:`document_word_lines`)."""
    return document_word_lines(doc, ctx).words


def repeated_word_counts(lines: list[list[bytes]]) -> list[int]:
    """For each line of :func:`line_words`, how many of its words occur again in it (its words
    less its distinct words), with C-level calls only. A line where none does holds neither a
    doubled word (:func:`doubled_lines`) nor a loop (:func:`looping_lines`): DP010 skips it
    without comparing its neighbours, and DP011 reads its count from here."""
    return list(map(operator.sub, map(len, lines), map(len, map(set, lines))))


def document_repeated_word_counts(doc: Document, ctx: Context) -> list[int]:
    """:func:`repeated_word_counts` of :func:`document_line_words`, computed once for DP010 and
    DP011 (see :func:`document_word_lines`)."""
    return document_word_lines(doc, ctx).repeated


def may_double(text: str) -> bool:
    """False when no word of ``text`` follows itself (see :func:`doubled_lines`)."""
    return bool(doubled_lines(line_words(_one_i(text))))


def _one_i(text: str) -> str:
    """Dotted and dotless i as one letter: the regex module's case-insensitive matching takes
    "ı" for "I" and "İ" for "i"."""
    return text.replace("ı", "i").replace("İ", "i") if "ı" in text or "İ" in text else text


def doubled_lines(lines: list[list[bytes]], repeated: list[int] | None = None) -> list[int]:
    """The lines (0-based, as :attr:`Document.line_starts` counts them) where a word may follow
    itself, from :func:`line_words` of a text without dotted or dotless i: a gate before
    :data:`_DOUBLED`, whose backreference costs a try at every word, so that it scans those
    lines only. ``repeated``: :func:`repeated_word_counts` of ``lines``, if the caller has them
    (DP011 needs them too): only the lines where a word occurs again are compared then.

    A doubled word of :data:`_DOUBLED` is letters and marks between two characters that are no
    letter, mark or figure, on one line, so both copies are neighbouring words of that line in
    :func:`line_words`, equal and starting with a letter (not an ASCII digit).
    """
    numbered: Iterable[tuple[int, list[bytes]]] = enumerate(lines)
    if repeated is not None:
        numbered = compress(numbered, repeated)
    return [number for number, words in numbered
            if any(map(operator.eq, words, words[1:])) and _equal_neighbours(words)]


def _equal_neighbours(words: list[bytes]) -> bool:
    """Two equal neighbours that do not start with an ASCII digit."""
    return any(first == second and first[0] not in _DIGITS
               for first, second in pairwise(words))


def looping_lines(lines: list[list[bytes]], repeated: list[int] | None = None) -> list[int]:
    """The lines (0-based) where a word trigram repeats and words repeat back to back (see
    :func:`_has_square`), from :func:`line_words`: the others hold no loop (see
    :func:`_may_loop`), and cost a few C-level calls each. ``repeated``:
    :func:`repeated_word_counts` of ``lines``, if the caller has them (DP010 needs them too).

    A repeated trigram makes three words at least occur again (copies three words apart or more
    repeat their three words; closer copies are "a a a a" or "a b a b a"), so a line with
    fewer needs no trigrams: the set of its words is cheaper to make. A unit of ``n`` words
    repeated ``r`` times makes ``(r - 1) × n`` words occur again: 3 for one word four times,
    6 or more for any other unit a loop may have (see :func:`_has_square`). So a line where
    three or four words occur again may only hold one word four times in a row, and needs no
    trigrams unless two neighbours are equal (half of the lines that need a set of trigrams
    otherwise, in the real MT benchmark)."""
    if repeated is None:
        repeated = repeated_word_counts(lines)
    return [number for number, words, again in zip(count(), lines, repeated)
            if again >= 3  # and so four words or more
            and (again > 4 or any(map(operator.eq, words, words[1:])))
            and len(set(zip(words, words[1:], words[2:]))) < len(words) - 2
            and _has_square(words)]


def _has_square(words: list[bytes]) -> bool:
    """Whether some run of words is repeated back to back as often as a loop needs, with
    C-level calls only: each distinct word becomes one character, and one pattern with
    backreferences (:data:`_SQUARE`) finds the repetition. A loop's copies are the same tokens,
    and equal tokens are the same words of :func:`line_words` (one word or more each), so a
    loop of ``size`` tokens is a unit of at least ``size`` words here, repeated as often: a
    unit of one to three words four times (its tokens are as few), of four words three times
    (four tokens or fewer), of five words or more twice. Of the lines with a repeated trigram,
    most have none (247 of 250 in the real MT benchmark).

    A repeated unit holds only words found twice or more in the line, so each word found once
    becomes a line break, which the pattern's units do not hold: the same answer, but the
    search, quadratic in the words between two such breaks instead of in the line's, stays
    short (the lines of the generated benchmark that get here: 21 → 10 ms). A line of more
    than :data:`MAX_SQUARE_WORDS` words is not searched (it may hold a loop)."""
    if len(words) > MAX_SQUARE_WORDS:
        return True
    letters = {word: chr(number) if seen > 1 else "\n"  # from " ": no letter is a break
               for number, (word, seen) in enumerate(Counter(words).items(), 32)}
    return _SQUARE.search("".join(map(letters.__getitem__, words))) is not None


def _is_name_pair(first: str, second: str) -> bool:
    """"Bora Bora", "Walla Walla": both words capitalised is a name, not a slip."""
    return first[:1].isupper() and second[:1].isupper()


def _in_longer_run(text: str, match: regex.Match[str]) -> bool:
    """Three or more in a row ("no no no"): emphasis, or a loop that DP011 reports."""
    word = regex.escape(match.group(1))
    after = regex.match(rf"[ \t\u00a0]+{word}(?![\p{{L}}\p{{M}}])",
                        text[match.end():match.end() + 80], regex.IGNORECASE)
    before = regex.search(rf"(?<![\p{{L}}\p{{M}}]){word}[ \t\u00a0]+$",
                          text[max(0, match.start() - 80):match.start()], regex.IGNORECASE)
    return after is not None or before is not None


@rule("DP010", "repeated-word", "duplication", "Fluency/Grammar", fixable="always")
def repeated_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    """The same word twice in a row ("signed the the agreement").

    ## What it does
    Reports a word followed, after blanks only, by the same word (case ignored): "the the",
    "и и", "der der" where German grammar does not allow it. Words of the text's language that
    may legitimately stand twice are listed in `glossaries/repetition/<lang>.txt` ("had had",
    "that that" in English; "die die", "das das" in German, article then relative pronoun;
    "nous nous", "vous vous" in French). Only languages with such a list are checked (en, de,
    fr, es, ru): elsewhere doubles are often grammatical, Czech "se se" (reflexive and
    preposition), Icelandic "á á" (particle and preposition), Hindi "अपने अपने" (distributive
    reduplication), and are left alone until a list is written. Not reported: numbers, words
    joined by a hyphen or an apostrophe ("Baden-Baden", "что что-то"), words separated by
    punctuation ("no, no"), two capitalised words ("Bora Bora", "Walla Walla": names) and runs
    of three or more ("no no no": emphasis, or a loop that DP011 reports once).

    ## Why it matters
    A doubled word is the commonest slip of an editing or translation pipeline; readers notice
    it at once, and it spoils word counts and n-gram statistics.

    ## Example
    ```text
    The ministers signed the the agreement on Friday.
    ```
    Use instead: `The ministers signed the agreement on Friday.`

    ## Fix safety
    Unsafe: the fix deletes the second word and the blank before it, which is right for a slip,
    but a language may allow a double the list does not know yet.

    ## Precision
    The rule fires rarely, so every finding was judged (`benchmarks/judged/DP010*.tsv`,
    `python3 benchmarks/judge.py DP010`), before any tuning, on real MT output: the WMT21
    system outputs (en-de, ru-en, en-ru, de-fr), the WMT24 outputs of 56 systems in seven
    languages and the WMT23 MQM en-de outputs. In the languages it checks: 9 of 10 (90 %; the
    miss is a quoted "zoom zoom"), too few to be sure of the figure. In the languages it now
    leaves alone: Czech 1 of 5, Hindi 0 of 5, Icelandic 12 of 15, Ukrainian 3 of 4 (its one
    false finding, "в в'язниці", was a tokenisation bug, fixed since), which is why a language
    needs its list first. On human text: the WMT21 references (8,018 lines), 5 findings, 0.62
    per 1,000 lines, each a real slip of the translator ("это это", "против против", "Wir
    wir"); the WMT21 sources (4,008 lines), 5: four real slips ("selection selection", "and
    and", each in two test sets) and "sehr sehr viele" (meant).
    """
    text = doc.text
    allowed = legitimate_doubles(ctx)
    if allowed is None:
        return
    if "ı" in text or "İ" in text:
        words, repeated = line_words(_one_i(text)), None
    else:
        lines = document_word_lines(doc, ctx)
        words, repeated = lines.words, lines.repeated
    for line in doubled_lines(words, repeated):
        yield from _doubled_words(doc, line, allowed)


def _doubled_words(doc: Document, line: int, allowed: frozenset[str]) -> Iterator[Hit]:
    """DP010's findings on line ``line``: a match of :data:`_DOUBLED` holds no line break."""
    text = doc.text
    for match in _DOUBLED.finditer(text, *doc.line_span(doc.line_starts[line])):
        first, second = match.group(1), match.group(3)
        if first.casefold() in allowed or _is_name_pair(first, second) \
                or _in_longer_run(text, match):
            continue
        start, end = match.span()
        yield Hit(start, end, f"Word repeated: {first!r} {second!r}",
                  Fix.replace(match.start(2), end, "", f"Delete the second {second!r}",
                              Applicability.UNSAFE))


@dataclass(frozen=True, eq=False, repr=False)
class Loop:
    """A unit of ``size`` tokens written ``repeats`` times in a row, from token ``first``."""

    first: int
    size: int
    repeats: int

    @property
    def last(self) -> int:
        return self.first + self.size * self.repeats - 1


def _normalised(token: str) -> str:
    return _EDGE_PUNCTUATION.sub("", token).casefold()


def _all_normalised(raw: list[str]) -> list[str]:
    """``[_normalised(token) for token in raw]`` in one pattern pass (tokens hold no space;
    casefolding keeps letters, marks and figures apart from punctuation, so it may come
    first)."""
    return _SPACED_EDGES.sub("", " ".join(raw).casefold()).split(" ") if raw else []


class _Periods:
    """How many times the unit of ``size`` words at ``first`` repeats in a row, in time linear
    in the text for each unit size: a run of words with period ``size`` (``words[i] ==
    words[i + size]``) is measured once, and every start inside it reads its count from it
    (a table of numbers "0 0 0 …" used to be recounted from every position)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.runs: dict[int, tuple[int, int]] = {}  # size -> (start, end) of the last run

    def repeats(self, first: int, size: int) -> int:
        start, end = self.runs.get(size, (0, -1))
        if not start <= first < end:
            words, end = self.words, first
            while end + size < len(words) and words[end] == words[end + size]:
                end += 1
            self.runs[size] = (first, end)
        return 1 + (end - first) // size


def _is_loop(words: list[str], raw: list[str], loop: Loop) -> bool:
    unit = words[loop.first:loop.first + loop.size]
    if not any(any(ch.isalpha() for ch in word) for word in unit) or not all(unit):
        return False
    if loop.size <= SHORT_UNIT:
        return loop.repeats >= MIN_REPEATS_SHORT
    if loop.repeats >= MIN_REPEATS_PHRASE:
        return True
    if loop.size < MIN_WORDS_TWICE:
        return False
    # A whole sentence written twice is DP001's (repeated-sentence); here only mid-sentence.
    starts_sentence = loop.first == 0 or bool(_SENTENCE_END.search(raw[loop.first - 1]))
    ends_sentence = bool(_SENTENCE_END.search(raw[loop.first + loop.size - 1]))
    return not (starts_sentence and ends_sentence)


def find_loops(raw: list[str]) -> Iterator[Loop]:
    """Maximal in-a-row repetitions of the tokens ``raw`` (the smallest unit for a span)."""
    words = _all_normalised(raw)
    following = _next_occurrences(words)
    periods = _Periods(words)
    has_letter = {word: word[:1].isalpha() or any(ch.isalpha() for ch in word)
                  for word in set(words)}  # once a word
    lettered = list(accumulate(map(has_letter.__getitem__, words), initial=0))
    empty = list(accumulate((not w for w in words), initial=0))
    length = len(words)
    position = 0  # where the search goes on: after the last loop found
    for start in _may_start_a_loop(following):
        if start < position:
            continue
        best: Loop | None = None
        later = following[start]  # the unit sizes: distances to the word's next occurrences
        while later >= 0 and (size := later - start) <= MAX_UNIT and start + 2 * size <= length:
            later = following[later]
            end = start + size
            if lettered[end] == lettered[start] or empty[end] != empty[start]:
                continue  # figures or marks only: no loop (see _is_loop), and no count needed
            repeats = periods.repeats(start, size)
            if repeats < 2:
                continue
            loop = Loop(start, size, repeats)
            if _is_loop(words, raw, loop) and (best is None or loop.last > best.last):
                best = loop
        if best is not None:
            yield best
            position = best.last + 1


def _may_start_a_loop(following: list[int]) -> list[int]:
    """The positions whose word occurs again close enough to start a unit repeated twice."""
    length = len(following)
    return [start for start, later in enumerate(following)
            if 0 <= later - start <= MAX_UNIT and 2 * later - start <= length]


def _next_occurrences(words: list[str]) -> list[int]:
    """For each word, the index of its next occurrence in ``words``, or -1."""
    following = [-1] * len(words)
    last: dict[str, int] = {}
    for index in range(len(words) - 1, -1, -1):
        following[index] = last.get(words[index], -1)
        last[words[index]] = index
    return following


def _may_loop(line: str) -> bool:
    """False when no loop is possible: every loop repeats a three-word sequence (a unit of three
    words or more, or a shorter unit four times), so a line without a repeated word trigram
    has none. One regex pass instead of a Python call per word."""
    words = _ALL_EDGES.sub("", line).casefold().split()
    trigrams = list(zip(words, words[1:], words[2:]))
    return len(set(trigrams)) < len(trigrams)


@rule("DP011", "repetition-loop", "duplication", "Accuracy/Addition", fixable="always")
def repetition_loop(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A word, phrase or sentence repeated back to back: the loop of a degenerate translation.

    ## What it does
    Looks, line by line, for a unit of words written several times in a row (case and the
    punctuation at word edges ignored) and reports each loop once, over its whole span:
    a unit of one to three words four times or more ("for repairs for repairs for repairs for
    repairs"), of four words or more three times or more, or a phrase of five words or more
    twice in a row in the middle of a sentence. Short units repeated three times are idioms
    ("and on and on and on", "again and again and again") and are left alone. A whole
    sentence written twice is left to DP001 (repeated-sentence), which reports repeats of
    earlier sentences; the smallest repeating unit is reported, and units made of numbers only
    are ignored (tables, scores).

    The thresholds follow the repetition filters of Gopher (Rae et al. 2021, "Scaling Language
    Models", appendix A: a document is dropped when its most common 2-, 3-, 4-gram covers more
    than 20 %, 18 %, 16 % of its characters, or its duplicated 5- to 10-grams more than 15 % to
    10 %). Applied to one line instead of a document: a unit repeated three times in a row makes
    its duplicated n-grams cover two thirds of the loop, far above those ratios; the message
    gives the share of the line the extra copies take.

    ## Why it matters
    Neural engines and language models fall into loops on long or odd input and write the same
    clause again and again; the copies add nothing and mark the text as broken output.

    ## Example
    ```text
    The bridge will be closed for repairs for repairs for repairs for repairs until May.
    ```
    Use instead: `The bridge will be closed for repairs until May.`

    ## Fix safety
    Unsafe: the fix keeps the first copy and deletes the others, which restores the sentence of
    a plain loop; a loop often also lost the rest of the translation, which no fix restores, and
    a chant or a quoted repetition may be meant.

    ## Precision
    The rule fires rarely, so every finding was judged, before any tuning: 7 of 7 (100 %) on
    the WMT21 system outputs (en-de, ru-en, en-ru, de-fr), the WMT24 outputs of 56 systems in
    seven languages and the WMT23 MQM en-de outputs (`benchmarks/judged/DP011.tsv`; six ru-en
    systems doubling one clause of the same sentence, where the source says "was X, became X
    with minarets", and one WMT24 Hindi system looping a clause six times). Seven findings are
    too few to be sure of the figure; the rule is on by default because its shapes are narrow.
    Silent on the WMT21 human references (8,018 lines) and sources (4,008 lines). On the
    scrapinghub-aeb gold bodies (4,033 lines) a first version found 3 idioms and rhetorical
    repeats ("and on and on and on"), so units of three words or fewer need four copies: 0.
    Per language on wmt24-news-multi (each system folder on its own, `judged/DP011.hi.tsv`): hi
    1/1.
    """
    text = doc.text
    lines = document_word_lines(doc, ctx)
    repeated = lines.repeated
    for number in looping_lines(lines.words, repeated):
        line_start, line_end = doc.line_span(doc.line_starts[number])
        line = text[line_start:line_end]
        if len(line) < 8 or " " not in line or not _may_loop(line):
            continue
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
        for loop in find_loops([line[s:e] for s, e in spans]):
            start = line_start + spans[loop.first][0]
            end = line_start + spans[loop.last][1]
            keep_end = line_start + spans[loop.first + loop.size - 1][1]
            cut_start = line_start + _content_end(line, spans[loop.first + loop.size - 1])
            cut_end = line_start + _content_end(line, spans[loop.last])
            extra = end - keep_end
            unit = text[start:keep_end]
            shown = unit if len(unit) <= 60 else unit[:57] + "..."
            share = round(100 * extra / max(len(line), 1))
            yield Hit(start, end,
                      f"Repetition loop: {shown!r} written {loop.repeats} times in a row "
                      f"(the extra copies are {share} % of the line)",
                      Fix.replace(cut_start, cut_end, "",
                                  "Keep the first copy, delete the others",
                                  Applicability.UNSAFE))


def _content_end(line: str, span: tuple[int, int]) -> int:
    """End of a token without its trailing punctuation ("no," ends before the comma)."""
    token = line[span[0]:span[1]]
    trailing = _TRAILING_PUNCTUATION.search(token)
    return span[1] - (len(trailing.group()) if trailing and trailing.start() > 0 else 0)

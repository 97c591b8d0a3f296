"""The candidate names of a text found by one regex pass, each distinct run analysed once.

:func:`termcheck.names.candidates.scan` looks at every word of a text in Python. This module gives
the same candidates at C speed: one regex finds every *raw run* -- a capitalised word, or several
separated by single spaces -- another the runs that open a sentence, and each distinct run string
is split into candidate words, phrases and neighbour pairs once per process (:class:`RunTable`),
however many documents repeat it. ``tests/test_names_runs.py`` checks both ways agree.

A word starts where ``finditer`` of ``candidates._WORD`` would start one: not after a letter, nor
after a separator that follows a letter (checked by look-behind after its first letter).

A raw run is what ``scan`` would group, before it cuts clitics (Putin's) and drops all-capital
words: inside a run, a word opens a sentence only when it is the first word of the run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Container, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from operator import attrgetter
from sys import intern
from typing import Iterable, Iterator, Mapping
from unicodedata import unidata_version

from termcheck.data import read_table, shipped
from termcheck.errors import DataError
from termcheck.langid import is_latin1
from termcheck.names.candidates import (
    CLITIC,
    LEAD,
    SENTENCE_END,
    Candidate,
    Scan,
    folded_spelling,
    is_initial,
    phrase_key,
    same_spelling,
)
from termcheck.names.translit import Folder

_LETTER = r"[^\W\d_]"
_SEPARATOR = r"['’\-]"
_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")
_LEAD_CHARS = "".join(sorted(LEAD))
MEMO_SIZE = 10_000  # distinct runs remembered per table (about 0.7 kB each: 7 MB at most)
# runs whose check decision (a bool) is remembered: about 0.1 kB each, so more than the table
# holds; past it, each document analyses its runs that were not decided again
KEPT_SIZE = 20_000
# distinct runs whose keys :func:`keys_spelled_apart` holds at once (a surface per key, about
# 200 bytes): a corpus with more is answered in shares of its keys, one walk of the runs each,
# and at most APART_SHARES walks (a walk analyses again the runs the table does not hold)
APART_RUNS = 40_000
APART_SHARES = 4

# A raw run's count (``NameStats.runs``) holds two counts in one int: its occurrences in the
# low OPENING_SHIFT bits, and above them those of its occurrences that open a sentence (a
# subset). Adding two such counts adds both, exactly while a run occurs fewer than 2**48 times
# (about 10**14: a petabyte of text). One dict of runs instead of a second one for the opening
# runs, which held its own copy of each run string: at 1 GB (generated corpus), 24,693 of the
# 34,206 distinct runs open a sentence somewhere, about 117 bytes each (string and dict entry)
# against the 32 bytes of a packed int.
OPENING_SHIFT = 48
OPENED = 1 << OPENING_SHIFT  # the count of one occurrence that opens a sentence
_OCCURRENCES = OPENED - 1

# (key, surface, initial) of a word or phrase of a run, as NameStats counts them
CountKey = tuple[str, str, bool]
# (left key, right key, left spelling, right spelling) of two neighbouring words
PairKey = tuple[str, str, str, str]


Ranges = list[tuple[int, int]]  # code point ranges (first, last), ascending
BMP_LETTERS = ("lang", "bmp-letters.tsv")  # shipped: derived by bmp_letter_ranges()


def _code_ranges(codes: Iterable[int]) -> Ranges:
    """The ascending code points ``codes`` as ranges of consecutive ones."""
    parts: Ranges = []
    for code in codes:
        if parts and parts[-1][1] == code - 1:
            parts[-1] = (parts[-1][0], code)
        else:
            parts.append((code, code))
    return parts


def _ranges_class(parts: Ranges) -> str:
    """A regex character class of the code point ranges ``parts`` (first, last)."""
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in parts) + "]"


@lru_cache(maxsize=1)
def _bmp_text() -> str:
    """Every character of the Basic Multilingual Plane, in order, decoded from its UTF-32-LE
    bytes; they are written by slice assignments (each code point's low byte, then its high
    byte), without one Python int per character as ``array("I", range(...))`` took (2.4 ms)."""
    units = bytearray(4 * 0x10000)
    units[0::4] = bytes(range(0x100)) * 0x100
    units[1::4] = b"".join(bytes((high,)) * 0x100 for high in range(0x100))
    return units.decode("utf-32-le", "surrogatepass")


@dataclass(frozen=True)
class _Classes:
    """The cased letters and the non-letters of the Basic Multilingual Plane, as ranges."""

    upper: Ranges
    lower: Ranges
    other: Ranges  # what [\W\d_] matches


def bmp_letter_ranges() -> _Classes:
    """The BMP's upper- and lower-case letters (cased characters filtered first: few) and its
    non-letters, derived from the running Python's ``unicodedata`` (7 ms: shipped instead)."""
    text, letter = _bmp_text(), re.compile(_LETTER).match
    return _Classes(_code_ranges(ord(c) for c in filter(str.isupper, text) if letter(c)),
                    _code_ranges(ord(c) for c in filter(str.islower, text) if letter(c)),
                    [(m.start(), m.end() - 1) for m in re.finditer(r"[\W\d_]+", text)])


def read_ranges(field: str) -> Ranges:
    """Ranges written as ``0041-005A 00C0``: hexadecimal code points, ascending, apart;
    ``ValueError`` for anything else."""
    pieces = [item.partition("-") for item in field.split()]
    if any(dash and not last for _, dash, last in pieces):
        raise ValueError("a range without its last code point")
    parts = [(int(first, 16), int(last or first, 16)) for first, _, last in pieces]
    ends = list(chain.from_iterable(parts))
    if any(b < a for a, b in parts) or any(b <= a + 1 for a, b in zip(ends[1::2], ends[2::2])):
        raise ValueError("ranges not ascending and apart")
    return parts


def write_ranges(parts: Ranges) -> str:
    """The inverse of :func:`read_ranges`."""
    return " ".join(f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in parts)


@lru_cache(maxsize=1)
def _bmp() -> _Classes:
    """The BMP's letter classes: read from ``lang/bmp-letters.tsv`` when it has a row for each
    at the running Python's ``unicodedata`` version (1.5 ms), else derived."""
    path = shipped(*BMP_LETTERS)
    found: dict[str, Ranges] = {}
    for line, row in read_table(path, ("unicode", "class", "ranges")):
        if row["unicode"] != unidata_version:
            continue
        if row["class"] not in ("upper", "lower", "other"):
            raise DataError(f"unknown class {row['class']!r}", str(path), line)
        try:
            found[row["class"]] = read_ranges(row["ranges"])
        except ValueError as exc:
            raise DataError(f"bad ranges: {exc}", str(path), line) from None
    if len(found) < 3:
        return bmp_letter_ranges()
    return _Classes(found["upper"], found["lower"], found["other"])


@lru_cache(maxsize=1)
def _latin1() -> _Classes:
    """:func:`_bmp`'s classes cut below U+0100, derived as :func:`bmp_letter_ranges` derives
    them (256 characters: at once)."""
    text, letter = "".join(map(chr, range(0x100))), re.compile(_LETTER).match
    return _Classes(_code_ranges(ord(c) for c in filter(str.isupper, text) if letter(c)),
                    _code_ranges(ord(c) for c in filter(str.islower, text) if letter(c)),
                    [(m.start(), m.end() - 1) for m in re.finditer(r"[\W\d_]+", text)])


@lru_cache(maxsize=1)
def _bmp_letters() -> tuple[str, str]:
    """What [^\\W\\d_] and [\\W\\d_] match in BMP text, as explicit classes: faster in ``re``,
    slower to build. The letters are written as "not a non-letter of the BMP" (the same in text
    without astral characters): ``re`` compiles a class by visiting each character it lists, and
    the BMP has three letters for one non-letter."""
    return _listed_letters(_bmp())


def _listed_letters(classes: _Classes) -> tuple[str, str]:
    other = _ranges_class(classes.other)
    return "[^" + other[1:], other


@dataclass(frozen=True, eq=False, repr=False)
class Patterns:
    """The regexes of one set of cased letters.

    Each starts with a character class, so that ``re`` only tries to match where one of its
    characters occurs; what precedes a word is checked by look-behind after its first letter.
    """

    runs: re.Pattern[str]  # every raw run
    opening: re.Pattern[str]  # group: a raw run after a sentence end
    # group: words that start with a lower-case letter, one space apart (cut at the spaces:
    # a match per word costs ``re`` more than the word does)
    lower_words: re.Pattern[str]
    # a word at the start of the text, whatever its case: its first letter is tested in Python
    # (one character), so that no third class of lower-case letters is compiled
    head_word: re.Pattern[str]


@lru_cache(maxsize=64)
def patterns(extra_upper: frozenset[str] = frozenset(), extra_lower: frozenset[str] = frozenset(),
             listed: bool = False, latin1: bool = False) -> Patterns:
    """The patterns for the BMP's cased letters plus ``extra`` ones (astral letters of a text);
    ``listed``: letters matched by an explicit list (BMP text only) instead of by category;
    ``latin1``: only the cased letters below U+0100 (for a text of those characters only, where
    they match as the BMP's do: their classes build at once, the BMP's take ~15 ms; the letters
    are listed too, which costs nothing there)."""
    if latin1:
        bmp = _latin1()
        letter, other = _listed_letters(bmp)
    else:
        bmp = _bmp()
        letter, other = _bmp_letters() if listed else (_LETTER, r"[\W\d_]")
    # possessive: a word ends where it ends, so nothing is given back, and ``re`` keeps no
    # backtracking state per letter (the lower-case scan 10 % faster). The letters after a
    # separator are seldom tried: there the category, which ``re`` compiles at once (a listed
    # class takes 1.4 ms: the listed patterns' build 16 -> 12 ms for the same scan speed)
    tail = rf"{letter}*+(?:{_SEPARATOR}{_LETTER}++)*+"
    first = _ranges_class(bmp.upper + _code_ranges(map(ord, sorted(extra_upper))))
    word = first + tail
    run = rf"{first}(?<!{letter}.)(?<!{letter}{_SEPARATOR}.){tail}(?: {word})*+"
    lead = _ranges_class(_code_ranges(map(ord, sorted(LEAD))))  # no capital: possessive below
    ends = _ranges_class(_code_ranges(map(ord, sorted(SENTENCE_END))))
    lower = _ranges_class(bmp.lower + _code_ranges(map(ord, sorted(extra_lower))))
    # what precedes the first word is checked after its first letter, where a lower-case word
    # starts (not after every non-letter); a word after a space needs no check
    lower_words = re.compile(rf"{other}({lower}(?<!{letter}{_SEPARATOR}.){tail}"
                             rf"(?: {lower}{tail})*+)")
    if listed:  # only where it pays: the opening runs and the text's head are tried seldom
        by_category = patterns(extra_upper, extra_lower)
        return Patterns(re.compile(run), by_category.opening, lower_words,
                        by_category.head_word)
    return Patterns(re.compile(run), re.compile(rf"{ends}{lead}*+({run})"), lower_words,
                    re.compile(_LETTER + tail))


_SEEN = [0]  # characters given to patterns_for in this process
LISTED_AFTER = 500_000  # characters seen before the listed patterns are worth their build


def patterns_for(text: str) -> Patterns:
    """The patterns that find every capitalised and lower-case word of ``text`` (the functions
    below take them as ``found``, for a caller that keeps them for the text)."""
    _SEEN[0] += len(text)
    if is_latin1(text):
        return patterns(latin1=True)
    if not has_astral(text):
        return patterns(listed=_SEEN[0] > LISTED_AFTER)
    astral = set(_ASTRAL.findall(text))
    letter = re.compile(_LETTER)
    return patterns(frozenset(c for c in astral if c.isupper() and letter.match(c)),
                    frozenset(c for c in astral if c.islower() and letter.match(c)))


def has_astral(text: str) -> bool:
    """Whether ``text`` has a character beyond the BMP: then its UTF-16 form has a surrogate
    pair, two units for one character (ten times faster than a regex search). An ASCII text
    (known without reading it) is not encoded: for a short text the encoder's set-up costs
    more than the characters."""
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def raw_runs(text: str, found: Patterns | None = None,
             runs: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Every raw run of ``text`` in order, and those that open a sentence (or the text);
    ``runs``: the first, when already found."""
    found = found or patterns_for(text)
    if runs is None:
        runs = found.runs.findall(text)
    if not runs:
        return runs, []
    opening: list[str] = found.opening.findall(text)
    if _opens_text(text, runs[0], found):
        opening.insert(0, runs[0])
    return runs, opening


def _opens_text(text: str, first: str, found: Patterns) -> bool:
    """Whether the first run of ``text`` (the string ``first``) has nothing but quotes, dashes
    or spaces before it. A text that starts with none of those: whether the run starts the
    text, that is whether the text starts with that string (a run starts with a capital and
    nothing precedes the text's first character, so the run pattern matches there, and finds
    nothing before it), told without a second search of the text."""
    if text[0] not in LEAD:
        return text.startswith(first)
    match = found.runs.search(text)
    return match is not None and not text[:match.start()].strip(_LEAD_CHARS)


def lowercase_words(text: str, found: Patterns | None = None) -> set[str]:
    """The casefolded words of ``text`` that start with a lower-case letter."""
    return set(_lowercase_folded(text, found))


def lowercase_among(text: str, wanted: set[str] | frozenset[str],
                    found: Patterns | None = None) -> set[str] | frozenset[str]:
    """Those of ``wanted`` (casefolded words) that ``text`` also writes starting with a
    lower-case letter: ``wanted & lowercase_words(text)``."""
    return wanted.intersection(_lowercase_folded(text, found))


def _lowercase_folded(text: str, found: Patterns | None) -> list[str]:
    """The casefold of each occurrence of a word of ``text`` that starts with a lower-case
    letter: the stretches of words are joined, casefolded and cut at their spaces by three C
    calls (casefolding adds no space), without a set of the words or a string per word
    casefolded on its own."""
    found = found or patterns_for(text)
    spaced = found.lower_words.findall(text)
    if text[:1].islower():  # a lower-case letter (islower and a letter) opens the text
        head = found.head_word.match(text)  # (not tried otherwise: most texts)
        if head is not None:
            spaced.append(head.group())
    return " ".join(spaced).casefold().split(" ") if spaced else []


@dataclass(slots=True)
class RunInfo:
    """What one raw run string holds, at offsets from its start (never changed once made).

    Only what cannot be derived is stored (a table keeps thousands of these): the neighbour
    pairs as a bit mask over the words, and the counts, keys and pair keys are derived from the
    words and phrases when asked for (about 0.75 kB a run instead of 1.8 kB).
    """

    words: tuple[Candidate, ...]  # none marked initial: that depends on the occurrence
    phrases: tuple[Candidate, ...]
    pair_mask: int  # bit i: words i and i + 1 are neighbours (one space apart)
    casefolds: tuple[str, ...]  # of each word

    @property
    def pairs(self) -> tuple[tuple[Candidate, Candidate], ...]:
        """The neighbouring words, in order."""
        mask, words = self.pair_mask, self.words
        return tuple([(words[i], words[i + 1]) for i in range(len(words) - 1) if mask >> i & 1])

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of the words and phrases (a word's key may repeat)."""
        return tuple([c.key for c in self.words] + [c.key for c in self.phrases])

    @property
    def counts(self) -> tuple[CountKey, ...]:
        """NameStats counts of one occurrence inside a sentence: words, then phrases."""
        return tuple([(c.key, c.surface, False) for c in self.words]
                     + [(c.key, c.surface, False) for c in self.phrases])

    @property
    def opening(self) -> tuple[tuple[CountKey, CountKey], ...]:
        """(inside, opening) of the counts an occurrence that opens a sentence changes: those
        of the first word and the first phrase, when they start the run."""
        return tuple([((c.key, c.surface, False), (c.key, c.surface, True))
                      for c in self.words[:1] + self.phrases[:1] if c.start == 0])

    @property
    def pair_keys(self) -> tuple[PairKey, ...]:
        """(left key, right key, left spelling, right spelling) of each pair."""
        mask, words = self.pair_mask, self.words
        spelled = [folded_spelling(folded) for folded in self.casefolds]
        return tuple([(words[i].key, words[i + 1].key, spelled[i], spelled[i + 1])
                      for i in range(len(words) - 1) if mask >> i & 1])


def analyse_run(run: str, folder: Folder) -> RunInfo:
    """Cut ``run`` into candidate words, phrases (groups of words) and neighbour pairs."""
    if " " not in run:  # most runs: one word, nothing to group (written out for speed)
        return _one_word(run, folder)
    key, known_key = folder.key, folder.known_keys.get
    words: list[Candidate] = []
    casefolded: list[str] = []
    phrases: list[Candidate] = []
    mask = position = first = before = end = 0  # first, before: starts of the group's words
    word = ""  # the last candidate word
    for piece in run.split(" "):
        if "'" in piece or "’" in piece:  # a clitic to cut off, maybe
            found = candidate_word(piece)
        else:  # candidate_word, written out: most pieces
            found = intern(piece) if len(piece) > 1 and not piece.isupper() else None
        if found is not None:
            if words and position == end + 1:  # one space after the word before: neighbours
                mask |= 1 << (len(words) - 1)
            else:
                if words and (first != before or "-" in word):
                    phrases.append(_phrase(run, first, end, folder))
                first = position
            word = found
            before, end = position, position + len(word)
            words.append(_new_tuple(Candidate, (before, end, word,
                                                known_key(word) or key(word), False, False)))
            casefolded.append(intern(word.casefold()))
        position += len(piece) + 1
    if words and (first != before or "-" in word):
        phrases.append(_phrase(run, first, end, folder))
    return RunInfo(tuple(words), tuple(phrases), mask, tuple(casefolded))


_NO_WORDS = RunInfo((), (), 0, ())


def _one_word(run: str, folder: Folder) -> RunInfo:
    """:func:`analyse_run` of a run without a space: one candidate word or none."""
    word = candidate_word(run)
    if word is None:
        return _NO_WORDS
    words = (_new_tuple(Candidate, (0, len(word), word, folder.key(word), False, False)),)
    casefolds = (intern(word.casefold()),)
    if "-" not in word:
        return RunInfo(words, (), 0, casefolds)
    phrase = _phrase(run, 0, len(word), folder)  # a hyphenated word is a phrase too
    return RunInfo(words, (phrase,), 0, casefolds)


_KEY = attrgetter("key")  # of a Candidate
_new_tuple = tuple.__new__  # a Candidate without its Python-level __new__: made by the thousand


def candidate_word(piece: str) -> str | None:
    """The candidate word of ``piece``, a run cut at its spaces (clitic cut off), interned (one
    string for the word in every run of the table); ``None`` for an all-capital or one-letter
    word. :func:`analyse_run` asks this of each piece, without a generator (:func:`_kept_words`)
    between them."""
    if "'" in piece or "’" in piece:
        clitic = CLITIC.search(piece)
        if clitic:
            piece = piece[: clitic.start()]
    return intern(piece) if len(piece) > 1 and not piece.isupper() else None


def _kept_words(run: str) -> Iterator[tuple[int, str]]:
    """``(offset, word)`` of each candidate word of ``run``: clitics cut off, all-capital and
    one-letter words left out."""
    position = 0
    for raw in run.split(" ") if " " in run else (run,):
        word = candidate_word(raw)
        if word is not None:
            yield position, word
        position += len(raw) + 1


def run_casefolds(run: str) -> tuple[str, ...]:
    """:attr:`RunInfo.casefolds` of ``run``, without its keys: the casefolds of its
    :func:`_kept_words`."""
    return tuple([intern(word.casefold()) for _, word in _kept_words(run)])


def _phrase(run: str, start: int, end: int, folder: Folder) -> Candidate:
    surface = run[start:end]
    return _new_tuple(Candidate, (start, end, surface, phrase_key(surface, folder), False, True))


class RunTable(dict[str, RunInfo]):
    """:class:`RunInfo` of each run string met, computed on first use (one table per folder)."""

    def __init__(self, folder: Folder) -> None:
        super().__init__()
        self.folder = folder
        self.folds: dict[str, tuple[str, ...]] = {}  # run_casefolds of runs not analysed

    def __missing__(self, run: str) -> RunInfo:
        info = analyse_run(run, self.folder)
        if len(self) < MEMO_SIZE:
            self[run] = info
        return info

    def infos(self, runs: list[str]) -> list[RunInfo]:
        """The analysis of each of ``runs``."""
        return list(map(self.__getitem__, runs))

    def casefolds(self, runs: list[str], analyse: bool = True) -> set[str]:
        """The casefolds of the words of ``runs``; once the table is full, or without
        ``analyse``, a run it does not hold is cut into words without being analysed (its keys
        are not folded)."""
        if not analyse:
            return self._casefolds_only(runs)
        if len(self) < MEMO_SIZE:  # room: analysed and remembered, as most runs of a corpus
            return casefolds(map(self.__getitem__, runs))
        infos = list(map(self.get, runs))
        if None not in infos:
            return casefolds(infos)  # type: ignore[arg-type]
        return set().union(*[run_casefolds(run) if info is None else info.casefolds
                             for run, info in zip(runs, infos)])

    def _casefolds_only(self, runs: list[str]) -> set[str]:
        """:meth:`casefolds` with no run analysed: those the table does not hold are cut into
        words once (remembered in :attr:`folds`, as many as the table would hold)."""
        folds, held = self.folds, self.get
        found: set[str] = set()
        for run in runs:
            info = held(run)
            if info is not None:
                found.update(info.casefolds)
                continue
            folded = folds.get(run)
            if folded is None:
                folded = run_casefolds(run)
                if len(folds) < MEMO_SIZE:
                    folds[run] = folded
            found.update(folded)
        return found


COUNTED_IN_C = 32  # runs from which a Counter counts faster (timeit: equal at 32, 2.2 µs)


def run_counts(runs: list[str], opening: list[str]) -> dict[str, int]:
    """The packed counts (see :data:`OPENING_SHIFT`) of every raw run of a text, ``runs``, of
    which ``opening`` open a sentence (:func:`raw_runs`). A short text's few runs are counted
    into a plain dict, in the order they come: a ``Counter`` costs more to make than they cost
    to count (its C loop pays from about :data:`COUNTED_IN_C` runs on)."""
    counts: dict[str, int]
    if len(runs) >= COUNTED_IN_C:
        counts = Counter(runs)
    else:
        counts = {}
        for run in runs:
            counts[run] = counts.get(run, 0) + 1
    for run in opening:
        counts[run] = counts.get(run, 0) + OPENED
    return counts


def occurrences(count: int) -> int:
    """The occurrences of a raw run, from its packed count."""
    return count & _OCCURRENCES


def openings(count: int) -> int:
    """The occurrences of a raw run that open a sentence, from its packed count."""
    return count >> OPENING_SHIFT


def expand_runs(runs: Mapping[str, int],
                table: RunTable) -> tuple[dict[CountKey, int], dict[PairKey, int]]:
    """How often each (key, surface, initial) and each pair of neighbouring words occurs in
    ``runs`` (raw run -> packed count, see :data:`OPENING_SHIFT`)."""
    paired: list[tuple[str, int]] = []
    counts = count_runs(runs, table, paired)
    return counts, count_pairs(paired, table)


def count_runs(runs: Mapping[str, int], table: RunTable,
               paired: list[tuple[str, int]]) -> dict[CountKey, int]:
    """The counts of :func:`expand_runs`; ``paired`` gets the (run, occurrences) of each run
    with neighbouring words, for :func:`count_pairs`."""
    counts: dict[CountKey, int] = {}
    count = counts.get
    for run, packed in runs.items():
        info, found = table[run], packed & _OCCURRENCES
        for item in info.words + info.phrases:  # info.counts, without its tuple per run
            key = item.key, item.surface, False
            counts[key] = count(key, 0) + found
        if info.pair_mask:  # most runs are one word: no pairs
            paired.append((run, found))
    _count_openings(counts, runs.items(), table)
    return counts


def _count_openings(counts: dict[CountKey, int], runs: Iterable[tuple[str, int]],
                    table: RunTable, keys: Set[str] | None = None) -> None:
    """Move to their sentence-initial counts the occurrences that open a sentence of ``runs``
    ((run, packed count) pairs), already counted inside a sentence in ``counts``; with
    ``keys``, those of the words and phrases of these keys only."""
    count = counts.get
    for run, packed in runs:
        if packed < OPENED:
            continue  # never opens a sentence
        opened = packed >> OPENING_SHIFT
        for inside, initial in table[run].opening:
            if keys is not None and inside[0] not in keys:
                continue
            left = counts[inside] - opened
            if left:
                counts[inside] = left
            else:
                del counts[inside]
            counts[initial] = count(initial, 0) + opened


def keys_spelled_apart(runs: Collection[str], table: RunTable,
                       counted: Iterable[CountKey] = (),
                       common: Container[str] = frozenset()) -> set[str]:
    """The keys of the words and phrases of ``runs`` (and of ``counted``) written with two
    spellings or more (:func:`~termcheck.names.candidates.same_spelling`), left out the
    spellings in ``common`` (words a corpus also writes in lower case, which never make a key
    varied: :func:`~termcheck.names.profile.varied_keys`): a few of the keys of a corpus, and
    every key it spells several ways. Leaving the common words out here keeps the counts that
    follow small: on the 100 MB generated corpus 4,710 keys were spelled apart, 420 of them
    varied, and the counts of the 4,710 were the peak of the end of the profile pass. Holds a
    surface per key, not its counts, and past :data:`APART_RUNS` runs only a share of the keys
    at a time (see :func:`_apart_in_share`): the distinct keys of a large corpus, a surface
    each, would be the peak of its run's memory. Each share costs a walk of the runs (about
    2 s for 80,000 runs), so there are at most :data:`APART_SHARES`."""
    counted = list(counted)
    shares = min(-(-len(runs) // APART_RUNS), APART_SHARES) or 1
    if shares == 1:
        return _apart_in_share(runs, table, counted, common)
    apart: set[str] = set()
    for share in range(shares):
        apart |= _apart_in_share(runs, table, counted, common, (shares, share))
    return apart


def _apart_in_share(runs: Iterable[str], table: RunTable, counted: list[CountKey],
                    common: Container[str], share: tuple[int, int] | None = None) -> set[str]:
    """:func:`keys_spelled_apart` of the keys whose ``hash(key) % shares == number``
    (``share``: ``(shares, number)``; ``None``: every key). A key's spellings all fall in its
    share, so the shares' answers together are the whole answer; each share walks the runs
    again (a run the table does not hold is analysed again)."""
    seen: dict[str, str] = {}  # key -> its first surface whose spelling is not common
    apart: set[str] = set()
    items = (item for info in map(table.__getitem__, runs) for item in info.words + info.phrases)
    pairs: Iterable[tuple[str, str]] = chain(((item.key, item.surface) for item in items),
                                             ((key, surface) for key, surface, _ in counted))
    if share is not None:
        shares, number = share
        pairs = ((key, surface) for key, surface in pairs if hash(key) % shares == number)
    first = seen.get
    for key, surface in pairs:
        known = first(key)
        if known is None:
            if same_spelling(surface) not in common:
                seen[key] = surface
        elif known != surface and key not in apart:
            spelling = same_spelling(surface)
            if spelling != same_spelling(known) and spelling not in common:
                apart.add(key)
    return apart


def anchored_keys(keys: Set[str], found: Iterable[str], runs: Mapping[str, int],
                  table: RunTable, counted: Iterable[CountKey] = ()) -> set[str]:
    """Those of ``keys`` that occur somewhere without opening a sentence, in the runs
    ``found`` (every run of ``runs`` with a word or phrase of ``keys``) or in ``counted``: the
    keys :func:`~termcheck.names.profile.varied_keys` calls anchored, found before their counts
    are (most keys spelled apart open sentences only: on the 100 MB generated corpus 4,700
    keys were spelled apart and 420 anchored, and the counts of the 4,700 were the peak of the
    end of the profile pass). An opening moves only the counts of the word and the phrase that
    start the run (:attr:`RunInfo.opening`): they stay anchored unless every occurrence of the
    run opens a sentence."""
    anchored = {key for key, _, initial in counted if not initial and key in keys}
    for run in found:
        packed, info = runs[run], table[run]
        every_opens = packed >> OPENING_SHIFT == packed & _OCCURRENCES
        for item in info.words + info.phrases:
            if item.key in keys and not (every_opens and item.start == 0):
                anchored.add(item.key)
    return anchored


def count_runs_of(keys: Set[str], runs: Mapping[str, int], table: RunTable,
                  paired: list[tuple[str, int]], touched: list[str] | None = None,
                  among: Collection[str] | None = None) -> dict[CountKey, int]:
    """:func:`count_runs`, for the words and phrases of ``keys`` only; ``touched`` gets the runs
    with a word or phrase of those keys (the others have none of them); ``among``: runs of
    ``runs`` known to hold every such run, when at hand (no walk of all the runs)."""
    counts: dict[CountKey, int] = {}
    count = counts.get
    found = runs_with_keys(keys, runs if among is None else among, table)
    for run in found:
        packed, info = runs[run], table[run]
        occurred = packed & _OCCURRENCES
        for item in info.words + info.phrases:
            if item.key in keys:
                key = item.key, item.surface, False
                counts[key] = count(key, 0) + occurred
        if info.pair_mask and not keys.isdisjoint(map(_KEY, info.words)):
            paired.append((run, occurred))  # a pair of these keys: counted afterwards
    _count_openings(counts, [(run, runs[run]) for run in found], table, keys)
    if touched is not None:
        touched += found
    return counts


def runs_with_keys(keys: Set[str], runs: Collection[str], table: RunTable) -> list[str]:
    """Those of ``runs`` with a word or phrase whose key is in ``keys`` (``table``'s analysis):
    usually a few, each found without a Python loop over its words."""
    return [run for run, info in zip(runs, map(table.__getitem__, runs)) if has_key(keys, info)]


def has_key(keys: Set[str], info: RunInfo) -> bool:
    """Whether a word or phrase of the run analysed as ``info`` has one of ``keys``."""
    return not (keys.isdisjoint(map(_KEY, info.words)) and keys.isdisjoint(map(_KEY, info.phrases)))


def count_pairs(paired: Iterable[tuple[str, int]], table: RunTable,
                keys: Set[str] | None = None) -> dict[PairKey, int]:
    """The pairs of :func:`expand_runs` in ``paired`` (run, occurrences); with ``keys``, only
    the pairs with a word of one of those keys."""
    pairs: dict[PairKey, int] = {}
    pair = pairs.get
    for run, occurrences in paired:
        for key in table[run].pair_keys:
            if keys is None or key[0] in keys or key[1] in keys:
                pairs[key] = pair(key, 0) + occurrences
    return pairs


_CASEFOLDS = attrgetter("casefolds")  # of a RunInfo


def casefolds(infos: Iterable[RunInfo]) -> set[str]:
    """The casefolds of the words of the runs."""
    return set().union(*map(_CASEFOLDS, infos))


class KeptRuns(dict[str, bool]):
    """Whether a run string has one of ``keys`` (a key the corpus spells several ways), decided
    once per distinct run: a document is then tested by dictionary look-ups of its runs."""

    def __init__(self, keys: frozenset[str], table: RunTable) -> None:
        super().__init__()
        self.keys = keys
        self.table = table
        self._owner: object = None  # what the decisions of :meth:`memo_for` also depend on
        self._decided: dict[str, bool] = {}

    def memo_for(self, owner: object) -> dict[str, bool]:
        """A memo of further decisions about kept runs that also depend on ``owner`` (the
        check's glossary hints), to fill within :data:`KEPT_SIZE` runs: one owner's at a time."""
        if self._owner is not owner:
            self._owner, self._decided = owner, {}
        return self._decided

    def __missing__(self, run: str) -> bool:
        return self._decide(run, self.table[run])

    def _decide(self, run: str, info: RunInfo) -> bool:
        """Whether ``run`` (analysed as ``info``) has one of the keys, remembered while there is
        room (:data:`KEPT_SIZE`: a corpus has more distinct runs)."""
        kept = has_key(self.keys, info)
        if len(self) < KEPT_SIZE:
            self[run] = kept
        return kept

    def settle(self, runs: Iterable[str], candidates: Iterable[str]) -> None:
        """Decide ``runs`` at once, while there is room, knowing that only ``candidates`` among
        them may have one of the keys (runs found for more keys than these, as
        :func:`count_runs_of` finds them at the end of the profile pass): the others are not
        kept, and their analysis is not read. The check pass then looks its runs up instead of
        deciding each distinct run on first sight."""
        # pairs, not a dict of them: the decisions are made in place, without a second table
        # of up to KEPT_SIZE runs beside this one at the peak of the run's memory
        self.update(zip(islice(runs, max(KEPT_SIZE - len(self), 0)), repeat(False)))
        keys, table = self.keys, self.table
        for run in candidates:
            if run in self:
                self[run] = has_key(keys, table[run])

    def any_of(self, runs: Iterable[str]) -> bool:
        """Whether one of ``runs`` is kept."""
        return any(map(self.__getitem__, runs))

    def infos_of(self, runs: list[str]) -> dict[str, RunInfo]:
        """The analysis of each kept run of ``runs``: each distinct run is analysed at most
        once here, even past the bound of the table and of this memo."""
        known = list(map(self.get, runs))  # True, False, or None: not decided yet
        table = self.table
        found = {run: table[run] for run in set(compress(runs, known))}
        if None in known:
            for run in {run for run, kept in zip(runs, known) if kept is None}:
                info = table[run]
                if self._decide(run, info):
                    found[run] = info
        return found


# distinct runs (a reference each, 8 bytes, the strings those the profile counts) that
# :class:`CollectedRuns` holds for the check of texts collected in this process: the benchmark's
# real corpus (476 texts) has 28,776, its generated one (886) 46,367, a generated 10 MB corpus
# 231,803. Peak RSS of lint -j1 with this bound: 10 MB corpus 47.4 -> 47.8 MB, 100 MB corpus
# 51.6-52.0 -> 53.6 MB. Past it, a text's check finds its runs again.
COLLECTED_SIZE = 100_000


class CollectedRuns(dict[tuple[str, int, int], tuple[str, ...]]):
    """The distinct raw runs of each text the profile pass collected in this process, until its
    check: a text is known by its path, length and hash, and its runs, a function of its text
    alone, are not searched for again (a text is scanned by the profile pass, its check skips
    the scan when none of its runs has a key spelled several ways: 231 of the 476 texts of the
    real corpus). A text changed in between (a fix round's, a file rewritten) has another
    length or hash: its check scans it. Each text's runs are given once (its check takes them).
    With ``-j2`` or Dask only the texts a process both collects and checks gain; what a process
    collected for another one's check stays held, within :data:`COLLECTED_SIZE`, until its next
    profile pass or reduction.

    A run met in many texts is held once, by the string the profile counts it under (that of
    the first text with it). Once the profile is reduced for the check, :meth:`reduce` keeps of each
    text only its runs with a key the profile spells several ways (most texts: none), so that
    the other strings are freed with the profile (0.5 MB less peak RSS on a generated 100 MB
    corpus)."""

    def __init__(self) -> None:
        super().__init__()
        self.held = 0  # run references held
        # the keys spelled several ways that :meth:`reduce` kept the runs of (None: every run)
        self.kept_for: frozenset[str] | None = None
        # one string per distinct run, until the reduction (not sys.intern: the interpreter's
        # table of interned strings never shrinks; the 100 MB corpus's peak RSS was 55.1 MB
        # with it, 53.6 MB with this dict)
        self.canonical: dict[str, str] = {}

    @staticmethod
    def key(path: str, text: str) -> tuple[str, int, int]:
        return path, len(text), hash(text)

    def keep(self, path: str, text: str, distinct: Collection[str]) -> None:
        """Remember ``distinct`` (the text's distinct runs), while there is room. The texts of
        an earlier run's reduced profile are forgotten: a new profile pass has begun."""
        if self.kept_for is not None:
            self.clear()
            self.held, self.kept_for = 0, None
        key = self.key(path, text)
        self.held -= len(self.pop(key, ()))  # a text given twice is held once
        if self.held + len(distinct) > COLLECTED_SIZE:
            return
        if len(self.canonical) > COLLECTED_SIZE:  # never reduced (a check without a corpus
            self.canonical = {}  # pass, a Dask worker): the table is a saving, not a need
        canonical = self.canonical.setdefault
        self[key] = tuple(map(canonical, distinct, distinct))
        self.held += len(distinct)

    def reduce(self, kept: KeptRuns) -> None:
        """Keep of each text only its runs that ``kept`` keeps (those with one of its keys):
        the check of a profile with these keys needs no others. Texts already reduced for other
        keys (left by an earlier run that did not check them all) lack runs these keys need:
        they are forgotten."""
        if self.kept_for is not None and self.kept_for != kept.keys:
            self.clear()
        empty: tuple[str, ...] = ()
        decided = kept.__getitem__  # decided on first sight, as the check would
        for key, runs in self.items():
            self[key] = tuple(compress(runs, map(decided, runs))) or empty
        self.held = sum(map(len, self.values()))
        self.kept_for = kept.keys
        self.canonical = {}

    def take(self, path: str, text: str, varied: frozenset[str]) -> tuple[str, ...] | None:
        """The distinct runs of ``text`` if it was collected here (``None`` otherwise), or,
        reduced, its runs with a key of ``varied`` (the check's keys spelled several ways;
        ``None`` if they are not those of the reduction). Given once: the entry is dropped."""
        runs = self.pop(self.key(path, text), None)
        if runs is None:
            return None
        self.held -= len(runs)
        if not self:  # every text given back: no run string to share any more
            self.canonical = {}
        kept_for = self.kept_for
        if kept_for is None or kept_for is varied or kept_for == varied:
            return runs
        return None


# characters that no run holds (neither a letter, nor a separator, nor a space): no run crosses
# one, so the runs a search finds after one, or before one, are those a search of the whole text
# finds there (a run's look-behind reads the text before the search's start)
RUN_BREAKS = ".,;:!?\n"


def kept_window(text: str, wanted: Collection[str]) -> tuple[int, int] | None:
    """``(start, end)`` of a part of ``text`` that holds every run of the text found among
    ``wanted`` (run strings), with :data:`RUN_BREAKS` (or the text's ends) at its bounds, to
    search instead of the whole text; ``None`` when no string of ``wanted`` occurs in it.

    A run equal to one of ``wanted`` starts where that string occurs: not before the first
    occurrence of any of them, not after the last. The part starts after the last break before
    the first and ends at the first break after the last. On the real benchmark corpus the
    texts NM002 searches for their kept runs are searched over 34 % of their characters."""
    starts = [start for start in map(text.find, wanted) if start >= 0]
    if not starts:
        return None
    first = min(starts)
    last = max(map(text.rfind, wanted))
    start = max([text.rfind(char, 0, first) for char in RUN_BREAKS]) + 1
    ends = [end for end in (text.find(char, last) for char in RUN_BREAKS) if end >= 0]
    return start, min(ends, default=len(text))


def located(text: str, table: RunTable,
            keep: frozenset[str] | KeptRuns | Mapping[str, RunInfo] | None = None,
            runs: list[str] | None = None,
            found: Patterns | None = None) -> Iterator[tuple[RunInfo, int]]:
    """``(info, start)`` of each run of ``text`` in order; with ``keep``, only the runs with a
    key in it (or, a mapping of run to analysis, only its runs: :meth:`KeptRuns.infos_of`).
    ``runs``: the runs of ``text``, when already found (else they are read from the matches:
    one search of the text, not a ``findall`` and then a ``finditer``; with a mapping, one
    search of the part of the text that holds its runs, see :func:`kept_window`)."""
    found = found or patterns_for(text)
    matches: Iterator[re.Match[str]] = found.runs.finditer(text)
    if keep is None:
        for match in matches:
            yield table[match.group()], match.start()
        return
    if runs is None:
        if not isinstance(keep, (frozenset, KeptRuns)):
            window = kept_window(text, keep)
            if window is None:
                return
            matches = found.runs.finditer(text, *window)
        listed = list(matches)
        runs = list(map(re.Match.group, listed))
        matches = iter(listed)
    if isinstance(keep, (frozenset, KeptRuns)):
        kept = keep if isinstance(keep, KeptRuns) else KeptRuns(keep, table)
        keep = kept.infos_of(runs)
    infos = list(map(keep.get, runs))
    for match, info in compress(zip(matches, infos), infos):
        yield info, match.start()


def placed(info: RunInfo, start: int, initial: bool) -> Scan:
    """The candidates of one run occurrence at their offsets in the text; its pairs are read
    from the pair mask by the words' positions (no candidate hashed to find its moved copy)."""
    words = [_moved(word, start, initial) for word in info.words]
    mask = info.pair_mask
    pairs = tuple([(words[i], words[i + 1]) for i in range(len(words) - 1)
                   if mask >> i & 1]) if mask else ()
    return Scan(tuple(words), tuple([_moved(phrase, start, initial) for phrase in info.phrases]),
                pairs, frozenset())


def _moved(item: Candidate, start: int, initial: bool) -> Candidate:
    """``item`` at ``start`` further on, marked initial when ``initial`` and it opens its run."""
    return _new_tuple(Candidate, (item.start + start, item.end + start, item.surface, item.key,
                                  initial and item.start == 0, item.phrase))


def scan_runs(text: str, table: RunTable,
              keep: frozenset[str] | KeptRuns | Mapping[str, RunInfo] | None = None,
              full: bool = True, runs: list[str] | None = None,
              found: Patterns | None = None) -> Scan:
    """What :func:`~termcheck.names.candidates.scan` gives; with ``keep``, only for the runs
    with a key in it; unless ``full``, no lower-case words and no word marked initial.
    ``runs``: the runs of ``text``, when already found."""
    words: list[Candidate] = []
    phrases: list[Candidate] = []
    pairs: list[tuple[Candidate, Candidate]] = []
    found = found or patterns_for(text)
    for info, start in located(text, table, keep, runs, found):
        part = placed(info, start, full and is_initial(text, start))
        words += part.words
        phrases += part.phrases
        pairs += part.pairs
    return Scan(tuple(words), tuple(phrases), tuple(pairs),
                frozenset(lowercase_words(text, found)) if full else frozenset())

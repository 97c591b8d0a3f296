"""Duplication: sentences and paragraphs repeated within one article, exactly or nearly."""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import accumulate, chain, pairwise
from operator import iadd, itemgetter
from typing import Iterable, Iterator

# The document's casefold and its separators outside ASCII, each made once per text and shared
# with DP010, DP011 and the glossary matcher (this module's own casefolded() makes word bytes)
from termcheck.casefolding import casefolded as document_casefold
from termcheck.casefolding import non_ascii_separators
from termcheck.context import Context
from termcheck.document import Document
from termcheck.lazyre import lazy
from termcheck.model import Applicability, Edit, Fix, Hit
from termcheck.rules.registry import rule
from termcheck.rules.repetition import OUTSIDE_WORDS, document_line_words
from termcheck.sentences import (
    FULL_STOP_END,
    OTHER_ENDS,
    abbreviations,
    boundaries,
    is_boundary,
)

MIN_WORDS = 6  # shorter sentences (headings, "He agreed.") repeat legitimately
NEAR = 0.75  # word-sequence similarity of a near-duplicate
SHINGLE = 3
MAX_POSTINGS = 50  # shingles more frequent than this ("one of the") select no candidates
MAX_COPIES = 1  # a passage seen three times or more is a template (interview question, recipe)
MAX_GAP = 4  # paragraphs between a copy and its original: farther, the repeat is the writer's
NEAR_MIN_WORDS = 10  # near-duplicates differing by one word in a short line are templates
PAIRWISE_BUDGET = 4  # sentence comparisons per sentence before DP001's screen uses an index
_WORD = re.compile(r"\w+")
_MARK = " \x01 "  # a sentence boundary for :func:`sentence_words` (\x01: a separator)
# Between paragraphs: two marks side by side, which no sentence boundary makes (each mark it
# writes has spaces around it), so an empty part of the marked text is a paragraph break
_PARAGRAPH_MARK = " \x01\x01 "
# the parts of a document's marked text (b"" between two paragraphs) and the words of each
_Split = tuple[list[bytes], list[list[bytes]]]
_TEXT = itemgetter(2)  # a Paragraph's text (a named tuple: start, end, text)
_SEPARATORS_TO_SPACE = bytes(
    byte if chr(byte).isalnum() or chr(byte) == "_" or byte > 0x7f else 0x20 for byte in range(256))
SEPARATORS_BUT_MARK_TO_SPACE = _SEPARATORS_TO_SPACE[:1] + b"\x01" + _SEPARATORS_TO_SPACE[2:]
# The shape of a marked text's bytes: separators spaces, the mark kept, every other byte "w"
# (each byte of a character past ASCII: a separator there was made a space before encoding)
_WORD_BYTES_AS_W = bytes(
    byte if byte in b" \x01" else ord("w") for byte in SEPARATORS_BUT_MARK_TO_SPACE)
_WORD_START = b" w"  # a word of a part of those shapes after a space
_URL = lazy(globals(), "_URL", r"https?://|www\.|\b[\w-]+\.(?:com|org|net|ru|de|fr|uk|es|it|info|gov|edu)\b/?",
                  re.IGNORECASE)
_QUOTES = "\"'«»„“”‘’‹›"
# Characters that start a sentence and are no lower-case letter (a test checks each)
NOT_LOWER_CASE = "A-Z0-9\"“„«'‘(\\[À-ÖØ-ÞА-ЯЁ"
# The trigger of the rules of this family (see termcheck.rules.registry.rule): a repeat is two
# sentences, so the text goes on after a line break (a paragraph ends at one) or after a
# sentence's end as termcheck.sentences.SENTENCE_END finds it (its stop, closing marks, spaces).
# Written to start with one character class, which the search skips to at C speed (as two
# alternatives the search takes twice as long on a one-sentence document).
SECOND_SENTENCE = re.compile(r"""[.!?…\r\n](?:(?<=[\r\n])|["'»”’“)\]]*\s)\s*\S""")
_BLANK_LINE = re.compile(r"[ \t\u00a0\u3000]*(?:\r\n|\r|\n)")


@dataclass(frozen=True, eq=False, repr=False)
class Sentence:
    """A sentence of at least :data:`MIN_WORDS` words, its span and its paragraph."""

    start: int
    end: int
    paragraph: int
    words: tuple[str, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Repeat:
    """A run of later sentences that repeat earlier ones; ``ratio`` is the lowest similarity."""

    first: Sentence
    last: Sentence
    earlier: Sentence
    ratio: float


def sentences(doc: Document, lang: str = "en") -> list[Sentence]:
    """Every sentence of :data:`MIN_WORDS` words or more, in document order.

    Sentences end where :mod:`termcheck.sentences` says (abbreviations of ``lang`` and initials
    do not end one). A sentence holding a web address (a "Source: …" line, a link) is left out:
    its words are a URL's, and a slug repeats the title by design.
    """
    known = abbreviations(lang)
    result = []
    for number, paragraph in enumerate(doc.paragraphs):
        position = 0
        text = paragraph.text
        for boundary in [*boundaries(text, known), None]:
            end = boundary.start() + len(boundary.group().rstrip()) if boundary else len(text)
            chunk = text[position:end]
            words = tuple(map(str.casefold, _WORD.findall(chunk)))
            stripped = chunk.strip().strip(_QUOTES + " \t\u00a0")
            if len(words) - sum(map(str.isdigit, words)) >= MIN_WORDS and not _URL.search(chunk):
                start = paragraph.start + position + chunk.index(stripped[0])
                result.append(Sentence(start, start + len(stripped), number, words))
            position = boundary.end() if boundary else len(text)
    return result


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Word-sequence similarity (difflib ratio) of two sentences."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {words}
    return set(zip(*(words[i:] for i in range(SHINGLE))))  # the tuples words[i:i + SHINGLE]


def earlier_copies(items: list[Sentence]) -> dict[int, tuple[int, float]]:
    """For each sentence repeating an earlier one: ``index -> (earlier index, similarity)``.

    Exact repeats come from a hash of the words; near repeats from a shingle index that proposes
    the few earlier sentences sharing enough word trigrams, checked with :func:`similarity`.
    """
    exact: dict[tuple[str, ...], int] = {}
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    found: dict[int, tuple[int, float]] = {}
    for index, item in enumerate(items):
        shingles = _shingles(item.words)
        if item.words in exact:
            found[index] = (exact[item.words], 1.0)
        else:
            best = _best_candidate(item, shingles, items, postings)
            if best is not None:
                found[index] = best
            exact[item.words] = index
        for shingle in shingles:
            postings[shingle].append(index)
    return found


def _best_candidate(item: Sentence, shingles: set[tuple[str, ...]], items: list[Sentence],
                    postings: dict[tuple[str, ...], list[int]]) -> tuple[int, float] | None:
    # A posting holds each sentence once (a sentence's shingles are a set): counted in one call
    listed = [postings.get(shingle, ()) for shingle in shingles]
    shared = Counter(chain.from_iterable(p for p in listed if len(p) <= MAX_POSTINGS))
    needed = max(2, int(0.4 * len(shingles)))
    best: tuple[int, float] | None = None
    # most shared first, then the earliest: not Counter.most_common, whose ties follow the order
    # of a set of strings (different in every process); only those sharing enough are sorted
    eligible = [(-count, candidate) for candidate, count in shared.items() if count >= needed]
    for _, candidate in heapq.nsmallest(5, eligible):
        ratio = similarity(items[candidate].words, item.words)
        if ratio >= NEAR and (best is None or ratio > best[1]):
            best = (candidate, ratio)
    return best


def repeats(doc: Document, lang: str = "en", ctx: Context | None = None) -> list[Repeat]:
    """Runs of consecutive repeated sentences (of one paragraph) that follow their originals
    (computed once per text in ``ctx``: DP001, DP002 and DP003 read them)."""
    if ctx is None:
        return _repeats(doc, lang)
    return ctx.memo(("duplicates.repeats", doc.text, lang), lambda: _repeats(doc, lang, ctx))


def casefolded(text: str, separators: Iterable[str],
               table: bytes = _SEPARATORS_TO_SPACE) -> bytes:
    """``text`` casefolded and encoded, separators of words spaces (by ``table`` in ASCII).

    The ``separators`` outside ASCII (all those of ``text``) become spaces; the casefolded text
    is encoded and its ASCII separators become spaces too, so ``.split()`` gives exactly
    ``[w.casefold().encode() for w in _WORD.findall(text)]``, without a Python call per word.
    """
    for separator in separators:
        text = text.replace(separator, " ")
    return text.casefold().encode().translate(table)


def sentence_words(doc: Document, separators: Iterable[str], lang: str = "en",
                   casefold: str | None = None) -> list[tuple[bytes, ...]]:
    """The words of every sentence :func:`sentences` returns, casefolded and encoded.

    Numbers count as words here (a screen may look at more sentences than it must, and
    counting them cost more than the few sentences it left out), so this may return more
    sentences than :func:`sentences` (never fewer, never others).

    ``casefold``: ``doc.text.casefold()`` if the caller has it (the document's, shared with
    DP010, DP011 and the glossary matcher). Where it folds the text in place
    (:func:`folds_in_place`), the marked text is cut from it instead of being casefolded again
    (5.7 ms of the 52 ms this takes on the real benchmark): the marks go where the text's
    own sentence boundaries are.
    """
    return list(map(tuple, _word_lists(_split_sentences(doc, separators, lang, casefold))))


def _split_sentences(doc: Document, separators: Iterable[str], lang: str = "en",
                     casefold: str | None = None) -> _Split:
    """The parts of the marked text (``b""`` between two paragraphs) and the words of each:
    what :func:`sentence_words` keeps and :func:`_paragraph_numbers` counts."""
    text = _joined_paragraphs(doc)
    if casefold is not None and folds_in_place(doc.text, casefold, separators):
        folded = _PARAGRAPH_MARK.join(casefold[p.start:p.end].replace("\x01", "\x02")
                                      for p in doc.paragraphs)
        marked = _spaced(_boundaries_marked(text, lang, folded), separators).encode() \
            .translate(SEPARATORS_BUT_MARK_TO_SPACE)
    else:
        marked = casefolded(_boundaries_marked(text, lang), separators,
                            SEPARATORS_BUT_MARK_TO_SPACE)
    parts = marked.split(b"\x01")
    return parts, list(map(bytes.split, parts))


def _joined_paragraphs(doc: Document) -> str:
    """The texts of ``doc``'s paragraphs joined by :data:`_PARAGRAPH_MARK`, each ``\\x01`` of
    them made ``\\x02`` (a separator, as the mark is not). A paragraph's text is a part of
    ``doc.text``, so one that holds none needs no replacement (C-level join of the texts)."""
    if "\x01" in doc.text:
        return _PARAGRAPH_MARK.join(p.text.replace("\x01", "\x02") for p in doc.paragraphs)
    return _PARAGRAPH_MARK.join(map(_TEXT, doc.paragraphs))


def _word_lists(split: _Split) -> list[list[bytes]]:
    """The words of the sentences of :data:`MIN_WORDS` words or more of ``split`` (lists, as
    the split gives them: a tuple of each is made only for the few texts that need to hash
    them, see :func:`_repeats_exactly_nearby`)."""
    return [words for words in split[1] if len(words) >= MIN_WORDS]


def _paragraph_numbers(parts: list[bytes], counts: Iterable[int]) -> list[int]:
    """The paragraph (its index in ``doc.paragraphs``) of each sentence of :data:`MIN_WORDS`
    words or more of ``parts`` (the parts of a marked text; ``counts``: the words of each):
    one more after each empty part (the two marks between paragraphs)."""
    numbers, paragraph = [], 0
    for part, count in zip(parts, counts):
        if not part:
            paragraph += 1
        elif count >= MIN_WORDS:
            numbers.append(paragraph)
    return numbers


def _counted_sentences(doc: Document, separators: Iterable[str],
                       lang: str = "en") -> tuple[list[bytes], list[int]]:
    """The parts of the marked text of :func:`_split_sentences` (their shapes: see
    :data:`_WORD_BYTES_AS_W`) and how many words each holds, without a word made: the runs
    of :data:`_WORD` in each part of the marked text, which are its words there (each is
    casefolded alone, see :func:`casefolded`). The text needs no casefold for that."""
    text = _joined_paragraphs(doc)
    shapes = _spaced(_boundaries_marked(text, lang), separators).encode() \
        .translate(_WORD_BYTES_AS_W)
    parts = shapes.split(b"\x01")
    # a word starts after a space; every part but the first starts with the mark's space
    # bytes.count called as a function: a methodcaller looks the method up for every part
    counts = list(map(bytes.count, parts, itertools.repeat(_WORD_START)))
    counts[0] += parts[0].startswith(b"w")
    return parts, counts


def _shares_line_words(text: str, separators: Iterable[str]) -> bool:
    """Whether the words of :func:`termcheck.rules.repetition.line_words` of ``text`` are
    its words here, in order (``separators``: those of ``text`` outside ASCII): ``_`` (a word
    character of ``re``, a separator there) is not in it, and each of its separators outside
    ASCII is one of :data:`OUTSIDE_WORDS` (a combining mark, for one, is a letter there).
    Theirs are among ours (tests/test_repetition_prefilter.py checks every code point), and
    both make a word the casefold of a run of word characters of the text."""
    return "_" not in text and all(map(OUTSIDE_WORDS.match, separators))


def _keys_from_line_words(doc: Document, ctx: Context, parts: list[bytes],
                          counts: list[int]) -> list[list[bytes]] | None:
    """The words of each sentence of :data:`MIN_WORDS` words or more, as :func:`_word_lists`
    gives them, cut from the document's :func:`document_line_words` (made once for DP010,
    DP011 and the glossary screen: no second word made, each word hashed once) by the number
    of words of each part (``counts``, :func:`_counted_sentences`); None if those do not add up
    to the words of the lines (a text that :func:`_shares_line_words` should have refused).

    The paragraphs hold every word of the text: the lines between them are blank (spaces,
    tabs, no-break and ideographic spaces, separators in both)."""
    words = reduce(iadd, document_line_words(doc, ctx), [])  # each line's list copied in C
    ends = list(accumulate(counts))
    if ends[-1] != len(words):
        return None
    return [words[end - count:end] for count, end in zip(counts, ends) if count >= MIN_WORDS]


def folds_in_place(text: str, casefold: str, separators: Iterable[str]) -> bool:
    """Whether ``casefold`` (of ``text``) is ``text`` folded character for character (as long:
    each character folds to one) and keeps each of ``separators`` (``text``'s outside ASCII).

    Then :func:`casefolded` of any slice of ``text``, marked, is the same slice of ``casefold``
    marked at the same places: casefolding is the same for each character wherever it stands,
    a word character that folds to one character folds to a word character, and what
    :func:`_boundaries_marked` replaces or inserts (full stops and other sentence ends, closing
    quotes and brackets, blanks, ``\\x01``, ``\\x02``) folds to itself and is what nothing else
    folds to (each checked for every code point in tests/test_fast_paths.py)."""
    return len(casefold) == len(text) and all(
        separator.casefold() == separator for separator in separators)


def _spaced(text: str, separators: Iterable[str]) -> str:
    """``text`` with each of ``separators`` made a space."""
    for separator in separators:
        text = text.replace(separator, " ")
    return text


def _boundaries_marked(text: str, lang: str, target: str | None = None) -> str:
    """``text`` (paragraphs joined by :data:`_PARAGRAPH_MARK`) with each sentence boundary
    replaced by :data:`_MARK`, each other candidate's full stop by ``\\x02`` (a separator,
    as the full stop is) and each other ``!?…`` by a full stop (see
    :func:`_other_ends_as_full_stops`). :func:`is_boundary` decides only the candidates
    :func:`_unsure_full_stops` finds, about one in twenty: the others are boundaries, or end a
    paragraph (split there anyway; a full stop before the paragraph mark is no candidate of it,
    so the second ``\\x01`` changes no decision).
    ``target``: a text as long as ``text`` to mark instead (its casefold, see
    :func:`folds_in_place`), at the places found in ``text``."""
    known = abbreviations(lang)
    kept = [match.start() for match in _unsure_full_stops(lang).finditer(text)
            if not is_boundary(text, match, known)]
    marked = text if target is None else target
    if kept:
        ends = [*kept, len(marked)]
        marked = "\x02".join([marked[:kept[0]], *(marked[a + 1:b] for a, b in pairwise(ends))])
    # no other full stop protected: all are ends
    return FULL_STOP_END.sub(_MARK, _other_ends_as_full_stops(marked))


def _other_ends_as_full_stops(text: str) -> str:
    """``text`` with each of :data:`OTHER_ENDS` (``!?…``) made a full stop.

    :data:`FULL_STOP_END` then finds what :data:`SENTENCE_END` finds in ``text`` (which takes
    the four characters alike), by a search for one literal character instead of a character
    set (about ten times faster over the third of the articles that hold one of them), and the
    words are the same: each of the four separates words, and a sentence's words are all
    :func:`_boundaries_marked` serves.
    """
    for end in OTHER_ENDS:
        text = text.replace(end, ".")
    return text


@lru_cache(maxsize=32)
def _unsure_full_stops(lang: str) -> re.Pattern[str]:
    """The candidates of :data:`SENTENCE_END` whose decision needs :func:`is_boundary`.

    A candidate that is not one full stop and blanks is a boundary; one before the paragraph
    mark ``\\x01`` ends a paragraph whatever it is. A full stop after ``longest`` letters or
    figures and before blanks and a character that is no lower-case letter is a boundary too:
    its token is longer than any abbreviation and than an initial, is no acronym (the character
    before its last letter is no full stop) and ends no part of a spaced abbreviation (a part
    starts after a character that is no letter or figure, and is shorter). Possessive blanks
    (``\\s++``), so that a match is the whole candidate, as :data:`SENTENCE_END` has it.
    """
    known = abbreviations(lang)
    longest = max([3, *map(len, known.words),
                   *(len(part) + 1 for entry in known.spaced for part in entry.split())])
    short_token = rf"(?<![^\W_]{{{longest}}}\.)"  # fewer letters or figures before the stop
    sentence_start = rf"[{NOT_LOWER_CASE}\x01]"
    return re.compile(rf"\.(?<![.!?…]\.)(?:{short_token}\s++(?!\x01)|\s++(?!{sentence_start}))")


def may_repeat(doc: Document, lang: str = "en", ctx: Context | None = None) -> bool:
    """False when no sentence can be a copy that :func:`repeats` keeps: none is equal to a
    sentence at most :data:`MAX_GAP` paragraphs before it and not in a headline, and no pair
    so placed shares enough trigrams.

    A necessary condition of :func:`earlier_copies` with :func:`_without_layout`, checked on the
    sentences: an exact repeat is an equal key, a near repeat shares at least
    ``max(2, 0.4 × its trigrams)`` trigrams with the earlier sentence and its words, as a
    multiset, must be similar enough (an upper bound of :func:`similarity`). The copy that
    :func:`earlier_copies` finds for a sentence is one such sentence (the first equal one, or
    the most similar candidate), and :func:`_without_layout` drops it when it is farther than
    :data:`MAX_GAP` paragraphs or a headline: so such pairs need no comparison (of the 83
    articles of the real benchmark corpus that the trigrams let through, 2 still reach the full
    search).

    The sentences' words are DP010/DP011's line words where both make the same words (see
    :func:`_sentence_keys`): the words of the text are made and hashed once for the three.
    One pass adds each sentence's trigrams to one set of all those seen so far (no set per
    sentence): what a sentence adds to it bounds what it shares (see :func:`_enough`), and
    only a sentence within that bound gets its own set and the comparisons of
    :class:`_NearScreen` (98 of the 11,154 sentences of the real benchmark corpus, in 83 of
    its 476 articles).
    (A screen of the whole text's trigrams used to come first; nearly every article repeats a
    few, "one of the", so it cost more than it saved.)
    """
    parts, counts, keys = _sentence_keys(doc, lang, ctx)
    seen: set[tuple[bytes, ...]] = set()
    near: _NearScreen | None = None  # made for the first sentence that may share enough
    for number, key in enumerate(keys):
        before = len(seen)
        seen.update(zip(key, key[1:], key[2:]))
        added = len(seen) - before
        trigrams = len(key) - 2
        at_most = trigrams - added  # what it may share (see below)
        if at_most < 2 or not _enough(at_most, trigrams):  # most share 0 or 1: no call
            continue
        if near is None:  # an exact repeat adds no trigram: its sentence comes here
            near = _NearScreen(keys, _Paragraphs(doc, _paragraph_numbers(parts, counts)))
            if _repeats_exactly_nearby(keys, near.paragraphs):
                return True
        found = near.decides(number, added)
        if found is not None:
            return found
    return False


def _sentence_keys(doc: Document, lang: str, ctx: Context | None
                   ) -> tuple[list[bytes], list[int], list[list[bytes]]]:
    """The parts of the marked text, how many words each holds and the words of each sentence of
    :data:`MIN_WORDS` words or more (:func:`_word_lists`): from the document's line words when
    ``ctx`` has them to share (see :func:`_keys_from_line_words`), else by a split of its own."""
    separators = non_ascii_separators(doc.text, ctx)
    if ctx is not None and _shares_line_words(doc.text, separators):
        parts, counts = _counted_sentences(doc, separators, lang)
        keys = _keys_from_line_words(doc, ctx, parts, counts)
        if keys is not None:
            return parts, counts, keys
    split = _split_sentences(doc, separators, lang,
                             None if ctx is None else document_casefold(doc.text, ctx))
    return split[0], list(map(len, split[1])), _word_lists(split)


def _enough(shared: int, trigrams: int) -> bool:
    """Whether a sentence of ``trigrams`` trigrams that shares ``shared`` of them with an
    earlier one may be its near copy.

    :func:`may_repeat` asks it first of what a sentence's trigrams, counted with repetitions,
    add to the set of those seen before it: those that add nothing are found in an earlier
    sentence or earlier in the sentence itself, so they are its distinct shared trigrams plus
    as many as its trigrams counted with repetitions are more than its distinct ones. What a
    sentence needs grows by at most one when the count it is computed from grows by one
    (tested), so a sentence that shares enough distinct trigrams also passes that count.
    """
    return shared >= max(2, int(0.4 * trigrams))


@dataclass(frozen=True, eq=False)
class _Paragraphs:
    """The paragraph of each sentence of a screen (``numbers``, in order) and which of them
    can hold the original of a copy :func:`_without_layout` keeps."""

    doc: Document
    numbers: list[int]

    def may_hold_original_of(self, earlier: int, later: int) -> bool:
        """Whether sentence ``earlier`` may be the original of sentence ``later``: at most
        :data:`MAX_GAP` paragraphs before it, and no headline (tested last: rarely asked)."""
        paragraph = self.numbers[earlier]
        return self.numbers[later] - paragraph <= MAX_GAP and not _headline_paragraph(
            self.doc, paragraph)


def _repeats_exactly_nearby(keys: list[list[bytes]], paragraphs: _Paragraphs) -> bool:
    """Whether a sentence equals one that :meth:`_Paragraphs.may_hold_original_of` it."""
    hashable = list(map(tuple, keys))
    if len(set(hashable)) == len(hashable):
        return False
    last: dict[tuple[bytes, ...], int] = {}  # the last sentence of each key, not a headline
    for number, key in enumerate(hashable):
        if key in last and paragraphs.may_hold_original_of(last[key], number):
            return True
        if not _headline_paragraph(paragraphs.doc, paragraphs.numbers[number]):
            last[key] = number
    return False


def _trigram_set(key: list[bytes]) -> set[tuple[bytes, ...]]:
    return set(zip(key, key[1:], key[2:]))


class _NearScreen:
    """The comparisons of :func:`may_repeat` for the sentences that may share enough
    trigrams with the earlier ones, each sentence's set of trigrams made when first needed.

    A sentence is compared with the earlier ones only when enough of its distinct trigrams are
    found in an earlier sentence (what it added to the set of all those seen says how many).
    Those comparisons are one intersection per earlier sentence that close; once they exceed
    :data:`PAIRWISE_BUDGET` per sentence of the text (templated text, where most sentences
    share enough with the earlier ones), the posting index of :func:`_indexed_may_repeat`
    decides instead, so the screen stays linear in the text.
    """

    def __init__(self, keys: list[list[bytes]], paragraphs: _Paragraphs) -> None:
        self.keys = keys
        self.paragraphs = paragraphs
        self.sets: list[set[tuple[bytes, ...]] | None] = [None] * len(keys)
        self.budget = PAIRWISE_BUDGET * len(keys)

    def trigrams(self, number: int) -> set[tuple[bytes, ...]]:
        """The distinct trigrams of sentence ``number``."""
        trigrams = self.sets[number]
        if trigrams is None:
            trigrams = self.sets[number] = _trigram_set(self.keys[number])
        return trigrams

    def decides(self, number: int, added: int) -> bool | None:
        """True when sentence ``number``, which added ``added`` to the set of the trigrams of
        it and the earlier sentences, shares enough distinct trigrams with an earlier sentence
        that may hold its original and may be similar enough to it; the index's answer for the
        whole text once the budget is spent; else None (the next sentences decide)."""
        trigrams = self.trigrams(number)
        if not _enough(len(trigrams) - added, len(trigrams)):
            return None
        numbers = self.paragraphs.numbers
        nearest = bisect_left(numbers, numbers[number] - MAX_GAP, 0, number)
        self.budget -= number - nearest
        if self.budget < 0:
            sets = list(map(self.trigrams, range(len(self.keys))))
            return _indexed_may_repeat(self.keys, sets, self.paragraphs)
        earlier = list(map(self.trigrams, range(nearest, number)))
        return _similar_to_an_earlier(self.keys, trigrams, earlier, number, nearest,
                                      self.paragraphs) or None


def _similar_to_an_earlier(keys: list[list[bytes]], trigrams: set[tuple[bytes, ...]],
                           earlier: list[set[tuple[bytes, ...]]], number: int, nearest: int,
                           paragraphs: _Paragraphs) -> bool:
    """Whether an earlier sentence from ``nearest`` on (the first at most :data:`MAX_GAP`
    paragraphs before; ``earlier``: their trigram sets, up to sentence ``number``) shares
    enough of ``trigrams`` (sentence ``number``'s) with it, may hold its original and may be
    similar enough to it (each one's shared trigrams counted at C level)."""
    key = keys[number]
    needed = max(2, int(0.4 * len(trigrams)))
    shared = map(len, map(trigrams.intersection, earlier))
    return any(count >= needed and paragraphs.may_hold_original_of(earlier_number, number)
               and _may_be_similar(keys[earlier_number], key)
               for earlier_number, count in enumerate(shared, nearest))


def _indexed_may_repeat(keys: list[list[bytes]],
                        trigram_sets: list[set[tuple[bytes, ...]]],
                        paragraphs: _Paragraphs) -> bool:
    """:class:`_NearScreen`'s comparisons through an index of the trigrams found in two sentences or
    more, linear in the text even when most sentences share trigrams with the earlier ones.
    The index leaves out trigrams of more than 4 × :data:`MAX_POSTINGS` sentences, which the
    pairwise comparison counts: the two may differ only where the pairwise one lets a text
    through (a screen: the full search decides)."""
    # Only trigrams of two sentences or more can be shared: a sentence with fewer of them than
    # it needs repeats no earlier one, and the others' counts are made of those trigrams alone.
    repeated = _in_two_sets_or_more(trigram_sets)
    if len(repeated) < 2:
        return False
    postings: dict[tuple[bytes, ...], list[int]] = defaultdict(list)  # trigram -> sentences
    for number, item in enumerate(trigram_sets):
        candidates = item & repeated
        if len(candidates) >= max(2, int(0.4 * len(item))) and _shares_enough(
                keys, number, len(item), candidates, postings, paragraphs):
            return True
        for trigram in candidates:
            postings[trigram].append(number)
    return False


def _in_two_sets_or_more(sets: list[set[tuple[bytes, ...]]]) -> set[tuple[bytes, ...]]:
    """The members of two of ``sets`` or more (set operations: no Python step per member)."""
    seen: set[tuple[bytes, ...]] = set()
    repeated: set[tuple[bytes, ...]] = set()
    for item in sets:
        repeated |= item & seen
        seen |= item
    return repeated


def _shares_enough(keys: list[list[bytes]], number: int, size: int,
                   trigrams: set[tuple[bytes, ...]],
                   postings: dict[tuple[bytes, ...], list[int]], paragraphs: _Paragraphs) -> bool:
    """Whether an earlier sentence that :meth:`_Paragraphs.may_hold_original_of` sentence
    ``number`` shares enough of its ``size`` trigrams (``trigrams``: those also found
    elsewhere) and may be similar enough to it."""
    needed = max(2, int(0.4 * size))
    shared: Counter[int] = Counter()
    for trigram in trigrams:
        posting = postings.get(trigram, ())
        if len(posting) <= 4 * MAX_POSTINGS:  # a trigram in every sentence proposes none
            shared.update(posting)
    return any(count >= needed and paragraphs.may_hold_original_of(earlier, number)
               and _may_be_similar(keys[earlier], keys[number])
               for earlier, count in shared.items())


def _may_be_similar(a: list[bytes], b: list[bytes]) -> bool:
    """Whether :func:`similarity` may reach :data:`NEAR` (difflib's ``quick_ratio`` bound)."""
    common = sum((Counter(a) & Counter(b)).values())
    return 2.0 * common / (len(a) + len(b)) >= NEAR


def _repeats(doc: Document, lang: str, ctx: Context | None = None) -> list[Repeat]:
    if not may_repeat(doc, lang, ctx):
        return []
    return unscreened_repeats(doc, lang)


def unscreened_repeats(doc: Document, lang: str = "en") -> list[Repeat]:
    """:func:`repeats` without the screen :func:`may_repeat` (which only spares the work on
    documents where this finds nothing)."""
    items = sentences(doc, lang)
    copies = _without_layout(doc, items, _without_rhetoric(
        doc, items, _without_templates(earlier_copies(items))))
    runs: list[Repeat] = []
    for index in sorted(copies):
        earlier, ratio = copies[index]
        item = items[index]
        if runs and _continues(runs[-1], item, items[earlier], items, index):
            last = runs[-1]
            runs[-1] = Repeat(last.first, item, last.earlier, min(last.ratio, ratio))
        else:
            runs.append(Repeat(item, item, items[earlier], ratio))
    return runs


def _without_templates(copies: dict[int, tuple[int, float]]) -> dict[int, tuple[int, float]]:
    """Drop passages repeated more than :data:`MAX_COPIES` times and short near-duplicates."""
    roots: dict[int, int] = {}
    for index in sorted(copies):
        earlier = copies[index][0]
        roots[index] = roots.get(earlier, earlier)
    counts = Counter(roots.values())
    return {i: c for i, c in copies.items() if counts[roots[i]] <= MAX_COPIES}


def _without_rhetoric(doc: Document, items: list[Sentence],
                      copies: dict[int, tuple[int, float]]) -> dict[int, tuple[int, float]]:
    """Drop parallel sentences: a question or exclamation mirroring the one just before it
    (anaphora, "What will the workers do? What will the families do?")."""
    return {i: c for i, c in copies.items()
            if not (c[0] == i - 1 and _rhetorical(doc, items[i])
                    and _rhetorical(doc, items[i - 1]))}


def _without_layout(doc: Document, items: list[Sentence],
                    copies: dict[int, tuple[int, float]]) -> dict[int, tuple[int, float]]:
    """Keep the copies an accident makes: close to the original, and not of a headline.

    Engines stutter and scrapers paste a teaser before its body, so those copies follow their
    original within :data:`MAX_GAP` paragraphs. Farther apart, a repeated sentence is the
    writer's (a quote restated, a standard line) or belongs to another article of the file.
    A headline (one line without a final stop) restated by the lead or quoted in the body is
    the page's own layout.
    """
    return {i: c for i, c in copies.items()
            if items[i].paragraph - items[c[0]].paragraph <= MAX_GAP
            and not _headline_paragraph(doc, items[c[0]].paragraph)}


def _rhetorical(doc: Document, item: Sentence) -> bool:
    return doc.text[item.start:item.end].rstrip(_QUOTES + ")]").endswith(("?", "!"))


def _headline_paragraph(doc: Document, number: int) -> bool:
    """Paragraph ``number`` is one line that does not end like a sentence."""
    text = doc.paragraphs[number].text.strip()
    return "\n" not in text and not text.rstrip(_QUOTES + ")]").endswith((".", "!", "?", "…"))


def _continues(run: Repeat, item: Sentence, earlier: Sentence, items: list[Sentence],
               index: int) -> bool:
    return (items[index - 1] is run.last and item.paragraph == run.last.paragraph
            and earlier.start > run.earlier.start)


def _deletion(doc: Document, repeat: Repeat) -> Fix:
    """Delete the repeated run: the whole paragraph when it is all of it, else the sentences."""
    paragraph = doc.paragraphs[repeat.first.paragraph]
    text = doc.text
    start, end = repeat.first.start, repeat.last.end
    if not text[paragraph.start:start].strip(_QUOTES + " \t") and \
            not text[end:paragraph.end].strip(_QUOTES + " \t"):
        _, after = doc.line_with_break(doc.line_span(paragraph.end)[0])
        while (blank := _BLANK_LINE.match(text, after)) and blank.end() > after:
            after = blank.end()
        if after >= len(text) and paragraph.start > 0:
            return Fix("Delete the repeated paragraph",
                       (Edit(len(text[:paragraph.start].rstrip()), paragraph.end),),
                       Applicability.UNSAFE)
        return Fix("Delete the repeated paragraph", (Edit(paragraph.start, after),),
                   Applicability.UNSAFE)
    quoted = text[start - 1:start] in _QUOTES or text[end:end + 1] in _QUOTES
    while end < paragraph.end and text[end] in " \t":
        end += 1
    return Fix("Delete the repeated sentences", (Edit(start, end),),
               Applicability.DISPLAY if quoted else Applicability.UNSAFE)


def _word_count(doc: Document, repeat: Repeat) -> int:
    return len(_WORD.findall(doc.text[repeat.first.start:repeat.last.end]))


@rule("DP001", "repeated-sentence", "duplication", "Accuracy/Addition", fixable="sometimes",
      trigger=SECOND_SENTENCE)
def repeated_sentence(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A sentence or paragraph that repeats an earlier one of the same article word for word.

    ## What it does
    Hashes every sentence of six words or more (case and punctuation ignored) and reports the
    later copy of a repeated one; consecutive repeated sentences are reported as one span, so a
    repeated paragraph is one finding. Sentences end where `termcheck/sentences.py` says:
    abbreviations of the language (`glossaries/abbreviations/<lang>.txt`: "Rev.", "Jan.",
    "z. B.", "т. е.") and initials do not end one. Not reported: headings and short sentences,
    sentences holding a web address ("Source: https://…"), a copy more than four paragraphs
    after its original (far apart, a repeated sentence is the writer's or another article's),
    a copy of a headline (a line without a final stop restated by the lead or quoted in the
    body), parallel questions or exclamations that mirror the sentence before them, and
    passages seen three times or more (templates: interview questions, recipe lists).

    ## Why it matters
    Scrapers take a teaser and the body, and translation engines stutter; the reader sees the
    same passage twice.

    ## Example
    ```text
    Shops reopened on Sunday in the city centre.

    Shops reopened on Sunday in the city centre.
    ```
    Use instead: keep the first copy only.

    ## Fix safety
    Unsafe: deleting the later copy is right for a scraping accident, but a writer may repeat a
    sentence on purpose. A whole repeated paragraph goes with its line break (paragraphs around
    it are not merged); a repeated sentence inside a paragraph goes with the space after it, and
    is only displayed when quote marks surround it, since deleting it would strand them. The
    sentence bounds come from the same splitter, so the fix never cuts a sentence at "Rev.".

    ## Precision
    Judged (`benchmarks/judged/DP001.tsv`, `python3 benchmarks/judge.py DP001`): every finding
    on the unseen WMT21 en-ru, de-fr, en-de and ru-en system outputs (34 systems, each file one
    document) and the WMT23 MQM en-de output: 2, both true (an engine translating a segment's
    first sentence twice); 0 on the wmt24-news-multi outputs. Before the redesign the same
    outputs gave 27 findings, nearly all false (a sentence the source itself repeats in another
    article of the test set, a headline quoted in the body, text cut at "L.A."). WMT21 newstest
    references: 0. The scrapinghub-aeb gold bodies (88 articles, 4,033 lines): 1.
    """
    for repeat in repeats(doc, ctx.lang, ctx):
        if repeat.ratio < 1.0:
            continue
        line, _ = doc.line_col(repeat.earlier.start)
        yield Hit(repeat.first.start, repeat.last.end,
                  f"Repeats the text of line {line} word for word", _deletion(doc, repeat))


@rule("DP002", "near-duplicate", "duplication", "Accuracy/Addition", fixable="sometimes",
      trigger=SECOND_SENTENCE)
def near_duplicate(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A passage that nearly repeats an earlier one: an engine's stutter or a pull quote.

    ## What it does
    Finds sentences of ten words or more whose word sequence is at least 75 % similar to an
    earlier sentence (but not identical), through an index of word trigrams so long documents
    stay linear; consecutive similar sentences form one span. Reported when the copy is in its
    original's paragraph (an engine translating a segment twice), or when it quotes a sentence
    that the article states unquoted, at most four paragraphs before (a pull quote: the page
    quoting its own text). Parallel questions or exclamations that mirror the sentence before
    them ("Who will pay for the bridge? Who will pay for the school?") are rhetoric, and a lead
    rewording the headline is layout: not reported. Other near copies in another paragraph (a
    statement quoted in a summary and again in full) are DP003's, off by default.

    ## Why it matters
    An engine that stutters translates a source sentence twice, worded slightly differently
    each time; scrapers keep a page's pull quotes, translated twice. The reader sees the
    passage twice.

    ## Example
    ```text
    Moscow is bringing the country back into its orbit – if things go well.

    «Moscow is bringing the country back into its orbit – if the thing works.»
    ```
    Use instead: keep one of the two.

    ## Fix safety
    Display only: the two copies differ, and which one is right needs a human.

    ## Precision
    Judged (`benchmarks/judged/DP002.tsv`, `python3 benchmarks/judge.py DP002`): every finding
    on the unseen WMT21 en-ru, de-fr, en-de and ru-en system outputs (each file one document)
    and the WMT23 MQM en-de output: 3, all true (one system repeating a quotation within a
    segment); 0 on the wmt24-news-multi outputs, the WMT21 references and the scrapinghub-aeb
    gold bodies. No pull quote occurs in that sample; the seed article's («…» quoting the
    paragraph before) is the pattern's known case. Before the redesign (any near copy, any
    distance) the same outputs gave 39 findings, most of them a sentence the source repeats;
    the near copies now left to DP003 were judged 0 of 8 true.
    """
    yield from _near_hits(doc, ctx, default=True)


@rule("DP003", "near-duplicate-passage", "duplication", "Accuracy/Addition",
      fixable="sometimes", default=False, trigger=SECOND_SENTENCE)
def near_duplicate_passage(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A near copy of a sentence in another paragraph: neither a stutter nor a pull quote.

    ## What it does
    The near repeats DP002 leaves out: a copy in another paragraph, at most four paragraphs
    after its original, where both copies are quoted or neither is (a statement quoted in a
    summary and again in full, a lead restating the paragraph before). A lead rewording the
    headline is layout, never reported. Select it with `--extend-select DP003`.

    ## Why it matters
    Now and then a scraper or an engine repeats a passage this way too; the reader sees it
    twice.

    ## Example
    ```text
    The governor said: "We told them they need a plan, and we want them to run it by us."

    "We told them that they need a plan, and we want them to run it past us," he said.
    ```
    Use instead: keep one of the two, if the repetition is not the writer's.

    ## Fix safety
    Display only: the two copies differ, and whether the repetition is the writer's summary
    followed by the full quotation needs a human.

    ## Precision
    Off by default: news writers summarise a statement and then quote it in full. Judged
    (`benchmarks/judged/DP003.tsv`): every finding on the unseen WMT21 system outputs and the
    WMT23 MQM en-de output, 8, none true (7 summaries followed by the full quotation in the
    source, 1 lead rewording a headline that ends with a full stop).
    """
    yield from _near_hits(doc, ctx, default=False)


def _near_hits(doc: Document, ctx: Context, default: bool) -> Iterator[Hit]:
    """DP002's near repeats (``default``) or DP003's (the others)."""
    for repeat in repeats(doc, ctx.lang, ctx):
        if repeat.ratio >= 1.0 or _word_count(doc, repeat) < NEAR_MIN_WORDS:
            continue
        if _stutter_or_pull_quote(doc, ctx, repeat) != default:
            continue
        line, _ = doc.line_col(repeat.earlier.start)
        fix = _deletion(doc, repeat)
        yield Hit(repeat.first.start, repeat.last.end,
                  f"Nearly repeats the text of line {line} ({repeat.ratio:.0%} similar)",
                  Fix(fix.title, fix.edits, Applicability.DISPLAY))


def _stutter_or_pull_quote(doc: Document, ctx: Context, repeat: Repeat) -> bool:
    """The copy is in its original's paragraph (an engine's stutter), or it quotes a sentence
    the article states unquoted (a pull quote: the page quoting its own text)."""
    if repeat.first.paragraph == repeat.earlier.paragraph:
        return True
    return _quoted(doc, ctx, repeat.first.start, repeat.last.end) and not _quoted(
        doc, ctx, repeat.earlier.start, repeat.earlier.end)


def _quoted(doc: Document, ctx: Context, start: int, end: int) -> bool:
    """A quotation mark opened before ``start`` is still open at ``end`` (or never closed)."""
    from termcheck.quoting import OPEN, analyse

    analysis = analyse(doc, ctx)
    return any(pair.opener.offset < start and pair.closer.offset >= end - 1
               for pair in analysis.pairs) or any(
        mark.role == OPEN and mark.offset < start
        and doc.text.count("\n", mark.offset, start) == 0 for mark in analysis.unclosed)

"""DP011's line prefilter (a repeated word trigram) never skips a line that holds a loop."""

from __future__ import annotations

import random

import pytest

from termcheck.rules.repetition import _may_loop, find_loops

VOCABULARY = ["the", "The", "the,", "a", "(a", "b.", "B", "—", "…", "«b»", "ß", "SS", "-", "7",
              "अपने", "и", "И,"]


def test_no_line_with_a_loop_is_skipped() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(4000):
        size = rng.randint(1, 5)
        unit = [rng.choice(VOCABULARY) for _ in range(size)]
        tokens = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 4))]
        tokens += unit * rng.randint(1, 5) + [rng.choice(VOCABULARY) for _ in range(3)]
        line = " ".join(tokens)
        if list(find_loops(line.split())):
            checked += 1
            assert _may_loop(line), line
    assert checked > 200


def test_loop_search_is_linear_on_long_runs_of_figures_and_marks() -> None:
    """A scraped table of numbers ("0 0 0 …") or "word - word - …" used to be recounted from
    every position (10,000 words: 27 s and 41 s); four times the words now take about four
    times the CPU time."""
    import time

    from termcheck.config import Config
    from termcheck.context import Resources
    from termcheck.document import Document
    from termcheck.engine import check_document

    def seconds(text: str) -> float:
        start = time.process_time()
        check_document(Document(text, "t.txt"), Config(select=("DP011",)), None, Resources())
        return time.process_time() - start

    for unit in ("0 ", "word - "):
        small, large = seconds(unit * 2_000), seconds(unit * 8_000)
        assert large < 10 * max(small, 0.02), (unit, small, large)


def test_no_line_with_a_doubled_word_is_skipped() -> None:
    """DP010 scans only the lines :func:`doubled_lines` names: every line where the
    backreference pattern matches is among them."""
    from termcheck.document import Document
    from termcheck.rules.repetition import _DOUBLED, _one_i, doubled_lines, line_words

    rng = random.Random(12)
    words = ["the", "The", "THE", "ı", "I", "İ", "i", "ß", "SS", "ss", "die", "Die", "x_die",
             "5", "Baden-Baden", "e\u0301", "é", "«the»", "the,", "\x01", "и", "И"]
    blanks = [" ", "  ", "\t", "\u00a0", "\n", "\r\n", "\r", " \n ", ". ", "\u2003", "-", "’"]
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(blanks) for _ in range(rng.randint(2, 8)))
        doc = Document(text)
        lines = doubled_lines(line_words(_one_i(text)))
        for match in _DOUBLED.finditer(text):
            checked += 1
            line = doc.line_col(match.start())[0] - 1
            assert line in lines, (text, match)
    assert checked > 100


TRICKY = list(" aBß İıſ.,«»\"'’-–—…()!?_0١²\u0301\u0345ﬀ\x1c\x1f\u00a0\u2003\t\udc80\n\r") + [
    "\U00010400", "the ", "The ", "x "]


def test_all_normalised_is_normalised_token_by_token() -> None:
    from termcheck.rules.repetition import _TOKEN, _all_normalised, _normalised

    rng = random.Random(13)
    for _ in range(20000):
        line = "".join(rng.choice(TRICKY) for _ in range(rng.randrange(30)))
        raw = _TOKEN.findall(line)
        assert _all_normalised(raw) == [_normalised(token) for token in raw], repr(line)


def test_no_line_with_a_loop_is_left_out_of_the_looping_lines() -> None:
    """DP011 looks only at the lines :func:`looping_lines` names."""
    from termcheck.document import Document
    from termcheck.rules.repetition import _TOKEN, line_words, looping_lines

    rng = random.Random(14)
    checked = 0
    for _ in range(5000):
        unit = [rng.choice(TRICKY + VOCABULARY) for _ in range(rng.randint(1, 5))]
        parts = [rng.choice(TRICKY) for _ in range(rng.randint(0, 12))]
        parts += [" ".join(unit) + " "] * rng.randint(1, 5)
        parts += [rng.choice(TRICKY) for _ in range(rng.randint(0, 12))]
        doc = Document("".join(parts))
        lines = set(looping_lines(line_words(doc.text)))
        for number, (start, end) in enumerate(doc.lines()):
            if list(find_loops(_TOKEN.findall(doc.text[start:end]))):
                checked += 1
                assert number in lines, repr(doc.text)
    assert checked > 300


def test_looping_lines_need_a_unit_repeated_as_often_as_a_loop_needs() -> None:
    """A short unit twice or three times in a row is no loop: such lines are not looked at."""
    from termcheck.rules.repetition import line_words, looping_lines

    lines = ["the bridge the bridge was closed and the bridge the bridge",  # 2 words twice
             "for repairs for repairs for repairs until May",  # 2 words three times
             "for repairs for repairs for repairs for repairs until May",  # four times
             "we will build it we will build it we will build it again",  # 4 words three times
             "the city council said that the city council said that on Monday"]  # 5 words twice
    assert looping_lines(line_words("\n".join(lines))) == [2, 3, 4]


def test_words_found_once_as_breaks_leave_the_square_search_as_it_was() -> None:
    """:func:`_has_square` makes each word found once a break no unit holds: the same answer
    as the search over one character per distinct word."""
    import re
    from itertools import count

    from termcheck.rules.repetition import _has_square

    square = re.compile(r"(.{1,3}?)\1\1\1|(.{4})\2\2|(.{5,}?)\3", re.DOTALL)

    def plain(words: list[bytes]) -> bool:
        letters = dict(zip(dict.fromkeys(words), map(chr, count())))
        return square.search("".join(map(letters.__getitem__, words))) is not None

    rng = random.Random(15)
    found = 0
    for _ in range(20000):
        vocabulary = [b"a", b"b", b"c", b"d", *(bytes([n]) * 2 for n in range(65, 65 + 20))]
        words = [rng.choice(vocabulary[:rng.randint(2, 24)]) for _ in range(rng.randrange(40))]
        start, size = rng.randrange(len(words) + 1), rng.randint(1, 8)
        words[start:start] = words[start:start + size] * rng.randint(0, 3)  # a unit again
        assert _has_square(words) == plain(words), words
        found += plain(words)
    assert 5000 < found < 15000


def test_a_line_where_few_words_occur_again_is_looked_at_only_with_equal_neighbours(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Three or four words occurring again can only be one word four times in a row: the
    lines without equal neighbours never reach the search for a square."""
    from termcheck.rules import repetition
    from termcheck.rules.repetition import line_words, looping_lines

    searched: list[list[bytes]] = []
    has_square = repetition._has_square

    def recorded(words: list[bytes]) -> bool:
        searched.append(words)
        return has_square(words)

    monkeypatch.setattr(repetition, "_has_square", recorded)

    lines = ["the bridge was closed closed closed closed until May",  # 3 words again
             "the bridge was closed for repairs until May and closed for repairs",  # 3, no loop
             "the cat and the dog and the bird and a fish"]  # 4 words again, no neighbours
    words = line_words("\n".join(lines))
    assert looping_lines(words) == [0]
    assert searched == [words[0]]


def test_casefolding_keeps_words_words_and_separators_separators() -> None:
    """:func:`line_words` casefolds the text before it finds the separators: exact because no
    code point changes class when casefolded (a letter, mark or figure stays one or more of
    them, a separator outside ASCII becomes separators only) or makes a line break."""
    from termcheck.rules.repetition import _WORD_BYTES_AND_BREAKS, OUTSIDE_WORDS

    def separators(chars: str) -> list[bool]:
        return [_WORD_BYTES_AND_BREAKS[ord(c)] == 0x20 if c.isascii()
                else OUTSIDE_WORDS.match(c) is not None for c in chars]

    for code in range(0x110000):
        char = chr(code)
        folded = char.casefold()
        if folded == char:
            continue
        assert "\n" not in folded and "\r" not in folded, hex(code)
        if separators(char)[0]:
            assert all(separators(folded)), hex(code)
        else:  # an ASCII separator in the fold is a space in the words either way
            assert not any(sep and not c.isascii()
                           for c, sep in zip(folded, separators(folded))), hex(code)


def test_our_separators_are_among_those_dp001_finds() -> None:
    """:func:`line_words` takes its separators from DP001's (``re``'s ``\\w``, shared): every
    character outside ASCII that is no letter, mark or figure is among them."""
    import re

    from termcheck.rules.repetition import OUTSIDE_WORDS

    dp001 = re.compile(r"[^\x00-\x7f\w]")
    assert not [hex(code) for code in range(0x80, 0x110000)
                if OUTSIDE_WORDS.match(chr(code)) and not dp001.match(chr(code))]


def test_line_words_are_those_of_the_text_with_its_separators_blanked() -> None:
    from termcheck.casefolding import non_ascii_separators
    from termcheck.rules.repetition import OUTSIDE_WORDS, line_words

    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(TRICKY + VOCABULARY) for _ in range(rng.randrange(20)))
        blanked = OUTSIDE_WORDS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        expected = [[word.encode() for word in
                     "".join(c if c.isalnum() or not c.isascii() else " "
                             for c in line.casefold()).split()]
                    for line in blanked.split("\n")]
        assert line_words(text) == expected, repr(text)
        assert line_words(text, text.casefold()) == expected, repr(text)
        separators = non_ascii_separators(text)
        assert line_words(text, text.casefold(), separators) == expected, repr(text)
        assert line_words(text, None, separators) == expected, repr(text)


def test_the_casefold_of_a_text_is_made_once_per_context() -> None:
    from termcheck.casefolding import casefolded, non_ascii_separators
    from termcheck.context import Context

    ctx = Context()
    text = "Straße " * 3
    assert casefolded(text) == casefolded(text, ctx) == text.casefold()
    assert casefolded(text, ctx) is casefolded(text, ctx)
    assert casefolded(text, Context()) is not casefolded(text, ctx)  # kept per context only
    separated = "a\u2014b\u00a0c"
    assert non_ascii_separators(separated, ctx) == non_ascii_separators(separated) == {"\u2014",
                                                                                      "\u00a0"}
    assert non_ascii_separators(separated, ctx) is non_ascii_separators(separated, ctx)


def test_the_matcher_finds_the_same_with_a_casefold_given() -> None:
    from termcheck.glossary.concepts import Concept, Term
    from termcheck.glossary.matcher import Matcher

    terms = [Term("Straße", "de"), Term("Kyjiw", "de"), Term("ǅoković", "de")]

    def matches(text: str, casefold: str | None) -> list[tuple[int, int]]:
        matcher = Matcher([(term, Concept("c", [term], "names")) for term in terms])
        return [(m.start, m.end) for m in matcher.find(text, casefold)]

    for text in ("In der STRASSE von Kyjiw", "Die Straße nach KYJIW", "ǄOKOVIĆ ǅoković"):
        assert matches(text, text.casefold()) == matches(text, None) != []


def test_the_shared_repeated_word_counts_leave_both_gates_as_they_were() -> None:
    """DP010 compares neighbours only on the lines where a word occurs again, and DP011 reads
    how many do from the same counts (:func:`repeated_word_counts`, made once per document):
    the lines named are those of the gates that looked at every line themselves."""
    import operator

    from termcheck.rules.repetition import (
        _equal_neighbours,
        _has_square,
        doubled_lines,
        line_words,
        looping_lines,
        repeated_word_counts,
    )

    def every_line_doubled(lines: list[list[bytes]]) -> list[int]:
        return [number for number, words in enumerate(lines) if _equal_neighbours(words)]

    def every_line_looping(lines: list[list[bytes]]) -> list[int]:
        return [number for number, words in enumerate(lines)
                if len(words) > 3 and (again := len(words) - len(set(words))) >= 3
                and (again > 4 or any(map(operator.eq, words, words[1:])))
                and len(set(zip(words, words[1:], words[2:]))) < len(words) - 2
                and _has_square(words)]

    rng = random.Random(16)
    vocabulary = ["the", "The", "a", "b", "c", "7", "7", "и", "ß", "SS", "«a»", "—"]
    doubled = looping = 0
    for _ in range(3000):
        text = "\n".join(" ".join(rng.choice(vocabulary[:rng.randint(2, 12)])
                                  for _ in range(rng.randrange(14)))
                         for _ in range(rng.randint(1, 5)))
        lines = line_words(text)
        counts = repeated_word_counts(lines)
        assert counts == [len(words) - len(set(words)) for words in lines]
        assert doubled_lines(lines, counts) == doubled_lines(lines) == every_line_doubled(lines)
        assert looping_lines(lines, counts) == looping_lines(lines) == every_line_looping(lines)
        doubled += bool(every_line_doubled(lines))
        looping += bool(every_line_looping(lines))
    assert doubled > 500 and looping > 100, (doubled, looping)


def test_one_memo_entry_serves_the_words_and_their_repeated_counts() -> None:
    """DP010, DP011 and the glossary screen read one :class:`WordLines` per document: the
    words of :func:`line_words` (made from the shared casefold and separators), and the
    repeated counts made from them once, when first asked."""
    from termcheck.config import Config
    from termcheck.context import SHARED_RESOURCES, Context
    from termcheck.document import Document
    from termcheck.rules.repetition import (
        document_line_words,
        document_repeated_word_counts,
        document_word_lines,
        line_words,
        repeated_word_counts,
    )

    doc = Document("Der der Hund, «der» Hund.\r\nИ и снова и снова — the THE end\n\nlast")
    ctx = Context(config=Config(), resources=SHARED_RESOURCES, lang="de")
    lines = document_word_lines(doc, ctx)
    assert lines.words == line_words(doc.text)
    # the words alone (what the glossary screen reads) are had without counting anything
    assert document_line_words(doc, ctx) is lines.words
    assert lines._repeated is None
    counts = document_repeated_word_counts(doc, ctx)
    assert counts == repeated_word_counts(lines.words) == [3, 4, 0, 0]
    assert document_word_lines(doc, ctx) is lines and lines.repeated is counts

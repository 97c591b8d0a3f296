"""DP011's line prefilter (a repeated word trigram) never skips a line that holds a loop."""

from __future__ import annotations

import random

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
    from termcheck.rules.repetition import _DOUBLED, doubled_lines

    rng = random.Random(12)
    words = ["the", "The", "THE", "ı", "I", "İ", "i", "ß", "SS", "ss", "die", "Die", "x_die",
             "5", "Baden-Baden", "e\u0301", "é", "«the»", "the,", "\x01", "и", "И"]
    blanks = [" ", "  ", "\t", "\u00a0", "\n", "\r\n", "\r", " \n ", ". ", "\u2003", "-", "’"]
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(blanks) for _ in range(rng.randint(2, 8)))
        doc = Document(text)
        lines = doubled_lines(text)
        for match in _DOUBLED.finditer(text):
            checked += 1
            line = doc.line_col(match.start())[0] - 1
            assert line in lines, (text, match)
    assert checked > 100

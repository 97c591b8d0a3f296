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

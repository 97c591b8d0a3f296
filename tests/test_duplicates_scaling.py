"""DP001/DP002 take time linear in the length of a document (issue #18 item 12).

Templated sentences ("The council of the city said …" with other words after it) share word
trigrams with every earlier sentence without repeating any of them; the screen that looks for a
possible repeat used to compare each such sentence with all the earlier ones (30 s for 2,000
sentences, 110 s for 4,000). Trigrams found in very many sentences now propose no candidate, as
in the index that finds the copies. Measured in CPU time of this process: four times the text
may take about four times as long (the bound allows 2.5 times that for noise), not sixteen.
"""

from __future__ import annotations

import random
import time

from termcheck.config import Config
from termcheck.context import Resources
from termcheck.document import Document
from termcheck.engine import check_document
from termcheck.rules.duplicates import may_repeat

DUPLICATES = Config(select=("DP001", "DP002"))


def templated(sentences: int) -> str:
    rng = random.Random(7)
    vocabulary = [f"word{i}x" for i in range(5_000)]
    return " ".join("The council of the city said " + " ".join(rng.sample(vocabulary, 6)) + "."
                    for _ in range(sentences))


def cpu_seconds(sentences: int) -> tuple[float, int]:
    doc = Document(templated(sentences), "long.txt")
    start = time.process_time()
    findings = check_document(doc, DUPLICATES, None, Resources()).findings
    return time.process_time() - start, len(findings)


def test_templated_sentences_are_screened_in_linear_time() -> None:
    cpu_seconds(100)  # warm up: abbreviations, patterns
    small, small_found = min(cpu_seconds(1_000) for _ in range(2))
    large, large_found = min(cpu_seconds(4_000) for _ in range(2))
    assert small_found == large_found == 0
    assert large < 10 * max(small, 0.02), (small, large)


def test_the_screen_still_lets_a_near_repeat_among_templated_sentences_through() -> None:
    sentence = ("The minister told reporters on Friday that the new bridge over the river "
                "would open in the spring.")
    near = sentence.replace("Friday", "Saturday")
    assert not may_repeat(Document(f"{sentence} {templated(600)}", "a.txt"))
    assert may_repeat(Document(f"{sentence} {templated(600)} {near}", "a.txt"))

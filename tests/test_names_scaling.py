"""NM002 takes time linear in the length of a document (issue #18 item 12).

A document that alternates two spellings of a few names has thousands of candidates and
findings; checking which overlap a glossary name, a run of words already compared, or a kept
finding used to compare every pair (17 s at 512 KB). Measured in CPU time of this process, so
other processes on the machine do not count: eight times the text may take at most about eight
times as long (the bound allows 2.5 times that for noise), not 64 times.
"""

from __future__ import annotations

import time

from termcheck.config import Config
from termcheck.context import Resources
from termcheck.document import Document
from termcheck.engine import check_document

UNIT = ("Dmitry Sokolov met Dmitry Sokolov and Dmitri Sokolov in Sarybay Region, not Sarybai "
        "Region. ")
NM002 = Config(select=("NM002",))


def cpu_seconds(units: int) -> tuple[float, int]:
    text = UNIT * units
    start = time.process_time()
    findings = check_document(Document(text, "long.txt"), NM002, None, Resources()).findings
    return time.process_time() - start, len(findings)


def test_nm002_time_grows_linearly_with_the_document() -> None:
    cpu_seconds(100)  # warm up: glossary, patterns
    small, small_found = min(cpu_seconds(350) for _ in range(2))  # 33 kB
    large, large_found = min(cpu_seconds(2_800) for _ in range(2))  # 264 kB
    assert large_found == 8 * small_found > 0
    assert large < 20 * max(small, 0.01), (small, large)

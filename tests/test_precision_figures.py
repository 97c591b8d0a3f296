"""The findings counts that the "## Precision" sections of the rule docs quote still hold.

Measured on ../shared/corpora with benchmarks/precision.py (skipped when it is absent). A rule
change that moves one of these counts must re-measure and update the rule's doc with it: the
optimisations of the rules were checked on generated corpora only, and these are real ones.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks import precision

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"

# Per corpus (column of benchmarks/precision.py), every default rule with findings; the others 0.
WMT21_REFERENCES = {
    "en-de.A": {"BR001": 2, "DS001": 38, "QT001": 5, "QT002": 1, "QT006": 20, "SP001": 1},
    "en-de.C": {"BR001": 1, "DP010": 1, "DS001": 44, "QT001": 7, "QT002": 6, "QT003": 1,
                "QT006": 6, "SP001": 1},
    "en-de.D": {"DS001": 70, "QT001": 3, "QT006": 356},
    "ru-en.A": {"DS001": 20, "NM001": 15, "NM002": 2, "QT001": 1, "SP002": 1},
    "ru-en.B": {"DS001": 4, "NM001": 14, "NM002": 1},
}
WMT21_SOURCES = {"en-de.src": {"DP010": 2, "DS001": 85, "QT001": 7, "SP001": 1, "SP002": 2},
                 "ru-en.src": {"DS001": 138, "LG002": 1, "QT001": 1, "QT006": 634}}
MQM = {"all": {"BP020": 10, "DP010": 2, "DS001": 171, "NU002": 6, "QT001": 33, "QT002": 1,
               "QT004": 1, "QT006": 1388},
       "no-error": {"BP020": 6, "DS001": 5}}
AEB_GOLD = {
    "gold": {"BP001": 14, "BR001": 1, "DP001": 1, "DP010": 3, "DS001": 26, "EN002": 7,
             "LG002": 283, "NU002": 5, "QT002": 7, "QT003": 21, "QT005": 30, "SP002": 15},
    "gold.auto": {"BP001": 14, "BR001": 1, "DP001": 1, "DP010": 1, "DS001": 26, "EN002": 7,
                  "LG002": 1, "NU002": 1, "QT002": 7, "QT003": 21, "QT006": 2, "SP002": 15},
}


@pytest.fixture(scope="module")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present on this machine")
    return CORPORA


def counts(columns: list[precision.Column]) -> dict[str, dict[str, int]]:
    return {c.label: dict(Counter({k: v for k, v in c.counts.items() if v})) for c in columns}


def test_wmt21_human_references(corpora: Path) -> None:
    assert counts(precision.set_wmt(corpora, "references", set())) == WMT21_REFERENCES


def test_wmt21_sources(corpora: Path) -> None:
    assert counts(precision.set_wmt(corpora, "sources", set())) == WMT21_SOURCES


def test_wmt23_mqm_output(corpora: Path) -> None:
    assert counts(precision.set_mqm(corpora, set())) == MQM


def test_scrapinghub_gold_bodies(corpora: Path) -> None:
    columns = precision.monolingual([precision.aeb_corpus(corpora, ("gold",)),
                                     precision.aeb_corpus(corpora, ("gold",), "auto")], set())
    assert counts(columns) == AEB_GOLD

"""Acceptance of the quotes family on the real seed articles and human references (../shared).

`termcheck lint --format json ../shared/seeds/*.txt --select QT` must find every broken quote
listed in the issue and leave the correct “…” pairs of the same articles alone.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.api import lint_paths
from termcheck.cli import app
from termcheck.config import Config
from tests.test_seeds import spans_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
EXPECTED = {
    "000_": ["«And the Russians", "doing it. “", "obliges. ”", "«Now Russia", "go wrong. “"],
    "002_": ["deployment. ”In", "a“ signal", "states ”", "opposition. ”The", "regime“ will",
             "fundamentally ”"],
}
OTHERS_ALLOWED = 2


@pytest.fixture(scope="module")
def seed_report() -> tuple[dict[str, str], list[dict]]:
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared/seeds is not present on this machine")
    result = CliRunner().invoke(app, ["lint", "--format", "json", *map(str, paths),
                                      "--select", "QT", "--isolated"])
    assert result.exit_code == 1, result.output
    texts = {str(p): p.read_text(encoding="utf-8") for p in paths}
    return texts, json.loads(result.stdout)["findings"]


def expected_spans(texts: dict[str, str]) -> list[tuple[str, str, int, int]]:
    spans = []
    for prefix, needles in EXPECTED.items():
        (path,) = [p for p in texts if Path(p).name.startswith(prefix)]
        for needle in needles:
            found = spans_of(texts[path], needle)
            assert found, f"test data: {needle!r} not in {path}"
            spans += [(path, needle, s, e) for s, e in found]
    return spans


@pytest.mark.parametrize("needle", [n for needles in EXPECTED.values() for n in needles])
def test_every_broken_quote_of_the_seeds_is_found(seed_report, needle: str) -> None:
    texts, findings = seed_report
    spans = [(p, s, e) for p, n, s, e in expected_spans(texts) if n == needle]
    assert any(f["category"] == "quotes" and f["path"] == p and f["start"] < e and s < f["end"]
               for f in findings for p, s, e in spans), f"no quotes finding overlaps {needle!r}"


def test_correct_quote_pairs_of_the_seeds_are_not_flagged(seed_report) -> None:
    texts, findings = seed_report
    spans = expected_spans(texts)
    others = [f for f in findings
              if not any(f["path"] == p and f["start"] < e and s < f["end"]
                         for p, _, s, e in spans)]
    assert len(others) <= OTHERS_ALLOWED, [(f["code"], f["excerpt"]) for f in others]


def test_seed_fixes_leave_no_quote_finding() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present on this machine")
    from termcheck.api import fix_text

    for path in sorted(SEEDS.glob("*.txt")):
        result = fix_text(path.read_text(encoding="utf-8"), Config(select=("QT",)))
        assert result.converged and result.remaining == [], path.name


REFERENCES = SHARED / "corpora" / "wmt21-news" / "references"


@pytest.mark.parametrize(("name", "lang", "limit"), [
    ("newstest2021.ru-en.ref.A.en", "en", 5),
    ("newstest2021.ru-en.ref.B.en", "en", 5),
    ("newstest2021.en-de.ref.A.de", "de", 10),
    ("newstest2021.en-de.ref.C.de", "de", 20),
])
def test_human_references_give_few_findings(name: str, lang: str, limit: int) -> None:
    """Human translations: findings per 1000 lines, straight quotes (QT006) aside."""
    path = REFERENCES / name
    if not path.is_file():
        pytest.skip(f"{path} is not present on this machine")
    report = lint_paths([path], Config(lang=lang, select=("QT",), ignore=("QT006",)))
    lines = path.read_text(encoding="utf-8").count("\n")
    per_thousand = 1000 * len(report.findings) / lines
    assert per_thousand <= limit, Counter(f.code for f in report.findings)

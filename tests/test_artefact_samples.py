"""The samples written for the artefacts of real MT news (EN003, NU002, BP020, DP010, DP011):
every planted artefact is found, fixing twice changes nothing more, and the older samples and
clean texts raise none of these findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.api import fix_text, lint_text
from termcheck.config import Config

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CODES = ("EN003", "NU002", "BP020", "DP010", "DP011")

EXPECTED = {
    "de_hochwasser_pegel.txt": [
        ("NU002", "2,450"),
        ("EN003", "&quot;"),
        ("EN003", "&quot;"),
        ("NU002", "75,000"),
        ("BP020", "Foto: Jana Keller/dpa"),
        ("NU002", "3.5"),
        ("DP010", "und und"),
        ("DP011", "am Wochenende trockeneres Wetter, am Wochenende trockeneres Wetter, am "
                  "Wochenende trockeneres Wetter, am Wochenende trockeneres Wetter."),
    ],
    "en_port_strike.txt": [
        ("NU002", "2.450"),
        ("EN003", "&#39;"),
        ("NU002", "3,5"),
        ("EN003", "&quot;"),
        ("EN003", "&quot;"),
        ("DP010", "the the"),
        ("BP020", "Photo: Mark Ellis/Reuters"),
        ("NU002", "1.250.000"),
        ("DP011", "at any time, at any time, at any time, at any time,"),
    ],
}


def lang_of(path: Path) -> str:
    return path.name.removeprefix("clean_")[:2]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_planted_artefacts_are_found(name: str) -> None:
    path = SAMPLES / name
    config = Config(lang=lang_of(path), select=CODES)
    text = path.read_text(encoding="utf-8")
    assert [(f.code, f.matched) for f in lint_text(text, config, path=name)] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixing_a_sample_twice_changes_nothing_more(name: str) -> None:
    path = SAMPLES / name
    config = Config(lang=lang_of(path), select=CODES)
    once = fix_text(path.read_text(encoding="utf-8"), config, unsafe=True)
    assert lint_text(once.text, config, path=name) == []
    assert fix_text(once.text, config, unsafe=True).text == once.text


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*.txt") if p.name not in EXPECTED),
                         ids=lambda p: p.name)
def test_other_samples_raise_none_of_these_findings(path: Path) -> None:
    config = Config(lang=lang_of(path), select=CODES)
    findings = lint_text(path.read_text(encoding="utf-8"), config, path=path.name)
    assert findings == [], [f"{f.code} {f.matched!r}" for f in findings]

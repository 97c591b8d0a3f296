"""The bundled sample articles: what each one plants for the boilerplate, spacing and duplication
families, and that the clean ones stay clean under every default rule.

A sample's target language is the prefix of its name (``de_…``, ``clean_en_…``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.api import fix_text, lint_text
from termcheck.config import Config

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
MY_FAMILIES = ("BP", "SP", "DP")

# (code, matched text) of every finding of the BP, SP and DP families, in document order.
EXPECTED = {
    "en_almaty_unrest.txt": [
        ("BP001", "by daily wire news"),
        ("BP001", "contents"),
        ("SP001", "  "),
        ("BP001", "Legend:"),
        ("BP001", "Keystone"),
        ("DP002", "Moscow is quietly pulling the country back into its sphere of influence – if "
                  "the plan works out. But an intervention can also fail."),
        ("BP001", "source site-41"),
    ],
    "en_alliance_summit.txt": [
        ("BP002", "source site-17"),
        ("BP001", "You may also like"),
        ("BP001", "Leave a Comment"),
    ],
    "en_fuel_prices.txt": [
        ("BP001", "Photo: Irina Volkova, AP"),
        ("SP002", " ,"),
        ("BP001", "Read also: Banks reopen in Almaty after a week of closures"),
        ("DP001", "The government has capped the price of liquefied gas for six months , after "
                  "the price doubled at the start of the year."),
        ("SP002", " ,"),
        ("SP001", "  "),
        ("BP001", "Share this"),
    ],
    "de_almaty_lage.txt": [
        ("BP001", "Foto: Keystone"),
        ("BP001", "Lesen Sie auch"),
        ("SP001", "  "),
        ("BP001", "Kommentare"),
    ],
    "fr_almaty_situation.txt": [
        ("BP001", "À lire aussi : Les banques rouvrent à Almaty après une semaine de fermeture"),
        ("SP002", " ,"),
        ("BP001", "Laisser un commentaire"),
    ],
    "ru_almaty_obstanovka.txt": [
        ("BP001", "Фото: пресс-служба акимата"),
        ("SP001", "  "),
        ("BP001", "Читайте также"),
        ("BP001", "Оставить комментарий"),
    ],
    "es_almaty_protestas.txt": [
        ("BP001", "por noticias del mundo"),
        ("BP001", "Foto: EFE"),
        ("BP001", "También te puede interesar"),
        ("SP002", " ,"),
        ("SP001", "  "),
        ("BP001", "Deja un comentario"),
    ],
}


def lang_of(path: Path) -> str:
    return path.name.removeprefix("clean_")[:2]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_samples_folder_holds_articles_and_their_config() -> None:
    others = sorted(p.name for p in SAMPLES.iterdir() if p.suffix != ".txt")
    assert others == ["bilingual", "termcheck.toml"]  # bilingual/: tests/test_bilingual.py
    assert len(EXPECTED) >= 7
    assert {lang_of(SAMPLES / name) for name in EXPECTED} >= {"en", "de", "fr", "ru", "es"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_planted_artefacts_are_found(name: str) -> None:
    path = SAMPLES / name
    config = Config(lang=lang_of(path), select=MY_FAMILIES)
    found = [(f.code, f.matched) for f in lint_text(read(path), config, path=name)]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixing_a_sample_twice_changes_nothing_more(name: str) -> None:
    path = SAMPLES / name
    config = Config(lang=lang_of(path), select=MY_FAMILIES)
    once = fix_text(read(path), config, unsafe=True)
    assert fix_text(once.text, config, unsafe=True).text == once.text
    assert "\n\n\n" not in once.text


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("clean_*.txt")), ids=lambda p: p.name)
def test_clean_samples_raise_no_finding_from_any_default_rule(path: Path) -> None:
    findings = lint_text(read(path), Config(lang=lang_of(path)), path=path.name)
    assert findings == [], [f"{f.code} {f.matched!r}: {f.message}" for f in findings]

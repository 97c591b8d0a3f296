"""Language identification: the fast function-word test must not cost accuracy."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from termcheck.api import lint_text
from termcheck.config import Config
from termcheck.document import Document
from termcheck.langid import (
    MIN_LETTERS,
    identify,
    letter_count,
    model_detect,
    resolve_lang,
    script_of,
)
from termcheck.rules.language import MIN_PROB

DATA = Path(__file__).parent / "data" / "langid"


def paragraphs() -> list[tuple[str, str]]:
    return [(path.stem, line) for path in sorted(DATA.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def decisions_right(fast: bool, backend: str = "langdetect") -> int:
    """How many "is this paragraph foreign for target T?" answers are right, over all T."""
    data = paragraphs()
    targets = sorted({gold for gold, _ in data})
    return sum(
        identify(text, target, backend, fast).is_foreign(target, MIN_PROB) == (gold != target)
        for gold, text in data for target in targets)


def test_the_test_set_has_eight_languages_long_and_short() -> None:
    data = paragraphs()
    assert len({gold for gold, _ in data}) >= 8
    assert any(letter_count(text) > 150 for _, text in data)
    assert any(letter_count(text) < 60 for _, text in data)


def test_fast_path_decides_as_well_as_langdetect_on_every_paragraph() -> None:
    assert decisions_right(fast=True) >= decisions_right(fast=False)


def test_fast_path_labels_as_well_as_langdetect() -> None:
    data = paragraphs()
    fast = sum(identify(text, None, fast=True).lang == gold for gold, text in data)
    model = sum(identify(text, None, fast=False).lang == gold for gold, text in data)
    assert fast >= model >= 0.9 * len([t for _, t in data if letter_count(t) >= MIN_LETTERS])


def test_clean_paragraphs_are_settled_without_the_model() -> None:
    text = "The city council voted on Tuesday to extend the night bus service until the end of May."
    assert identify(text, "en").via == "fast"


def test_short_text_is_not_guessed() -> None:
    verdict = identify("Heavy snow closed the airport.", "de")
    assert verdict.lang is None and not verdict.is_foreign("de", 0.0)


def test_results_are_deterministic() -> None:
    text = "Según las autoridades, el puente seguirá cerrado al menos dos semanas más."
    verdicts = set()
    for _ in range(3):
        model_detect.cache_clear()
        verdicts.add(identify(text, "pt", fast=False))
    assert len(verdicts) == 1


def test_lang_auto_sets_the_document_language() -> None:
    doc = Document("Der Stadtrat hat am Dienstag beschlossen, die Busse weiterfahren zu lassen.")
    assert resolve_lang(doc, "auto") == "de" == doc.lang
    assert resolve_lang(doc, "en") == "en"


def test_lang_auto_runs_the_other_rules_in_the_detected_language() -> None:
    text = "Городской совет во вторник решил продлить работу ночных автобусов до конца года."
    assert lint_text(text, Config(lang="auto", select=("LG",))) == []
    codes = [f.code for f in lint_text(text, Config(lang="en", select=("LG",)))]
    assert codes == ["LG001", "LG002"]


def test_scripts() -> None:
    assert [script_of(c) for c in "aяβ中1"] == ["Latin", "Cyrillic", "Greek", "Han", ""]


@pytest.mark.skipif(importlib.util.find_spec("lingua") is None, reason="lingua not installed")
def test_lingua_backend_finds_the_foreign_paragraph() -> None:
    text = "Die Gespräche endeten am Freitag ohne eine Einigung über die künftige Zusammenarbeit."
    verdict = identify(text, "en", "lingua")
    assert verdict.lang == "de" and verdict.via == "lingua"


def test_unknown_backend_is_a_clear_error() -> None:
    from termcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="lid must be langdetect or lingua, not 'fasttext'"):
        Config(select=("LG001",), lid="fasttext")


def test_lid_option_and_config_key_are_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from termcheck.cli import app

    sample = tmp_path / "a.txt"
    sample.write_text("Hello.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--isolated", "--lid", "fasttext", str(sample)])
    assert result.exit_code == 2 and "--lid must be langdetect or lingua" in result.output
    config = tmp_path / "termcheck.toml"
    config.write_text('lang = "auto"\nlid = "cld3"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--config", str(config), str(sample)])
    assert result.exit_code == 2 and "termcheck.toml:2: 'lid' must be" in result.output


def test_config_file_sets_auto_language_and_backend(tmp_path: Path) -> None:
    from termcheck.config import load_config_file

    path = tmp_path / "termcheck.toml"
    path.write_text('lang = "auto"\nlid = "lingua"\n', encoding="utf-8")
    config = load_config_file(path)
    assert (config.lang, config.lid) == ("auto", "lingua")


def test_a_document_whose_function_words_are_clear_needs_no_model(monkeypatch) -> None:
    from termcheck import langid

    def no_model(*args: object) -> None:
        raise AssertionError("the model should not be asked")

    monkeypatch.setattr(langid, "model_detect", no_model)
    paragraphs = ["Die Stadtbibliothek öffnet am Montag wieder.",
                  "Sie war nach dem Hochwasser im Frühjahr geschlossen, und die Leser mussten "
                  "ihre Bücher in der Schule ausleihen."]
    assert langid.dominant_language(paragraphs) == "de"
    assert "markers-en" not in langid.stopword_lists()

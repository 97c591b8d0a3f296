"""LG003 with several candidate source languages, LG004's look-alike table, the frequency lists."""

from __future__ import annotations

from termcheck import frequency
from termcheck.api import lint_text
from termcheck.config import Config
from termcheck.rules.script import look_alike


def test_auto_source_language_names_the_language_of_each_fragment() -> None:
    text = "Le ministre a dit que der Vertrag nicht mehr gilt, and we will not accept that."
    findings = lint_text(text, Config(lang="fr", source_lang="auto", select=("LG003",)))
    messages = [f.message for f in findings]
    assert any(m.startswith("German words") for m in messages)
    assert any(m.startswith("English words") for m in messages)


def test_a_source_language_without_a_list_checks_nothing() -> None:
    text = "Die Kommission erklärte, we will not accept this decision, und verließ den Saal."
    assert lint_text(text, Config(lang="de", source_lang="ru", select=("LG003",))) == []


def test_frequency_lists_are_read_offline_and_case_blind() -> None:
    assert frequency.zipf("The", "en") == frequency.zipf("the", "en") > 7
    assert frequency.zipf("qzxwv", "en") == 0.0
    assert frequency.known("no") and not frequency.known("ru")


def test_look_alikes_are_unambiguous_usual_letters() -> None:
    assert look_alike("о", "Latin") == "o"  # Cyrillic o
    assert look_alike("c", "Cyrillic") == "с"
    assert look_alike("h", "Cyrillic") is None  # only the Bashkir shha looks like it

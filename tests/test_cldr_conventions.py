"""Conventions from CLDR (tools/cldr_conventions.py), the hand overrides, and script-aware text."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from termcheck.api import lint_text
from termcheck.config import Config
from termcheck.data import shipped
from termcheck.document import Document
from termcheck.langid import dominant_language, words
from termcheck.quoting import QUOTE_CHARS, cldr_conventions, load_conventions

ROOT = Path(__file__).resolve().parent.parent
GENERATED = shipped("cldr", "conventions.toml")
NEW_LANGS = ("cs", "ja", "zh", "uk", "hi", "is", "es")


def cldr_rows() -> dict[str, dict[str, str]]:
    return tomllib.loads(GENERATED.read_text(encoding="utf-8"))


def test_generated_file_is_sorted_complete_and_well_formed() -> None:
    rows = cldr_rows()
    assert list(rows) == sorted(rows)
    assert len(rows) > 250  # every CLDR language, plus regional locales that differ
    for tag, row in rows.items():
        assert set(row) == {"name", "quotes", "alternate", "decimal", "group"}, tag
        assert len(row["quotes"]) == 2 and len(row["alternate"]) == 2, tag
        assert row["decimal"] and row["group"], tag


def test_every_cldr_language_with_pairable_marks_has_a_convention() -> None:
    known = load_conventions()
    for tag, row in cldr_rows().items():
        pairable = any(all(ch in QUOTE_CHARS for ch in row[key]) for key in ("quotes",
                                                                             "alternate"))
        if pairable:
            assert known.get(tag) is not None, tag


def test_generator_reproduces_the_checked_in_file() -> None:
    """Deterministic: a fresh generation equals the file (when the same library versions are
    installed; the header names them)."""
    if importlib.util.find_spec("icu") is None or importlib.util.find_spec("babel") is None:
        pytest.skip("needs pip install '.[cldr]'")
    import babel
    import icu

    header = GENERATED.read_text(encoding="utf-8").splitlines()[2]
    if f"ICU {icu.ICU_VERSION}" not in header or f"Babel {babel.__version__}" not in header:
        pytest.skip(f"generated with other versions: {header}")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "cldr_conventions.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("lang", "primary"), [
    ("cs", ("„", "“")), ("is", ("„", "“")), ("uk", ("«", "»")), ("hi", ("“", "”")),
    ("ja", ("「", "」")), ("zh", ("“", "”")), ("zh-Hant-TW", ("「", "」")), ("es", ("«", "»")),
    ("de-CH", ("«", "»")), ("pt-BR", ("“", "”")),
])
def test_primary_pair_per_language(lang: str, primary: tuple[str, str]) -> None:
    convention = load_conventions().get(lang)
    assert convention is not None and convention.primary == primary


def test_hand_overrides_say_why() -> None:
    """Every table of quotes.toml that changes a CLDR language carries a comment."""
    text = shipped("quotes.toml").read_text(encoding="utf-8")
    base = cldr_conventions()
    for block in text.split("\n[")[1:]:
        tag = block.split("]", 1)[0].strip('"').lower()
        if tag in base and tag not in ("en", "de", "fr", "ru", "it", "pl", "cs", "uk", "de-ch",
                                       "fr-ch", "pt", "pt-br", "nl"):
            assert "\n#" in block, f"[{tag}] overrides CLDR without a comment"


def test_closing_shaped_pairs_stay_mixed_outside_their_languages() -> None:
    """Swedish ”…” is correct in Swedish only: in English it stays a mixed pair (QT002)."""
    assert lint_text("He said ”yes” today.", Config(lang="sv", select=("QT",))) == []
    codes = {f.code for f in lint_text("He said ”yes” today.", Config(lang="en",
                                                                       select=("QT",)))}
    assert codes == {"QT002"}


def test_straight_quotes_option_flags_them_in_any_language() -> None:
    text = "He called it \"a mistake\" yesterday."
    assert lint_text(text, Config(lang="en", select=("QT006",))) == []
    flagged = lint_text(text, Config(lang="en", select=("QT006",),
                                     options=(("straight-quotes", False),)))
    assert len(flagged) == 2


@pytest.mark.parametrize("end", ["。", "！", "？", "」", "।"])
def test_full_width_marks_and_the_danda_end_a_paragraph(end: str) -> None:
    doc = Document(f"第一句{end}\n第二句{end}\n")
    assert len(doc.paragraphs) == 2


def test_right_to_left_text_keeps_its_offsets() -> None:
    """Hebrew with a directional mark around a Latin name: offsets are code points."""
    text = "הוא אמר \"שלום\" ל\u200fCNN\u200f  היום."
    findings = lint_text(text, Config(lang="he", select=("QT", "SP")))
    assert [(f.code, text[f.start:f.end]) for f in findings] == [("SP001", "  ")]


def test_devanagari_words_keep_their_vowel_signs() -> None:
    assert words("यह भी पढ़ें कि सरकार ने कहा है।") == ["यह", "भी", "पढ़ें", "कि", "सरकार", "ने",
                                                        "कहा", "है"]


@pytest.mark.parametrize(("lang", "text"), [
    ("is", "Ráðherrann sagði að áætlunin væri tilbúin og að hún yrði kynnt í næstu viku. "
           "Hann sagði einnig að það væri ekki hægt að bíða lengur með þetta mál."),
    ("cs", "Ministr řekl, že plán je hotový a že bude představen příští týden. Podle něj se "
           "také nedá déle čekat, protože to není jen otázka peněz."),
    ("hi", "मंत्री ने कहा कि योजना तैयार है और इसे अगले सप्ताह पेश किया जाएगा। उन्होंने यह भी "
           "कहा कि इस मामले में अब और इंतज़ार नहीं किया जा सकता।"),
])
def test_auto_language_finds_the_new_languages(lang: str, text: str) -> None:
    assert dominant_language([text]) == lang


@pytest.mark.parametrize("lang", NEW_LANGS)
def test_new_languages_have_boilerplate_and_scripts(lang: str) -> None:
    assert shipped("boilerplate", f"{lang}.tsv").is_file()
    assert lang in shipped("lang", "scripts.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "line"), [
    ("cs", "Čtěte také: Vláda schválila nový rozpočet"),
    ("uk", "Читайте також: Уряд ухвалив новий бюджет"),
    ("is", "Lestu einnig: Ríkisstjórnin samþykkti ný fjárlög"),
    ("hi", "यह भी पढ़ें: सरकार ने नया बजट पास किया"),
    ("ja", "関連記事：政府が新年度予算を承認"),
    ("zh", "相关阅读：政府批准新预算"),
])
def test_read_also_lines_are_boilerplate(lang: str, line: str) -> None:
    text = f"第一段。\nThe first paragraph.\n{line}\nThe last paragraph.\n"
    findings = lint_text(text, Config(lang=lang, select=("BP001",)))
    assert [text[f.start:f.end].strip() for f in findings] == [line]


@pytest.mark.parametrize(("lang", "decimal", "group"), [
    ("cs", ",", "\u00a0"), ("uk", ",", "\u00a0"), ("is", ",", "."), ("hi", ".", ","),
    ("ja", ".", ","), ("zh", ".", ","),
])
def test_number_conventions_of_languages_without_hand_data_come_from_cldr(
        lang: str, decimal: str, group: str) -> None:
    from termcheck.numbers import number_data

    locale = number_data().locale(lang)
    assert (locale.lang, locale.decimal, locale.write_group) == (lang, decimal, group)
    assert decimal not in locale.group


def test_hand_written_number_conventions_win_over_cldr() -> None:
    from termcheck.numbers import number_data

    assert number_data().locale("de").time_after  # from glossaries/numbers/locales.toml

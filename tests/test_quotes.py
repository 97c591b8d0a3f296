"""The quotes family: conventions data, the pairing shared by QT001-QT006, clean prose, fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.api import fix_text, lint_text
from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.engine import check_document
from termcheck.errors import DataError
from termcheck.quoting import (
    CLOSE,
    OPEN,
    QUOTE_CHARS,
    analyse,
    load_conventions,
)

QT = ("QT",)


def lint(text: str, lang: str = "en") -> list[str]:
    return [f"{f.code} {f.matched}" for f in lint_text(text, Config(lang=lang, select=QT))]


def roles(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """``(mark, role)`` of every paired mark, in text order."""
    analysis = analyse(Document(text), Context(config=Config(lang=lang), resources=Resources()))
    marks = [m for pair in analysis.pairs for m in (pair.opener, pair.closer)]
    return [(m.char, m.role) for m in sorted(marks, key=lambda m: m.offset)]


# --- conventions data --------------------------------------------------------------------------

def test_shipped_conventions_cover_the_main_languages() -> None:
    known = load_conventions()
    for lang in ("en", "de", "fr", "es", "ru", "it", "pt", "nl", "pl"):
        convention = known.get(lang)
        assert convention is not None, lang
        assert convention.primary != convention.secondary
    assert known.get("de-CH").primary == ("«", "»")
    assert known.get("de_AT").primary == ("„", "“")  # region falls back to the language
    assert known.get("xx") is None


def test_english_accepts_straight_quotes_german_does_not() -> None:
    known = load_conventions()
    assert known.get("en").accepts('"', '"')
    assert not known.get("de").accepts('"', '"')
    assert known.get("de").accepts("»", "«")


@pytest.mark.parametrize(("body", "message"), [
    ('[de]\nprimary = "„“"\n', "missing key 'secondary'"),
    ('[de]\nprimary = "„"\nsecondary = "‚‘"\n', "primary must be two quote marks"),
    ('[de]\nprimary = "„‘"\nsecondary = "‚‘"\n', "mixes a single and a double mark"),
    ('[en]\nprimary = "“”"\nsecondary = "‘’"\n\n[fr]\nprimary = "«»"\nsecondary = "“”"\n'
     'spaced = "«»"\n', "spaces must be"),
    ('[de]\nprimary = "„“"\nsecondary = "‚‘"\ncolour = "red"\n', "unknown key(s) colour"),
])
def test_bad_conventions_name_the_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "quotes.toml"
    path.write_text("# conventions\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_conventions(path)
    assert message in str(error.value)
    section_line = ("# conventions\n" + body).splitlines().index(body.splitlines()[0]) + 1
    if "[fr]" in body:
        section_line = 6
    assert str(error.value).startswith(f"{path}:{section_line}: ")


def test_a_project_may_ship_its_own_conventions(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text('[en]\nprimary = "«»"\nsecondary = "‹›"\n\n'
                    '[de]\nprimary = "„“"\nsecondary = "‚‘"\n', encoding="utf-8")
    config = Config(lang="en", select=QT, options=(("quote-conventions", str(path)),),
                    root=tmp_path)
    assert lint_text("He said «yes».", config) == []
    assert [f.code for f in lint_text("He said „yes“.", config)] == ["QT005", "QT005"]


def test_a_missing_conventions_file_is_a_clear_error(tmp_path: Path) -> None:
    config = Config(select=QT, options=(("quote-conventions", "nowhere.toml"),), root=tmp_path)
    with pytest.raises(DataError, match=r"nowhere\.toml: cannot read data file"):
        check_document(Document('He said "yes".'), config, resources=Resources())


# --- pairing -----------------------------------------------------------------------------------

def test_english_marks_keep_their_roles_when_misspaced() -> None:
    text = "“The rapid deployment. ”In addition it is a“ signal ”."
    assert roles(text) == [("“", OPEN), ("”", CLOSE), ("“", OPEN), ("”", CLOSE)]


def test_german_closing_mark_closes_and_english_opening_opens() -> None:
    assert roles("Er sagte „ja“.", "de") == [("„", OPEN), ("“", CLOSE)]
    assert roles("Er sagte “ja”.", "de") == [("“", OPEN), ("”", CLOSE)]


def test_guillemet_closed_by_an_english_mark_at_the_paragraph_end() -> None:
    assert roles("He said. «They enjoy it. “") == [("«", OPEN), ("“", CLOSE)]


def test_straight_quotes_pair_in_order() -> None:
    assert roles('He said "yes" and "no".') == [('"', OPEN), ('"', CLOSE)] * 2


def test_a_straight_quote_inside_a_straight_quotation_nests() -> None:
    assert roles('He said "It was "fine" for me" and left.') == \
        [('"', OPEN), ('"', OPEN), ('"', CLOSE), ('"', CLOSE)]
    assert roles('Er sagte "Nein "und ging.') == [('"', OPEN), ('"', CLOSE)]


def test_apostrophes_and_inch_marks_are_not_quotes() -> None:
    assert roles("It's the Smiths' '90s album on a 27\" screen.") == []


def test_a_quote_open_over_sentence_lines_closes_later() -> None:
    text = "„Wir haben verhandelt.\nEs gab eine Einigung.\nWir sind froh“, sagte sie.\n"
    analysis = analyse(Document(text), Context(config=Config(lang="de")))
    assert [(p.opener.char, p.closer.char, p.crosses) for p in analysis.pairs] == \
        [("„", "“", True)]
    assert not analysis.unclosed and not analysis.unopened
    assert not analysis.pairs[0].safe  # a pair across paragraphs is never fixed automatically


def test_the_pairing_is_computed_once_per_text_and_language() -> None:
    doc = Document("Er sagte „ja“.")
    ctx = Context(config=Config(lang="de"))
    first = analyse(doc, ctx)
    assert analyse(doc, ctx) is first
    assert analyse(doc, Context(config=Config(lang="en"))) is not first


# --- clean prose in many languages: no findings ------------------------------------------------

CLEAN = {
    "en": "The minister called the plan “a serious mistake”. “We will not accept it,” she said,"
          " adding that the ‘reform’ was “a step back”. It's the voters' choice.\n"
          "He said \"yes\" and then 'no'. The '90s were different.\n",
    "de": "Der Minister nannte den Plan „einen schweren Fehler“. „Wir werden das nicht"
          " hinnehmen“, sagte sie; die ‚Reform‘ sei „ein Rückschritt“. Das Buch »Der Prozess«"
          " erschien 1925. Die „Gift“-Kollektion von McDonald's. Geht's noch?\n"
          "„Er sagte mir: ‚Nie wieder.‘“\n",
    "fr": "Le ministre a qualifié le plan de «\u00a0grave erreur\u00a0». «\u202fNous ne"
          " l’accepterons pas\u202f», a-t-elle déclaré, évoquant un “pas en arrière”."
          " C’est l’heure.\n",
    "ru": "Министр назвал план «серьёзной ошибкой». «Мы этого не примем», — сказала она,"
          " добавив, что «так называемая „реформа“ — шаг назад».\n",
    "es": "El ministro calificó el plan de «un grave error». «No lo aceptaremos», dijo, y"
          " añadió que la “supuesta reforma” era «un paso atrás».\n",
    "it": "Il ministro ha definito il piano «un grave errore» e la “riforma” un passo"
          " indietro. L'articolo è dell'anno scorso.\n",
    "pt": "O ministro chamou o plano de «um erro grave». «Não vamos aceitar», disse ela.\n",
    "nl": "De minister noemde het plan “een ernstige fout”. ‘Dat accepteren we niet’, zei ze."
          " Het is 's avonds koud.\n",
    "pl": "Minister nazwał plan „poważnym błędem”. „Nie zaakceptujemy tego” – powiedziała,"
          " dodając, że „tak zwana «reforma» to krok wstecz”.\n",
}


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_clean_prose_with_correct_quotes_gives_no_findings(lang: str) -> None:
    assert lint(CLEAN[lang], lang) == []


# --- fixes -------------------------------------------------------------------------------------

def test_fix_repairs_every_artefact_of_a_misspaced_paragraph() -> None:
    text = ("He said: “The deployment changes little. ”In addition it is a“ signal to"
            " other states ”. And «they enjoy it. “\n")
    result = fix_text(text, Config(select=QT))
    assert result.text == ("He said: “The deployment changes little.” In addition it is a"
                           " “signal to other states”. And “they enjoy it.”\n")
    assert result.converged and result.remaining == []


def test_fix_turns_german_straight_and_english_quotes_into_german_ones() -> None:
    text = 'Er nannte es "einen Fehler" und sprach von einem “Signal”.\n'
    result = fix_text(text, Config(lang="de", select=QT))
    assert result.text == "Er nannte es „einen Fehler“ und sprach von einem „Signal“.\n"


def test_unbalanced_paragraph_gets_display_only_fixes() -> None:
    findings = lint_text('Er sagte "ja" und dann "nein.', Config(lang="de", select=QT))
    assert {f.code for f in findings} == {"QT001", "QT006"}
    assert all(f.fix is None or f.fix.applicability == "display" for f in findings)


TEXT = st.text(alphabet=st.sampled_from(list("ab .,:\n") + list(QUOTE_CHARS)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, lang=st.sampled_from(["en", "de", "fr", "ru", "xx"]))
def test_any_text_gives_findings_on_quotes_and_fixes_that_converge(text: str, lang: str) -> None:
    config = Config(lang=lang, select=QT)
    for finding in lint_text(text, config):
        assert 0 <= finding.start < finding.end <= len(text)
        assert any(ch in QUOTE_CHARS for ch in text[finding.start:finding.end])
    result = fix_text(text, config)
    assert result.converged
    assert fix_text(result.text, config).text == result.text
    assert words_of(result.text) == words_of(text), "a fix changed more than marks and spaces"


def words_of(text: str) -> str:
    return "".join(ch for ch in text if ch not in QUOTE_CHARS and not ch.isspace())

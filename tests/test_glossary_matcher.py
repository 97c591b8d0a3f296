"""The glossary matcher: one automaton, leftmost-longest, word boundaries, exact offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from termcheck.glossary import Concept, Glossary, Term
from termcheck.glossary.matcher import fold


def glossary(*terms: Term, domain: str = "person") -> Glossary:
    return Glossary([Concept(f"c{i}", [t], domain) for i, t in enumerate(terms)])


def found(g: Glossary, text: str, lang: str = "en") -> list[str]:
    return [text[m.start:m.end] for m in g.matcher(lang).find(text)]


def test_fold_keeps_length_for_characters_that_expand() -> None:
    for text in ("İstanbul", "Straße", "ŉ", "ﬁnal", "ΐ"):
        assert len(fold(text)) == len(text)
    assert fold("İSTANBUL") == "istanbul"


def test_offsets_stay_exact_after_characters_whose_fold_is_longer() -> None:
    g = glossary(Term("Peskov", "en"))
    text = "İİ ßß ﬁ Peskov"
    (match,) = g.matcher("en").find(text)
    assert text[match.start:match.end] == "Peskov"


def test_leftmost_longest_and_non_overlapping() -> None:
    g = glossary(Term("Kassym-Jomart", "en"), Term("Kassym-Jomart Tokayev", "en"),
                 Term("Tokayev", "en"))
    assert found(g, "Kassym-Jomart Tokayev and Tokayev") == ["Kassym-Jomart Tokayev", "Tokayev"]


def test_word_boundaries_in_latin_and_cyrillic_and_hyphens() -> None:
    g = glossary(Term("Jomart", "en"), Term("Путин", "en"))
    assert found(g, "Kassym-Jomart, Jomartov, Путина, Путин.") == ["Путин"]
    assert found(g, "(Jomart) «Путин»") == ["Jomart", "Путин"]


def test_case_sensitive_entries_compare_exactly() -> None:
    g = glossary(Term("NATO", "en", case_sensitive=True), Term("peskov", "en"))
    assert found(g, "NATO nato Nato PESKOV Peskov") == ["NATO", "PESKOV", "Peskov"]


def test_stem_pattern_matches_inflected_forms() -> None:
    g = glossary(Term("Ельцын*", "ru", "forbidden"))
    assert found(g, "Визит Ельцына и Ельцыну, но не Гельцын.", "ru") == ["Ельцына", "Ельцыну"]


def test_scripts_without_spaces_have_no_word_boundaries() -> None:
    g = glossary(Term("北约", "zh"))
    assert found(g, "他说北约会议", "zh") == ["北约"]


def test_terms_apply_to_their_language_and_regions() -> None:
    g = glossary(Term("Kiew", "de"), Term("Moscow", "en-GB"))
    assert found(g, "Kiew Moscow", "de-AT") == ["Kiew"]
    assert found(g, "Kiew Moscow", "en") == ["Moscow"]


@given(st.lists(st.sampled_from(["Peskov", "PESKOV", "İ", "ß", "ﬁ", " ", "-", "x", "Ё", "ё"]),
                max_size=30))
def test_every_match_points_at_its_term_in_the_original_text(pieces: list[str]) -> None:
    g = glossary(Term("peskov", "en"), Term("ёё", "en"))
    text = "".join(pieces)
    for match in g.matcher("en").find(text):
        assert fold(text[match.start:match.end]) == fold(match.term.text)


def test_a_configured_glossary_can_admit_a_shipped_variant(tmp_path) -> None:
    from termcheck.api import lint_text
    from termcheck.config import Config

    own = tmp_path / "own.tsv"
    own.write_text("concept\tlang\tterm\tstatus\tnote\n"
                   "dmitry-peskov\ten\tDmitri Peskow\tadmitted\thouse style\n", encoding="utf-8")
    text = "Dmitri Peskow said so."
    assert [f.code for f in lint_text(text, Config(select=("NM001",)))] == ["NM001"]
    assert lint_text(text, Config(select=("NM001",), glossaries=(own,))) == []

"""The glossary matcher: one automaton, leftmost-longest, word boundaries, exact offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from termcheck.glossary import Concept, Glossary, Term
from termcheck.glossary.matcher import _fold_char, fold


def glossary(*terms: Term, domain: str = "person") -> Glossary:
    return Glossary([Concept(f"c{i}", [t], domain) for i, t in enumerate(terms)])


def found(g: Glossary, text: str, lang: str = "en") -> list[str]:
    return [text[m.start:m.end] for m in g.matcher(lang).find(text)]


def test_fold_keeps_length_for_characters_that_expand() -> None:
    for text in ("İstanbul", "Straße", "ŉ", "ﬁnal", "ΐ"):
        assert len(fold(text)) == len(text)
    assert fold("İSTANBUL") == "istanbul"


@given(st.lists(st.sampled_from(["ß", "ẞ", "SS", "ss", "İ", "ﬁ", "Straße", "e\u0301", "Ё", " "]),
                max_size=20))
def test_fold_is_the_fold_of_each_character_with_or_without_the_callers_casefold(
        pieces: list[str]) -> None:
    text = "".join(pieces)
    each = "".join(_fold_char(char) for char in text)
    assert fold(text) == each
    assert fold(text, text.casefold()) == each


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


def test_terms_sharing_a_key_are_tried_in_order_each_with_its_own_case() -> None:
    g = glossary(Term("PESKOV", "en", case_sensitive=True), Term("peskov", "en"))
    found_terms = [(m.start, m.term.text) for m in g.matcher("en").find("PESKOV Peskov Peskovs")]
    assert found_terms == [(0, "PESKOV"), (7, "peskov")]


def test_a_stem_pattern_stretches_where_a_plain_term_of_its_key_would_end_inside_a_word(
        ) -> None:
    g = glossary(Term("Ельцын", "ru", "forbidden"), Term("Ельцын*", "ru", "forbidden"))
    matches = list(g.matcher("ru").find("Ельцын, Ельцына"))
    assert [(m.start, m.end, m.term.is_pattern) for m in matches] == [(0, 6, False),
                                                                      (8, 15, True)]


def test_the_automatons_layout_key_is_never_a_match() -> None:
    g = glossary(Term("Peskov", "en"))
    assert found(g, "Peskov \uffff Peskov \uffff") == ["Peskov", "Peskov"]


@given(st.permutations(["Kassym-Jomart", "Kassym-Jomart Tokayev", "Tokayev", "NATO", "Ельцын*"]))
def test_matches_do_not_depend_on_the_order_of_the_entries(stems: list[str]) -> None:
    terms = [Term(stem, "en", case_sensitive=stem.isupper()) for stem in stems]
    text = "Kassym-Jomart Tokayev, nato, NATO-led, NATO, Ельцына Kassym-Jomart Tokayevs"
    assert found(glossary(*terms), text) == ["Kassym-Jomart Tokayev", "NATO", "Ельцына",
                                              "Kassym-Jomart"]


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


def test_the_automaton_is_made_at_the_first_scan() -> None:
    """The screens of NM001/TM001 read a matcher's keys only: a run whose texts they all rule
    out never makes its automaton."""
    g = glossary(Term("Peskov", "en"), Term("Peskow", "en", "forbidden"))
    matcher = g.matcher("en")
    assert list(matcher.entries_by_key) == ["peskov", "peskow"]
    assert matcher._automaton is None
    assert found(g, "") == [] and matcher._automaton is None  # an empty text is not scanned
    assert found(g, "Peskow said") == ["Peskow"] and matcher._automaton is not None
    assert glossary().matcher("en").matches("Peskov") == ()

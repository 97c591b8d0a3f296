"""The word screen before NM001/TM001's glossary scan: a text it rejects holds no forbidden term.

The screen (termcheck/rules/glossary_screen.py) skips the automaton where the text's words
(``line_words``, DP010's) lack the words of every forbidden key. It relies on facts about
casefolding and word characters, checked here for every code point, and is compared with the
full scan on generated texts.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.glossary import Concept, Glossary, Term
from termcheck.glossary.matcher import _fold_char, is_unspaced, is_word_char
from termcheck.rules.glossary_screen import (
    FOLDED_APART,
    WordScreen,
    each_needed_words,
    forbidden_keys,
    needed_words,
    splits_alike,
)
from termcheck.rules.kinds import forbidden_matches
from termcheck.rules.repetition import OUTSIDE_WORDS

RE_WORD = re.compile(r"\w")  # what DP001's separators leave out (non_ascii_separators)


def _code_points() -> list[str]:
    return [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]


def _matcher_fold(char: str) -> str:
    """The matcher's fold of one character (its casefold when that is one character)."""
    folded = char.casefold()
    return folded if len(folded) == 1 else _fold_char(char)


def test_only_one_character_casefolds_otherwise_once_folded_for_the_matcher() -> None:
    apart = [char for char in _code_points()
             if _matcher_fold(char).casefold() != char.casefold()]
    assert apart == [FOLDED_APART]


def test_folding_keeps_scripts_without_spaces_apart() -> None:
    assert all(is_unspaced(_matcher_fold(char)) == is_unspaced(char) for char in _code_points())


def test_where_a_match_may_end_line_words_ends_a_word_or_the_screen_is_told() -> None:
    """A character next to which a match may start or end (no word character for the matcher)
    casefolds to separators of ``line_words``, or is among the separators DP001 finds (outside
    ASCII, no ``\\w``), where :func:`splits_alike` says which ones let the screen through."""
    for char in _code_points():
        matcher_word = char.isalnum() if ord(char) < 0x0300 else is_word_char(char)
        if matcher_word or char == "-":
            continue
        if char.isascii():
            assert not char.isalnum()
            continue
        assert RE_WORD.match(char) is None, hex(ord(char))  # so in non_ascii_separators
        if splits_alike(char):
            assert all(OUTSIDE_WORDS.match(folded) or (folded.isascii() and not folded.isalnum())
                       for folded in char.casefold()), hex(ord(char))


def test_a_key_needs_its_words_and_a_stem_pattern_not_its_last() -> None:
    assert needed_words("kassym-shomart tokayev", False) == [b"kassym", b"shomart", b"tokayev"]
    assert needed_words("ельцын", True) is None  # one word that may go on
    assert needed_words("борис ельцын", True) == ["борис".encode()]
    assert needed_words("北京", False) is None  # may start inside a run of Han characters
    assert needed_words("...", False) is None


def test_the_keys_words_found_together_are_each_keys_own() -> None:
    """One ``line_words`` over the keys joined by line breaks gives each key's words as one
    call per key does, whatever the keys hold (separators beyond ASCII of other keys, line
    breaks, which make each key's words be found alone)."""
    keys = [("kassym-shomart tokayev", False), ("борис ельцын", True), ("北京", False),
            ("...", False), ("straße «x»", False), ("i̇stanbul—ankara", True), ("a\u2028b", False),
            ("ǆ ǅ", False), ("x", True)]
    for chosen in (keys, keys + [("a\nb", False)], keys + [("c\rd", True)], keys[:1], []):
        assert list(each_needed_words(chosen)) == [needed_words(k, s) for k, s in chosen]


@given(st.lists(st.tuples(st.text(min_size=1), st.booleans()), max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_keys_words_found_together_for_any_keys(keys: list[tuple[str, bool]]) -> None:
    assert list(each_needed_words(keys)) == [needed_words(k, s) for k, s in keys]


def _glossary() -> Glossary:
    forbid = [Term("Kassym-Shomart Tokayev", "en", "forbidden"), Term("Lawrow", "en", "forbidden"),
              Term("OVKS", "en", "forbidden", case_sensitive=True),
              Term("Борис Ельцын*", "en", "forbidden"),
              Term("Istanbul Kanal", "en", "forbidden"),
              Term("Straße", "en", "forbidden"), Term("Donbass", "en", "forbidden")]
    keep = [Term("Kassym-Jomart Tokayev", "en"), Term("Lavrov", "en"), Term("CSTO", "en"),
            Term("Kassym-Shomart Tokayevs Office", "en")]  # a longer preferred match hides one
    return Glossary([Concept(f"c{i}", [term], "person") for i, term in enumerate(forbid + keep)])


GLOSSARY = _glossary()
SCREEN = WordScreen(forbidden_keys(GLOSSARY.matcher("en")))
PIECES = ["Kassym", "-", "Shomart", "Tokayev", "Tokayevs", "Office", "Lawrow", "lawrow", "OVKS",
          "ovks", "Борис", "Ельцын", "Ельцына", "İstanbul", "Istanbul", "Kanal", "Straße",
          "STRASSE", "Donbass", "Donbass\u0301", "x", "_", "\u088f", "北京", " ", " ", "\n",
          "\r\n", ", ", "«", "»", "'", "’", "\u00a0", "\u2028", "5"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_a_text_the_screen_rejects_holds_no_forbidden_term(pieces: list[str]) -> None:
    text = "".join(pieces)
    ctx = Context(config=Config(lang="en"), resources=Resources(), lang="en")
    forbidden = [m for m in GLOSSARY.matcher("en").find(text) if m.term.status == "forbidden"]
    if not SCREEN.may_match(Document(text), ctx):
        assert forbidden == []
    # what NM001 and TM001 get: the lines the screen names scanned, the same forbidden matches
    screened = forbidden_matches(GLOSSARY, Document(text), ctx)
    assert [m for m in screened if m.term.status == "forbidden"] == forbidden


def test_a_sentence_without_a_forbidden_name_is_not_scanned() -> None:
    ctx = Context(config=Config(lang="en"), resources=Resources(), lang="en")
    text = "Lavrov met\nKassym-Shomart Tokayev.\nKassym-Shomart Tokayev?\nLawrow"
    assert SCREEN.lines_to_scan(Document(text), ctx) == [1, 2, 3]
    assert not SCREEN.may_match(Document("Lavrov met the minister on Monday.\n"), ctx)
    assert not SCREEN.may_match(Document("Kassym-Jomart Tokayev spoke.\nShomart?\n"), ctx)
    assert SCREEN.may_match(Document("Lavrov met\nKassym-Shomart Tokayev.\n"), ctx)
    assert SCREEN.may_match(Document("İ\n"), ctx)  # folded apart: always scanned


def test_a_stem_pattern_of_one_word_lets_every_text_through() -> None:
    glossary = Glossary([Concept("c", [Term("Ельцын*", "en", "forbidden")], "person")])
    screen = WordScreen(forbidden_keys(glossary.matcher("en")))
    ctx = Context(config=Config(lang="en"), resources=Resources(), lang="en")
    assert screen.may_match(Document("Lavrov met the minister on Monday.\n"), ctx)


def test_a_glossary_key_holding_a_line_break_turns_the_screen_off() -> None:
    """A term may hold a line break (a quoted CSV field, a TBX term wrapped over two lines): its
    match crosses lines, so neither the screen nor a scan line by line may be used. Both ways
    of going wrong are covered: a forbidden term over two lines must be found, and a longer
    admitted term over two lines must still hide the forbidden one it overlaps."""
    glossary = Glossary([
        Concept("c1", [Term("Good Corp", "en"), Term("Bad\nCorp", "en", "forbidden")], "org"),
        Concept("c2", [Term("Group Holding", "en"), Term("Group Holdings", "en", "forbidden")],
                 "org"),
        Concept("c3", [Term("Acme Group", "en"), Term("The Acme\r\nGroup Holdings", "en")],
                 "org")])
    ctx = Context(config=Config(lang="en"), resources=Resources(), lang="en")
    assert glossary.matcher("en").crosses_lines
    for text in ("We met Bad\nCorp today.\n", "We met The Acme\r\nGroup Holdings today.\n",
                 "Group Holdings and Bad\nCorp.\n"):
        full = [m for m in glossary.matcher("en").find(text) if m.term.status == "forbidden"]
        screened = forbidden_matches(glossary, Document(text), ctx)
        assert [m for m in screened if m.term.status == "forbidden"] == full, text
    assert [m.term.stem for m in forbidden_matches(glossary, Document("Bad\nCorp"), ctx)] == \
        ["Bad\nCorp"]
    hidden = forbidden_matches(glossary, Document("The Acme\r\nGroup Holdings"), ctx)
    assert [m.term.stem for m in hidden] == ["The Acme\r\nGroup Holdings"]  # admitted, longer

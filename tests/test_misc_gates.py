"""Gates of the mid-sized rules (issue #16 part 2) agree with the plain definitions."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest

from termcheck.document import Document
from termcheck.rules import brackets

TEXTS = [
    "",
    "No bracket at all.\n",
    "(dpa)\n\nA line (with a pair) and [another] one.\nLast } line.\n",
    "First paragraph (opened\nand closed) on the next line.\n\nSecond ) one.\n{x}\n",
    "a)\nb)\nc) three enumerators\n\n:-( sad\n\n]",
    "((((\n\n))))\n\n[[]]{}\n\n\n(",
]


def _plain_bracketed(doc: Document) -> list:
    offsets = [m.start() for m in re.finditer(r"[()\[\]{}]", doc.text)]
    starts = [p.start for p in doc.paragraphs]
    return [doc.paragraphs[i] for i in sorted({bisect_right(starts, o) - 1 for o in offsets})]


def _skip_unless_generated_with(parts: tuple[str, str], library: str) -> None:
    """The shipped table equals the library's answers only for the version that wrote it (its
    header says which): with another version installed, the comparison says nothing."""
    from importlib.metadata import version

    from termcheck.data import shipped

    installed = f"# generated with {library} {version(library)} by"
    header = shipped(*parts).read_text(encoding="utf-8").splitlines()
    if not any(line.startswith(installed) for line in header[:3]):
        pytest.skip(f"{'/'.join(parts)} was generated with another {library} "
                    "(python3 tools/derived_tables.py writes it again)")


@pytest.mark.parametrize("text", TEXTS)
def test_bracketed_paragraphs_as_plain_definition(text: str) -> None:
    doc = Document(text=text)
    assert brackets._bracketed_paragraphs(doc) == _plain_bracketed(doc)


def test_paired_brackets_gate_finds_what_the_stack_pass_finds() -> None:
    """unbalanced_brackets skips the stack pass on text _PAIRED matches (no emoticon opening):
    on every such text, short strings of brackets, eyes, enumerators and line breaks included,
    the stack pass finds nothing."""
    import itertools
    import random

    alphabet = "()[]{}:;8-' a1\n"
    texts = ["".join(chars) for size in range(1, 5)
             for chars in itertools.product(alphabet, repeat=size)]
    rng = random.Random(16)
    texts += ["".join(rng.choice(alphabet + "xyz  ") for _ in range(rng.randint(6, 40)))
              for _ in range(50_000)]
    passed = 0
    for text in texts + TEXTS:
        if brackets._PAIRED.fullmatch(text) and not brackets._EMOTICON_OPENING.search(text):
            passed += 1
            assert not list(brackets._stack_pass(text)), text
        assert list(brackets.unbalanced_brackets(text)) == list(brackets._stack_pass(text))
    assert passed > 5_000


def test_shipped_lookalikes_are_the_package_s() -> None:
    """glossaries/lang/lookalikes.tsv holds what the confusables package says: if this fails,
    write it again with ``python3 tools/derived_tables.py``."""
    from confusable_homoglyphs import confusables

    from termcheck.rules import script

    _skip_unless_generated_with(script.LOOKALIKES, "confusable-homoglyphs")

    expected = {(char, alphabet): alike for char, alphabet, alike in script.lookalike_rows()}
    assert script._lookalikes() == expected

    def from_package(char: str, alphabet: str) -> str | None:  # look_alike as it was written
        found = confusables.is_confusable(char, greedy=True, preferred_aliases=[]) or []
        candidates = {glyph["c"] for entry in found for glyph in entry["homoglyphs"]
                      if len(glyph["c"]) == 1 and script.script_of(glyph["c"]) == alphabet
                      and script._USUAL[alphabet].fullmatch(glyph["c"])
                      and glyph["c"].isupper() == char.isupper()}
        return candidates.pop() if len(candidates) == 1 else None

    chars = {c for c in confusables.confusables_data if len(c) == 1} | set("hnHNqQ1юЖ说ά")
    for char in sorted(chars):
        for alphabet in script.ALPHABETS:
            assert script.look_alike(char, alphabet) == from_package(char, alphabet), char


@pytest.mark.parametrize("pattern", [
    "(?:read|see) also", r"\(?reporting by \w+", "(?:(?:mon|sun)day,? )?(?:jan|feb) \\d",
    "(?:this (?:web)?site|we) use", "[a-c]x", "(?:ab)*c", "\\bfoo", "a?b?", ".x", r"\w+ y",
    "(?i:x)y", "(?:ſ|k)t", "[к-м]о", "(?:только|всё) тут",
])
def test_gate_shapes_match_as_before(pattern: str) -> None:
    from termcheck.rules import boilerplate

    shaped = re.compile(boilerplate._gate_shape(pattern), re.IGNORECASE)
    original = re.compile(pattern, re.IGNORECASE)
    words = ["read also", "SEE ALSO", "(Reporting by x", "reporting by Y", "Monday, Jan 1",
             "SUNDAY feb 2", "jan 3", "We use", "this website use", "THIS SITE USE", "ax", "Cx",
             "dx", "ababc", "c", "foo", "FOO", "", "a", "b", "ab", "zx", "x y", "xy", "Xy",
             "ſt", "St", "\u212at", "kt", "ко", "МО", "только тут", "ВСЁ ТУТ", "при тут"]
    for text in words:
        assert bool(shaped.fullmatch(text)) == bool(original.fullmatch(text)), (pattern, text)
        assert bool(shaped.match(text)) == bool(original.match(text)), (pattern, text)


@pytest.mark.parametrize(("pattern", "first"), [
    ("(?:read|see) also", "rs"), (r"\(?reporting", "(r"), ("(?:(?:mon)day )?jan", "mj"),
    ("a?b?", None), (".x", None), (r"\w", None), ("(?i:x)", None), ("[a-c]", "abc"),
    (r"\bfoo", "f"), ("(?:x|y?)z", "xyz"),
])
def test_first_chars(pattern: str, first: str | None) -> None:
    from termcheck.rules import boilerplate

    found = boilerplate._first_chars(pattern)
    assert (None if found is None else "".join(sorted(found))) == (
        None if first is None else "".join(sorted(first)))


def test_ascii_text_holds_no_suspect_nor_foreign_letter() -> None:
    """The isascii() exits of EN001, LG002 and LG004 skip no match."""
    from termcheck.langid import target_scripts
    from termcheck.rules import encoding, language, script

    ascii_chars = "".join(map(chr, range(128)))
    assert encoding._SUSPECT.search(ascii_chars * 2) is None
    first_class = encoding._SUSPECT.pattern[:encoding._SUSPECT.pattern.index("]") + 1]
    assert re.search(first_class, ascii_chars) is None
    for native in set(target_scripts().values()):
        may = language._maybe_foreign(native).search(ascii_chars) is not None
        assert language._ascii_may_be_foreign(native) is may
    assert script._ADJACENT.search(ascii_chars) is None
    assert script._INSERTED.search(ascii_chars) is None
    for main in script.ALPHABETS:
        for unspaced in (True, False):
            assert script._rare_scan(main, unspaced).search(ascii_chars) is None


def test_latin1_text_gate_skips_no_foreign_letter() -> None:
    """LG002's Latin-1 exit (no build of its class where no Latin-1 character is in it) gives
    the first foreign letter the class scan gives, for every target's scripts."""
    import random

    from termcheck.langid import target_scripts
    from termcheck.rules import language

    latin1_chars = "".join(map(chr, range(256)))
    rng = random.Random(7)
    texts = ["", "\r\n", "ÖVP et FPÖ", "µ", "ª º ß ÿ", latin1_chars, "ÖVP\u0301", "a\u0100"]
    texts += ["".join(rng.choices(latin1_chars, k=rng.randint(1, 40))) for _ in range(300)]
    for native in set(target_scripts().values()):
        may = language._maybe_foreign(native).search(latin1_chars) is not None
        assert language._latin1_may_be_foreign(native) is may
        for text in texts:
            slow = language._next_foreign(text, 0, language._maybe_foreign(native).search,
                                          native)
            assert language._first_foreign(text, native) == slow, (text, native)


def test_shipped_language_names_are_babel_s() -> None:
    """glossaries/lang/language-names.tsv is Babel's Locale("en").languages (write it again
    with ``python3 tools/derived_tables.py`` if this fails)."""
    from babel import Locale

    from termcheck.langid import LANGUAGE_NAMES, language_name, language_names

    _skip_unless_generated_with(LANGUAGE_NAMES, "Babel")

    assert language_names() == dict(Locale("en").languages)
    for code in ("en", "de-CH", "pt_BR", "kk", "xx", "", "zh_Hant"):
        expected = str(Locale("en").languages.get(code.replace("-", "_").split("_")[0], code))
        assert language_name(code) == expected


def test_shipped_cldr_marks_are_babel_s() -> None:
    """glossaries/numbers/cldr.tsv holds what Babel says (write it again with
    ``python3 tools/derived_tables.py``)."""
    from termcheck import numberformat
    from termcheck.data import read_table, shipped

    _skip_unless_generated_with(numberformat.CLDR, "Babel")

    shipped_rows = numberformat._shipped_cldr()
    langs = [row["lang"] for _, row in read_table(shipped("lang", "scripts.tsv"),
                                                   ("lang", "script"))]
    assert sorted(shipped_rows) == sorted(lang for lang in langs
                                          if numberformat.cldr_row(lang) is not None)
    for locale_id, row in shipped_rows.items():
        assert numberformat.cldr_row(locale_id) == row, locale_id


@pytest.mark.parametrize("text", ["", "a", "\n", "ab\ncd\n\nef", "x\n\n", "\nфу\nbar"])
def test_lg002_line_span_is_the_document_s(text: str) -> None:
    from termcheck.rules import language

    doc = Document(text=text)
    for offset in range(len(text) + 1):
        assert language._line_span(text, offset) == doc.line_span(offset), (text, offset)


def test_derived_tables_are_current() -> None:
    """tools/derived_tables.py -c: the three shipped tables are what a fresh generation
    writes (when the installed libraries are the versions their headers name)."""
    import subprocess
    import sys
    from pathlib import Path

    from termcheck import langid, numberformat
    from termcheck.rules import script

    _skip_unless_generated_with(numberformat.CLDR, "Babel")
    _skip_unless_generated_with(langid.LANGUAGE_NAMES, "Babel")
    _skip_unless_generated_with(script.LOOKALIKES, "confusable-homoglyphs")
    tool = Path(__file__).resolve().parent.parent / "tools" / "derived_tables.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_code_points_round_trip_characters_a_table_would_strip() -> None:
    from termcheck.data import code_points, from_code_points

    for text in (".", "\u00a0", "\u202f", " ", "\t", "\u0131\u0307", "\U0001f600"):
        assert from_code_points(code_points(text)) == text
    assert code_points("\u00a0") == "U+00A0"
    with pytest.raises(ValueError, match="not code points"):
        from_code_points("00A0")


def test_one_code_point_reads_as_a_field_of_several_does() -> None:
    """``from_code_points`` reads a field of one code point (most table fields) on a shorter
    path; it gives what the general one gives, and refuses the same fields."""
    from termcheck.data import from_code_points

    assert from_code_points(" U+00E9 ") == "\u00e9" == from_code_points("U+00E9 U+0065")[0]
    assert from_code_points("U+1F600") == "\U0001f600"
    assert from_code_points("") == ""
    for bad in ("00E9", "U+00E9 0065", "u+00e9"):
        with pytest.raises(ValueError):
            from_code_points(bad)

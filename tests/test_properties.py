"""Engine invariants over generated text, for every registered rule (``select ALL``).

Whatever the text — every Unicode category, mixed scripts, quotes and brackets of every
convention, mixed line breaks, BOMs, very long lines — linting never fails, findings point inside
the text with consistent line/column, the fix loop's ledger rebuilds the original, fixing twice
changes nothing more, and decoding then encoding gives back the same bytes. Rules added later are
covered automatically. Profiles (tests/conftest.py): ``ci`` by default, ``HYPOTHESIS_PROFILE=deep``.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from termcheck.config import Config
from termcheck.document import Document
from termcheck.edits import apply_changes, restore
from termcheck.engine import allow_applicability, check_document, fix_document
from termcheck.errors import InputError
from tests import fix_rules

LANGS = ("en", "de", "fr", "es", "ru")
PUNCTUATION = list("\"'«»‹›„“”‚‘’「」『』()[]{}⟨⟩（）【】<>—–-…·.,;:!?¿¡ ")
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\u2028", "\u0085", "\x0c", "\x0b"]
SCRIPTS = ["Tokayev", "Токаев", "Токаев-Жомарт", "Kassym-Jomart", "Müller-Lüdenscheid",
           "东京", "ทดสอบ", "مرحبا", "שלום", "Ελλάδα", "é", "e\u0301", "ﬁ", "\u200b", "\u00ad",
           "\ufeff", "Ã©", "â€™", "(dpa)", "dpa)", "[Reuters]", "(AFP", "1)", ":)", "[sic]",
           "© 2023", "12,5 %", "3.5", "  ", "\t", "\u00a0", "\u202f"]

characters = st.characters(exclude_categories=("Cs",))  # lone surrogates never decode
pieces = st.one_of(
    st.text(characters, max_size=20),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(BREAKS),
    st.sampled_from(SCRIPTS),
    st.integers(200, 5000).map(lambda n: "Wort " * (n // 5)),
)
texts = st.lists(pieces, max_size=40).map("".join)
ALL = {lang: Config(select=("ALL",), lang=lang) for lang in LANGS}
ALLOW_ALL = allow_applicability(unsafe=True)


@given(texts, st.sampled_from(LANGS))
@example("«Er sagte: „Nein“.»\r\n(dpa\r“Quote’s end (AFP)]\n\n\ufeff", "de")
@example("", "en")
def test_lint_never_fails_and_findings_point_inside_the_text(text: str, lang: str) -> None:
    doc = Document(text)
    result = check_document(doc, ALL[lang])
    assert [p for p in result.problems if p.code == "TC-RULE-ERROR"] == []
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.matched == text[finding.start:finding.end]
        assert (finding.line, finding.column) == doc.line_col(finding.start)
        assert (finding.end_line, finding.end_column) == doc.line_col(finding.end)
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), (finding.code, edit)


@pytest.fixture(scope="module", autouse=True)
def fixable_test_rules():
    """Safe-fix rules that interact, so the fix loop is exercised even without shipped ones."""
    fix_rules.register()
    yield
    fix_rules.unregister()


@given(texts, st.sampled_from(LANGS))
@example("a (b\r\n) c] d\n", "en")
@example("One (two  three.Four...  five)) six.Seven (\n", "en")
def test_fix_loop_ledger_restores_original_and_fixing_again_changes_nothing(
        text: str, lang: str) -> None:
    config = ALL[lang]
    result = fix_document(Document(text), config, ALLOW_ALL)
    assert [p for p in result.problems if p.code == "TC-RULE-ERROR"] == []
    assert apply_changes(text, result.ledger) == result.text
    assert restore(result.text, result.ledger) == text
    assert_outside_changes_unchanged(text, result.text, result.ledger)
    assert not [p for p in result.problems if p.code == "TC-FIX-OSCILLATION"]
    if result.converged:
        again = fix_document(Document(result.text), config, ALLOW_ALL)
        assert again.text == result.text


def assert_outside_changes_unchanged(original: str, fixed: str, ledger: list) -> None:
    """Every stretch of the original outside the ledger's spans is in the fixed text, in place."""
    position, shift = 0, 0
    for change in ledger:
        assert change.start >= position, "ledger not sorted or overlapping"
        assert original[position:change.start] == fixed[position + shift:change.start + shift]
        assert original[change.start:change.end] == change.removed
        shift += len(change.replacement) - (change.end - change.start)
        position = change.end
    assert original[position:] == fixed[position + shift:]


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1")


@given(st.binary(max_size=300))
@example(codecs.BOM_UTF16_LE + b"a\x00")
@example(codecs.BOM_UTF8 + b"\xef\xbb\xbf")
@example(codecs.BOM_UTF32_LE)
def test_bytes_that_decode_encode_back_identically(data: bytes) -> None:
    try:
        doc = Document.from_bytes(data)
    except InputError:
        return
    assert doc.to_bytes() == data


@given(st.text(characters, max_size=200), st.sampled_from(ENCODINGS))
def test_text_in_any_encoding_round_trips(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    forced = None if encoding.startswith(("utf-8", "utf-16", "utf-32")) and \
        encoding not in ("utf-16-le", "utf-16-be") else encoding
    try:
        doc = Document.from_bytes(data, encoding=forced)
    except InputError:
        return  # e.g. NUL bytes without a BOM: reported as binary, not mis-decoded
    assert doc.to_bytes() == data


@given(st.binary(max_size=200), st.sampled_from(["replace", "ignore"]))
def test_lenient_decoding_never_raises(data: bytes, errors: str) -> None:
    try:
        doc = Document.from_bytes(data, errors=errors)
    except InputError as exc:
        assert exc.code in ("TC-BINARY", "TC-FORMAT")  # TC-FORMAT: a gzip or PDF header
        return
    check_document(doc, ALL["en"])


@given(st.lists(st.one_of(st.text(characters, max_size=6), st.sampled_from(PUNCTUATION),
                          st.sampled_from([" ", "\t", "\u3000", "\u00a0", "\x1c", "\x85"])),
                max_size=12).map("".join))
def test_fast_paragraph_end_agrees_with_its_regex(line: str) -> None:
    from termcheck.document import _PARAGRAPH_END, ends_paragraph

    assert ends_paragraph(line) == bool(_PARAGRAPH_END.search(line))

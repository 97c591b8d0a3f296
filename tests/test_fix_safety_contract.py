"""The fix-safety contract (README, "Fix-safety contract"), asserted on generated text for every
registered rule at once (``select ALL``), with the fixes that ``termcheck clean`` applies.

- No applied edit loses a letter with a diacritic or a combining mark (an encoding repair, which
  turns mojibake back into the letters meant, and the deletion of whole boilerplate lines, which
  removes text rather than rewriting it, are the two kinds of edit that may remove such letters).
- In a compounding language (de, nl, sv, da, no, fi) no applied edit removes or replaces a hyphen
  between two letters (compounds, double names), except inside a whole deleted line.

Rules added later are covered automatically; example tests of each case live in the rules' case
files (tests/cases/*.toml) and below.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from termcheck.clean import clean_filter
from termcheck.config import Config
from termcheck.document import Document
from termcheck.edits import Change
from termcheck.engine import fix_document

COMPOUNDING = ("de", "nl", "sv", "da", "no", "fi")
LANGS = ("en", "fr", "ru", "es", *COMPOUNDING)
REPAIRS = {"EN001"}  # encoding repair: the removed "letters" are mojibake, not the text's own

PIECES = [
    "Müller-Lüdenscheid", "Straßen-Bahn", "Jean-Émile", "Søren", "Ærø-Kommune", "Öl-Preis",
    "Mäkelä-Nieminen", "e\u0301", "cafe\u0301", "Tokayev", "Токаев-Жомарт", "Ёлка", "Zoë",
    "Muller-Ludenscheid", "Strassen-Bahn", "E-Mail", "U-Bahn", "x-y", " - ", "-", "–",
    " ", "  ", "\t", "\u00a0", "\n", "\n\n", "\r\n",
    "“", "”", "„", "«", "»", "‚", "‘", "’", "\"", "'", " “", "” ", "« ", " »",
    ".", ",", " .", " ,", "!", "?", ":", "(", ")", "[", "]",
    "Keystone", "You may also like", "Leave a Comment", "Published on March 3, 2021",
    "Veröffentlicht am 3. März 2021", "by Anna Berg", "contents", "Foto: Jürgen Schäfer",
    "source site-12", "Rev.", "Jan.", "z. B.", "т. е.", "The mayor said the plan is good.",
    "Der Bürgermeister sagte, der Plan sei gut.", "Ã©", "â€™", "\u200b", "\u00ad",
]
piece_runs = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
texts = st.one_of(piece_runs,  # and articles: lines of a few pieces, so whole-line rules fire
                  st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
                           max_size=12).map("\n".join))
CONFIGS = {lang: Config(select=("ALL",), lang=lang) for lang in LANGS}


def marked(text: str) -> int:
    """Letters with a diacritic and combining marks (as fix_safety.py counts them)."""
    return sum(any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))
               for ch in text)


def inner_hyphens(text: str) -> int:
    return sum(1 for i in range(1, len(text) - 1)
               if text[i] == "-" and text[i - 1].isalpha() and text[i + 1].isalpha())


def whole_lines_deleted(original: str, change: Change) -> bool:
    """The change deletes whole lines (with or without their breaks) and inserts nothing."""
    if change.replacement.strip():
        return False
    at_start = change.start == 0 or original[change.start - 1] in "\r\n" or \
        change.removed[:1] in "\r\n"
    at_end = change.end == len(original) or original[change.end:change.end + 1] in "\r\n" or \
        change.removed[-1:] in "\r\n"
    return at_start and at_end


def violations(original: str, ledger: list[Change], lang: str) -> list[str]:
    found = []
    for change in ledger:
        if set(change.codes) <= REPAIRS or whole_lines_deleted(original, change):
            continue
        if marked(change.removed) > marked(change.replacement):
            found.append(f"{change.codes} lost a diacritic: {change.removed!r} -> "
                         f"{change.replacement!r}")
        if lang in COMPOUNDING:
            before = original[max(0, change.start - 1):change.end + 1]
            after = (original[max(0, change.start - 1):change.start] + change.replacement
                     + original[change.end:change.end + 1])
            if inner_hyphens(after) < inner_hyphens(before):
                found.append(f"{change.codes} removed a compound hyphen: {before!r} -> "
                             f"{after!r}")
    return found


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(LANGS))
@example("Müller-Lüdenscheid und Muller-Ludenscheid trafen „Jean-Émile“ .", "de")
@example("Ærø-Kommune og Aero Kommune.\n\nØl-Preis « stiger » .", "da")
def test_no_clean_edit_loses_a_diacritic_or_a_compound_hyphen(text: str, lang: str) -> None:
    result = fix_document(Document(text), CONFIGS[lang], clean_filter())
    assert violations(text, result.ledger, lang) == []


def test_the_checks_catch_what_they_guard_against() -> None:
    text = "Müller-Lüdenscheid kam."
    lost = Change(0, 6, "Müller", "Muller", ("XX001",), ("",))
    split = Change(6, 7, "-", " ", ("XX001",), ("",))
    assert len(violations(text, [lost], "de")) == 1
    assert len(violations(text, [split], "de")) == 1
    assert violations(text, [split], "en") == []
    line = Change(0, len(text), text, "", ("BP001",), ("",))
    assert violations(text, [line], "de") == []


def test_a_glossary_fix_that_would_strip_a_diacritic_is_never_safe() -> None:
    """TM001 and NM001 alike: "Kijów" (Polish) is a forbidden variant of Kyiv, but a safe fix
    may not remove the accent; the fix is unsafe, and clean's safe pass leaves it."""
    from termcheck.api import fix_text, lint_text
    from termcheck.config import Config

    (finding,) = [f for f in lint_text("From Kijów.", Config()) if f.fix is not None]
    assert finding.fix.applicability.value == "unsafe"
    assert fix_text("From Kijów.", Config()).text == "From Kijów."


def test_in_markdown_an_escaped_markup_character_stays_escaped(tmp_path) -> None:
    """EN003 in a Markdown file: "&lt;div&gt;", "&ast;" and "&amp;lt;" are how Markdown writes
    those characters as text; unescaping them would make markup. "&quot;" is still fixed."""
    from termcheck.api import fix_bytes

    source = b"Use the &lt;div&gt; tag, &ast; and &amp;lt; but &quot;this&quot; too.\n"
    fixed = fix_bytes(source, "note.md").to_bytes()
    assert fixed == b'Use the &lt;div&gt; tag, &ast; and &amp;lt; but "this" too.\n'

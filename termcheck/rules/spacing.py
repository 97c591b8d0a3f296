"""Spacing: doubled spaces inside a line and spaces before punctuation."""

from __future__ import annotations

import re
from typing import Iterator

from termcheck.context import Context
from termcheck.data import read_toml, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.model import Fix, Hit
from termcheck.rules.registry import rule

# A run of two or more spaces between two visible characters of one line.
_DOUBLED = re.compile(r"(?<=\S) {2,}(?=\S)")
# Spaces (or no-break spaces) after a visible character and before one punctuation mark.
_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \u00a0\u202f]+([,.;:!?])")
# Lines where aligned spacing is layout: tables and indented code.
_LAYOUT_LINE = re.compile(r"^(?: {4}|\t)|\||\t")
# What may follow the punctuation for it to be punctuation (not ".5", ".com", ":30", ":)").
_AFTER_OK = re.compile(r"""(?:\s|$|["'»”’“)\]])""")
_EMOTICON_TAIL = re.compile(r"-?[()DPpOo3/|*\]\[]")
_FENCE = re.compile(r"^\s*(?:```|~~~)")


def prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """``(start, line)`` of every line outside markdown code fences, tables and indented code."""
    fenced = False
    for start, end in doc.lines():
        line = doc.text[start:end]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and not _LAYOUT_LINE.search(line):
            yield start, line


def conventions(ctx: Context) -> str:
    """The punctuation that takes no space before it in the target language."""
    def load() -> dict[str, str]:
        path = shipped("spacing", "conventions.toml")
        table = read_toml(path)
        try:
            return {lang: str(value["no_space_before"]) for lang, value in table.items()}
        except (KeyError, TypeError):
            raise DataError("every table needs a 'no_space_before' string", str(path)) from None

    table = ctx.resources.get(("spacing-conventions",), load)
    lang = (ctx.lang or "en").replace("_", "-").split("-")[0].lower()
    return table.get(lang, table.get("default", ",.;:!?"))


@rule("SP001", "doubled-space", "spacing", "Fluency/Spelling", fixable="always")
def doubled_space(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Two or more spaces between words of one line.

    ## What it does
    Reports runs of two or more spaces between two visible characters of the same line.
    Indentation, trailing spaces (a markdown line break), tables (lines with `|` or tabs),
    indented code (lines starting with four spaces or a tab) and fenced code are left alone.

    ## Why it matters
    Doubled spaces are left where a scraper removed a link, an image or an agency tag, or where
    a translation engine dropped a word. They show up in typeset text and break tokenisers.

    ## Example
    ```text
    The alliance sent  2,500 soldiers.
    ```
    Use instead: `The alliance sent 2,500 soldiers.`

    ## Fix safety
    Safe: the run becomes one space; no character other than a space is touched.

    ## Precision
    WMT21 newstest references (5,006 human-translated lines, en and de): 2 findings, 0.4 per
    1,000 lines, both real doubled spaces after a full stop in the German references. The
    scrapinghub-aeb gold bodies (3,945 lines) and the WMT23 MQM German MT output (1,040
    segments): 0.
    """
    for start, line in prose_lines(doc):
        if "  " not in line:
            continue
        for match in _DOUBLED.finditer(line):
            a, b = start + match.start(), start + match.end()
            yield Hit(a, b, f"{b - a} spaces in a row: use one",
                      Fix.replace(a, b, " ", "Replace by one space"))


@rule("SP002", "space-before-punctuation", "spacing", "Fluency/Punctuation", fixable="always")
def space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A space between a word and the punctuation mark that should follow it directly.

    ## What it does
    Reports spaces before , . ; : ! ? when the mark is followed by a space, the end of the line,
    a closing quote or a bracket. The marks are per language
    (`glossaries/spacing/conventions.toml`): French keeps its (narrow) no-break space or space
    before ; : ! ? and inside « », so only , and . are checked there. Ellipses ("and ... so"),
    decimals (".5"), times (":30"), domains (".com") and emoticons (":)") are not punctuation
    after a space and are ignored, as are indented lines and tables.

    ## Why it matters
    Translation engines and scrapers leave "word ," and "word ." where a tag or a link was cut
    out; the French habit of spacing before ? and ! leaks into other languages.

    ## Example
    ```text
    Tokayev blamed "terrorists" , the ministry said .
    ```
    Use instead: `Tokayev blamed "terrorists", the ministry said.`

    ## Fix safety
    Safe: the fix deletes only the spaces; the punctuation stays.

    ## Precision
    WMT21 newstest references (5,006 human-translated lines, en and de): 1 finding, 0.2 per
    1,000 lines, a real "crimes ." in the English reference. The scrapinghub-aeb gold bodies
    (3,945 lines, read as English): 15, all real ("Yobe North , Ahmad Lawan ,") or foreign
    conventions ("VIP : 60,000₩" in a Korean page). WMT23 MQM German MT output: 0.
    """
    marks = conventions(ctx)
    for start, line in prose_lines(doc):
        for match in _BEFORE_PUNCT.finditer(line):
            if _ignored(line, match, marks):
                continue
            a, b = start + match.start(), start + match.start(1)
            yield Hit(a, b + 1, f"Space before '{match.group(1)}': remove it",
                      Fix.replace(a, b, "", f"Remove the space before '{match.group(1)}'"))


def _ignored(line: str, match: re.Match[str], marks: str) -> bool:
    mark, after = match.group(1), match.end(1)
    if mark not in marks:
        return True
    if mark == "." and (line[after:after + 1] in (".", "…") or line[match.start() - 1] == "."
                        or line[after:after + 2] == " ."):
        return True
    if mark in ":;" and _EMOTICON_TAIL.match(line, after):
        return True
    return not _AFTER_OK.match(line, after)

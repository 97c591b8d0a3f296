"""Spacing: doubled spaces inside a line and spaces before punctuation."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from termcheck.context import Context
from termcheck.data import read_toml, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.model import Fix, Hit
from termcheck.rules.registry import rule

# A run of two or more spaces (SP001 wants visible characters on both sides).
_SPACE_RUN = re.compile(" {2,}")
# Spaces (or no-break spaces) before a punctuation mark (SP002 wants a visible character before).
_PUNCT_SPACES = " \u00a0\u202f"
_PUNCT_AFTER_SPACE = re.compile(f"[,.;:!?](?<=[{_PUNCT_SPACES}].)")
# Lines where aligned spacing is layout: tables and indented code.
_LAYOUT_LINE = re.compile(r"^(?: {4}|\t)|\||\t")
# What may follow the punctuation for it to be punctuation (not ".5", ".com", ":30", ":)").
_AFTER_OK = re.compile(r"""(?:\s|$|["'»”’“)\]])""")
_EMOTICON_TAIL = re.compile(r"-?[()DPpOo3/|*\]\[]")
_FENCE = re.compile(r"^\s*(?:```|~~~)")


def _prose_test(doc: Document) -> Callable[[int], bool]:
    """Whether an offset lies in a prose line (see :func:`prose_lines`)."""
    text = doc.text
    if "```" in text or "~~~" in text:
        starts = {start for start, _ in prose_lines(doc)}
        return lambda offset: doc.line_span(offset)[0] in starts

    verdicts: dict[int, bool] = {}  # per line: a line of 10,000 candidates is searched once

    def prose(offset: int) -> bool:
        start, end = doc.line_span(offset)
        if start not in verdicts:
            verdicts[start] = not _LAYOUT_LINE.search(text[start:end])
        return verdicts[start]

    return prose


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
    scrapinghub-aeb gold bodies (4,033 lines) and the WMT23 MQM German MT output (1,040
    segments): 0. WMT24 news MT output into seven languages (wmt24-news-multi, judged in
    `benchmarks/judged/SP001.<lang>.tsv`): 8 findings, all real (cs, es, hi, is, uk 1, ja 2).
    """
    text = doc.text
    if "  " not in text:
        return
    prose = _prose_test(doc)
    for match in _SPACE_RUN.finditer(text):
        a, b = match.span()
        if a == 0 or b == len(text) or text[a - 1].isspace() or text[b].isspace():
            continue  # indentation, trailing spaces
        if prose(a):
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
    (4,033 lines, read as English): 15, all real ("Yobe North , Ahmad Lawan ,") or foreign
    conventions ("VIP : 60,000₩" in a Korean page). WMT23 MQM German MT output: 0. WMT24
    news MT output into seven languages (judged in `benchmarks/judged/SP002.<lang>.tsv`): 6
    findings, all real (`skupina , infiltroval`).
    """
    text = doc.text
    candidates = [(start, b) for b in _marks_after_space(text)
                  if (start := _space_run_start(text, b)) is not None]
    if not candidates:
        return
    marks, prose = conventions(ctx), _prose_test(doc)
    for a, b in candidates:
        if _ignored(text, a, b, marks) or not prose(a):
            continue
        yield Hit(a, b + 1, f"Space before '{text[b]}': remove it",
                  Fix.replace(a, b, "", f"Remove the space before '{text[b]}'"))


def _marks_after_space(text: str) -> Iterator[int]:
    return (match.start() for match in _PUNCT_AFTER_SPACE.finditer(text))


def _space_run_start(text: str, mark: int) -> int | None:
    """Start of the spaces before ``text[mark]``; None unless a visible character precedes them."""
    start = mark - 1
    while start > 0 and text[start - 1] in _PUNCT_SPACES:
        start -= 1
    return None if start == 0 or text[start - 1].isspace() else start


def _ignored(text: str, start: int, at: int, marks: str) -> bool:
    """Whether the mark at ``at``, after spaces from ``start``, is not punctuation to report."""
    mark, after = text[at], at + 1
    if mark not in marks:
        return True
    if mark == "." and (text[after:after + 1] in (".", "…") or text[start - 1] == "."
                        or text[after:after + 2] == " ."):
        return True
    if mark in ":;" and _EMOTICON_TAIL.match(text, after):
        return True
    return not _AFTER_OK.match(text, after)

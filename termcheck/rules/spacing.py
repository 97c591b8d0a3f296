"""Spacing: doubled spaces inside a line, spaces before punctuation, and the (no-break) space
French wants before ; : ! ?."""

from __future__ import annotations

import re
from typing import Callable, Container, Iterator

from termcheck.context import Context
from termcheck.data import read_toml, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.lazyre import lazy
from termcheck.model import Fix, Hit
from termcheck.rules.registry import Option, rule

# A run of two or more spaces (SP001 wants visible characters on both sides).
_SPACE_RUN = re.compile(" {2,}")
# Spaces (or no-break spaces) before a punctuation mark (SP002 wants a visible character before).
_PUNCT_SPACES = " \u00a0\u202f"
_PUNCT_AFTER_SPACE = re.compile(f"[,.;:!?](?<=[{_PUNCT_SPACES}].)")
# What may follow the punctuation for it to be punctuation (not ".5", ".com", ":30", ":)").
_AFTER_OK = lazy(globals(), "_AFTER_OK", r"""(?:\s|$|["'»”’“)\]])""")
_EMOTICON_TAIL = re.compile(r"-?[()DPpOo3/|*\]\[]")
_FENCE = re.compile(r"^\s*(?:```|~~~)")


def is_layout_line(line: str) -> bool:
    """Whether aligned spacing in ``line`` is layout: a table row (a ``|``), indented code (four
    spaces first), or a tab anywhere. Three substring tests: a regex of these alternatives has
    no first character to look for, and tried a match at every offset (2 % of a lint)."""
    return line.startswith("    ") or "|" in line or "\t" in line


def _prose_test(doc: Document) -> Callable[[int], bool]:
    """Whether an offset lies in a prose line (see :func:`prose_lines`)."""
    text = doc.text
    if _may_hold_fence(text):
        starts = {start for start, _ in prose_lines(doc)}
        return lambda offset: doc.line_span(offset)[0] in starts

    verdicts: dict[int, bool] = {}  # per line: a line of 10,000 candidates is searched once

    def prose(offset: int) -> bool:
        start, end = doc.line_span(offset)
        if start not in verdicts:
            verdicts[start] = not is_layout_line(text[start:end])
        return verdicts[start]

    return prose


def _may_hold_fence(text: str) -> bool:
    """Whether ``text`` holds "```" or "~~~" (where a Markdown code fence may start). Each
    character is looked for alone first: a one-character search runs at memchr speed, a
    three-character one (with a text beyond Latin-1) about ten times slower, and news text
    rarely holds either character."""
    return ("`" in text and "```" in text) or ("~" in text and "~~~" in text)


def prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """``(start, line)`` of every line outside markdown code fences, tables and indented code."""
    fenced = False
    for start, end in doc.lines():
        line = doc.text[start:end]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and not is_layout_line(line):
            yield start, line


def _spacing_table(ctx: Context) -> dict[str, dict[str, str]]:
    """``glossaries/spacing/conventions.toml``, read and checked once per run: per language
    (or regional tag such as "fr-ca"), its settings; every table needs ``no_space_before``."""
    def load() -> dict[str, dict[str, str]]:
        path = shipped("spacing", "conventions.toml")
        try:
            return {lang: {key: str(v) for key, v in value.items()}
                    | {"no_space_before": str(value["no_space_before"])}
                    for lang, value in read_toml(path).items()}
        except (KeyError, TypeError, AttributeError):
            raise DataError("every table needs a 'no_space_before' string", str(path)) from None

    return ctx.resources.get(("spacing-conventions",), load)


def _setting(ctx: Context, key: str, default: str) -> str:
    """One setting of the target language's table (its regional tag first), else ``default``."""
    table = _spacing_table(ctx)
    return table.get(regional_key(ctx.lang, table), {}).get(key, default)


def conventions(ctx: Context) -> str:
    """The punctuation that takes no space before it in the target language."""
    fallback = _spacing_table(ctx).get("default", {}).get("no_space_before", ",.;:!?")
    return _setting(ctx, "no_space_before", fallback)


@rule("SP001", "doubled-space", "spacing", "Fluency/Spelling", fixable="always",
      trigger=("  ",))
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
    segments): 0.
    Judged by hand on unseen MT output (`benchmarks/judged/SP001.tsv`; WMT21 en→ru, de→fr,
    en→de and ru→en systems not tuned on, scrapinghub-aeb dev half): 4 findings, all real (two
    spaces between sentences inside a line): 4 of 4, too few for a percentage.
    WMT24 news MT output into seven languages (wmt24-news-multi, judged in
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


@rule("SP002", "space-before-punctuation", "spacing", "Fluency/Punctuation", fixable="always",
      trigger=_PUNCT_AFTER_SPACE)
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
    conventions ("VIP : 60,000₩" in a Korean page). WMT23 MQM German MT output: 0.
    Judged by hand on unseen MT output (`benchmarks/judged/SP002.tsv`; WMT21 en→ru, de→fr,
    ru→en systems not tuned on, scrapinghub-aeb dev half; 15 per set): 39 of 39 real, 100%
    (a space before a comma or full stop, often after a closing quote or a garbled mark).
    WMT24
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


# Triggers (see termcheck.rules.registry.rule): every mark that some language of the conventions
# table spaces (SP003, its ``space_before``) or pairs with an inverted one (SP004, its
# ``inverted``); a test checks that the table uses no other.
SPACED_MARKS = ";:!?"
INVERTED_MARKS = "¿?¡!"

# SP003: the spaces each house style accepts before ; : ! ? and the one its fix inserts.
FRENCH_SPACING = {"any": (" \u00a0\u202f", "\u00a0"), "no-break": ("\u00a0\u202f", "\u00a0"),
                  "narrow": ("\u202f", "\u202f")}
_SPACE_NAMES = {" ": "a space", "\u00a0": "a no-break space", "\u202f": "a narrow no-break space"}


def spaced_marks(ctx: Context) -> str:
    """The punctuation that takes a space before it in the target language (SP003)."""
    return _setting(ctx, "space_before", "")


def regional_key(lang: str | None, table: Container[str]) -> str:
    """The key of ``lang`` in a conventions table: the full tag when the table lists it
    ("fr-ca": Canadian French spaces only the colon), else the language ("fr")."""
    tag = (lang or "en").replace("_", "-").lower()
    return tag if tag in table else tag.split("-")[0]


def _house_style(ctx: Context) -> tuple[str, str]:
    return FRENCH_SPACING[ctx.option("french-spacing")]


@rule("SP003", "missing-space-before-punctuation", "spacing", "Locale convention",
      fixable="always",
      options={"french-spacing": Option(
          str, "any", "the space before ; : ! ? in French: any space, a no-break space, or a "
          "narrow no-break space", choices=tuple(FRENCH_SPACING))},
      trigger=SPACED_MARKS)
def missing_space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Hit]:
    """No space (or the wrong kind) before ; : ! ? in a language that spaces them (French).

    ## What it does
    In French (`space_before` in `glossaries/spacing/conventions.toml`), reports ; : ! ? glued
    to the word before (`Il a dit: non`) when the mark ends a clause (a space, the end of the
    line, a closing quote or bracket follows). Times (`14:30`), ratios, URLs (`https://`) and
    emoticons are not clauses and are left alone, as are tables and code. The house style is
    the option `french-spacing`: `any` (default) accepts a space, a no-break space or a narrow
    no-break space; `no-break` also reports a plain space (which lets the mark wrap alone onto
    the next line); `narrow` wants the narrow no-break space (U+202F) only.

    ## Why it matters
    Engines trained on English text drop the French space before double punctuation; the
    result reads as a foreign convention to French readers and editors.

    ## Example
    ```text
    Le ministre a prévenu: «Nous ne céderons pas!»
    ```
    Use instead: `Le ministre a prévenu : «Nous ne céderons pas !»` (with no-break spaces).

    ## Fix safety
    Safe: inserts a no-break space (a narrow one with `french-spacing = "narrow"`), or replaces
    the space found by the house style's; no other character is touched.

    ## Precision
    WMT21 de→fr MT output (wmt21-news-ru-fr, 9 systems, each file linted on its own): 433
    findings, 0 in the human reference and in the four systems that space these marks, 16-123
    in the five that glue them (English style); judged sample of 30 (`benchmarks/judged/
    SP003.fr.tsv`): 30/30 real.
    """
    marks = spaced_marks(ctx)
    if not marks or not any(mark in doc.text for mark in marks):
        return
    accepted, inserted = _house_style(ctx)
    prose = _prose_test(doc)
    text = doc.text
    for match in re.finditer(f"[{re.escape(marks)}]", text):
        at = match.start()
        if not _clause_end(text, at) or not prose(at):
            continue
        before = text[at - 1] if at > 0 else ""
        if before in accepted or before in "\r\n" or before == "" or before in marks:
            continue
        if before in _PUNCT_SPACES or before == "\t":
            yield Hit(at - 1, at + 1, f"{_SPACE_NAMES.get(before, 'a tab')} before '{text[at]}': "
                      f"the house style wants {_SPACE_NAMES[inserted]}",
                      Fix.replace(at - 1, at, inserted, "Use the house style's space"))
        elif before.isalnum() or before in "»”\")]’'":
            yield Hit(at, at + 1, f"No space before '{text[at]}': French puts "
                      f"{_SPACE_NAMES[inserted]} there",
                      Fix.replace(at, at, inserted, f"Insert {_SPACE_NAMES[inserted]}"))


def _clause_end(text: str, at: int) -> bool:
    """The mark ends a clause: a space, the end, a closing quote or bracket follows (not
    ``14:30``, ``https://``, ``:)``)."""
    after = text[at + 1:at + 2]
    if text[at] in ":;" and _EMOTICON_TAIL.match(text, at + 1) and after not in ("", " "):
        return False
    return after == "" or after.isspace() or after in "»”\")]’"


def inverted_pairs(ctx: Context) -> dict[str, str]:
    """``{closing: opening}`` marks of the target language (Spanish ``{"?": "¿", "!": "¡"}``)."""
    pairs = _setting(ctx, "inverted", "")
    return {pairs[i + 1]: pairs[i] for i in range(0, len(pairs) - 1, 2)}


_SENTENCE_END = re.compile(r"[.…](?=\s|$)|\n")


@rule("SP004", "unpaired-inverted-mark", "spacing", "Fluency/Punctuation", default=False,
      trigger=INVERTED_MARKS)
def unpaired_inverted_mark(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A Spanish question or exclamation without its opening ¿ or ¡ (or its closing ? or !).

    ## What it does
    In Spanish (`inverted` in `glossaries/spacing/conventions.toml`), pairs each ¿ with the
    next ? and each ¡ with the next ! of the same sentence, and reports a ? or ! that no ¿ or ¡
    opened (`Qué pasó?`) and a ¿ or ¡ that the sentence never closes. A question may start in the
    middle of a sentence (`Si llueve, ¿vendrás?`); a run such as `?!` closes both.

    ## Why it matters
    Engines translating from English drop the opening mark; Spanish readers then learn only at
    the end of the sentence that it was a question.

    ## Example
    ```text
    Qué hará el Gobierno ahora?
    ```
    Use instead: `¿Qué hará el Gobierno ahora?`

    ## Fix safety
    No fix: where the question begins is a matter of reading the sentence.

    ## Precision
    Not measured: the Spanish WMT24 news MT output (wmt24-news-multi, 8 systems) holds 7
    questions, every one paired, and no exclamation. Off by default until a judged sample
    exists; turn it on with `--extend-select SP004`.
    """
    pairs = inverted_pairs(ctx)
    if not pairs or not any(mark in doc.text for pair in pairs.items() for mark in pair):
        return
    for start, line in prose_lines(doc):
        yield from _unpaired_in_line(line, start, pairs)


def _unpaired_in_line(line: str, start: int, pairs: dict[str, str]) -> Iterator[Hit]:
    openers = {opening: closing for closing, opening in pairs.items()}
    pending: list[int] = []  # offsets of open ¿ ¡ in the current sentence
    for i, char in enumerate(line):
        if char in openers:
            pending.append(i)
        elif char in pairs:
            if i > 0 and line[i - 1] in pairs:
                continue  # the rest of a run such as ?! or ???
            wanted = {pairs[c] for c in _run(line, i, pairs)}
            matched = [p for p in pending if line[p] in wanted]
            if matched:
                pending = [p for p in pending if p not in matched]
            else:
                yield Hit(start + i, start + i + 1,
                          f"'{char}' without its opening '{pairs[char]}': Spanish opens "
                          "questions and exclamations too")
        elif _SENTENCE_END.match(line, i):
            yield from _unclosed(line, start, pending, openers)
            pending = []
    yield from _unclosed(line, start, pending, openers)


def _run(line: str, i: int, pairs: dict[str, str]) -> str:
    j = i
    while j < len(line) and line[j] in pairs:
        j += 1
    return line[i:j]


def _unclosed(line: str, start: int, pending: list[int],
              openers: dict[str, str]) -> Iterator[Hit]:
    for i in pending:
        yield Hit(start + i, start + i + 1,
                  f"'{line[i]}' is never closed by '{openers[line[i]]}' in this sentence")

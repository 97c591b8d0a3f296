"""Markdown files are checked as prose: code, front matter and HTML are skipped.

A Markdown document is parsed with markdown-it-py (CommonMark). Fenced and indented code blocks,
inline code, YAML/TOML front matter, HTML comments and tags, and the pipes and padding of tables
are *skipped regions*: the rules
see the text with those regions blanked (every character but line breaks becomes a space, so
offsets, lines and columns still point into the original file), and a finding that touches a
skipped region, or whose fix would edit one, is dropped. Fixes therefore never change code or
markup: ``clean`` keeps skipped regions byte for byte.

HTML comments also carry inline suppression, as in Vale::

    <!-- termcheck-disable QT006 -->   ... findings of QT006 are not reported here ...
    <!-- termcheck-enable -->

``termcheck-disable`` without codes disables every rule; codes are code prefixes (``QT``) or rule
names, separated by spaces or commas; ``termcheck-enable`` ends what it names (everything when it
names nothing). A region left open runs to the end of the file.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from markdown_it.token import Token

    from termcheck.document import Document
    from termcheck.model import Finding

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER = re.compile(r"(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_HTML_PIECE = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*>", re.S)
_DIRECTIVE = re.compile(r"<!--\s*termcheck-(disable|enable)\b(.*?)-->", re.S)
_CODE_RUN = re.compile(r"`+")
_RAW_BLOCK = re.compile(r"\s*<(?:pre|script|style|textarea)(?:\s|>|$)", re.I)
_TABLE_MARKUP = re.compile(r"^[ \t]+|[ \t]*(?<!\\)\|[ \t]*|[ \t]+(?=\r?\n|\r|\Z)", re.M)

Span = tuple[int, int]


def is_markdown(doc: Document) -> bool:
    """Whether ``doc`` is Markdown: ``meta["format"] == "markdown"`` or a Markdown file name."""
    fmt = doc.meta.get("format") if doc.meta else None
    if fmt is not None:
        return str(fmt).lower() in ("markdown", "md")
    # a Markdown file's name ends with its suffix: most names are told by that alone, the
    # rest by their extension (".md" alone is a hidden file's name, not an extension)
    path = os.fspath(doc.path)  # a library caller may give a path object
    return path.lower().endswith(MARKDOWN_SUFFIXES) and \
        os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES  # PurePath's: slower


@dataclass(frozen=True, eq=False, repr=False)
class Disabled:
    """Findings of ``codes`` (all codes when ``None``) starting in ``[start, end)`` are off."""

    start: int
    end: int
    codes: tuple[str, ...] | None

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.start < self.end:
            return False
        return self.codes is None or any(
            finding.code.upper().startswith(code.upper()) or finding.rule == code
            for code in self.codes)


@dataclass(frozen=True, eq=False, repr=False)
class ProseView:
    """The prose of a Markdown text: blanked text, skipped regions, disabled regions."""

    masked: str
    skipped: tuple[Span, ...]
    disabled: tuple[Disabled, ...] = ()

    def document(self, doc: Document) -> Document:
        """``doc`` with its skipped regions blanked (what the rules check)."""
        if not self.skipped:
            return doc
        return replace(doc, text=self.masked)

    def keeps(self, finding: Finding) -> bool:
        """False for a finding in or touching a skipped region, or in a disabled one."""
        spans = [(finding.start, finding.end)]
        if finding.fix is not None:
            spans += [(edit.start, edit.end) for edit in finding.fix.edits]
        if any(self._touches_skipped(start, end) for start, end in spans):
            return False
        return not any(region.covers(finding) for region in self.disabled)

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if self.keeps(f)]

    def _touches_skipped(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.skipped, (start, float("inf"))) - 1
        for left, right in self.skipped[max(index, 0):index + 2]:
            if start == end and left < start < right:
                return True
            if start < end and start < right and left < end:
                return True
        return False


def prose_view(text: str) -> ProseView:
    """Parse ``text`` as Markdown and find what is not prose (cached for the fix loop)."""
    return _prose_view(text)


@lru_cache(maxsize=64)
def _prose_view(text: str) -> ProseView:
    starts = _line_starts(text)
    front = _front_matter(text, starts)
    parsed = _blank(text, [front]) if front else text
    skipped: list[Span] = [front] if front else []
    comments: list[Span] = []
    inline_code: list[tuple[Span, str]] = []
    for token in _parser().parse(parsed):
        if token.map is None:
            continue
        block = (starts[token.map[0]], _line_start(starts, token.map[1], len(text)))
        if token.type in ("fence", "code_block"):
            skipped.append(block)
        elif token.type == "table_open":
            skipped += _table_markup(text, starts, token.map[0], token.map[1])
        elif token.type == "html_block" and _RAW_BLOCK.match(token.content):
            skipped.append(block)  # <pre>, <script>, <style>, <textarea>: code, not prose
        elif token.type == "html_block":
            pieces = [m.span() for m in _HTML_PIECE.finditer(text, *block)]
            skipped += pieces
            comments += [p for p in pieces if text.startswith("<!--", p[0])]
        elif token.type == "inline" and token.children:
            for span, kind in _inline_skips(text, block, token.children):
                skipped.append(span)
                if kind == "code_inline":
                    inline_code.append((span, kind))
                if kind == "html_inline" and text.startswith("<!--", span[0]):
                    comments.append(span)
    merged = _merge(skipped)
    masked = _blank(text, merged, words=[span for span, kind in inline_code])
    return ProseView(masked, tuple(merged),
                     tuple(_disabled(text, sorted(comments))))


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    # Only code spans, inline HTML and escapes matter here: links, emphasis and entities are
    # prose, and parsing them costs most of the time.
    parser.disable(["emphasis", "link", "image", "entity", "balance_pairs"])
    return parser


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _line_start(starts: list[int], line: int, length: int) -> int:
    return starts[line] if line < len(starts) else length


def _front_matter(text: str, starts: list[int]) -> Span | None:
    """``---`` (YAML) or ``+++`` (TOML) front matter on the first line, up to its closing line."""
    opening = _FRONT_MATTER.match(text)
    if opening is None:
        return None
    fence = opening.group().strip()
    closers = (fence, "...") if fence == "---" else (fence,)
    for index in range(1, len(starts)):
        end = _line_start(starts, index + 1, len(text))
        if text[starts[index]:end].strip() in closers:
            return 0, end
    return None


def _table_markup(text: str, starts: list[int], first: int, last: int) -> list[Span]:
    """The pipes and cell padding of a GFM table, and its whole delimiter row (line 2)."""
    spans: list[Span] = []
    for line in range(first, last):
        start, end = starts[line], _line_start(starts, line + 1, len(text))
        if line == first + 1:
            spans.append((start, end))
            continue
        spans += [m.span() for m in _TABLE_MARKUP.finditer(text, start, end)]
    return spans


def _inline_skips(text: str, block: Span, children: Sequence[Token]) -> list[tuple[Span, str]]:
    """Where each inline code span and inline HTML of a paragraph sits in ``text``.

    markdown-it gives line maps for blocks only, so inline pieces are found in order in the
    block's source: HTML verbatim, code spans by their backtick runs (not escaped ones).
    """
    found: list[tuple[Span, str]] = []
    cursor = block[0]
    for child in children:
        span: Span | None = None
        if child.type == "html_inline":
            at = text.find(child.content, cursor, block[1])
            span = (at, at + len(child.content)) if at >= 0 else None
        elif child.type == "code_inline":
            span = _code_span(text, cursor, block[1], len(child.markup))
        if span is not None:
            found.append((span, child.type))
            cursor = span[1]
    return found


def _code_span(text: str, start: int, end: int, ticks: int) -> Span | None:
    opening = _backtick_run(text, start, end, ticks, unescaped=True)
    if opening is None:
        return None
    closing = _backtick_run(text, opening[1], end, ticks, unescaped=False)
    return (opening[0], closing[1]) if closing else None


def _backtick_run(text: str, start: int, end: int, ticks: int, unescaped: bool) -> Span | None:
    for match in _CODE_RUN.finditer(text, start, end):
        if len(match.group()) != ticks:
            continue
        if unescaped and _escaped(text, match.start()):
            continue
        return match.span()
    return None


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _blank(text: str, spans: Iterable[Span], words: Iterable[Span] = ()) -> str:
    """``text`` with every character of ``spans`` but line breaks replaced by a space, and
    those of ``words`` (inline code, which reads as a word of the sentence) by ``x``."""
    chars = list(text)
    for fill, regions in ((" ", spans), ("x", words)):
        for start, end in regions:
            for index in range(start, end):
                if chars[index] not in "\r\n":
                    chars[index] = fill
    return "".join(chars)


def _disabled(text: str, comments: list[Span]) -> list[Disabled]:
    """The regions that ``termcheck-disable`` / ``termcheck-enable`` comments switch off."""
    regions: list[Disabled] = []
    open_all: int | None = None
    open_codes: dict[str, int] = {}
    for start, end in comments:
        directive = _DIRECTIVE.fullmatch(text, start, end)
        if directive is None:
            continue
        codes = [c for c in re.split(r"[\s,]+", directive.group(2).strip()) if c]
        if directive.group(1) == "disable":
            if not codes:
                open_all = end if open_all is None else open_all
            for code in codes:
                open_codes.setdefault(code, end)
            continue
        if not codes and open_all is not None:
            regions.append(Disabled(open_all, start, None))
            open_all = None
        for code in codes or list(open_codes):
            if code in open_codes:
                regions.append(Disabled(open_codes.pop(code), start, (code,)))
    if open_all is not None:
        regions.append(Disabled(open_all, len(text), None))
    regions += [Disabled(since, len(text), (code,)) for code, since in open_codes.items()]
    return regions


def structure_kept(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """The fixes of ``findings`` that leave every skipped region as it is, taken in order.

    A fix outside code can still change what is code: removing a ``)`` before a backtick run
    at the start of a line makes it open a fence. Such a fix is left out (it stays a finding).
    """
    from termcheck.edits import apply_edits

    before = _skipped_texts(text)

    def kept(chosen: list[Finding]) -> bool:
        edits = sorted((e for f in chosen for e in f.fix.edits),  # type: ignore[union-attr]
                       key=lambda e: (e.start, e.end))
        return _skipped_texts(apply_edits(text, edits)) == before

    if kept(list(findings)):
        return list(findings)
    taken: list[Finding] = []
    for finding in findings:
        if kept([*taken, finding]):
            taken.append(finding)
    return taken


def _skipped_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in prose_view(text).skipped]

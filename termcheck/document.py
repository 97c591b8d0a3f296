"""Document: bytes decoded to text, with everything needed to write it back faithfully."""

from __future__ import annotations

import bisect
import codecs
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import accumulate
from typing import Callable, Iterable, Iterator, NamedTuple, cast

from termcheck.errors import InputError
from termcheck.formats import unsupported_format
from termcheck.lazyre import lazy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_CHARS = " \t\u00a0\u3000"  # a line of these only is blank
# A line that ends like this closes its paragraph even when the next line is not blank.
# Sentence ends of every script: also the full-width marks of Chinese and Japanese (。！？；：
# 」』）) and the Devanagari danda (। ॥).
_PARAGRAPH_END = lazy(globals(), "_PARAGRAPH_END",
                      r"""[.!?:;…»«“”„"')\]。！？；：」』）।॥]\s*$|^\s*$""")
_PARAGRAPH_END_CHARS = frozenset(".!?:;…»«“”„\"')]。！？；：」』）।॥")
_ENDS_OR_BLANK = _PARAGRAPH_END_CHARS | {""}  # the last character of a rstripped line that
# ends its paragraph ("" for a line of spaces only)
BINARY_SNIFF_BYTES = 8192


def _utf16_hint(data: bytes) -> str:
    """A hint when NUL bytes sit in every other byte, as in UTF-16 text without a BOM."""
    sample = data[:BINARY_SNIFF_BYTES]
    half = len(sample) // 2
    for name, nuls, other in (("utf-16-le", sample[1::2], sample[0::2]),
                              ("utf-16-be", sample[0::2], sample[1::2])):
        if half >= 2 and nuls.count(0) >= 0.6 * half and other.count(0) <= 0.05 * half:
            return f"; it looks like {name} without a BOM: use --encoding {name}"
    return ""


def _lookup_problem(encoding: str, errors: str) -> str:
    """Which of ``encoding`` and ``errors`` Python does not know."""
    try:
        codecs.lookup_error(errors)
    except LookupError:
        return f"unknown decoding error handler {errors!r} (use strict, replace or ignore)"
    return f"unknown encoding {encoding!r}"


def ends_paragraph(line: str) -> bool:
    """What ``_PARAGRAPH_END.search(line)`` says, without a regex scan of the whole line."""
    stripped = line.rstrip()
    return not stripped or stripped[-1] in _PARAGRAPH_END_CHARS


class Paragraph(NamedTuple):
    """A paragraph: its text and where it starts in the document.

    A named tuple, immutable as the frozen dataclass it was (and, as a tuple, equal to the
    tuple of its fields): every document makes one per line or so, and the dataclass's
    ``__init__`` cost about 4,000 instructions a paragraph (the real benchmark's 11,000
    paragraphs: 140 → 95M instructions for this alone, made by :data:`_as_paragraph`)."""

    start: int
    end: int
    text: str


# A Paragraph from a tuple (start, end, text): tuple.__new__ called at C level, without the
# named tuple's own __new__, a Python function
_as_paragraph = cast(Callable[[tuple[int, int, str]], Paragraph],
                     partial(tuple.__new__, Paragraph))


@dataclass
class Document:
    """Decoded text plus encoding, BOM, newline style and final newline of the source bytes.

    ``text`` is exactly the decoded content without the BOM: line breaks are not translated, so
    offsets into ``text`` are offsets into the file's characters and writing back is lossless.
    """

    text: str
    path: str = "<text>"
    encoding: str = "utf-8"
    bom: bytes = b""
    lang: str | None = None
    meta: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>", encoding: str | None = None,
                   errors: str = "strict") -> Document:
        """Decode ``data``; raise :class:`InputError` for binary or undecodable input."""
        unsupported = unsupported_format(data, path)
        if unsupported is not None:
            raise InputError(unsupported, path, code="TC-FORMAT")
        bom, detected = _sniff_bom(data)
        if encoding is None:
            encoding = detected or "utf-8"
            # the byte as an int: ``b"\x00" in`` first tries the bytes as an int, and pays for
            # the error it raises (about 2,500 instructions, twice per document in a corpus run)
            if not bom and 0 in data[:BINARY_SNIFF_BYTES]:
                raise InputError("binary file (NUL bytes), skipped" + _utf16_hint(data), path,
                                 code="TC-BINARY")
        else:
            encoding = _without_bom(encoding, detected if bom else None)
        try:
            text = data[len(bom):].decode(encoding, errors) if data else \
                b"x".decode(encoding, "replace")[:0]  # an unknown codec is an error here too
        except UnicodeDecodeError as exc:
            offset = exc.start + len(bom)
            raise InputError(
                f"not valid {exc.encoding} at byte {offset} (0x{data[offset]:02x}); "
                "use --encoding or --encoding-errors replace",
                path, code="TC-DECODE") from None
        except LookupError:
            raise InputError(_lookup_problem(encoding, errors), path, code="TC-DECODE") from None
        except UnicodeError as exc:  # a codec without positions (punycode, idna)
            raise InputError(f"not valid {encoding}: {exc.__cause__ or exc}", path,
                             code="TC-DECODE") from None
        return cls(text=text, path=path, encoding=encoding, bom=bom)

    def to_bytes(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this document's) with the original encoding and BOM."""
        return self.bom + (self.text if text is None else text).encode(self.encoding)

    @cached_property
    def newline(self) -> str:
        """The dominant line break ("\\n", "\\r\\n" or "\\r"); "\\n" when there is none."""
        counts: dict[str, int] = {}
        for match in _LINE_BREAK.finditer(self.text):
            counts[match.group()] = counts.get(match.group(), 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else "\n"

    @property
    def final_newline(self) -> bool:
        return self.text.endswith(("\n", "\r"))

    @cached_property
    def line_starts(self) -> list[int]:
        if "\r" in self.text:
            return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        lengths = map(len, self.text.split("\n")[:-1])  # each line and its "\n": one more
        return list(accumulate(map((1).__add__, lengths), initial=0))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def lines(self) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of every line, without its line break."""
        starts = self.line_starts
        text = self.text
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            if i + 1 == len(starts) and start == len(text) and i > 0:
                return
            yield start, end

    def line_span(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the line that contains ``offset``, without its line break."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def spans_of_lines(self, numbers: Iterable[int]) -> list[tuple[int, int]]:
        """``(start, end)`` of each of the lines ``numbers`` (0-based, as :attr:`line_starts`
        counts them), each with its line break (a glossary scan of only those lines)."""
        starts, size = self.line_starts, len(self.text)
        return [(starts[line], starts[line + 1] if line + 1 < len(starts) else size)
                for line in numbers]

    def line_with_break(self, start: int) -> tuple[int, int]:
        """``(start, end)`` of the line starting at ``start``, including its line break."""
        index = bisect.bisect_right(self.line_starts, start) - 1
        line_start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.text)
        return line_start, end

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs: runs of non-blank lines, split where a line ends a sentence.

        Scraped articles put one paragraph per line; hand-wrapped text continues a paragraph on
        the next line. A line joins the next one only when it does not end like a paragraph does.
        A paragraph of one line has that line's text (no slice copies it again).
        """
        result: list[Paragraph] = []
        text = self.text
        first: int | None = None  # start of the paragraph being read
        last_end = 0  # end of its last line
        # as lines(); "\r" looked for once, not by two replacements over the text
        lines = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text
                 else text).split("\n")
        # ends_paragraph and _paragraph written out: two calls fewer per line of every document
        for start, line in zip(self.line_starts, lines):
            if not line.strip(_BLANK_CHARS):
                if first is not None:
                    result.append(_as_paragraph((first, last_end, text[first:last_end])))
                first = None
                continue
            if first is None:
                first = start
            last_end = start + len(line)
            if line.rstrip()[-1:] in _ENDS_OR_BLANK:  # a paragraph of this line alone: its text
                result.append(_as_paragraph((first, last_end, line if first == start
                                             else text[first:last_end])))
                first = None
        if first is not None:
            result.append(_as_paragraph((first, last_end, text[first:last_end])))
        return result

    def _paragraph(self, start: int, end: int) -> Paragraph:
        return Paragraph(start, end, self.text[start:end])

    def excerpt(self, start: int, end: int, width: int = 60) -> tuple[str, int]:
        """A one-line excerpt around ``[start, end)`` and where ``start`` falls in it."""
        line_start, line_end = self.line_span(start)
        return self._excerpt(start, end, line_start, line_end, width)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, str, int]:
        """``line_col(start) + line_col(end) + excerpt(start, end)`` at the cost of one search
        of the line table (two when the span crosses a line break): what a finding needs."""
        starts = self.line_starts
        text = self.text
        index = bisect.bisect_right(starts, start) - 1
        line_start = starts[index]
        next_start = starts[index + 1] if index + 1 < len(starts) else len(text)
        end_index = index if end < next_start else bisect.bisect_right(starts, end) - 1
        line_end = next_start
        while line_end > line_start and text[line_end - 1] in "\r\n":
            line_end -= 1
        # _excerpt(start, end, line_start, line_end, 60), written out: one call and four
        # min/max calls fewer for each of the (often thousands of) findings of a run
        stop = start if end < start else end
        if stop > line_end:
            stop = line_end
        left = start - 30 if start - 30 > line_start else line_start
        right = stop + 30 if stop + 30 < line_end else line_end
        excerpt = text[left:right]
        if left > line_start:
            excerpt = "…" + excerpt
        if right < line_end:
            excerpt += "…"
        return (index + 1, start - line_start + 1, end_index + 1, end - starts[end_index] + 1,
                excerpt, start - left + (left > line_start))

    def _excerpt(self, start: int, end: int, line_start: int, line_end: int, width: int
                 ) -> tuple[str, int]:
        end = min(max(end, start), line_end)
        left = max(line_start, start - width // 2)
        right = min(line_end, end + width // 2)
        prefix = "…" if left > line_start else ""
        suffix = "…" if right < line_end else ""
        return prefix + self.text[left:right] + suffix, len(prefix) + start - left


_ORDER = "le" if sys.byteorder == "little" else "be"
# Codecs that write a BOM of their own: what they read without one (Python's default), and the
# BOM-less codecs of the BOMs they accept.
_BOM_WRITING = {
    "utf-8-sig": ("utf-8", ("utf-8",)),
    "utf-16": (f"utf-16-{_ORDER}", ("utf-16-le", "utf-16-be")),
    "utf-32": (f"utf-32-{_ORDER}", ("utf-32-le", "utf-32-be")),
}


def _without_bom(encoding: str, detected: str | None) -> str:
    """A codec the user named, as one that never writes a BOM (ours is kept apart in ``bom``):
    ``utf-8-sig`` reads and writes as ``utf-8``, ``utf-16`` in the BOM's or the native order."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding  # reported when decoding
    if name not in _BOM_WRITING:
        return encoding
    default, with_bom = _BOM_WRITING[name]
    return detected if detected in with_bom else default


# The first byte of each of _BOMS: a text starting with any other (most) has no BOM, told by
# one look-up instead of five prefix tests
_BOM_FIRST_BYTES = frozenset(bom[0] for bom, _ in _BOMS)


def _sniff_bom(data: bytes) -> tuple[bytes, str | None]:
    if not data or data[0] not in _BOM_FIRST_BYTES:
        return b"", None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return b"", None

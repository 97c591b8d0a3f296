"""Document: faithful decoding, line/column arithmetic, paragraphs."""

from __future__ import annotations

import codecs

import pytest

from termcheck.document import Document, Paragraph
from termcheck.errors import InputError


@pytest.mark.parametrize("data", [
    b"plain\n",
    b"no final newline",
    b"crlf\r\nlines\r\n",
    b"old mac\rlines\r",
    codecs.BOM_UTF8 + "bom «text»\n".encode(),
    codecs.BOM_UTF16_LE + "utf-16 „Text“\r\n".encode("utf-16-le"),
    b"",
])
def test_bytes_round_trip_exactly(data: bytes) -> None:
    assert Document.from_bytes(data).to_bytes() == data


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_every_bom_is_recognised_and_kept(bom: bytes, codec: str) -> None:
    data = bom + "Zürich „Text“\n".encode(codec)
    doc = Document.from_bytes(data)
    assert (doc.text, doc.bom, doc.to_bytes()) == ("Zürich „Text“\n", bom, data)


def test_remembers_encoding_bom_newline_and_final_newline() -> None:
    doc = Document.from_bytes(codecs.BOM_UTF8 + b"a\r\nb\r\nc")
    assert (doc.encoding, doc.bom, doc.newline, doc.final_newline) == \
        ("utf-8", codecs.BOM_UTF8, "\r\n", False)
    assert doc.text == "a\r\nb\r\nc"


def test_binary_and_invalid_utf8_are_clear_errors() -> None:
    with pytest.raises(InputError, match="binary"):
        Document.from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "x.png")
    with pytest.raises(InputError, match=r"byte 3 \(0xff\)") as info:
        Document.from_bytes(b"abc\xffdef", "bad.txt")
    assert str(info.value).startswith("bad.txt: ")


def test_replace_errors_decode_anyway() -> None:
    assert Document.from_bytes(b"abc\xff", errors="replace").text == "abc\ufffd"


@pytest.mark.parametrize("text", ["a\nbc\r\nd\re", "\n\n", "x", "", "tail\n"])
def test_line_col_agrees_with_offsets(text: str) -> None:
    doc = Document(text)
    for offset in range(len(text) + 1):
        line, column = doc.line_col(offset)
        assert doc.line_starts[line - 1] + column - 1 == offset


def test_lines_exclude_breaks() -> None:
    doc = Document("one\r\ntwo\n\nthree\n")
    assert [doc.text[s:e] for s, e in doc.lines()] == ["one", "two", "", "three"]


def test_paragraphs_are_lines_unless_hand_wrapped() -> None:
    doc = Document("Title\n\nFirst sentence. Second one.\nNext paragraph here.\n"
                   "A wrapped line that goes on\nand ends here.\n")
    assert [p.text for p in doc.paragraphs] == [
        "Title", "First sentence. Second one.", "Next paragraph here.",
        "A wrapped line that goes on\nand ends here."]
    for paragraph in doc.paragraphs:
        assert doc.text[paragraph.start:paragraph.end] == paragraph.text


def test_paragraphs_text_is_their_span_whatever_the_line_breaks() -> None:
    for text in ["One.\r\nTwo\r\nthree.\r\n\r\nFour", "One.\rTwo\rthree.", " \u00a0\n Sp. \nx",
                 "Head\n\nP one.\nP two\nthree.", "", "\n\n", "a"]:
        doc = Document(text)
        for paragraph in doc.paragraphs:
            start, end, paragraph_text = paragraph
            assert paragraph_text == text[start:end]
            assert type(paragraph) is Paragraph


def test_excerpt_marks_where_the_span_starts() -> None:
    doc = Document("x" * 100 + " dpa) " + "y" * 100)
    excerpt, start = doc.excerpt(104, 105)
    assert excerpt[start] == ")"
    assert excerpt.startswith("…") and excerpt.endswith("…")


def test_spans_of_lines_hold_each_line_with_its_break() -> None:
    doc = Document("one\r\ntwo\rthree\nfour")
    assert doc.spans_of_lines([0, 2, 3]) == [(0, 5), (9, 15), (15, 19)]
    assert [doc.line_with_break(start) for start, _ in doc.spans_of_lines(range(4))] == \
        doc.spans_of_lines(range(4))

"""Office, PDF and HTML inputs: a line naming the format and how to convert it."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path, PurePath

import pytest
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.document import Document
from termcheck.errors import InputError
from termcheck.formats import _EXTENSIONS, _HOW, suffix, unsupported_format


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(("name", "data", "format_name", "tool"), [
    ("report.docx", DOCX, "Word (.docx)", "pandoc"),
    ("renamed.txt", DOCX, "Word (.docx)", "pandoc"),
    ("report.odt", ODT, "OpenDocument text (.odt)", "pandoc"),
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "PDF", "pdftotext"),
    ("page.html", b"<p>Hello</p>", "HTML", "pandoc"),
    ("page.txt", b"\n  <!DOCTYPE html>\n<html><body>Hi</body></html>", "HTML", "pandoc"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "legacy Word (.doc)", "soffice"),
])
def test_format_is_named_with_how_to_convert(name: str, data: bytes, format_name: str,
                                             tool: str) -> None:
    with pytest.raises(InputError) as caught:
        Document.from_bytes(data, name)
    assert caught.value.code == "TC-FORMAT"
    assert caught.value.message.startswith(f"{format_name} file, not plain text")
    assert tool in caught.value.message and "\n" not in caught.value.message


def test_plain_text_mentioning_html_is_text() -> None:
    doc = Document.from_bytes(b"The <html> tag and %PDF- are words here.\n", "a.txt")
    assert doc.text.startswith("The <html>")


def test_cli_prints_one_line_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(DOCX)
    (tmp_path / "b.txt").write_text("Fine text.\n")
    done = CliRunner().invoke(app, ["lint", "--isolated", str(tmp_path / "a.docx"),
                                    str(tmp_path / "b.txt")])
    assert f"{tmp_path / 'a.docx'}: TC-FORMAT Word (.docx) file, not plain text" in done.output
    assert "NUL" not in done.output and "Traceback" not in done.output
    assert done.exit_code == 1


def test_a_file_s_suffix_is_the_one_pathlib_gives() -> None:
    """Formats are also told by the file name's suffix, taken without making a path object:
    the same suffix as ``PurePath(path).suffix`` for every path of up to five pieces (a name
    ending in a dot has none, as pathlib had it before Python 3.14)."""
    pieces = ["a", ".", "/", "pdf", "..", " "]
    for count in range(1, 6):
        for path in map("".join, itertools.product(pieces, repeat=count)):
            expected = PurePath(path).suffix
            assert suffix(path) == ("" if expected == "." else expected), path


def test_a_format_named_by_extension_is_found_whatever_the_path_s_shape() -> None:
    """A path is told to end in no format's extension by its end alone; every path of up to
    five pieces (dots, separators, upper case) gets the format its suffix names."""
    pieces = ["a", ".", "/", "pdf", "PDF", "htm", "l", "..", "tar.gz"]
    for count in range(1, 6):
        for path in map("".join, itertools.product(pieces, repeat=count)):
            name = unsupported_format(b"text", path)
            expected = _EXTENSIONS.get(suffix(path).lower())
            assert name == (None if expected is None else
                            f"{expected} file, not plain text: {_HOW[expected]}"), path

    # a library caller may give a path object
    assert unsupported_format(b"text", Path("a.pdf")) == unsupported_format(b"text", "a.pdf")
    assert Document.from_bytes(b"text", Path("a.txt")).text == "text"  # type: ignore[arg-type]


SIGNATURE_STARTS = [b"%PDF-", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"\x1f\x8b",
                    b"PK\x03\x04", b"<html", b"<!DOCTYPE html", b"\xef\xbb\xbf<html",
                    b" \t\r\n<html"]


@pytest.mark.parametrize("start", SIGNATURE_STARTS)
def test_every_first_byte_that_can_start_a_known_format_is_looked_at(start: bytes) -> None:
    """A text whose first byte starts no known format is told plain text by that byte alone:
    each signature, even after a BOM or white space, still gets its full test."""
    assert unsupported_format(start + b"\x00 rest", "a.txt") is not None


def test_a_text_starting_with_any_other_byte_is_plain_text() -> None:
    skipped_before_html = set(b"\xef\xbb\xbf \t\r\n")  # a BOM's bytes and white space
    starts = {start[0] for start in SIGNATURE_STARTS} | skipped_before_html
    for first in set(range(256)) - starts:
        assert unsupported_format(bytes([first]) + b"<html>", "a.txt") is None, first

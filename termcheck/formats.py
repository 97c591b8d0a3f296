"""Document formats termcheck does not read: named, with how to turn them into text.

A ``.docx`` or a PDF given to ``lint`` is not "binary file (NUL bytes)": the user needs to hear
which format it is and which command extracts its text. Formats are recognised by their magic
bytes first (a renamed file is still found) and by the file name's extension second.
"""

from __future__ import annotations

import os
from pathlib import PurePath

_HOW = {
    "PDF": "extract its text first, e.g. 'pdftotext -layout FILE.pdf FILE.txt' (poppler-utils)",
    "Word (.docx)": "convert it to text first, e.g. 'pandoc FILE.docx -t plain -o FILE.txt'",
    "OpenDocument text (.odt)": "convert it to text first, e.g. "
                                "'pandoc FILE.odt -t plain -o FILE.txt'",
    "legacy Word (.doc)": "convert it to text first, e.g. "
                          "'soffice --headless --convert-to txt FILE.doc'",
    "RTF": "convert it to text first, e.g. 'pandoc FILE.rtf -t plain -o FILE.txt'",
    "HTML": "extract the article text first, e.g. 'pandoc FILE.html -t plain -o FILE.txt' "
            "(or a boilerplate remover such as trafilatura)",
    "EPUB": "convert it to text first, e.g. 'pandoc FILE.epub -t plain -o FILE.txt'",
    "ZIP archive": "unpack it and check the text files inside",
    "gzip archive": "decompress it first ('gunzip FILE.gz')",
}
_EXTENSIONS = {
    ".pdf": "PDF", ".docx": "Word (.docx)", ".odt": "OpenDocument text (.odt)",
    ".doc": "legacy Word (.doc)", ".rtf": "RTF", ".html": "HTML", ".htm": "HTML",
    ".xhtml": "HTML", ".epub": "EPUB", ".zip": "ZIP archive", ".gz": "gzip archive",
}
_HTML_STARTS = (b"<!doctype html", b"<html")
_HTML_SKIPPED = b"\xef\xbb\xbf \t\r\n"  # a BOM's bytes and white space before an HTML start


def unsupported_format(data: bytes, path: str | os.PathLike[str]) -> str | None:
    """A one-line message naming the format of ``data`` and how to get its text, or ``None``
    for input that is (or may be) plain text."""
    path = os.fspath(path)  # a library caller may give a path object
    name = _by_magic(data) or _by_extension(path)
    if name is None:
        return None
    return f"{name} file, not plain text: {_HOW[name]}"


_EXTENSION_ENDS = tuple(_EXTENSIONS)


def _by_extension(path: str) -> str | None:
    """The format :data:`_EXTENSIONS` names by ``path``'s suffix. A path ending in none of
    them is told by that alone, unless it ends in a dot or a separator (where :func:`suffix`
    asks pathlib, which reads "a.pdf/" as "a.pdf"); otherwise a suffix is the end of the path."""
    if not path.lower().endswith(_EXTENSION_ENDS) and not path.endswith((".", "/", os.sep)):
        return None
    return _EXTENSIONS.get(suffix(path).lower())


def suffix(path: str) -> str:
    """``PurePath(path).suffix`` (".pdf" of "a/b.pdf", "" of ".pdf" or "a." as before Python
    3.14, whose pathlib gives "." there: no format's extension either way), without making a
    path object (4.5 of the 9 µs of decoding a small document, which every document goes
    through twice in a corpus run)."""
    name = os.path.basename(path)
    if name in ("", ".", ".."):  # a path ending in a separator or a dot: as pathlib parses it
        return PurePath(path).suffix
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


# The first byte of each signature below, and the bytes that may come before an HTML file's
# "<": a text starting with any other byte (most do, with a letter) is no known format, told
# by one look-up instead of five prefix tests and a lower-cased copy of its first 512 bytes.
_SIGNATURE_FIRST_BYTES = frozenset(b"%\xd0{\x1fP<" + _HTML_SKIPPED)


def _by_magic(data: bytes) -> str | None:
    if not data or data[0] not in _SIGNATURE_FIRST_BYTES:
        return None
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "legacy Word (.doc)"
    if data.startswith(b"{\\rtf"):
        return "RTF"
    if data.startswith(b"\x1f\x8b"):
        return "gzip archive"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:512].lstrip(_HTML_SKIPPED).lower()
    if head.startswith(_HTML_STARTS):
        return "HTML"
    return None


def _zip_kind(data: bytes) -> str:
    """Office documents are ZIP archives: tell them apart by the parts they hold."""
    import zipfile
    from io import BytesIO

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return "ZIP archive"
    if "word/document.xml" in names:
        return "Word (.docx)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "OpenDocument text (.odt)"
    if mimetype.startswith(b"application/epub+zip"):
        return "EPUB"
    return "ZIP archive"

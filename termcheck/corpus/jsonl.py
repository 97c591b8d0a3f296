"""JSON Lines corpora: one document per line, read and written as a stream.

A record is a JSON object with the document's text in a field (``text`` unless told otherwise);
its other fields (``id``, ``lang``, ``url`` ...) travel with the document in ``Document.meta``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

from termcheck.document import BINARY_SNIFF_BYTES, Document
from termcheck.errors import TermcheckError
from termcheck.fileio import dumps_json, new_file_mode
from termcheck.model import FileProblem

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` is JSONL, by its name's suffix (a file's path ends with its
    name)."""
    return os.fspath(path).lower().endswith(JSONL_SUFFIXES)


# in a document's meta: why the record cannot be checked (no string text field, an id that is
# neither a string nor a number); ``clean`` writes it back as it was, with this problem
NO_TEXT = "no_text"


def id_of(value: Any) -> str | None:
    """A record's id as text: a string as it is, a number as its JSON text; ``None`` when the
    field is missing or JSON ``null`` (the caller's fallback, ``FILE#LINE``, names the record).
    A boolean, an object or an array names no record: :class:`ValueError`, whose message is the
    record's problem, as for a text field that is not a string."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, JsonNumber) or (isinstance(value, (int, float))
                                         and not isinstance(value, bool)):
        return json.dumps(value) if isinstance(value, float) else str(value)
    kind = {bool: "a boolean", dict: "an object", list: "an array"}.get(type(value), "not text")
    raise ValueError(f"is {kind}: an id is a string or a number")


def iter_jsonl(path: Path, display: str, text_field: str = "text", id_field: str = "id",
               default_id: str | None = None, keep_records: bool = False
               ) -> Iterator[Document | FileProblem]:
    """Yield a document per record of a JSONL file, and a problem naming file and line per bad one.

    The file is read line by line, so its size does not matter. A document's path is
    ``FILE#LINE``; ``meta`` holds ``id`` (the record's ``id_field``, else ``default_id#LINE``),
    ``line``, ``record`` (the whole record, as read) and ``text_field``. With ``keep_records``
    (``clean``), a record without a string text field is still a document, empty, whose
    ``meta[NO_TEXT]`` holds the problem, so that it can be written back in its place.
    """
    for number, item in iter_records(path, display, exact_numbers=True):
        if isinstance(item, FileProblem):
            yield item
            continue
        fallback = f"{default_id or display}#{number}"
        record_id, problem = _id_and_problem(item, text_field, id_field)
        if problem is not None:
            if keep_records:
                yield Document(text="", path=f"{display}#{number}",
                               meta={"id": record_id or fallback, "line": number,
                                     "record": item, "text_field": text_field, NO_TEXT: problem})
            else:
                yield FileProblem(f"{display}:{number}", "TC-JSONL", problem)
            continue
        lang = item.get("lang")
        yield Document(  # the record stays whole: written back field by field
            text=item[text_field], path=f"{display}#{number}",
            lang=lang if isinstance(lang, str) and lang else None,
            meta={"id": record_id or fallback, "line": number, "record": item,
                  "text_field": text_field})


def _id_and_problem(record: dict[str, Any], text_field: str, id_field: str
                    ) -> tuple[str | None, str | None]:
    """The record's id (``None``: use the fallback) and why it cannot be checked (``None``: it
    can): its text field is not a string, or its id field names no record."""
    try:
        record_id = id_of(record.get(id_field))
    except ValueError as exc:
        return None, f"field {id_field!r} (--id-field) {exc}"
    if not isinstance(record.get(text_field), str):
        return record_id, f"no string field {text_field!r} (--text-field)"
    return record_id, None


def iter_records(path: Path, display: str, exact_numbers: bool = False
                 ) -> Iterator[tuple[int, dict[str, Any] | FileProblem]]:
    """``(line number, record)`` per non-blank line, a problem naming ``display:LINE`` for a bad
    one (and one problem for a file that cannot be opened); read line by line.

    ``exact_numbers``: numbers that a float would change (``0.1``, ``1e400``, ``-0``) are kept as
    :class:`JsonNumber` (their text), so :func:`dumps_record` writes them as they were.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield 0, FileProblem(display, "TC-UNREADABLE", f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        if b"\x00" in stream.read(BINARY_SNIFF_BYTES).lstrip().split(b"\n", 1)[0]:
            yield 1, FileProblem(display, "TC-BINARY", "binary file (NUL bytes), skipped")
            return  # sniffed: a file of NULs without a line break is not read as one line
        stream.seek(0)
        first = True
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            if first and b"\x00" in raw:  # not JSON text: /bin/ls, UTF-16 without BOM...
                yield number, FileProblem(display, "TC-BINARY", "binary file (NUL bytes), skipped")
                return
            first = False
            yield number, _record(raw, f"{display}:{number}", exact_numbers)


def _record(raw: bytes, where: str, exact_numbers: bool = False
            ) -> dict[str, Any] | FileProblem:
    try:
        line = raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        return FileProblem(where, "TC-DECODE", f"not valid UTF-8 at byte {exc.start} of the line")
    try:
        record = json.loads(line, **(_EXACT if exact_numbers else {}))
    except json.JSONDecodeError as exc:
        return FileProblem(where, "TC-JSONL", f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return FileProblem(where, "TC-JSONL", "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return FileProblem(where, "TC-JSONL", "a record must be a JSON object")
    if line.count("[") + line.count("{") > MAX_DEPTH and _depth(record) > MAX_DEPTH:
        return FileProblem(where, "TC-JSONL", f"nested more than {MAX_DEPTH} levels deep "
                           "(a record travels between processes and into outputs)")
    if _SURROGATE_ESCAPE.search(line):
        lone = lone_surrogate(record)
        if lone is not None:
            return FileProblem(where, "TC-DECODE", f"lone surrogate \\u{ord(lone):04x} (an "
                               "escape that is not valid Unicode text)")
    return record


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A JSON number kept as written (a float would round it, ``1e400`` would be infinite)."""

    text: str

    def __str__(self) -> str:
        return self.text


def _exact_int(text: str) -> int | JsonNumber:
    return JsonNumber(text) if text == "-0" else int(text)  # ints are exact, but for -0


_EXACT: dict[str, Any] = {"parse_float": JsonNumber, "parse_int": _exact_int,
                          "parse_constant": JsonNumber}
# stands in for a JsonNumber while dumping: 8 random bytes, as secrets.token_hex(8) makes them
# (importing secrets loads hmac and OpenSSL's libcrypto: ~3 ms of every run)
_NUMBER_MARK = f"\x00{os.urandom(8).hex()}:"
_NUMBER_PLACE = re.compile('"' + re.escape(json.dumps(_NUMBER_MARK)[1:-1]) + r'(\d+)\\u0000"')


def dumps_record(record: Any) -> str:
    """A record as one line of JSON: numbers read as :class:`JsonNumber` written as they were,
    a file name's undecodable bytes as ``\\udcXX`` escapes (always valid UTF-8)."""
    numbers: list[str] = []

    def stand_in(value: Any) -> str:
        if not isinstance(value, JsonNumber):
            raise TypeError(f"{type(value).__name__} is not JSON")
        numbers.append(value.text)
        return f"{_NUMBER_MARK}{len(numbers) - 1}\x00"

    text = dumps_json(record, default=stand_in)
    if numbers:
        text = _NUMBER_PLACE.sub(lambda found: numbers[int(found.group(1))], text)
    return text


MAX_DEPTH = 100  # JSON levels of a record; deeper ones cannot be pickled or written back


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a JSON value (without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        children = item.values() if isinstance(item, dict) else \
            item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level)
            pending.extend((child, level + 1) for child in children)
    return deepest


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in the strings of a JSON value (keys too), or ``None``."""
    pending = [value]  # a list, not recursion: JSON may nest deeper than Python's stack
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, dict):
            pending.extend(reversed([*item.keys(), *item.values()]))
        elif isinstance(item, list):
            pending.extend(reversed(item))
    return None


class AtomicJsonlWriter:
    """Writes records to a temporary file and renames it into place on :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, self._temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                                       dir=path.parent)
        except OSError as exc:
            raise TermcheckError(f"cannot write: {exc.strerror or exc}", str(path),
                                 code="TC-OUTPUT") from None
        self._stream: IO[str] = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        self.records = 0

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(dumps_record(record) + "\n")
        self.records += 1

    def commit(self) -> None:
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        os.chmod(self._temporary, new_file_mode())
        os.replace(self._temporary, self.path)

    def abort(self) -> None:
        self._stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._temporary)

"""Locating and reading the data files (glossaries, boilerplate lists, quote conventions)."""

from __future__ import annotations

import csv
import io
import re
import stat
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from termcheck.errors import DataError

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def shipped_dir() -> Path:
    """The directory of shipped data: inside the wheel, or ``glossaries/`` of a source checkout."""
    for candidate in (_PACKAGE_DIR / "glossaries", _PACKAGE_DIR.parent / "glossaries"):
        if candidate.is_dir():
            return candidate
    raise DataError("shipped data directory 'glossaries' not found; reinstall termcheck")


def shipped(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``shipped("boilerplate", "en.tsv")``."""
    return shipped_dir().joinpath(*parts)


def refuse_device(path: Path) -> None:
    """A :class:`DataError` for a device (/dev/zero would be read for ever); files and pipes
    (``--glossary <(...)``) are fine."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # reading says why
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise DataError("a device, not a data file", str(path))


def read_text(path: Path) -> str:
    """Read a UTF-8 data file (BOM tolerated) or raise :class:`DataError` naming it."""
    refuse_device(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = "broken symbolic link" if path.is_symlink() and not path.exists() else \
            exc.strerror
        raise DataError(f"cannot read data file: {reason}", str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"not valid UTF-8 at byte {exc.start}", str(path), line) from None


def read_table(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for a TSV (or CSV, by extension) file with a header row.

    Blank lines and lines starting with ``#`` are skipped. Missing required columns and rows
    with the wrong number of fields raise :class:`DataError` with the file and line.
    """
    text = read_text(path)
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    header_line, header = lines[0]
    columns = [c.strip().lower() for c in _split(header, delimiter)]
    missing = [c for c in required if c not in columns]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)} in header {columns}",
                        str(path), header_line)
    for number, line in lines[1:]:
        fields = _split(line, delimiter)
        if len(fields) > len(columns):
            raise DataError(f"{len(fields)} fields but the header has {len(columns)}",
                            str(path), number)
        fields += [""] * (len(columns) - len(fields))
        yield number, dict(zip(columns, map(str.strip, fields)))


def code_points(text: str) -> str:
    """``text`` written as code points, ``"U+002E U+00A0"``: how a table keeps characters that
    reading it would strip or split (spaces, tabs)."""
    return " ".join(f"U+{ord(char):04X}" for char in text)


def from_code_points(field: str) -> str:
    """The inverse of :func:`code_points`; ``ValueError`` for anything else."""
    codes = field.split()
    if len(codes) == 1 and codes[0].startswith("U+"):  # most fields: one character
        return chr(int(codes[0][2:], 16))
    if not all(code.startswith("U+") for code in codes):
        raise ValueError(f"not code points: {field!r}")
    return "".join(chr(int(code[2:], 16)) for code in codes)


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return line.split("\t")
    return next(csv.reader(io.StringIO(line)))


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file or raise :class:`DataError` with the line of the syntax error."""
    text = read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        message = re.sub(r" \(at line \d+, column \d+\)|\(at end of document\)", "", str(exc))
        line = int(where.group(1)) if where else text.count("\n") + 1
        raise DataError(f"invalid TOML: {message.strip()}", str(path), line) from None
    except RecursionError:
        raise DataError("invalid TOML: nested too deeply", str(path)) from None

"""Finding and reading inputs: files and directories, walked lazily, one document at a time."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from termcheck.document import BINARY_SNIFF_BYTES, Document
from termcheck.errors import InputError
from termcheck.model import FileProblem

# A folder that `termcheck clean` wrote holds its manifest; its ledger there is a record of the
# run, not text to check, so walking that folder (clean, then lint the output) leaves it out.
OUTPUT_MANIFEST = ".termcheck-outputs"
LEDGER_NAME = "ledger.jsonl"
TEXT_SUFFIXES = (".txt", ".md")
CORPUS_SUFFIXES = TEXT_SUFFIXES + (".jsonl", ".ndjson")  # what lint and clean find in directories


@dataclass(frozen=True)
class Source:
    """One input file: the path as the user should see it, and where to read it.

    ``location`` is where to read it, as the string ``os.open`` takes (a walk takes each
    file's from its directory entry); :attr:`path` is made from it when first asked for: a
    path object made and then formatted for ``os.open`` cost about 5 µs a file, twice per
    document in a corpus run, and a lint does not ask for it."""

    display: str
    location: str
    root: Path  # the input argument it was found under (for mirroring relative paths)

    @cached_property
    def path(self) -> Path:
        """Where to read it, as a path object."""
        return Path(self.location)

    @property
    def relative(self) -> Path:
        """Path relative to the input argument (the file name for a file argument)."""
        if self.root == self.path:
            return Path(self.path.name)
        return self.path.relative_to(self.root)


@dataclass(frozen=True)
class ReadOptions:
    """How to decode inputs (``--encoding`` / ``--encoding-errors``) and read JSONL records."""

    encoding: str | None = None
    errors: str = "strict"
    text_field: str = "text"
    id_field: str = "id"
    exclude: frozenset[str] = frozenset()  # absolute paths never read (the run's own outputs)
    extensions: tuple[str, ...] = ()  # what directories are searched for (default: suffixes)


DEFAULT_READ = ReadOptions()


def path_list(paths: str | os.PathLike[str] | Iterable[str | Path]) -> list[str | Path]:
    """``paths`` as a list; one path given alone is one input, not a string of characters."""
    if isinstance(paths, (str, os.PathLike)):
        return [paths]  # type: ignore[list-item]
    return list(paths)


def iter_sources(paths: Iterable[str | Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES,
                 exclude: frozenset[str] = frozenset()) -> Iterator[Source | FileProblem]:
    """Yield every input file under ``paths`` (sorted per directory), or a problem for bad paths.

    Files named explicitly are taken whatever their suffix; directories are searched for
    ``suffixes``. Symlinked directories are followed once: a symlink loop is reported, not walked.
    Files whose absolute path is in ``exclude`` are left out.
    """
    for given in path_list(paths):
        path = Path(given)
        display = str(given)
        if exclude and os.path.abspath(path) in exclude:
            continue
        try:
            path.stat()
        except PermissionError:
            yield FileProblem(display, "TC-UNREADABLE", "permission denied")
            continue
        except OSError:
            pass  # missing or a broken link: told apart below
        if path.is_dir():
            yield from _walk(path, display, suffixes, exclude)
        elif path.is_file():
            yield Source(display, str(path), path)
        elif path.is_symlink():
            yield FileProblem(display, "TC-NOT-FOUND", "broken symbolic link")
        elif path.exists():
            yield FileProblem(display, "TC-NOT-FILE", "not a regular file or directory")
        else:
            yield FileProblem(display, "TC-NOT-FOUND", "no such file or directory")


def _walk(root: Path, display: str, suffixes: tuple[str, ...],
          exclude: frozenset[str] = frozenset()) -> Iterator[Source | FileProblem]:
    """The files under ``root``, depth first, in name order; linear in the depth of the tree:
    folders are strings (no ``Path`` parsing per folder) known by (device, inode), from the
    directory entry's ``stat`` (no ``realpath`` per folder)."""
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[str, tuple[int, int] | None]] = [(str(root), _identity(root))]
    while stack:
        directory, identity = stack.pop()
        if identity is not None and identity in visited:
            yield FileProblem(_show(display, root, directory), "TC-SYMLINK-LOOP",
                              "directory reached twice through symbolic links, skipped")
            continue
        if identity is not None:
            visited.add(identity)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield FileProblem(_show(display, root, directory), "TC-UNREADABLE",
                              f"cannot list directory: {exc.strerror}")
            continue
        subdirectories = []
        own_ledger = LEDGER_NAME if any(e.name == OUTPUT_MANIFEST for e in entries) else None
        # its files' shown paths are made from its own: _show of each file is this and its
        # name (one concatenation instead of 2 µs of path arithmetic per file and pass)
        shown_in = folder_prefix(_show(display, root, directory))
        for entry in entries:
            if entry.name.startswith(".") or entry.name == own_ledger:
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                yield FileProblem(_show(display, root, entry.path), "TC-UNREADABLE",
                                  "permission denied" if isinstance(exc, PermissionError)
                                  else f"cannot read: {exc.strerror}")
                continue
            if is_dir:
                subdirectories.append((entry.path, _identity(entry)))
            elif not entry.name.lower().endswith(suffixes) or (
                    exclude and os.path.abspath(entry.path) in exclude):
                continue
            elif is_file:
                yield Source(shown_in + entry.name, entry.path, root)
            elif entry.is_symlink():  # an article whose link leads nowhere: told, as when named
                yield FileProblem(_show(display, root, entry.path), "TC-NOT-FOUND",
                                  "broken symbolic link")
        stack.extend(reversed(subdirectories))


def _identity(path: Path | str | os.DirEntry[str]) -> tuple[int, int] | None:
    """The (device, inode) of a directory (links followed), ``None`` if it cannot be looked up."""
    try:
        info = path.stat() if isinstance(path, os.DirEntry) else os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def folder_prefix(shown: str, join: Callable[[str, str], str] = os.path.join) -> str:
    """What ``join(shown, name)`` writes before a file's name: ``shown`` and the separator
    ``join`` adds, which depends on the folder (none after ``""`` or a bare drive such as ``C:``,
    one after ``\\\\server\\share``, where ``join(shown, "")`` adds none); ``join``: the
    platform's (``ntpath.join`` for Windows paths)."""
    return join(shown, "_")[:-1]  # a plain name: join treats every such name alike


def _show(display: str, root: Path, path: Path | str) -> str:
    if str(path) == str(root):
        return display
    root_text, path_text = str(root), str(path)
    if path_text.startswith(root_text + os.sep):  # always, for paths found by walking root
        return os.path.join(display, path_text[len(root_text) + 1:])
    return os.path.join(display, os.path.relpath(path, root))


def read_document(source: Source, options: ReadOptions = DEFAULT_READ,
                  lang: str | None = None) -> Document:
    """Read and decode one source; raise :class:`InputError` with a clear message."""
    try:
        data = _read_unless_binary(source, options)
    except PermissionError:
        raise InputError("permission denied", source.display, code="TC-UNREADABLE") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source.display,
                         code="TC-UNREADABLE") from None
    doc = Document.from_bytes(data, source.display, options.encoding, options.errors)
    doc.lang = lang
    if options.errors != "strict" and _lossy(data, doc):
        doc.meta[LOSSY_DECODE] = options.errors
    return doc


# O_BINARY: Windows would otherwise open the descriptor in text mode
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_unless_binary(source: Source, options: ReadOptions) -> bytes:
    """The bytes of ``source``; a binary file is refused from its first bytes, before the rest
    is read (a 2 GB file of NULs costs 8 KB, not 2 GB).

    Read through the file descriptor: a buffered file object costs more to make than a small
    article costs to read (15 µs against 7 µs, twice per document in a corpus run)."""
    descriptor = os.open(source.location, _READ_FLAGS)
    try:
        head = _read_up_to(descriptor, BINARY_SNIFF_BYTES)
        if len(head) == BINARY_SNIFF_BYTES:
            try:
                Document.from_bytes(head, source.display, options.encoding, options.errors)
            except InputError as exc:
                if exc.code == "TC-BINARY":
                    raise
            with io.FileIO(descriptor, closefd=False) as rest:
                return head + rest.readall()
        return head
    finally:
        os.close(descriptor)


def _read_up_to(descriptor: int, size: int) -> bytes:
    """The first ``size`` bytes from ``descriptor`` (fewer at the end of the file): a read may
    return less than asked for (a pipe, a network file system), so it is repeated."""
    data = os.read(descriptor, size)
    while 0 < len(data) < size:
        more = os.read(descriptor, size - len(data))
        if not more:
            break
        data += more
    return data


LOSSY_DECODE = "lossy_decode"  # Document.meta key: the --encoding-errors that lost bytes


def _lossy(data: bytes, doc: Document) -> bool:
    """Whether decoding replaced or dropped bytes (the text would not give ``data`` back)."""
    try:
        return doc.to_bytes() != data
    except UnicodeEncodeError:
        return True

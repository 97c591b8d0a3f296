"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from termcheck.errors import TermcheckError

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_json(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` that is always valid UTF-8 when encoded: a lone
    surrogate (a file name's undecodable byte, carried as a surrogate escape) is written as a
    ``\\udcXX`` escape, which ``json.loads`` turns back into the same name."""
    text = json.dumps(value, ensure_ascii=False, **options)
    if has_lone_surrogate(text):
        text = _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate escape (:func:`dumps_json` writes it ``\\udcXX``)."""
    if text.isascii():  # known without reading the text
        return False
    try:  # strict UTF-16 refuses surrogates, and only them: ten times faster than a regex, and
        # a few instructions a character where UTF-8 takes a dozen (Cyrillic, Greek, CJK)
        text.encode("utf-16")
    except UnicodeEncodeError:
        return True
    return False


def is_inside(path: str, directory: str) -> bool:
    """Whether the real path ``path`` is ``directory`` or lies under it (both real paths)."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def new_file_mode() -> int:
    """The mode an ordinary new file gets (0o666 less the umask), not mkstemp's 0o600."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    with atomic_writer(path) as write:
        write(data)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[Callable[[bytes], object]]:
    """A ``write(bytes)`` whose output replaces ``path`` only when the block ends without error.

    Writing goes to a temporary file beside ``path``. A directory or an unwritable place is a
    :class:`TermcheckError` (TC-OUTPUT); other errors of the block pass through unchanged. A
    device or FIFO (``/dev/null``) is written directly.
    """
    path = Path(path)
    if path.is_dir():
        raise TermcheckError("is a directory, not a file to write", str(path), code="TC-OUTPUT")
    in_block = False
    try:
        with _replacing(path) as stream:
            in_block = True
            yield _checked(stream.write, path)
            in_block = False
    except OSError as exc:
        if in_block:
            raise
        raise _output_error(path, exc) from None


def _checked(write: Callable[[bytes], int], path: Path) -> Callable[[bytes], object]:
    def checked_write(data: bytes) -> object:
        try:
            return write(data)
        except OSError as exc:
            raise _output_error(path, exc) from None

    return checked_write


def _output_error(path: Path, exc: OSError) -> TermcheckError:
    what = "cannot write"
    if exc.filename is not None and os.fspath(exc.filename) != os.fspath(path) and \
            os.path.basename(exc.filename).startswith(f".{path.name}."):  # the temporary file
        what = f"cannot write (no new file can be made in {path.parent})"
    return TermcheckError(f"{what}: {exc.strerror or exc}", str(path), code="TC-OUTPUT")


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    if path.exists() and not path.is_file():  # /dev/null, a FIFO, a terminal: never replace it
        with open(path, "wb") as stream:
            yield stream
        return
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    before = _existing(path)
    _remove_stale_temporaries(directory)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if before is not None and before.st_nlink > 1:
            _copy_in_place(temporary, path)  # a rename would split the hard links
            os.unlink(temporary)
            return
        _take_attributes(temporary, before)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


_STARTED = time.time()  # temporary files older than this process are a killed run's litter
_TEMPORARY = re.compile(r"\.(.+)\.[A-Za-z0-9_]{8}\.tmp")  # as tempfile.mkstemp makes them below
_SWEPT: set[str] = set()  # folders already rid of litter by this process


def _remove_stale_temporaries(directory: Path) -> None:
    """Remove, once per folder and process, the temporary files that a killed run left there:
    ``.NAME.XXXXXXXX.tmp`` beside a file NAME, older than this process. A rerun leaves no
    litter behind, and a folder is listed once however many of its files are written."""
    key = os.path.abspath(directory)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    names = {entry.name for entry in entries}
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or match.group(1) not in names:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and \
                    entry.stat(follow_symlinks=False).st_mtime < _STARTED:
                os.unlink(entry.path)


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _take_attributes(temporary: str, before: os.stat_result | None) -> None:
    """Give the new file the mode, owner and group of the file it replaces (an ordinary new
    file's mode when there is none): a file fixed by root stays its owner's."""
    if before is None:
        os.chmod(temporary, new_file_mode())
        return
    made = os.stat(temporary)
    if (made.st_uid, made.st_gid) != (before.st_uid, before.st_gid):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.chown(temporary, before.st_uid, before.st_gid)
    os.chmod(temporary, before.st_mode & 0o7777)


def _copy_in_place(temporary: str, path: Path) -> None:
    """Overwrite ``path`` with the content of ``temporary``, keeping its inode (hard links)."""
    with open(temporary, "rb") as source, open(path, "r+b") as target:
        while block := source.read(1 << 20):
            target.write(block)
        target.truncate()
        target.flush()
        os.fsync(target.fileno())

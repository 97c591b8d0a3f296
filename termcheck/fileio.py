"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from termcheck.errors import TermcheckError


def new_file_mode() -> int:
    """The mode an ordinary new file gets (0o666 less the umask), not mkstemp's 0o600."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    if path.is_dir():
        raise TermcheckError("is a directory, not a file to write", str(path), code="TC-OUTPUT")
    try:
        _write(path, data)
    except OSError as exc:
        raise TermcheckError(f"cannot write: {exc.strerror or exc}", str(path),
                             code="TC-OUTPUT") from None


def _write(path: Path, data: bytes) -> None:
    if path.exists() and not path.is_file():  # /dev/null, a FIFO, a terminal: never replace it
        with open(path, "wb") as stream:
            stream.write(data)
        return
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else new_file_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

"""Writes never lose data: a writer killed mid-way leaves every output complete or absent."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from termcheck.corpus.sources import iter_sources
from termcheck.errors import TermcheckError
from termcheck.fileio import atomic_write_bytes, atomic_writer

REPO = Path(__file__).resolve().parents[1]
WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from termcheck.fileio import atomic_write_bytes

    out = Path(sys.argv[1])
    for i in range(100000):
        block = f"file {i}: ".encode() * 40000
        atomic_write_bytes(out / f"f{i:05d}.txt", block + b"END")
""")


def expected(i: int) -> bytes:
    return f"file {i}: ".encode() * 40000 + b"END"


@pytest.mark.slow
def test_sigkill_mid_write_leaves_outputs_complete_or_absent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(out)], cwd=REPO)
    deadline = time.monotonic() + 30
    while len(list(out.glob("f*.txt"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    outputs = sorted(out.glob("f*.txt"))
    assert len(outputs) >= 20
    for path in outputs:
        data = path.read_bytes()
        i = int(path.stem[1:])
        assert hashlib.sha1(data).digest() == hashlib.sha1(expected(i)).digest(), path
    numbers = sorted(int(p.stem[1:]) for p in outputs)
    assert numbers == list(range(len(numbers)))  # no gap: nothing half-written, nothing lost
    leftovers = [p.name for p in out.iterdir() if not re.fullmatch(r"f\d{5}\.txt", p.name)]
    assert all(re.fullmatch(r"\.f\d{5}\.txt\..+\.tmp", name) for name in leftovers), leftovers
    seen = [s.path.name for s in iter_sources([out])]
    assert seen == [p.name for p in outputs]  # temporary files are never taken as inputs


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(TermcheckError, match=r"a\.txt: cannot write: No space left"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    monkeypatch.undo()
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640


def test_writing_to_a_device_writes_through_and_never_replaces_it() -> None:
    atomic_write_bytes(Path(os.devnull), b"report")
    assert not Path(os.devnull).is_file()


def test_an_error_of_the_writing_block_passes_through_and_keeps_the_old_file(
        tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    with pytest.raises(OSError, match="scheduler unreachable"), atomic_writer(target) as write:
        write(b"half a report")
        raise OSError("scheduler unreachable")  # not a write error: not called one
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]

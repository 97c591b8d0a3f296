"""Forked workers (started after a warm-up in this process) give the serial results, and so do
forkserver workers when another thread runs (a fork would inherit its locks)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from termcheck.api import lint_paths
from termcheck.config import Config
from termcheck.corpus import executors
from termcheck.corpus.executors import ProcessExecutor, SerialExecutor
from tests.corpus_gen import write_corpus

ALL = Config(select=("ALL",))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 40)


def _dicts(report) -> tuple[list, list, int]:  # type: ignore[no-untyped-def]
    return ([f.to_dict() for f in report.findings], [p.to_dict() for p in report.problems],
            report.files_checked)


@pytest.mark.slow
def test_forked_workers_give_the_serial_report(corpus: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "can_fork", lambda: True)  # earlier tests may leave threads
    serial = lint_paths([corpus], ALL, executor=SerialExecutor())
    pooled = lint_paths([corpus], ALL, executor=ProcessExecutor(2, chunk_size=3, min_parallel=2))
    assert _dicts(pooled) == _dicts(serial)


@pytest.mark.slow
def test_a_running_thread_means_forkserver_workers(corpus: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not executors.can_fork()
        pooled = lint_paths([corpus], ALL,
                            executor=ProcessExecutor(2, chunk_size=3, min_parallel=2))
    finally:
        stop.set()
        thread.join()
    assert _dicts(pooled) == _dicts(lint_paths([corpus], ALL, executor=SerialExecutor()))

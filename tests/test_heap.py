"""Freed memory goes back to the system between the passes of a run, where the C library can."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Iterator

import pytest

from termcheck import heap


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    heap._malloc_trim.cache_clear()
    yield
    heap._malloc_trim.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="malloc_trim is glibc's")
def test_glibc_returns_the_free_pages() -> None:
    assert heap.trim_heap() is True


def test_elsewhere_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap.trim_heap() is False


def _free_tuples(length: int, capfd: pytest.CaptureFixture[str]) -> int | None:
    """Tuples of ``length`` items in the interpreter's free list (``None``: not reported)."""
    import re

    capfd.readouterr()
    sys._debugmallocstats()  # written by C to the standard error
    found = re.search(rf"(\d+) free {length}-sized PyTupleObjects", capfd.readouterr().err)
    return int(found.group(1)) if found else None


def test_free_lists_are_emptied_and_frozen_objects_stay(capfd: pytest.CaptureFixture[str]
                                                        ) -> None:
    import gc

    kept = [tuple(range(n, n + 17)) for n in range(500)]
    del kept  # 500 tuples of 17 items freed: kept for reuse in the free list
    before = _free_tuples(17, capfd)
    if before is None:
        pytest.skip("this interpreter does not report its free lists")
    assert before >= 500
    frozen = gc.get_freeze_count()
    heap.clear_free_lists()
    assert _free_tuples(17, capfd) == 0
    assert gc.get_freeze_count() == frozen
    gc.freeze()  # a caller's frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        heap.clear_free_lists()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(("files", "cleared"), [(3, [True]), (2, [])])
def test_a_long_run_empties_the_free_lists_after_its_profile_pass_a_short_one_does_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: int, cleared: list[bool]
        ) -> None:
    """Once, at the end of the profile pass, when it had at least CLEAR_FREE_LISTS_AFTER
    documents; for fewer, a full collection costs more than the little they hold."""
    from termcheck.api import lint_paths

    for n in range(files):
        (tmp_path / f"a{n}.txt").write_text("Title\n\nSome text here.\n", encoding="utf-8")
    calls: list[bool] = []
    monkeypatch.setattr(heap, "clear_free_lists", lambda: calls.append(True))
    monkeypatch.setattr(heap, "CLEAR_FREE_LISTS_AFTER", 3)
    lint_paths([tmp_path])
    assert calls == cleared


def test_a_long_pass_is_trimmed_as_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[int] = []
    seen: list[int] = []
    monkeypatch.setattr(heap, "trim_heap", lambda: trims.append(len(seen)) or True)
    for item in heap.trimming(range(7), every=3):
        seen.append(item)
    assert seen == list(range(7))  # every item, in order
    assert trims == [3, 6]  # after the 3rd and the 6th


def test_both_passes_of_a_run_trim_the_heap_as_they_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termcheck.api import lint_paths

    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text("Title\n\nSome text here.\n", encoding="utf-8")
    passes: list[list[int]] = []
    trimming = heap.trimming

    def trimming_every_two(items: Iterator[object]) -> Iterator[object]:
        passes.append([])
        for item in trimming(items, every=2):
            passes[-1].append(1)
            yield item

    monkeypatch.setattr(heap, "trimming", trimming_every_two)
    lint_paths([tmp_path])
    assert [len(items) for items in passes] == [5, 5]  # the profile pass, then the check

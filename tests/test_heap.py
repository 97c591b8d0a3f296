"""Freed memory goes back to the system between the passes of a run, where the C library can."""

from __future__ import annotations

import platform
import sys
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

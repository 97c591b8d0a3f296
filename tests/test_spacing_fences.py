"""Fast paths of the spacing and dash rules: the same findings as the slow way."""

from __future__ import annotations

import pytest

from termcheck.api import lint_text
from termcheck.config import Config
from termcheck.rules.spacing import _may_hold_fence


@pytest.mark.parametrize("text", ["", "plain", "`code`", "``", "a ``` b", "~", "~~", "x~~~",
                                  "Ünïcödé ```", "привет ~~~ мир", "\u00e9`~`~`~"])
def test_may_hold_fence_is_whether_a_fence_string_is_in(text: str) -> None:
    assert _may_hold_fence(text) == ("```" in text or "~~~" in text)


def test_fenced_code_still_spares_its_lines_from_sp001_and_ds001() -> None:
    text = "Ein Satz  mit zwei Leerzeichen - so.\n```\ncode  here - x\n```\n"
    found = [(f.code, f.line) for f in lint_text(text, Config(select=("SP001", "DS001"),
                                                              lang="de"))]
    assert found == [("SP001", 1), ("DS001", 1)]


@pytest.mark.parametrize("text", ["Kein Strich hier.", "Bindestrich-Wort und -Präfix.",
                                  "Am Ende -", "- Am Anfang", ""])
def test_ds001_without_a_spaced_hyphen_finds_nothing(text: str) -> None:
    assert lint_text(text, Config(select=("DS001",), lang="de")) == []

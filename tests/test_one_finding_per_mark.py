"""One misplaced quote mark, one finding (issue #17): the most specific quote rule speaks, and
the fix loop still repairs everything the silenced rules would have."""

from __future__ import annotations

import gc
import time

from termcheck.api import fix_text, lint_text
from termcheck.config import Config


def codes(text: str, lang: str) -> list[tuple[str, int]]:
    return [(f.code, f.start) for f in lint_text(text, Config(lang=lang, select=("QT",)))]


def test_a_mark_glued_outside_and_spaced_inside_is_one_finding() -> None:
    text = "Analysts see it as a“ signal to the region”."
    assert codes(text, "en") == [("QT004", 20)]  # QT003 (space after “) is silent on that mark
    assert fix_text(text, Config(lang="en")).text == "Analysts see it as a “signal to the region”."


def test_a_straight_quote_in_french_is_reported_once_and_fixed_fully() -> None:
    text = 'Il a dit "oui" hier.'
    assert [code for code, _ in codes(text, "fr")] == ["QT006", "QT006"]
    assert fix_text(text, Config(lang="fr")).text == "Il a dit «\u00a0oui\u00a0» hier."


def test_marks_far_apart_keep_their_own_findings() -> None:
    text = "Analysts see it as a“ signal”. Later: « non »."
    assert ("QT004", 20) in codes(text, "en")


def test_many_quote_findings_are_deduplicated_in_linear_time() -> None:
    def seconds(units: int) -> float:
        text = 'Il a dit "oui" et "non". ' * units
        start = time.process_time()
        lint_text(text, Config(lang="fr", select=("QT",)))
        return time.process_time() - start

    seconds(50)
    gc.collect()
    gc.freeze()  # the earlier tests' objects: a full collection would time them, not the rule
    try:
        small, large = seconds(1_000), seconds(4_000)
    finally:
        gc.unfreeze()
    assert large < 10 * max(small, 0.02), (small, large)

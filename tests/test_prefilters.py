"""The fast scans that let QT, LG002, BR001 and EN001 skip clean text never skip a finding."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from termcheck.langid import script_of
from termcheck.rules.brackets import _ANY_BRACKET, _is_emoticon, _is_enumerator
from termcheck.rules.encoding import _SUSPECT, _ftfy_config
from termcheck.rules.language import _NON_ASCII, _maybe_foreign

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# The whole-text patterns BR001 used before it tested each bracket on its own.
ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)(?=\s|$)", re.M)
EMOTICON = re.compile(r"(?:[:;=]|(?<![\w-])8)[-']?[()\[\]]")


def test_bracket_checks_agree_with_the_whole_text_patterns() -> None:
    alphabet = "()[]{}:;=8-' \n\tab1iIvxX23Z.é_"
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        ignored = {m.end() - 1 for p in (ENUMERATOR, EMOTICON) for m in p.finditer(text)}
        for match in _ANY_BRACKET.finditer(text):
            i = match.start()
            assert (i in ignored) == (_is_emoticon(text, i) or _is_enumerator(text, i)), text


@pytest.mark.parametrize("native", [{"Latin"}, {"Cyrillic"}, {"Han", "Hiragana", "Katakana"}])
def test_the_foreign_letter_scans_find_every_foreign_letter(native: set[str]) -> None:
    """Both prefilters: the exact one, and the cheap one used before it is worth building."""
    exact = _maybe_foreign(frozenset(native))
    cheap = _NON_ASCII if "Latin" in native else exact
    for code in range(0x10000):
        char = chr(code)
        if char.isalpha() and script_of.__wrapped__(char) not in native:
            assert exact.match(char) and cheap.match(char), f"U+{code:04X}"


def test_the_mojibake_prefilter_sees_every_line_ftfy_repairs() -> None:
    cases = SHARED / "corpora" / "ftfy-mojibake-cases"
    if not cases.is_dir():
        pytest.skip("../shared/corpora not available")
    from ftfy import fix_and_explain

    config = _ftfy_config()
    repaired = 0
    for name in ("in-the-wild.json", "negative.json"):
        for case in json.loads((cases / name).read_text(encoding="utf-8")):
            for line in case["original"].splitlines():
                if fix_and_explain(line, config).text != line:
                    repaired += 1
                    assert _SUSPECT.search(line), line
    assert repaired > 0

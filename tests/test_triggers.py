"""Rule triggers (issue #16): what a text must contain for a rule to find anything in it.

A rule declares its trigger in ``@rule(..., trigger=...)``; the engine does not call a rule on a
text where its trigger is absent. That is right only if the trigger is a necessary condition of
every finding, so each gated rule is run here, ungated, on texts from which its trigger was
stripped (every case text of tests/cases, the samples, random texts) and must find nothing.
"""

from __future__ import annotations

import dataclasses
import random
import re
import tomllib
from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.data import read_toml, shipped
from termcheck.document import Document
from termcheck.engine import check_document
from termcheck.model import Hit, Severity
from termcheck.rules.registry import (
    BEYOND_ASCII,
    PATTERN_SCAN_LIMIT,
    Gates,
    Rule,
    Trigger,
    all_rules,
    register,
    rule,
    unregister,
)

ROOT = Path(__file__).resolve().parents[1]
GATED = [r for r in all_rules() if r.trigger is not None and not r.bilingual]
LANGS = ("en", "de", "fr", "es", "ru", "ja", "zh")


def case_texts() -> list[tuple[str, str]]:
    """``(lang, text)`` of every text of every case file (the case texts and their fixes)."""
    texts = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("fail", []) + data.get("pass", []):
            lang = case.get("lang", "en")
            texts += [(lang, case[key]) for key in ("text", "fixed") if key in case]
            texts += [(lang, text) for text in case.get("corpus", [])]
    return texts


def sample_texts() -> list[tuple[str, str]]:
    return [(path.name[:2] if path.name[2] == "_" else "en", path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "samples").glob("*.txt"))]


# What random texts are made of: words of three scripts, figures, every kind of mark the
# triggers name, spaces of several widths, line breaks, controls and invisible characters.
PIECES = ["word", "Word", "the", "The", "слово", "Слово", "λέξη", "名字", "Wörter", "Ãœ", "â€™",
          "1", "2,450", "3.5", ".", ",", ";", ":", "!", "?", "…", "¿", "¡", "-", "–", "&",
          "&amp;", "&quot;", '"', "'", "“", "”", "„", "«", "»", "‘", "’", "(", ")", "[", "]",
          "{", "}", " ", " ", " ", "  ", "\u00a0", "\u202f", "\n", "\n\n", "\t", "\x0b",
          "\u00ad", "\u200b", "Photo:", "dpa", "Image 3 of 5"]


def random_texts(count: int, seed: int = 16) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        words = rng.choices(PIECES, k=rng.randrange(1, 60))
        sentence = "".join(piece + rng.choice(["", " ", " "]) for piece in words)
        texts.append((LANGS[number % len(LANGS)], sentence + " " + sentence))  # repeats too
    return texts


TEXTS = case_texts() + sample_texts() + random_texts(400)


def holds(trigger: Trigger, text: str) -> bool:
    """Whether ``text`` holds ``trigger``, its pattern searched whatever the text's length."""
    return (any(string in text for string in trigger.strings)
            or (trigger.beyond_ascii and not text.isascii())
            or (trigger.pattern is not None and trigger.pattern.search(text) is not None))


def without(trigger: Trigger, text: str) -> str:
    """``text`` with every occurrence of ``trigger`` deleted (its strings, the characters beyond
    ASCII, the matches of its pattern), until none is left."""
    while holds(trigger, text):
        for string in trigger.strings:
            text = text.replace(string, "")
        if trigger.beyond_ascii:
            text = text.encode("ascii", "ignore").decode("ascii")
        if trigger.pattern is not None:
            text = trigger.pattern.sub("", text)
    return text


@pytest.mark.parametrize("gated", GATED, ids=lambda r: r.code)
def test_a_text_without_the_trigger_gives_no_finding_of_the_rule(gated: Rule) -> None:
    ungated = dataclasses.replace(gated, trigger=None)
    assert gated.trigger is not None
    checked = 0
    for lang, text in TEXTS:
        stripped = without(gated.trigger, text)
        if not stripped.strip():
            continue
        result = check_document(Document(stripped), Config(lang=lang), rules=[ungated])
        assert result.findings == [], (gated.code, lang, stripped)
        assert result.problems == [], (gated.code, lang, stripped)
        checked += 1
    assert checked > 100


def _refusing(doc: Document, ctx: object) -> list[Hit]:
    raise AssertionError("called on a text without its trigger")


DOC = "Refuses.\n## What it does\n## Why it matters\n## Example\n## Fix safety"
REFUSING = Rule("XX016", "refusing", "spacing", Severity.WARNING, "Fluency/Other", _refusing,
                DOC, trigger=Trigger.of("§"))


def test_the_engine_does_not_call_a_rule_whose_trigger_is_absent() -> None:
    config = Config(lang="en")
    quiet = check_document(Document("No section sign here.\n"), config, rules=[REFUSING])
    assert quiet.problems == [] and quiet.findings == []
    called = check_document(Document("See § 4.\n"), config, rules=[REFUSING])
    assert [p.code for p in called.problems] == ["TC-RULE-ERROR"]


def test_a_registered_rule_with_a_trigger_is_skipped_in_a_selection_too() -> None:
    register(REFUSING)
    try:
        config = Config(lang="en", select=("XX016", "BR001"))
        result = check_document(Document("An unclosed (bracket.\n"), config)
        assert result.problems == [] and [f.code for f in result.findings] == ["BR001"]
        called = check_document(Document("§ (\n"), config)
        assert [p.code for p in called.problems] == ["TC-RULE-ERROR"]
    finally:
        unregister("XX016")


def test_gates_search_each_distinct_trigger_once_and_keep_the_order() -> None:
    def quote(code: str) -> Rule:
        return dataclasses.replace(REFUSING, code=code, trigger=Trigger.of("\"“”"))

    plain = dataclasses.replace(REFUSING, code="XX001", trigger=None)
    rules = [quote("XX002"), plain, quote("XX003"), REFUSING]
    gates = Gates(rules)
    assert len(gates.triggers) == 2
    assert [r.code for r in gates.called_for("no marks")] == ["XX001"]
    assert [r.code for r in gates.called_for("a “quote” §")] == ["XX002", "XX001", "XX003",
                                                                 "XX016"]
    assert [r.code for r in gates.called_for("§ only")] == ["XX001", "XX016"]


def test_gates_call_the_rules_whose_trigger_found_in_finds() -> None:
    """``Gates.called_for`` writes ``Trigger.found_in`` out: the shipped rules' triggers give
    the same rules either way, on short texts and on texts too long for a pattern search."""
    from termcheck.rules.registry import all_rules

    rules = all_rules()
    gates = Gates(rules)
    rng = random.Random(7)
    pieces = ["a", " ", ".", "1", "«", "“", "\"", "(", ")", "é", "Ж", "\u200b", "&amp;", "\n",
              "—", "§", "%", "http", "[sic]", "€"]
    texts = ["", "plain words", *("".join(rng.choices(pieces, k=rng.randint(1, 40)))
                                  for _ in range(500))]
    texts += [text + "x" * PATTERN_SCAN_LIMIT for text in texts[:50]]
    for text in texts:
        ascii_text = text.isascii()
        expected = [r for r in rules
                    if r.trigger is None or r.trigger.found_in(text, ascii_text)]
        assert list(gates.called_for(text)) == expected, text[:60]


def test_a_trigger_found_in_every_text_or_in_none_is_refused() -> None:
    _refusing.__doc__ = DOC
    with pytest.raises(ValueError, match="found in the empty text"):
        rule("XX017", "always", "spacing", "Fluency/Other", trigger=re.compile("x*"))(_refusing)
    with pytest.raises(ValueError, match="found in the empty text"):
        rule("XX017", "always", "spacing", "Fluency/Other", trigger=("",))(_refusing)
    with pytest.raises(ValueError, match="found in no document"):
        rule("XX017", "never", "spacing", "Fluency/Other", trigger="")(_refusing)
    with pytest.raises(ValueError, match="must be a Trigger"):
        register(dataclasses.replace(REFUSING, code="XX018", trigger="§"))  # type: ignore
    assert "XX017" not in {r.code for r in all_rules()}


def test_the_shipped_data_uses_no_character_beyond_the_triggers() -> None:
    """Triggers written from data the rules read: the spacing conventions' marks, the
    invisible characters and controls of EN002."""
    from termcheck.rules import encoding, spacing

    table = read_toml(shipped("spacing", "conventions.toml"))
    for lang, settings in table.items():
        assert set(settings.get("space_before", "")) <= set(spacing.SPACED_MARKS), lang
        assert set(settings.get("inverted", "")) <= set(spacing.INVERTED_MARKS), lang
    invisible = encoding.load_invisible(shipped("encoding", "invisible.tsv"))
    controls = encoding._controls_pattern(invisible)
    for char in map(chr, range(0x10000)):
        if controls.match(char):
            assert encoding.INVISIBLE_TRIGGER.found_in(char, char.isascii()), hex(ord(char))


@pytest.mark.parametrize(("declared", "text", "found"), [
    ("()", "a (b", True), ("()", "a b", False), (("  ",), "a  b", True), (("  ",), "a b", False),
    ("“”", "a “b", True), ("“”", "a b", False), (BEYOND_ASCII, "naïve", True),
    (BEYOND_ASCII, "naive", False), (re.compile(r"[0-9][.,][0-9]"), "2,450", True),
    (re.compile(r"[0-9][.,][0-9]"), "2, 450", False),
    (Trigger(strings=frozenset("&"), beyond_ascii=True), "a é", True),
])
def test_a_trigger_is_found_as_declared(declared: object, text: str, found: bool) -> None:
    assert Trigger.of(declared).found_in(text, text.isascii()) is found  # type: ignore


def test_a_pattern_is_searched_only_in_a_text_short_enough() -> None:
    """Beyond PATTERN_SCAN_LIMIT characters a pattern trigger counts as found (the rule runs, as
    it would without a trigger); strings are looked for in texts of any length."""
    pattern, strings = Trigger.of(re.compile("x y")), Trigger.of("§")
    long_text = "a" * PATTERN_SCAN_LIMIT + "."
    assert not pattern.found_in("a" * PATTERN_SCAN_LIMIT, True)
    assert pattern.found_in(long_text, True) and not strings.found_in(long_text, True)


def test_a_rules_trigger_is_shown_by_the_rule_command_and_in_the_rules_json() -> None:
    """``termcheck rule CODE`` says what a text must hold for the rule to run (invisible
    characters escaped) and ``termcheck rules -f json`` gives it as data; an ungated rule has
    ``"trigger": null``."""
    import json

    from typer.testing import CliRunner

    from termcheck.cli import app

    runner = CliRunner()
    spacing = runner.invoke(app, ["rule", "SP001"]).output
    assert "Runs only on texts holding one of '  '." in spacing
    brackets = runner.invoke(app, ["rule", "BR001"]).output
    assert "Runs only on texts holding one of ( ) [ ] { }." in brackets
    listed = {r["code"]: r["trigger"] for r in json.loads(runner.invoke(app, ["rules", "-f",
                                                                               "json"]).output)}
    assert listed["BR001"] == {"strings": list("()[]{}"), "beyond_ascii": False, "pattern": None}
    assert listed["LG004"] == {"strings": [], "beyond_ascii": True, "pattern": None}
    assert listed["BP001"] is None


def test_a_pattern_trigger_is_described_with_its_invisible_characters_escaped() -> None:
    described = Trigger.of(re.compile("[,.](?<=[ \u00a0].)")).describe()
    assert described == ("Runs only on texts holding a match of /[,.](?<=[ \\u00a0].)/ "
                         f"(searched for in texts of up to {PATTERN_SCAN_LIMIT:,} characters; "
                         "a longer text always runs it).")

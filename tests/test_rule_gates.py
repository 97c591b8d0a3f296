"""Gates of the boilerplate, credit, repeated-line and bracket rules find what the full rule finds.

A gate is one C-level scan that every finding needs (a line some entry may match, a marker after
a sentence end, a frequent line, an unbalanced count): these tests run each rule with and
without its gate on texts built to match the data, and compare.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.rules import boilerplate

REPO = Path(__file__).resolve().parents[1]
LANGS = ("en", "de", "fr", "es", "ru", "cs", "hi", "is", "ja", "uk", "zh")
RESOURCES = Resources()


def _sample(items: object, rng: random.Random, depth: int = 0) -> str:
    """A random string that the parsed pattern ``items`` matches (most of the time)."""
    from re import _constants as c  # type: ignore[attr-defined]
    out = []
    for op, value in items:  # type: ignore[attr-defined]
        if op is c.LITERAL:
            char = chr(value)
            out.append(char.upper() if rng.random() < 0.2 else char)
        elif op is c.NOT_LITERAL or op is c.ANY:
            out.append(rng.choice("abc XY.-/1"))
        elif op is c.IN:
            chars = [chr(v) for o, v in value if o is c.LITERAL]
            chars += [chr(rng.randint(*v)) for o, v in value if o is c.RANGE]
            if any(o is c.NEGATE for o, _ in value) or not chars:
                chars = ["a", "b", " ", "Z"]
            out.append(rng.choice(chars))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = value
            count = rng.randint(low, min(high, low + 3))
            out.extend(_sample(sub, rng, depth + 1) for _ in range(count))
        elif op is c.BRANCH:
            out.append(_sample(rng.choice(value[1]), rng, depth + 1))
        elif op in (c.SUBPATTERN, c.ATOMIC_GROUP):
            out.append(_sample(value[-1] if op is c.SUBPATTERN else value, rng, depth + 1))
        elif op is c.CATEGORY:
            out.append(" " if "SPACE" in str(value) and "NOT" not in str(value) else
                       "7" if "DIGIT" in str(value) and "NOT" not in str(value) else "w")
    return "".join(out)


def _entry_lines(table: boilerplate.BoilerplateList, rng: random.Random) -> list[str]:
    """Lines shaped like the entries of ``table``, decorated as pages decorate them."""
    from re import _parser  # type: ignore[attr-defined]
    lines = []
    for key in table.lines:
        for _ in range(3):
            words = key.split()
            line = rng.choice(["", "• ", "- ", "... ", "> ", "  ", ". " * 9]) + rng.choice(
                [" ", "  "]).join(w.upper() if rng.random() < 0.3 else w for w in words) + \
                rng.choice(["", ":", " …", "!", " |", ".", " — ", " - | -" * 4])
            lines.append(line)
    for entry in table.regexes + table.top + table.prefixes:
        parsed = _parser.parse(entry.pattern, re.IGNORECASE)
        for _ in range(6):
            line = _sample(parsed, rng)
            lines += [line, "* " + line, line + " Text", "Ein " + line]
    return lines



Matches = list[list[tuple[object, ...]]]


def _gated_and_every_line(table: boilerplate.BoilerplateList, texts: list[str],
                          monkeypatch: pytest.MonkeyPatch) -> dict[str, Matches]:
    """The boilerplate matches of each text, found through the line gate ("gated") and by
    trying every entry on every line ("every line"): they must be the same."""
    found: dict[str, Matches] = {}
    for mode, limit in (("gated", 0), ("every line", 10**12)):
        monkeypatch.setattr(boilerplate, "SCREEN_AFTER", limit)
        found[mode] = [[(m.start, m.end, m.entry.pattern, m.whole)
                        for m in boilerplate.find_boilerplate(Document(t), table)]
                       for t in texts]
    return found

@pytest.mark.parametrize("lang", LANGS)
def test_gated_lines_give_what_every_line_gives(lang: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(lang)
    table = boilerplate.boilerplate_for(Context(Config(lang=lang), resources=RESOURCES))
    lines = _entry_lines(table, rng)
    prose = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    texts = prose + ["\n".join(rng.sample(lines, min(len(lines), 12)))
                     for _ in range(150)] + ["\r\n".join(lines[:40]), "\r".join(lines[-40:])]
    found = _gated_and_every_line(table, texts, monkeypatch)
    assert found["gated"] == found["every line"]
    assert table.line_gate("") is not None  # the shipped lists are gated
    assert sum(map(len, found["gated"])) > 20, lang


@pytest.mark.parametrize(("pattern", "anywhere"), [
    (r".{0,80}\bby clicking here", True), (r"[\w .'’-]{3,60} contributed to this report", True),
    (r"\(?reporting by [^()]{1,250}\)?", False), (r"read (?:also|more)\s*:", False),
    (r"[^.]+ said", True), (r"(?:\w+ )+said", False), (r"a{2,9}b", False),
    ("[", False),
])
def test_entries_led_by_a_run_start_anywhere(pattern: str, anywhere: bool) -> None:
    """Such entries are floating: looked for in a text only when it holds their literal, as
    trying them along every line costs more than one search of the text."""
    assert boilerplate._starts_anywhere(pattern) is anywhere


def test_casefolding_never_shortens_or_splits_a_character() -> None:
    """What the gate's bound on a ``line`` entry's length relies on."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not char.isspace():
            folded = char.casefold()
            assert folded and not any(c.isspace() for c in folded), hex(code)


@pytest.mark.parametrize(("pattern", "local"), [
    (r"read (?:also|more)\s*:\s*.{1,150}", True), (r"\bby clicking here\b", True),
    (r"(?-i:[A-Z]\w+)", True), (r"foo(?=bar)", False), (r"(?<!x)foo", False),
    (r"^foo", False), (r"foo$", False), (r"a|b\Z", False), (r"(?:x|(?!y)z)+", False),
    (r"(a)\1", False), (r"by [^x]*+\b", False), (r"(?>ab|a)c", False),
])
def test_local_patterns(pattern: str, local: bool) -> None:
    assert boilerplate._local(pattern) is local


def test_an_unlocal_entry_turns_the_gate_off() -> None:
    entry = boilerplate.Entry("regex", "foo(?!bar)", "", "x:1", re.compile("foo(?!bar)", re.I))
    assert boilerplate._line_gate([entry], [], False, []) is None
    gate = boilerplate._line_gate([], [entry], True, ["a b"])
    assert gate is not None and gate.top_lines  # a byline pattern that is not local
    english = boilerplate.boilerplate_for(Context(Config(lang="en"), resources=RESOURCES))
    assert not english.line_gate("").top_lines


@pytest.mark.parametrize("pattern", [
    "read (?:also|more)", "ab|ac", "ab*", "a*b", "sign up", "källa", "i b", "k", "(?:x)", "",
    "K", "s.{0,3}t", "ab{2}", "a(?:b|c)d",
])
def test_dispatched_patterns_match_as_before(pattern: str) -> None:
    dispatched = re.compile(boilerplate._dispatched(pattern), re.IGNORECASE)
    original = re.compile(pattern, re.IGNORECASE)
    for text in ["read also", "READ more", "ab", "ac", "Abbb", "aab", "b", "Sign Up", "ſign up",
                 "Källa", "KÄLLA", "\u212aälla", "i b", "İ b", "ı b", "k", "K", "\u212a", "x",
                 "", "s--t", "ſ t", "abb", "ACD", "abd"]:
        assert bool(dispatched.fullmatch(text)) == bool(original.fullmatch(text)), (pattern, text)


def test_literal_finders_find_what_lowering_finds() -> None:
    rng = random.Random(3)
    for literal in ("by clicking here", "meet your inbox", " to your inbox", "x-y 1"):
        finders = boilerplate._literal_finders(literal)
        for _ in range(300):
            text = "".join(rng.choice(literal + literal.upper() + "äÄ -\n") for _ in range(30))
            text = rng.choice(["", text]) + rng.choice([literal, literal.upper(), ""]) + text
            found = any(finder.search(text) for finder in finders)
            assert found == (literal in text.lower()), (literal, text)


def test_only_the_case_special_characters_have_ascii_in_their_lower_case() -> None:
    """What ``present``'s test on a text's ASCII characters alone relies on."""
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if char not in boilerplate._CASE_SPECIAL:
            assert char.lower() and not any(c.isascii() for c in char.lower()), hex(code)


def test_only_the_case_special_characters_match_an_ascii_letter_ignoring_case() -> None:
    """What the literal finders (``re.IGNORECASE``) may match beyond the lower case: ``re``
    also takes ſ for s, which ``str.lower`` does not say; the characters it takes for an ASCII
    letter are the case-special ones, which ``present`` leaves to the finders."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE).fullmatch
    taken = [chr(code) for code in range(0x80, sys.maxunicode + 1) if ascii_letter(chr(code))]
    assert sorted(taken) == sorted(boilerplate._CASE_SPECIAL)


def test_has_case_special_is_any_case_special_character_in_the_text() -> None:
    """Its four searches written out are the test over :data:`_CASE_SPECIAL`, in texts of
    every width (ASCII, Latin-1, the BMP, astral)."""
    rng = random.Random(13)
    pieces = [*boilerplate._CASE_SPECIAL, "a", "I", "é", "\u00ff", "Ж", "\u2028", "😀", " "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        expected = any(char in text for char in boilerplate._CASE_SPECIAL)
        assert boilerplate._has_case_special(text) == expected, text


def test_present_is_what_the_finders_find() -> None:
    """``present`` looks for the literals in a text's ASCII characters first (never missing
    one), then confirms with the exact finders: non-ASCII characters inside a literal, around
    it or in place of its spaces never change its answer."""
    table = boilerplate.boilerplate_for(Context(Config(lang="en"), resources=RESOURCES))
    literals = [literal for _, literal in table.floating()]
    rng = random.Random(11)
    pieces = literals + [literal.upper() for literal in literals] + [
        "ä", "Ж", "“", "é", " ", "\n", "inbox", "by", "here", "word"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.3:  # a non-ASCII character inside a literal: not found there
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice("äЖ“") + text[at:]
        expected = tuple(i for i, literal in enumerate(literals) if literal in text.lower())
        assert table.present(text) == expected, text
    assert table.present("by clİcking here") == tuple(range(len(literals)))


def _credit_texts(rng: random.Random) -> list[str]:
    markers = [line.split("\t")[1] for line in
               (REPO / "glossaries" / "credits" / "markers.tsv").read_text(encoding="utf-8")
               .splitlines() if line and not line.startswith(("#", "lang\t"))]
    pieces = ["Die Feuerwehr war im Einsatz", ".", "!", "?", "…", "»", "”", ")", "]", "(", " ",
              "  ", "\n", "\t", "Hans Becker/AFP", "Getty Images", "3 of 5", "dpa", ",", "said"]
    texts = []
    for _ in range(400):
        parts = [rng.choice(pieces) if rng.random() < 0.7 else
                 rng.choice([rng.choice(markers), rng.choice(markers).upper()]) for _ in
                 range(rng.randint(2, 14))]
        texts.append("".join(p if rng.random() < 0.5 else p + " " for p in parts))
        marker = rng.choice(markers)
        texts.append(rng.choice(["Er kam", "", "Er kam (", "A\nB"])
                     + rng.choice([".", "!", "", "…"]) + rng.choice(["", "»", "”)", "]"])
                     + rng.choice(["", " ", "\n", "  "])
                     + rng.choice([marker, marker.upper(), marker.lower()])
                     + rng.choice([" Hans Becker/AFP", " dpa", " 3 von 5", "", " x. Y z"])
                     + rng.choice(["", ")", " ", ".", "\nWeiter."]))
    return texts


def test_credit_gate_finds_what_every_marker_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from termcheck.rules import credits

    rng = random.Random(20)
    texts = _credit_texts(rng) + [p.read_text(encoding="utf-8")
                                  for p in sorted((REPO / "samples").glob("*.txt"))]
    ctx = Context(Config(lang="de"), resources=RESOURCES)
    markers = credits._markers(ctx)
    gated = [[(h.start, h.end) for h in credits.trailing_credit(Document(t), ctx)]
             for t in texts]
    every = replace(markers, after_stop=markers.heads)  # every line holding a marker's word
    monkeypatch.setattr(credits, "_markers", lambda ctx: every)
    full = [[(h.start, h.end) for h in credits.trailing_credit(Document(t), ctx)]
            for t in texts]
    assert gated == full
    assert sum(map(len, gated)) > 60


# --- BP100: the lazy chrome lines and their gate against the line-by-line reading ----------

def _reference_chrome(doc: Document, stats: object, needed: int) -> list[tuple[int, int, str]]:
    """BP100's chrome lines as read before the gate: every line hashed and shaped."""
    from termcheck.rules import repeated as r

    lines = []
    title_seen = False
    for start, end in doc.lines():
        text = doc.text[start:end]
        if not text.strip():
            continue
        if not title_seen:
            title_seen = True
            lines.append((start, end, 0, False, False, 0))
            continue
        seen = stats.seen(r.line_key(text)) if r._eligible(text) else 0  # type: ignore
        lines.append((start, end, seen, seen >= needed, not r.is_sentence(text.strip()),
                      len(r._WORD.findall(text))))
    syndicated = any(line[3] and not line[4] for line in lines)
    found, index = [], 1
    while index < len(lines):
        if not (lines[index][3] and lines[index][4]):
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end][3] and lines[end][4]:
            end += 1
        before = lines[index - 1] if index > 1 else None
        after = lines[end] if end < len(lines) else None
        if (before is None or before[2] <= 1) and (after is None or after[2] <= 1):
            edge = (before is None or after is None) and not syndicated
            for line in lines[index:end]:
                if edge:
                    found.append((line[0], line[1], "edge"))
                elif line[5] <= r.BODY_CHROME_WORDS:
                    found.append((line[0], line[1], "body"))
        index = end
    return found


def _corpus(rng: random.Random) -> list[Document]:
    chrome = ["VIDEO", "Advertisement", "Share this article", "Related Articles",
              "You may also like", "Read more", "Subscribe now"]
    sentences = ["The minister resigned on Tuesday.", "Prices rose again, officials said.",
                 "A storm hit the coast", "Short line", "x", "1.", "   ", ""]
    docs = []
    for i in range(60):
        lines = [f"Title {i}"] + [rng.choice(chrome + sentences) if rng.random() < 0.6
                                  else f"Unique body line {i} {j} of this article."
                                  for j in range(rng.randint(0, 9))]
        docs.append(Document(rng.choice(["\n", "\r\n", "\n\n"]).join(lines)))
    return docs


@pytest.mark.parametrize("min_docs", [1, 2, 5])
def test_chrome_lines_read_lazily_give_the_line_by_line_reading(min_docs: int) -> None:
    from termcheck.rules import repeated

    rng = random.Random(min_docs)
    for _ in range(5):
        docs = _corpus(rng)
        config = Config(options=(("repeated-line-min-docs", min_docs),))
        total = repeated.LineCounts()
        for doc in docs:
            repeated.merge_into(total, repeated.collect(doc, Context(config)))
        needed = repeated.threshold(Context(config), total.documents)
        context = Context(config, profile={"BP100": total})
        for doc in docs:
            lazy = [(line.start, line.end, place)
                    for line, place in repeated.chrome_lines(doc, total, needed)]
            assert lazy == _reference_chrome(doc, total, needed), doc.text
            hits = [(h.start, h.end) for h in repeated.repeated_line(doc, context)]
            assert hits == [(start, end) for start, end, _ in lazy], doc.text


def test_floating_entries_are_found_by_their_literals_with_one_gate(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One gate serves every text; the lines of a floating entry are found by its literal."""
    table = boilerplate.boilerplate_for(Context(Config(lang="en"), resources=RESOURCES))
    floating = [literal for _, literal in table.floating()]
    assert len(floating) >= 2
    lines = ["Title", "Read the rest BY CLICKING HERE", "Get the news straight to your inbox",
             "John Smith contributed to this report.", "Meet your inbox", "Body text.",
             "* get it by clicking here", "A long line that says " + "words " * 40 +
             "by clicking here", "Sent to your INBOX every day", ""]
    rng = random.Random(5)
    texts = [sep.join(rng.sample(lines, 7)) for sep in ("\n", "\r\n", "\r") for _ in range(60)]
    texts += [f"Title\n{literal}\n\nBody.\n" for literal in floating]
    found = _gated_and_every_line(table, texts, monkeypatch)
    assert found["gated"] == found["every line"]
    assert sum(map(len, found["gated"])) > 60
    with_literals = [t for t in texts if table.present(t)]
    assert with_literals and all(table.literal_finders(t, table.present(t)) is not None
                                 for t in with_literals)
    assert table.literal_finders("by clİcking here", table.present("by clİcking here")) is None

"""The shortcuts of DP, BP and BP100 give what the plain definitions they replace give."""

from __future__ import annotations

import random
import re
import string
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.rules import boilerplate, duplicates, repeated
from termcheck.sentences import FULL_STOP_END, SENTENCE_END

# Characters chosen to break shortcuts: separators outside ASCII, letters whose casefold grows
# or holds a combining mark (İ ß ﬀ ᾷ), one that casefolds to a letter (U+0345), the four
# characters re.IGNORECASE matches with ASCII letters (İ ı K ſ), a lone surrogate, digits.
REPO = Path(__file__).resolve().parents[1]
ALPHABET = list(" \t\n\r\x01\x0b\xa0\u2003\u3000.!?…«»“”’'\"-–—:;,()[]•·*>|/©") + list(
    "aBzZ09_ßİıſKﬀ\u0345ΣσςᾷЁё٣²\udc80ÄöÑ") + ["\U00010400"]


def random_texts(count: int, seed: int, length: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(length)))
            for _ in range(count)]


def test_casefolded_bytes_split_into_the_casefolded_words() -> None:
    for text in random_texts(3000, 1) + ["İstanbul «Straße» don’t", "ﬀ\u0345x"]:
        separators = duplicates.non_ascii_separators(text)
        expected = [w.casefold().encode("utf-8", "surrogatepass")
                    for w in duplicates._WORD.findall(text)]
        assert duplicates.casefolded(text, separators).split() == expected, repr(text)


def repeating_texts(seed: int) -> list[str]:
    """Short documents of a few words that often repeat or nearly repeat their sentences."""
    rng = random.Random(seed)
    words = ["the", "The", "city", "CITY", "council", "met", "on", "Monday", "2021", "and",
             "voted", "«again»", "über", "Über", "Straße", "STRASSE"]
    texts = []
    for _ in range(400):
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randrange(4, 12))) + "."
                     for _ in range(rng.randrange(1, 5))]
        sentences += [rng.choice(sentences) for _ in range(rng.randrange(3))]
        if rng.random() < 0.5:
            sentences.append(sentences[0].replace(" ", ", ", 1).replace("city", "town"))
        joiners = [" ", "\n", "\n\n", " » ", ": "]
        texts.append("".join(s + rng.choice(joiners) for s in sentences))
    return texts


def far_repeating_texts(seed: int) -> list[str]:
    """Articles of many paragraphs where a sentence is repeated, exactly or nearly, one to ten
    paragraphs after it: farther than :data:`duplicates.MAX_GAP`, :func:`duplicates.repeats`
    drops the copy, as it does when the original is a headline (a line without a final stop
    and a blank line after it). Both sides of each bound are met."""
    rng = random.Random(seed)
    words = ["the", "city", "council", "met", "on", "Monday", "and", "voted", "again",
             "for", "a", "new", "bridge", "over", "river", "Mr.", "Smith", "said"]
    texts = []
    for _ in range(300):
        paragraphs = [" ".join(f"w{rng.randrange(10**6)}" for _ in range(rng.randrange(3, 12)))
                      + "." for _ in range(rng.randrange(6, 16))]
        sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 14)))
        if rng.random() < 0.7:
            sentence += "."
        tokens = (sentence.rstrip(".") + ".").split()
        at = rng.randrange(len(tokens))
        edit = rng.choice(["same", "change", "drop", "add"])  # an exact or a near copy
        if edit == "change":
            tokens[at] = rng.choice(words)
        elif edit == "drop" and len(tokens) > 1:
            del tokens[at]
        elif edit == "add":
            tokens.insert(at, rng.choice(words))
        first = rng.randrange(len(paragraphs))
        paragraphs.insert(first, sentence)
        paragraphs.insert(min(len(paragraphs), first + rng.randrange(1, 11)), " ".join(tokens))
        texts.append(rng.choice(["\n\n", "\n"]).join(paragraphs) + "\n")
    return texts


# PAIRWISE_BUDGET of DP001's screen: its sentences compared with every earlier one, its posting
# index as soon as one sentence shares enough trigrams with the earlier ones, and the default
SCREENS = {"pairwise": 10**9, "indexed": 0, "default": duplicates.PAIRWISE_BUDGET}


@pytest.mark.parametrize("budget", list(SCREENS.values()), ids=list(SCREENS))
def test_documents_that_may_not_repeat_have_no_repeats(
        budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen never rejects a document where the full search keeps a repeat; among those
    it rejects are documents whose only copies are too far from their originals, or copies
    of a headline."""
    monkeypatch.setattr(duplicates, "PAIRWISE_BUDGET", budget)
    skipped, rejected_copies = 0, {"far": 0, "of a headline": 0, "other": 0}
    for text in repeating_texts(2) + random_texts(500, 3, 200) + far_repeating_texts(10):
        doc = Document(text)
        if not duplicates.may_repeat(doc):
            skipped += 1
            assert duplicates.unscreened_repeats(doc) == [], repr(text)
            items = duplicates.sentences(doc)
            for later, (earlier, _) in duplicates.earlier_copies(items).items():
                far = items[later].paragraph - items[earlier].paragraph > duplicates.MAX_GAP
                headline = duplicates._headline_paragraph(doc, items[earlier].paragraph)
                rejected_copies["far" if far else "of a headline" if headline else "other"] += 1
    assert skipped > 100  # the shortcut is taken, not only proven safe
    assert rejected_copies["far"] > 10 and rejected_copies["of a headline"] > 10, \
        rejected_copies  # both bounds reject some


def test_what_a_sentence_needs_grows_no_faster_than_its_trigram_count() -> None:
    """Why counting a sentence's trigrams with repetitions lets through every sentence that
    shares enough distinct ones (:func:`duplicates._enough`): each repeated trigram
    adds one to what it has and at most one to what it needs."""
    needs = [max(2, int(0.4 * count)) for count in range(100_000)]
    assert all(0 <= later - earlier <= 1 for earlier, later in pairwise(needs))


def test_the_first_pass_skips_only_sentences_that_share_too_few() -> None:
    """A sentence that shares enough distinct trigrams with the earlier ones, or repeats one
    exactly, passes the bound that :func:`duplicates.may_repeat` takes from what its trigrams
    add to the set of all those seen before it."""
    texts_sharing = 0
    for text in repeating_texts(8) + random_texts(300, 9, 200) + ["Go go go go go go. " * 2]:
        keys = duplicates.sentence_words(Document(text), duplicates.non_ascii_separators(text))
        sets = [set(zip(key, key[1:], key[2:])) for key in keys]
        seen: set[tuple[bytes, ...]] = set()
        passing = []
        for number, key in enumerate(keys):
            before = len(seen)
            seen.update(zip(key, key[1:], key[2:]))
            if duplicates._enough(len(key) - 2 - (len(seen) - before), len(key) - 2):
                passing.append(number)
        sharing = [number for number, trigrams in enumerate(sets)
                   if len(trigrams & set().union(*sets[:number]))
                   >= max(2, int(0.4 * len(trigrams)))]
        assert set(sharing) <= set(passing), repr(text)
        exact = [number for number, key in enumerate(keys) if key in keys[:number]]
        assert set(exact) <= set(passing), repr(text)
        texts_sharing += bool(sharing)
    assert texts_sharing > 100


def test_other_ends_made_full_stops_end_the_same_sentences() -> None:
    """DP001's screen marks sentence ends with the full-stop pattern after making each "!",
    "?" and "…" a full stop: the same spans as the pattern of all four on the text itself."""
    for text in random_texts(3000, 12, 80) + ["Really?! Yes… «No!» Fine. (Ok.) Go"]:
        mapped = duplicates._other_ends_as_full_stops(text)
        assert len(mapped) == len(text)
        assert [m.span() for m in FULL_STOP_END.finditer(mapped)] == \
            [m.span() for m in SENTENCE_END.finditer(text)], repr(text)


def test_the_screen_compares_sentences_until_its_budget_is_spent(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences sharing enough trigrams but too different in their words: compared pairwise
    while that is cheap, through the index past the budget; neither lets the text through."""
    indexed: list[int] = []
    original = duplicates._indexed_may_repeat
    monkeypatch.setattr(duplicates, "_indexed_may_repeat",
                        lambda keys, sets, paragraphs: indexed.append(len(keys))
                        or original(keys, sets, paragraphs))
    head = "The council of the city said on Monday that"
    text = " ".join(f"{head} {w}1 {w}2 {w}3 {w}4 {w}5 {w}6 {w}7 {w}8." for w in "abcdefghij")
    doc = Document(text)
    assert duplicates.earlier_copies(duplicates.sentences(doc)) == {}
    assert not duplicates.may_repeat(doc) and indexed == [10]  # 45 comparisons > 4 × 10
    monkeypatch.setattr(duplicates, "PAIRWISE_BUDGET", 5)
    assert not duplicates.may_repeat(doc) and indexed == [10]  # 45 comparisons ≤ 5 × 10


def test_sentence_words_cover_the_sentences_and_their_paragraphs() -> None:
    for text in repeating_texts(4) + random_texts(500, 5, 200) + far_repeating_texts(11):
        doc = Document(text)
        separators = duplicates.non_ascii_separators(text)
        split = duplicates._split_sentences(doc, separators)
        keys = duplicates.sentence_words(doc, separators)
        assert list(map(tuple, duplicates._word_lists(split))) == keys
        paragraphs = duplicates._paragraph_numbers(split[0], map(len, split[1]))
        assert len(paragraphs) == len(keys) and paragraphs == sorted(paragraphs)
        plain = [(tuple(w.encode("utf-8", "surrogatepass") for w in item.words), item.paragraph)
                 for item in duplicates.sentences(doc)]
        remaining = iter(zip(keys, paragraphs))
        assert all(any(key == item for item in remaining) for key in plain), repr(text)


def test_boilerplate_normalise_strips_what_the_edge_pattern_did() -> None:
    edges = re.compile(r"^[\s•·*>|.…\-–—]+|[\s:.…!?|»>\-–—]+$")
    assert set(boilerplate._SPACES) == {
        chr(i) for i in range(sys.maxunicode + 1) if re.match(r"\s", chr(i))}
    for line in random_texts(5000, 6, 12):
        line = line.replace("\n", " ").replace("\r", " ")
        assert boilerplate.normalise(line) == " ".join(edges.sub("", line).split()).casefold()


def test_only_four_characters_outside_ascii_match_ascii_letters_ignoring_case() -> None:
    letters = set(string.ascii_letters)
    candidates = [c for c in map(chr, range(0x80, sys.maxunicode + 1))
                  if letters & set(c.lower() + c.upper() + c.casefold())]
    matching = {c for c in candidates
                if any(re.fullmatch(a, c, re.IGNORECASE) for a in string.ascii_lowercase)}
    assert matching == set(boilerplate._CASE_SPECIAL)


def test_required_literals() -> None:
    assert boilerplate.required_literal(r".{0,80}\bby clicking here") == "by clicking here"
    assert boilerplate.required_literal(r".{0,80}\b(?:a|b) to Your Inbox\b.{0,9}") == \
        " to your inbox"
    assert boilerplate.required_literal(r"abc|def") is None
    assert boilerplate.required_literal(r"x?ab") is None


# (SCREEN_AFTER, MATCH_SCREENS_AFTER) of the ways of matching boilerplate: joined screens and
# the line gate (large runs), screens per line only (a few files), every entry (a small file)
MATCHING = {"screened": (0, 0), "screened per line": (10**12, 0),
            "entry by entry": (10**12, 10**12)}


@pytest.fixture(params=list(MATCHING))
def screening(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way of matching boilerplate (:data:`MATCHING`)."""
    screen_after, match_screens_after = MATCHING[request.param]
    monkeypatch.setattr(boilerplate, "SCREEN_AFTER", screen_after)
    monkeypatch.setattr(boilerplate, "MATCH_SCREENS_AFTER", match_screens_after)


def test_screens_find_what_trying_every_entry_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    found = {}
    for mode, (screen_after, match_screens_after) in MATCHING.items():
        monkeypatch.setattr(boilerplate, "SCREEN_AFTER", screen_after)
        monkeypatch.setattr(boilerplate, "MATCH_SCREENS_AFTER", match_screens_after)
        for lang in ("en", "de", "fr", "es", "ru"):
            table = boilerplate.boilerplate_for(Context(Config(lang=lang), resources=Resources()))
            found[mode, lang] = [[(m.start, m.end, m.entry.pattern, m.whole) for m in
                                  boilerplate.find_boilerplate(Document(t), table)]
                                 for t in texts]
    for lang in ("en", "de", "fr", "es", "ru"):
        for mode in MATCHING:
            assert found[mode, lang] == found["entry by entry", lang], (mode, lang)
    assert any(any(doc) for doc in found["screened", "en"])


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "ru"])
def test_a_line_matches_the_same_entry_with_or_without_screens(lang: str) -> None:
    """match_line's joined screens only skip entries that cannot match: the lines of the
    samples, and each entry's own pattern and note as a line, at each rank of the top lines."""
    table = boilerplate.boilerplate_for(Context(Config(lang=lang), resources=Resources()))
    lines = [line.strip() for p in sorted((REPO / "samples").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    entries = table.regexes + table.top + table.prefixes + list(table.lines.values())
    lines += [text for entry in entries for text in (entry.pattern, entry.note) if text]
    matched = 0
    for index in range(boilerplate.TOP_LINES + 1):
        for line in lines:
            found = boilerplate.match_line(line, index, table, screened=False)
            assert boilerplate.match_line(line, index, table) == found, (index, line)
            matched += found is not None
    assert matched > len(entries)  # the notes and literal patterns match their entry at least


@pytest.mark.parametrize(("pattern", "required"), [
    (r"[^.!?/|]{2,60}(?:\s*[/|]\s*[^.!?/|]{2,40})*\s*[/|]\s*(?:AFP|dpa)", "/|"),
    (r"\w+ / \w+", "/"), (r"\w+ - \w+ [|] \w+", "-"), (r"\w+x\w+", None),
    (r"\w+ (?:/|\|) \w+", "/|"), (r"\w+(?:/|-x)\w+", None), (r"\w+[/a]\w+", None),
    (r"\w+[^/]\w+", None), (r"\w+\u00a0\w+", None), (r"\w*/?", None),
])
def test_required_chars(pattern: str, required: str | None) -> None:
    """Only a top-level literal or class of literals without case, never a space."""
    found = boilerplate._required_chars(pattern)
    assert (None if found is None else "".join(sorted(found))) == required


@pytest.mark.parametrize("pattern", [
    r"[^.!?/|]{2,60}(?:\s*[/|]\s*[^.!?/|]{2,40})*\s*[/|]\s*(?:Keystone|AFP|dpa)",
    r"(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3})\s*/\s*(?-i:[A-Z])[\w .-]{1,30}",
    r"\w+ / \w+$", r".*/", r"\w*/?", r"read (?:also|more)", r"©\s*[^.!?]{2,60}",
])
def test_alternative_shapes_fully_match_as_before(pattern: str) -> None:
    """The joined matcher's lookahead for a required character changes no full match."""
    rng = random.Random(11)
    shaped = re.compile(boilerplate._alternative_shape(pattern), re.IGNORECASE)
    original = re.compile(pattern, re.IGNORECASE)
    pieces = ["Jan Mayer", "AFP", "DPA", "keystone", "/", " / ", "|", " ", "\u00a0", ".", "!",
              "©", "read also", "READ MORE", "ſ", "x", "\n", "\u212a", "Фото"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(6)))
        assert bool(shaped.fullmatch(text)) == bool(original.fullmatch(text)), (pattern, text)


def test_credit_like_lines_match_the_same_entry_with_or_without_the_matcher() -> None:
    """Lines made of credit pieces (agencies, names, "/", "|", "©", stops) in every shipped
    list: the joined matcher's answer is that of trying each entry in turn."""
    rng = random.Random(12)
    pieces = ["Jan Mayer", "AFP", "Getty Images", "Reuters", "ТАСС", "РИА Новости", "/", " / ",
              " | ", "|", " ", "©", ".", "!", "?", "(", ")", "Photo: ", "Foto", "image credit",
              ", AP", " Associated Press", "writer", "Keystone", "x", "ſ", "Bild: ", "Фото: "]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))).strip()
             for _ in range(1500)]
    lists = (REPO / "glossaries" / "boilerplate").glob("*.tsv")
    for lang in sorted(p.stem for p in lists if p.stem != "common"):
        table = boilerplate.boilerplate_for(Context(Config(lang=lang), resources=Resources()))
        matched = 0
        for line in lines:
            found = boilerplate.match_line(line, boilerplate.TOP_LINES, table, screened=False)
            assert boilerplate.match_line(line, boilerplate.TOP_LINES, table) == found, (lang, line)
            matched += found is not None
        assert matched, lang


@pytest.mark.usefixtures("screening")
def test_floating_entries_are_found_in_any_case() -> None:
    context = Context(Config(lang="en", select=("BP001",)), resources=Resources())
    table = boilerplate.boilerplate_for(context)
    assert table.floating()
    for line in ("Read the rest BY CLICKING HERE", "Read the rest by clİcking here",
                 "Get the best stories straight to your inbox"):
        doc = Document(f"Title\n\n{line}\n\nBody text.\n")
        found = boilerplate.find_boilerplate(doc, table)
        expected = [e for e in table.regexes if e.kind == "regex" and e.regex.fullmatch(line)]
        assert expected and [m.entry for m in found] == expected[:1], line


def _shipped_list(tmp_path: Path, rows: str) -> boilerplate.BoilerplateList:
    """A list of ``rows`` (kind, pattern) whose patterns are deferred, as a shipped list's."""
    path = tmp_path / "list.tsv"
    path.write_text("kind\tpattern\tnote\n" + rows, encoding="utf-8")
    table = boilerplate.BoilerplateList()
    for entry in boilerplate.load_entries(path, deferred=True):
        assert isinstance(entry.regex, boilerplate.DeferredPattern)
        table.add(entry)
    return table


def test_the_matcher_finds_the_first_entry_in_the_order_of_the_list(tmp_path: Path) -> None:
    """Credits (tried on short lines only), floating entries (tried alone) and the others
    (joined) give the entry that trying each in turn gives; an entry with a group of its own
    is tried alone, and a pattern that does not parse raises its DataError at load."""
    table = _shipped_list(tmp_path, "credit\t[a-z ]+ news\t\n"
                                    "regex\t.{0,40}\\bhere is news\t\n"
                                    "regex\t(?:one|two) .{1,60}\t\n"
                                    "credit\t(?:one|two) \\w+\t\n"
                                    "regex\t(two) (three) .*\t\n")
    assert table.floating() and table.matcher() is not None
    lines = ["one two three four five six seven eight news", "two words",
             "one two three four five six seven eight nine news", "two three four",
             "so here is news", "two so, here is news", "two three", "none at all", "",
             "ONE TWO", "two\u00a0three four"]
    for line in lines:
        for index in range(boilerplate.TOP_LINES + 1):
            found = boilerplate.match_line(line, index, table, screened=False)
            assert boilerplate.match_line(line, index, table) == found, line
    assert boilerplate.match_line("two three", 0, table)[0].pattern == "(?:one|two) .{1,60}"
    assert boilerplate.match_line("two so, here is news", 0, table)[0].pattern.startswith(".")
    assert boilerplate.match_line("x y z news", 0, table)[0].kind == "credit"
    assert boilerplate.match_line("a b c d e f g h i news", 0, table) is None
    grouped = _shipped_list(tmp_path, "regex\t(a)b\t\nregex\tc(d)\t\n")
    assert boilerplate.match_line("cd", 0, grouped)[0].pattern == "c(d)"
    with pytest.raises(DataError, match=r":3: invalid regular expression"):  # at load
        _shipped_list(tmp_path, "regex\tfine\t\nregex\tread (also\tbroken\n")


def test_repeated_line_keys_match_the_plain_normalisation() -> None:
    spaces = re.compile(r"\s+")
    for line in random_texts(3000, 7, 30):
        plain = spaces.sub(" ", line).strip().casefold()
        assert repeated.normalise(line) == plain, repr(line)


def test_candidate_texts_are_the_candidate_lines() -> None:
    for text in random_texts(2000, 8, 80):
        doc = Document(text)
        expected = [text[s:e] for s, e in repeated.candidate_lines(doc)]
        assert list(repeated.candidate_texts(doc)) == expected, repr(text)


def test_chrome_shaped_texts_are_the_candidate_texts_shaped_like_chrome() -> None:
    """BP100's check tests the shape of every line before its letters: the same lines."""
    rng = random.Random(10)
    shaped = 0
    for text in random_texts(2000, 11, 80):
        if rng.random() < 0.5:  # long lines, and lines padded with blanks around a short one
            text = text.replace(" ", " " * rng.randrange(1, 60), rng.randrange(4))
        doc = Document(text)
        expected = list(filter(repeated._chrome_shaped, repeated.candidate_texts(doc)))
        assert list(repeated.chrome_shaped_texts(doc)) == expected, repr(text)
        shaped += bool(expected)
    assert shaped > 500, shaped


def test_line_keys_of_a_document_are_the_keys_of_its_lines() -> None:
    rng = random.Random(9)
    for _ in range(2000):
        lines = [line.replace("\udc80", "?")  # main cannot encode a lone surrogate either
                 for line in random_texts(rng.randrange(1, 5), rng.randrange(10**6), 12)
                 if line.strip()]
        if rng.random() < 0.5:
            lines = [" ".join(line.split()) or "x" for line in lines]
        expected = [repeated.line_key(line) for line in lines]
        assert list(repeated.line_keys(lines)) == expected, lines
        assert expected == [repeated.line_keys([line]).__next__() for line in lines]


def test_document_keys_are_those_of_the_candidate_lines() -> None:
    """BP100's keys of a document, none without a line after the title (a one-line text,
    blank lines, "\r" breaks) and the keys of its candidate lines otherwise."""
    texts = ["", "Title", "Title\n", "Title\n\n  \n", "Title\r\nLine one", "Title\rA B C",
             "\n\nTitle\nx", "Title\n12 3\n"] + random_texts(1500, 14, 40)
    for text in texts:
        doc = Document(text.replace("\udc80", "?"))
        expected = tuple(repeated.line_key(line) for line in repeated.candidate_texts(doc))
        assert repeated.document_keys(doc, Context()) == expected, repr(text)


def test_document_lines_and_paragraphs_follow_the_line_break_pattern() -> None:
    breaks = re.compile(r"\r\n|\r|\n")
    blank = re.compile(r"[ \t\u00a0\u3000]*")
    for text in random_texts(3000, 10, 60) + ["", "\n", "a\n\n", "a\r\n\rb"]:
        doc = Document(text)
        assert doc.line_starts == [0] + [m.end() for m in breaks.finditer(text)]
        paragraphs, current = [], None
        for start, end in doc.lines():
            if blank.fullmatch(text[start:end]):
                paragraphs += [current] if current else []
                current = None
                continue
            current = (current[0], end) if current else (start, end)
            if ends_like_a_paragraph(text[start:end]):
                paragraphs.append(current)
                current = None
        paragraphs += [current] if current else []
        assert [(p.start, p.end) for p in doc.paragraphs] == paragraphs, repr(text)


def ends_like_a_paragraph(line: str) -> bool:
    """The paragraph-end test of Document.paragraphs, as its pattern says."""
    return re.search(r"""[.!?:;…»«“”„"')\]]\s*$|^\s*$""", line) is not None


def test_a_near_duplicate_tie_goes_to_the_earliest_sentence_whatever_the_set_order() -> None:
    """Shingles are a set of strings, iterated in a different order in every process."""
    words = ("one", "two", "three", "four", "five", "six", "seven")
    items = [duplicates.Sentence(0, 1, 0, (*words, "eight")),
             duplicates.Sentence(2, 3, 0, (*words, "nine")),
             duplicates.Sentence(4, 5, 0, (*words, "ten"))]
    postings = {("a",): [1], ("b",): [0], ("c",): [0, 1]}
    for order in ([("a",), ("b",), ("c",)], [("b",), ("a",), ("c",)]):
        best = duplicates._best_candidate(items[2], order, items, postings)  # type: ignore[arg-type]
        assert best is not None and best[0] == 0, order


def plain_sentence_words(doc: Document, lang: str) -> list[tuple[bytes, ...]]:
    """sentence_words as first written: every candidate boundary decided by is_boundary."""
    from termcheck.sentences import SENTENCE_END, abbreviations, is_boundary

    known = abbreviations(lang)
    text = " \x01 ".join(p.text.replace("\x01", "\x02") for p in doc.paragraphs)
    marked = duplicates.casefolded(SENTENCE_END.sub(
        lambda m: " \x01 " if is_boundary(text, m, known) else m.group(), text),
        duplicates.non_ascii_separators(doc.text), duplicates.SEPARATORS_BUT_MARK_TO_SPACE)
    return [tuple(words) for words in map(bytes.split, marked.split(b"\x01"))
            if len(words) >= duplicates.MIN_WORDS]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "es", "fi"])
def test_sentence_words_decide_few_boundaries_and_the_same_ones(lang: str) -> None:
    rng = random.Random(lang)
    pieces = [" ", "  ", "\n", "\n\n", "\u00a0", "\t", ".", ". ", "! ", "?", "…", "...", "»",
              "”", ")", "(", "«", "„", "a", "B", "Jan", "Rev", "z", "d", "т", "е", "п", "и",
              "EE", "UU", "U.S", "e", "ex", "Haus", "Straße", "said", "word", "Word", "слово",
              "Слово", "İ", "1", "2021", "approx", "Messrs", "-", "\x01", "\x02"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(60))) for _ in range(1500)]
    for text in texts + repeating_texts(6)[:100] + random_texts(300, 7, 200):
        doc = Document(text)
        separators = duplicates.non_ascii_separators(text)
        expected = plain_sentence_words(doc, lang)
        assert duplicates.sentence_words(doc, separators, lang) == expected, repr(text)
        # from the document's casefold, where it folds in place (else as without it)
        assert duplicates.sentence_words(doc, separators, lang, text.casefold()) == expected, \
            repr(text)


def test_a_casefold_in_place_marks_as_the_text_does() -> None:
    """What :func:`duplicates.folds_in_place` relies on, for every code point: a word character
    that folds to one character folds to a word character, and the characters that sentence
    marking matches or writes (the full stops and closing marks of
    :data:`~termcheck.sentences.SENTENCE_END`, blanks, ``\\x01`` and ``\\x02``) fold to
    themselves while no other character folds to one of them."""
    from termcheck.sentences import FULL_STOP_END, SENTENCE_END

    classes = r"[.!?…\"'»”’“)\]\s\x01\x02]"
    assert SENTENCE_END.pattern == r"[.!?…][.!?…]*[\"'»”’“)\]]*\s+"  # its characters: classes'
    assert FULL_STOP_END.pattern == r"\.\.*[\"'»”’“)\]]*\s+"
    marking = re.compile(classes)
    word = re.compile(r"\w")
    for char in map(chr, range(sys.maxunicode + 1)):
        folded = char.casefold()
        if len(folded) == 1:
            assert bool(marking.match(folded)) == bool(marking.match(char)), hex(ord(char))
            assert folded == char or not marking.match(char), hex(ord(char))
            assert not word.match(char) or word.match(folded), hex(ord(char))


def test_a_text_folded_in_place_is_marked_from_its_casefold() -> None:
    texts = ["Straße. İstanbul said so. Again", "Der Haus. Jan. 5 said. Ⓐ x. ⓐ y.",
             "ǅ said. ﬀ. Σ. ͅ one. two."] + random_texts(300, 17, 200)
    texts += [text.translate(dict.fromkeys(map(ord, "ßİﬀᾷ"))) for text in texts]  # fewer
    in_place = 0
    for text in texts:
        separators = duplicates.non_ascii_separators(text)
        fold = text.casefold()
        if duplicates.folds_in_place(text, fold, separators):
            in_place += 1
        doc = Document(text)
        assert duplicates.sentence_words(doc, separators, "en", fold) == \
            duplicates.sentence_words(doc, separators, "en"), repr(text)
    assert 100 < in_place < len(texts) - 100, in_place


def test_no_character_of_the_sentence_starts_is_lower_case() -> None:
    starts = re.compile(f"[{duplicates.NOT_LOWER_CASE}]")
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if starts.match(c) and c.islower()]


def test_separators_of_latin1_texts_are_those_the_regex_finds() -> None:
    from termcheck.casefolding import _NON_ASCII_SEPARATOR, _separators

    latin1 = [chr(code) for code in range(0x100)]
    rng = random.Random(7)
    texts = ["".join(rng.choice(latin1) for _ in range(rng.randrange(30))) for _ in range(2000)]
    for text in texts + random_texts(500, 8) + ["Straße «über» ¿qué?", "½ × ²"]:
        assert _separators(text) == frozenset(_NON_ASCII_SEPARATOR.findall(text)), repr(text)


def test_a_layout_line_is_a_table_row_indented_code_or_a_tab() -> None:
    from termcheck.rules.spacing import is_layout_line

    layout = re.compile(r"^(?: {4}|\t)|\||\t")  # the definition the substring tests replace
    for line in random_texts(3000, 9) + ["    code", "   text", "a | b", "x\ty", "\tindent", ""]:
        assert is_layout_line(line) == bool(layout.search(line)), repr(line)


def test_joined_paragraphs_are_the_plain_join() -> None:
    """DP001's paragraphs joined without a replacement where the text holds no ``\\x01``: the
    plain definition's text, with and without it (random texts hold it, CRLF, lone surrogates,
    non-BMP letters), and the document's line words are left as they were by the keys."""
    texts = random_texts(3000, 21, 120) + ["a\x01b.\n\nc d\x01", "\x01", "", "\n\n\x01\n"]
    for text in texts:
        doc = Document(text)
        plain = duplicates._PARAGRAPH_MARK.join(
            p.text.replace("\x01", "\x02") for p in doc.paragraphs)
        assert duplicates._joined_paragraphs(doc) == plain, repr(text)
    for text in repeating_texts(22)[:50]:
        doc = Document(text)
        ctx = Context(Config(lang="en"))
        before = [list(line) for line in duplicates.document_line_words(doc, ctx)]
        separators = duplicates.non_ascii_separators(text)
        duplicates._keys_from_line_words(doc, ctx, *duplicates._counted_sentences(
            doc, separators, "en"))
        assert duplicates.document_line_words(doc, ctx) == before, repr(text)


def test_sentence_keys_cut_from_line_words_are_those_of_the_own_split() -> None:
    """Where DP001's screen shares DP010/DP011's line words (:func:`duplicates._shares_line_words`),
    the sentences cut from them by each part's word count are the words its own split makes,
    and the counts and paragraphs are its own; texts holding ``_`` or a separator that is a
    word character of line_words (a combining mark) are refused."""
    shared = refused = 0
    samples = [path.read_text(encoding="utf-8")
               for path in sorted((REPO / "samples").glob("*.txt"))]
    texts = (random_texts(2000, 12, 200) + repeating_texts(13) + far_repeating_texts(14) + samples
             + ["Ä\u0308 b c d e f. Ä\u0308 b c d e f.", "a_b c d e f g. a_b c d e f g.",
                "Der Rat traf sich am Montag und stimmte zu.\r\n\r\nÜBER STRASSE, «wieder» – ja."])
    for text in texts:
        doc = Document(text)
        separators = duplicates.non_ascii_separators(text)
        split = duplicates._split_sentences(doc, separators, "en", text.casefold())
        expected = (split[0], list(map(len, split[1])), duplicates._word_lists(split))
        assert duplicates._sentence_keys(doc, "en", None) == expected
        ctx = Context(Config(lang="en"))
        if not duplicates._shares_line_words(text, separators):
            refused += 1
            continue
        shared += 1
        parts, counts = duplicates._counted_sentences(doc, separators, "en")
        assert [bool(part) for part in parts] == [bool(part) for part in split[0]], repr(text)
        assert counts == expected[1], repr(text)
        keys = duplicates._keys_from_line_words(doc, ctx, parts, counts)
        assert keys == expected[2], repr(text)
        assert duplicates._paragraph_numbers(parts, counts) == duplicates._paragraph_numbers(
            split[0], expected[1])
        assert duplicates._sentence_keys(doc, "en", ctx)[2] == expected[2]
    assert shared > 1000 and refused > 500, (shared, refused)
    # the blank lines between paragraphs hold no word of either
    from termcheck.document import _BLANK_CHARS

    assert duplicates._shares_line_words(_BLANK_CHARS, duplicates.non_ascii_separators(
        _BLANK_CHARS)) and not duplicates._WORD.search(_BLANK_CHARS)

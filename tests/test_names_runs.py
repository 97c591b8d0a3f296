"""The regex pass over runs of capitalised words finds exactly what the word-by-word scan finds."""

from __future__ import annotations

import pickle
import random
import re
from functools import reduce
from itertools import pairwise
from pathlib import Path
from typing import Iterator

import pytest

from termcheck.errors import DataError
from termcheck.names import runs
from termcheck.names.candidates import same_spelling, scan
from termcheck.names.profile import NameStats, varied_keys
from termcheck.names.runs import RunTable, raw_runs, scan_runs
from termcheck.names.translit import default_folder

TRICKY = [
    "",
    "Dmitry Peskov said. Dmitri Peskov denied it.",
    "“Kassym-Jomart Tokayev” met NATO's chief Jens Stoltenberg; Putin’s aide Yuri Ushakov came.",
    "The talks. the talks, THE TALKS - Über über ÜBER.",
    "O'Brien and d'Artagnan, l’Élysée and Jean-Luc Picard; Mc-Donald's X Y Zed.",
    "3Com, A_B, x-Abc, ab'-Cd, anti-Russian Kremlin-backed, e.g. Mr. Smith.\r\nNew line",
    "  - «Guillemets» ‹Open›… (Paren) [Bracket] *Star* •Bullet• —Dash— 'Quote'",
    "Straße STRASSE strasse İstanbul ǅemal Ⅻ Roman 𝐁𝐨𝐥𝐝 𐐀𐐨 Deseret ﬁne",
    # separators that end a word, doubled or after a separator: nothing given back to them
    "Jean--Luc Anne-'Marie re-’Do, well-- known Ab- Cd-, x'- Ef' 'Gh O'-Neil.",
    # a lower-case head word, and a title-case one (a letter neither upper nor lower case)
    "élan-vital's Über and ǅemal",
    "ǅemal über Ǆ",
]
ALPHABET = list("AbcDéÉxYZ  '’-.!?…:;\r\n\t\"“«»([*•–—_3²Ⅰǅßİ𝐀𐐀𐐨ʼ́") + [
    "'s", "’ll", "NATO", " Abc", "Mc", "abc", "über", "Über"]


BMP_ONLY = [piece for piece in ALPHABET if all(ord(c) < 0x10000 for c in piece)]


def random_texts(count: int, alphabet: list[str], seed: int = 7) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choice(alphabet) for _ in range(generator.randint(0, 30)))
            for _ in range(count)]


@pytest.fixture(scope="module", params=[False, True], ids=["by-category", "listed"])
def table(request: pytest.FixtureRequest) -> Iterator[RunTable]:
    """A run table; the patterns match letters by category, or by explicit lists as after
    :data:`runs.LISTED_AFTER` characters."""
    saved = runs.LISTED_AFTER
    runs.LISTED_AFTER = -1 if request.param else 10**12
    yield RunTable(default_folder())
    runs.LISTED_AFTER = saved


@pytest.mark.parametrize("text", TRICKY)
def test_runs_give_the_scan_of_tricky_texts(text: str, table: RunTable) -> None:
    assert scan_runs(text, table) == scan(text, default_folder())


@pytest.mark.parametrize("text", TRICKY)
def test_runs_give_the_name_stats_of_tricky_texts(text: str, table: RunTable) -> None:
    expected = NameStats.of(scan(text, default_folder()))
    assert NameStats.of_runs(text, raw_runs(text), table).to_plain() == expected.to_plain()


@pytest.mark.parametrize("alphabet", [ALPHABET, BMP_ONLY], ids=["astral", "bmp"])
def test_runs_agree_with_the_scan_on_random_texts(alphabet: list[str], table: RunTable) -> None:
    for text in random_texts(2000, alphabet):
        assert scan_runs(text, table) == scan(text, default_folder()), text
        expected = NameStats.of(scan(text, default_folder())).to_plain()
        assert NameStats.of_runs(text, raw_runs(text), table).to_plain() == expected, text


def test_a_restricted_scan_keeps_only_the_runs_with_a_wanted_key(table: RunTable) -> None:
    text = "Dmitry Peskov and Sergei Lavrov met. Peskov left."
    found = scan_runs(text, table, frozenset({default_folder().key("Peskov")}), full=False)
    assert [w.surface for w in found.words] == ["Dmitry", "Peskov", "Peskov"]
    assert [p.surface for p in found.phrases] == ["Dmitry Peskov"]


@pytest.mark.parametrize("alphabet", [ALPHABET, BMP_ONLY], ids=["astral", "bmp"])
def test_a_scan_of_some_runs_searches_their_window_only(alphabet: list[str],
                                                        table: RunTable) -> None:
    """Given the analysis of some runs (as NM002's check has it) and not the text's runs,
    ``scan_runs`` searches only :func:`runs.kept_window` of the text: what a search of the
    whole text finds. Wanted strings that are no run of the text change nothing: one it lacks
    ("Abc Zed"), the last word of a run ("Peskov" in "Dmitri Peskov": found in it, not as a
    run)."""
    generator = random.Random(3)
    for text in TRICKY + random_texts(3000, alphabet, seed=17):
        found = raw_runs(text)[0]
        chosen = generator.sample(found, min(len(found), generator.randint(0, 3)))
        words = [run.split(" ")[-1] for run in generator.sample(found, min(len(found), 1))]
        chosen += words[:generator.randint(0, 1)] + ["Abc Zed"][:generator.randint(0, 1)]
        wanted = {run: table[run] for run in chosen}
        assert scan_runs(text, table, wanted, full=False) == scan_runs(
            text, table, wanted, full=False, runs=found), text


def test_the_window_of_kept_runs_is_bounded_by_breaks() -> None:
    text = "Intro, then Mr Dmitri Peskov spoke. Peskov left; the end, Fin."
    start, end = runs.kept_window(text, ["Peskov", "Dmitri"])  # type: ignore[misc]
    assert text[start - 1:end + 1] == ", then Mr Dmitri Peskov spoke. Peskov left;"
    assert runs.kept_window(text, ["Lavrov"]) is None


def test_merged_raw_runs_count_as_the_merged_scans(table: RunTable) -> None:
    """Statistics that keep raw runs, merged in any grouping and with already counted ones (a
    saved profile), count what the merged scans count."""
    texts = TRICKY + random_texts(300, ALPHABET, seed=11)
    eager = [NameStats.of(scan(text, default_folder())) for text in texts]
    lazy = [NameStats.of_runs(text, raw_runs(text), table) for text in texts]
    expected = reduce(NameStats.merge, eager, NameStats()).to_plain()
    saved = NameStats.from_plain(reduce(NameStats.merge, lazy[:40], NameStats()).to_plain())
    merged = reduce(NameStats.merge, reversed(lazy[40:]), saved)
    assert merged.expand(table).to_plain() == expected
    into = NameStats().merge(lazy[0])
    for stats in lazy[1:]:
        into.merge_into(stats)
    assert into.expand(table).to_plain() == expected


@pytest.mark.parametrize("text", TRICKY + random_texts(300, ALPHABET, seed=5))
def test_lowercase_among_is_the_intersection(text: str) -> None:
    wanted = {"the", "über", "strasse", "talks", "abc", "x", "élysée", "ss", "fine"}
    assert runs.lowercase_among(text, wanted) == wanted & runs.lowercase_words(text)


LATIN1 = [piece for piece in ALPHABET if all(ord(c) < 0x100 for c in piece)] + list(
    "ÀÖØÞßàöøÿªºµ×÷¿¡«»·\xa0\xad") + [chr(code) for code in range(0x100)]


@pytest.mark.parametrize("listed", [False, True], ids=["by-category", "listed"])
def test_latin1_patterns_match_as_the_bmp_s_in_latin1_text(listed: bool) -> None:
    """A text of characters below U+0100 gets patterns of the cased letters below U+0100 only."""
    cut, bmp = runs.patterns(latin1=True), runs.patterns(listed=listed)
    texts = [t for t in TRICKY if runs.is_latin1(t)] + random_texts(3000, LATIN1, seed=11)
    for text in texts:
        assert runs.patterns_for(text) is cut
        for field in ("runs", "opening", "lower_words"):
            assert getattr(cut, field).findall(text) == getattr(bmp, field).findall(text), text
        head, expected = cut.head_word.match(text), bmp.head_word.match(text)
        assert (head and head.group()) == (expected and expected.group()), text
    assert not runs.is_latin1("Ā") and not runs.is_latin1("a’") and runs.is_latin1("ÿ\r\n")


@pytest.mark.parametrize("text", TRICKY + ["\ud800 lone surrogate", "\U0001F600"])
def test_astral_characters_are_told_by_the_utf16_length(text: str) -> None:
    assert runs.has_astral(text) == bool(re.search(r"[\U00010000-\U0010FFFF]", text))


def test_a_full_memo_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past :data:`runs.MEMO_SIZE` distinct runs, the table and the kept runs compute instead of
    remembering: the same scans and the same decisions, in bounded memory."""
    texts = TRICKY + random_texts(200, ALPHABET, seed=13)
    wanted = frozenset(w.key for text in texts for w in scan(text, default_folder()).words[:1])
    roomy = RunTable(default_folder())
    expected = [scan_runs(text, roomy, runs.KeptRuns(wanted, roomy)) for text in texts]
    monkeypatch.setattr(runs, "MEMO_SIZE", 3)
    monkeypatch.setattr(runs, "KEPT_SIZE", 3)
    small = RunTable(default_folder())
    kept = runs.KeptRuns(wanted, small)
    assert [scan_runs(text, small, kept) for text in texts] == expected
    assert len(small) <= 3 and len(kept) <= 3


def test_kept_infos_analyse_each_run_once_past_the_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """:meth:`runs.KeptRuns.infos_of` gives the analysis of exactly the runs with a wanted key,
    and analyses each run at most once even when neither memo has room left."""
    texts = TRICKY + random_texts(200, ALPHABET, seed=17)
    wanted = frozenset(w.key for text in texts for w in scan(text, default_folder()).words[:1])
    distinct = sorted({run for text in texts for run in raw_runs(text)[0]})
    roomy = RunTable(default_folder())
    expected = {run: roomy[run] for run in distinct
                if not wanted.isdisjoint(roomy[run].keys)}
    analysed: list[str] = []

    def counted(run: str, folder: object) -> runs.RunInfo:
        analysed.append(run)
        return roomy[run]

    monkeypatch.setattr(runs, "MEMO_SIZE", 3)
    monkeypatch.setattr(runs, "KEPT_SIZE", 3)
    monkeypatch.setattr(runs, "analyse_run", counted)
    kept = runs.KeptRuns(wanted, RunTable(default_folder()))
    assert kept.infos_of(distinct + distinct[::-1]) == expected  # repeated runs: once
    assert sorted(analysed) == distinct
    assert kept.infos_of(distinct) == expected  # past the bound: decided afresh, the same


def test_casefolds_of_runs_the_table_cannot_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the table is full, the casefolds of a run it does not hold are the analysis's,
    taken without analysing the run."""
    texts = TRICKY + random_texts(300, ALPHABET, seed=19)
    distinct = sorted({run for text in texts for run in raw_runs(text)[0]})
    roomy = RunTable(default_folder())
    for run in distinct:
        assert runs.run_casefolds(run) == roomy[run].casefolds, run
    monkeypatch.setattr(runs, "MEMO_SIZE", 3)
    small = RunTable(default_folder())
    for text in texts:
        found = list(dict.fromkeys(raw_runs(text)[0]))
        assert small.casefolds(found) == runs.casefolds(roomy.infos(found)), text
    assert len(small) == 3


def test_casefolds_taken_without_analysis_are_the_analysis_s() -> None:
    """A forked profile worker takes its runs' casefolds without analysing them (the main
    process analyses them once): the same words, and no run added to the table."""
    texts = TRICKY + random_texts(300, ALPHABET, seed=23)
    roomy = RunTable(default_folder())
    lazy = RunTable(default_folder())
    lazy.infos(raw_runs(TRICKY[1])[0])  # runs analysed before (the warm-up): read from there
    held = len(lazy)
    for text in texts:
        found = list(dict.fromkeys(raw_runs(text)[0]))
        assert lazy.casefolds(found, analyse=False) == runs.casefolds(roomy.infos(found)), text
    assert len(lazy) == held


@pytest.mark.parametrize("alphabet", [ALPHABET, BMP_ONLY], ids=["astral", "bmp"])
def test_candidate_words_are_the_kept_words_of_each_piece(alphabet: list[str]) -> None:
    """:func:`runs.candidate_word` of each space-free piece of a run gives the words that
    ``_kept_words`` lists (clitics cut, all-capital and one-letter words left out), and the
    run's analysis places them at the same offsets: hyphens, apostrophes, initials, Cyrillic."""
    texts = random_texts(1000, alphabet, seed=41) + [
        "Kassym-Jomart Tokayev", "O'Brien's Putin’s I'll", "J. R. R. Tolkien", "NATO Ab",
        "Дмитрий Песков", "Jean--Luc Anne-'Marie", "Über ÜBER Élysée"]
    table = RunTable(default_folder())
    for run in {run for text in texts for run in raw_runs(text)[0]} | set(texts[-7:]):
        pieces = [runs.candidate_word(piece) for piece in run.split(" ")]
        kept = [word for _, word in runs._kept_words(run)]
        assert [word for word in pieces if word is not None] == kept, run
        assert [(w.start, w.surface) for w in table[run].words] == list(runs._kept_words(run))


def test_a_run_derives_what_it_does_not_store(table: RunTable) -> None:
    """Counts, keys, opening counts and neighbour pairs come from the words and phrases."""
    info = table["Kassym-Jomart Tokayev Met Dmitri"]
    words = [w.surface for w in info.words]
    assert words == ["Kassym-Jomart", "Tokayev", "Met", "Dmitri"]
    assert [(a.surface, b.surface) for a, b in info.pairs] == list(pairwise(words))
    assert [c[1] for c in info.counts] == [*words, "Kassym-Jomart Tokayev Met Dmitri"]
    assert set(info.keys) == {c[0] for c in info.counts}
    assert [inside[1] for inside, _ in info.opening] == ["Kassym-Jomart",
                                                         "Kassym-Jomart Tokayev Met Dmitri"]
    assert all(opened == (inside[0], inside[1], True) for inside, opened in info.opening)
    assert info.pair_keys[0][2:] == ("kassym-jomart", "tokayev")
    assert table["NATO Stoltenberg"].opening == ()  # all capitals: not a candidate


def test_counted_statistics_forget_their_raw_runs(table: RunTable) -> None:
    """Once expanded, statistics keep counts only: the same profile, and merges still add."""
    texts = TRICKY + random_texts(50, ALPHABET, seed=17)
    lazy = [NameStats.of_runs(text, raw_runs(text), table) for text in texts]
    expected = reduce(NameStats.merge, lazy, NameStats()).to_plain()
    first = reduce(NameStats.merge, lazy[:20], NameStats()).expand(table)
    assert first.runs == {}
    assert reduce(NameStats.merge, lazy[20:], first).expand(table).to_plain() == expected


def test_a_run_and_its_sentence_openings_share_one_count(table: RunTable) -> None:
    """A raw run's count packs its occurrences and those that open a sentence: one entry (one
    string) per distinct run, and a merge adds both counts."""
    def stats(text: str) -> NameStats:
        return NameStats.of_runs(text, raw_runs(text), table)

    merged = stats("Anna Karenina met Oblonsky. Anna Karenina left.").merge(
        stats("He saw Oblonsky. Oblonsky came."))
    assert {run: (runs.occurrences(n), runs.openings(n)) for run, n in merged.runs.items()} == {
        "Anna Karenina": (2, 2), "Oblonsky": (3, 1), "He": (1, 1)}
    assert runs.occurrences(2 * runs.OPENED + 5) == 5 and runs.openings(2 * runs.OPENED + 5) == 2


def test_the_check_view_answers_as_the_profile(table: RunTable) -> None:
    """:meth:`NameStats.for_check` keeps the keys spelled several ways: the same verdicts,
    varied keys and neighbour pairs, from a fraction of the counts."""
    texts = [*TRICKY, "Dmitry Peskov met Sergey Lavrov. Dmitri Peskov and Sergei Lavrov left.",
             "Sergey Lavrov spoke. Paris, Berlin and Rome. DMITRY Peskov? Dmitry Peskov.",
             *random_texts(200, ALPHABET, seed=19)]
    full = reduce(NameStats.merge, [NameStats.of_runs(text, raw_runs(text), table)
                                    for text in texts], NameStats()).expand(table)
    view = full.for_check(table).expand(table)
    assert view.varied == full.varied and len(full.varied) >= 2
    assert view.by_key == {key: full.by_key[key] for key in full.varied}
    assert len(view.counts) < len(full.counts)
    for key in full.varied:
        for preferred in (None, "Dmitri"):
            assert view.verdict(key, preferred) == full.verdict(key, preferred)
    for pair in full.pairs:
        if pair[0] in full.varied or pair[1] in full.varied:
            assert view.pairs[pair] == full.pairs[pair]


def test_the_check_view_of_raw_runs_is_the_view_of_the_counts(table: RunTable) -> None:
    """A profile whose runs are still raw gives the check pass the same view as once counted:
    its runs are counted straight into the view, without the pairs and index of every key."""
    texts = [*TRICKY, "Dmitry Peskov met Sergey Lavrov. Dmitri Peskov and Sergei Lavrov left.",
             "Über die Grenze. Der Über-Fahrer über alles. Sergey Lavrov, Sergei Lavrov.",
             *random_texts(300, ALPHABET, seed=23)]
    parts = [NameStats.of_runs(text, raw_runs(text), table) for text in texts]
    raw = reduce(NameStats.merge, parts, NameStats())
    counted = reduce(NameStats.merge, parts, NameStats()).expand(table)
    view = raw.for_check(table)
    assert view.to_plain() == counted.for_check(table).to_plain()
    assert view.varied == counted.varied and len(view.varied) >= 2
    assert raw.runs, "the raw profile is left as it was"


def test_the_check_view_comes_with_its_runs_decided(table: RunTable) -> None:
    """The check view's kept runs are decided at the end of the profile pass, from the runs
    found with a key spelled two ways: the decisions the check would take run by run, and a
    pickle of the view leaves them (and the run table they hold) behind."""
    texts = [*TRICKY, "Dmitry Peskov met Sergey Lavrov. Dmitri Peskov and Sergei Lavrov left.",
             "Über die Grenze. Der Über-Fahrer. Sergey Lavrov, Sergei Lavrov, Lavrov's aide.",
             *random_texts(300, ALPHABET, seed=31)]
    raw = reduce(NameStats.merge, [NameStats.of_runs(text, raw_runs(text), table)
                                   for text in texts], NameStats())
    view = raw.for_check(table)
    settled = view.kept_runs(table)
    assert set(settled) == set(raw.runs) and any(settled.values())
    lazy = runs.KeptRuns(view.varied, table)
    assert {run: lazy[run] for run in raw.runs} == dict(settled)
    assert "_kept_runs" not in pickle.loads(pickle.dumps(view)).__dict__


def test_settling_decides_as_each_run_is_decided(monkeypatch: pytest.MonkeyPatch) -> None:
    """:meth:`runs.KeptRuns.settle` takes the runs without one of a superset of its keys as not
    kept, decides the others, and remembers no more than :data:`runs.KEPT_SIZE` runs."""
    texts = TRICKY + random_texts(300, ALPHABET, seed=37)
    distinct = sorted({run for text in texts for run in raw_runs(text)[0]})
    roomy = RunTable(default_folder())
    keys = [w.key for run in distinct for w in roomy[run].words]
    wanted, more = frozenset(keys[::7]), set(keys[::7] + keys[1::5])
    candidates = runs.runs_with_keys(more, distinct, roomy)
    assert candidates == [run for run in distinct if not more.isdisjoint(roomy[run].keys)]
    settled = runs.KeptRuns(wanted, roomy)
    settled.settle(distinct, candidates)
    assert dict(settled) == {run: not wanted.isdisjoint(roomy[run].keys) for run in distinct}
    monkeypatch.setattr(runs, "KEPT_SIZE", 5)
    small = runs.KeptRuns(wanted, roomy)
    small.settle(distinct, candidates)
    assert dict(small) == {run: settled[run] for run in distinct[:5]}


def test_varied_keys_are_the_keys_of_several_spellings(table: RunTable) -> None:
    """:func:`varied_keys` names the keys :attr:`NameStats.by_key` gives two spellings or more."""
    texts = [*TRICKY, "Paris. Paris and PARIS, Pariss met Paris.", "Kyiv and Kiev, kiev.",
             *random_texts(300, ALPHABET, seed=29)]
    stats = reduce(NameStats.merge, [NameStats.of_runs(text, raw_runs(text), table)
                                     for text in texts], NameStats()).expand(table)
    by_spellings = {key for key, forms in stats.by_key.items()
                    if len({same_spelling(surface) for surface in forms}) > 1}
    assert varied_keys(stats.counts, stats.common) == by_spellings


def test_the_bmp_text_is_every_bmp_character_in_order() -> None:
    """The classes of cased letters are read from it: its UTF-32 build must give each code
    point of the plane once, surrogates included, at its own offset."""
    assert runs._bmp_text() == "".join(map(chr, range(0x10000)))


def test_keys_spelled_apart_leave_common_spellings_out(table: RunTable) -> None:
    """A spelling the corpus also writes in lower case never makes a key varied, so the keys
    spelled apart leave it out (fewer keys counted at the end of the profile pass); a run of
    words is never a common word."""
    distinct = ["Dmitry Peskov", "Dmitri Peskov", "Sergei", "Sergey"]
    word_key = {run: table[run].words[0].key for run in distinct}
    phrase_key = table["Dmitry Peskov"].phrases[0].key
    every = runs.keys_spelled_apart(distinct, table)
    assert every == {word_key["Dmitry Peskov"], word_key["Sergei"], phrase_key}
    assert runs.keys_spelled_apart(distinct, table, common={"dmitri"}) == every - {
        word_key["Dmitri Peskov"]}


def test_anchored_keys_are_those_seen_inside_a_sentence(table: RunTable) -> None:
    """A key whose every occurrence opens a sentence is not anchored; the word that starts a
    run is anchored by the occurrences of the run that do not open one, a later word by any."""
    key = table["Sergei"].words[0].key
    opening_only = {"Sergei": 2 + 2 * runs.OPENED, "Sergey": 1 + runs.OPENED}
    assert runs.anchored_keys({key}, list(opening_only), opening_only, table) == set()
    once_inside = {"Sergei": 3 + 2 * runs.OPENED, "Sergey": 1 + runs.OPENED}
    assert runs.anchored_keys({key}, list(once_inside), once_inside, table) == {key}
    later_word = {"Sergei": 2 + 2 * runs.OPENED, "Minister Sergey": 1 + runs.OPENED}
    assert runs.anchored_keys({key}, list(later_word), later_word, table) == {key}
    assert runs.anchored_keys({key}, [], {}, table, [(key, "Sergei", False)]) == {key}
    assert runs.anchored_keys({key}, [], {}, table, [(key, "Sergei", True)]) == set()


def test_keys_spelled_apart_in_shares_give_the_whole_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past :data:`runs.APART_RUNS` distinct runs the keys written two ways are found a share
    of the keys at a time (bounded memory): the same keys as in one walk."""
    texts = TRICKY + random_texts(300, ALPHABET, seed=23) + [
        "Dmitry Peskov met Dmitri Peskov. Sergei Lavrov and Sergey Lavrov. Kostanai, Kostanay."]
    distinct = sorted({run for text in texts for run in raw_runs(text)[0]})
    counted = [("tokayev", "Tokaev", False), ("tokayev", "Tokayev", True)]
    whole = runs.keys_spelled_apart(distinct, RunTable(default_folder()), counted)
    folded = default_folder().key
    assert {folded("Dmitry"), folded("Sergei"), "tokayev"} <= whole  # two ways: runs, counts
    monkeypatch.setattr(runs, "APART_RUNS", 7)
    for shares in (2, 3, 40):
        monkeypatch.setattr(runs, "APART_SHARES", shares)
        assert runs.keys_spelled_apart(distinct, RunTable(default_folder()), counted) == whole


def test_the_shipped_bmp_letters_are_those_of_unicodedata() -> None:
    """``lang/bmp-letters.tsv`` (read instead of deriving the classes at each start) lists, for
    the running Python's Unicode version, exactly the ranges unicodedata gives
    (``python3 tools/derived_tables.py`` writes the rows of a new version)."""
    runs._bmp.cache_clear()
    try:
        assert runs._bmp() == runs.bmp_letter_ranges()
    finally:
        runs._bmp.cache_clear()


def test_a_unicode_version_the_file_lacks_derives_the_classes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "unidata_version", "0.0.0")
    monkeypatch.setattr(runs, "bmp_letter_ranges", lambda: "derived")
    runs._bmp.cache_clear()
    try:
        assert runs._bmp() == "derived"
    finally:
        runs._bmp.cache_clear()


@pytest.mark.parametrize("ranges", ["0041-005A 0061-007A", "0041", "00C0-00D6 00D8 00DA-00DE"])
def test_ranges_read_back_as_written(ranges: str) -> None:
    assert runs.write_ranges(runs.read_ranges(ranges)) == ranges


@pytest.mark.parametrize("ranges", ["005A-0041", "0041-005A 0050", "0041 0042", "0041-005A G",
                                    "0041-"])
def test_ranges_that_are_not_ascending_apart_and_whole_are_refused(ranges: str) -> None:
    with pytest.raises(ValueError):
        runs.read_ranges(ranges)


def test_a_bad_row_of_the_letter_file_names_its_line(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bmp-letters.tsv"
    bad.write_text(f"unicode\tclass\tranges\n{runs.unidata_version}\tupper\t0041-005A\n"
                   f"{runs.unidata_version}\tlower\t007A-0061\n", encoding="utf-8")
    monkeypatch.setattr(runs, "shipped", lambda *parts: bad)
    runs._bmp.cache_clear()
    try:
        with pytest.raises(DataError, match=r"bmp-letters.tsv:3: bad ranges"):
            runs._bmp()
    finally:
        runs._bmp.cache_clear()


def test_name_stats_made_without_init_equal_those_made_with_it() -> None:
    """``NameStats._of_parts`` (the collect's fast path) fills the fields the way the frozen
    dataclass's ``__init__`` does; a field added to ``NameStats`` must be added there too."""
    import dataclasses

    parts = ({("a", "b"): 1}, {("a", "b", "c", "d"): 2}, {"x": 1}, {"Run": 3})
    assert [f.name for f in dataclasses.fields(NameStats)] == ["counted", "paired", "common",
                                                               "runs"]
    assert NameStats._of_parts(*parts) == NameStats(*parts)  # type: ignore[arg-type]
    assert vars(NameStats._of_parts(*parts)) == vars(NameStats(*parts))  # type: ignore[arg-type]

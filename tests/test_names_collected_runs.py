"""NM002's check of a text collected in the same process reads the runs the profile pass found
(``CollectedRuns``) instead of searching the text again: the same findings, whether the profile
is the corpus's own or a profile file computed on another corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.api import iter_lint, lint_paths
from termcheck.config import Config
from termcheck.model import Finding
from termcheck.names import runs
from termcheck.names.runs import CollectedRuns, RunTable, raw_runs, scan_runs
from termcheck.names.translit import default_folder
from termcheck.rules import names

NM002 = Config(select=("NM002",))

# corpus A: Sergey Lazarev mostly, Sergei Lazarev once (the key of Sergey/Sergei is varied), and
# Dmitry Peskov against Dmitri Peskov; names spelled one way only
CORPUS_A = [
    "Sergey Lazarev sang first. Then Sergey Lazarev left the stage.\n",
    "The singer Sergey Lazarev won. Critics praised Sergey Lazarev again.\n",
    "Sergei Lazarev thanked Anna Petrova. Dmitry Peskov said nothing.\n",
    "Dmitry Peskov spoke. Later Dmitry Peskov and Dmitri Peskov were quoted.\n",
    "Nothing here but Anna Petrova in Geneva.\n",
]
# corpus B: runs A never saw ("Mr Sergei Lazarev", "Sergei Lazarev's"), a spelling A never saw
# of a key A spells several ways ("Sergej": no string of A's runs is in that text), a text with
# none of A's varied keys, and one that spells a varied name A's way
CORPUS_B = [
    "Yesterday Mr Sergei Lazarev arrived in Geneva.\n",
    "The guest was Sergej Lazarev, as announced.\n",
    "Only Anna Petrova and Geneva are named here.\n",
    "Sergey Lazarev and Dmitri Peskov met in Moscow.\n",
    "In Moscow, Sergei Lazarev's manager met Dmitri Peskov.\n",
]


def write_corpus(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"text-{number}.txt").write_text(text, encoding="utf-8")
    return folder


def found(findings: list[Finding]) -> list[tuple[str, int, str, str]]:
    return [(Path(f.path).name, f.start, f.matched, f.message) for f in findings]


LAZAREV_A = "spellings: Sergey Lazarev 3×, Sergei Lazarev 1×)"
LAZAREV_AB = "spellings: Sergey Lazarev 4×, Sergei Lazarev 2×, Sergej Lazarev 1×)"
# what main reported (before CollectedRuns) on CORPUS_B with the profile of CORPUS_A: the
# spelling A never saw is reported
B_WITH_A_PROFILE = [
    ("text-0.txt", 13, "Sergei",
     "'Sergei' is also spelled 'Sergey' (4× against 1×; spellings: Sergey 4×, Sergei 1×)"),
    ("text-1.txt", 14, "Sergej",
     f"'Sergej Lazarev' is also spelled 'Sergey Lazarev' (3× against 0×; {LAZAREV_A}"),
    ("text-4.txt", 11, "Sergei",
     f"'Sergei Lazarev' is also spelled 'Sergey Lazarev' (3× against 1×; {LAZAREV_A}"),
]
# ... on CORPUS_B with its own profile: nothing
B_WITH_ITS_PROFILE: list[tuple[str, int, str, str]] = []
# ... on CORPUS_A and CORPUS_B together
AB_WITH_ITS_PROFILE = [
    ("text-2.txt", 0, "Sergei",
     f"'Sergei Lazarev' is also spelled 'Sergey Lazarev' (4× against 2×; {LAZAREV_AB}"),
    ("text-5.txt", 13, "Sergei", "'Sergei' is also spelled 'Sergey' (5× against 3×; spellings: "
                                 "Sergey 5×, Sergei 3×, Sergej 1×)"),
    ("text-6.txt", 14, "Sergej",
     f"'Sergej Lazarev' is also spelled 'Sergey Lazarev' (4× against 1×; {LAZAREV_AB}"),
    ("text-9.txt", 11, "Sergei",
     f"'Sergei Lazarev' is also spelled 'Sergey Lazarev' (4× against 2×; {LAZAREV_AB}"),
]


def test_a_profile_file_of_another_corpus_gives_the_findings_of_main(tmp_path: Path) -> None:
    """A profile saved on corpus A and reused on corpus B: B's texts were never collected, so
    each check searches its text (a run A never saw may carry a key A spells several ways)."""
    saved = tmp_path / "a.profile.json"
    lint_paths([write_corpus(tmp_path / "a", CORPUS_A)], NM002, profile_file=saved)
    b = write_corpus(tmp_path / "b", CORPUS_B)
    assert found(lint_paths([b], NM002, profile_file=saved).findings) == B_WITH_A_PROFILE
    assert found(lint_paths([b], NM002).findings) == B_WITH_ITS_PROFILE


def test_collected_runs_and_a_new_search_give_the_same_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "ab", CORPUS_A + CORPUS_B)
    assert found(lint_paths([corpus], NM002).findings) == AB_WITH_ITS_PROFILE
    monkeypatch.setattr(runs, "COLLECTED_SIZE", 0)  # nothing kept: every check searches
    assert found(lint_paths([corpus], NM002).findings) == AB_WITH_ITS_PROFILE


def test_the_check_of_a_collected_text_does_not_search_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    search = names._runs_of

    def counted(doc: object, ctx: object, *found: object) -> list[str]:
        searched.append(Path(doc.path).name)  # type: ignore[attr-defined]
        return search(doc, ctx, *found)  # type: ignore[arg-type]

    monkeypatch.setattr(names, "_runs_of", counted)
    lint_paths([write_corpus(tmp_path / "a", CORPUS_A)], NM002)
    assert sorted(searched) == [f"text-{n}.txt" for n in range(len(CORPUS_A))]  # collect only


def test_runs_decided_once_for_the_check_change_no_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check keeps of a text only its runs with a spelling other than the winner, decided
    once per distinct run (``KeptRuns.memo_for``): with no room in that memo, each document
    decides its runs again, with the same findings; with a profile file too."""
    corpus = write_corpus(tmp_path / "ab", CORPUS_A + CORPUS_B)
    saved = tmp_path / "a.profile.json"
    lint_paths([write_corpus(tmp_path / "a", CORPUS_A)], NM002, profile_file=saved)
    b = tmp_path / "b"
    write_corpus(b, CORPUS_B)
    for size in (names.KEPT_SIZE, 0):
        monkeypatch.setattr(names, "KEPT_SIZE", size)
        assert found(lint_paths([corpus], NM002).findings) == AB_WITH_ITS_PROFILE
        assert found(lint_paths([b], NM002, profile_file=saved).findings) == B_WITH_A_PROFILE


def test_further_decisions_about_kept_runs_are_one_owner_s() -> None:
    kept = runs.KeptRuns(frozenset({"sergey"}), RunTable(default_folder()))
    first, second = object(), object()
    kept.memo_for(first)["Sergei Lazarev"] = True
    assert kept.memo_for(first) == {"Sergei Lazarev": True}
    assert kept.memo_for(second) == {}  # other hints: decided afresh
    assert kept.memo_for(first) == {}


ANY: frozenset[str] = frozenset()  # the keys of a check, for unreduced runs: any


def test_collected_runs_are_given_once_and_only_for_the_same_text() -> None:
    collected = CollectedRuns()
    collected.keep("a.txt", "Dmitry Peskov spoke.", ["Dmitry Peskov"])
    assert collected.take("a.txt", "Dmitri Peskov spoke.", ANY) is None  # a fix round's text
    assert collected.take("b.txt", "Dmitry Peskov spoke.", ANY) is None  # another document
    assert collected.take("a.txt", "Dmitry Peskov spoke.", ANY) == ("Dmitry Peskov",)
    assert collected.take("a.txt", "Dmitry Peskov spoke.", ANY) is None
    assert collected.held == 0


def test_collected_runs_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "COLLECTED_SIZE", 3)
    collected = CollectedRuns()
    collected.keep("a.txt", "A", ["Anna", "Boris"])
    collected.keep("b.txt", "B", ["Clara", "Dmitry"])  # past the bound: not kept
    assert collected.held == 2 and collected.take("b.txt", "B", ANY) is None


def test_reduced_runs_serve_only_a_check_with_the_same_keys() -> None:
    """Reduced to the runs with a key spelled several ways, a text's runs are given to a check
    of those keys only (another profile may keep other runs); a new profile pass forgets them."""
    folder = default_folder()
    varied = frozenset({folder.key("Peskov")})
    collected = CollectedRuns()
    collected.keep("a.txt", "A", ["Dmitry Peskov", "Moscow"])
    collected.keep("b.txt", "B", ["Moscow"])
    collected.keep("c.txt", "C", ["Peskov"])
    collected.reduce(runs.KeptRuns(varied, RunTable(folder)))
    assert collected.held == 2
    assert collected.take("a.txt", "A", varied) == ("Dmitry Peskov",)
    assert collected.take("b.txt", "B", frozenset(varied)) == ()  # equal keys: nothing to scan
    assert collected.take("c.txt", "C", frozenset({folder.key("Moscow")})) is None
    collected.keep("a.txt", "A", ["Dmitry Peskov", "Moscow"])  # the next run's profile pass
    assert collected.kept_for is None and collected.take("a.txt", "A", ANY) == (
        "Dmitry Peskov", "Moscow")


def test_a_lint_left_unfinished_does_not_change_the_next_ones_findings(tmp_path: Path) -> None:
    """A library caller that stops reading a lint leaves the runs of the texts it did not check,
    reduced for that profile's keys; a later lint of the same texts with another profile (a
    profile file, no profile pass) does not take them: they lack the runs its keys need."""
    saved = tmp_path / "a.profile.json"
    lint_paths([write_corpus(tmp_path / "a", CORPUS_A)], NM002, profile_file=saved)
    c = write_corpus(tmp_path / "c", [CORPUS_A[3], CORPUS_B[0], CORPUS_B[4]])
    fresh = found(lint_paths([c], NM002, profile_file=saved).findings)
    assert [f[:3] for f in fresh] == [("text-1.txt", 13, "Sergei"), ("text-2.txt", 11, "Sergei")]
    unfinished = iter(iter_lint([c], NM002))
    next(unfinished)
    del unfinished
    assert found(lint_paths([c], NM002, profile_file=saved).findings) == fresh


def test_runs_reduced_for_other_keys_are_forgotten_by_the_next_reduction() -> None:
    folder = default_folder()
    table = RunTable(folder)
    peskov, lazarev = frozenset({folder.key("Peskov")}), frozenset({folder.key("Lazarev")})
    collected = CollectedRuns()
    collected.keep("a.txt", "A", ["Dmitry Peskov", "Sergei Lazarev"])
    collected.reduce(runs.KeptRuns(peskov, table))
    collected.reduce(runs.KeptRuns(peskov, table))  # the same keys again: nothing lost
    assert collected.held == 1
    collected.reduce(runs.KeptRuns(lazarev, table))  # "Sergei Lazarev" was cut away
    assert collected.take("a.txt", "A", lazarev) is None and collected.held == 0


def test_collected_runs_stay_bounded_without_a_reduction(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check without a corpus profile collects and takes each text's runs (``lint_text``, a
    Dask worker never reduces): the table that shares their strings does not grow with them,
    and a text given twice is held once."""
    monkeypatch.setattr(runs, "COLLECTED_SIZE", 4)
    collected = CollectedRuns()
    for number in range(50):  # each text checked after its collect
        collected.keep("a.txt", f"text {number}", [f"Name{number}", f"Other{number}"])
        assert collected.take("a.txt", f"text {number}", ANY) == (f"Name{number}",
                                                                   f"Other{number}")
        assert collected.held == 0 and collected.canonical == {}
    for number in range(50):  # collected here, checked elsewhere
        collected.keep(f"{number}.txt", "text", [f"Name{number}", f"Other{number}"])
        assert collected.held <= 4 and len(collected.canonical) <= 4 + 2
    collected = CollectedRuns()
    collected.keep("a.txt", "A", ["Anna", "Boris"])
    collected.keep("a.txt", "A", ["Anna", "Boris"])
    assert collected.held == 2
    assert collected.take("a.txt", "A", ANY) == ("Anna", "Boris") and collected.canonical == {}


def test_a_scan_of_kept_runs_reads_the_runs_from_its_matches() -> None:
    """``scan_runs`` without the runs of the text finds them in its one search."""
    text = "Dmitry Peskov and Sergei Lavrov met. Peskov left, Dmitri Peskov stayed."
    table = RunTable(default_folder())
    kept = runs.KeptRuns(frozenset({default_folder().key("Peskov")}), table)
    infos = kept.infos_of(raw_runs(text)[0])
    assert scan_runs(text, table, infos, full=False) == scan_runs(
        text, table, infos, full=False, runs=raw_runs(text)[0])

"""NM002 across a corpus: majority spelling wins, different people stay apart, merge is exact."""

from __future__ import annotations

from functools import reduce
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.api import lint_paths
from termcheck.config import Config
from termcheck.context import Context
from termcheck.document import Document
from termcheck.engine import collect_profile
from termcheck.model import Applicability
from termcheck.names.profile import NameStats
from termcheck.rules.names import collect_names

NM002 = Config(select=("NM002",))


def write_corpus(folder: Path, texts: list[str]) -> list[Path]:
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"article-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_corpus_majority_is_reported_but_never_a_safe_fix(tmp_path: Path) -> None:
    texts = [f"On Monday the minister Sergey Volkov met his colleague number {n}.\n"
             for n in range(5)]
    texts += ["Foreign minister Sergei Volkov said nothing.\n",
              "In Geneva, Sergei Volkov spoke first.\n"]
    report = lint_paths(write_corpus(tmp_path, texts), NM002)
    assert [(Path(f.path).name, f.matched) for f in report.findings] == [
        ("article-5.txt", "Sergei"), ("article-6.txt", "Sergei")]
    for finding in report.findings:
        assert finding.fix is not None
        assert finding.fix.edits[0].replacement == "Sergey"
        assert finding.fix.applicability is Applicability.DISPLAY
        assert "5× against 2×" in finding.message


def test_no_clear_majority_is_display_only(tmp_path: Path) -> None:
    texts = ["Minister Sergey Volkov arrived. Sergey Volkov spoke.\n",
             "Minister Sergei Volkov left.\n"]
    report = lint_paths(write_corpus(tmp_path, texts), NM002)
    assert [f.matched for f in report.findings] == ["Sergei"]
    assert report.findings[0].fix.applicability is Applicability.DISPLAY


def test_a_tie_names_no_winner_in_any_document_order(tmp_path: Path) -> None:
    first = write_corpus(tmp_path, ["Then Sarybay Region voted.\n", "Then Sarybai Region voted.\n"])
    assert lint_paths(first, NM002).findings == []
    assert lint_paths(list(reversed(first)), NM002).findings == []


def test_different_people_are_not_merged(tmp_path: Path) -> None:
    texts = ["Then Alexander spoke, and Alexandra answered.\n",
             "Then Kim Jong-un met officials who had served Kim Jong-il.\n",
             "Then Alexander and Kim Jong-un again.\n"]
    assert lint_paths(write_corpus(tmp_path, texts), NM002).findings == []


NAMES = ["Dmitry", "Dmitri", "Sergey", "Sergei", "Kassym-Jomart", "Kassym-Shomart", "Kostanay",
         "Kostanai", "Alexander", "Alexandra", "Tokayev", "Tokaev"]
documents = st.lists(
    st.lists(st.sampled_from([*NAMES, "dmitry", "tokayev"]), min_size=1, max_size=6).map(
        lambda names: "Then " + ", ".join(f"minister {n}" for n in names) + " spoke.\n"),
    min_size=1, max_size=8)


def stats_of(text: str) -> NameStats:
    return collect_names(Document(text), Context(config=NM002))


@settings(max_examples=60, deadline=None)
@given(texts=documents, cuts=st.lists(st.integers(0, 8), max_size=4), data=st.data())
def test_merge_is_partition_and_order_independent(texts: list[str], cuts: list[int],
                                                  data: st.DataObject) -> None:
    parts = [stats_of(t) for t in texts]
    serial = reduce(NameStats.merge, parts, NameStats())
    shuffled = data.draw(st.permutations(parts))
    bounds = sorted({0, len(shuffled), *(c for c in cuts if c <= len(shuffled))})
    partials = [reduce(NameStats.merge, shuffled[a:b], NameStats())
                for a, b in pairwise(bounds)]
    regrouped = reduce(NameStats.merge, reversed(partials), NameStats())
    assert (regrouped.counts, regrouped.pairs, regrouped.common) == \
        (serial.counts, serial.pairs, serial.common)
    for key in serial.by_key:
        assert regrouped.verdict(key) == serial.verdict(key)


def test_a_worker_whose_runs_are_prepared_elsewhere_leaves_them_unanalysed() -> None:
    """In a forked profile worker (PREPARED_ELSEWHERE) NM002 counts the same names without
    analysing its runs: the main process's ``prepare`` hook analyses them, once."""
    from termcheck.context import PREPARED_ELSEWHERE, Resources
    from termcheck.rules.names import analyse_names, run_table

    text = "Then minister Dmitry Peskov spoke; Dmitri Peskov and dmitry answered.\n"
    worker, main = Resources(), Resources()
    worker.put(PREPARED_ELSEWHERE, True)
    sent = collect_names(Document(text), Context(config=NM002, resources=worker))
    assert len(run_table(Context(resources=worker))) == 0
    analyse_names(sent, main)
    assert {"Dmitry Peskov", "Dmitri Peskov"} <= set(sent.runs)
    assert set(sent.runs) <= set(run_table(Context(resources=main)))
    assert sent == stats_of(text) and sent.common == stats_of(text).common  # (expands runs)


def test_engine_profile_equals_merged_document_stats() -> None:
    docs = [Document("Then minister Dmitry spoke.", path="a"),
            Document("Then minister Dmitri spoke.", path="b")]
    profile = collect_profile(docs, NM002)
    assert profile["NM002"].counts == stats_of(docs[0].text).merge(stats_of(docs[1].text)).counts

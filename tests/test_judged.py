"""The judged precision samples are well-formed, and every figure can be reproduced."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("judge", ROOT / "benchmarks" / "judge.py")
judge = importlib.util.module_from_spec(_spec)
sys.modules["judge"] = judge  # dataclasses look their module up
_spec.loader.exec_module(judge)

HEADER = "path\tstart\tend\tspan\tverdict\treason\n"


def test_every_committed_judged_file_is_well_formed():
    for result in judge.tallies():
        assert result.judged > 0, f"{result.name} holds no verdict"


def test_precision_is_true_positives_over_judged(tmp_path):
    (tmp_path / "XX001.tsv").write_text(
        "# made up for the test\n" + HEADER
        + "a.txt\t0\t3\tfoo\ttp\ta real defect\n"
        + "a.txt\t5\t8\tbar\ttp\tanother\n"
        + "b.txt\t1\t2\t'\tfp\tcorrect text\n",
        encoding="utf-8",
    )
    [result] = judge.tallies(folder=tmp_path)
    assert (result.tp, result.fp) == (2, 1)
    assert result.precision == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("a.txt\t0\t3\tfoo\tmaybe\twhy\n", "verdict"),
        ("a.txt\t9\t3\tfoo\ttp\twhy\n", "start/end"),
        ("a.txt\t0\t3\tfoo\ttp\n", "cells"),
        ("a.txt\t0\t3\tfoo\ttp\t \n", "reason"),
    ],
)
def test_a_malformed_row_is_named_by_file_and_line(tmp_path, row, complaint):
    (tmp_path / "XX001.tsv").write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(judge.JudgedFileError, match=rf"XX001.tsv:2: .*{complaint}"):
        judge.tallies(folder=tmp_path)

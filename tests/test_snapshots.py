"""Whole-article output pinned: `termcheck lint` of every sample against tests/snapshots/.

After an intended change of output, refresh with ``TERMCHECK_UPDATE_SNAPSHOTS=1 pytest`` and
review the diff of tests/snapshots/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termcheck.api import LintReport, lint_paths
from termcheck.report import render

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots"
SAMPLE_FILES = sorted((REPO / "samples").glob("*.txt"))
UPDATE = os.environ.get("TERMCHECK_UPDATE_SNAPSHOTS") == "1"


def lint_sample(path: Path) -> LintReport:
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        return lint_paths([path.relative_to(REPO)])  # samples/termcheck.toml: lang = "auto"
    finally:
        os.chdir(previous)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_lint_output_matches_snapshot(sample: Path) -> None:
    output = render(lint_sample(sample), "text")
    snapshot = SNAPSHOTS / f"{sample.stem}.txt"
    if UPDATE or not snapshot.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {snapshot.name}: run with TERMCHECK_UPDATE_SNAPSHOTS=1")
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")


def test_clean_samples_have_no_findings() -> None:
    clean = [p for p in SAMPLE_FILES if p.name.startswith("clean")]
    for sample in clean:
        report = lint_sample(sample)
        assert report.findings == [] and report.problems == [], sample.name

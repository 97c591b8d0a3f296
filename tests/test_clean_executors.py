"""`clean` through the executors: worker processes write exactly the serial run's bytes.

The corpus has cross-document fixes (NM002 name spellings, BP100 repeated lines), so a worker
that did not get the whole corpus's profile would write different files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from termcheck.clean import CleanOptions, clean_paths
from termcheck.cli import app
from termcheck.config import Config
from termcheck.corpus import profile as stored
from termcheck.corpus.executors import ProcessExecutor, SerialExecutor
from tests.corpus_gen import snapshot, write_clean_corpus, write_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_clean_corpus(tmp_path_factory.mktemp("clean-corpus"), 60)


def run_clean(corpus: Path, work: Path, *extra: str) -> dict[str, Any]:
    """A CLI clean run into ``work/out``: exit status, messages, output tree, report, page."""
    out = work / "out"
    result = runner.invoke(app, ["clean", "--isolated", str(corpus), "--out", str(out),
                                 "--report", str(work / "report.json"),
                                 "--report-html", str(work / "page.html"), *extra])
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    report["outputs"] = [Path(o).relative_to(out).as_posix() for o in report["outputs"]]
    return {"exit": result.exit_code, "messages": result.output, "tree": snapshot(out),
            "report": report, "page": (work / "page.html").read_bytes()}


@pytest.mark.slow
def test_jobs_2_writes_the_serial_tree_report_and_page(corpus: Path, tmp_path: Path) -> None:
    serial = run_clean(corpus, tmp_path / "serial", "--jobs", "1")
    pooled = run_clean(corpus, tmp_path / "pooled", "--jobs", "2")
    assert pooled == serial
    assert serial["exit"] == 1  # the binary, undecodable and empty inputs are skipped
    assert {"NM002", "BP100"} <= set(serial["report"]["edits_by_rule"])
    assert "part1/feed.jsonl" in serial["tree"] and "ledger.jsonl" in serial["tree"]


@pytest.mark.slow
def test_small_chunks_jsonl_output_and_unsafe_fixes_match_serial(corpus: Path,
                                                                 tmp_path: Path) -> None:
    def run(executor: Any, name: str) -> tuple[dict[str, Any], dict[str, bytes]]:
        out = tmp_path / name
        report = clean_paths([corpus], CleanOptions(out, "jsonl", unsafe=True), Config(),
                             executor=executor, keep_views=True).to_dict()
        report["outputs"] = [Path(o).relative_to(out).as_posix() for o in report["outputs"]]
        return report, snapshot(out)

    serial = run(SerialExecutor(), "serial")
    assert run(ProcessExecutor(2, chunk_size=5, min_parallel=2), "pooled") == serial
    records = serial[1]["documents.jsonl"].decode("utf-8").splitlines()
    assert any('"NM002"' in line for line in records) and any('"BP100"' in line
                                                              for line in records)


def test_a_profile_saved_by_lint_is_reused_by_clean(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 30, bad=False, chrome=True)
    saved = tmp_path / "profile.json"
    linted = runner.invoke(app, ["lint", "--isolated", "--jobs", "1", "--profile", str(saved),
                                 str(corpus)])
    assert linted.exit_code == 1 and saved.is_file()
    saved_bytes = saved.read_bytes()
    fresh = clean_paths([corpus], CleanOptions(tmp_path / "fresh"), Config())
    reused = clean_paths([corpus], CleanOptions(tmp_path / "reused"), Config(),
                         profile_file=saved)
    assert snapshot(tmp_path / "reused") == snapshot(tmp_path / "fresh")
    assert reused.edits_by_rule == fresh.edits_by_rule and fresh.edits_by_rule["BP100"] == 10
    assert saved.read_bytes() == saved_bytes
    assert set(stored.load(saved)) >= {"NM002", "BP100"}


def test_clean_saves_its_profile_when_the_file_is_new(corpus: Path, tmp_path: Path) -> None:
    saved = tmp_path / "profile.json"
    done = runner.invoke(app, ["clean", "--isolated", "--jobs", "1", str(corpus),
                               "--out", str(tmp_path / "out"), "--profile", str(saved)])
    assert done.exit_code == 1, done.output
    assert set(stored.load(saved)) >= {"NM002", "BP100"}


def test_engine_errors_are_one_line_usage_errors(corpus: Path, tmp_path: Path) -> None:
    done = runner.invoke(app, ["clean", "--isolated", str(corpus), "--out", str(tmp_path / "o"),
                               "--engine", "spark"])
    assert done.exit_code == 2
    assert "termcheck: error: unknown engine 'spark'" in done.output
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_lint_fix_with_jobs_2_rewrites_the_serial_bytes(tmp_path: Path) -> None:
    """`lint --fix` runs the fix loop in workers; the main process writes, in input order."""
    trees, outputs = {}, {}
    for jobs in ("1", "2"):
        work = write_clean_corpus(tmp_path / f"jobs{jobs}", 40)
        result = runner.invoke(app, ["lint", "--isolated", "--fix", "--unsafe-fixes",
                                     "--jobs", jobs, "-f", "jsonl", str(work)])
        trees[jobs] = snapshot(work)
        outputs[jobs] = (result.exit_code, result.output.replace(str(work), "CORPUS"))
    assert trees["2"] == trees["1"] and outputs["2"] == outputs["1"]
    assert outputs["1"][0] == 1 and "TC-BINARY" in outputs["1"][1]  # the skipped inputs
    assert "TC-NOT-WRITTEN" not in outputs["1"][1]  # JSONL in a directory is not --fix's
    assert trees["1"] != snapshot(write_clean_corpus(tmp_path / "untouched", 40))

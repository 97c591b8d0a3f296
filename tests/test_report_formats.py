"""Machine-readable outputs: JSON against docs/findings.schema.json, SARIF 2.1.0 against the
official schema, GitHub workflow commands and JSON lines."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft4Validator, Draft202012Validator
from typer.testing import CliRunner

from termcheck.api import LintReport, iter_lint, lint_paths
from termcheck.cli import app
from termcheck.config import Config
from termcheck.corpus.executors import ProcessExecutor
from termcheck.report import STREAMING, render, render_findings, write_stream
from termcheck.report.github import annotation, escape_data, escape_property

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
FINDINGS_SCHEMA = REPO / "docs" / "findings.schema.json"
runner = CliRunner()

ARTICLE = ("Über die Lage (CSTO sent 2,500 soldiers, said «Ж» ☃.\n"
           "Second paragraph, fine.\n\nHe said [in a statement (on Sunday] it was over. dpa)\n")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "news" / "a,b:c.txt"  # a name that needs escaping in workflow commands
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "bin.txt").write_bytes(b"\x00\x01\x02")
    return path


def lint(path: Path, fmt: str) -> str:
    report = lint_paths([path.parent], Config(select=("BR",)), keep_texts=True)
    assert len(report.findings) >= 3
    return render(report, fmt)


def test_json_output_matches_the_documented_schema(article: Path) -> None:
    schema = json.loads(FINDINGS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = json.loads(lint(article, "json"))
    Draft202012Validator(schema).validate(data)
    assert data["version"] == 1
    assert data["problems"], "the binary file is reported as a problem"


def test_sarif_output_is_valid_sarif_2_1_0(article: Path) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(lint(article, "sarif"))
    Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rule = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
    assert rule["id"] == "BR001" and "## What it does" in rule["help"]["markdown"]


def test_sarif_regions_are_one_based_code_point_columns(article: Path) -> None:
    results = json.loads(lint(article, "sarif"))["runs"][0]["results"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    start = ARTICLE.index("(")
    assert region == {"startLine": 1, "startColumn": start + 1, "endLine": 1,
                      "endColumn": start + 2, "charOffset": start, "charLength": 1,
                      "snippet": {"text": "("}}
    replacement = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"]["startColumn"] == start + 1
    assert replacement["insertedContent"] == {"text": ""}


def test_github_annotations_escape_properties_and_data(article: Path) -> None:
    lines = lint(article, "github").splitlines()
    first = lines[0]
    assert first.startswith("::warning file=")
    assert "a%2Cb%3Ac.txt,line=1,col=15,endLine=1,endColumn=16,title=BR001 unbalanced-bracket::" \
        in first
    assert lines[-1].startswith("::error file=") and "bin.txt" in lines[-1]
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotation_message_cannot_break_the_command() -> None:
    from termcheck.api import lint_text

    finding = lint_text("Line one (open.\n", Config(select=("BR",)))[0]
    evil = finding.__class__(**{**finding.__dict__, "message": "bad\n::error::injected"})
    assert "\n" not in annotation(evil)


def test_jsonl_is_one_finding_per_line(article: Path) -> None:
    rows = [json.loads(line) for line in lint(article, "jsonl").splitlines()]
    findings = [r for r in rows if r["type"] == "finding"]
    assert len(findings) >= 3 and rows[-1]["type"] == "problem"
    assert all(ARTICLE[r["start"]:r["end"]] == r["matched"] for r in findings)


@pytest.mark.parametrize("fmt", ["sarif", "github", "jsonl", "html"])
def test_cli_accepts_every_format(article: Path, fmt: str) -> None:
    result = runner.invoke(app, ["lint", "--isolated", "--select", "BR", "--format", fmt,
                                 str(article)])
    assert result.exit_code == 1, result.output
    assert result.stdout.strip()


def test_sarif_uris_are_relative_references_or_file_uris(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from termcheck.report.sarif import _uri

    assert _uri("news/my article.txt") == "news/my%20article.txt"
    assert _uri(str(tmp_path / "a b.txt")).startswith("file:///")
    monkeypatch.chdir(tmp_path)
    Path("my news.txt").write_text("Open (bracket.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--isolated", "-f", "sarif", "my news.txt"])
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "my%20news.txt"


@pytest.mark.parametrize("fmt", sorted(STREAMING))
def test_a_streamed_report_is_the_collected_report_byte_for_byte(article: Path, fmt: str) -> None:
    """The CLI writes these formats while documents are checked, keeping only counts."""
    config = Config(select=("BR",))
    (article.parent / "more.txt").write_text("More [news (today.\n\nAnd (then.\n",
                                             encoding="utf-8")
    (article.parent / "plain.txt").write_text("Nothing to report.\n", encoding="utf-8")
    report = lint_paths([article.parent], config)
    for render_in_workers in (False, True):
        chunks: list[str] = []
        results = iter_lint([article.parent], config, executor=ProcessExecutor(2, min_parallel=1),
                            render=partial(render_findings, fmt, False) if render_in_workers
                            else None)
        tally = write_stream(results, fmt, chunks.append)
        assert "".join(chunks) == render(report, fmt)
        assert tally.summary() == report.summary() and tally.exit_code == report.exit_code == 1


def test_the_cli_streams_json_to_a_file_that_appears_whole(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.json"
    result = runner.invoke(app, ["lint", "--isolated", "--select", "BR", "-f", "json",
                                 "-o", str(out), str(article.parent)])
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["findings"] == len(data["findings"]) >= 3
    assert [p["code"] for p in data["problems"]] == ["TC-BINARY"]
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_standard_output_is_an_output_error(article: Path) -> None:
    """Not a traceback, and not blamed on the engine."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--isolated",
                                 str(article.parent)], stdout=full, stderr=subprocess.PIPE,
                                text=True, cwd=REPO)
    assert result.returncode == 2
    assert result.stderr == "termcheck: error: <stdout>: cannot write: No space left on device\n"


def test_results_rendered_where_checked_cannot_be_collected_silently(article: Path) -> None:
    results = iter_lint([article.parent], Config(select=("BR",)),
                        render=partial(render_findings, "json", False))
    with pytest.raises(ValueError, match="carry no findings"):
        LintReport.collect(results)


def test_rendered_results_without_findings_cannot_be_collected_either(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("Title\n\nA sentence (in brackets).\n", encoding="utf-8")
    results = iter_lint([tmp_path], Config(select=("BR",)),
                        render=partial(render_findings, "json", False))
    with pytest.raises(ValueError, match="carry no findings"):
        LintReport.collect(results)


def test_a_document_without_findings_renders_nothing_and_carries_no_counts(
        tmp_path: Path) -> None:
    """Most documents have no finding: rendered where checked, such a result keeps its empty
    list and no counts (a tally costs more to make than the document's whole report), and is
    counted as checked."""
    (tmp_path / "plain.txt").write_text("Nothing to report.\n", encoding="utf-8")

    def results() -> Iterator[Any]:
        return iter_lint([tmp_path], Config(select=("BR",)),
                         render=partial(render_findings, "text", False))

    assert [(r.rendered, r.findings, r.counted) for r in results()] == [("", [], None)]
    chunks: list[str] = []
    tally = write_stream(results(), "text", chunks.append, quiet=True)
    assert (tally.files_checked, tally.findings, tally.exit_code) == (1, 0, 0)
    assert "".join(chunks) == render(lint_paths([tmp_path], Config(select=("BR",))), "text",
                                     quiet=True)


def test_a_tally_of_rendered_results_counts_what_a_tally_of_their_findings_counts(
        tmp_path: Path) -> None:
    """A result rendered where it was checked carries its findings' counts by kind
    (``tally.kinds_of``) instead of the findings: a tally of such results has every count a
    tally of the findings themselves has (fixable or not, several codes and categories)."""
    (tmp_path / "a.txt").write_text('Il a dit  "bonjour  ( ok .\nEt  encore  .\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nothing to report.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Deux  espaces , et « guillemets».\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("The the cat sat on the mat.\n", encoding="utf-8")
    config = Config(select=("SP", "BR", "QT", "DP010"))
    rendered = write_stream(iter_lint([tmp_path], config,
                                      render=partial(render_findings, "json", False)),
                            "json", [].append)
    whole = write_stream(iter_lint([tmp_path], config), "json", [].append)
    assert rendered.findings > 3 and rendered.fixable > 0 and rendered.unsafe_fixable > 0
    assert rendered.summary() == whole.summary()
    assert (rendered.fixable_by_code, rendered.unsafe_fixable) == (whole.fixable_by_code,
                                                                    whole.unsafe_fixable)

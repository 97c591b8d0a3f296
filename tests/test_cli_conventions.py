"""The command-line habits users bring from ruff and Vale: counts, quiet modes, stdin, colour,
help that fits a terminal, and a word when nothing was checked."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from termcheck import __version__, fix_bytes, lint_bytes
from termcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
# A doubled space (SP001, safe fix) and a straight quotation in German (QT006).
TEXT = 'Die Stadt  hat gewählt. Er sagte "Ja" zum Plan.\n'


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "termcheck", *args], input=stdin,
                          capture_output=True, text=True, cwd=REPO, env=env)


def invoke(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# --- counts --------------------------------------------------------------------------------------

def test_only_fixes_an_option_applies_are_counted_as_fixable(article: Path) -> None:
    report = json.loads(invoke("lint", "--isolated", "--lang", "de", "--format", "json",
                               str(article)).output)
    fixes = [f["fix"]["applicability"] for f in report["findings"] if f.get("fix")]
    assert report["summary"]["fixable"] == fixes.count("safe")
    assert report["summary"]["unsafe_fixable"] == fixes.count("unsafe")


def test_the_summary_says_what_fix_and_unsafe_fixes_would_fix(article: Path) -> None:
    last = invoke("lint", "--isolated", "--lang", "de", str(article)).output.splitlines()[-1]
    assert re.fullmatch(r"Found \d+ findings in 1 file\. \d+ fixable with --fix"
                        r"( \(\d+ more with --unsafe-fixes\))?\.", last), last


def test_display_only_suggestions_are_not_called_fixable(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("The talks (in Geneva ended.\n", encoding="utf-8")  # BR001: display only
    last = invoke("lint", "--isolated", str(path)).output.splitlines()[-1]
    assert last == "Found 1 finding in 1 file."


# --- quiet, statistics, exit status, version -----------------------------------------------------

def test_quiet_prints_findings_and_no_summary(article: Path) -> None:
    result = invoke("lint", "--isolated", "--lang", "de", "-q", str(article))
    assert result.exit_code == 1
    assert "Found" not in result.output and "SP001" in result.output


def test_quiet_on_a_clean_file_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("The council met on Monday.\n", encoding="utf-8")
    result = invoke("lint", "--isolated", "-q", str(path))
    assert (result.exit_code, result.output) == (0, "")


def test_statistics_count_findings_per_rule(article: Path) -> None:
    result = invoke("lint", "--isolated", "--lang", "de", "--statistics", str(article))
    rows = result.output.splitlines()
    assert rows[:2] == ["      2  QT006  [*] straight-quotes",  # most first
                        "      1  SP001  [*] doubled-space"]  # [*]: --fix fixes every one here
    assert rows[-1].startswith("Found 3 findings")


def test_statistics_star_only_rules_whose_findings_fix_fixes(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("He signed the the deal.  Twice.\n", encoding="utf-8")
    rows = invoke("lint", "--isolated", "--statistics", "-q", str(path)).output.splitlines()
    assert rows == ["      1  DP010      repeated-word",  # an unsafe fix: --fix leaves it
                    "      1  SP001  [*] doubled-space"]  # -q: no summary line


def test_statistics_is_text_only(article: Path) -> None:
    result = invoke("lint", "--isolated", "--statistics", "--format", "json", str(article))
    assert result.exit_code == 2


def test_exit_zero_turns_findings_into_success_but_not_errors(article: Path) -> None:
    assert invoke("lint", "--isolated", "--exit-zero", str(article)).exit_code == 0
    assert invoke("lint", "--isolated", "--exit-zero", "--select", "XX999",
                  str(article)).exit_code == 2


def test_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.output) == (0, f"termcheck {__version__}\n")


# --- colour --------------------------------------------------------------------------------------

def test_color_always_paints_and_never_does_not(article: Path) -> None:
    assert "\x1b[" in invoke("lint", "--isolated", "--color", "always", str(article)).output
    assert "\x1b[" not in invoke("lint", "--isolated", "--color", "never", str(article)).output


def test_color_auto_is_off_when_piped_and_a_bad_value_is_refused(article: Path) -> None:
    assert "\x1b[" not in run("lint", "--isolated", str(article)).stdout
    assert run("lint", "--isolated", "--color", "sometimes", str(article)).returncode == 2


def test_no_color_wins_over_auto(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termcheck.cli import use_color

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", True) is False
    assert use_color("always", True) is True


# --- standard input ------------------------------------------------------------------------------

def test_lint_reads_standard_input_under_the_given_name() -> None:
    result = run("lint", "--isolated", "--stdin-filename", "story.txt", "-",
                 stdin="He said  hello .\n")
    assert result.returncode == 1
    assert result.stdout.startswith("story.txt:1:8: SP001")


def test_fix_writes_the_fixed_text_to_standard_output_and_what_is_left_to_stderr() -> None:
    result = run("lint", "--isolated", "--fix", "-", stdin="He said  hello (twice.\n")
    assert result.stdout == "He said hello (twice.\n"
    assert "BR001" in result.stderr and result.returncode == 1


def test_fix_of_a_clean_text_returns_it_unchanged_byte_for_byte() -> None:
    text = "Café\r\nau lait.\r\n"
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--isolated", "--fix",
                             "-"], input=text.encode(), capture_output=True, cwd=REPO)
    assert (result.returncode, result.stdout) == (0, text.encode())


def test_standard_input_goes_alone() -> None:
    result = run("lint", "-", "samples/")
    assert result.returncode == 2 and "alone" in result.stderr


@pytest.mark.parametrize(("options", "named"), [
    (["--profile", "p.json"], "--profile"), (["-j", "2"], "--jobs"), (["--align"], "--align"),
    (["--engine", "dask"], "--engine"), (["--extension", "md"], "--extension")])
def test_standard_input_refuses_the_options_of_a_corpus(options: list[str], named: str) -> None:
    """Before: 'lint -' silently ignored --profile, -j and --align."""
    result = run("lint", "--isolated", *options, "-", stdin="Two  spaces.\n")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"termcheck: error: reading standard input ('-') does not go with " \
        f"{named}\n"


def test_the_library_calls_behind_standard_input() -> None:
    report = lint_bytes(b"Two  spaces.\n", "note.txt")
    assert [(f.path, f.code) for f in report.findings] == [("note.txt", "SP001")]
    assert fix_bytes(b"Two  spaces.\n").to_bytes() == b"Two spaces.\n"
    problem = fix_bytes(b"caf\xe9", "x.txt", read_options=_strict())
    assert (problem.path, problem.code) == ("x.txt", "TC-DECODE")


def _strict() -> object:
    from termcheck.corpus.sources import ReadOptions

    return ReadOptions(encoding="utf-8")


# --- nothing to check ----------------------------------------------------------------------------

def test_a_folder_without_checkable_files_is_not_all_clear(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>Hi</p>", encoding="utf-8")
    result = run("lint", "--isolated", str(tmp_path))
    assert "All clear" not in result.stdout and "Nothing checked" in result.stdout
    assert "warning: no file checked" in result.stderr and "*.txt" in result.stderr


def test_extension_chooses_what_directories_are_searched_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    (tmp_path / "b.text").write_text("Two  spaces.\n", encoding="utf-8")
    result = invoke("lint", "--isolated", "--extension", "text", "--format", "json",
                    str(tmp_path))
    assert [Path(f["path"]).name for f in json.loads(result.output)["findings"]] == ["b.text"]


# --- help ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["--help"], ["lint", "--help"], ["clean", "--help"],
                                     ["glossary", "--help"], ["score", "--help"]])
def test_help_fits_80_columns_and_cuts_nothing(command: list[str]) -> None:
    result = run(*command)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert not any(line.rstrip().endswith(("...", "…")) and "Usage" not in line
                   for line in lines)
    assert "{" not in lines[0]


NUMBER_TYPES = ("IntParamType", "IntRange", "FloatParamType", "FloatRange")  # click's


def int_options() -> list[tuple[str, str, object]]:
    """``(command, option, its click type)`` for every number option of every command."""
    import typer

    found = []

    def visit(command: Any, name: str) -> None:
        for sub_name, sub in getattr(command, "commands", {}).items():
            visit(sub, f"{name} {sub_name}".strip())
        found.extend((name, param.opts[0], param.type) for param in command.params
                     if type(param.type).__name__ in NUMBER_TYPES)

    visit(typer.main.get_command(app), "")
    return found


def test_every_count_option_states_its_range() -> None:
    """A count below what it means (``--jobs 0``, ``--worst -3``) is a usage error, not a run
    that quietly does something odd: every number option carries its ``min``, shown in --help."""
    options = int_options()
    assert {(command, option) for command, option, _ in options} >= {
        ("lint", "--jobs"), ("clean", "--jobs"), ("score", "--worst"),
        ("glossary suggest", "--min-count")}
    unbounded = [(command, option) for command, option, kind in options
                 if getattr(kind, "min", None) is None]
    assert unbounded == []


@pytest.mark.parametrize("args", [["lint", "-j", "0", "x.txt"], ["clean", "-j", "-2", "x.txt"],
                                  ["score", "--hyp", "x.txt", "--worst", "-3"],
                                  ["glossary", "suggest", "x.txt", "--min-count", "0"]])
def test_a_count_below_its_range_is_refused_with_a_usage_error(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output and ">=" in result.output


# --- a cleaned folder is a normal folder ---------------------------------------------------------

def test_lint_of_a_folder_clean_wrote_reads_the_articles_not_the_ledger(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Two  spaces here.\n\nShare this\n", encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("clean", "--isolated", str(source), "--out", str(out)).exit_code in (0, 1)
    assert (out / "ledger.jsonl").is_file()
    result = invoke("lint", "--isolated", "--format", "json", str(out))
    report = json.loads(result.output)
    assert report["problems"] == [] and report["summary"]["files_checked"] == 1


def test_a_ledger_jsonl_of_ones_own_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "ledger.jsonl").write_text('{"text": "Two  spaces."}\n', encoding="utf-8")
    report = json.loads(invoke("lint", "--isolated", "--format", "json", str(tmp_path)).output)
    assert [f["code"] for f in report["findings"]] == ["SP001"]  # no clean manifest beside it


def test_clean_mirrors_files_of_the_same_name_below_their_common_folder(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Text  from {folder}.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("clean", "--isolated", str(tmp_path / "a" / "x.txt"),
                    str(tmp_path / "b" / "x.txt"), "--out", str(out))
    assert result.exit_code in (0, 1), result.output
    assert (out / "a" / "x.txt").read_text(encoding="utf-8") == "Text from a.\n"
    assert (out / "b" / "x.txt").read_text(encoding="utf-8") == "Text from b.\n"


# --- progress on long work ---------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_draws_a_progress_bar_with_rate_and_time_left_on_a_terminal() -> None:
    from termcheck.progress import with_progress

    stream = _Terminal()
    passed = list(with_progress(iter(range(40)), 40, "lint", stream))
    assert passed == list(range(40))
    drawn = stream.getvalue()
    assert "lint [" in drawn and "40/40 files" in drawn and "/s, " in drawn and "left" in drawn
    assert drawn.endswith("\r\x1b[K")  # the line is cleared at the end


def test_no_bar_when_piped_or_for_a_short_run() -> None:
    from termcheck.progress import with_progress

    piped, short = io.StringIO(), _Terminal()
    assert list(with_progress(iter(range(40)), 40, "lint", piped)) == list(range(40))
    list(with_progress(iter(range(3)), 3, "lint", short))
    assert piped.getvalue() == short.getvalue() == ""


def test_lint_piped_prints_no_bar(tmp_path: Path) -> None:
    for n in range(25):
        (tmp_path / f"{n}.txt").write_text("Text.\n", encoding="utf-8")
    result = run("lint", "--isolated", str(tmp_path))
    assert "[" not in result.stderr and result.returncode == 0


def test_a_profile_to_be_written_never_lands_in_an_input_folder_or_in_out(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Er sagte \"ja\".\n", encoding="utf-8")
    linted = invoke("lint", str(inputs), "--profile", str(inputs / "p.jsonl"))
    cleaned = invoke("clean", str(inputs), "--out", str(tmp_path / "out"),
                     "--profile", str(tmp_path / "out" / "p.json"))
    assert linted.exit_code == 2 and "lies inside the input folder" in linted.output
    assert cleaned.exit_code == 2 and "lies inside --out" in cleaned.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "in"]


def test_a_missing_glossary_stops_a_bilingual_run_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("Two ships.\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("Zwei Schiffe.\n", encoding="utf-8")
    result = invoke("lint", "--source", str(tmp_path / "src.txt"), str(tmp_path / "tgt.txt"),
                    "--glossary", str(tmp_path / "missing.tsv"))
    assert result.exit_code == 2
    assert "missing.tsv: cannot read data file" in result.output

"""The README stays true: its table, examples, options and outputs are what the code does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import typer.main
from typer.testing import CliRunner

from termcheck.clean import clean_filter
from termcheck.cli import app
from termcheck.config import Config, load_config_file
from termcheck.document import Document
from termcheck.edits import Change, restore
from termcheck.engine import fix_document
from termcheck.rules.registry import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(r"^\| ([A-Z]{2}\d{3}) \| ([a-z-]+) \| (\w+) \| (on|off) \| (\w+) \|$", re.M)


def test_rule_table_lists_every_registered_rule_as_registered() -> None:
    table = ROW.findall(README.read_text(encoding="utf-8"))
    registered = [(r.code, r.name, r.category, "on" if r.default else "off", r.fixable)
                  for r in all_rules()]
    assert table == registered


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && python -m pytest" in readme
    assert "python3 -m pytest" in ci and "pip install '.[test" in ci


def section(heading: str) -> str:
    """The README text from ``heading`` (a whole line) to the next heading of level 2."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def fenced(text: str, lang: str) -> list[str]:
    """The fenced code blocks of ``lang`` in ``text``, in order."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def in_order(patterns: list[re.Pattern[str]], lines: list[str]) -> list[str]:
    """The patterns that do not match lines of ``lines`` in this order (empty: all do)."""
    position = 0
    for number, pattern in enumerate(patterns):
        for index in range(position, len(lines)):
            if pattern.fullmatch(lines[index]):
                position = index + 1
                break
        else:
            return [p.pattern for p in patterns[number:]]
    return []


def elided(line: str) -> re.Pattern[str]:
    """A README line as a pattern: each "…" stands for any text the README left out."""
    return re.compile(".*".join(re.escape(part) for part in line.split("…")))


def cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """What ``termcheck ARGS`` prints when run from the repository root, as a newcomer would."""
    monkeypatch.chdir(README.parent)
    return CliRunner().invoke(app, list(args)).output


def test_what_it_finds_shows_the_real_output_of_the_sample(monkeypatch) -> None:
    readme = section("## What it finds")
    shown = [line for line in fenced(readme, "text")[0].splitlines() if line != "..."]
    output = cli(monkeypatch, "lint", "samples/en_almaty_unrest.txt").splitlines()
    assert in_order([re.compile(re.escape(line)) for line in shown], output) == []


def test_the_diff_example_is_what_lint_diff_prints(monkeypatch) -> None:
    shown = fenced(section("## What it finds"), "diff")[0].splitlines()
    output = cli(monkeypatch, "lint", "--diff", "samples/en_almaty_unrest.txt").splitlines()
    assert in_order([elided(line) for line in shown], output) == []


def test_the_mojibake_example_cleans_as_shown_and_its_ledger_restores_it() -> None:
    readme = section("## Cleaning")
    before, after = fenced(readme, "text")
    result = fix_document(Document(before), Config(lang="en"), clean_filter())
    assert result.text == after
    changes = [change.to_dict() for change in result.ledger]
    for change in json.loads(fenced(readme, "json")[0])["changes"]:
        assert change in changes
    assert restore(result.text, [Change.from_dict(c) for c in changes]) == before


def test_the_configuration_example_loads_alike_from_both_files(tmp_path: Path) -> None:
    example = fenced(section("## Configuration"), "toml")[0]
    (tmp_path / "termcheck.toml").write_text(example, encoding="utf-8")
    in_pyproject = "[tool.termcheck]\n" + example.replace("\n[", "\n[tool.termcheck.")
    (tmp_path / "pyproject.toml").write_text(in_pyproject, encoding="utf-8")
    config = load_config_file(tmp_path / "termcheck.toml")
    assert config == load_config_file(tmp_path / "pyproject.toml")
    assert config.source_lang == "de" and config.option("repeated-line-min-docs") == 5


def test_every_option_of_a_termcheck_command_in_the_readme_exists() -> None:
    readme = README.read_text(encoding="utf-8")
    commands = [m for block in fenced(readme, "sh") for m in block.splitlines()]
    commands += re.findall(r"`(termcheck [^`]+)`", readme)
    known = _options_by_command()
    unknown = []
    for command in commands:
        words = command.split("#")[0].split("&&")[-1].split()
        if words[:1] != ["termcheck"]:
            continue
        name = tuple(words[1:3]) if words[1:2] == ["glossary"] else tuple(words[1:2])
        if words[1:2] and words[1].startswith("--"):
            name = ()  # termcheck --version: an option of the program itself
        unknown += [(command, w) for w in words if w.startswith("--")
                    and w.split("=")[0] not in known[name]]
    assert unknown == []
    everywhere = set().union(*known.values()) | OTHER_PROGRAMS_OPTIONS
    assert set(re.findall(r"--[a-z][a-z0-9-]*", readme)) <= everywhere


OTHER_PROGRAMS_OPTIONS = {"--chrf-lowercase", "--hypothesis", "--max", "--memory", "--memory-only",
                          "--memory-corpus", "--modes", "--ratios-only", "--real", "--repeat",
                          "--size", "--systems", "--top", "--unit"}


def _options_by_command() -> dict[tuple[str, ...], set[str]]:
    """Every command of the CLI (``("glossary", "check")``...) with its long options."""
    def walk(command: Any, name: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], set[str]]]:
        if not name:
            yield name, {o for p in command.params for o in p.opts if o.startswith("--")}
        if hasattr(command, "commands"):
            for sub, child in command.commands.items():
                yield from walk(child, (*name, sub))
        else:
            yield name, {o for p in command.params for o in [*p.opts, *p.secondary_opts]
                         if o.startswith("--")} | {"--help"}
    return dict(walk(typer.main.get_command(app), ()))


def test_the_pre_commit_section_names_the_shipped_hooks() -> None:
    yaml = pytest.importorskip("yaml", reason="pyyaml comes with pre-commit, in the test extra")
    hooks = yaml.safe_load((README.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    remote, local = (yaml.safe_load(b) for b in fenced(section("## pre-commit"), "yaml"))
    assert {h["id"] for h in remote["repos"][0]["hooks"]} <= {h["id"] for h in hooks}
    shipped = {h["id"]: h for h in hooks}["termcheck"]
    assert {k: local["repos"][0]["hooks"][0][k] for k in ("id", "entry", "files")} == \
        {k: shipped[k] for k in ("id", "entry", "files")}


def test_the_name_variants_shown_are_replaced_as_shown() -> None:
    pairs = re.findall(r"([A-Z][\w-]+(?: [A-Z][\w-]+)?) ←\s+([A-Z][\w-]+)", section("## Names"))
    assert len(pairs) >= 3
    for preferred, variant in pairs:
        fixed = fix_document(Document(f"They met in {variant} today."), Config(lang="en"))
        assert preferred.split()[0] in fixed.text, (variant, fixed.text)

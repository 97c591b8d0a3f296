"""The README stays true: its rule table is the registry, its commands are the CI's."""

from __future__ import annotations

import re
from pathlib import Path

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

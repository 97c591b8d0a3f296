"""The registry: codes, names, docs, selection by prefix."""

from __future__ import annotations

import pytest

from termcheck.model import CATEGORIES
from termcheck.rules.registry import DOC_HEADINGS, all_rules, get_rule, select_rules


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented_under_the_fixed_headings(rule) -> None:
    assert rule.summary, f"{rule.code} has no summary line"
    for heading in DOC_HEADINGS:
        assert rule.section(heading), f"{rule.code}: empty '## {heading}'"
    assert rule.category in CATEGORIES
    assert "/" in rule.mqm or rule.mqm in {"Locale convention", "Design and markup"}


def test_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_lookup_by_code_or_name() -> None:
    assert get_rule("br001") is get_rule("unbalanced-bracket") is get_rule("BR001")
    assert get_rule("XX999") is None


def test_longest_prefix_wins_between_select_and_ignore() -> None:
    assert get_rule("BR001") in select_rules(select=["BR001"], ignore=["BR"])
    assert get_rule("BR001") not in select_rules(select=["BR"], ignore=["BR001"])
    assert get_rule("BR001") not in select_rules(ignore=["BR"])
    assert get_rule("BR001") in select_rules()


def test_default_off_rules_need_explicit_selection() -> None:
    off = [r for r in all_rules() if not r.default]
    for rule in off:
        assert rule not in select_rules()
        assert rule in select_rules(select=[rule.code])
        assert rule in select_rules(select=["ALL"])

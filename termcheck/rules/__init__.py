"""Rule families: one module per family, each rule registered with ``@rule``."""

from termcheck.rules.registry import Rule, all_rules, get_rule, rule, select_rules

__all__ = ["Rule", "all_rules", "get_rule", "rule", "select_rules"]

"""The rule registry: every rule's metadata, documentation and check function.

A rule is one ``@rule(...)`` decorated function in the module of its family; the registry finds the
family modules by itself, so adding a rule touches nothing else. Its docstring is its documentation:
a one-line summary, then the fixed headings of :data:`DOC_HEADINGS`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, TypeVar

from termcheck.model import CATEGORIES, Hit, Severity

if TYPE_CHECKING:
    from termcheck.context import Context
    from termcheck.document import Document

DOC_HEADINGS = ("What it does", "Why it matters", "Example", "Fix safety")
FIXABLE = ("never", "sometimes", "always")
CODE_PATTERN = re.compile(r"[A-Z]{2}\d{3}")
_NOT_FAMILIES = {"registry"}

T = TypeVar("T")
CheckFunction = Callable[["Document", "Context"], Iterable[Hit]]


@dataclass(frozen=True)
class CorpusHooks(Generic[T]):
    """How a corpus-aware rule builds its share of the corpus profile.

    ``collect`` gathers statistics from one document; ``merge`` combines two statistics and must
    be associative and commutative, so that any partitioning of the corpus gives the same profile.
    Statistics that are not plain values (dicts, lists, tuples, sets, Counters, str, numbers)
    give ``to_plain`` and ``from_plain`` so that a profile can be saved (``lint --profile``).
    ``merge_into`` (optional) gives the same result as ``merge`` but may update its first
    argument in place and return it: a corpus pass then adds each document's statistics in time
    linear in that document, instead of copying the growing profile every time.
    """

    collect: Callable[[Document, Context], T]
    merge: Callable[[T, T], T]
    empty: Callable[[], T]
    to_plain: Callable[[T], Any] | None = None
    from_plain: Callable[[Any], T] | None = None
    merge_into: Callable[[T, T], T] | None = None


@dataclass(frozen=True)
class Rule:
    """Metadata and check function of one rule."""

    code: str
    name: str
    category: str
    severity: Severity
    mqm: str
    check: CheckFunction
    doc: str
    fixable: str = "never"
    default: bool = True
    corpus: CorpusHooks[Any] | None = None

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def section(self, heading: str) -> str:
        """The text under one ``## heading`` of the doc ("" when absent)."""
        match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", self.doc, re.M | re.S)
        return match.group(1).strip() if match else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "mqm": self.mqm,
            "fixable": self.fixable,
            "default": self.default,
            "summary": self.summary,
            "doc": self.doc,
        }


_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, category: str, mqm: str, *,
         severity: Severity = Severity.WARNING, fixable: str = "never", default: bool = True,
         corpus: CorpusHooks[Any] | None = None) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated check function as a rule."""

    def register(check: CheckFunction) -> CheckFunction:
        doc = inspect.cleandoc(check.__doc__ or "")
        _validate(code, name, category, fixable, doc)
        if code in _RULES and _RULES[code].check is not check:
            raise ValueError(f"duplicate rule code {code}")
        _RULES[code] = Rule(code, name, category, severity, mqm, check, doc, fixable, default,
                            corpus)
        return check

    return register


def _validate(code: str, name: str, category: str, fixable: str, doc: str) -> None:
    if not CODE_PATTERN.fullmatch(code):
        raise ValueError(f"rule code {code!r} must be two capitals and three digits")
    if category not in CATEGORIES:
        raise ValueError(f"rule {code}: unknown category {category!r}")
    if fixable not in FIXABLE:
        raise ValueError(f"rule {code}: fixable must be one of {FIXABLE}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise ValueError(f"rule {code}: name {name!r} must be kebab-case")
    missing = [h for h in DOC_HEADINGS if f"## {h}" not in doc]
    if missing:
        raise ValueError(f"rule {code}: doc lacks heading(s) {missing}")


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, sorted by code (imports every family module once)."""
    package = importlib.import_module("termcheck.rules")
    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_") and module.name not in _NOT_FAMILIES:
            importlib.import_module(f"termcheck.rules.{module.name}")
    return tuple(sorted(_RULES.values(), key=lambda r: r.code))


def get_rule(code_or_name: str) -> Rule | None:
    """Look a rule up by code (case-insensitive) or name."""
    key = code_or_name.strip()
    for candidate in all_rules():
        if key.upper() == candidate.code or key.lower() == candidate.name:
            return candidate
    return None


def select_rules(select: Iterable[str] | None = None, extend_select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules enabled by select/ignore lists of code prefixes or rule names.

    ``select=None`` means every default-on rule; ``"ALL"`` selects every rule. When a rule matches
    both a selector and an ignore entry, the longer (more specific) one wins, as in ruff.
    Selections are remembered (the engine asks once per document) until the registry changes.
    """
    rules = all_rules()
    key = (None if select is None else tuple(select), tuple(extend_select), tuple(ignore))
    if _SELECTED_FROM[0] is not rules:
        _SELECTED.clear()
        _SELECTED_FROM[0] = rules
    try:
        return _SELECTED[key]
    except KeyError:
        pass
    chosen = _select(rules, *key)
    if len(_SELECTED) < 1024:
        _SELECTED[key] = chosen
    return chosen


_SELECTED: dict[tuple[Any, ...], tuple[Rule, ...]] = {}
_SELECTED_FROM: list[tuple[Rule, ...] | None] = [None]  # the all_rules() the cache is for


def _select(rules: tuple[Rule, ...], select: tuple[str, ...] | None,
            extend_select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    selectors = list(select or ()) + list(extend_select)
    chosen = []
    for candidate in rules:
        selected = _match_length(candidate, selectors)
        if select is None and candidate.default:
            selected = max(selected, 0)
        if selected >= 0 and selected > _match_length(candidate, ignore):
            chosen.append(candidate)
    return tuple(chosen)


def _match_length(candidate: Rule, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix matching the rule; -1 when none does."""
    best = -1
    for prefix in prefixes:
        prefix = prefix.strip()
        if prefix.upper() == "ALL":
            best = max(best, 0)
        elif prefix.lower() == candidate.name:
            best = max(best, len(candidate.code))
        elif prefix and candidate.code.startswith(prefix.upper()):
            best = max(best, len(prefix))
    return best


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that match no rule (for a clear usage error)."""
    rules = all_rules()
    return [s for s in selectors if s.strip() and all(_match_length(r, [s]) < 0 for r in rules)]

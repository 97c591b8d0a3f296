"""The rule registry: every rule's metadata, documentation and check function.

A rule is one ``@rule(...)`` decorated function in the module of its family; the registry finds the
family modules by itself, so adding a rule touches nothing else. Its docstring is its documentation:
a one-line summary, then the fixed headings of :data:`DOC_HEADINGS`.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, TypeVar

from termcheck.errors import DataError
from termcheck.model import CATEGORIES, Hit, Severity

if TYPE_CHECKING:
    from termcheck.context import Context, Resources
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
    ``prepare`` (optional) loads into the run's resources what the check will derive from some
    statistics: a pool's main process calls it on each worker's statistics as they arrive, while
    the other workers go on, so that the check workers forked after the merge inherit it instead
    of this process computing it all between the two passes, while every worker waits.
    ``for_check`` (optional) keeps of the merged statistics only what the check pass reads
    (the check's answers unchanged), before the profile goes to the check; a saved profile is
    written before it.
    """

    collect: Callable[[Document, Context], T]
    merge: Callable[[T, T], T]
    empty: Callable[[], T]
    to_plain: Callable[[T], Any] | None = None
    from_plain: Callable[[Any], T] | None = None
    merge_into: Callable[[T, T], T] | None = None
    prepare: Callable[[T, Resources], None] | None = None
    for_check: Callable[[T], T] | None = None


@dataclass(frozen=True)
class Option:
    """One ``[options]`` entry a rule reads, declared by the rule (as yamllint's ``CONF`` and
    ``DEFAULT``): its kind, its default (``None``: the rule decides, e.g. per language), what it
    does, and for a text option the values it accepts."""

    kind: type  # int (positive), float (0 to 1), bool, str, list (of strings)
    default: Any = field(hash=False)  # a list default is not hashable; equality still counts it
    help: str
    choices: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        described = {"type": self.kind.__name__, "default": self.default, "help": self.help}
        return {**described, "choices": list(self.choices)} if self.choices else described

    def describe(self, name: str) -> str:
        """One Markdown list item: ``- `name` (type, default): help; one of …``."""
        default = "unset" if self.default is None else json.dumps(self.default,
                                                                  ensure_ascii=False)
        choices = f"; one of {', '.join(self.choices)}" if self.choices else ""
        return f"- `{name}` ({self.kind.__name__}, default {default}): {self.help}{choices}"


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
    options: tuple[tuple[str, Option], ...] = ()  # the [options] it reads, by name
    # loads into the resources what the check needs only on some texts (a library, patterns for
    # long texts): a pool's main process calls it while the profile pass runs, so that the check
    # workers forked after that pass inherit it instead of each loading it again
    warm: Callable[[Resources], None] | None = None
    # finds nothing in a document without an aligned source text (``lint --source``): the
    # engine does not call it there (most runs: 7 default rules, 13 with ALL, each asked for
    # nothing per document)
    bilingual: bool = False
    # what a text must contain for the rule to find anything in it, a necessary condition of
    # every hit (fix rounds included): looked for in the checked text, once per document for all
    # the rules that declare the same, and a rule whose trigger is absent is not called (see
    # :class:`Trigger`, :class:`Gates`). ``None``: called on every document.
    trigger: Trigger | None = None

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def options_doc(self) -> str:
        """The ``## Options`` section of the rule's documentation ("" without options): what a
        project can set under ``[options]`` of its configuration."""
        if not self.options:
            return ""
        items = "\n".join(option.describe(name) for name, option in self.options)
        return f"## Options\nSet under `[options]` of `termcheck.toml`.\n{items}"

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
            "options": {name: option.to_dict() for name, option in self.options},
            "trigger": self.trigger.to_dict() if self.trigger is not None else None,
        }


_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, category: str, mqm: str, *,
         severity: Severity = Severity.WARNING, fixable: str = "never", default: bool = True,
         corpus: CorpusHooks[Any] | None = None, options: dict[str, Option] | None = None,
         warm: Callable[[Resources], None] | None = None, bilingual: bool = False,
         trigger: str | Iterable[str] | re.Pattern[str] | Trigger | None = None
         ) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated check function as a rule. ``options`` declares the ``[options]``
    the rule reads (as yamllint's ``CONF`` and ``DEFAULT``): a configuration that sets one of
    them is validated against it (:func:`option_problem`), and the rule reads it with
    :func:`option_value`, which gives the declared default when it is not set. ``warm`` and
    ``bilingual``: see :class:`Rule`.

    ``trigger`` is what a document must contain for the rule to report anything in it, fix
    rounds included: one of some characters (a ``str``: the quote marks for the quote rules,
    the brackets for the bracket rule), one of some strings (a tuple), a character beyond ASCII
    (:data:`BEYOND_ASCII`), a match of a compiled pattern, or a :class:`Trigger` joining them.
    Declare only a condition the rule's code truly requires (a test strips each trigger from
    the case texts and checks that the rule finds nothing then); the engine does not call the
    rule on a text where the trigger is not found. A rule without one runs on every document."""

    def add(check: CheckFunction) -> CheckFunction:
        register(Rule(code, name, category, severity, mqm, check,
                      inspect.cleandoc(check.__doc__ or ""), fixable, default, corpus,
                      tuple(sorted((options or {}).items())), warm, bilingual,
                      None if trigger is None else Trigger.of(trigger)))
        return check

    return add


def register(candidate: Rule) -> Rule:
    """Add a rule (a plug-in's, a test's) to the registry, validated as ``@rule`` validates;
    registering the same check function again changes nothing."""
    _validate(candidate.code, candidate.name, candidate.category, candidate.fixable,
              candidate.doc)
    known = _RULES.get(candidate.code)
    if known is not None and known.check is not candidate.check:
        raise ValueError(f"duplicate rule code {candidate.code}")
    for name, option in candidate.options:
        _validate_option(candidate.code, name, option)
    _validate_trigger(candidate.code, candidate.trigger)
    _RULES[candidate.code] = candidate
    _forget_derived()
    return candidate


def unregister(code: str) -> Rule | None:
    """Remove a rule from the registry (the one removed, or ``None``)."""
    removed = _RULES.pop(code, None)
    _forget_derived()
    return removed


def _forget_derived() -> None:
    all_rules.cache_clear()
    _rule_index.cache_clear()
    declared_options.cache_clear()


OPTION_KINDS = (int, float, bool, str, list)  # a positive int, 0-1, true/false, text, strings
_OPTION_NAME = re.compile(r"[a-z][a-z0-9-]*")


def _validate_option(code: str, name: str, option: Option) -> None:
    """A declaration a configuration can be checked against: a kebab-case name, a known kind,
    a default of that kind (or ``None``), choices only for text."""
    if not _OPTION_NAME.fullmatch(name):
        raise ValueError(f"rule {code}: option name {name!r} must be kebab-case")
    if option.kind not in OPTION_KINDS:
        raise ValueError(f"rule {code}: option {name!r} must be one of "
                         f"{', '.join(k.__name__ for k in OPTION_KINDS)}")
    if option.choices and option.kind is not str:
        raise ValueError(f"rule {code}: option {name!r} has choices but is not text")
    if option.default is not None and _value_problem(name, option.default, option):
        raise ValueError(f"rule {code}: default of option {name!r}: "
                         f"{_value_problem(name, option.default, option)}")
    for other in _RULES.values():
        declared = dict(other.options).get(name)
        if other.code != code and declared is not None and declared != option:
            raise ValueError(f"rule {code}: option {name!r} is declared differently by "
                             f"{other.code}")


@lru_cache(maxsize=1)
def declared_options() -> dict[str, Option]:
    """The ``[options]`` the registered rules declare, by name (rules may share one)."""
    return {name: option for found in all_rules() for name, option in found.options}


def option_problem(name: str, value: Any) -> str | None:
    """Why ``[options] name = value`` is refused (``None``: accepted): an option no rule
    declares, a value of the wrong kind, or a text that is not one of the choices."""
    declared = declared_options()
    option = declared.get(name)
    if option is None:
        return f"unknown option {name!r}; known: {', '.join(sorted(declared))}"
    return _value_problem(name, value, option)


def _value_problem(name: str, value: Any, option: Option) -> str | None:
    if not _option_ok(value, option.kind):
        kind = {int: "a positive integer", float: "a number between 0 and 1",
                list: "a list of strings", bool: "true or false"}.get(option.kind, "a string")
        return f"option {name!r} must be {kind}, not {value!r}"
    if option.choices and value not in option.choices:
        return f"option {name!r} must be one of {', '.join(option.choices)}, not {value!r}"
    return None


def option_value(config: Any, name: str) -> Any:
    """The value of a declared option: the configuration's, else the declared default."""
    option = declared_options().get(name)
    if option is None:
        raise KeyError(f"no rule declares the option {name!r}")
    value = config.option(name)
    if value is None:
        return option.default
    problem = _value_problem(name, value, option)  # a Config built in code, not loaded
    if problem is not None:
        raise DataError(problem)
    return value


def _option_ok(value: Any, expected: type) -> bool:
    if expected is bool or isinstance(value, bool):
        return expected is bool and isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and 0 <= value <= 1
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return isinstance(value, expected) and not (expected is int and value < 1)


def _validate_trigger(code: str, trigger: Any) -> None:
    """A :class:`Trigger` that some text lacks: one found in the empty text gates nothing."""
    if trigger is None:
        return
    if not isinstance(trigger, Trigger):
        raise ValueError(f"rule {code}: trigger must be a Trigger (see Trigger.of)")
    if trigger.found_in("", True):
        raise ValueError(f"rule {code}: trigger {trigger} is found in the empty text, so in "
                         "every document")
    if not (trigger.strings or trigger.beyond_ascii or trigger.pattern):
        raise ValueError(f"rule {code}: an empty trigger is found in no document")


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
    """Look a rule up by code (case-insensitive) or name (when both name a rule, the one of
    the lower code: the first in :func:`all_rules`' order)."""
    key = code_or_name.strip()
    by_code, by_name = _rule_index()
    found = [r for r in (by_code.get(key.upper()), by_name.get(key.lower())) if r is not None]
    return min(found, key=lambda r: r.code) if found else None


@lru_cache(maxsize=1)
def _rule_index() -> tuple[dict[str, Rule], dict[str, Rule]]:
    """Every registered rule by code and by name: :func:`get_rule` is asked once per document
    and corpus-wide rule when partial profiles merge (a scan of every rule: 2.4 µs a call)."""
    by_name: dict[str, Rule] = {}
    for rule_ in all_rules():
        by_name.setdefault(rule_.name, rule_)  # two plug-ins may share a name: the first
    return {r.code: r for r in all_rules()}, by_name


def corpus_hooks(code: str) -> CorpusHooks[Any] | None:
    """The corpus hooks of rule ``code`` (``None`` for an unknown or per-document rule): looked
    up by code alone (a profile is keyed by codes), once per document and corpus-wide rule when
    profiles merge."""
    found = _rule_index()[0].get(code)
    return found.corpus if found is not None else None


# Characters: a pattern trigger is taken as found in a longer text. (callgrind, lint of the real
# benchmark corpus, 476 articles of 2,200 to 5,300 characters: every pattern searched in every
# text, +0.33 % instructions against no triggers at all; with this limit, and EN002's controls
# as strings, -0.26 %.)
PATTERN_SCAN_LIMIT = 1000


@dataclass(frozen=True)
class Trigger:
    """What a text must hold for a rule to find anything in it: one of ``strings``, a character
    beyond ASCII (``beyond_ascii``) or a match of ``pattern``, whichever are given.

    Strings and "beyond ASCII" are the cheap tests (``in`` and :meth:`str.isascii`, C loops at
    memchr speed; an ASCII text is not searched for the strings beyond ASCII). A pattern, for
    conditions that strings cannot state, costs a regular expression's scan: 15 to 50
    instructions a character where ``in`` costs less than one. So it is searched only in a text
    of at most :data:`PATTERN_SCAN_LIMIT` characters, and taken as found in a longer one: there
    the scan to its first match (the articles of the benchmark hold a second sentence within
    their first lines, and most a spaced hyphen) or over a text without one costs about what the
    rule's own first scan does, and the rule would make it again.
    """

    strings: frozenset[str] = frozenset()
    beyond_ascii: bool = False
    pattern: re.Pattern[str] | None = None
    _ascii_strings: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _all_strings: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.strings))
        object.__setattr__(self, "_all_strings", ordered)
        object.__setattr__(self, "_ascii_strings", tuple(s for s in ordered if s.isascii()))

    @classmethod
    def of(cls, declared: str | Iterable[str] | re.Pattern[str] | Trigger) -> Trigger:
        """The trigger a rule declares: a ``str`` stands for its characters, any other
        iterable for its strings, a compiled pattern for its matches."""
        if isinstance(declared, Trigger):
            return declared
        if isinstance(declared, re.Pattern):
            return cls(pattern=declared)
        return cls(strings=frozenset(declared))

    def to_dict(self) -> dict[str, Any]:
        """What a text must hold, as JSON: the strings (sorted), whether a character beyond
        ASCII does, and the pattern's source (``None`` without one)."""
        return {"strings": list(self._all_strings), "beyond_ascii": self.beyond_ascii,
                "pattern": self.pattern.pattern if self.pattern is not None else None}

    def describe(self) -> str:
        """One line for ``termcheck rule CODE``: what a text must hold for the rule to run."""
        parts = []
        if self._all_strings:
            # quoted where it would not read as one string: a space in it, or an invisible one
            parts.append("one of " + " ".join(ascii(s) if " " in s or not s.isprintable()
                                              else s for s in self._all_strings))
        if self.beyond_ascii:
            parts.append("a character beyond ASCII")
        if self.pattern is not None:
            parts.append(f"a match of /{_visible(self.pattern.pattern)}/ (searched for in "
                         f"texts of up to {PATTERN_SCAN_LIMIT:,} characters; a longer text "
                         "always runs it)")
        return "Runs only on texts holding " + ", or ".join(parts) + "."

    def found_in(self, text: str, ascii_text: bool) -> bool:
        """Whether ``text`` (``ascii_text``: ``text.isascii()``) may hold the trigger: it holds
        it, or it is too long for the pattern to be searched."""
        if self.beyond_ascii and not ascii_text:
            return True
        for string in self._ascii_strings if ascii_text else self._all_strings:
            if string in text:
                return True
        return self.pattern is not None and (len(text) > PATTERN_SCAN_LIMIT
                                             or self.pattern.search(text) is not None)


def _visible(text: str) -> str:
    """``text`` with its invisible characters (spaces but " ", controls) escaped as ``\\uXXXX``."""
    return "".join(ch if ch == " " or (ch.isprintable() and not ch.isspace())
                   else f"\\u{ord(ch):04x}" for ch in text)


BEYOND_ASCII = Trigger(beyond_ascii=True)  # a character beyond ASCII (mojibake, other scripts)


class Gates:
    """Which of some rules a text calls for: those without a :attr:`Rule.trigger` and those
    whose trigger is found in it.

    Each distinct trigger is looked for once per text (the six quote rules share one), and the
    rules to call are remembered per combination of triggers found, so that a document costs a
    look for each trigger and one dictionary look-up.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self.triggers = tuple(dict.fromkeys(r.trigger for r in self.rules
                                            if r.trigger is not None))
        self._called: dict[tuple[bool, ...], tuple[Rule, ...]] = {}

    def called_for(self, text: str) -> tuple[Rule, ...]:
        """The rules, in order, but those whose trigger ``text`` does not contain."""
        if not self.triggers:
            return self.rules
        ascii_text = text.isascii()
        long_text = len(text) > PATTERN_SCAN_LIMIT
        found = []
        for trigger in self.triggers:  # Trigger.found_in written out (a call fewer each;
            # tests/test_triggers.py keeps the two in step)
            if trigger.beyond_ascii and not ascii_text:
                found.append(True)
                continue
            for string in trigger._ascii_strings if ascii_text else trigger._all_strings:
                if string in text:
                    found.append(True)
                    break
            else:
                pattern = trigger.pattern
                found.append(pattern is not None
                             and (long_text or pattern.search(text) is not None))
        key = tuple(found)
        called = self._called.get(key)
        if called is None:
            present = {t for t, here in zip(self.triggers, key) if here}
            called = self._called[key] = tuple(
                r for r in self.rules if r.trigger is None or r.trigger in present)
        return called


class RuleSelection(tuple[Rule, ...]):
    """The rules of a selection, in code order, in ``corpus`` those with corpus hooks and in
    ``monolingual`` those not :attr:`Rule.bilingual`: picked once per selection, not once per
    document by the profile pass (which asks which rules collect for every document, twice)
    and by the check (which leaves the bilingual ones out of a document without a source).
    ``gates`` and ``monolingual_gates`` tell which of them a text calls for (:class:`Gates`)."""

    corpus: tuple[Rule, ...]
    monolingual: tuple[Rule, ...]
    gates: Gates
    monolingual_gates: Gates

    def __new__(cls, rules: Iterable[Rule]) -> RuleSelection:
        selection = super().__new__(cls, rules)
        selection.corpus = tuple(r for r in selection if r.corpus is not None)
        selection.monolingual = tuple(r for r in selection if not r.bilingual)
        selection.gates = Gates(selection)
        selection.monolingual_gates = Gates(selection.monolingual)
        return selection


def select_rules(select: Iterable[str] | None = None, extend_select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> RuleSelection:
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


_SELECTED: dict[tuple[Any, ...], RuleSelection] = {}
_SELECTED_FROM: list[tuple[Rule, ...] | None] = [None]  # the all_rules() the cache is for


def _select(rules: tuple[Rule, ...], select: tuple[str, ...] | None,
            extend_select: tuple[str, ...], ignore: tuple[str, ...]) -> RuleSelection:
    selectors = list(select or ()) + list(extend_select)
    chosen = []
    for candidate in rules:
        selected = _match_length(candidate, selectors)
        if select is None and candidate.default:
            selected = max(selected, 0)
        if selected >= 0 and selected > _match_length(candidate, ignore):
            chosen.append(candidate)
    return RuleSelection(chosen)


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

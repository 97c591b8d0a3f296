"""What a rule sees besides the document: configuration, loaded data and the corpus profile."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Callable, Hashable, TypeVar

from termcheck.config import Config

T = TypeVar("T")


class Resources:
    """Loaded data (glossaries, boilerplate lists, quote conventions), built once and shared.

    Rule families load their data through :meth:`get` so that it is read and validated once per
    run and per language, however many documents are checked.
    """

    def __init__(self) -> None:
        self._cache: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, factory: Callable[[], T]) -> T:
        """The cached value for ``key``, built by ``factory()`` on first use."""
        try:
            return self._cache[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        value = factory()
        with self._lock:
            return self._cache.setdefault(key, value)  # type: ignore[no-any-return]

    def put(self, key: Any, value: Any) -> None:
        """Set the value for ``key`` (what this process is for, rather than loaded data)."""
        with self._lock:
            self._cache[key] = value


SHARED_RESOURCES = Resources()

# Set in a worker of the profile pass whose statistics the main process runs the ``prepare``
# hooks on (a forked pool, see termcheck.corpus.executors.prepared): the collect may leave to
# that hook what it would otherwise load here for the check, as it is done there anyway.
PREPARED_ELSEWHERE = ("corpus", "prepared elsewhere")


def prepared_elsewhere(resources: Resources) -> bool:
    """Whether the ``prepare`` hooks run on this process's statistics in another process."""
    return bool(resources.get(PREPARED_ELSEWHERE, lambda: False))


@cache
def _option_value() -> Callable[[Config, str], Any]:
    """:func:`termcheck.rules.registry.option_value`, imported at its first use (importing
    this module loads no rule) and then looked up at the cost of a cached call: an import
    statement in :meth:`Context.option` cost 0.6 µs a call, five calls a document."""
    from termcheck.rules.registry import option_value

    return option_value


MEMO_ENTRIES = 64  # a context kept for many documents (a library caller's) forgets beyond this


@dataclass
class Context:
    """Per-document view of a run.

    The engine makes one per document it checks, so :meth:`memo` is that document's: what
    several rules derive from one text (the quote pairing, the repeated sentences, the name
    runs) is computed once, and forgotten with the context, never carried to another document
    or to the fixed text of the next round.
    """

    config: Config = field(default_factory=Config)
    resources: Resources = field(default_factory=lambda: SHARED_RESOURCES)
    profile: dict[str, Any] | None = None
    lang: str = ""
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.lang:
            self.lang = self.config.lang

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per ``key`` for this context. Keys name what is computed and
        hold the text it is computed from (``("quotes", doc.text)``), so a context given
        another text computes afresh."""
        memo = self._memo
        if key in memo:  # not a KeyError caught: about half the calls miss (12 of 29 a text)
            return memo[key]  # type: ignore[no-any-return]
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()
        value = memo[key] = compute()
        return value

    def corpus_stats(self, code: str) -> Any:
        """The merged corpus statistics of a corpus-aware rule, or ``None`` outside a corpus run."""
        return None if self.profile is None else self.profile.get(code)

    def option(self, name: str) -> Any:
        """A rule option: the configuration's ``[options]`` value, else the default the rule
        declares (``@rule(options=...)``)."""
        return _option_value()(self.config, name)

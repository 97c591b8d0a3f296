"""Terms with a status, grouped in concepts: what a glossary holds (see :mod:`.model`).

A *term* is one written form in one language with a status: ``preferred`` (the form to use),
``admitted`` (accepted, never reported) or ``forbidden`` (reported and replaced by the preferred
form). A term ending in ``*`` is a *stem pattern*: it matches the stem followed by any word
characters, so ``Ельцын*`` also matches the inflected ``Ельцына``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

STATUSES = ("preferred", "admitted", "forbidden")
# Every spelling of a status we accept (TSV, TBX v2/v3, TBX-Basic, TBX-Min), lower case.
STATUS_ALIASES = {
    "preferred": "preferred",
    "preferredterm-admn-sts": "preferred",
    "preferredterm": "preferred",
    "preferred term": "preferred",
    "standardizedterm-admn-sts": "preferred",
    "normativeauthorization:preferredterm-admn-sts": "preferred",
    "admitted": "admitted",
    "admittedterm-admn-sts": "admitted",
    "admittedterm": "admitted",
    "allowed": "admitted",
    "accepted": "admitted",
    "forbidden": "forbidden",
    "deprecated": "forbidden",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "notrecommended": "forbidden",
    "not recommended": "forbidden",
    "obsolete": "forbidden",
    "rejected": "forbidden",
}
PATTERN_SUFFIX = "*"


def normalise_status(value: str) -> str | None:
    """The canonical status for any accepted spelling, or ``None`` when unknown."""
    return STATUS_ALIASES.get(value.strip().lower())


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)


def is_language_code(value: str) -> bool:
    """Whether ``value`` reads as a language code: ISO 639, optionally a region (``pt_BR``)."""
    return _LANGUAGE_CODE.fullmatch(value) is not None


def glossary_lang_problem(value: str) -> str | None:
    """What is wrong with the language of a glossary term (a code, or ``*``), or ``None``."""
    if value.strip() == "*" or is_language_code(value.strip()):
        return None
    return f"lang must be a language code such as en or de (or *), not {value!r}"


def normalise_lang(value: str) -> str:
    """``de_DE`` → ``de-de``: lower case, hyphen as separator."""
    return value.strip().replace("_", "-").lower()


def primary_lang(value: str) -> str:
    """``en-gb`` → ``en``."""
    return normalise_lang(value).split("-", 1)[0]


@lru_cache(maxsize=1024)  # a pure function, asked for every term of a glossary per language
def lang_matches(term_lang: str, lang: str) -> bool:
    """True when a term of ``term_lang`` applies to text in ``lang`` (``*``: every language)."""
    return term_lang == "*" or primary_lang(term_lang) == primary_lang(lang)


@dataclass(frozen=True)
class Term:
    """One written form of a concept in one language."""

    text: str
    lang: str
    status: str = "preferred"
    case_sensitive: bool = False
    note: str = ""
    source: str = ""
    line: int | None = None

    def __post_init__(self) -> None:
        status = normalise_status(self.status)
        if status is None:
            raise ValueError(f"unknown term status {self.status!r}")
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "lang", normalise_lang(self.lang))
        pattern = len(self.text) > 1 and self.text.endswith(PATTERN_SUFFIX)
        object.__setattr__(self, "_pattern", pattern)  # not fields: matching reads them often
        object.__setattr__(self, "_stem", self.text[:-1] if pattern else self.text)

    @property
    def is_pattern(self) -> bool:
        """A stem pattern (``stem*``) that also matches inflected forms."""
        return self._pattern  # type: ignore[attr-defined,no-any-return]

    @property
    def stem(self) -> str:
        """The literal part of the term (the text without a trailing ``*``)."""
        return self._stem  # type: ignore[attr-defined,no-any-return]

    @property
    def where(self) -> str:
        """``file:line`` of the entry, for messages."""
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass(frozen=True)
class Example:
    """A check of the glossary itself: fixing ``before`` must give ``after``."""

    before: str
    after: str
    lang: str
    source: str = ""
    line: int | None = None


@dataclass
class Concept:
    """One thing (person, place, organisation, notion) and its terms in every language."""

    id: str
    terms: list[Term] = field(default_factory=list)
    domain: str = ""
    note: str = ""
    examples: list[Example] = field(default_factory=list)

    def terms_in(self, lang: str) -> list[Term]:
        return [t for t in self.terms if lang_matches(t.lang, lang)]

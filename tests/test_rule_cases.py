"""Every rule's case file (tests/cases/CODE.toml, or CODE.LANG.toml) run as a spec: failing text,
passing text, fixes.

A case file holds ``[[fail]]`` and ``[[pass]]`` tables. Keys of a case:

- ``text``: the input; ``lang``: target language (default ``en``);
- ``matches`` (fail): the exact texts the findings of this rule point at, in order;
- ``fixed`` (fail): the text after applying this rule's fixes (``unsafe = true`` to include unsafe);
- ``message`` (fail): a substring expected in the first finding's message;
- ``corpus``: other documents of the same corpus, for corpus-wide rules (the case text is one
  more document of it); ``options``: rule options, as in ``[tool.termcheck.options]``;
- ``source`` and ``source_lang``: for bilingual rules, the source the text translates (aligned
  by paragraph, see :mod:`termcheck.bilingual`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import (
    FixResult,
    allow_applicability,
    check_document,
    collect_profile,
    fix_document,
)
from termcheck.model import Finding
from termcheck.rules.registry import all_rules

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, str, dict]]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for index, case in enumerate(data.get(kind, [])):
                cases.append(pytest.param(path.stem.split(".")[0], kind, case,
                                          id=f"{path.stem}-{kind}-{case.get('name', index)}"))
    return cases


def config_for(code: str, case: dict) -> Config:
    return Config(lang=case.get("lang", "en"), select=(code,),
                  options=tuple(sorted(case.get("options", {}).items())))


def profile_for(text: str, config: Config, case: dict) -> dict | None:
    """The corpus profile when the case gives other documents of its corpus."""
    if "corpus" not in case:
        return None
    documents = [Document(text)] + [Document(t, path=f"<corpus {i}>")
                                     for i, t in enumerate(case["corpus"])]
    return collect_profile(documents, config)


def document_for(text: str, case: dict) -> Document:
    """The case's document, with its source attached when the case gives one."""
    doc = Document(text)
    if "source" in case:
        from termcheck.bilingual import attach_source

        assert attach_source(doc, Document(case["source"]), case["source_lang"]) is None
    return doc


def lint_text(text: str, config: Config, case: dict) -> list[Finding]:
    return check_document(document_for(text, case), config,
                          profile_for(case["text"], config, case)).findings


def fix_text(text: str, config: Config, case: dict) -> FixResult:
    allow = allow_applicability(case.get("unsafe", False))
    return fix_document(document_for(text, case), config, allow,
                        profile_for(case["text"], config, case))


@pytest.mark.parametrize(("code", "kind", "case"), load_cases())
def test_rule_case(code: str, kind: str, case: dict) -> None:
    config = config_for(code, case)
    findings = [f for f in lint_text(case["text"], config, case) if f.code == code]
    if kind == "pass":
        assert findings == [], [f"{f.matched!r}: {f.message}" for f in findings]
        return
    assert findings, f"{code} found nothing in {case['text']!r}"
    if "matches" in case:
        assert [f.matched for f in findings] == case["matches"]
    if "message" in case:
        assert case["message"] in findings[0].message
    if "fixed" in case:
        result = fix_text(case["text"], config, case)
        assert result.text == case["fixed"]
        again = fix_text(result.text, config, case)
        assert again.text == result.text, "applying the fixes twice changed the text again"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_passing_and_failing_cases(rule) -> None:
    path = CASES / f"{rule.code}.toml"
    assert path.is_file(), f"missing case file {path}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("fail") and data.get("pass"), f"{path} needs [[fail]] and [[pass]] cases"
    if rule.fixable != "never":
        assert any("fixed" in case for case in data["fail"]) or rule.code in DISPLAY_ONLY, \
            f"{rule.code} is fixable: give at least one failing case a 'fixed' text"


# Rules whose fixes are display-only have nothing to apply, so no 'fixed' text to check.
DISPLAY_ONLY = {"BR001", "BL002", "BL004", "BL005", "BL008"}

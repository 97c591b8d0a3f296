"""The shipped name glossary (glossaries/names.tsv) is consistent data."""

from __future__ import annotations

from collections import defaultdict

import pytest

from termcheck.data import read_table, shipped

ROWS = list(read_table(shipped("names.tsv"), ("concept", "lang", "term", "status", "domain")))


def by_concept() -> dict[str, list[dict[str, str]]]:
    concepts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, row in ROWS:
        concepts[row["concept"]].append(row)
    return concepts


def test_at_least_150_people_and_places() -> None:
    concepts = by_concept()
    assert len(concepts) >= 150
    for concept, rows in concepts.items():
        assert {r["domain"] for r in rows if r["domain"]} <= {"person", "place"}, concept


@pytest.mark.parametrize("lang", sorted({row["lang"] for _, row in ROWS}))
def test_one_preferred_term_per_concept_and_language(lang: str) -> None:
    for concept, rows in by_concept().items():
        preferred = [r["term"] for r in rows if r["lang"] == lang and r["status"] == "preferred"]
        if any(r["lang"] == lang for r in rows):
            assert len(preferred) <= 1, f"{concept}: several preferred terms {preferred}"


def test_terms_are_unique_per_language() -> None:
    seen: dict[tuple[str, str], int] = {}
    for line, row in ROWS:
        key = (row["lang"], row["term"].casefold())
        assert key not in seen, f"names.tsv:{line}: {row['term']!r} repeats line {seen[key]}"
        seen[key] = line


def test_no_forbidden_variant_is_another_concepts_term_and_no_chains() -> None:
    owner = {(row["lang"], row["term"].casefold()): (row["concept"], row["status"])
             for _, row in ROWS}
    for line, row in ROWS:
        if row["status"] != "forbidden":
            continue
        concept, _ = owner[(row["lang"], row["term"].casefold())]
        assert concept == row["concept"], f"names.tsv:{line}: {row['term']!r} in two concepts"
        preferred = [r for r in by_concept()[row["concept"]]
                     if r["lang"] == row["lang"] and r["status"] == "preferred"]
        assert preferred, f"names.tsv:{line}: forbidden variant without a preferred term"
        target = owner[(row["lang"], preferred[0]["term"].casefold())]
        assert target[1] == "preferred", f"names.tsv:{line}: replacement is not preferred (chain)"


def test_statuses_are_known() -> None:
    for line, row in ROWS:
        assert row["status"] in {"preferred", "admitted", "forbidden"}, f"names.tsv:{line}"


def test_glossary_checker_finds_no_duplicates_conflicts_or_chains() -> None:
    from termcheck.glossary import load_glossary
    from termcheck.glossary.validate import check_glossary

    assert list(check_glossary(load_glossary(shipped("names.tsv")))) == []


def test_every_forbidden_variant_says_why_it_is_forbidden() -> None:
    """A house spelling (note "house spelling ...") gets an unsafe fix; any other forbidden
    variant is fixed safely, so its note must say which unambiguous error it is."""
    rows = list(read_table(shipped("names.tsv"), ("concept", "lang", "term", "status", "note")))
    for line, row in rows:
        if row["status"] == "forbidden":
            assert row["note"].strip(), f"names.tsv:{line}: {row['term']!r} has no note"


def test_house_spellings_are_never_fixed_safely() -> None:
    from termcheck.api import lint_text
    from termcheck.config import Config
    from termcheck.model import Applicability

    rows = list(read_table(shipped("names.tsv"), ("concept", "lang", "term", "status", "note")))
    forbidden = [(line, row) for line, row in rows if row["status"] == "forbidden"
                 and not row["term"].endswith("*")]
    for line, row in forbidden[::7]:  # a spread of both kinds
        found = lint_text(f"On Monday {row['term']} was named.", Config(select=("NM001",)))
        kinds = {f.fix.applicability for f in found if f.fix is not None}
        if row["note"].casefold().startswith("house spelling"):
            assert Applicability.SAFE not in kinds, f"names.tsv:{line}: {row['term']!r}"

"""The founding articles (../shared/seeds): "Kassym-Shomart" in both, "Kassym-Jomart" once in 002.

Across the two articles the wrong spelling is the majority (2 against 1), so only the glossary
can make the right one win.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.context import Resources
from termcheck.document import Document
from termcheck.engine import check_document, collect_profile
from termcheck.glossary import Concept, Glossary, Term, shipped_glossary_files

NAMES = Config(select=("NM",))
NM002 = Config(select=("NM002",))


@pytest.fixture
def articles(seeds: list[Path]) -> list[Document]:
    found = [p for p in seeds if p.name.startswith(("000_", "002_"))]
    if len(found) != 2:
        pytest.skip("seeds 000 and 002 are not both present")
    return [Document(p.read_text(encoding="utf-8"), str(p)) for p in found]


def names_findings(articles: list[Document], config: Config,
                   resources: Resources | None = None) -> list[tuple[str, str, str]]:
    resources = resources or Resources()
    profile = collect_profile(articles, config, resources)
    return [(Path(f.path).name[:3], f.matched, f.fix.edits[0].replacement if f.fix else "")
            for doc in articles
            for f in check_document(doc, config, profile, resources).findings]


def with_glossary(glossary: Glossary) -> Resources:
    """Resources in which the shipped glossaries are replaced by ``glossary``."""
    resources = Resources()
    resources.get(("glossary", tuple(shipped_glossary_files())), lambda: glossary)
    return resources


def test_shipped_glossary_spelling_wins_in_both_articles(articles: list[Document]) -> None:
    found = names_findings(articles, NAMES)
    assert ("000", "Kassym-Shomart", "Kassym-Jomart") in found
    assert ("002", "Kassym-Shomart", "Kassym-Jomart") in found
    assert not any(matched.startswith("Kassym-Jomart") for _, matched, _ in found)


def test_nm002_with_only_the_preferred_name_in_the_glossary(articles: list[Document]) -> None:
    tokayev = Concept("tokayev", [Term("Kassym-Jomart Tokayev", "en", "preferred")], "person")
    found = names_findings(articles, NM002, with_glossary(Glossary([tokayev])))
    assert [f for f in found if "Kassym" in f[1]] == [
        ("000", "Kassym-Shomart", "Kassym-Jomart"), ("002", "Kassym-Shomart", "Kassym-Jomart")]


def test_without_a_glossary_the_corpus_majority_would_win(articles: list[Document]) -> None:
    found = names_findings(articles, NM002, with_glossary(Glossary()))
    assert [f for f in found if "Kassym" in f[1]] == [
        ("002", "Kassym-Jomart", "Kassym-Shomart")]

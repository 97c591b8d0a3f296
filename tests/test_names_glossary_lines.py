"""NM002 looks for glossary names only in the lines of the names it would report: what it finds
there is what a scan of the whole text finds around those names."""

from __future__ import annotations

import random

import pytest

from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.glossary import Concept, Glossary, Term, shipped_glossary_files
from termcheck.names.candidates import Candidate
from termcheck.names.runs import RunTable, scan_runs
from termcheck.names.spans import Spans
from termcheck.names.translit import default_folder
from termcheck.rules.names import glossary_names_around, glossary_spans

NAMES = [
    Concept("peskov", [Term("Dmitry Peskov", "en", "preferred"),
                       Term("Dmitri Peskov", "en", "admitted"),
                       Term("Dmitrij Peskow", "en", "forbidden")], "person"),
    Concept("kyiv", [Term("Kyiv", "en", "preferred"), Term("Kiev", "en", "forbidden")], "place"),
    Concept("tokayev", [Term("Tokayev*", "en", "preferred")], "person"),  # a stem pattern
    Concept("peskov-group", [Term("Peskov Group", "en", "preferred")], "organisation"),
]
# a key over two lines: no line can be scanned alone, so the whole text is
ACROSS = Concept("across", [Term("Dmitri\nPeskov", "en", "admitted")], "person")
PIECES = ["Dmitry Peskov", "Dmitri Peskov", "Dmitrij Peskow", "Dmitri", "Peskov", "Kiev", "Kyiv",
          "Tokayevs", "Tokayev", "Peskov Group", "Group", "said", "the", " ", " ", ". ", ", ",
          "\n", "\r\n", "\r", "-", "'s"]


def context(concepts: list[Concept]) -> Context:
    resources = Resources()
    resources.get(("glossary", tuple(shipped_glossary_files())), lambda: Glossary(concepts))
    return Context(config=Config(lang="en"), resources=resources, lang="en")


def texts(count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choice(PIECES) for _ in range(generator.randint(1, 40)))
            for _ in range(count)]


def candidates(text: str) -> list[Candidate]:
    found = scan_runs(text, RunTable(default_folder()), full=False)
    return list(found.words + found.phrases)


@pytest.mark.parametrize("concepts", [NAMES, NAMES + [ACROSS]], ids=["by-line", "across-lines"])
def test_names_around_candidates_are_those_of_the_whole_text(concepts: list[Concept]) -> None:
    for text in texts(400, seed=11):
        doc, ctx = Document(text), context(concepts)
        items = candidates(text)
        whole = Spans(glossary_spans(doc, ctx))
        for chosen in (items, items[::3], items[-1:]):
            around = glossary_names_around(doc, ctx, chosen)
            assert [around.overlaps(c.start, c.end) for c in chosen] == \
                [whole.overlaps(c.start, c.end) for c in chosen], text


def test_only_the_lines_of_the_candidates_are_scanned() -> None:
    text = "Dmitri Peskov spoke.\nKyiv answered.\nDmitrij Peskow left."
    doc, ctx = Document(text), context(NAMES)
    third = [c for c in candidates(text) if c.start >= text.index("Dmitrij")]
    around = glossary_names_around(doc, ctx, third)
    assert around.overlaps(text.index("Dmitrij"), len(text))  # the forbidden name, line 3
    assert not around.overlaps(0, text.index("Dmitrij"))  # lines 1 and 2 were not scanned

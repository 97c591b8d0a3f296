"""Mine a corpus for names spelled several ways and draft glossary rows for them.

The draft has the columns of ``glossaries/names.tsv``: the winning spelling of each cluster is
``preferred``; the others are ``forbidden`` when the winner is clear (as for NM002's safe fix)
and ``admitted`` otherwise, for a person to review. The note of every row gives its count, the
number of documents and the first context it was seen in (first by path, then offset).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable

from termcheck.document import Document
from termcheck.names.candidates import scan
from termcheck.names.profile import NameStats, Verdict, same_spelling
from termcheck.names.translit import Folder, default_folder

COLUMNS = ("concept", "lang", "term", "status", "note", "case", "domain", "example")
CONTEXT_WIDTH = 30
# (key, casefolded surface) -> (path, offset, context) of the first occurrence
Examples = dict[tuple[str, str], tuple[str, int, str]]


@dataclass
class Mined:
    """Counts, documents and first contexts of every candidate name of a corpus."""

    stats: NameStats = field(default_factory=NameStats)
    documents: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: Examples = field(default_factory=dict)

    def add(self, doc: Document, folder: Folder) -> None:
        scanned = scan(doc.text, folder)
        found = scanned.candidates()
        self.stats = self.stats.merge(NameStats.of(scanned))
        seen = set()
        for item in found:
            spelling = (item.key, item.surface.casefold())
            seen.add(spelling)
            example = (doc.path, item.start, _context(doc.text, item.start, item.end))
            if spelling not in self.examples or example < self.examples[spelling]:
                self.examples[spelling] = example
        self.documents.update(seen)


@dataclass(frozen=True)
class Cluster:
    """The spellings of one key, best first."""

    key: str
    verdict: Verdict


def mine(documents: Iterable[Document], folder: Folder | None = None) -> Mined:
    """Collect the candidate names of every document."""
    mined = Mined()
    for doc in documents:
        mined.add(doc, folder or default_folder())
    return mined


def clusters(mined: Mined, min_count: int = 2,
             known: Collection[str] = ()) -> list[Cluster]:
    """Keys with two or more spellings and at least ``min_count`` occurrences, biggest first.

    Clusters with a spelling in ``known`` (``same_spelling`` of glossary terms) are left out:
    the glossary already decides them.
    """
    found = []
    for key in mined.stats.by_key:
        verdict = mined.stats.verdict(key)
        if (verdict and sum(s.count for s in verdict.spellings) >= min_count
                and not any(same_spelling(s.text) in known for s in verdict.spellings)):
            found.append(Cluster(key, verdict))
    return sorted(found, key=lambda c: (-sum(s.count for s in c.verdict.spellings), c.key))


def draft_rows(mined: Mined, found: list[Cluster], lang: str = "en",
               domain: str = "person") -> list[dict[str, str]]:
    """Glossary rows for ``found``: preferred, then forbidden or admitted variants."""
    rows = []
    used: set[str] = set()
    for cluster in found:
        concept = _unique(_slug(cluster.verdict.winner.text), used)
        for index, spelling in enumerate(cluster.verdict.spellings):
            status = ("preferred" if index == 0
                      else "forbidden" if cluster.verdict.clear else "admitted")
            rows.append({"concept": concept, "lang": lang, "term": spelling.text,
                         "status": status, "domain": domain,
                         "note": _note(mined, cluster.key, spelling.text, spelling.count)})
    return rows


def write_draft(rows: list[dict[str, str]], path: Path | None) -> str:
    """The draft as TSV text; written to ``path`` when given."""
    lines = ["# Draft name glossary mined by `termcheck glossary suggest`: review every row.",
             "\t".join(COLUMNS)]
    lines += ["\t".join(_cell(row.get(column, "")) for column in COLUMNS) for row in rows]
    text = "\n".join(lines) + "\n"
    if path is not None:
        from termcheck.fileio import atomic_write_bytes

        atomic_write_bytes(path, text.encode("utf-8"))
    return text


def _cell(value: str) -> str:
    """A TSV cell: tabs and line breaks (from a file name, an option) become spaces."""
    return _CELL_BREAKS.sub(" ", value)


_CELL_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _note(mined: Mined, key: str, surface: str, count: int) -> str:
    spelling = (key, surface.casefold())
    documents = mined.documents.get(spelling, 0)
    note = f"{count}× in {documents} document{'s' if documents != 1 else ''}"
    if spelling in mined.examples:
        path, _, context = mined.examples[spelling]
        note += f"; e.g. “{context}” ({path})"
    return note


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_WIDTH)
    right = min(len(text), end + CONTEXT_WIDTH)
    snippet = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return re.sub(r"\s+", " ", snippet).strip()


def _slug(text: str) -> str:
    from termcheck.names.translit import strip_diacritics

    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text.casefold())).strip("-") or "name"


def _unique(concept: str, used: set[str]) -> str:
    candidate, number = concept, 2
    while candidate in used:
        candidate, number = f"{concept}-{number}", number + 1
    used.add(candidate)
    return candidate

"""Glossaries as tables: TSV or CSV with a header row, one term per row.

Columns: ``concept, lang, term, status, note`` and optionally ``case`` (``yes``: compare exactly;
empty: exact for terms without lower-case letters such as ``NATO``, otherwise case-insensitive),
``domain`` (person, place, organisation ...; the first non-empty value of a concept counts) and
``example`` (``text before → text after``: fixing the left side with the glossary must give the
right side). Lines starting with ``#`` and blank lines are ignored. The delimiter is detected from
the header line: a tab makes it TSV, otherwise CSV.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from termcheck.errors import DataError
from termcheck.glossary.concepts import glossary_lang_problem
from termcheck.glossary.model import (
    Concept,
    Example,
    Glossary,
    Term,
    normalise_lang,
    normalise_status,
)

REQUIRED = ("concept", "lang", "term", "status", "note")
OPTIONAL = ("case", "domain", "example")
COLUMNS = REQUIRED + OPTIONAL
_TRUE = {"yes", "true", "1", "exact", "sensitive", "case-sensitive", "y"}
_FALSE = {"no", "false", "0", "insensitive", "case-insensitive", "n"}
EXAMPLE_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")


def iter_rows(text: str, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` of a TSV/CSV glossary table; errors name file and line."""
    rows = _tsv_rows(text) if _is_tsv(text) else _csv_rows(text)
    header: list[str] | None = None
    for number, fields in rows:
        stripped = list(map(str.strip, fields))  # each field stripped once (a run's ~1,000 rows)
        if not any(stripped) or stripped[0].startswith("#"):
            continue
        if header is None:
            header = [f.lower() for f in stripped]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise DataError(f"missing column(s) {', '.join(missing)} in header {header}",
                                path, number)
            continue
        if len(fields) > len(header):
            raise DataError(f"{len(fields)} fields but the header has {len(header)}", path, number)
        if len(stripped) < len(header):
            stripped += [""] * (len(header) - len(stripped))
        yield number, dict(zip(header, stripped))


def _is_tsv(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return "\t" in line
    return True


def _tsv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line.split("\t")


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"invalid CSV: {exc}", None, reader.line_num) from None


def parse_table(text: str, path: str) -> Glossary:
    """Build a glossary from the text of a TSV/CSV table."""
    concepts: dict[str, Concept] = {}
    for number, row in iter_rows(text, path):
        concept_id = row["concept"]
        if not concept_id:
            raise DataError("empty concept id", path, number)
        concept = concepts.get(concept_id)
        if concept is None:  # not setdefault: a Concept made for every row costs 1 µs
            concept = concepts[concept_id] = Concept(concept_id)
        concept.domain = concept.domain or row.get("domain", "")
        if row.get("example"):
            concept.examples.append(parse_example(row["example"], row["lang"], path, number))
            if not row["term"] and not row["status"]:
                continue  # a row that only carries an example
        concept.terms.append(_term(row, path, number))
    return Glossary(concepts.values())


def _term(row: dict[str, str], path: str, number: int) -> Term:
    if not row["term"]:
        raise DataError("empty term", path, number)
    if not row["lang"]:
        raise DataError("empty lang", path, number)
    problem = _lang_problem(row["lang"])
    if problem:
        raise DataError(problem, path, number)
    status = normalise_status(row["status"])
    if status is None:
        raise DataError(f"unknown status {row['status']!r}; use preferred, admitted or forbidden",
                        path, number)
    return Term(row["term"], row["lang"], status, _case(row, path, number), row["note"], path,
                number)


# a pure function of the value, asked once per row: a table holds a few languages
_lang_problem = lru_cache(maxsize=256)(glossary_lang_problem)


def _case(row: dict[str, str], path: str, number: int) -> bool:
    value = row.get("case", "").lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value:
        raise DataError(f"case must be yes or no, not {row['case']!r}", path, number)
    return default_case_sensitive(row["term"])


def default_case_sensitive(text: str) -> bool:
    """Terms without lower-case letters (acronyms: NATO, UN, ОДКБ) are compared exactly."""
    if text.isascii():  # no title-case letter, the one difference with str.isupper; a C loop
        return text.isupper()
    return any(map(str.isupper, text)) and not any(map(str.islower, text))


def parse_example(value: str, lang: str, path: str, number: int) -> Example:
    parts = EXAMPLE_ARROW.split(value, maxsplit=1)
    if len(parts) != 2 or not parts[0]:
        raise DataError(f"example must read 'text before → text after', not {value!r}",
                        path, number)
    return Example(parts[0], parts[1], normalise_lang(lang), path, number)


def write_table(glossary: Glossary, path: Path) -> None:
    """Write a glossary as TSV (or CSV when ``path`` ends in ``.csv``)."""
    from termcheck.fileio import atomic_write_bytes

    rows = [list(COLUMNS)]
    for concept in glossary:
        rows += _concept_rows(concept)
    atomic_write_bytes(path, _render(rows, path.suffix.lower() == ".csv").encode("utf-8"))


def _concept_rows(concept: Concept) -> list[list[str]]:
    """One row per term; each example rides on a term row of its language (or a row of its own)."""
    examples = list(concept.examples)
    rows = []
    for term in concept.terms:
        example = next((e for e in examples if e.lang == term.lang), None)
        if example is not None:
            examples.remove(example)
        case = "" if term.case_sensitive == default_case_sensitive(term.text) else \
            ("yes" if term.case_sensitive else "no")
        rows.append([concept.id, term.lang, term.text, term.status, term.note, case,
                     concept.domain, _example_text(example)])
    rows += [[concept.id, e.lang, "", "", "", "", concept.domain, _example_text(e)]
             for e in examples]
    return rows


def _example_text(example: Example | None) -> str:
    return f"{example.before} → {example.after}" if example else ""


def _render(rows: list[list[str]], as_csv: bool) -> str:
    if as_csv:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        return buffer.getvalue()
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row):
            raise DataError(f"a tab or line break in {row} cannot be written as TSV")
    return "".join("\t".join(row) + "\n" for row in rows)

"""Adapters for third-party glossary tables that do not use termcheck's columns.

TICO-19 terminologies (CSV, CC0): Facebook lists ``id, sourceLang, targetLang, sourceString,
targetString`` and Google lists ``stringID, sourceLang, targetLang, pos, description,
sourceString, targetString``. Each row becomes a concept with a preferred source term and a
preferred target term; rows with a side missing are skipped. There are no forbidden variants:
these lists say what to use, not what to avoid.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from termcheck.errors import DataError
from termcheck.glossary.model import Concept, Glossary, Term
from termcheck.glossary.tables import default_case_sensitive

TICO_COLUMNS = ("sourcelang", "targetlang", "sourcestring", "targetstring")


def load_tico(path: str | Path, domain: str = "covid") -> Glossary:
    """A glossary from a TICO-19 terminology CSV."""
    from termcheck.data import read_text

    path = Path(path)
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in TICO_COLUMNS if c not in header]
    if missing:
        raise DataError(f"not a TICO-19 list: missing column(s) {', '.join(missing)}",
                        str(path), 1)
    concepts = []
    for index, raw in enumerate(reader, 1):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        line = reader.line_num
        if not row["sourcestring"] or not row["targetstring"]:
            continue  # the upstream lists have a few rows with one side missing
        concept_id = f"{path.stem}-{row.get('id') or row.get('stringid') or index}"
        terms = [Term(text, lang, "preferred", default_case_sensitive(text),
                      row.get("description", ""), str(path), line)
                 for text, lang in ((row["sourcestring"], row["sourcelang"]),
                                    (row["targetstring"], row["targetlang"]))]
        concepts.append(Concept(concept_id, terms, domain))
    return Glossary(concepts)

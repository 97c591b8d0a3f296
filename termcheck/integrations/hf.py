"""Hugging Face ``datasets``: lint or clean a text column with ``Dataset.map`` (batched).

::

    from datasets import load_dataset
    from termcheck.integrations.hf import termcheck_map

    ds = load_dataset("json", data_files="news.jsonl", split="train")
    linted = check_dataset(ds)                 # adds termcheck_findings / termcheck_count
    cleaned = check_dataset(ds, clean=True)    # also rewrites "text", adds termcheck_changes
    flagged = linted.filter(lambda r: r["termcheck_count"] > 0)
    # or, by hand: ds.map(termcheck_map(), batched=True, features=termcheck_features(ds.features))

The function takes and returns plain dict batches (``{"text": [...], ...}``), so it needs no
``datasets`` at all and works the same on any columnar batch (``pip install 'termcheck[hf]'``
for ``datasets`` itself). Added columns: ``termcheck_findings`` (a list of records with the keys
of :data:`~termcheck.integrations.core.FINDING_KEYS`), ``termcheck_count`` and
``termcheck_problem`` (``None``, or why a record's text was not checked: it is not a string); with
``clean=True`` also ``termcheck_changes`` (:data:`~termcheck.integrations.core.CHANGE_KEYS`,
offsets into the original text). ``check_dataset`` passes
``features=termcheck_features(ds.features, clean)`` to ``map``: without it, a first batch with no
finding at all would fix the column's type as null and the next batch would fail to cast.
"""

from __future__ import annotations

from typing import Any, Callable

from termcheck.config import Config
from termcheck.integrations.core import PREFIX, Checker, Outcome

Batch = dict[str, list[Any]]


def termcheck_batch(batch: Batch, checker: Checker | None = None, text_column: str = "text",
                    lang_column: str | None = None, id_column: str | None = None) -> Batch:
    """``batch`` with the findings of each text added (and the text cleaned if ``checker``
    cleans). Other columns pass through unchanged. A record whose text is not a string (``None``,
    a number) is kept as it is, with no findings and its problem in ``termcheck_problem`` (as
    ``termcheck clean`` keeps a JSONL record without its text field)."""
    checker = checker or Checker()
    if text_column not in batch:
        raise KeyError(f"no column {text_column!r} in the batch (columns: "
                       f"{', '.join(batch) or 'none'}); pass text_column=")
    texts = batch[text_column]
    langs = batch[lang_column] if lang_column else [None] * len(texts)
    ids = batch[id_column] if id_column else range(len(texts))
    outcomes = [checker(text, lang, f"<record {ident}>") if isinstance(text, str) else
                Outcome(text, [], problem=f"no string text ({type(text).__name__}): kept as it is")
                for text, lang, ident in zip(texts, langs, ids)]
    result = dict(batch)
    result[PREFIX + "findings"] = [o.findings for o in outcomes]
    result[PREFIX + "count"] = [len(o.findings) for o in outcomes]
    result[PREFIX + "problem"] = [o.problem for o in outcomes]
    if checker.clean:
        result[text_column] = [o.text for o in outcomes]
        result[PREFIX + "changes"] = [o.changes for o in outcomes]
    return result


def termcheck_map(config: Config | None = None, clean: bool = False, unsafe: bool = False,
                  text_column: str = "text", lang_column: str | None = None,
                  id_column: str | None = None) -> Callable[[Batch], Batch]:
    """A function for ``Dataset.map(..., batched=True)`` (see the module's example)."""
    checker = Checker(config or Config(), clean, unsafe)

    def mapper(batch: Batch) -> Batch:
        return termcheck_batch(batch, checker, text_column, lang_column, id_column)

    return mapper


def termcheck_features(features: Any, clean: bool = False) -> Any:
    """``features`` of a dataset plus the types of the columns termcheck adds (needs
    ``datasets``)."""
    from datasets import Features, Value

    finding = {key: Value("string") for key in ("code", "rule", "category", "severity",
                                                 "message", "matched", "fix")}
    finding |= {key: Value("int64") for key in ("start", "end", "line", "column")}
    added: dict[str, Any] = {PREFIX + "findings": [finding],
                             PREFIX + "count": Value("int64"),
                             PREFIX + "problem": Value("string")}
    if clean:
        change = {"start": Value("int64"), "end": Value("int64"), "removed": Value("string"),
                  "replacement": Value("string"), "codes": [Value("string")]}
        added[PREFIX + "changes"] = [change]
    return Features({**features, **added})


def check_dataset(dataset: Any, config: Config | None = None, clean: bool = False,
                  unsafe: bool = False, text_column: str = "text", lang_column: str | None = None,
                  **map_kwargs: Any) -> Any:
    """``dataset.map`` with :func:`termcheck_map`, batched, with the added columns' types."""
    mapper = termcheck_map(config, clean, unsafe, text_column, lang_column)
    return dataset.map(mapper, batched=True, features=termcheck_features(dataset.features, clean),
                       **map_kwargs)

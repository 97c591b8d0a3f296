"""Bilingual mode: check translations against their sources, segment by segment.

A *pair* is a source document and its translation (the *target*). Segments are aligned by
paragraph (:attr:`Document.paragraphs`); when the paragraph counts differ but the counts of
non-blank lines agree, lines are aligned instead. When neither agrees, the pair gets a problem
(``TC-ALIGN``: "source has 7 paragraphs, target 6") and only the monolingual rules run on the
target, unless ``align`` asks for paragraphs to be aligned by length (:func:`align_by_length`).

The alignment travels with the target document in ``doc.meta["bilingual"]``; rules that need a
source (NU001, BL001-BL011) read it with :func:`alignment_of` and find nothing without one, so a
monolingual run is unaffected. Findings point at offsets of the target text.

The source language is, in order: the ``source_lang`` argument (``--source-lang``), the
``source-lang`` setting of the configuration, the source record's ``lang`` field (JSONL), or the
language detected in the source document (termcheck.langid).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from termcheck.alignment import (  # the model, re-exported: termcheck.bilingual.Segment
    META_KEY,
    SOURCE_LANG_KEY,
    Alignment,
    Bead,
    Pair,
    Segment,
    align,
    align_by_length,
    alignment_of,
    attach_source,
)
from termcheck.config import Config, ConfigResolver
from termcheck.corpus.jsonl import id_of, iter_records
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, Source, read_document
from termcheck.document import Document
from termcheck.errors import InputError
from termcheck.model import FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.api import LintReport
    from termcheck.corpus.executors import Executor
    from termcheck.engine import DocumentResult

__all__ = [  # the model lives in termcheck.alignment; these names stay importable from here
    "META_KEY", "SOURCE_LANG_KEY", "Alignment", "Bead", "Pair", "Segment", "align",
    "align_by_length", "alignment_of", "attach_source", "bilingual_apply", "iter_file_pairs",
    "iter_jsonl_pairs", "iter_lint_pairs", "lint_pair_texts", "lint_pairs", "pair_directories",
    "read_or_problem", "source_language",
]

SOURCE_FIELD = "source"
TARGET_FIELD = "target"


def source_language(source: Document, config: Config, explicit: str | None = None) -> str:
    """``explicit``, else ``config.source_lang``, else the source's own, else detected."""
    lang = explicit or config.source_lang or source.lang
    if lang and lang != "auto":
        return lang
    from termcheck.langid import dominant_language

    return dominant_language((p.text for p in source.paragraphs), config.lid)


def lint_pairs(pairs: Iterable[Pair], config: Config | None = None,
               overrides: dict[str, Any] | None = None, source_lang: str | None = None,
               keep_texts: bool = False, *, executor: Executor | None = None,
               align: bool = False) -> LintReport:
    """Lint translations against their sources: every enabled rule runs on each target, and the
    bilingual rules (NU001, BL001-BL011) compare each aligned segment with its source.

    ``config=None`` finds the nearest configuration file for each target; ``overrides`` apply on
    top (as in :func:`termcheck.api.lint_paths`). A pair without a source, or whose paragraphs
    do not align, is reported as a problem and its target is still checked on its own; with
    ``align``, paragraphs whose counts differ are aligned by length (:func:`align_by_length`).
    Corpus-wide rules (NM002) see all targets of the run as one corpus. The pairs are kept in
    memory; :func:`iter_lint_pairs` streams them instead.
    """
    from termcheck.api import LintReport

    kept = list(pairs)
    return LintReport.collect(iter_lint_pairs(lambda: kept, config, overrides, source_lang,
                                              keep_texts=keep_texts, executor=executor,
                                              align=align))


def iter_lint_pairs(make_pairs: Callable[[], Iterable[Pair]], config: Config | None = None,
                    overrides: dict[str, Any] | None = None, source_lang: str | None = None, *,
                    keep_texts: bool = False, executor: Executor | None = None,
                    align: bool = False, named: Sequence[str | Path] = ()
                    ) -> Iterator[DocumentResult]:
    """Like :func:`lint_pairs`, a result per target (or problem) in input order, streamed.

    ``make_pairs`` is called once for the corpus profile (targets only) when a corpus-wide rule
    is on, and once for the check, so pairs are read lazily both times. ``executor`` decides
    where targets are checked (see :func:`termcheck.pipeline.make_executor`). ``named`` are the
    paths the user gave: a malformed configuration or data file of theirs is an error of the
    run (:class:`DataError`), raised before any result, as in lint and clean.
    """
    from termcheck.api import results_of
    from termcheck.corpus.executors import SerialExecutor
    from termcheck.pipeline import Run, WorkItem, keeping_text, outcomes_only

    def items() -> Iterator[WorkItem]:  # BL011's profile needs the sources too: aligned twice
        return (WorkItem(None, item)
                for item in _aligned_targets(make_pairs(), run.resolver, source_lang, align))

    run = Run(ConfigResolver(config, overrides),
              partial(keeping_text, bilingual_apply) if keep_texts else bilingual_apply,
              executor or SerialExecutor())
    return results_of(outcomes_only(run.stream(items, named)))


def bilingual_apply(doc: Document, config: Config, profile: dict[str, Any] | None
                    ) -> DocumentResult:
    """The ``apply`` function of bilingual runs: check a target with its source's language."""
    from termcheck.engine import check_document

    lang = doc.meta.get(SOURCE_LANG_KEY)
    if isinstance(lang, str):
        config = config.with_overrides(source_lang=lang)  # LG003 reads it
    return check_document(doc, config, profile)


def _aligned_targets(pairs: Iterable[Pair], resolver: ConfigResolver, source_lang: str | None,
                     align: bool = False) -> Iterator[Document | FileProblem]:
    """Each pair's problems, then its target with the source aligned to it (when it has one)."""
    for pair in pairs:
        yield from pair.problems
        if pair.target is None:
            continue
        if pair.source is not None:
            config = resolver.for_path(pair.target.path)
            lang = source_language(pair.source, config, source_lang or pair.source_lang)
            pair.target.meta[SOURCE_LANG_KEY] = lang
            problem = attach_source(pair.target, pair.source, lang, by_length=align)
            if problem is not None:
                yield problem
        yield pair.target


def lint_pair_texts(source: str, target: str, source_lang: str,
                    config: Config | None = None, path: str = "<target>") -> list[Finding]:
    """Lint one translation against its source text (both given as strings)."""
    from termcheck.engine import check_document

    config = config or Config()
    doc = Document(text=target, path=path)
    problem = attach_source(doc, Document(text=source, path=f"{path} (source)"), source_lang)
    if problem is not None:
        raise InputError(problem.message, path, code=problem.code)
    return check_document(doc, config).findings


def pair_directories(source_dir: str | Path, target_dir: str | Path,
                     options: ReadOptions = DEFAULT_READ) -> Iterator[Pair]:
    """Pairs of ``*.txt``/``*.md`` files with the same relative path under both directories.

    A target without a source file gets a ``TC-NO-SOURCE`` problem (and is still checked on its
    own); a source without a target gets ``TC-NO-TARGET``.
    """
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    sources = _files_by_relative(source_dir, options)
    seen: set[str] = set()
    for item in _text_files(target_dir, options):
        if isinstance(item, FileProblem):
            yield Pair(None, problems=[item])
            continue
        relative = item.relative.as_posix()
        seen.add(relative)
        target = read_or_problem(item, options)
        if isinstance(target, FileProblem):
            yield Pair(None, problems=[target])
            continue
        source_item = sources.get(relative)
        if source_item is None:
            yield Pair(target, problems=[FileProblem(
                item.display, "TC-NO-SOURCE", f"no source file {source_dir / relative}")])
            continue
        source = read_or_problem(source_item, options)
        if isinstance(source, FileProblem):
            yield Pair(target, problems=[source])
            continue
        yield Pair(target, source)
    for relative, source_item in sorted(sources.items()):
        if relative not in seen:
            yield Pair(None, problems=[FileProblem(
                source_item.display, "TC-NO-TARGET", f"no target file {target_dir / relative}")])


def _text_files(directory: Path, options: ReadOptions) -> Iterator[Source | FileProblem]:
    """The ``*.txt``/``*.md`` files of ``directory`` (the walker of every command)."""
    from termcheck.corpus.sources import TEXT_SUFFIXES
    from termcheck.pipeline import Walk, walk

    for work in walk([directory], Walk(options, TEXT_SUFFIXES)):
        assert isinstance(work.item, (Source, FileProblem))  # no JSONL among the suffixes
        yield work.item


def _files_by_relative(directory: Path, options: ReadOptions) -> dict[str, Source]:
    return {item.relative.as_posix(): item for item in _text_files(directory, options)
            if isinstance(item, Source)}


def read_or_problem(item: Source, options: ReadOptions = DEFAULT_READ) -> Document | FileProblem:
    try:
        return read_document(item, options)
    except InputError as exc:
        return FileProblem(item.display, exc.code, exc.message)


def iter_jsonl_pairs(path: str | Path, source_field: str = SOURCE_FIELD,
                     target_field: str = TARGET_FIELD, id_field: str = "id") -> Iterator[Pair]:
    """A pair per record of a JSONL file with ``source`` and ``target`` string fields.

    A record's optional ``source_lang`` / ``target_lang`` (or ``lang``) fields set its languages;
    its ``id_field`` names the pair in reports (see :func:`termcheck.corpus.jsonl.id_of`).
    A bad line becomes a problem naming the file and line; the other records are still read.
    """
    path = Path(path)
    display = str(path)
    for number, record in iter_records(path, display):
        if isinstance(record, FileProblem):
            yield Pair(None, problems=[record])
        else:
            yield _record_pair(record, f"{display}#{number}", f"{display}:{number}",
                               (source_field, target_field, id_field))


def iter_file_pairs(path: str | Path, id_field: str = "id") -> Iterator[Pair]:
    """The pairs of one ``--bilingual`` file: TMX (``.tmx``), XLIFF 1.2/2.x (``.xlf``,
    ``.xliff``) by extension, else JSONL (:func:`iter_jsonl_pairs`, ids from ``id_field``)."""
    from termcheck.corpus.translation_memory import (
        is_translation_memory,
        iter_translation_memory_pairs,
    )

    path = Path(path)
    if is_translation_memory(path):
        yield from iter_translation_memory_pairs(path)
    else:
        yield from iter_jsonl_pairs(path, id_field=id_field)


def _record_pair(record: dict[str, Any], doc_path: str, where: str,
                 fields: tuple[str, str, str]) -> Pair:
    source_field, target_field, id_field = fields
    missing = [f for f in (source_field, target_field) if not isinstance(record.get(f), str)]
    if missing:
        return _bad(where, "TC-JSONL", f"no string field(s) {', '.join(map(repr, missing))}")
    try:
        record_id = id_of(record.get(id_field))
    except ValueError as exc:
        return _bad(where, "TC-JSONL", f"field {id_field!r} (--id-field) {exc}")
    target_lang = record.get("target_lang") or record.get("lang")
    source_lang = record.get("source_lang")
    target = Document(record[target_field], path=doc_path,
                      lang=target_lang if isinstance(target_lang, str) else None,
                      meta={"id": record_id or doc_path})
    source = Document(record[source_field], path=f"{doc_path} (source)")
    return Pair(target, source, source_lang if isinstance(source_lang, str) else None)


def _bad(where: str, code: str, message: str) -> Pair:
    """A pair with nothing to check: only a problem."""
    return Pair(None, problems=[FileProblem(where, code, message)])

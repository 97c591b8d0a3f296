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

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.jsonl import iter_records
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, Source, iter_sources, read_document
from termcheck.document import Document, Paragraph
from termcheck.errors import InputError
from termcheck.model import FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.api import LintReport
    from termcheck.corpus.executors import Executor
    from termcheck.engine import DocumentResult

META_KEY = "bilingual"
SOURCE_LANG_KEY = "source_lang"  # in a target's meta: its source's language, aligned or not
SOURCE_FIELD = "source"
TARGET_FIELD = "target"


@dataclass(frozen=True)
class Segment:
    """One aligned pair of paragraphs (or lines): the source's and the target's."""

    index: int
    source: Paragraph
    target: Paragraph

    def target_sentence(self, source_offset: int, source_lang: str,
                        target_lang: str) -> Paragraph:
        """The target sentence aligned with the source sentence holding ``source_offset`` (an
        offset into ``source.text``), when both segments split into as many sentences (by
        :func:`termcheck.sentences.split`, which knows each language's abbreviations); else
        the whole target segment. Findings about something the source says then point at the
        sentence that should say it."""
        from termcheck.sentences import split

        sources = split(self.source.text, source_lang.split("-")[0])
        targets = split(self.target.text, target_lang.split("-")[0])
        if len(sources) < 2 or len(sources) != len(targets):
            return self.target
        number = next((i for i, (start, end) in enumerate(sources)
                       if start <= source_offset < end), None)
        if number is None:
            return self.target
        start, end = targets[number]
        return Paragraph(self.target.start + start, self.target.start + end,
                         self.target.text[start:end])


@dataclass(frozen=True)
class Alignment:
    """The source of a target document, its language, and how segments are aligned.

    Segments are recomputed from the target each time (:meth:`segments_for`), so that they stay
    true while fixes change the target's text.
    """

    source: Document
    source_lang: str
    by_lines: bool = False
    beads: tuple[Bead, ...] | None = None  # by length (--align): groups of paragraphs

    def segments_for(self, target: Document) -> tuple[Segment, ...]:
        """The aligned segments of ``target`` (none when the counts no longer agree)."""
        units = _line_paragraphs if self.by_lines else _paragraphs
        sources, targets = units(self.source), units(target)
        if self.beads is not None:
            return _bead_segments(self.beads, (self.source, sources), (target, targets))
        if len(sources) != len(targets):
            return ()
        return tuple(Segment(i, s, t) for i, (s, t) in enumerate(zip(sources, targets)))


Bead = tuple[tuple[int, ...], tuple[int, ...]]  # paragraph indexes of the source and the target


def _bead_segments(beads: tuple[Bead, ...], source: tuple[Document, list[Paragraph]],
                   target: tuple[Document, list[Paragraph]]) -> tuple[Segment, ...]:
    """A segment per bead with paragraphs on both sides (several paragraphs become one span);
    a paragraph that only one side has is left out: there is nothing to compare it with."""
    (source_doc, sources), (target_doc, targets) = source, target
    if any(i >= len(sources) for bead in beads for i in bead[0]) or any(
            i >= len(targets) for bead in beads for i in bead[1]):
        return ()  # the target changed since it was aligned
    segments = []
    for source_indexes, target_indexes in beads:
        if source_indexes and target_indexes:
            segments.append(Segment(len(segments),
                                    _spanning(source_doc, sources, source_indexes),
                                    _spanning(target_doc, targets, target_indexes)))
    return tuple(segments)


def _spanning(doc: Document, paragraphs: list[Paragraph], indexes: tuple[int, ...]) -> Paragraph:
    """One paragraph from the start of the first of ``indexes`` to the end of the last."""
    start, end = paragraphs[indexes[0]].start, paragraphs[indexes[-1]].end
    return Paragraph(start, end, doc.text[start:end])


@dataclass
class Pair:
    """A source document and its translation; either is ``None`` when it is missing."""

    target: Document | None
    source: Document | None = None
    source_lang: str | None = None
    problems: list[FileProblem] = field(default_factory=list)


def alignment_of(doc: Document) -> Alignment | None:
    """The alignment attached to ``doc`` by :func:`attach_source`, or ``None`` (monolingual)."""
    found = doc.meta.get(META_KEY)
    return found if isinstance(found, Alignment) else None


def _paragraphs(doc: Document) -> list[Paragraph]:
    return doc.paragraphs


def _line_paragraphs(doc: Document) -> list[Paragraph]:
    return [Paragraph(start, end, doc.text[start:end]) for start, end in doc.lines()
            if doc.text[start:end].strip()]


def align(source: Document, target: Document, source_lang: str, by_length: bool = False
          ) -> Alignment | str:
    """Align by paragraph (or by line when only line counts agree). When neither count agrees:
    with ``by_length``, paragraphs are aligned by their lengths (:func:`align_by_length`), else
    a problem message."""
    sources, targets = len(source.paragraphs), len(target.paragraphs)
    if sources == targets:
        return Alignment(source, source_lang)
    if len(_line_paragraphs(source)) == len(_line_paragraphs(target)):
        return Alignment(source, source_lang, by_lines=True)
    if by_length and sources and targets:
        return Alignment(source, source_lang, beads=align_by_length(
            [len(p.text) for p in source.paragraphs], [len(p.text) for p in target.paragraphs]))
    return f"source has {sources} paragraphs, target {targets}: bilingual checks skipped"


def align_by_length(source_lengths: list[int], target_lengths: list[int]) -> tuple[Bead, ...]:
    """Gale and Church's length-based alignment (NLTK's ``align_blocks``), as beads of paragraph
    indexes: 1-1, 1-2, 2-1, 2-2 and paragraphs of one side only (1-0, 0-1)."""
    try:
        from nltk.translate.gale_church import align_blocks
    except ImportError:
        from termcheck.errors import TermcheckError

        raise TermcheckError("--align needs NLTK: pip install 'termcheck[align]'") from None
    pairs = align_blocks([max(n, 1) for n in source_lengths], [max(n, 1) for n in target_lengths])
    beads: list[tuple[list[int], list[int]]] = []
    for source_index, target_index in pairs:
        if beads and (beads[-1][0][-1:] == [source_index] or beads[-1][1][-1:] == [target_index]):
            bead = beads[-1]  # one side repeats its index: the same bead grows
        else:
            bead = ([], [])
            beads.append(bead)
        for side, index in ((bead[0], source_index), (bead[1], target_index)):
            if not side or side[-1] != index:
                side.append(index)
    return tuple((tuple(s), tuple(t)) for s, t in beads)


def attach_source(target: Document, source: Document, source_lang: str,
                  by_length: bool = False) -> FileProblem | None:
    """Align ``source`` with ``target`` and store the alignment in ``target.meta``.

    Returns the ``TC-ALIGN`` problem when the segments cannot be aligned (nothing is attached);
    ``by_length`` (``lint --align``) aligns paragraphs by their lengths instead.
    """
    alignment = align(source, target, source_lang, by_length)
    if isinstance(alignment, str):
        target.meta.pop(META_KEY, None)
        return FileProblem(target.path, "TC-ALIGN", alignment)
    target.meta[META_KEY] = alignment
    return None


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
                    align: bool = False) -> Iterator[DocumentResult]:
    """Like :func:`lint_pairs`, a result per target (or problem) in input order, streamed.

    ``make_pairs`` is called once for the corpus profile (targets only) when a corpus-wide rule
    is on, and once for the check, so pairs are read lazily both times. ``executor`` decides
    where targets are checked (see :func:`termcheck.corpus.executors.make_executor`).
    """
    from termcheck.api import results_of
    from termcheck.corpus.executors import SerialExecutor, Task, keeping_text

    executor = executor or SerialExecutor()
    resolver = ConfigResolver(config, overrides)
    task = Task(resolver, apply=partial(keeping_text, bilingual_apply) if keep_texts
                else bilingual_apply)
    profile = executor.profile((d for d in _aligned_targets(make_pairs(), resolver, source_lang,
                                                            align)
                                if isinstance(d, Document)), task)  # BL011 needs the sources
    items = _aligned_targets(make_pairs(), resolver, source_lang, align)
    return results_of(executor.map(items, task.with_profile(profile)))


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
    sources = _files_by_relative(source_dir)
    seen: set[str] = set()
    for item in iter_sources([target_dir]):
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


def _files_by_relative(directory: Path) -> dict[str, Source]:
    return {item.relative.as_posix(): item for item in iter_sources([directory])
            if isinstance(item, Source)}


def read_or_problem(item: Source, options: ReadOptions = DEFAULT_READ) -> Document | FileProblem:
    try:
        return read_document(item, options)
    except InputError as exc:
        return FileProblem(item.display, exc.code, exc.message)


def iter_jsonl_pairs(path: str | Path, source_field: str = SOURCE_FIELD,
                     target_field: str = TARGET_FIELD) -> Iterator[Pair]:
    """A pair per record of a JSONL file with ``source`` and ``target`` string fields.

    A record's optional ``source_lang`` / ``target_lang`` (or ``lang``) fields set its languages.
    A bad line becomes a problem naming the file and line; the other records are still read.
    """
    path = Path(path)
    display = str(path)
    for number, record in iter_records(path, display):
        if isinstance(record, FileProblem):
            yield Pair(None, problems=[record])
        else:
            yield _record_pair(record, f"{display}#{number}", f"{display}:{number}",
                               source_field, target_field)


def iter_file_pairs(path: str | Path) -> Iterator[Pair]:
    """The pairs of one ``--bilingual`` file: TMX (``.tmx``), XLIFF 1.2/2.x (``.xlf``,
    ``.xliff``) by extension, else JSONL (:func:`iter_jsonl_pairs`)."""
    from termcheck.corpus.translation_memory import (
        is_translation_memory,
        iter_translation_memory_pairs,
    )

    path = Path(path)
    if is_translation_memory(path):
        yield from iter_translation_memory_pairs(path)
    else:
        yield from iter_jsonl_pairs(path)


def _record_pair(record: dict[str, Any], doc_path: str, where: str, source_field: str,
                 target_field: str) -> Pair:
    missing = [f for f in (source_field, target_field) if not isinstance(record.get(f), str)]
    if missing:
        return _bad(where, "TC-JSONL", f"no string field(s) {', '.join(map(repr, missing))}")
    target_lang = record.get("target_lang") or record.get("lang")
    source_lang = record.get("source_lang")
    target = Document(record[target_field], path=doc_path,
                      lang=target_lang if isinstance(target_lang, str) else None,
                      meta={"id": str(record.get("id", doc_path))})
    source = Document(record[source_field], path=f"{doc_path} (source)")
    return Pair(target, source, source_lang if isinstance(source_lang, str) else None)


def _bad(where: str, code: str, message: str) -> Pair:
    """A pair with nothing to check: only a problem."""
    return Pair(None, problems=[FileProblem(where, code, message)])

"""The model of bilingual text: a pair, its aligned segments, and how they are aligned.

A *pair* is a source document and its translation (the *target*). Segments are aligned by
paragraph (:attr:`Document.paragraphs`); when the paragraph counts differ but the counts of
non-blank lines agree, lines are aligned instead. When neither agrees, the pair gets a problem
(``TC-ALIGN``: "source has 7 paragraphs, target 6"), unless ``by_length`` asks for paragraphs to
be aligned by length (:func:`align_by_length`).

The alignment travels with the target document in ``doc.meta["bilingual"]``; rules that need a
source (NU001, BL001-BL011) read it with :func:`alignment_of` and find nothing without one. This
module is all the rules import: running a bilingual check is :mod:`termcheck.bilingual`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from termcheck.document import Document, Paragraph
from termcheck.model import FileProblem

META_KEY = "bilingual"
SOURCE_LANG_KEY = "source_lang"  # in a target's meta: its source's language, aligned or not


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

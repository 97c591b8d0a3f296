"""Names: one person or place spelled several ways across the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Applicability, Fix, Hit
from termcheck.names.candidates import Candidate, Scan, scan
from termcheck.names.profile import NameStats, Verdict, same_spelling
from termcheck.names.translit import Folder, default_folder
from termcheck.rules.registry import CorpusHooks, rule


@dataclass(frozen=True)
class GlossaryHints:
    """What the name glossary says: preferred spelling per key, and variants it lists."""

    preferred: dict[str, str] = field(default_factory=dict)
    listed: frozenset[str] = frozenset()  # same_spelling() of admitted and forbidden variants


def name_folder(ctx: Context) -> Folder:
    return ctx.resources.get(("names", "folder"), default_folder)


def glossary_hints(ctx: Context) -> GlossaryHints:
    return GlossaryHints()


def glossary_spans(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Spans of admitted and forbidden glossary names (accepted, or NM001's to report)."""
    return []


def collect_names(doc: Document, ctx: Context) -> NameStats:
    """Count every candidate name of one document by key and spelling."""
    return NameStats.of(scan(doc.text, name_folder(ctx)))


NAME_HOOKS: CorpusHooks[NameStats] = CorpusHooks(collect_names, NameStats.merge, NameStats)


@rule("NM002", "name-inconsistent", "names", "Terminology/Inconsistent use",
      fixable="sometimes", corpus=NAME_HOOKS)
def name_inconsistent(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A name spelled differently from the way most of the corpus spells it.

    ## What it does
    Folds every capitalised word and run of capitalised words to a transliteration key
    (`glossaries/translit.tsv`: Kassym/Kasym, Zhomart/Jomart/Shomart, Dmitry/Dmitri,
    Sergey/Sergei, Kostanay/Kostanai, Zelensky/Zelenskyy ...) and counts the spellings of each
    key over the whole corpus (or over the one text given to `lint_text`). Every spelling that
    is not the winner is reported: the glossary's preferred form when the name glossary has one,
    else the most frequent spelling (ties: the first in code-point order, so the result never
    depends on the order or partitioning of the documents). Words seen only at the start of
    sentences do not count, and short words fold almost exactly (Jane/Shane, Han/Khan,
    Kim Jong-un/Kim Jong-il, Alexander/Alexandra stay apart).

    ## Why it matters
    Translation engines and translators transliterate the same Russian or Kazakh name in
    several ways, even within one article: "Kassym-Shomart Tokayev" in one paragraph,
    "Kassym-Jomart Tokayev" in the next. Readers and search indexes take them for two people.

    ## Example
    ```text
    Club spokesman Dmitry Sokolov said ... Dmitry Sokolov added ... Dmitri Sokolov denied ...
    ```
    Use instead: one spelling throughout, here "Dmitry Sokolov".

    ## Fix safety
    Safe when the glossary gives the preferred form, or when the winner occurs at least 3 times
    and at least twice as often as any other spelling *and* occurs next to the same neighbouring
    name at least once ("Dmitry Peskov" for "Dmitri Peskov"; for runs of words, the run itself);
    otherwise display only, so "Nisan Ahmado" is never rewritten to the car maker "Nissan".
    Variants that the name glossary lists are left to NM001 (forbidden) or accepted (admitted).

    ## Precision
    See the figures in the README section "Names".
    """
    stats = ctx.corpus_stats("NM002") or collect_names(doc, ctx)
    hints = glossary_hints(ctx)
    accepted = glossary_spans(doc, ctx)
    found = scan(doc.text, name_folder(ctx))
    chosen: list[tuple[Candidate, Verdict, bool]] = []
    settled: list[Candidate] = []  # runs of words whose spellings the corpus compares itself
    for item in found.phrases + found.words:
        preferred = hints.preferred.get(item.key)
        verdict = stats.verdict(item.key, preferred)
        if verdict is None or _inside(item, settled):
            continue
        if item.phrase:
            settled.append(item)
        spelling = same_spelling(item.surface)
        if spelling != same_spelling(verdict.winner.text) and not _inside(item, accepted):
            chosen.append((item, verdict, preferred is not None))
    for item, verdict, from_glossary in _without_overlaps(chosen):
        safe = verdict.clear and (from_glossary or item.phrase
                                  or _bridged(stats, found, item, verdict.winner.text))
        yield _hit(item, verdict, from_glossary, safe)


def _bridged(stats: NameStats, found: Scan, word: Candidate, spelling: str) -> bool:
    """Whether the winning spelling occurs beside the same neighbour as ``word`` somewhere."""
    left = next((a for a, b in found.pairs if b == word), None)
    right = next((b for a, b in found.pairs if a == word), None)
    return stats.bridged(word, spelling, left, right)


def _inside(item: Candidate, spans: list[Candidate] | list[tuple[int, int]]) -> bool:
    """Whether ``item`` overlaps one of ``spans`` (candidates or (start, end) pairs)."""
    for span in spans:
        start, end = (span.start, span.end) if isinstance(span, Candidate) else span
        if item.start < end and start < item.end:
            return True
    return False


def _without_overlaps(chosen: list[tuple[Candidate, Verdict, bool]]
                      ) -> list[tuple[Candidate, Verdict, bool]]:
    """Glossary-backed findings first, then runs of words before single words; no overlaps."""
    kept: list[tuple[Candidate, Verdict, bool]] = []
    for item in sorted(chosen, key=lambda i: (not i[2], not i[0].phrase, i[0].start, i[0].end)):
        if all(item[0].end <= k[0].start or k[0].end <= item[0].start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda i: i[0].start)


def _hit(found: Candidate, verdict: Verdict, from_glossary: bool, safe: bool) -> Hit:
    winner = verdict.winner
    why = ("the name glossary prefers it" if from_glossary
           else f"{winner.count}× against {verdict.count_of(found.surface)}×")
    others = ", ".join(f"{s.text} {s.count}×" for s in verdict.spellings)
    applicability = Applicability.SAFE if safe else Applicability.DISPLAY
    head, tail, replacement = narrow(found.surface, winner.text)
    start, end = found.start + head, found.end - tail
    return Hit(start, end,
               f"'{found.surface}' is also spelled '{winner.text}' ({why}; spellings: {others})",
               Fix.replace(start, end, replacement, f"Spell it '{winner.text}'", applicability))


def _in_word(char: str) -> bool:
    return char.isalpha() or char in "-'’"


def narrow(surface: str, winner: str) -> tuple[int, int, str]:
    """Only the words that differ: (chars kept at the start, at the end, replacement).

    "Dmitri Peskov" against "Dmitry Peskov" gives (0, 7, "Dmitry").
    """
    head = 0
    while head < min(len(surface), len(winner)) and surface[head] == winner[head]:
        head += 1
    tail = 0
    while (tail < min(len(surface), len(winner)) - head
           and surface[-1 - tail] == winner[-1 - tail]):
        tail += 1
    while head > 0 and _in_word(surface[head - 1]):
        head -= 1
    while tail > 0 and _in_word(surface[len(surface) - tail]):
        tail -= 1
    return head, tail, winner[head:len(winner) - tail]

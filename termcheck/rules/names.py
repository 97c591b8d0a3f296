"""Names: people and places spelled as the glossary says, and one way throughout a corpus."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from termcheck.casefolding import casefolded
from termcheck.context import SHARED_RESOURCES, Context, Resources, prepared_elsewhere
from termcheck.document import Document
from termcheck.model import Applicability, Fix, Hit
from termcheck.names.candidates import Candidate, Scan
from termcheck.names.evidence import capitalises_nouns, loses_something, marks, name_variants
from termcheck.names.hints import GlossaryHints, hints_from
from termcheck.names.profile import NameStats, Verdict, same_spelling
from termcheck.names.runs import (
    KEPT_SIZE,
    CollectedRuns,
    Patterns,
    RunInfo,
    RunTable,
    patterns,
    patterns_for,
    raw_runs,
    scan_runs,
)
from termcheck.names.spans import Disjoint, Spans
from termcheck.names.translit import Folder, default_folder
from termcheck.rules.kinds import (
    NAME_DOMAINS,
    document_forbidden_matches,
    glossary_for,
    glossary_matches,
)
from termcheck.rules.registry import CorpusHooks, rule

if TYPE_CHECKING:
    from termcheck.glossary.matcher import Match
    from termcheck.glossary.model import Glossary


@rule("NM001", "name-variant", "names", "Terminology/Inconsistent use", fixable="sometimes")
def name_variant(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A person or place name spelled in a variant the glossary forbids.

    ## What it does
    Finds the forbidden variants of the person and place names of the glossaries (shipped
    `glossaries/names.tsv` plus the configured ones) and proposes the preferred spelling of the
    target language. Admitted variants are accepted.

    ## Why it matters
    Machine translation transliterates the same name differently from one article to the next
    (Kassym-Shomart, Kassym-Zhomart, Kassym-Jomart): readers and search engines see three people.

    ## Example
    ```text
    President Kassym-Shomart Tokayev thanked the alliance.
    ```
    Use instead: `President Kassym-Jomart Tokayev thanked the alliance.`

    ## Fix safety
    Safe when the glossary gives a replacement of the same number of words (the preferred term, or
    the closest admitted one for a part of the name), the variant is an unambiguous error and the
    replacement loses no diacritic, no capital and changes no hyphen between letters (unsafe
    then). The shipped `glossaries/names.tsv` forbids two kinds of variant: unambiguous errors in
    English text, fixed safely (another language's spelling carried over by translation:
    Wladimir Putin, Lawrow, Charkiw; a misspelling no style guide uses: Kassym-Shomart, Xi Jin
    Ping), and house spellings, whose note starts with "house spelling": English romanisations
    that some news agency or newspaper uses (Sergei/Sergey, Dmitri/Dmitry, -iy, Gadhafi/Qaddafi,
    Donbass). Those are reported, so that a text can follow the glossary's style, with an unsafe
    fix: `clean` never rewrites them on its own. A spelling that any loaded glossary lists as
    preferred or admitted (a house style in a user glossary) is never reported, even where
    another glossary forbids it. Unsafe also when a stem pattern's inflected ending would be
    lost; display only when no replacement of the right length exists.

    ## Precision
    Judged on unseen MT output (`benchmarks/judged/NM001.tsv`, `python3 benchmarks/judge.py
    NM001`): WMT21 ru-en systems AFRL, Manifold, NVIDIA-NeMo, NiuTrans, Online-A/B/G/Y, each
    system its own corpus, give 89 findings (3 safe fixes, 86 unsafe house spellings: Donbass
    72, Vladimir Zelensky 10, Aleksandr Ovechkin 2, Oleg Tinkoff 1); a random sample of 33 plus
    the safe ones, 34 findings, all right (100 %). The wmt21-news-ru-fr outputs (Russian,
    French) and the scrapinghub-aeb extractor outputs give 0. Before house spellings were told
    apart, the same 89 findings were all safe fixes: 86 rewrites that a house style may not
    want. On the WMT21 ru-en references: 15 and 14 findings, all house spellings with unsafe
    fixes (Donbass 24, Vladimir Zelensky 2, Aleksandr Ovechkin 2, Sergei Shoygu 1); WMT21
    sources, the WMT23 MQM output and the scrapinghub gold bodies: 0.
    """
    matches = document_forbidden_matches(doc, ctx)
    if not matches:
        return  # no glossary term here (or none forbidden, by the screen)
    glossary = glossary_for(ctx)
    admitted = ctx.resources.get(("names", "admitted", id(glossary), ctx.lang),
                                 lambda: admitted_spellings(glossary, ctx.lang))
    for match in matches:
        if match.term.status != "forbidden" or match.concept.domain not in NAME_DOMAINS:
            continue
        matched = doc.text[match.start:match.end]
        if same_spelling(matched) not in admitted:
            yield _variant_hit(glossary, match, matched, ctx.lang)


HOUSE_SPELLING = "house spelling"  # how a glossary note marks a variant some media use


def _variant_hit(glossary: Glossary, match: Match, matched: str, lang: str) -> Hit:
    """The finding for a forbidden name; its fix is unsafe when the variant is a house spelling
    (its note says so) or when it would lose a diacritic, a capital or an inner hyphen."""
    from termcheck.glossary.fixes import replacement_for

    replacement = replacement_for(glossary, match, matched, lang)
    if replacement is None:
        return Hit(match.start, match.end,
                   f"'{matched}' is a forbidden variant ({match.concept.id}); the glossary has no "
                   f"preferred term in '{lang}'")
    applicability = replacement.applicability
    house = match.term.note.casefold().startswith(HOUSE_SPELLING)
    if applicability is Applicability.SAFE and (house or loses_something(matched,
                                                                          replacement.text)):
        applicability = Applicability.UNSAFE
    kind = " (a house spelling some media use)" if house else ""
    return Hit(match.start, match.end,
               f"'{matched}' is a variant of '{replacement.target.stem}'{kind}; "
               f"use '{replacement.text}'",
               Fix.replace(match.start, match.end, replacement.text,
                           f"Replace with '{replacement.text}'", applicability))


def admitted_spellings(glossary: Iterable[Any], lang: str) -> frozenset[str]:
    """``same_spelling`` of every preferred or admitted term in ``lang`` and of each word of
    such a term of several words: a spelling one concept forbids and another (a house style in a
    user glossary) admits is accepted."""
    found: set[str] = set()
    for concept in glossary:
        for term in concept.terms_in(lang):
            if term.status == "forbidden" or term.is_pattern:
                continue
            found.add(same_spelling(term.text))
            found.update(same_spelling(word) for word in term.text.split())
    return frozenset(found)


def name_folder(ctx: Context) -> Folder:
    return ctx.resources.get(("names", "folder"), default_folder)


def glossary_hints(ctx: Context) -> GlossaryHints:
    """Preferred names of the glossaries by variant key, built once per run and language."""
    glossary = glossary_for(ctx)
    return ctx.resources.get(("names", "hints", id(glossary), ctx.lang), lambda: hints_from(
        glossary, ctx.lang, NAME_DOMAINS, name_folder(ctx)))


def glossary_spans(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Spans of glossary names: correct (preferred), accepted (admitted) or NM001's to report."""
    return [(match.start, match.end) for match in glossary_matches(glossary_for(ctx), doc, ctx)
            if match.concept.domain in NAME_DOMAINS]


def glossary_names_around(doc: Document, ctx: Context, items: Iterable[Candidate]) -> Spans:
    """The spans of :func:`glossary_spans` that may overlap one of ``items`` (candidate names):
    those in the items' lines. A candidate lies in one line (a run of words holds no line
    break), and where no key of the glossary's matcher holds a line break no match crosses one
    and the matches of a line are those of the whole text there
    (:meth:`~termcheck.glossary.matcher.Matcher.matches_within`): only the lines of the names
    NM002 would report are scanned, not the whole text (on the real benchmark corpus 121 texts
    reach this point, 24 % of its characters)."""
    matcher = glossary_for(ctx).matcher(ctx.lang)
    if matcher.crosses_lines:
        return Spans(glossary_spans(doc, ctx))
    starts = doc.line_starts
    spans = doc.spans_of_lines(sorted({bisect_right(starts, item.start) - 1 for item in items}))
    return Spans([(match.start, match.end)
                  for match in matcher.matches_within(doc.text, casefolded(doc.text, ctx), spans)
                  if match.concept.domain in NAME_DOMAINS])


def run_table(ctx: Context) -> RunTable:
    """The analysis of every distinct run of capitalised words met in this run."""
    return ctx.resources.get(("names", "runs"), lambda: RunTable(name_folder(ctx)))


def collect_names(doc: Document, ctx: Context) -> NameStats:
    """Count every candidate name of one document by key and spelling. Its runs are analysed
    into the run table here, for the check, unless :func:`analyse_names` does that in the main
    process (a forked profile worker): then each distinct run is analysed once, not once in
    each process that meets it."""
    return _names_of(doc, ctx, prepared_elsewhere(ctx.resources))


def _names_of(doc: Document, ctx: Context, elsewhere: bool) -> NameStats:
    """:func:`collect_names`, told whether the runs are analysed in another process."""
    text = doc.text
    found = _patterns(doc, ctx)
    runs = _runs_of(doc, ctx, found)
    if not runs:  # no capitalised word: nothing to count, no lower-case word to look for
        return NameStats()
    return NameStats.of_runs(text, raw_runs(text, found, runs), run_table(ctx), found,
                             analyse=not elsewhere)


def collect_names_for_check(doc: Document, ctx: Context) -> NameStats:
    """:func:`collect_names`, the hook of the profile pass: the text's distinct runs are kept
    for its check in this process (:class:`~termcheck.names.runs.CollectedRuns`), unless the
    statistics go to another process to be prepared (a forked profile worker checks nothing)."""
    elsewhere = prepared_elsewhere(ctx.resources)
    stats = _names_of(doc, ctx, elsewhere)
    if not elsewhere:
        collected_runs(ctx.resources).keep(doc.path, doc.text, stats.runs)
    return stats


def collected_runs(resources: Resources) -> CollectedRuns:
    """The distinct runs of the texts this process collected, until their check."""
    return resources.get(("names", "collected runs"), CollectedRuns)


def _patterns(doc: Document, ctx: Context) -> Patterns:
    """The word patterns of ``doc`` (found once per text: NM002's collect and check ask)."""
    return ctx.memo(("names.patterns", doc.text), lambda: patterns_for(doc.text))


def _runs_of(doc: Document, ctx: Context, found: Patterns | None = None) -> list[str]:
    """The raw runs of ``doc`` (found once per text); ``found``: its word patterns, when at
    hand (no second look-up of them)."""
    text = doc.text
    return ctx.memo(("names.runs", text),
                    lambda: (found or _patterns(doc, ctx)).runs.findall(text))


def analyse_names(stats: NameStats, resources: Resources) -> None:
    """Analyse the runs of ``stats`` into the run table of ``resources`` (the hook
    ``prepare``: the merged statistics are expanded from the table at the first check)."""
    table = run_table(Context(resources=resources))
    table.infos(list(stats.runs))


def names_for_check(stats: NameStats) -> NameStats:
    """:meth:`NameStats.for_check`, expanded with the run table of this process; the runs
    kept for the check of the texts collected here are reduced to those it reads."""
    table = SHARED_RESOURCES.get(("names", "runs"), lambda: RunTable(default_folder()))
    view = stats.for_check(table)
    collected_runs(SHARED_RESOURCES).reduce(view.kept_runs(table))
    return view


NAME_HOOKS: CorpusHooks[NameStats] = CorpusHooks(collect_names_for_check, NameStats.merge,
                                                  NameStats, NameStats.to_plain,
                                                  NameStats.from_plain, NameStats.merge_into,
                                                  prepare=analyse_names,
                                                  for_check=names_for_check)


def compile_listed_patterns(resources: Resources) -> None:
    """NM002's ``warm``: the word patterns that every process switches to after
    :data:`~termcheck.names.runs.LISTED_AFTER` characters (their build takes 15 ms)."""
    patterns(listed=True)


@rule("NM002", "name-inconsistent", "names", "Terminology/Inconsistent use",
      fixable="sometimes", corpus=NAME_HOOKS, warm=compile_listed_patterns)
def name_inconsistent(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A name spelled differently from the way most of the corpus spells it.

    ## What it does
    Folds every capitalised word and run of capitalised words to a transliteration key
    (`glossaries/translit/fold.tsv`: Kassym/Kasym, Zhomart/Jomart/Shomart, Dmitry/Dmitri,
    Sergey/Sergei, Kostanay/Kostanai, Zelensky/Zelenskyy ...) and counts the spellings of each
    key over the whole corpus (or over the one text given to `lint_text`). A spelling that is not
    the winner is reported when the corpus shows the two to be one name: the winner is the
    glossary's preferred form when the name glossary has one, else the most frequent spelling,
    and then

    - a tie names no winner: nothing is reported;
    - a single word needs the same neighbouring word with both spellings somewhere ("Sergey
      Lazarev" and "Sergei Lazarev"; not "Sergey Lazarev" and "Sergei Grishko", two people);
    - a winner with fewer diacritics never wins over an accented spelling (Médéa, Martínez);
    - in a language that writes compounds (de, nl, sv, da, no, fi, is ...) spellings that differ
      only by hyphen, space or a closed compound (Lufthansa-Flüge, Lufthansa Flüge) are one word
      of the language; ß/ss/s are one letter, and where every noun has a capital (de) a plural or
      case ending (Flughafen/Flughafens) is no name variant and a capital no name evidence.

    Words seen only at the start of sentences do not count, and short words fold almost exactly
    (Jane/Shane, Han/Khan, Kim Jong-un/Kim Jong-il, Alexander/Alexandra stay apart).

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
    A corpus majority alone never makes a fix safe. Safe only when the winner is the glossary's
    preferred form and the change loses no diacritic, no letter-case pattern and changes no
    hyphen between letters (unsafe then). From a corpus majority: unsafe when it is overwhelming
    (at least 5 occurrences and 4 times any other spelling), the spellings share a neighbour (or
    are runs of words) and nothing of the above would be lost; otherwise display only, so
    "Nisan Ahmado" is never rewritten to the car maker "Nissan". Names the glossary lists are
    never reported: preferred and admitted spellings are right, forbidden ones are NM001's.

    ## Precision
    Judged on unseen MT output (`benchmarks/judged/NM002.tsv`, `python3 benchmarks/judge.py
    NM002`): WMT21 ru-en systems AFRL, Manifold, NVIDIA-NeMo, NiuTrans, Online-A/B/G/Y (into
    English), the wmt21-news-ru-fr en-ru and de-fr outputs (into Russian and French) and the
    scrapinghub-aeb extractor outputs (linted as English), each system its own corpus:
    23 findings, 23 right (100 %): one person or thing spelled two ways (Sergey/Sergei Lazarev,
    Yevmenov/Evmenov, Vice Admiral/Vice-Admiral Kulakov, Etats-Unis/États-Unis, Hong-Kong/Hong
    Kong). 6 unsafe fixes (Etats-Unis → États-Unis, 15 to 24 against 1 to 3), no safe one.

    Two designs were measured on the same sets. Design B, which let single words of more than 5
    letters through without a shared neighbour in English, gave 66 findings, 33 right (50.0 %;
    `benchmarks/judged/notes/NM002-design-B.tsv` holds the 43 it adds): most of its false ones
    are one given name for different people (Andrey Tyazhelnikov against Andrei Kirilenko), which
    is what the issue measured (about 14 % in English). Design A (shipped) asks every single word
    for a shared neighbour. Before this redesign the same sets gave 115 findings (12 safe); German
    precision then was about 27 % (compounds, ß, noun endings: now never reported). On tuning
    data (WMT21 en-de systems, ru-en Facebook-AI and Online-W): 2 German findings (Mahmud/
    Mahmoud Guemama) and 4 English, all right. On the WMT21 references: 3 (Sergei/Sergey Furgal,
    Evmenov, Sergey Lazarev), sources, the WMT23 MQM output and the scrapinghub gold bodies: 0.

    Folding (`benchmarks/eval_translit.py`, 14,718 Wikidata Russian name tokens with their Latin
    spellings): for the 1,715 tokens with Russian endings (-ov, -in, -sky, -ovich, -iy, -ey,
    -ova ...) the other spellings fold onto the most common one for 19.7% of spelling types and
    34.0% of occurrences (case and diacritics alone: 5.5% / 6.3%), and 10 tokens (0.58%) share a
    key with a different Russian token (case and diacritics alone: 2).
    """
    table = run_table(ctx)
    stats = (ctx.corpus_stats("NM002") or collect_names(doc, ctx)).expand(table)
    varied, kept = stats.varied, stats.kept_runs(table)
    # the runs the profile pass found in this text, if it was collected here: no new search
    runs: list[str] | None = None
    distinct = collected_runs(ctx.resources).take(doc.path, doc.text, varied)
    if distinct is None:
        runs = _runs_of(doc, ctx)
    infos = kept.infos_of(runs if distinct is None else list(distinct))  # each run analysed once
    if not infos:
        return  # every name has one spelling: no need to load the glossary
    hints = glossary_hints(ctx)
    # only the runs with a spelling that is not the winner can be reported: what a run holds
    # (words, phrases, neighbours, glossary words) bears on nothing outside it
    infos = _spelled_otherwise(stats, hints, infos, kept.memo_for(hints))
    if not infos:
        return  # only winning spellings: nothing to report
    found = scan_runs(doc.text, table, infos, full=False, runs=runs, found=_patterns(doc, ctx))
    known = [w for w in found.words if w.key in hints.preferred]
    # (candidate, verdict, whether the glossary prefers a spelling) of each spelling that is
    # not the winner: reported unless a glossary name covers it
    others: list[tuple[Candidate, Verdict, bool]] = []
    settled = Spans()  # runs of words whose spellings the corpus compares itself
    for item in found.phrases + found.words:
        if item.key not in varied:
            continue  # one spelling in the corpus: stats.verdict says nothing
        preferred = hints.preferred.get(item.key)
        if item.phrase and preferred is None and _names_a_known_word(item, known):
            continue  # the glossary decides the words of a run it knows a word of
        verdict = stats.verdict(item.key, preferred)
        if verdict is None or (preferred is None and settled.overlaps(item.start, item.end)):
            continue
        if item.phrase:
            settled.add(item.start, item.end)
        if same_spelling(item.surface) != same_spelling(verdict.winner.text):
            others.append((item, verdict, preferred is not None))
    if not others:
        return
    accepted = glossary_names_around(doc, ctx, [item for item, _, _ in others])
    neighbours = Neighbours(found)
    chosen: list[Choice] = []
    for item, verdict, from_glossary in others:
        if accepted.overlaps(item.start, item.end):
            continue
        bridged = item.phrase or neighbours.bridged(stats, item, verdict.winner.text)
        if from_glossary or _one_name(item, verdict, bridged, ctx.lang):
            chosen.append(Choice(item, verdict, from_glossary, bridged))
    for choice in _without_overlaps(chosen):
        yield _hit(choice, ctx.lang)


# Single words need the same neighbour for both spellings (NM002 design B: only short words and
# words of noun-capitalising languages; design A: every single word). See the rule's Precision.
CONTEXT_FOR_EVERY_WORD = True
SHORT_WORD = 5  # letters: "Ala" (Alabama) against "Alla", "Mark" against "Marc"
OVERWHELMING_MINIMUM = 5  # a corpus majority is proposed as an (unsafe) fix only from 5 ...
OVERWHELMING_RATIO = 4  # ... occurrences and 4 times as many as any other spelling


@dataclass(frozen=True, eq=False, repr=False)
class Choice:
    """A candidate NM002 reports: its spellings, whether the glossary decides, the context."""

    item: Candidate
    verdict: Verdict
    from_glossary: bool
    bridged: bool


class Neighbours:
    """The neighbouring words of each candidate word of a scan (the first ones met)."""

    def __init__(self, found: Scan) -> None:
        self.left: dict[Candidate, Candidate] = {}
        self.right: dict[Candidate, Candidate] = {}
        for a, b in found.pairs:
            self.left.setdefault(b, a)
            self.right.setdefault(a, b)

    def bridged(self, stats: NameStats, word: Candidate, spelling: str) -> bool:
        """Whether the winning spelling occurs beside the same neighbour as ``word`` somewhere."""
        return stats.bridged(word, spelling, self.left.get(word), self.right.get(word))


def _spelled_otherwise(stats: NameStats, hints: GlossaryHints, infos: dict[str, RunInfo],
                       decided: dict[str, bool]) -> dict[str, RunInfo]:
    """Those of ``infos`` (run: its analysis) with a word or phrase whose key the corpus spells
    several ways and whose spelling is not the winning one, decided once per distinct run
    (``decided``, within :data:`~termcheck.names.runs.KEPT_SIZE` runs): a run without one has
    nothing to report."""
    found: dict[str, RunInfo] = {}
    for run, info in infos.items():
        otherwise = decided.get(run)
        if otherwise is None:
            otherwise = _otherwise(stats, hints, info)
            if len(decided) < KEPT_SIZE:
                decided[run] = otherwise
        if otherwise:
            found[run] = info
    return found


def _otherwise(stats: NameStats, hints: GlossaryHints, info: RunInfo) -> bool:
    """Whether a word or phrase of the run analysed as ``info`` has a key the corpus spells
    several ways and a spelling other than the winning one."""
    varied = stats.varied
    return any(key in varied and same_spelling(surface) != stats.winning_spelling(
                   key, hints.preferred.get(key))
               for key, surface, _ in info.counts)


def _one_name(item: Candidate, verdict: Verdict, bridged: bool, lang: str) -> bool:
    """Whether the corpus shows ``item`` and the winner to be two spellings of one name: a clear
    count (no tie), spellings that are not two forms of a word of the language, a winner with no
    fewer diacritics (a majority never strips an accent), and, for single
    words, the same neighbouring word (surname, given name, title) with both spellings."""
    winner = verdict.winner.text
    if verdict.tied or not name_variants(item.surface, winner, lang):
        return False
    if marks(winner) < marks(item.surface):
        return False  # the accented minority is as likely right: a majority never strips it
    if item.phrase and " " not in item.surface and capitalises_nouns(lang):
        return False  # one hyphenated noun ("Corona-Krise"): a word of the language
    if item.phrase or bridged:
        return True
    letters = sum(c.isalpha() for c in item.surface)
    return not (CONTEXT_FOR_EVERY_WORD or capitalises_nouns(lang) or letters <= SHORT_WORD)


def _names_a_known_word(phrase: Candidate, known: list[Candidate]) -> bool:
    """Whether one of ``known`` (words the glossary prefers a spelling for, in text order) is in
    ``phrase``."""
    index = bisect_left(known, phrase.start, key=attrgetter("start"))
    return index < len(known) and known[index].end <= phrase.end


def _without_overlaps(chosen: list[Choice]) -> list[Choice]:
    """Glossary-backed findings first, then runs of words before single words; no overlaps."""
    kept = Disjoint()
    ranked = sorted(chosen, key=lambda c: (not c.from_glossary, not c.item.phrase,
                                           c.item.start, c.item.end))
    return sorted((c for c in ranked if kept.add(c.item.start, c.item.end)),
                  key=lambda c: c.item.start)


def _applicability(choice: Choice, removed: str, inserted: str, lang: str) -> Applicability:
    """Safe only for the glossary's preferred form; a corpus majority at most unsafe, when it is
    overwhelming and bridged; never safe, and never unsafe from a majority, when a diacritic, a
    capital or a hyphen between letters would be lost or moved."""
    lost = loses_something(removed, inserted)
    if choice.from_glossary:
        return Applicability.UNSAFE if lost else Applicability.SAFE
    spellings = choice.verdict.spellings
    top, runner_up = spellings[0].count, spellings[1].count
    if (not lost and choice.bridged and top >= OVERWHELMING_MINIMUM
            and top >= OVERWHELMING_RATIO * runner_up):
        return Applicability.UNSAFE
    return Applicability.DISPLAY


def _hit(choice: Choice, lang: str) -> Hit:
    found, verdict = choice.item, choice.verdict
    winner = verdict.winner
    why = ("the name glossary prefers it" if choice.from_glossary
           else f"{winner.count}× against {verdict.count_of(found.surface)}×")
    others = ", ".join(f"{s.text} {s.count}×" for s in verdict.spellings)
    head, tail, replacement = narrow(found.surface, winner.text)
    start, end = found.start + head, found.end - tail
    applicability = _applicability(choice, found.surface[head:len(found.surface) - tail],
                                   replacement, lang)
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

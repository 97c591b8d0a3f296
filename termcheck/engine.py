"""The work on one document: check → filter, and the fix loop.

Every entry point of the library and the CLI goes through :func:`check_document` and
:func:`fix_document`; :class:`termcheck.pipeline.Run` orchestrates a run, and executors only
decide where these run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from termcheck.alignment import alignment_of
from termcheck.config import Config
from termcheck.context import SHARED_RESOURCES, Context, Resources
from termcheck.document import Document
from termcheck.edits import Change, TaggedEdit, apply_changes, compose
from termcheck.errors import DataError, TermcheckError
from termcheck.markdown import is_markdown, prose_view, structure_kept
from termcheck.model import Applicability, FileProblem, Finding, Hit
from termcheck.rules.registry import Gates, Rule, RuleSelection, corpus_hooks, select_rules
from termcheck.suppression import IgnoreList, followed_by_sic, may_hold_sic

if TYPE_CHECKING:
    from termcheck.tally import Kinds

MAX_FIX_ROUNDS = 10


@dataclass
class DocumentResult:
    """Findings and problems of one document (``checked`` is false for an unreadable input)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    checked: bool = True
    text: str | None = None  # the checked text, when the caller asked to keep it
    rendered: str | None = None  # the findings as report text, when rendered where checked
    counted: Kinds | None = None  # then their counts (tally.kinds_of) replace ``findings``


def rules_for(config: Config, path: str | None = None) -> RuleSelection:
    """The rules enabled by ``config`` for ``path`` (``per-file-ignores`` applied); their
    ``corpus`` attribute holds those of them that are corpus-aware."""
    if not config.per_file_ignores:  # as a rule: the configuration alone decides
        return select_rules(config.select, config.extend_select, config.ignore)
    ignore = config.ignore + (config.ignored_for(path) if path else ())
    return select_rules(config.select, config.extend_select, ignore)


def collect_profile(documents: Iterable[Document], config: Config,
                    resources: Resources = SHARED_RESOURCES) -> dict[str, Any]:
    """Collect and merge the corpus statistics of every corpus-aware rule (serial executor)."""
    profile: dict[str, Any] = {}
    for doc in documents:
        profile = merge_profiles_into(profile, collect_document(doc, config, resources))
    return profile


def collect_document(doc: Document, config: Config,
                     resources: Resources = SHARED_RESOURCES,
                     context: Context | None = None) -> dict[str, Any]:
    """The per-document statistics of each selected corpus-aware rule (``context``: the one
    the check of this document will use, so that what both compute is computed once).

    A rule whose ``collect`` fails contributes nothing for this document (its check then runs
    on the rest of the profile, and a failure there is reported as a problem of the document).
    """
    doc = prose_document(doc)
    if context is None:
        context = Context(config=config, resources=resources, lang=document_lang(doc, config))
    stats: dict[str, Any] = {}
    for current in rules_for(config, doc.path).corpus:
        try:
            stats[current.code] = current.corpus.collect(doc, context)
        except Exception:  # a broken rule must not stop the corpus run
            continue
    return stats


def merge_profiles(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    """Associative, commutative merge of two partial corpus profiles."""
    from termcheck.rules.registry import get_rule

    merged = dict(left)
    for code, stats in right.items():
        if code in merged:
            hooks = get_rule(code).corpus  # type: ignore[union-attr]
            merged[code] = hooks.merge(merged[code], stats)  # type: ignore[union-attr]
        else:
            merged[code] = stats
    return merged


def merge_profiles_into(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """``merge_profiles(total, part)``, updating ``total`` (which the caller owns) in place.

    Statistics of rules with a ``merge_into`` hook are copied once into ``total`` and then
    updated in place, so merging N documents one by one costs O(N), not O(N²).
    """
    for code, stats in part.items():
        hooks = corpus_hooks(code)
        if hooks is None or hooks.merge_into is None:
            total[code] = hooks.merge(total[code], stats) if hooks and code in total else stats
        elif code in total:
            total[code] = hooks.merge_into(total[code], stats)
        else:
            total[code] = hooks.merge(hooks.empty(), stats)  # a private copy, safe to update
    return total


def profile_for_check(profile: dict[str, Any] | None) -> dict[str, Any] | None:
    """``profile`` with each rule's statistics reduced to what its check reads
    (``CorpusHooks.for_check``): the check pass, and every worker it is sent to, holds less."""
    from termcheck.rules.registry import corpus_hooks

    if not profile:
        return profile
    reduced = {}
    for code, stats in profile.items():
        hooks = corpus_hooks(code)
        reduced[code] = hooks.for_check(stats) if hooks and hooks.for_check else stats
    return reduced


def document_lang(doc: Document, config: Config) -> str:
    """The target language of ``doc``: its own, the configured one, or detected for "auto"."""
    lang = doc.lang or config.lang
    if lang != "auto":
        return lang
    from termcheck.langid import resolve_lang

    return resolve_lang(doc, lang, config.lid)


MAX_FINDINGS = 20_000  # per document (about 2.5 KB each); beyond, a TC-TOO-MANY-FINDINGS problem
# what ``next`` gives for a rule that found nothing: asking for one hit first costs a tenth of
# listing an empty generator through ``islice`` (35 rules, most finding nothing, per document)
_NO_HIT = object()


def check_document(doc: Document, config: Config, profile: dict[str, Any] | None = None,
                   resources: Resources = SHARED_RESOURCES,
                   rules: Sequence[Rule] | None = None) -> DocumentResult:
    """Run the enabled rules on one document and drop suppressed findings.

    A corpus-aware rule uses ``profile`` when given, else a profile of this document alone.
    A rule that fails is reported as a problem of this document; the other rules still run. A
    data file that cannot be loaded (missing, malformed) raises :class:`DataError`: every
    document would fail the same way.
    """
    rules = rules if rules is not None else rules_for(config, doc.path)
    view = prose_view(doc.text) if is_markdown(doc) else None
    checked = view.document(doc) if view is not None else doc
    rules = called_for(rules, checked.text, bilingual=alignment_of(checked) is not None)
    context = Context(config=config, resources=resources, profile=profile,
                      lang=document_lang(checked, config))
    if profile is None and any(r.corpus for r in rules):
        context.profile = collect_document(doc, config, resources, context)
    result = DocumentResult(doc.path)
    for current in rules:
        try:
            found = iter(current.check(checked, context))
            first = next(found, _NO_HIT)
            if first is _NO_HIT:
                continue  # most rules on most documents: no list, no findings to build
            budget = MAX_FINDINGS - len(result.findings)
            hits = [first, *islice(found, budget)]
        except DataError:  # a missing or malformed glossary or list: an error of the run
            raise
        except TermcheckError as exc:  # named after the file at fault, unless it is this one
            message = exc.message if exc.path in (doc.path, "<text>") else str(exc)
            problem = FileProblem(doc.path, exc.code, message)
            if problem not in result.problems:  # two rules may run the same pattern
                result.problems.append(problem)
            continue
        except Exception as exc:
            result.problems.append(FileProblem(
                doc.path, "TC-RULE-ERROR", f"rule {current.code} failed: {exc!r}"))
            continue
        result.findings.extend(make_findings(doc, current, hits[:budget]))
        if len(hits) > budget:  # memory grows with findings: a bound, said as a problem
            result.problems.append(FileProblem(
                doc.path, "TC-TOO-MANY-FINDINGS", f"more than {MAX_FINDINGS} findings; rule "
                f"{current.code} and the rules after it stopped here"))
            break
    ignore_list = _ignore_list(config, resources)  # loaded (or its error raised) in any case
    if not result.findings:  # most documents: nothing to filter or sort
        return result
    if view is not None:  # Markdown: nothing in code or markup, nothing switched off
        result.findings = view.filter(result.findings)
    result.findings = one_finding_per_mark(_unsuppressed(doc, ignore_list, result.findings))
    result.findings.sort(key=Finding.sort_key)
    return result


def called_for(rules: Sequence[Rule], text: str, bilingual: bool) -> Sequence[Rule]:
    """The ``rules`` that may find something in ``text``: without a source text (not
    ``bilingual``) not the bilingual ones, and none whose trigger ``text`` lacks (see
    :class:`~termcheck.rules.registry.Gates`)."""
    if isinstance(rules, RuleSelection):
        return (rules.gates if bilingual else rules.monolingual_gates).called_for(text)
    return Gates(rules if bilingual else monolingual(rules)).called_for(text)


def monolingual(rules: Sequence[Rule]) -> Sequence[Rule]:
    """``rules`` but the :attr:`~termcheck.rules.registry.Rule.bilingual` ones."""
    if isinstance(rules, RuleSelection):
        return rules.monolingual
    return [current for current in rules if not current.bilingual]


# One misplaced quote mark, one finding: where quote rules report the same mark (or a space
# beside it), the most specific speaks. The fix loop re-checks, so a spacing repair the
# silenced rule would have made is reported and made in the next round, on the right mark.
QUOTE_PRECEDENCE = ("QT001", "QT002", "QT005", "QT006", "QT004", "QT003")
_QUOTE_RANK = {code: rank for rank, code in enumerate(QUOTE_PRECEDENCE)}


def one_finding_per_mark(findings: list[Finding]) -> list[Finding]:
    """``findings`` without the quote findings that a more specific quote finding on the same
    mark already reports (spans overlapping or touching). Linear: kept findings are indexed by
    the offsets at their edges (quote findings are a mark or a space or two long)."""
    quotes = [f for f in findings if f.code in _QUOTE_RANK]
    if len({f.code for f in quotes}) < 2:  # only a finding of another code silences one
        return findings
    quotes.sort(key=lambda f: _QUOTE_RANK[f.code])  # stable: in their order within a rank
    kept_at: dict[int, str] = {}  # offset at the edge of a kept finding -> its code
    silenced = set()
    for finding in quotes:
        if any(kept_at.get(offset, finding.code) != finding.code
               for offset in _edges(finding, reach=1)):
            silenced.add(id(finding))
        else:
            for offset in _edges(finding, reach=0):
                kept_at.setdefault(offset, finding.code)
    return [f for f in findings if id(f) not in silenced]


def _edges(finding: Finding, reach: int) -> Iterator[int]:
    """The offsets of the first and last few characters of a finding, widened by ``reach``."""
    start, end = finding.start - reach, max(finding.end, finding.start + 1) + reach
    if end - start <= 8:
        yield from range(start, end)
    else:
        yield from range(start, start + 4)
        yield from range(end - 4, end)


def prose_document(doc: Document) -> Document:
    """What the rules read: ``doc`` itself, or for Markdown its prose (code and markup blanked,
    offsets unchanged; see :mod:`termcheck.markdown`)."""
    return prose_view(doc.text).document(doc) if is_markdown(doc) else doc


def make_findings(doc: Document, current: Rule, hits: Iterable[Hit]) -> list[Finding]:
    """A finding of each of ``hits`` (all of rule ``current`` on ``doc``), with line and column
    derived from the offsets.

    The fields that the document and the rule decide are written once, in a dictionary of
    every field that each finding's own is copied from (a copy costs a few hundred
    instructions, where a dictionary of the 17 fields costs about 7,000 to build)."""
    text = doc.text
    template = {
        "path": doc.path, "code": current.code, "rule": current.name,
        "category": current.category, "severity": current.severity, "message": "",
        "start": 0, "end": 0, "line": 0, "column": 0, "end_line": 0, "end_column": 0,
        "excerpt": "", "mqm": current.mqm, "fix": None, "matched": "", "excerpt_start": 0}
    findings = []
    for hit in hits:
        start, end = hit.start, hit.end
        values = template.copy()
        (values["line"], values["column"], values["end_line"], values["end_column"],
         values["excerpt"], values["excerpt_start"]) = doc.locate(start, end)
        values["message"] = hit.message
        values["start"] = start
        values["end"] = end
        values["fix"] = hit.fix
        values["matched"] = text[start:end]
        finding = _new_object(Finding)
        _set_attribute(finding, "__dict__", values)  # Finding.of(values), one call fewer
        findings.append(finding)
    return findings


_new_object = object.__new__
_set_attribute = object.__setattr__


def _ignore_list(config: Config, resources: Resources) -> IgnoreList | None:
    """The configuration's ignore file, loaded once (``None`` without one)."""
    path = config.ignore_file
    if path is None:
        return None
    return resources.get(("ignore-file", path), lambda: IgnoreList.load(path))


def _unsuppressed(doc: Document, ignore_list: IgnoreList | None,
                  findings: list[Finding]) -> list[Finding]:
    """``findings`` but those a "[sic]" follows and those ``ignore_list`` suppresses.
    (``findings`` itself when nothing can be: no "[sic]" in the text, no ignore file.)"""
    text = doc.text
    if not may_hold_sic(text):  # most texts: no finding to match against "[sic]"
        if ignore_list is None:
            return findings
        return [f for f in findings if not ignore_list.suppresses(f)]
    return [f for f in findings
            if not followed_by_sic(text, f.end)
            and not (ignore_list and ignore_list.suppresses(f))]


@dataclass
class FixResult:
    """Outcome of the fix loop on one document."""

    original: Document
    text: str
    ledger: list[Change]
    rounds: int
    converged: bool
    remaining: list[Finding]
    problems: list[FileProblem] = field(default_factory=list)
    # the findings of the original text (the first round): what is left when the fixed text is
    # not written (``lint --fix`` on a file it cannot rewrite); ``remaining`` when nothing changed
    found: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original.text

    def to_bytes(self) -> bytes:
        """The fixed text encoded like the original (encoding and BOM kept)."""
        return self.original.to_bytes(self.text)


FixFilter = Callable[[Finding], bool]


def allow_applicability(unsafe: bool = False) -> FixFilter:
    """A filter taking safe fixes, and unsafe ones too when ``unsafe``."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    return lambda finding: finding.fix is not None and finding.fix.applicability in allowed


def fix_document(doc: Document, config: Config, allow: FixFilter | None = None,
                 profile: dict[str, Any] | None = None,
                 resources: Resources = SHARED_RESOURCES,
                 max_rounds: int = MAX_FIX_ROUNDS) -> FixResult:
    """Apply allowed fixes, re-check, and repeat until nothing applies or rounds run out.

    Fixes are taken in order of position; a fix whose edits overlap one already taken waits for
    the next round, and so does every other fix while the text has encoding repairs to make.
    A text seen before means the fixes oscillate: the loop stops and says so.
    """
    allow = allow or allow_applicability()
    ledger: list[Change] = []
    seen = {doc.text}
    current = doc
    problems: list[FileProblem] = []
    found: list[Finding] = []
    for round_number in range(1, max_rounds + 1):
        result = check_document(current, config, profile, resources)
        problems = result.problems
        if round_number == 1:
            found = result.findings
        chosen = _non_overlapping(_encoding_first([f for f in result.findings if allow(f)]))
        if chosen and is_markdown(current):  # no fix may turn prose into code or back
            chosen = structure_kept(current.text, chosen)
        if not chosen:
            return FixResult(doc, current.text, ledger, round_number - 1, True, result.findings,
                             problems, found)
        tagged = [TaggedEdit(edit, f.code, f.fix.title)  # type: ignore[union-attr]
                  for f in chosen for edit in f.fix.edits]  # type: ignore[union-attr]
        ledger = compose(doc.text, ledger, tagged)
        text = apply_changes(doc.text, ledger)
        if text in seen:
            problems = problems + [FileProblem(
                doc.path, "TC-FIX-OSCILLATION",
                f"fixes did not converge: round {round_number} repeated an earlier text")]
            return FixResult(doc, text, ledger, round_number, False,
                             check_document(_derived(doc, text), config, profile,
                                            resources).findings, problems, found)
        seen.add(text)
        current = _derived(doc, text, ledger)
    final = check_document(current, config, profile, resources)
    problems = final.problems + [FileProblem(
        doc.path, "TC-FIX-ROUNDS", f"fixes still changing the text after {max_rounds} rounds")]
    return FixResult(doc, current.text, ledger, max_rounds, False, final.findings, problems,
                     found)


REPLACED_SPANS = "replaced_spans"  # Document.meta key: what earlier fix rounds wrote


def _derived(doc: Document, text: str, ledger: Sequence[Change] = ()) -> Document:
    """The document of a fixed text; ``meta[REPLACED_SPANS]`` says where the ledger's
    replacements are in it, ``(start, end, codes)``, so a rule can leave its own replacement
    alone in later rounds (a glossary term is never matched inside the term that replaced it)."""
    spans, shift = [], 0
    for change in ledger:
        start = change.start + shift
        if change.replacement:
            spans.append((start, start + len(change.replacement), change.codes))
        shift += len(change.replacement) - (change.end - change.start)
    return Document(text=text, path=doc.path, encoding=doc.encoding, bom=doc.bom, lang=doc.lang,
                    meta={**doc.meta, REPLACED_SPANS: tuple(spans)})


def _encoding_first(findings: list[Finding]) -> list[Finding]:
    """Only the encoding repairs while there are any: other rules misread mojibake.

    The "“" inside the mojibake "â€“" is not a quotation mark; a quote fix beside it, applied in
    the same round as the repair, would damage the repaired text.
    """
    encoding = [f for f in findings if f.category == "encoding"]
    return encoding or findings


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    """Fixes in position order, skipping any whose span overlaps a fix already taken."""
    taken: list[Finding] = []
    last_end = -1
    for finding in sorted(findings, key=lambda f: (f.fix.start, f.fix.end)):  # type: ignore
        fix = finding.fix
        assert fix is not None
        if not fix.edits or fix.start < last_end or (fix.start == last_end and taken and
                                                     fix.start == fix.end):
            continue
        taken.append(finding)
        last_end = max(last_end, fix.end)
    return taken

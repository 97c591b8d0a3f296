"""Scoring translations: BLEU, chrF, chrF++ and TER through sacrebleu, term accuracy, and a
reference-free MQM-style penalty from lint findings.

Inputs are line-aligned plain text (one segment per line, trailing white space removed as the
``sacrebleu`` command line does), JSONL (one JSON string, or object with a text field, per line)
or WMT SGML/XML (``<seg id=...>`` elements). sacrebleu is imported only when a metric is computed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any, Iterable, Sequence

from termcheck.config import Config
from termcheck.data import read_table, read_text, shipped
from termcheck.errors import InputError, TermcheckError
from termcheck.model import Finding, Severity

METRICS = ("bleu", "chrf", "chrf++", "ter")
JSONL_FIELDS = ("text", "hyp", "translation", "tgt", "target")
_SEG = re.compile(r"<seg\b[^>]*?\bid=\"?([^\s\">]+)\"?[^>]*>(.*?)</seg>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


class ScoreError(TermcheckError):
    """Inputs that cannot be scored together (mismatched lengths, unreadable files)."""


# --- reading ---------------------------------------------------------------------------------

def read_segments(path: Path, text_field: str | None = None) -> list[str]:
    """The segments of a plain-text, JSONL or SGML file, in order."""
    try:
        if not path.is_file():
            problem = "is a directory, not a file" if path.is_dir() else \
                "not a regular file" if path.exists() else "no such file"
            raise InputError(problem, str(path))
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    text = read_text(path)
    if "\x00" in text:
        raise InputError("binary file (NUL bytes): not text, nor UTF-8", str(path),
                         text.count("\n", 0, text.index("\x00")) + 1)
    suffix = path.suffix.lower()
    if suffix in (".sgm", ".xml"):
        return [seg for _, seg in read_sgm_segments(text)]
    if suffix == ".jsonl":
        return [_jsonl_text(line, path, number, text_field)
                for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    return [line.rstrip() for line in text.splitlines()]


_DOC = re.compile(r"<doc\b[^>]*?\bdocid=\"?([^\s\">]+)\"?[^>]*>(.*?)</doc>", re.S | re.I)
DOC_FIELDS = ("doc", "docid", "doc_id", "document")


def read_doc_ids(path: Path) -> list[str] | None:
    """The document id of each segment (SGML ``<doc docid=>``, JSONL ``doc``), else ``None``."""
    suffix = path.suffix.lower()
    text = read_text(path)
    if suffix in (".sgm", ".xml"):
        ids = [doc_id for doc_id, body in _DOC.findall(text) for _ in _SEG.findall(body)]
        return ids or None
    if suffix != ".jsonl":
        return None
    ids = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):  # read_segments has named the bad line already
            return None
        found = [str(value[k]) for k in DOC_FIELDS if isinstance(value, dict) and k in value]
        if not found:
            return None
        ids.append(found[0])
    return ids


def document_penalties(doc_ids: Sequence[str], penalties: Sequence[float]) -> dict[str, float]:
    """Sum of the segment penalties of each document, in order of first appearance."""
    totals: dict[str, float] = {}
    for doc_id, penalty in zip(doc_ids, penalties):
        totals[doc_id] = round(totals.get(doc_id, 0.0) + penalty, 3)
    return totals


def read_sgm_segments(text: str) -> list[tuple[str, str]]:
    """``(id, text)`` of every ``<seg>`` of a WMT SGML file: inner tags dropped, spaces squeezed."""
    return [(seg_id, " ".join(unescape(_TAG.sub(" ", body)).split()))
            for seg_id, body in _SEG.findall(text)]


def _jsonl_text(line: str, path: Path, number: int, text_field: str | None) -> str:
    try:
        value = json.loads(line)
    except ValueError as exc:
        raise InputError(f"line {number}: not JSON ({exc.msg})", str(path)) from None
    except RecursionError:
        raise InputError(f"line {number}: not JSON (nested too deeply)", str(path)) from None
    from termcheck.corpus.jsonl import lone_surrogate

    lone = lone_surrogate(value)
    if lone is not None:
        raise InputError(f"line {number}: lone surrogate \\u{ord(lone):04x} (not valid Unicode)",
                         str(path))
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ((text_field,) if text_field else JSONL_FIELDS):
            if isinstance(value.get(key), str):
                return str(value[key])
    wanted = text_field or " or ".join(JSONL_FIELDS)
    raise InputError(f"line {number}: no text field {wanted!r}", str(path))


def check_aligned(hyps: Sequence[str], refs: dict[str, Sequence[str]], hyp_name: str) -> None:
    """Raise :class:`ScoreError` when any file has a different number of segments."""
    for name, segments in refs.items():
        if len(segments) != len(hyps):
            raise ScoreError(f"{name} has {len(segments)} segments but {hyp_name} has "
                             f"{len(hyps)}: files must be line-aligned")


# --- corpus metrics --------------------------------------------------------------------------

def _metric(name: str, lowercase: bool = False, tokenize: str | None = None) -> Any:
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "bleu":
        if tokenize and tokenize not in BLEU.TOKENIZERS:
            raise ScoreError(f"unknown BLEU tokenizer {tokenize!r}; choose from "
                             f"{', '.join(BLEU.TOKENIZERS)}")
        return BLEU(lowercase=lowercase, **({"tokenize": tokenize} if tokenize else {}))
    if name == "chrf":
        return CHRF(lowercase=lowercase)
    if name == "chrf++":
        return CHRF(word_order=2, lowercase=lowercase)
    if name == "ter":
        return TER()  # sacrebleu default: case-insensitive, as on its command line
    raise ScoreError(f"unknown metric {name!r}; choose from {', '.join(METRICS)}")


def corpus_scores(hyps: Sequence[str], refs: Sequence[Sequence[str]],
                  metrics: Iterable[str] = METRICS, lowercase: bool = False,
                  tokenize: str | None = None) -> dict[str, dict[str, Any]]:
    """Corpus-level ``{metric: {"score", "signature", "verbose"}}`` over aligned segments."""
    if not hyps:
        raise ScoreError("no segments to score: the hypothesis and references are empty")
    result = {}
    for name in metrics:
        metric = _metric(name, lowercase, tokenize)
        score = metric.corpus_score(list(hyps), [list(r) for r in refs])
        result[name] = {"score": score.score, "signature": metric.get_signature().format(),
                        "verbose": str(score)}
    return result


def sentence_chrf(hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> list[float]:
    """Segment-level chrF (sacrebleu defaults) of every hypothesis."""
    metric = _metric("chrf")
    return [metric.sentence_score(hyp, [r[i] for r in refs]).score for i, hyp in enumerate(hyps)]


# --- terminology -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TermPair:
    """A source term and the target forms that count as its correct translation."""

    source: str
    targets: tuple[str, ...]


@dataclass
class TermStats:
    """How often a term was required (in a source segment) and how often its target was used."""

    required: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.required if self.required else 0.0


@dataclass
class TermReport:
    """Exact-match term accuracy, overall and per term."""

    per_term: dict[str, TermStats] = field(default_factory=dict)
    method: str = ""

    @property
    def required(self) -> int:
        return sum(s.required for s in self.per_term.values())

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.per_term.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "required": self.required,
            "correct": self.correct,
            "accuracy": self.correct / self.required if self.required else None,
            "terms": {term: {"required": s.required, "correct": s.correct,
                             "accuracy": round(s.accuracy, 4)}
                      for term, s in sorted(self.per_term.items())},
        }


def load_term_pairs(path: Path) -> list[TermPair]:
    """A TSV/CSV of ``source`` and ``target`` columns; target alternatives separated by ``|``."""
    pairs = []
    for _, row in read_table(path, ("source", "target")):
        targets = tuple(t.strip() for t in row["target"].split("|") if t.strip())
        if row["source"] and targets:
            pairs.append(TermPair(row["source"], targets))
    return pairs


def _occurrences(term: str, text: str) -> list[int]:
    """Start offsets of ``term`` in ``text`` as whole words, case-insensitively."""
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.I)
    return [m.start() for m in pattern.finditer(text)]


def term_accuracy(sources: Sequence[str], hyps: Sequence[str],
                  pairs: Sequence[TermPair]) -> TermReport:
    """For each source segment containing a source term, whether a target form is in the hyp.

    Every occurrence of a source term requires one occurrence of a target form; an occurrence
    in the hypothesis is used once (as in the WMT 2021 terminology task's exact match).
    """
    report = TermReport(method="exact match, case-insensitive, whole words (glossary pairs)")
    for source, hyp in zip(sources, hyps):
        used: set[int] = set()
        for pair in pairs:
            for _ in _occurrences(pair.source, source):
                stats = report.per_term.setdefault(pair.source, TermStats())
                stats.required += 1
                found = next((s for t in pair.targets for s in _occurrences(t, hyp)
                              if s not in used), None)
                if found is not None:
                    used.add(found)
                    stats.correct += 1
    return report


def is_pair_list(path: Path) -> bool:
    """Whether ``path`` is a simple pair list (header ``source``/``target``), not a glossary."""
    for line in read_text(path).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            columns = {c.strip().lower() for c in re.split(r"[\t,]", line)}
            return {"source", "target"} <= columns and "concept" not in columns
    return False


def glossary_term_accuracy(sources: Sequence[str], hyps: Sequence[str], glossary: Any,
                           source_lang: str, target_lang: str) -> TermReport:
    """Term accuracy with a :mod:`termcheck.glossary` glossary and its matchers.

    Every source-language term found in a source segment whose concept has a non-forbidden term
    in the target language requires one match of such a term (same concept) in the
    hypothesis; a hypothesis match serves one requirement.
    """
    report = TermReport(method=f"glossary concepts {source_lang}->{target_lang}, "
                               "matched by the glossary matcher")
    source_matcher, target_matcher = glossary.matcher(source_lang), glossary.matcher(target_lang)
    for source, hyp in zip(sources, hyps):
        found = [(m.start, m.concept.id) for m in target_matcher.find(hyp)
                 if m.term.status != "forbidden"]
        used: set[int] = set()
        for match in source_matcher.find(source):
            wanted = [t for t in match.concept.terms_in(target_lang) if t.status != "forbidden"]
            if not wanted:
                continue
            stats = report.per_term.setdefault(match.term.text, TermStats())
            stats.required += 1
            free = next((start for start, concept_id in found
                         if concept_id == match.concept.id and start not in used), None)
            if free is not None:
                used.add(free)
                stats.correct += 1
    return report


_TERM = re.compile(r"<term\b([^>]*)>(.*?)</term>", re.S | re.I)
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


def wmt21_term_accuracy(annotated_ref: str, hyp_segments: Sequence[tuple[str, str]]
                        ) -> TermReport:
    """Exact-match term accuracy of the WMT 2021 terminology task.

    ``annotated_ref`` is the target-side SGML with ``<term src= tgt=>`` annotations. As in the
    task's script, a term is correct when one of its ``tgt`` forms, or the form the reference
    has inside ``<term>``, occurs case-sensitively between spaces in the whitespace-normalised
    hypothesis at a position no other term of the segment has used. The script also accepts
    lemma matches (stanza); this does not, so it counts those terms as wrong.
    """
    report = TermReport(method="WMT21 exact match (surface forms, no lemmas)")
    hyps = dict(hyp_segments)
    for seg_id, body in _SEG.findall(annotated_ref):
        if seg_id not in hyps:
            continue
        hyp = " " + " ".join(hyps[seg_id].split()) + " "
        used: set[int] = set()
        for attrs, inner in _TERM.findall(body):
            values = {k: unescape(v) for k, v in _ATTR.findall(attrs)}
            surface = " ".join(unescape(inner).split())
            tgt = values.get("tgt", surface)
            forms = tgt.split("|") + ([surface] if surface not in tgt else [])
            stats = report.per_term.setdefault(values.get("src", surface), TermStats())
            stats.required += 1
            if _use_free_match(hyp, forms, used):
                stats.correct += 1
    return report


def _form_pattern(form: str) -> re.Pattern[str]:
    """The task's script reads a form as a regular expression (so the form "essoufflé ( e )"
    never matches: its brackets are a group); kept for the same figures, escaped if invalid."""
    try:
        return re.compile(f"(?= {form} )")
    except re.error:
        return re.compile(f"(?= {re.escape(form)} )")


def _use_free_match(hyp: str, forms: Sequence[str], used: set[int]) -> bool:
    """Take the first position of any form (in order) not used yet; False when none is left."""
    for form in forms:
        for match in _form_pattern(form).finditer(hyp):
            if match.start() not in used:
                used.add(match.start())
                return True
    return False


# --- reference-free MQM-style penalty --------------------------------------------------------

@dataclass(frozen=True)
class Weight:
    mqm: str
    severity: str
    weight: float


def load_weights(path: Path | None = None) -> list[Weight]:
    """Severity weights (``glossaries/score/mqm-weights.tsv`` by default)."""
    path = path or shipped("score", "mqm-weights.tsv")
    weights = []
    for number, row in read_table(path, ("mqm", "severity", "weight")):
        try:
            weights.append(Weight(row["mqm"], row["severity"].lower(), float(row["weight"])))
        except ValueError:
            raise InputError(f"line {number}: weight {row['weight']!r} is not a number",
                             str(path)) from None
    return weights


def mqm_severity(severity: Severity) -> str:
    """The MQM severity of a rule severity: error is major, warning and info are minor."""
    return "major" if severity == Severity.ERROR else "minor"


def finding_weight(finding: Finding, weights: Sequence[Weight]) -> float:
    severity = mqm_severity(finding.severity)
    for weight in weights:
        if weight.severity == severity and (weight.mqm in ("*", finding.mqm)
                                            or finding.mqm.startswith(weight.mqm + "/")):
            return weight.weight
    return 0.0


def segment_findings(hyps: Sequence[str], config: Config) -> list[list[Finding]]:
    """Lint findings of each segment (the hypothesis linted as one document, one line each)."""
    from termcheck.api import lint_text

    per_segment: list[list[Finding]] = [[] for _ in hyps]
    for finding in lint_text("\n".join(hyps) + "\n", config, path="<hyp>"):
        if finding.line <= len(hyps):
            per_segment[finding.line - 1].append(finding)
    return per_segment


def mqm_penalties(findings: Sequence[Sequence[Finding]],
                  weights: Sequence[Weight]) -> list[float]:
    """The MQM-style penalty of each segment: the sum of its findings' weights."""
    return [sum(finding_weight(f, weights) for f in segment) for segment in findings]


# --- cleaning --------------------------------------------------------------------------------

def clean_segments(hyps: Sequence[str], config: Config) -> list[str]:
    """Each segment after the clean policy's fixes (safe fixes if ``termcheck.clean`` is absent).

    Segments are cleaned one by one so that alignment with the references is kept; a line break
    a fix would introduce becomes a space.
    """
    from termcheck.document import Document
    from termcheck.engine import allow_applicability, fix_document

    try:
        from termcheck.clean import clean_filter  # type: ignore[import-not-found,unused-ignore]

        allow = clean_filter()
    except ImportError:
        allow = allow_applicability()
    cleaned = []
    for hyp in hyps:
        result = fix_document(Document(text=hyp), config, allow)
        cleaned.append(" ".join(result.text.split("\n")).strip())
    return cleaned

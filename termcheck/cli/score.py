"""``termcheck score``: corpus metrics, worst segments, term accuracy, reference-free penalty."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

import json
import re
from pathlib import Path
from typing import Any, List

import typer

from termcheck.cli.app import PlainUsage, app
from termcheck.cli.options import check_lang_option, fail, refuse_overwriting_inputs, write_output
from termcheck.errors import TermcheckError

_LANG_SUFFIX = re.compile(r"\.([a-z]{2})$")


def _guess_lang(hyp: Path, lang: str | None) -> str:
    """``--lang``, else a two-letter file suffix (``newstest.hyp.X.de``), else English."""
    if lang:
        return lang
    match = _LANG_SUFFIX.search(hyp.name)
    return match.group(1) if match else "en"


@app.command("score", cls=PlainUsage,
             short_help="Score a translation: BLEU, chrF, TER, term accuracy, MQM.")
def score(
    hyp: Path = typer.Option(..., "--hyp", help="Hypothesis: text (segment a line), JSONL, SGML."),
    ref: List[Path] | None = typer.Option(None, "--ref", help="Reference(s), line-aligned."),
    src: Path | None = typer.Option(None, "--src", help="Source, for term accuracy."),
    glossary: Path | None = typer.Option(
        None, "--glossary", help="Glossary (TSV/CSV/TBX), or a source/target pair list."),
    src_lang: str = typer.Option("en", "--src-lang", help="Source language, for --glossary."),
    terms_sgm: Path | None = typer.Option(
        None, "--terms-sgm", help="WMT21 terminology target SGML with <term> annotations."),
    lang: str | None = typer.Option(None, "--lang", help="Target language of the lint findings."),
    metrics: str = typer.Option(
        "bleu,chrf,chrf++", help="Comma-separated: bleu, chrf, chrf++, ter (TER is slow)."),
    lowercase: bool = typer.Option(False, "--lowercase", "-lc", help="Case-insensitive metrics."),
    tokenize: str | None = typer.Option(None, help="BLEU tokenizer (sacrebleu's; default 13a)."),
    worst: int = typer.Option(0, "--worst", min=0,
                              help="List the N segments with the lowest chrF."),
    clean: bool = typer.Option(False, "--clean", help="Also score the cleaned hypothesis."),
    text_field: str | None = typer.Option(None, "--field", help="Text field of JSONL input."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
) -> None:
    """Score a translation: BLEU, chrF, chrF++, TER (sacrebleu), term accuracy, MQM-style penalty.

    Without --ref, reports a reference-free penalty per segment and for the document, from the
    lint findings weighted by MQM severity (glossaries/score/mqm-weights.tsv).
    """
    if fmt not in ("text", "json"):
        fail(f"unknown format {fmt!r}; choose from text, json")
    if lang is not None:
        check_lang_option(lang, "--lang")
    refuse_overwriting_inputs([hyp, *(ref or []), *([src] if src else [])], output=output)
    try:
        report = build_report(hyp, ref or [], src, (glossary, src_lang), terms_sgm,
                              _guess_lang(hyp, lang),
                              [m.strip().lower() for m in metrics.split(",") if m.strip()],
                              lowercase, tokenize, worst, clean, text_field)
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n" if fmt == "json" \
            else render_text(report)
        write_output(text, output)
    except TermcheckError as exc:
        fail(str(exc))


def build_report(hyp: Path, refs: list[Path], src: Path | None,
                 glossary: tuple[Path | None, str],
                 terms_sgm: Path | None, lang: str, metrics: list[str], lowercase: bool,
                 tokenize: str | None, worst: int, clean: bool,
                 text_field: str | None) -> dict[str, Any]:
    """Everything ``score`` reports, as a JSON-ready dict."""
    from termcheck import score as sc
    from termcheck.config import Config

    hyps = sc.read_segments(hyp, text_field)
    ref_segments = {str(r): sc.read_segments(r, text_field) for r in refs}
    sources = sc.read_segments(src, text_field) if src else None
    sc.check_aligned(hyps, {**ref_segments, **({str(src): sources} if sources else {})}, str(hyp))
    if refs and not metrics:
        raise sc.ScoreError(f"--metrics names no metric; choose from {', '.join(sc.METRICS)}")
    unknown = [m for m in metrics if m not in sc.METRICS]
    if unknown:
        raise sc.ScoreError(f"unknown metric(s) {', '.join(unknown)}; "
                            f"choose from {', '.join(sc.METRICS)}")
    config = Config(lang=lang)
    report: dict[str, Any] = {"hyp": str(hyp), "refs": list(ref_segments), "lang": lang,
                              "segments": len(hyps)}
    ref_lists = list(ref_segments.values())
    if ref_lists:
        report["scores"] = sc.corpus_scores(hyps, ref_lists, metrics, lowercase, tokenize)
        if clean:
            cleaned = sc.clean_segments(hyps, config)
            report["clean"] = {
                "changed_segments": sum(a != b for a, b in zip(hyps, cleaned)),
                "scores": sc.corpus_scores(cleaned, ref_lists, metrics, lowercase, tokenize)}
    if glossary[0] is not None:
        if sources is None:
            raise sc.ScoreError("--glossary needs --src (the source segments)")
        report["terms"] = _glossary_terms(sources, hyps, glossary[0], glossary[1], lang)
    if terms_sgm is not None:
        report["terms"] = _wmt21_terms(hyp, hyps, terms_sgm)
    findings = sc.segment_findings(hyps, config)
    penalties = sc.mqm_penalties(findings, sc.load_weights())
    report["qe"] = {
        "weights": "glossaries/score/mqm-weights.tsv",
        "document_penalty": round(sum(penalties), 3),
        "mean_segment_penalty": round(sum(penalties) / len(hyps), 4) if hyps else 0.0,
        "segments_with_findings": sum(1 for p in findings if p),
        "segment_penalties": [round(p, 3) for p in penalties],
    }
    doc_ids = sc.read_doc_ids(hyp)
    if doc_ids is not None and len(doc_ids) == len(hyps):
        report["qe"]["document_penalties"] = sc.document_penalties(doc_ids, penalties)
    if worst > 0 and ref_lists:
        report["worst"] = _worst(hyps, ref_lists, findings, worst)
    return report


def _glossary_terms(sources: list[str], hyps: list[str], path: Path, src_lang: str,
                    lang: str) -> dict[str, Any]:
    """Term accuracy from a pair list, or from a glossary through ``termcheck.glossary``."""
    from termcheck import score as sc

    if sc.is_pair_list(path):
        return sc.term_accuracy(sources, hyps, sc.load_term_pairs(path)).to_dict()
    try:
        from termcheck.glossary import load_glossary  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise sc.ScoreError(f"{path}: not a source/target pair list, and this termcheck has no "
                            "glossary support") from None
    return sc.glossary_term_accuracy(sources, hyps, load_glossary(path), src_lang,
                                     lang).to_dict()


def _wmt21_terms(hyp: Path, hyps: list[str], terms_sgm: Path) -> dict[str, Any]:
    from termcheck import score as sc
    from termcheck.data import read_text

    annotated = read_text(terms_sgm)
    if hyp.suffix.lower() in (".sgm", ".xml"):
        segments = sc.read_sgm_segments(read_text(hyp))
    else:
        ids = [seg_id for seg_id, _ in sc.read_sgm_segments(annotated)]
        sc.check_aligned(hyps, {str(terms_sgm): ids}, str(hyp))
        segments = list(zip(ids, hyps))
    return sc.wmt21_term_accuracy(annotated, segments).to_dict()


def _worst(hyps: list[str], refs: list[list[str]], findings: list[list[Any]],
           count: int) -> list[dict[str, Any]]:
    from termcheck.score import sentence_chrf

    chrf = sentence_chrf(hyps, refs)
    order = sorted(range(len(hyps)), key=lambda i: (chrf[i], i))[:count]
    return [{"line": i + 1, "chrf": round(chrf[i], 2), "hyp": hyps[i], "ref": refs[0][i],
             "findings": [f"{f.code} {f.message}" for f in findings[i]]} for i in order]


def render_text(report: dict[str, Any]) -> str:
    """The human-readable report."""
    lines = [f"{report['hyp']}: {report['segments']} segments, lang {report['lang']}"]
    for ref in report["refs"]:
        lines.append(f"  ref {ref}")
    for name, value in report.get("scores", {}).items():
        lines.append(f"{name:7s} {value['score']:7.2f}  {value['signature']}")
    if "clean" in report:
        lines.append(f"after cleaning ({report['clean']['changed_segments']} segments changed):")
        for name, value in report["clean"]["scores"].items():
            lines.append(f"{name:7s} {value['score']:7.2f}")
    if "terms" in report:
        terms = report["terms"]
        accuracy = "n/a" if terms["accuracy"] is None else f"{terms['accuracy']:.4f}"
        lines.append(f"term accuracy {accuracy} ({terms['correct']}/{terms['required']}; "
                     f"{terms['method']})")
        weakest = sorted(terms["terms"].items(), key=lambda kv: (kv[1]["accuracy"], kv[0]))[:10]
        lines.extend(f"  {term}: {s['correct']}/{s['required']}" for term, s in weakest)
    qe = report["qe"]
    lines.append(f"MQM-style penalty: document {qe['document_penalty']}, "
                 f"mean per segment {qe['mean_segment_penalty']}, "
                 f"{qe['segments_with_findings']} segments with findings")
    for doc_id, penalty in qe.get("document_penalties", {}).items():
        lines.append(f"  document {doc_id}: penalty {penalty}")
    if not report["refs"]:
        penalties = qe["segment_penalties"]
        ranked = sorted((i for i, p in enumerate(penalties) if p), key=lambda i: -penalties[i])
        lines.extend(f"  line {i + 1}: penalty {penalties[i]}" for i in ranked[:20])
    for item in report.get("worst", []):
        lines.append(f"line {item['line']}: chrF {item['chrf']}")
        lines.append(f"  hyp: {item['hyp']}")
        lines.append(f"  ref: {item['ref']}")
        lines.extend(f"  ! {finding}" for finding in item["findings"])
    return "\n".join(lines) + "\n"

"""termcheck score: equal to sacrebleu's own numbers, clear errors, term accuracy, MQM penalty."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck import score as sc
from termcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
              ROOT.parent / "shared")
WMT21 = SHARED / "corpora" / "wmt21-news"
TERMS = SHARED / "corpora" / "wmt21-terminology-enfr-dev"
runner = CliRunner()

HYP = ["The council voted on Tuesday to extend the night buses.",
       "Officials said the bridge stays closed for two weeks",
       "Prices of vegetables rose in spring ."]
REF_A = ["On Tuesday the council voted to extend the night bus service.",
         "Officials said the bridge would stay closed for two more weeks.",
         "Vegetable prices rose sharply in the spring."]
REF_B = ["The council decided on Tuesday to keep the night buses running.",
         "The bridge will remain closed for two weeks, officials said.",
         "In spring, the prices of vegetables went up."]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def score_json(*args: str) -> dict:
    result = runner.invoke(app, ["score", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def sacrebleu_cli(hyp: Path, refs: list[Path], *options: str) -> dict[str, float]:
    """Scores from the ``sacrebleu`` command line, by metric name."""
    command = [sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-w", "4",
               *options]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    items = json.loads(output)
    return {item["name"]: item["score"] for item in (items if isinstance(items, list) else [items])}


@pytest.mark.parametrize("nrefs", [1, 2])
def test_scores_equal_the_sacrebleu_command_line(tmp_path: Path, nrefs: int) -> None:
    hyp = write(tmp_path / "hyp.txt", HYP)
    refs = [write(tmp_path / "a.txt", REF_A), write(tmp_path / "b.txt", REF_B)][:nrefs]
    ours = score_json("--hyp", str(hyp), *[x for r in refs for x in ("--ref", str(r))],
                      "--metrics", "bleu,chrf,chrf++,ter")["scores"]
    theirs = sacrebleu_cli(hyp, refs, "-m", "bleu", "chrf", "ter")
    plus = sacrebleu_cli(hyp, refs, "-m", "chrf", "--chrf-word-order", "2")
    assert round(ours["bleu"]["score"], 4) == theirs["BLEU"]
    assert round(ours["chrf"]["score"], 4) == theirs["chrF2"]
    assert round(ours["chrf++"]["score"], 4) == plus["chrF2++"]
    assert round(ours["ter"]["score"], 4) == theirs["TER"]
    assert ours["bleu"]["signature"].startswith(f"nrefs:{nrefs}|case:mixed|eff:no|tok:13a")


def test_lowercase_equals_sacrebleu_lc(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", [h.upper() for h in HYP])
    ref = write(tmp_path / "ref.txt", REF_A)
    ours = score_json("--hyp", str(hyp), "--ref", str(ref), "--lowercase")["scores"]
    assert round(ours["bleu"]["score"], 4) == sacrebleu_cli(hyp, [ref], "-lc")["BLEU"]


def test_mismatched_line_counts_are_an_error_not_a_truncated_score(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", HYP)
    ref = write(tmp_path / "ref.txt", REF_A[:2])
    result = runner.invoke(app, ["score", "--hyp", str(hyp), "--ref", str(ref)])
    assert result.exit_code == 2
    assert "has 2 segments but" in result.output and "line-aligned" in result.output


def test_jsonl_input(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.jsonl"
    hyp.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(HYP)),
                   encoding="utf-8")
    ref = write(tmp_path / "ref.txt", REF_A)
    plain = write(tmp_path / "hyp.txt", HYP)
    from_jsonl = score_json("--hyp", str(hyp), "--ref", str(ref))["scores"]["bleu"]["score"]
    from_text = score_json("--hyp", str(plain), "--ref", str(ref))["scores"]["bleu"]["score"]
    assert from_jsonl == from_text


def test_bad_jsonl_names_file_and_line(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.jsonl"
    hyp.write_text('{"text": "fine"}\n{"text": broken\n', encoding="utf-8")
    result = runner.invoke(app, ["score", "--hyp", str(hyp)])
    assert result.exit_code == 2 and "hyp.jsonl" in result.output and "line 2" in result.output


def test_worst_segments_come_with_their_findings(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", [*HYP[:2], "Цены на овощи выросли весной, in spring."])
    ref = write(tmp_path / "ref.txt", REF_A)
    worst = score_json("--hyp", str(hyp), "--ref", str(ref), "--worst", "1")["worst"]
    assert worst[0]["line"] == 3
    assert any(f.startswith("LG002") for f in worst[0]["findings"])


def test_reference_free_penalty_weights_findings_by_mqm_severity(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.en", ["A clean sentence.", "Протесты продолжаются (in the west.",
                                      "Another clean one."])
    qe = score_json("--hyp", str(hyp))["qe"]
    # LG002 (Accuracy, minor) weighs 1, BR001 (Fluency/Punctuation, minor) 0.1
    assert qe["segment_penalties"] == [0, 1.1, 0]
    assert qe["document_penalty"] == 1.1


def test_clean_scores_before_and_after(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", HYP)
    ref = write(tmp_path / "ref.txt", REF_A)
    report = score_json("--hyp", str(hyp), "--ref", str(ref), "--clean")
    assert set(report["clean"]["scores"]) == set(report["scores"])


def test_term_accuracy_from_a_glossary_of_pairs(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("source\ttarget\nnight bus\tNachtbus|Nachtbusse\nbridge\tBrücke\n",
                        encoding="utf-8")
    src = write(tmp_path / "src.en", ["The night bus and the bridge.", "The bridge is closed."])
    hyp = write(tmp_path / "hyp.de", ["Der Nachtbus und die Brücke.", "Der Steg ist gesperrt."])
    terms = score_json("--hyp", str(hyp), "--src", str(src), "--glossary", str(glossary))["terms"]
    assert (terms["correct"], terms["required"]) == (2, 3)
    assert terms["terms"]["bridge"] == {"required": 2, "correct": 1, "accuracy": 0.5}


def test_wmt21_term_annotations_use_each_hypothesis_position_once() -> None:
    annotated = ('<seg id="1"> les <term src="symptom" tgt="symptômes" type="x"> symptômes '
                 '</term> et <term src="symptom" tgt="symptômes" type="x"> symptômes </term> '
                 '</seg>')
    report = sc.wmt21_term_accuracy(annotated, [("1", "les symptômes et les signes")])
    assert (report.correct, report.required) == (1, 2)


def test_heavy_libraries_are_not_imported_at_start_up() -> None:
    code = ("import sys, termcheck.cli; from termcheck.api import lint_text; "
            "lint_text('Hello, world. Привет, мир!'); "
            "print([m for m in ('sacrebleu', 'langdetect', 'lingua') if m in sys.modules])")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout
    assert output.strip() == "[]"


@pytest.mark.skipif(not WMT21.is_dir(), reason="../shared/corpora/wmt21-news absent")
@pytest.mark.parametrize(("pair", "system", "label"), [
    ("en-de", "UEdin", "A"), ("ru-en", "Online-Y", "all")])
def test_reproduces_published_wmt21_scores(pair: str, system: str, label: str) -> None:
    official = {(r["pair"], r["system"], r["metric"]): float(r["score"]) for r in csv.DictReader(
        (WMT21 / "scores" / "automatic-scores.tsv").open(encoding="utf-8"), delimiter="\t")}
    hyp = WMT21 / "system-outputs" / f"newstest2021.{pair}.hyp.{system}.{pair[-2:]}"
    refs = sorted((WMT21 / "references").glob(f"newstest2021.{pair}.ref.*"))
    refs = refs if label == "all" else [r for r in refs if f".ref.{label}." in r.name]
    args = [x for r in refs for x in ("--ref", str(r))]
    scores = score_json("--hyp", str(hyp), *args, "--metrics", "bleu,chrf")["scores"]
    assert scores["bleu"]["score"] == pytest.approx(official[(pair, system, f"bleu-{label}")],
                                                    abs=1e-4)
    assert scores["chrf"]["score"] == pytest.approx(official[(pair, system, f"chrf-{label}")],
                                                    abs=1e-4)


@pytest.mark.skipif(not TERMS.is_dir(), reason="../shared/corpora/wmt21-terminology absent")
def test_reproduces_the_wmt21_terminology_dev_figures() -> None:
    hyp, ref = TERMS / "en-fr.dev.txt.truecased.sgm", TERMS / "dev.en-fr.fr.sgm"
    report = score_json("--hyp", str(hyp), "--ref", str(ref), "--terms-sgm", str(ref),
                        "--metrics", "bleu")
    assert report["scores"]["bleu"]["score"] == pytest.approx(45.33867641150976, abs=1e-9)
    # Published: 759 exact + 15 lemma matches of 901 (lemmas need stanza; we match surfaces).
    assert (report["terms"]["correct"], report["terms"]["required"]) == (760, 901)


def test_penalty_per_document_from_jsonl_doc_ids(tmp_path: Path) -> None:
    rows = [("d1", "A clean sentence."), ("d1", "Протесты продолжаются в регионе."),
            ("d2", "Another (clean one.")]
    hyp = tmp_path / "hyp.jsonl"
    hyp.write_text("\n".join(json.dumps({"doc": d, "text": t}, ensure_ascii=False)
                             for d, t in rows), encoding="utf-8")
    qe = score_json("--hyp", str(hyp), "--lang", "en")["qe"]
    assert qe["document_penalties"] == {"d1": 1.0, "d2": 0.1}


def test_term_accuracy_from_a_termcheck_glossary(tmp_path: Path) -> None:
    pytest.importorskip("termcheck.glossary")
    glossary = tmp_path / "news.tsv"
    glossary.write_text(
        "concept\tlang\tterm\tstatus\tnote\n"
        "bridge\ten\tbridge\tpreferred\t\n"
        "bridge\tde\tBrücke\tpreferred\t\n"
        "bridge\tde\tSteg\tforbidden\tnot a road bridge\n", encoding="utf-8")
    src = write(tmp_path / "src.en", ["The bridge and the other bridge.", "The bridge is shut."])
    hyp = write(tmp_path / "hyp.de", ["Die Brücke und die andere Brücke.", "Der Steg ist zu."])
    terms = score_json("--hyp", str(hyp), "--src", str(src), "--glossary", str(glossary))["terms"]
    assert (terms["correct"], terms["required"]) == (2, 3)

"""Transfer checks (BL004-BL011) and translation-memory inputs (TMX, XLIFF) of bilingual mode.

The rules' own pass/fail texts are in tests/cases/BL0*.toml; this file covers what a case file
cannot: a corpus of several pairs (BL011), the TMX/XLIFF readers, the learned length bounds, and
the false-alarm rate on human references (../shared, skipped without it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.bilingual import Pair, iter_file_pairs, lint_pairs
from termcheck.cli import app
from termcheck.config import Config
from termcheck.document import Document
from termcheck.rules.transfer import (
    Renderings,
    bounds_for,
    collect_renderings,
    merge_renderings,
    merge_renderings_into,
    segment_key,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
NOTICE = "The company did not respond to a request for comment."


def pair(source: str, target: str, name: str) -> Pair:
    return Pair(Document(target, path=name), Document(source, path=f"{name} (source)"), "en")


# --- BL011 across a corpus -----------------------------------------------------------------------

def test_a_sentence_translated_two_ways_in_two_articles_is_reported_in_both() -> None:
    pairs = [pair(f"Prices rose.\n\n{NOTICE}", "Die Preise stiegen.\n\nDas Unternehmen reagierte "
                  "nicht auf eine Bitte um Stellungnahme.", "a.txt"),
             pair(f"{NOTICE}\n\nThe mayor resigned on Friday.", "Die Firma hat auf Nachfrage "
                  "nicht geantwortet.\n\nDer Bürgermeister trat am Freitag zurück.", "b.txt")]
    report = lint_pairs(pairs, Config(lang="de", select=("BL011",)))
    assert [(f.path, f.line) for f in report.findings] == [("a.txt", 3), ("b.txt", 1)]
    assert all("2 different ways" in f.message for f in report.findings)


def test_the_same_rendering_everywhere_is_quiet() -> None:
    rendering = "Das Unternehmen reagierte nicht auf eine Bitte um Stellungnahme."
    pairs = [pair(NOTICE, rendering, f"{n}.txt") for n in range(3)]
    assert lint_pairs(pairs, Config(lang="de", select=("BL011",))).findings == []


def test_renderings_merge_associatively_and_round_trip() -> None:
    parts = [collect_renderings(_aligned(NOTICE, t), Config())
             for t in ("Eins zwei drei vier fünf.", "Sechs sieben acht neun zehn.",
                       "Elf zwölf dreizehn vierzehn.")]
    left = merge_renderings(merge_renderings(parts[0], parts[1]), parts[2])
    right = merge_renderings(parts[0], merge_renderings(parts[2], parts[1]))
    assert left == right
    total = Renderings.empty()
    for part in (parts[2], parts[0], parts[1]):
        assert merge_renderings_into(total, part) is total
    assert total == left and parts == [collect_renderings(_aligned(NOTICE, t), Config())
                                       for t in ("Eins zwei drei vier fünf.",
                                                 "Sechs sieben acht neun zehn.",
                                                 "Elf zwölf dreizehn vierzehn.")]
    assert Renderings.from_plain(json.loads(json.dumps(left.to_plain()))) == left
    with pytest.raises(ValueError, match="BL011"):
        Renderings.from_plain({"forward": [["x", []]]})


def _aligned(source: str, target: str) -> Document:
    from termcheck.bilingual import attach_source

    doc = Document(target, path="t.txt")
    assert attach_source(doc, Document(source), "en") is None
    return doc


def test_segment_keys_ignore_case_spacing_and_punctuation_but_not_words() -> None:
    assert segment_key("The mayor  resigned on Friday.") == segment_key("the mayor resigned, "
                                                                         "on friday!")
    assert segment_key("The mayor resigned on Friday.") != segment_key("The mayor resigned on "
                                                                         "Monday.")
    assert segment_key("Thank you.") is None


# --- length bounds -------------------------------------------------------------------------------

def test_length_bounds_exist_per_pair_and_fall_back_to_the_pooled_row() -> None:
    known, unknown = bounds_for("en", "de"), bounds_for("ja", "is")
    assert known.low < 0 < known.high and unknown.low < 0 < unknown.high
    assert bounds_for("en-GB", "de-AT") == known


# --- TMX and XLIFF -------------------------------------------------------------------------------

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="q1"><tuv xml:lang="en-US"><seg>Will the plant close before winter?</seg></tuv>
<tuv xml:lang="de-DE"><seg>Das Werk schließt vor dem Winter.</seg></tuv></tu>
<tu tuid="c1"><tuv xml:lang="en-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>G7<ept i="1">&lt;/b&gt;</ept>
 met.</seg></tuv><tuv xml:lang="de-DE"><seg>Die <bpt i="1">&lt;b&gt;</bpt>G7<ept i="1">&lt;/b&gt;
</ept> traf sich.</seg></tuv></tu>
<tu tuid="lonely"><tuv xml:lang="en-US"><seg>Only a source.</seg></tuv></tu>
</body></tmx>
"""
XLIFF12 = """<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en" target-language="fr" datatype="plaintext" original="x"><body>
<trans-unit id="u1"><source>Follow @CityCouncil now!</source>
<target>Suivez <g id="1">@ConseilMunicipal</g> maintenant !</target></trans-unit>
<trans-unit id="u2"><source>No target here.</source></trans-unit>
</body></file></xliff>
"""
XLIFF20 = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"
 trgLang="de"><file id="f1"><unit id="7"><segment><source>Leaders of the G7 met.</source>
<target>Die <pc id="1">G7</pc> traf sich<ph id="2"/>.</target></segment></unit></file></xliff>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tmx_units_become_pairs_with_languages_and_inline_codes_left_out(tmp_path: Path) -> None:
    pairs = list(iter_file_pairs(write(tmp_path, "mem.tmx", TMX)))
    good = [p for p in pairs if p.target is not None]
    assert [p.target.path for p in good] == [f"{tmp_path / 'mem.tmx'}#q1",
                                             f"{tmp_path / 'mem.tmx'}#c1"]
    assert (good[0].source_lang, good[0].target.lang) == ("en", "de")
    assert good[1].source.text == "The G7\n met."  # <bpt>/<ept> content is markup, not text
    (problem,) = [p for pair in pairs for p in pair.problems]
    assert problem.code == "TC-XML" and "lonely" in problem.message


def test_xliff_1_2_and_2_0_units_keep_inline_span_text(tmp_path: Path) -> None:
    one = list(iter_file_pairs(write(tmp_path, "a.xlf", XLIFF12)))
    assert one[0].target.text == "Suivez @ConseilMunicipal maintenant !"
    assert one[1].target is None and "u2" in one[1].problems[0].message
    (two,) = iter_file_pairs(write(tmp_path, "b.xliff", XLIFF20))
    assert (two.source.text, two.target.text) == ("Leaders of the G7 met.", "Die G7 traf sich.")
    assert (two.source_lang, two.target.lang) == ("en", "de")


@pytest.mark.parametrize(("text", "complaint"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaa">]>\n<tmx><body>&a;</body></tmx>',
     "unsafe XML refused"),
    ("<tmx><body><tu>", "invalid XML"),
    ("<html><body/></html>", "neither TMX nor XLIFF"),
])
def test_a_hostile_or_broken_file_is_one_problem(tmp_path: Path, text: str,
                                                 complaint: str) -> None:
    (only,) = iter_file_pairs(write(tmp_path, "bad.tmx", text))
    assert only.target is None and complaint in only.problems[0].message


def test_cli_lints_tmx_and_xliff_files_as_bilingual_input(tmp_path: Path) -> None:
    files = [write(tmp_path, "mem.tmx", TMX), write(tmp_path, "a.xlf", XLIFF12)]
    result = CliRunner().invoke(app, ["lint", "--isolated", "--bilingual", "--format", "json",
                                      *map(str, files)])
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert sorted(f["code"] for f in report["findings"]) == ["BL004", "BL008"]
    assert sorted(p["code"] for p in report["problems"]) == ["TC-XML", "TC-XML"]


# --- human references: correct translations raise (almost) nothing -------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora not available")
def test_each_default_transfer_rule_fires_on_fewer_than_2_per_1000_reference_segments() -> None:
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bilingual_refs.py")],
                            capture_output=True, text=True, check=True)
    header, rates = result.stdout.splitlines()[0].split(), result.stdout.splitlines()[-1].split()
    per_1000 = dict(zip(header[2:], map(float, rates[-len(header[2:]):])))
    from termcheck.rules.registry import get_rule

    for code, rate in per_1000.items():
        if get_rule(code).default:
            assert rate < 2.0, f"{code}: {rate} per 1,000 reference segments"


# --- --align: paragraphs aligned by length when their counts differ -------------------------------

SPLIT_SOURCE = """Die Stadtwerke stellten am Dienstag die neue Fähre vom Typ FX-21 vor, \
die ab Mai fährt.

Der Stadtrat lobte das Projekt.

Wird die alte Fähre verkauft?"""
SPLIT_TARGET = """On Tuesday the municipal utility presented the new ferry of the FX-12 type.

It will run from May.

The city council praised the project.

The old ferry will be sold."""


def test_without_align_differing_paragraph_counts_are_a_problem() -> None:
    report = lint_pairs([Pair(Document(SPLIT_TARGET, path="t.txt"), Document(SPLIT_SOURCE),
                              "de")], Config(lang="en", select=("BL",)))
    assert [p.code for p in report.problems] == ["TC-ALIGN"]


def test_align_groups_a_split_paragraph_and_checks_every_segment() -> None:
    pytest.importorskip("nltk")
    report = lint_pairs([Pair(Document(SPLIT_TARGET, path="t.txt"), Document(SPLIT_SOURCE),
                              "de")], Config(lang="en", select=("BL",)), align=True)
    assert report.problems == []
    assert [(f.code, f.matched) for f in report.findings] == [("BL005", "FX-12"), ("BL008", ".")]


def test_align_beads_cover_every_paragraph_in_order() -> None:
    pytest.importorskip("nltk")
    from termcheck.bilingual import align_by_length

    beads = align_by_length([80, 30, 30], [70, 20, 35, 25])
    assert [i for source, _ in beads for i in source] == [0, 1, 2]
    assert [i for _, target in beads for i in target] == [0, 1, 2, 3]


def test_align_outside_bilingual_mode_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lint", "--isolated", "--align",
                                      str(write(tmp_path, "a.txt", "Text."))])
    assert result.exit_code == 2 and "--align" in result.output


# --- findings point at the sentence ---------------------------------------------------------------

def test_a_dropped_figure_or_code_points_at_the_aligned_sentence() -> None:
    source = ("Der Rat tagte am Montag. Er bewilligte 4.300 Euro für den Umbau. "
              "Der FX-21 fährt ab Mai.")
    target = ("The council met on Monday. It approved money for the renovation. "
              "The ferry runs from May.")
    report = lint_pairs([Pair(Document(target, path="t.txt"), Document(source), "de")],
                        Config(lang="en", select=("NU001", "BL005")))
    assert sorted((f.code, f.matched) for f in report.findings) == [
        ("BL005", "The ferry runs from May."),
        ("NU001", "It approved money for the renovation."),
    ]
    assert "missing from this sentence" in next(f.message for f in report.findings
                                                if f.code == "NU001")


def test_sentence_counts_that_differ_keep_the_whole_paragraph() -> None:
    source = "Der Rat tagte. Er bewilligte 4.300 Euro."
    target = "The council met and approved money."
    (finding,) = lint_pairs([Pair(Document(target, path="t.txt"), Document(source), "de")],
                            Config(lang="en", select=("NU001",))).findings
    assert finding.matched == target and "this segment" in finding.message


def test_inline_codes_and_segments_leave_the_text_as_a_reader_sees_it(tmp_path: Path) -> None:
    tmx = ('<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
           'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
           '<tu tuid="1"><tuv xml:lang="en-US"><seg>Hello <ph x="1">{0}</ph> world.</seg></tuv>'
           '<tuv xml:lang="de-DE"><seg>Hallo <ph x="1">{0}</ph> Welt.</seg></tuv></tu>'
           '</body></tmx>')
    (pair,) = iter_file_pairs(write(tmp_path, "regions.tmx", tmx))  # "en" header, "en-US" tuv
    assert (pair.source.text, pair.target.text) == ("Hello world.", "Hallo Welt.")
    xliff = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
             'trgLang="fr"><file id="f"><unit id="u"><segment><source>One.</source>'
             '<target>Un.</target></segment><segment><source>Two.</source><target>Deux.'
             '</target></segment></unit></file></xliff>')
    (two,) = iter_file_pairs(write(tmp_path, "two.xlf", xliff))
    assert (two.source.text, two.target.text) == ("One. Two.", "Un. Deux.")

"""Loading glossaries: TSV/CSV/TBX by content, statuses normalised, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.errors import DataError
from termcheck.glossary import (
    Concept,
    Example,
    Term,
    _example_matcher,
    load_glossary,
    shipped_glossary_files,
)
from termcheck.glossary.adapters import load_tico
from termcheck.glossary.fixes import apply_glossary
from termcheck.glossary.tables import default_case_sensitive, write_table
from termcheck.glossary.tbx import write_tbx
from termcheck.glossary.validate import check_glossary

DATA = Path(__file__).parent / "data"
HEADER = "concept\tlang\tterm\tstatus\tnote\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tsv_terms_and_statuses(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "# comment\n" + HEADER +
                 "peskov\ten\tDmitry Peskov\tpreferredTerm-admn-sts\tspokesman\n"
                 "peskov\ten\tDmitri Peskov\tdeprecated\t\n")
    glossary = load_glossary(path)
    assert glossary.preferred("peskov", "en-GB").text == "Dmitry Peskov"
    assert [t.status for t in glossary.terms("en")] == ["preferred", "forbidden"]
    assert glossary.terms("en")[1].line == 4


def test_csv_is_detected_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, "g.txt", "concept,lang,term,status,note\n"
                 'nato,fr,OTAN,preferred,"Organisation du traité, Atlantique nord"\n')
    assert load_glossary(path).preferred("nato", "fr").note.startswith("Organisation du traité,")


@pytest.mark.parametrize(("row", "message"), [
    ("x\ten\t\tpreferred\t\n", "empty term"),
    ("x\ten\tFoo\tmaybe\t\n", "unknown status"),
    ("x\ten\tFoo\tpreferred\t\ttoo\tmany\tfields\tfor\tthis\n", "fields but the header"),
])
def test_errors_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, "bad.tsv", HEADER + "x\ten\tBar\tpreferred\t\n" + row)
    with pytest.raises(DataError, match=message) as caught:
        load_glossary(path)
    assert str(caught.value).startswith(f"{path}:3: ")


def test_missing_column_is_reported_at_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.tsv", "concept\tlang\tterm\n")
    with pytest.raises(DataError, match="missing column"):
        load_glossary(path)


def test_examples_are_verified_at_load(tmp_path: Path) -> None:
    rows = ("concept\tlang\tterm\tstatus\tnote\texample\n"
            "p\ten\tDmitry Peskov\tpreferred\t\tDmitri Peskov said → Dmitry Peskov said\n"
            "p\ten\tDmitri Peskov\tforbidden\t\tDMITRI PESKOV → DMITRY PESKOV\n")
    assert len(load_glossary(write(tmp_path, "ok.tsv", rows))) == 1
    wrong = rows.replace("→ Dmitry Peskov said", "→ Dmitri Peskov said")
    with pytest.raises(DataError, match="example of 'p'") as caught:
        load_glossary(write(tmp_path, "bad.tsv", wrong))
    assert caught.value.line == 2


def test_stem_patterns_keep_the_inflected_ending() -> None:
    from termcheck.glossary import Concept, Glossary, Term

    glossary = Glossary([Concept("yeltsin", [Term("Ельцин*", "ru"),
                                             Term("Ельцын*", "ru", "forbidden")], "person")])
    assert apply_glossary(glossary, "Визит Ельцына.", "ru") == "Визит Ельцина."


def test_tbx_basic_file_with_several_languages_loads() -> None:
    glossary = load_glossary(DATA / "news-basic.tbx")
    concept = glossary.concept("osce")
    assert concept.domain == "organisation"
    assert {t.lang for t in concept.terms} == {"en", "de", "fr", "ru"}
    assert [(t.text, t.status) for t in concept.terms_in("fr")] == [
        ("OSCE", "preferred"), ("OBSE", "forbidden")]
    assert apply_glossary(glossary, "The OSZE said.", "en") == "The OSCE said."


def test_tbx_v2_tig_ntig_and_tbx_min(tmp_path: Path) -> None:
    v2 = write(tmp_path, "v2.tbx", """<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="un"><descrip type="subjectField">organisation</descrip>
<langSet xml:lang="en"><tig><term>UN</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<ntig><termGrp><term>ONU</term>
<termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
</langSet></termEntry></body></text></martif>""")
    assert [(t.text, t.status) for t in load_glossary(v2).terms("en")] == [
        ("UN", "preferred"), ("ONU", "forbidden")]
    tbx_min = write(tmp_path, "min.tbx", """<?xml version="1.0"?>
<TBX dialect="TBX-Min"><header><id>t</id></header><body>
<conceptEntry id="c1"><subjectField>capital</subjectField>
<langGroup xml:lang="en"><termGroup><term>Kyiv</term>
<administrativeStatus>preferred</administrativeStatus></termGroup>
<termGroup><term>Kiew</term><administrativeStatus>notRecommended</administrativeStatus>
</termGroup></langGroup></conceptEntry></body></TBX>""")
    glossary = load_glossary(tbx_min)
    assert [t.status for t in glossary.terms("en")] == ["preferred", "forbidden"]
    assert glossary.concept("c1").domain == "capital"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&d;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&secret;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_unsafe_xml_fails_fast_naming_the_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "evil.tbx", text)
    with pytest.raises(DataError, match="unsafe XML refused") as caught:
        load_glossary(path)
    assert caught.value.path == str(path)


def test_broken_xml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.tbx", "<tbx>\n<text>\n</tbx>\n")
    with pytest.raises(DataError, match="invalid XML") as caught:
        load_glossary(path)
    assert caught.value.line == 3


@pytest.mark.parametrize("path", shipped_glossary_files(), ids=lambda p: p.name)
def test_shipped_glossaries_are_consistent_and_round_trip_through_tbx(
        tmp_path: Path, path: Path) -> None:
    glossary = load_glossary(path)
    assert [str(i) for i in check_glossary(glossary)] == []
    write_tbx(glossary, tmp_path / "g.tbx")
    write_table(glossary, tmp_path / "before.tsv")
    write_table(load_glossary(tmp_path / "g.tbx"), tmp_path / "after.tsv")
    assert (tmp_path / "after.tsv").read_text() == (tmp_path / "before.tsv").read_text()


def test_cli_check_reports_conflicts_and_chains(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", HEADER + "a\ten\tFoo\tpreferred\t\n"
                 "a\ten\tBar\tforbidden\t\nb\ten\tBar\tpreferred\t\nb\ten\tBaz\tforbidden\t\n")
    result = CliRunner().invoke(app, ["glossary", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: forbidden 'Bar' is the preferred term of concept 'b'" in result.output
    assert f"{path}:5: chain: 'Baz' → 'Bar'" in result.output


def test_cli_convert_tsv_to_tbx_and_csv(tmp_path: Path) -> None:
    source = shipped_glossary_files()[0]
    runner = CliRunner()
    assert runner.invoke(app, ["glossary", "convert", str(source),
                               str(tmp_path / "g.tbx")]).exit_code == 0
    assert runner.invoke(app, ["glossary", "convert", str(tmp_path / "g.tbx"),
                               str(tmp_path / "g.csv")]).exit_code == 0
    assert len(load_glossary(tmp_path / "g.csv")) == len(load_glossary(source))
    result = runner.invoke(app, ["glossary", "convert", str(source), str(tmp_path / "g.doc")])
    assert result.exit_code == 2


def test_tico19_terminologies_load_through_the_adapter(shared: Path) -> None:
    files = sorted((shared / "corpora" / "tico19-terminologies").glob("*.csv"))
    if not files:
        pytest.skip("no TICO-19 terminologies in ../shared")
    for path in files:
        glossary = load_tico(path)
        assert len(glossary) > 100
        assert all(c.terms[0].lang == "en" for c in glossary)


def test_an_example_is_fixed_by_its_keys_alone_as_by_the_whole_matcher(tmp_path: Path) -> None:
    """verify_examples searches an example with a matcher of only the terms whose key is in its
    fold: the fix is the whole matcher's, overlaps and longer admitted terms included."""
    path = write(tmp_path, "g.tsv", HEADER +
                 "osce\ten\tOSCE\tpreferred\t\n"
                 "osce\ten\tOSZE\tforbidden\t\n"
                 "osze-bank\ten\tOSZE Bank\tadmitted\t\n"
                 "yeltsin\tru\tЕльцин*\tpreferred\t\n"
                 "yeltsin\tru\tЕльцын*\tforbidden\t\n"
                 "strasse\tde\tStraße\tpreferred\t\n"
                 "strasse\tde\tStrasse\tforbidden\t\n")
    glossary = load_glossary(path)
    texts = [("The OSZE said.", "en"), ("The OSZE Bank and the OSZE.", "en"),
             ("the osze, OSZE-Bank", "en"), ("", "en"), ("Визит Ельцына.", "ru"),
             ("Die STRASSE, die Straße", "de"), ("İstanbul OSZE", "en")]
    keyed: dict[str, list[tuple[str, Term, Concept]]] = {}
    for text, lang in texts:
        matcher = _example_matcher(glossary, Example(text, "", lang), keyed)
        assert apply_glossary(glossary, text, lang, matcher) == \
            apply_glossary(glossary, text, lang), text


@pytest.mark.parametrize("term", ["NATO", "Nato", "nato", "UN-2", "42", "", "ОДКБ", "Одкб",
                                  "ǅURO", "ǄURO", "Ⓐ", "ⓐB", "ß", "SS"])
def test_default_case_sensitivity_is_any_capital_and_no_small_letter(term: str) -> None:
    expected = any(c.isupper() for c in term) and not any(c.islower() for c in term)
    assert default_case_sensitive(term) is expected

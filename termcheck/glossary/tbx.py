"""TBX (ISO 30042) glossaries: read v3 (``conceptEntry/langSec/termSec``), v2 (``martif/termEntry/
langSet/tig|ntig``), TBX-Basic and TBX-Min; write TBX-Basic v3.

Parsing is safe: defusedxml refuses entity declarations (no "billion laughs"), external entities
and never fetches a DTD; any such file fails at once with a :class:`DataError` naming it.
Statuses of every dialect are normalised to preferred / admitted / forbidden (see
:data:`termcheck.glossary.model.STATUS_ALIASES`); a term without a status is admitted.
termcheck's own fields travel as ``termNote type="x-caseSensitive"`` and
``descrip type="x-example"``; the domain is the concept's ``subjectField``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from termcheck.errors import DataError
from termcheck.glossary.concepts import glossary_lang_problem
from termcheck.glossary.model import (
    Concept,
    Glossary,
    Term,
    normalise_lang,
    normalise_status,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONCEPTS = {"conceptEntry", "termEntry"}
LANGS = {"langSec", "langSet", "langGroup"}
TERM_GROUPS = {"termSec", "tig", "ntig", "termGroup"}
WRITE_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                "forbidden": "deprecatedTerm-admn-sts"}
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"


def local(tag: Any) -> str:
    """The tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(text: str, path: str) -> Any:
    """Parse XML safely, recording each element's line in ``element.line``."""
    from xml.etree.ElementTree import Element, ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    class LineElement(Element):
        line: int | None = None

    class LineBuilder(TreeBuilder):
        def start(self, tag: Any, attrs: Any) -> Any:
            element = super().start(tag, attrs)
            element.line = parser.parser.CurrentLineNumber
            return element

    parser = DefusedXMLParser(target=LineBuilder(element_factory=LineElement), forbid_dtd=False,
                              forbid_entities=True, forbid_external=True)
    try:
        parser.feed(text)
        return parser.close()
    except DefusedXmlException as exc:
        raise DataError(f"unsafe XML refused ({type(exc).__name__}: entity declarations and "
                        "external references are not allowed)", path,
                        _line(parser)) from None
    except ParseError as exc:
        raise DataError(f"invalid XML: {exc}", path, exc.position[0]) from None


def _line(parser: Any) -> int | None:
    try:
        return int(parser.parser.CurrentLineNumber)
    except AttributeError:
        return None


def parse_tbx(text: str, path: str) -> Glossary:
    """Build a glossary from the text of a TBX file."""
    root = parse_xml(text, path)
    if local(root.tag) not in {"tbx", "martif", "TBX"}:
        raise DataError(f"not a TBX file: root element <{local(root.tag)}>", path, 1)
    elements = [e for e in root.iter() if local(e.tag) in CONCEPTS]
    first_line: dict[str, int | None] = {}
    for element in elements:
        concept_id = element.get("id")
        if concept_id is not None and concept_id in first_line:
            raise DataError(f"duplicate concept id {concept_id!r} (first at line "
                            f"{first_line[concept_id]})", path, element.line)
        first_line.setdefault(concept_id, element.line)
    return Glossary([_concept(element, path, n) for n, element in enumerate(elements, 1)])


def _children(element: Any, names: set[str]) -> list[Any]:
    return [child for child in element if local(child.tag) in names]


def _typed(element: Any, name: str, kind: str) -> list[Any]:
    return [c for c in element if local(c.tag) == name and c.get("type") == kind]


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def _concept(element: Any, path: str, number: int) -> Concept:
    concept = Concept(element.get("id") or f"concept-{number}")
    fields = _typed(element, "descrip", "subjectField") + _children(element, {"subjectField"})
    concept.domain = _text(fields[0]) if fields else ""
    notes = _children(element, {"note"})
    concept.note = _text(notes[0]) if notes else ""
    from termcheck.glossary.tables import parse_example

    for lang_element in _children(element, LANGS):
        lang = lang_element.get(XML_LANG) or lang_element.get("lang") or ""
        if not lang:
            raise DataError("language section without xml:lang", path, lang_element.line)
        problem = glossary_lang_problem(lang)
        if problem:
            raise DataError(problem, path, lang_element.line)
        for example in _typed(lang_element, "descrip", "x-example"):
            concept.examples.append(parse_example(_text(example), lang, path, example.line))
        for group in _children(lang_element, TERM_GROUPS):
            concept.terms.append(_term(group, lang, path))
    return concept


def _term(group: Any, lang: str, path: str) -> Term:
    from termcheck.glossary.tables import default_case_sensitive

    terms = [e for e in group.iter() if local(e.tag) == "term"]
    text = _text(terms[0]) if terms else ""
    if not text:
        raise DataError("empty term", path, group.line)
    status_elements = [e for e in group.iter()
                       if (local(e.tag) == "termNote" and e.get("type") == "administrativeStatus")
                       or local(e.tag) == "administrativeStatus"]
    raw = _text(status_elements[0]) if status_elements else "admitted"
    status = normalise_status(raw)
    if status is None:
        raise DataError(f"unknown administrative status {raw!r}", path, status_elements[0].line)
    cases = [e for e in group.iter() if local(e.tag) == "termNote"
             and e.get("type") == "x-caseSensitive"]
    case = _text(cases[0]).lower() == "yes" if cases else default_case_sensitive(text)
    notes = [e for e in group.iter() if local(e.tag) == "note"]
    return Term(text, lang, status, case, _text(notes[0]) if notes else "", path, terms[0].line)


def write_tbx(glossary: Glossary, path: Path) -> None:
    """Write a glossary as TBX-Basic (TBX v3, DCA style)."""
    from termcheck.fileio import atomic_write_bytes

    text = render_tbx(glossary)
    bad = _NOT_XML.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError(f"U+{ord(bad.group()):04X} cannot be written in XML (line {line} of the "
                        f"TBX: {text.splitlines()[line - 1].strip()!r}); remove it from the "
                        "glossary", str(path))
    atomic_write_bytes(path, text.encode("utf-8"))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_tbx(glossary: Glossary) -> str:
    """The TBX-Basic v3 text of a glossary."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NAMESPACE}">',
           "  <tbxHeader><fileDesc><sourceDesc><p>Written by termcheck</p></sourceDesc>"
           "</fileDesc></tbxHeader>",
           "  <text>", "    <body>"]
    for concept in glossary:
        out += _render_concept(concept)
    out += ["    </body>", "  </text>", "</tbx>", ""]
    return "\n".join(out)


def _render_concept(concept: Concept) -> list[str]:
    from termcheck.glossary.tables import default_case_sensitive

    out = [f"      <conceptEntry id={quoteattr(concept.id)}>"]
    if concept.domain:
        out.append(f'        <descrip type="subjectField">{escape(concept.domain)}</descrip>')
    if concept.note:
        out.append(f"        <note>{escape(concept.note)}</note>")
    langs = list(dict.fromkeys([t.lang for t in concept.terms] +
                               [e.lang for e in concept.examples]))
    for lang in langs:
        out.append(f"        <langSec xml:lang={quoteattr(lang)}>")
        out += [f'          <descrip type="x-example">{escape(e.before)} → {escape(e.after)}'
                "</descrip>" for e in concept.examples if e.lang == lang]
        for term in (t for t in concept.terms if t.lang == normalise_lang(lang)):
            out.append(f"          <termSec><term>{escape(term.text)}</term>"
                       f'<termNote type="administrativeStatus">{WRITE_STATUS[term.status]}'
                       "</termNote>")
            if term.case_sensitive != default_case_sensitive(term.text):
                out.append('            <termNote type="x-caseSensitive">'
                           f'{"yes" if term.case_sensitive else "no"}</termNote>')
            if term.note:
                out.append(f"            <note>{escape(term.note)}</note>")
            out.append("          </termSec>")
        out.append("        </langSec>")
    out.append("      </conceptEntry>")
    return out

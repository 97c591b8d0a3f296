"""Translation pairs from TMX and XLIFF (1.2 and 2.x) files, for ``lint --bilingual``.

Each translation unit becomes a :class:`~termcheck.bilingual.Pair` whose target document is
named ``FILE#ID`` (the unit's ``tuid``/``id``, else its position), as JSONL records are.
Parsing is as safe as for TBX glossaries (defusedxml: no entity declarations, no external
references, no DTD fetched). Inline codes are not text: the content of TMX/XLIFF ``ph``,
``bpt``, ``ept``, ``it`` and ``sub`` elements is left out, while the text of ``g``/``pc``/``mrk``
spans is kept. A file that cannot be parsed is one problem (``TC-XML``, file and line); a unit
without a source or a target segment is a problem naming its line, and the other units are
still checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from termcheck.errors import DataError
from termcheck.model import FileProblem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODE_ELEMENTS = {"ph", "bpt", "ept", "it", "sub"}
SUFFIXES = {".tmx": "tmx", ".xlf": "xliff", ".xliff": "xliff"}


def is_translation_memory(path: Path) -> bool:
    """Whether ``lint --bilingual`` reads ``path`` as TMX/XLIFF (by its extension)."""
    return path.suffix.lower() in SUFFIXES


def segment_text(element: Any) -> str:
    """The text of a segment element, inline codes left out, inline spans kept."""
    from termcheck.glossary.tbx import local

    parts = [element.text or ""]
    for child in element:
        tail = child.tail or ""
        if local(child.tag) not in CODE_ELEMENTS:
            parts.append(segment_text(child))
        elif parts[-1].endswith(" ") and tail.startswith(" "):
            tail = tail.lstrip(" ")  # "Hallo <ph/> Welt" reads "Hallo Welt", not two spaces
        parts.append(tail)
    return "".join(parts)


def iter_translation_memory_pairs(path: str | Path) -> Iterator[Any]:
    """A :class:`~termcheck.bilingual.Pair` per translation unit of a TMX or XLIFF file."""
    from termcheck.glossary.tbx import local, parse_xml

    path = Path(path)
    display = str(path)
    try:
        from termcheck.data import read_text

        root = parse_xml(read_text(path), display)
    except DataError as exc:
        yield _problem(display, exc.line, "TC-XML", exc.message)
        return
    kind = local(root.tag)
    if kind == "tmx":
        yield from _tmx_pairs(root, display)
    elif kind == "xliff":
        yield from _xliff_pairs(root, display)
    else:
        yield _problem(display, 1, "TC-XML", f"neither TMX nor XLIFF: root element <{kind}>")


def _tmx_pairs(root: Any, display: str) -> Iterator[Any]:
    from termcheck.glossary.tbx import local

    header = next((e for e in root if local(e.tag) == "header"), None)
    default_source = header.get("srclang") if header is not None else None
    units = [e for e in root.iter() if local(e.tag) == "tu"]
    for number, unit in enumerate(units, 1):
        variants = [(v.get(XML_LANG) or v.get("lang") or "", v) for v in unit
                    if local(v.tag) == "tuv"]
        source_lang = unit.get("srclang") or default_source
        if source_lang in (None, "*all*") and variants:
            source_lang = variants[0][0]
        sources = [v for lang, v in variants if _same_lang(lang, source_lang)]
        targets = [(lang, v) for lang, v in variants if not _same_lang(lang, source_lang)]
        unit_id = unit.get("tuid") or str(number)
        if not sources or not targets:
            yield _problem(display, unit.line, "TC-XML",
                           f"translation unit {unit_id} needs a source and a target <tuv>")
            continue
        source = _seg(sources[0])
        for target_lang, variant in targets:
            suffix = "" if len(targets) == 1 else f"/{target_lang}"
            yield _pair(display, unit_id + suffix, source, _seg(variant), source_lang,
                        target_lang)


def _same_lang(left: str | None, right: str | None) -> bool:
    """Same language, whatever the region ("en" in the header, "en-US" on the ``tuv``)."""
    return bool(left and right) and _primary(left) == _primary(right)


def _seg(variant: Any) -> str:
    from termcheck.glossary.tbx import local

    seg = next((e for e in variant if local(e.tag) == "seg"), None)
    return "" if seg is None else segment_text(seg)


def _xliff_pairs(root: Any, display: str) -> Iterator[Any]:
    from termcheck.glossary.tbx import local

    two = (root.get("version") or "").startswith("2")
    for file_element in (e for e in root if local(e.tag) == "file"):
        source_lang = root.get("srcLang") if two else file_element.get("source-language")
        target_lang = root.get("trgLang") if two else file_element.get("target-language")
        unit_tag = "unit" if two else "trans-unit"
        units = [e for e in file_element.iter() if local(e.tag) == unit_tag]
        for number, unit in enumerate(units, 1):
            unit_id = unit.get("id") or str(number)
            holders = [e for e in unit if local(e.tag) == "segment"] if two else [unit]
            source = _joined([_child_text(h, "source") or "" for h in holders])
            targets = [_child_text(h, "target") for h in holders]
            if not holders or any(t is None for t in targets):
                yield _problem(display, unit.line, "TC-XML",
                               f"unit {unit_id} has no <target>: nothing to check")
                continue
            yield _pair(display, unit_id, source, _joined([t or "" for t in targets]),
                        source_lang, target_lang)


def _joined(segments: list[str]) -> str:
    """The segments of an XLIFF 2 unit as one text: a space between two that do not already
    meet at a space ("Un." + "Deux." → "Un. Deux.")."""
    text = ""
    for segment in segments:
        if text and segment and not text[-1].isspace() and not segment[0].isspace():
            text += " "
        text += segment
    return text


def _child_text(element: Any, name: str) -> str | None:
    from termcheck.glossary.tbx import local

    child = next((e for e in element if local(e.tag) == name), None)
    return None if child is None else segment_text(child)


def _pair(display: str, unit_id: str, source: str, target: str, source_lang: str | None,
          target_lang: str | None) -> Any:
    from termcheck.alignment import Pair
    from termcheck.document import Document

    doc_path = f"{display}#{unit_id}"
    target_doc = Document(target, path=doc_path, lang=_primary(target_lang),
                          meta={"id": unit_id})
    return Pair(target_doc, Document(source, path=f"{doc_path} (source)"),
                _primary(source_lang))


def _primary(lang: str | None) -> str | None:
    """"en-US" → "en" (termcheck's data is per language)."""
    return lang.replace("_", "-").split("-")[0].lower() if lang else None


def _problem(display: str, line: int | None, code: str, message: str) -> Any:
    from termcheck.alignment import Pair

    where = f"{display}:{line}" if line else display
    return Pair(None, problems=[FileProblem(where, code, message)])

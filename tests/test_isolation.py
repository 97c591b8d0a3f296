"""No network and no code execution: termcheck reads text and data, and runs only its own code."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

from termcheck.api import fix_text, lint_paths
from termcheck.config import Config
from tests.corpus_gen import write_corpus

PACKAGE = Path(__file__).resolve().parents[1] / "termcheck"
SAMPLES = PACKAGE.parent / "samples"
NETWORK = {"socket", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
           "telnetlib", "xmlrpc", "urllib3", "websocket"}
PURE_PARSERS = {"urllib.parse"}  # string functions only: no sockets behind them
# The Dask engine talks to a scheduler the user names with --scheduler; it is opt-in.
NETWORK_ALLOWED_INSIDE_FUNCTIONS = {"corpus/dask_engine.py"}
CODE_EXECUTION_MODULES = {"pickle", "marshal", "shelve", "yaml", "dill", "cloudpickle", "lxml"}
XML_WITH_DEFUSEDXML = {"xml.etree.ElementTree", "xml.sax.saxutils"}
CODE_EXECUTION_CALLS = {"eval", "exec", "compile", "__import__"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    return []


def top(name: str) -> str:
    return name.split(".")[0]


def network(names: list[str]) -> list[str]:
    return [n for n in names if top(n) in NETWORK and n not in PURE_PARSERS]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_network_module_is_imported(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    at_module_level = [n for node in tree.body for n in imported(node)]
    assert not network(at_module_level)
    if str(path.relative_to(PACKAGE)) not in NETWORK_ALLOWED_INSIDE_FUNCTIONS:
        anywhere = [n for node in ast.walk(tree) for n in imported(node)]
        assert not network(anywhere)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_code_execution_from_data(path: Path) -> None:
    """Data is TOML, TSV/CSV and JSON; XML only through defusedxml; no eval, exec or pickle."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n for node in ast.walk(tree) for n in imported(node)]
    assert not [n for n in names if top(n) in CODE_EXECUTION_MODULES]
    xml = [n for n in names if top(n) == "xml"]
    if "defusedxml" in {top(n) for n in names}:  # defusedxml builds stdlib trees; escaping is safe
        xml = [n for n in xml if n not in XML_WITH_DEFUSEDXML]
    assert not xml, "parse XML with defusedxml"
    calls = [node.func.id for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    assert not [c for c in calls if c in CODE_EXECUTION_CALLS]


def test_lint_and_fix_work_without_network(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("termcheck tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    corpus = write_corpus(tmp_path, 12)
    inputs = [corpus] + ([SAMPLES] if SAMPLES.is_dir() else [])
    for lang in ("en", "de", "fr", "es", "ru"):
        report = lint_paths(inputs, Config(select=("ALL",), lang=lang))
        assert report.files_checked >= 12
        assert not [p for p in report.problems if p.code == "TC-RULE-ERROR"]
    text = (corpus / "part0" / "article0000.txt").read_text()
    assert fix_text(text, Config(select=("ALL",)), unsafe=True).converged

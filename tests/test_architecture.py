"""The shape of the house: no import circles, one orchestrator, a CLI package on top.

The import graph is built from the source with :mod:`ast` (every import, also those inside
functions, but not those under ``if TYPE_CHECKING``): an import circle is a design fault even
when a lazy import keeps it from failing at run time.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "termcheck"

ALLOWED_CIRCLES: set[frozenset[str]] = set()  # none: the names/ and glossary/ circles are gone too


def module_files() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    modules = module_files()

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = {id(node) for branch in ast.walk(tree) if isinstance(branch, ast.If)
                  and "TYPE_CHECKING" in ast.unparse(branch.test) for node in ast.walk(branch)}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.Import):
                targets.update(known(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                for alias in node.names:  # a submodule imported by name, else the module
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in modules else known(base))
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        frozenset({"a", "b", "c"})]


def test_no_import_circles() -> None:
    unexpected = [sorted(c) for c in circles(import_graph()) if c not in ALLOWED_CIRCLES]
    assert unexpected == []


def test_rules_never_import_an_orchestrator() -> None:
    graph = import_graph()
    orchestrators = {"termcheck.pipeline", "termcheck.api", "termcheck.clean",
                     "termcheck.bilingual", "termcheck.cli"}
    for name, targets in graph.items():
        if name.startswith("termcheck.rules"):
            assert not {t for t in targets if t in orchestrators or
                        t.startswith("termcheck.cli.")}, name


def test_one_orchestrator_drives_the_executors() -> None:
    """Only :class:`termcheck.pipeline.Run` maps work over an executor or asks it for the
    profile; commands differ in their apply and their sink."""
    drivers = {path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*.py")
               if re.search(r"executor\.(map|profile)\(", path.read_text(encoding="utf-8"))}
    assert drivers == {"termcheck/pipeline.py"}


def test_the_cli_is_a_package_of_commands_on_the_library() -> None:
    """The CLI modules import the library and the CLI's own app and options, and the library
    never imports the CLI."""
    graph = import_graph()
    for name, targets in graph.items():
        if name == "termcheck.__main__":  # python -m termcheck: the CLI's entry point
            continue
        if not name.startswith("termcheck.cli"):
            assert not {t for t in targets if t.startswith("termcheck.cli")}, name
        elif name != "termcheck.cli":
            assert "termcheck.cli" not in targets, name

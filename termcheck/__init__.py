"""termcheck: a checker of machine-translated text.

Public API (imported lazily, so that ``import termcheck`` stays fast)::

    lint_text(text, config=None) -> list[Finding]
    lint_paths(paths, config=None, overrides=None) -> LintReport
    fix_text(text, config=None, unsafe=False) -> FixResult
    fix_paths(paths, config=None, unsafe=False, write=True) -> FixRun     (lint --fix)
    iter_fix(paths, ...) -> FileFix | FileProblem, one at a time          (lint --fix, streamed)
    clean_paths(paths, CleanOptions(out), config=None) -> CleanReport   (clean)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "lint_text": "termcheck.api",
    "lint_paths": "termcheck.api",
    "fix_text": "termcheck.api",
    "lint_bytes": "termcheck.api",
    "fix_bytes": "termcheck.api",
    "fix_paths": "termcheck.clean",
    "iter_fix": "termcheck.clean",
    "clean_paths": "termcheck.clean",
    "CleanOptions": "termcheck.clean",
    "LintReport": "termcheck.api",
    "Config": "termcheck.config",
    "load_config_file": "termcheck.config",
    "Document": "termcheck.document",
    "Finding": "termcheck.model",
    "Fix": "termcheck.model",
    "Edit": "termcheck.model",
    "FileProblem": "termcheck.model",
    "all_rules": "termcheck.rules.registry",
    "get_rule": "termcheck.rules.registry",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'termcheck' has no attribute {name!r}")
    return getattr(import_module(module), name)

"""Configuration: ``termcheck.toml`` or ``[tool.termcheck]`` in ``pyproject.toml``.

The nearest file wins (searched upward from each checked file's directory); there is no
user-global file. Values given on the command line override the file.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from termcheck.data import read_toml
from termcheck.errors import ConfigError, DataError

CONFIG_FILES = ("termcheck.toml", "pyproject.toml")
DEFAULT_IGNORE_FILE = ".termcheck-ignore"


@dataclass(frozen=True)
class Config:
    """Settings for one run (or one directory of a run)."""

    lang: str = "en"  # or "auto": the dominant language of each document
    lid: str = "langdetect"  # language identifier of LG001 and --lang auto: langdetect or lingua
    select: tuple[str, ...] | None = None  # None: every default-on rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossaries: tuple[Path, ...] = ()
    boilerplate: tuple[Path, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignore_file: Path | None = None
    source_lang: str | None = None
    options: tuple[tuple[str, Any], ...] = ()
    root: Path = field(default_factory=Path.cwd, compare=False)
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Settings given in code are checked like those of a file: a typo is an error."""
        for name in ("select", "extend_select", "ignore"):
            value = getattr(self, name)
            if isinstance(value, list):  # a list is taken as the tuple it means
                value = tuple(value)
                object.__setattr__(self, name, value)
            if value is None or (isinstance(value, tuple) and not value):
                continue
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"Config.{name} must be a tuple of rule codes or names, "
                                  f"not {value!r}")
            from termcheck.rules.registry import unknown_selectors

            unknown = unknown_selectors(value)
            if unknown:
                raise ConfigError(f"Config.{name}: unknown rule code or name: "
                                  f"{', '.join(unknown)}")
        for name in ("lang", "source_lang"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, str) and is_language_tag(value)):
                raise ConfigError(f"Config.{name} must be a language code such as en or de "
                                  f"(or auto), not {value!r}")
        if self.lid not in ("langdetect", "lingua"):
            raise ConfigError(f"Config.lid must be langdetect or lingua, not {self.lid!r}")

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given non-``None`` values replaced (how CLI flags apply)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def option(self, key: str, default: Any = None) -> Any:
        """A rule option from ``[tool.termcheck.options]`` (the last setting of ``key``, as a
        dict of them would keep; looked up without making that dict: rules ask per document)."""
        for name, value in reversed(self.options):
            if name == key:
                return value
        return default

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Code prefixes ignored for ``path`` by ``per-file-ignores``."""
        if not self.per_file_ignores:
            return ()
        candidates = {path, _relative(path, self.root)}
        result: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if any(fnmatch.fnmatch(c, pattern) for c in candidates):
                result.extend(codes)
        return tuple(result)


_KEYS = {
    "lang": str,
    "lid": str,
    "target-lang": str,
    "source-lang": str,
    "select": list,
    "extend-select": list,
    "ignore": list,
    "glossaries": list,
    "boilerplate": list,
    "per-file-ignores": dict,
    "ignore-file": str,
    "options": dict,
}


_PATH_LISTS = ("glossaries", "boilerplate")

def is_language_tag(value: str) -> bool:
    """Whether ``value`` looks like a language code (ISO 639, optionally a region) or "auto"."""
    from termcheck.glossary.concepts import is_language_code

    return value == "auto" or is_language_code(value)


def load_config_file(path: str | Path) -> Config:
    """Read a config file; raise :class:`ConfigError` naming file and line on any mistake."""
    path = Path(path)
    try:
        document = read_toml(path)
    except DataError as exc:
        raise ConfigError(exc.message, exc.path, exc.line) from None
    text = path.read_text(encoding="utf-8-sig")
    if path.name == "pyproject.toml":
        text = _from_termcheck_table(text)
        tool = document.get("tool", {})
        table = tool.get("termcheck", {}) if isinstance(tool, dict) else {}
        prefix = "[tool.termcheck] "
        if not isinstance(table, dict):
            raise ConfigError(f"{prefix}must be a table, not {type(table).__name__}", str(path),
                              _line_of(text, "termcheck"))
    else:
        table = document
        prefix = ""
    for key, value in table.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise ConfigError(f"unknown setting {prefix}{key!r}; known: {', '.join(sorted(_KEYS))}",
                              str(path), _line_of(text, key))
        if not isinstance(value, expected):
            raise ConfigError(f"{key!r} must be a {expected.__name__}, not {type(value).__name__}",
                              str(path), _line_of(text, key))
    if table.get("lid", "langdetect") not in ("langdetect", "lingua"):
        raise ConfigError(f"'lid' must be langdetect or lingua, not {table['lid']!r}",
                          str(path), _line_of(text, "lid"))
    _check_rule_selectors(table, path, text)
    _check_paths_and_options(table, path, text)
    for key in ("lang", "target-lang", "source-lang"):
        if key in table and not is_language_tag(table[key]):
            raise ConfigError(f"{key!r} must be a language code such as en or de (or auto), "
                              f"not {table[key]!r}", str(path), _line_of(text, key))
    root = path.parent.resolve()
    ignore_file = table.get("ignore-file")
    default_ignore = root / DEFAULT_IGNORE_FILE
    if not default_ignore.is_file():
        default_ignore = repository_ignore_file(root) or default_ignore
    return Config(
        lang=table.get("lang", table.get("target-lang", "en")),
        source_lang=table.get("source-lang"),
        lid=table.get("lid", "langdetect"),
        select=tuple(table["select"]) if "select" in table else None,
        extend_select=tuple(table.get("extend-select", ())),
        ignore=tuple(table.get("ignore", ())),
        glossaries=tuple(root / p for p in table.get("glossaries", ())),
        boilerplate=tuple(root / p for p in table.get("boilerplate", ())),
        per_file_ignores=tuple((glob, tuple(codes))
                               for glob, codes in table.get("per-file-ignores", {}).items()),
        ignore_file=(root / ignore_file) if ignore_file else
        (default_ignore if default_ignore.is_file() else None),
        options=tuple(sorted(table.get("options", {}).items())),
        root=root,
        path=path,
    )


def _check_rule_selectors(table: dict[str, Any], path: Path, text: str) -> None:
    """Every code or name in select / extend-select / ignore / per-file-ignores is a rule's.

    A typo must not pass silently: ``select = ["QT01"]`` would otherwise check nothing.
    """
    from termcheck.rules.registry import unknown_selectors

    lists = [(key, key, table[key]) for key in ("select", "extend-select", "ignore")
             if key in table]
    lists += [(f"per-file-ignores {glob!r}", glob, codes)
              for glob, codes in table.get("per-file-ignores", {}).items()]
    for label, line_key, values in lists:
        line = _line_of(text, line_key) or _line_of(text, "per-file-ignores")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{label} must be a list of rule codes or names", str(path), line)
        if label == "select" and not any(v.strip() for v in values):
            raise ConfigError("select is empty: nothing would be checked (leave it out for the "
                              "default rules)", str(path), line)
        unknown = unknown_selectors(values)
        if unknown:
            raise ConfigError(f"{label}: unknown rule code or name: {', '.join(unknown)} "
                              "(see 'termcheck rules')", str(path), line)


def _check_paths_and_options(table: dict[str, Any], path: Path, text: str) -> None:
    """File lists hold strings; ``[options]`` holds known options of the right type."""
    for key in _PATH_LISTS:
        if not all(isinstance(v, str) for v in table.get(key, [])):
            raise ConfigError(f"{key!r} must be a list of file names (strings)", str(path),
                              _line_of(text, key))
    from termcheck.rules.registry import option_problem

    for name, value in table.get("options", {}).items():
        problem = option_problem(name, value)
        if problem is not None:
            raise ConfigError(problem, str(path), _line_of(text, name) or _line_of(text, "options"))


def find_config_file(start: Path) -> Path | None:
    """The nearest ``termcheck.toml``, or ``pyproject.toml`` with ``[tool.termcheck]``."""
    directory = start if _is(start, Path.is_dir) else start.parent
    try:
        return _find_in(directory.resolve())
    except OSError:  # a directory that cannot be looked up: its files are reported unreadable
        return None


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``test(path)``, false where the path cannot even be looked up (permission denied)."""
    try:
        return test(path)
    except OSError:
        return False


_FOUND: dict[Path, Path | None] = {}  # directory -> its nearest configuration file
_FOUND_LIMIT = 4096


def _find_in(directory: Path) -> Path | None:
    """The nearest configuration file of ``directory`` or an ancestor."""
    return _look_upward(directory, _FOUND, lambda d: (_config_file_in(d),) * 2)


def _look_upward(directory: Path, cache: dict[Path, Path | None],
                 probe: Callable[[Path], tuple[Any, Path | None]]) -> Path | None:
    """Walk from ``directory`` to the root until ``probe`` (which returns ``(stop, found)``)
    says stop, without recursion (a tree may nest thousands of folders), remembering the answer
    for every folder walked."""
    walked: list[Path] = []
    found: Path | None = None
    current = directory
    while True:
        if current in cache:
            found = cache[current]
            break
        walked.append(current)
        stop, found = probe(current)
        if stop or current.parent == current:
            break
        current = current.parent
    if len(cache) + len(walked) > _FOUND_LIMIT:
        cache.clear()
    cache.update(dict.fromkeys(walked, found))
    return found


def _config_file_in(directory: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = directory / name
        if _is(candidate, Path.is_file) and (name != "pyproject.toml" or
                                             _has_tool_table(candidate)):
            return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return re.search(r"^\[tool\.termcheck[\].]", path.read_text(encoding="utf-8-sig"),
                         re.M) is not None
    except (OSError, UnicodeDecodeError):
        return False


def repository_ignore_file(start: Path) -> Path | None:
    """``.termcheck-ignore`` at the root of the git repository holding ``start`` (the nearest
    directory upward with a ``.git``), if there is one: found without a configuration file."""
    try:
        directory = (start if _is(start, Path.is_dir) else start.parent).resolve()
    except OSError:
        return None
    return _repository_ignore_in(directory)


_REPOSITORY_IGNORE: dict[Path, Path | None] = {}  # folder -> its repository's ignore file


def _repository_ignore_in(directory: Path) -> Path | None:
    """The ignore file at the root of the git repository holding ``directory`` (or ``None``)."""
    def probe(folder: Path) -> tuple[bool, Path | None]:
        if not _is(folder / ".git", Path.exists):
            return False, None
        candidate = folder / DEFAULT_IGNORE_FILE
        return True, candidate if _is(candidate, Path.is_file) else None

    return _look_upward(directory, _REPOSITORY_IGNORE, probe)


class ConfigResolver:
    """Finds the configuration for each checked file, with command-line overrides on top."""

    def __init__(self, base: Config | None = None, overrides: dict[str, Any] | None = None,
                 isolated: bool = False) -> None:
        self.base = base
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.isolated = isolated or base is not None
        self._cache: dict[Path | None, Config] = {}
        self._by_folder: dict[str, Config] = {}  # the folder of a checked file -> its config

    def for_path(self, path: str | Path) -> Config:
        """The configuration that applies to ``path``: looked up once per folder (a file's
        configuration depends only on its folder as written; the lookup resolves the folder's
        real path and probes each ancestor, a tenth of a millisecond, and a run asks for every
        document in each pass)."""
        return self._for_folder(_folder_of(path), path)

    def for_document(self, path: str) -> Config:
        """:meth:`for_path` of a document's path: a file, or a record of one (``x.jsonl#3``),
        never a folder, so that its folder is known without asking the file system (a ``stat``
        of every document, three times per document in a corpus run)."""
        return self._for_folder(_folder_key(path), path)

    def _for_folder(self, folder: str, path: str | Path) -> Config:
        """The configuration of ``path``, whose folder key (:func:`_folder_of`, or
        :func:`_folder_key` for a document) is ``folder``."""
        config = self._by_folder.get(folder)
        if config is None:
            config = self._lookup(Path(path))
            if len(self._by_folder) >= _FOUND_LIMIT:
                self._by_folder.clear()
            self._by_folder[folder] = config
        return config

    def _lookup(self, path: Path) -> Config:
        config_file = None if self.isolated else find_config_file(path)
        key: Path | None = config_file
        if config_file is None and not self.isolated:
            key = repository_ignore_file(path)  # no configuration: the repository's
        if key not in self._cache:
            if self.base is not None or config_file is not None:
                config = self.base or load_config_file(config_file)  # type: ignore[arg-type]
            else:
                config = Config(ignore_file=key)
            self._cache[key] = config.with_overrides(**self.overrides)
        return self._cache[key]


def _folder_of(path: str | Path) -> str:
    """The key of ``path``'s folder: the path itself for a directory, else its parent as
    written (every file of a folder has the configuration of the first one looked up)."""
    name = os.fspath(path)
    return name if _is_dir(name) else os.path.dirname(name) or "."


def _folder_key(path: str) -> str:
    """A key of the folder of the file at ``path`` (a key of :meth:`ConfigResolver.for_path`'s
    table: any text that only files of one folder share): ``path`` up to its last separator,
    which ``os.path.dirname`` (a Python function, 4,000 instructions, three calls per document)
    would strip of its trailing separators. Where a second separator may be written ("/" on
    Windows), ``dirname`` itself."""
    if os.altsep is not None:
        return os.path.dirname(path) or "."
    return path[:path.rfind(os.sep) + 1]


def _is_dir(name: str) -> bool:
    try:
        return os.path.isdir(name)
    except (OSError, ValueError):
        return False


def _from_termcheck_table(text: str) -> str:
    """``text`` with every line before ``[tool.termcheck]`` blanked (line numbers kept), so a
    key is found in termcheck's table, not in ``[tool.ruff.lint]`` above it."""
    header = re.search(r"^\[tool\.termcheck[\].]", text, re.M)
    if header is None:
        return text
    return "\n" * text.count("\n", 0, header.start()) + text[header.start():]


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf'^[ \t]*"?{re.escape(key)}"?[ \t]*=', text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


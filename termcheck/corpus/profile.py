"""The corpus profile on disk: JSON, deterministic, without code execution when read back.

A profile maps rule codes to the statistics their ``merge`` produced. Statistics are built from
plain values (a rule whose statistics are objects converts them with its ``CorpusHooks.to_plain``
and ``from_plain``); tuples, sets, frozensets and Counters are written as tagged objects
(``{"__tuple__": [...]}``) so that they come back as the same type. Sets are sorted, keys are
sorted: the same profile always gives the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from termcheck.errors import DataError

FORMAT = "termcheck-profile"
VERSION = 1
_TAGS = ("__tuple__", "__set__", "__frozenset__", "__counter__", "__dict__")


def encode(value: Any) -> Any:
    """A JSON-ready form of a statistics value."""
    if isinstance(value, Counter):
        return {"__counter__": [[encode(k), v] for k, v in _sorted_items(value)]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not any(k in _TAGS for k in value):
            return {k: encode(v) for k, v in sorted(value.items())}
        return {"__dict__": [[encode(k), encode(v)] for k, v in _sorted_items(value)]}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        tag = "__frozenset__" if isinstance(value, frozenset) else "__set__"
        return {tag: sorted((encode(v) for v in value), key=_json_key)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in a profile")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, body), = value.items()
        if tag == "__tuple__":
            return tuple(decode(v) for v in body)
        if tag == "__set__":
            return {decode(v) for v in body}
        if tag == "__frozenset__":
            return frozenset(decode(v) for v in body)
        if tag == "__counter__":
            return Counter({decode(k): v for k, v in body})
        if tag == "__dict__":
            return {decode(k): decode(v) for k, v in body}
    return {k: decode(v) for k, v in value.items()}


def dumps(profile: dict[str, Any], collected: Iterable[str] = ()) -> str:
    """The profile as JSON; ``collected``: codes of the corpus rules that were on when it was built
    (a rule of them may have no statistics, on an empty corpus)."""
    plain = {code: _convert(code, stats, "to_plain") for code, stats in profile.items()}
    codes = sorted(set(collected) | set(profile))
    return json.dumps({"format": FORMAT, "version": VERSION, "collected": codes,
                       "rules": encode(plain)},
                      ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def loads(text: str, path: str = "<profile>") -> dict[str, Any]:
    """The profile saved as ``text`` (``path`` names it in errors)."""
    return _rules(_parse(text, path), path)


def _parse(text: str, path: str) -> dict[str, Any]:
    """The JSON object of a profile file, its format and version checked."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid profile JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise DataError("invalid profile JSON: nested too deeply", path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(f"not a termcheck profile (expected format {FORMAT!r})", path)
    if data.get("version") != VERSION:
        raise DataError(f"profile version {data.get('version')!r}, expected {VERSION}", path)
    return data


def _rules(data: dict[str, Any], path: str) -> dict[str, Any]:
    try:
        rules = decode(data.get("rules"))
        if not isinstance(rules, dict):
            raise DataError("profile 'rules' must be an object", path)
        return {code: _convert(code, stats, "from_plain") for code, stats in rules.items()}
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        raise DataError(f"profile does not fit the rules of this version: {exc}", path) from None


def _collected(data: dict[str, Any], rules: dict[str, Any]) -> set[str]:
    """The corpus rules a saved profile was built for (its rule keys in files without the list)."""
    codes = data.get("collected")
    if isinstance(codes, list):
        return {code for code in codes if isinstance(code, str)}
    return set(rules)


def _convert(code: str, stats: Any, direction: str) -> Any:
    """Statistics of rule ``code`` through its ``to_plain`` / ``from_plain`` hook, if any."""
    from termcheck.rules.registry import corpus_hooks

    convert = getattr(corpus_hooks(code), direction, None)
    return convert(stats) if convert else stats


def save(profile: dict[str, Any], path: Path, collected: Iterable[str] = ()) -> None:
    from termcheck.fileio import atomic_write_bytes

    atomic_write_bytes(path, dumps(profile, collected).encode("utf-8"))


def load(path: str | Path, wanted: Iterable[str] = ()) -> dict[str, Any]:
    """The profile saved in ``path``; an error when it was built without a ``wanted`` rule."""
    from termcheck.data import read_text

    path = Path(path)
    data = _parse(read_text(path), str(path))
    profile = _rules(data, str(path))
    missing = sorted(set(wanted) - _collected(data, profile))
    if missing:
        raise DataError(f"profile was built without {', '.join(missing)} (other rules or "
                        "settings): delete it to rebuild it", str(path))
    return profile


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted_items(mapping: dict[Any, Any]) -> list[tuple[Any, Any]]:
    return sorted(mapping.items(), key=lambda kv: _json_key(encode(kv[0])))

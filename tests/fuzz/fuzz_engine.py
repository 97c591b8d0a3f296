"""Fuzz target: arbitrary bytes through decoding, every rule, the fix loop and the loaders.

Run with atheris (coverage-guided; libFuzzer adds the inputs it finds to the first directory,
so that one must not be the seeds)::

    mkdir -p /tmp/fuzz
    python tests/fuzz/fuzz_engine.py /tmp/fuzz tests/fuzz/seeds -max_total_time=600

or, where atheris does not install, with hypothesis: ``python tests/fuzz/fuzz_engine.py
--hypothesis 100000``. The first byte picks what the rest feeds: a document (strict or
lenient decoding), a configuration file, or a data table. Only the documented errors may come
out; anything else is a crash, to be kept as a file in tests/fuzz/regressions/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_SCRATCH = Path(tempfile.mkdtemp(prefix="termcheck-fuzz-"))


def check_input(data: bytes) -> None:
    """Raise AssertionError (or any unexpected exception) when an invariant breaks."""
    mode, body = (data[0] % 4, data[1:]) if data else (0, b"")
    if mode == 0:
        check_document_bytes(body, "strict")
    elif mode == 1:
        check_document_bytes(body, "replace")
    elif mode == 2:
        check_config_bytes(body)
    else:
        check_table_bytes(body)


def check_document_bytes(data: bytes, errors: str) -> None:
    from termcheck.config import Config
    from termcheck.document import Document
    from termcheck.edits import restore
    from termcheck.engine import allow_applicability, check_document, fix_document
    from termcheck.errors import InputError

    try:
        doc = Document.from_bytes(data, "fuzz.txt", errors=errors)
    except InputError:
        return
    if errors == "strict":
        assert doc.to_bytes() == data
    config = Config(select=("ALL",))
    result = check_document(doc, config)
    assert not [p for p in result.problems if p.code == "TC-RULE-ERROR"], result.problems
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(doc.text)
        assert (finding.line, finding.column) == doc.line_col(finding.start)
    fixed = fix_document(doc, config, allow_applicability(unsafe=True))
    assert restore(fixed.text, fixed.ledger) == doc.text
    fixed.to_bytes()


def check_config_bytes(data: bytes) -> None:
    from termcheck.config import load_config_file
    from termcheck.errors import TermcheckError

    path = _SCRATCH / "termcheck.toml"
    path.write_bytes(data)
    try:
        load_config_file(path)
    except TermcheckError as exc:
        assert str(path) in str(exc)


def check_table_bytes(data: bytes) -> None:
    from termcheck.data import read_table
    from termcheck.errors import TermcheckError

    path = _SCRATCH / "table.tsv"
    path.write_bytes(data)
    try:
        for _ in read_table(path, ("variant",)):
            pass
    except TermcheckError as exc:
        assert str(path) in str(exc)


def run_atheris(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import termcheck.config
        import termcheck.document
        import termcheck.edits
        import termcheck.engine  # noqa: F401
        from termcheck.rules.registry import all_rules
    register_fix_rules()
    all_rules()
    atheris.Setup(argv, check_input)
    atheris.Fuzz()


def run_hypothesis(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2000))
    def fuzz(data: bytes) -> None:
        check_input(data)

    register_fix_rules()
    fuzz()


def register_fix_rules() -> None:
    """Safe-fix test rules, so that the fix loop has work whatever rules ship."""
    from tests import fix_rules

    fix_rules.register()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--hypothesis":
        run_hypothesis(int(sys.argv[2]))
    else:
        run_atheris(sys.argv)

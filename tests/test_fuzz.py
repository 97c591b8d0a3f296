"""The fuzz target: every kept crash stays fixed, and a bounded fuzzing run finds nothing new."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"
sys.path.insert(0, str(FUZZ))
from fuzz_engine import check_input  # noqa: E402

KEPT = [p for folder in ("regressions", "seeds") for p in sorted((FUZZ / folder).glob("*"))
        if not p.name.startswith(".")]


@pytest.mark.parametrize("case", KEPT, ids=lambda p: p.name)
def test_kept_input_passes(case: Path) -> None:
    check_input(case.read_bytes())


@pytest.mark.slow
def test_bounded_fuzzing_run_finds_no_crash(tmp_path: Path) -> None:
    """About 15 s of fuzzing: atheris when installed, hypothesis otherwise."""
    script = str(FUZZ / "fuzz_engine.py")
    if importlib.util.find_spec("atheris"):
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for seed in (FUZZ / "seeds").glob("*"):
            (corpus / seed.name).write_bytes(seed.read_bytes())
        command = [sys.executable, script, str(corpus), "-runs=30000", "-max_total_time=15",
                   f"-artifact_prefix={tmp_path}/"]
    else:
        command = [sys.executable, script, "--hypothesis", "2000"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    crashes = [p.name for p in tmp_path.glob("crash-*")]
    assert run.returncode == 0 and not crashes, (crashes, run.stderr[-3000:])

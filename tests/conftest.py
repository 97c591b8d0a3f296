"""Shared fixtures: where the repository, its samples and the optional ../shared data live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the repository; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED


@pytest.fixture
def seeds(shared: Path) -> list[Path]:
    paths = sorted((shared / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("../shared/seeds holds no articles")
    return paths


def _hypothesis_profiles() -> None:
    """``ci`` (default): bounded examples, no deadline; ``HYPOTHESIS_PROFILE=deep`` for more."""
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", max_examples=60, derandomize=True, **common)
    settings.register_profile("dev", max_examples=200, **common)
    settings.register_profile("deep", max_examples=5000, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()

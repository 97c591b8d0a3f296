"""Boilerplate on the seed articles of ../shared/seeds (skipped when that folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "seeds").is_dir()), None)

# Seed file prefix -> the boilerplate lines it must report.
EXPECTED = {
    "000_": ["contents", "Legend:", "Keystone", "source site-72"],
    "002_": ["by time news", "You may also like", "Leave a Comment"],
}


def seed(prefix: str) -> Path:
    if SHARED is None:
        pytest.skip("../shared/seeds not available")
    found = sorted((SHARED / "seeds").glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip(f"no seed {prefix}*.txt")
    return found[0]


def boilerplate_findings(path: Path) -> list[dict]:
    import json

    result = CliRunner().invoke(app, ["lint", "--format", "json", "--select", "BP", str(path)])
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_boilerplate_lines_are_found(prefix: str) -> None:
    path = seed(prefix)
    assert [f["matched"] for f in boilerplate_findings(path)] == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_paragraphs_are_not_boilerplate(prefix: str) -> None:
    path = seed(prefix)
    for finding in boilerplate_findings(path):
        assert len(finding["matched"].split()) <= 4, finding["matched"]

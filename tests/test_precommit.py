"""The pre-commit hooks, run by the real pre-commit against a committed snapshot of this checkout.

The snapshot (tracked and untracked, not ignored files) is committed to a temporary repository so
that the test does not depend on the checkout being committed; pre-commit installs the hook's
environment from it with pip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BAD = ("The alliance (CSTO sent 2,500 soldiers.\n\n"
       "The talks\u200b ended\u00ad today in a cafÃ©.\n")  # invisible characters, mojibake
GOOD = "The alliance (CSTO) sent 2,500 soldiers.\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_NOSYSTEM": "1"}

pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True)
    return done.stdout.strip()


def snapshot(target: Path) -> str:
    """Commit the checkout's files to a fresh repository at ``target``; return the commit sha."""
    files = git("ls-files", "-co", "--exclude-standard", cwd=REPO).splitlines()
    for name in files:
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user repository with a bad and a good article, configured to use both hooks."""
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("the hooks are snapshotted from a git checkout; this is none")
    hooks = tmp_path_factory.mktemp("hooks")
    sha = snapshot(hooks)
    user = tmp_path_factory.mktemp("user")
    git("init", "-q", cwd=user)
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {sha}\n  hooks:\n  - id: termcheck\n"
        f"  - id: termcheck-fix\n", encoding="utf-8")
    (user / "bad.txt").write_text(BAD, encoding="utf-8")
    (user / "good.md").write_text(GOOD, encoding="utf-8")
    (user / "data.csv").write_text("a,(b\n", encoding="utf-8")
    git("add", "-A", cwd=user)
    return user


def pre_commit(project: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
           "HOME": str(project)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, "--all-files",
                           "--color", "never"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=900)


def test_lint_hook_fails_on_a_bad_article_and_prints_the_finding(project: Path) -> None:
    result = pre_commit(project, "termcheck")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.txt:1:14: BR001" in result.stdout
    assert "good.md" not in result.stdout
    assert "data.csv" not in result.stdout, "only text and Markdown files are passed"


def safe_fixes(path: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "-f", "json", str(path)],
                          cwd=REPO, capture_output=True, text=True)
    findings = json.loads(done.stdout)["findings"]
    return sum(1 for f in findings if f["fix"] and f["fix"]["applicability"] == "safe")


def test_fix_hook_repairs_the_article(project: Path) -> None:
    assert safe_fixes(project / "bad.txt"), "the test article needs a safe fix"
    before = (project / "bad.txt").read_text(encoding="utf-8")
    result = pre_commit(project, "termcheck-fix")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    after = (project / "bad.txt").read_text(encoding="utf-8")
    assert after != before
    assert safe_fixes(project / "bad.txt") == 0

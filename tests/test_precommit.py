"""This checkout's hooks, run for real by pre-commit (`pre-commit try-repo`) in a new git repository.

The hooks come from a snapshot of this working tree committed to a temporary repository, so
pre-commit installs their environment (pip install . — it needs the package index, as any pip
install does) once per test module instead of once per call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(
        os.environ.get("CLIPCLEAN_ONCE_TESTS") == "0",
        reason="the pre-commit try-repo test runs in one nox session only (CLIPCLEAN_ONCE_TESTS=0 here)",
    ),
]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree (tracked and new files, not ignored ones) as one commit of its own."""
    snapshot = tmp_path_factory.mktemp("hooks-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "snapshot")
    return snapshot


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try(repo: Path, hooks: tuple[Path, Path], hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo HOOKS_REPO HOOK --files FILES` in the corpus repository."""
    source, home = hooks
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(source), hook, "--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_the_hooks_in_a_corpus_repository(tmp_path: Path, hooks_repo: Path, pre_commit_home: Path) -> None:
    """Two try-repo calls (each installs the hook afresh, about 40 s): one fixing round, then a pass."""
    hooks = (hooks_repo, pre_commit_home)
    repo = tmp_path / "corpus"
    (repo / "clips").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "test")
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], repo / "clips" / "a.txt")  # the corpus so far: one clipping, cleaned and indexed
    fix = [sys.executable, "-m", "clipclean", "check", "--fix", "clips/a.txt"]
    assert subprocess.run(fix, cwd=repo, capture_output=True).returncode == 1  # it wrote the index
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a")

    # staged: a new clipping, a re-clip of the committed one, and an image saved as .txt
    shutil.copy(seeds[1], repo / "clips" / "b.txt")
    reclip = seeds[0].read_text(encoding="utf-8").replace(" ", "  ")
    (repo / "clips" / "reclip.txt").write_text(reclip, encoding="utf-8")
    (repo / "clips" / "photo.txt").write_bytes(PNG)
    _git(repo, "add", "-A")
    first = _try(repo, hooks, "clipclean-fix", "clips/b.txt", "clips/photo.txt", "clips/reclip.txt")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "clips/reclip.txt: story 0" in first.stdout
    assert "near-duplicates clips/a.txt-0, in the corpus" in first.stdout
    assert "clips/photo.txt: cannot be decoded: binary file (PNG image)" in first.stdout
    assert "wrote clean/clips/b.txt.jsonl" in first.stdout
    assert not (repo / "clean" / "clips" / "reclip.txt.jsonl").exists()

    # the refused files are dropped, the fixed ones added: the new clipping now passes
    _git(repo, "rm", "-q", "-f", "clips/reclip.txt", "clips/photo.txt")
    _git(repo, "add", "-A")
    second = _try(repo, hooks, "clipclean-fix", "clips/b.txt")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout

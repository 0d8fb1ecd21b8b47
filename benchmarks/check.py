"""How long the pre-commit check takes: N clippings against a corpus index of M stories.

    python benchmarks/check.py [--shared ../shared] [--clippings 10] [--stories 10000]

Builds a corpus repository in a temporary directory — an index (.clipclean/index.jsonl) of M
distinct 2 KB stories and N clippings (dev pages' plain-text clippings when ../shared is there,
else the bundled examples) — and times `clipclean check` over the N clippings as a commit
would run it (a fresh process), beside the time of `clipclean --version` (start-up alone) in
the same run. Prints the median of 5 runs each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedup import random_stories

from clipclean.index import TextIndex
from clipclean.stages import minhash


def build(repo: Path, stories: int, clippings: list[Path]) -> list[str]:
    index = TextIndex(str(repo / ".clipclean" / "index.jsonl"))
    for n, text in enumerate(random_stories(stories, seed=11)):
        fp = minhash.fingerprint(text)
        assert fp is not None
        index.claim(f"corpus/{n}.txt-0", fp, lambda entries: None)
    index.save()
    names = []
    (repo / "clips").mkdir()
    for path in clippings:
        shutil.copy(path, repo / "clips" / path.name)
        names.append(f"clips/{path.name}")
    return names


def timed(command: list[str], cwd: Path, runs: int = 5, fresh: Path | None = None) -> tuple[float, int]:
    """Median wall time of `command` run in `cwd` (a copy of `fresh` made anew before each run)."""
    seconds, code = [], 0
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(cwd, ignore_errors=True)
            shutil.copytree(fresh, cwd)
        start = time.perf_counter()
        code = subprocess.run(command, cwd=cwd, capture_output=True).returncode
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), code


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--clippings", type=int, default=10)
    parser.add_argument("--stories", type=int, default=10000)
    args = parser.parse_args()
    pages = sorted((args.shared / "dev" / "pages").glob("*.clip.txt"))
    examples = sorted((Path(__file__).parents[1] / "examples").glob("*.txt"))
    clippings = (pages or examples)[: args.clippings]
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        names = build(repo, args.stories, clippings)
        size = os.path.getsize(repo / ".clipclean" / "index.jsonl")
        built = time.perf_counter() - start
        print(f"corpus index: {args.stories:,} stories, {size / 1e6:.1f} MB "
              f"({size / args.stories:,.0f} B/story), built in {built:.1f} s")  # fmt: skip
        clipclean = [sys.executable, "-m", "clipclean"]
        startup, _ = timed([*clipclean, "--version"], repo)
        check, code = timed([*clipclean, "check", *names], repo)
        kb = sum((repo / name).stat().st_size for name in names) / 1e3
        fixing, fix_code = timed([*clipclean, "check", "--fix", *names], Path(tmp) / "fix", fresh=repo)
        print(f"clipclean --version (start-up alone): {startup:.2f} s")
        print(f"clipclean check, {len(names)} clippings ({kb:.0f} KB) against {args.stories:,} stories: "
              f"{check:.2f} s (exit {code}), median of 5")  # fmt: skip
        print(f"clipclean check --fix, the same (writes JSONL and index; language detected): "
              f"{fixing:.2f} s (exit {fix_code}), median of 5")  # fmt: skip


if __name__ == "__main__":
    main()

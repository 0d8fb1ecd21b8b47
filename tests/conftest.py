"""Shared test helpers: fixture paths and a CLI runner that keeps stdout and stderr apart."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from clipclean.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
ENCODINGS = FIXTURES / "encodings"
ROOT = Path(__file__).parent.parent


def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    """Run `clipclean ARGS` in-process, as a shell would."""
    return CliRunner().invoke(app, list(args), input=stdin)


def records(jsonl: str) -> list[dict[str, Any]]:
    """Parse JSONL the strict way: one object per "\\n"-terminated line."""
    assert jsonl == "" or jsonl.endswith("\n"), "JSONL output must end with a newline"
    return [json.loads(line) for line in jsonl.split("\n") if line]


def wait_until_written(
    folder: Path, pattern: str = "*", more_than: int = 0, run: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait (at most a minute) until a file matching `pattern` in `folder` holds more than
    `more_than` bytes: a run's records are being written. Fails if `run` ended first."""
    deadline = time.monotonic() + 60
    while not any(path.stat().st_size > more_than for path in folder.glob(pattern)):
        assert time.monotonic() < deadline, "no record was written"
        assert run is None or run.poll() is None, "the run ended before it was interrupted"
        time.sleep(0.05)


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CLIPCLEAN_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed, and CLIPCLEAN_REQUIRE_REDIS is set")
        pytest.skip("redis-server is not installed (apt-get install redis-server runs these tests)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def seed_corpus(folder: Path, count: int) -> Path:
    """`count` clippings made from the seeds: each seed again and again, every third copy with
    a sentence added, so that all but the first copy of each are near-duplicates of another
    (whichever comes first: no number differs, so no two are told apart as two reports)."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir()
    for n in range(count):
        text = seeds[n % len(seeds)] + ("" if n % 3 else _UPDATE)
        (folder / f"clip_{n:04}.txt").write_text(text, encoding="utf-8")
    return folder


_UPDATE = "\n\nUpdate: the ministry published the full figures on Tuesday evening, after the briefing.\n"

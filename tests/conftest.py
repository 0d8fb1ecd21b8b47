"""Shared test helpers: fixture paths and a CLI runner that keeps stdout and stderr apart."""

from __future__ import annotations

import json
import subprocess
import time
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

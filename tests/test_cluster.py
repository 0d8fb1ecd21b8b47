"""Ordered mode on a real Dask cluster: a `dask scheduler` and two `dask worker` processes
started by the tests on free localhost ports.

Dask distributed is in the test dependencies, so these tests run wherever the suite does
(CI sets CLIPCLEAN_REQUIRE_DASK: there they fail rather than skip if it is missing).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, invoke, records, seed_corpus, wait_until_written

COMMAND = [sys.executable, "-m", "clipclean"]
DASK = [sys.executable, "-m", "dask"]


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.environ.get("CLIPCLEAN_REQUIRE_DASK"):
            pytest.fail("Dask distributed is not installed, and CLIPCLEAN_REQUIRE_DASK is set")
        pytest.skip("Dask distributed is not installed (pip install 'clipclean[dask]' runs these tests)")


class LocalCluster:
    """A scheduler and `workers` worker processes (one thread each, no nanny: a killed worker
    stays dead), as an operator would start them by hand."""

    def __init__(self, folder: Path, workers: int = 2) -> None:
        _require_dask()
        self.file = folder / "scheduler.json"
        where = ["--scheduler-file", str(self.file)]
        self.scheduler = subprocess.Popen(
            [*DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", *where],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
        )
        self._wait(lambda: self.file.exists() and bool(self.file.read_text()))
        self.address: str = json.loads(self.file.read_text())["address"]
        self.workers = [
            subprocess.Popen(
                [*DASK, "worker", "--nthreads", "1", "--no-nanny", "--no-dashboard", f"--name=w{n}", *where],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=folder,
            )
            for n in range(workers)
        ]
        self._wait(lambda: self.alive() == workers)

    def alive(self) -> int:
        from distributed import Client

        with Client(self.address, timeout=10) as client:  # type: ignore[no-untyped-call]
            return len(client.nthreads())

    def _wait(self, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 60
        while not ready():
            assert time.monotonic() < deadline, "the Dask cluster did not start"
            assert self.scheduler.poll() is None, "the Dask scheduler ended"
            time.sleep(0.2)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    running = LocalCluster(tmp_path_factory.mktemp("dask"))
    yield running
    running.stop()


def test_ordered_mode_is_byte_identical_to_one_job(cluster: LocalCluster) -> None:
    examples = str(ROOT / "examples")
    on_cluster = invoke("clean", "--cluster", cluster.address, examples)
    at_home = invoke("clean", "--jobs", "1", examples)
    assert on_cluster.exit_code == 0, on_cluster.stderr
    assert on_cluster.stdout == at_home.stdout and len(records(on_cluster.stdout)) >= 10


def test_ordered_mode_keeps_input_order_over_hundreds_of_clippings(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    folder = str(seed_corpus(tmp_path / "corpus", 300))
    on_cluster = invoke("clean", "--cluster", cluster.address, folder)
    at_home = invoke("clean", "--jobs", "1", folder)
    assert on_cluster.exit_code == 0, on_cluster.stderr
    assert on_cluster.stdout == at_home.stdout
    summary = on_cluster.stderr.strip().splitlines()[-1]
    assert "300 inputs" in summary and " 0 duplicates" not in summary  # the first copy had to win


def test_the_cluster_can_be_named_in_the_environment(
    cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIPCLEAN_CLUSTER", cluster.address)
    result = invoke("clean", str(SEEDS))
    assert result.exit_code == 0 and len(records(result.stdout)) == 10


def test_an_unreachable_scheduler_is_a_usage_error_within_seconds() -> None:
    _require_dask()
    start = time.monotonic()
    result = subprocess.run(
        [*COMMAND, "clean", "--cluster", "tcp://127.0.0.1:9", str(SEEDS)], capture_output=True, text=True
    )
    assert result.returncode == 2 and result.stdout == ""
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert time.monotonic() - start < 30


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    folder = str(seed_corpus(tmp_path / "corpus", count=600))
    one_job = [*COMMAND, "clean", "-q", "--jobs", "1", folder]
    expected = subprocess.run(one_job, capture_output=True, check=True)
    own = LocalCluster(tmp_path)
    try:
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        output = out_dir / "clean.jsonl"
        on_cluster = [*COMMAND, "clean", "-q", "--cluster", own.address, "-o", str(output), folder]
        run = subprocess.Popen(on_cluster, stderr=subprocess.PIPE)
        wait_until_written(out_dir, ".clean.jsonl.*.tmp", run=run)
        own.workers[0].send_signal(signal.SIGKILL)
        assert run.poll() is None, "the run ended before a worker was killed"
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
        assert own.alive() == 1  # the killed worker is gone; the other one finished its tasks
        assert output.read_bytes() == expected.stdout
    finally:
        own.stop()


def _titles(out_dir: Path) -> list[str]:
    kept = [record for path in sorted(out_dir.glob("*.jsonl")) for record in records(path.read_text("utf-8"))]
    assert len({record["id"] for record in kept}) == len(kept)
    return sorted(str(record["title"]) for record in kept)


def _sharded(address: str, redis_url: str, out: Path) -> list[str]:
    """A sharded run on the cluster at `address`, claiming in Redis, writing to `out`."""
    return [*COMMAND, "clean", "-q", "--cluster", address, "--index", redis_url, "--output-dir", str(out)]


def test_sharded_mode_keeps_each_story_once_across_workers(
    cluster: LocalCluster, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_corpus(tmp_path / "corpus", 120)
    monkeypatch.chdir(tmp_path)  # paths relative to the client's directory, not the workers'
    kept = records(invoke("clean", "-q", "--jobs", "1", "corpus").stdout)
    one = sorted(str(record["title"]) for record in kept)
    out = tmp_path / "out"
    result = invoke(
        "clean", "-q", "--cluster", cluster.address, "--index", redis_url, "--output-dir", "out", "corpus"
    )
    assert result.exit_code == 0, result.stderr
    assert _titles(out) == one
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["totals"]["shards"] == 120 and manifest["totals"]["stories"] == len(one)


def test_sharded_mode_on_a_cluster_needs_an_index_every_worker_reaches(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    result = invoke("clean", "--cluster", cluster.address, "--output-dir", str(tmp_path / "out"), str(SEEDS))
    assert result.exit_code == 2 and "redis://" in result.stderr


def test_a_worker_killed_mid_shard_loses_no_story_and_keeps_none_twice(
    redis_url: str, tmp_path: Path
) -> None:
    corpus = str(seed_corpus(tmp_path / "corpus", 600))
    one = sorted(
        str(record["title"]) for record in records(invoke("clean", "-q", "--jobs", "1", corpus).stdout)
    )
    own = LocalCluster(tmp_path)
    try:
        out = tmp_path / "out"
        command = _sharded(own.address, redis_url, out)
        run = subprocess.Popen([*command, corpus], stderr=subprocess.PIPE)
        wait_until_written(out, "*.jsonl", run=run)
        own.workers[0].send_signal(signal.SIGKILL)
        assert run.poll() is None, "the run ended before a worker was killed"
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
        assert own.alive() == 1
        assert _titles(out) == one
        assert json.loads((out / "manifest.json").read_text("utf-8"))["totals"]["shards"] == 600
        assert not list(out.glob(".*.tmp")), "the killed worker's unfinished shard is cleaned up"
    finally:
        own.stop()


def test_the_client_killed_mid_run_and_run_again_finishes_the_job(
    cluster: LocalCluster, redis_url: str, tmp_path: Path
) -> None:
    corpus = str(seed_corpus(tmp_path / "corpus", 600))
    one = sorted(
        str(record["title"]) for record in records(invoke("clean", "-q", "--jobs", "1", corpus).stdout)
    )
    out = tmp_path / "out"
    command = _sharded(cluster.address, redis_url, out)
    first = subprocess.Popen([*command, corpus], stderr=subprocess.DEVNULL)
    wait_until_written(out, "*.jsonl", run=first)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert not (out / "manifest.json").exists() and len(list(out.glob("*.jsonl"))) < 600
    again = subprocess.run([*command, corpus], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _titles(out) == one
    assert json.loads((out / "manifest.json").read_text("utf-8"))["totals"]["shards"] == 600

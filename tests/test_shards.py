"""Sharded mode on one machine (`clean --output-dir DIR --jobs N`): one output per input file,
near-duplicates claimed in a shared SQLite index, reruns that finish what a crash left."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from clipclean import shards
from clipclean.index import IndexUnavailable, open_index
from tests.conftest import invoke, records, seed_corpus, wait_until_written

COMMAND = [sys.executable, "-m", "clipclean"]


def _kept(out_dir: Path) -> list[dict[str, object]]:
    return [record for path in sorted(out_dir.glob("*.jsonl")) for record in records(path.read_text("utf-8"))]


def _titles(kept: list[dict[str, object]]) -> Counter[str]:
    return Counter(str(record["title"]) for record in kept)


def test_shards_keep_the_same_stories_as_one_stream(tmp_path: Path) -> None:
    corpus = str(seed_corpus(tmp_path / "corpus", 60))
    one = records(invoke("clean", "-q", "--jobs", "1", corpus).stdout)
    result = invoke("clean", "-q", "--jobs", "2", "--output-dir", str(tmp_path / "out"), corpus)
    assert result.exit_code == 0, result.stderr
    kept = _kept(tmp_path / "out")
    # which copy of a duplicate is kept may differ; which stories, and how many, may not
    assert _titles(kept) == _titles(one) and len(kept) == len(one) >= 10
    assert len({record["id"] for record in kept}) == len(kept)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert len(manifest["shards"]) == 60 and all(shard["error"] is None for shard in manifest["shards"])
    assert manifest["totals"]["stories"] == len(kept) and manifest["totals"]["inputs"] == 60
    assert manifest["totals"]["duplicates"] == sum(shard["duplicates"] for shard in manifest["shards"]) > 0


def test_a_rerun_skips_done_shards_and_keeps_what_a_crashed_shard_had_claimed(tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus", 20)
    out = tmp_path / "out"
    assert invoke("clean", "-q", "--output-dir", str(out), str(corpus)).exit_code == 0
    before = _kept(out)
    done = {path.name: path.stat().st_mtime_ns for path in out.glob("*.jsonl")}
    # a worker that died after claiming its stories but before renaming its file into place
    # (which copy of a seed won the claim depends on which worker came first)
    crashed = next(path for path in sorted(out.glob("*.jsonl")) if records(path.read_text("utf-8")))
    assert crashed.name in {f"{shards.shard_name(str(path))}.jsonl" for path in corpus.iterdir()}
    crashed.unlink()
    rerun = invoke("clean", "-q", "--output-dir", str(out), str(corpus))
    assert rerun.exit_code == 0, rerun.stderr
    assert crashed.exists() and _kept(out) == before  # not dropped as duplicates of themselves
    assert {path.name: path.stat().st_mtime_ns for path in out.glob("*.jsonl") if path != crashed} == {
        name: mtime for name, mtime in done.items() if name != crashed.name
    }


def test_shards_whose_index_fails_are_not_done_and_a_rerun_finishes_them(tmp_path: Path) -> None:
    corpus = str(seed_corpus(tmp_path / "corpus", 6))
    out = tmp_path / "out"
    broken = tmp_path / "not-an-index.sqlite"
    broken.write_bytes(b"this is not a SQLite file" * 100)
    failed = invoke("clean", "-q", "--output-dir", str(out), "--index", str(broken), corpus)
    assert failed.exit_code == 1
    assert failed.stderr.count("shard not done") == 6 and "not a clipclean index" in failed.stderr
    assert list(out.glob("*.jsonl")) == [] and not [p for p in os.listdir(out) if p.endswith(".tmp")]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["totals"]["shards_failed"] == 6
    finished = invoke("clean", "-q", "--output-dir", str(out), corpus)
    assert finished.exit_code == 0, finished.stderr
    assert len(list(out.glob("*.jsonl"))) == 6 and json.loads((out / "manifest.json").read_text())["totals"][
        "stories"
    ] == len(_kept(out))


def test_sharded_mode_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    assert invoke("clean", "--output-dir", out, "-o", str(tmp_path / "x.jsonl"), str(tmp_path)).exit_code == 2
    assert invoke("clean", "--output-dir", out, stdin="Title\n\nBody.\n").exit_code == 2


def _redis(port: int, folder: Path) -> subprocess.Popen[bytes]:
    """A redis-server that keeps its data on disk (appendonly, fsync always), as sharded mode needs."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CLIPCLEAN_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed, and CLIPCLEAN_REQUIRE_REDIS is set")
        pytest.skip("redis-server is not installed (apt-get install redis-server runs this test)")
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes"]
    process = subprocess.Popen([*command, "--appendfsync", "always"], cwd=folder, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)


def test_redis_lost_mid_run_fails_the_shards_it_breaks_and_a_rerun_completes_them(tmp_path: Path) -> None:
    corpus = str(seed_corpus(tmp_path / "corpus", 300))
    one = records(invoke("clean", "-q", "--jobs", "1", corpus).stdout)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (tmp_path / "redis").mkdir()
    server = _redis(port, tmp_path / "redis")
    out = tmp_path / "out"
    command = [
        *COMMAND,
        "clean",
        "-q",
        "--jobs",
        "2",
        "--index",
        f"redis://127.0.0.1:{port}/0",
        "--output-dir",
    ]
    try:
        run = subprocess.Popen([*command, str(out), corpus], stderr=subprocess.PIPE)
        wait_until_written(out, "*.jsonl", run=run)
        server.kill()
        server.wait()
        assert run.wait(timeout=120) == 1
        stderr = run.stderr.read().decode() if run.stderr else ""
        assert "shard not done: redis:" in stderr and "Traceback" not in stderr, stderr
        done = len(list(out.glob("*.jsonl")))
        assert 0 < done < 300 and not list(out.glob(".*.tmp"))
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        assert manifest["totals"]["shards_failed"] == 300 - done
        server = _redis(port, tmp_path / "redis")  # back, with what it had written to disk
        again = subprocess.run([*command, str(out), corpus], capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert _titles(_kept(out)) == _titles(one) and len(_kept(out)) == len(one)
    finally:
        server.kill()
        server.wait()


_together: Any = None


def _meet(barrier: Any) -> None:
    global _together
    _together = barrier


def _open_shared(path: str) -> str | None:
    _together.wait()  # the four processes open the same new file at the same moment
    try:
        open_index(path, shared=True).close()
    except IndexUnavailable as exc:
        return str(exc)
    return None


def test_processes_opening_a_new_shared_index_at_once_all_get_it(tmp_path: Path) -> None:
    # the shards of a run start together, and each opens the index file the first may be creating
    spawn = multiprocessing.get_context("spawn")
    paths = [str(tmp_path / f"index{n}.sqlite") for n in range(60)]
    with ProcessPoolExecutor(4, mp_context=spawn, initializer=_meet, initargs=(spawn.Barrier(4),)) as pool:
        errors = [error for error in pool.map(_open_shared, [path for path in paths for _ in range(4)])]
    assert [error for error in errors if error] == []

"""clipclean as a real process in a shell pipeline: closed pipes, Ctrl-C, byte-identical reruns."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

from clipclean import Clipping, Config
from clipclean.pipeline import parallel
from tests.conftest import SEEDS, wait_until_written

COMMAND = [sys.executable, "-m", "clipclean"]


def _ctrl_c_reaches_it() -> None:
    """In the child: Ctrl-C acts as it does from a terminal, even when the tests run in a shell's
    background job (which starts every command with SIGINT ignored, and Python keeps that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _many_records(tmp_path: Path, copies: int = 400) -> Path:
    text = (SEEDS / "003_8eec56aa1be50404.txt").read_text(encoding="utf-8")
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            out.write(json.dumps({"id": f"c{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = _many_records(tmp_path)
    proc = subprocess.Popen(
        [*COMMAND, "clean", "--keep-duplicates", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert json.loads(first)["id"] == "c0-0"
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr


def test_a_run_ended_early_leaves_no_worker_pool_behind() -> None:
    """What `| head -1` and Ctrl-C do to the worker pool: once the reader stops, the pool is shut
    down before control returns, so nothing of it is left to race the interpreter's exit."""
    data = (SEEDS / "003_8eec56aa1be50404.txt").read_bytes()
    results = parallel((Clipping(f"c{i}.txt", data) for i in range(200)), Config(), jobs=2)
    assert next(results)
    results.close()
    managers = [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    assert not managers


def test_ctrl_c_exits_130_and_leaves_no_output_file(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "clean.jsonl"
    proc = subprocess.Popen(
        [*COMMAND, "clean", "-f", "jsonl", "-o", str(target), "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_reaches_it,
    )
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(json.dumps({"text": "Title\n\nOne body line that is long enough."}).encode() + b"\n")
    proc.stdin.flush()
    wait_until_written(out_dir, ".clean.jsonl.*.tmp")  # the first record reached the temp file
    proc.send_signal(signal.SIGINT)
    stderr = proc.communicate(timeout=30)[1].decode()
    assert proc.returncode == 130
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    assert list(out_dir.iterdir()) == [], "an interrupted run must not leave a partial file"


def test_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    runs = [
        subprocess.run([*COMMAND, "clean", "-q", str(SEEDS)], capture_output=True, check=True).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and runs[0].count(b"\n") == 10


def _many_files(tmp_path: Path, count: int = 120) -> Path:
    """Distinct clippings (the seeds' paragraphs in other orders) plus exact copies and a bad file."""
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(count):
        lines = seeds[i % len(seeds)]
        k = (i // len(seeds)) % len(lines)
        (folder / f"c{i:03}.txt").write_text("\n".join(lines[k:] + lines[:k]), encoding="utf-8")
    (folder / "c050.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return folder


def test_jobs_give_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    folder = _many_files(tmp_path)
    command = [*COMMAND, "clean", str(folder), str(SEEDS), "-j"]
    runs = [subprocess.run([*command, n], capture_output=True, timeout=300) for n in ("1", "2", "3")]
    assert runs[0].returncode == 1  # the PNG
    assert runs[0].stdout.count(b"\n") >= 10
    first = (runs[0].stdout, runs[0].stderr, 1)
    assert all((run.stdout, run.stderr, run.returncode) == first for run in runs)


def test_ctrl_c_with_workers_exits_130_quietly_and_leaves_no_output_file(tmp_path: Path) -> None:
    folder = _many_files(tmp_path, count=400)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    command = [*COMMAND, "clean", "-j", "2", "-o", str(out_dir / "clean.jsonl"), str(folder)]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, preexec_fn=_ctrl_c_reaches_it)
    assert proc.stderr is not None
    wait_until_written(out_dir, ".clean.jsonl.*.tmp")
    proc.send_signal(signal.SIGINT)
    stderr = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 130
    assert "Traceback" not in stderr and "interrupted" in stderr, stderr
    assert list(out_dir.iterdir()) == []

"""Sharded mode on a Dask cluster: 2 workers against 1, and the client's share of the CPU.

    python benchmarks/cluster.py [--clippings 2000] [--shard 20]

Builds `--clippings` real-shaped text clippings (as benchmarks/scale.py does: real page
clippings with every word swapped for another of the same length) in JSONL shards of
`--shard` clippings each, starts a redis-server, a `dask scheduler` and workers of one thread
each on localhost, and runs `clipclean clean --cluster ... --index redis://... --output-dir`
with 1 worker, then with 2, each on a fresh Redis database; beside them, in the same run, the
single-machine baseline `clipclean clean --jobs 1` of the same shards. It prints each run's
time and rate, the speed-up of 2 workers over 1, and the CPU seconds of the client (the
`clipclean` process: it schedules, it does not clean) against the workers' total.
Needs redis-server on PATH and `pip install 'clipclean[dask]'` (psutil comes with it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import build

CLIPCLEAN = [sys.executable, "-m", "clipclean"]
DASK = [sys.executable, "-m", "dask"]


def shards(folder: Path, clippings: int, per_shard: int) -> Path:
    """The clippings as JSONL shards of `per_shard` records ({"id", "text"} per line)."""
    loose = folder / "loose"
    build(loose, clippings, html=False)
    out = folder / "shards"
    out.mkdir()
    paths = sorted(loose.iterdir())
    for start in range(0, len(paths), per_shard):
        with (out / f"shard_{start // per_shard:05}.jsonl").open("w", encoding="utf-8") as shard:
            for path in paths[start : start + per_shard]:
                record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
                shard.write(json.dumps(record, ensure_ascii=False) + "\n")
    shutil.rmtree(loose)
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def dask(role: list[str], scheduler_file: Path, folder: Path) -> subprocess.Popen[bytes]:
    """A `dask scheduler` or `dask worker` process, quiet, found through the scheduler file."""
    command = [*DASK, *role, "--no-dashboard", "--scheduler-file", str(scheduler_file)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)


def start_workers(scheduler_file: Path, count: int, folder: Path) -> list[subprocess.Popen[bytes]]:
    workers = [
        dask(["worker", "--nthreads", "1", "--no-nanny"], scheduler_file, folder) for _ in range(count)
    ]
    from distributed import Client

    address = json.loads(scheduler_file.read_text())["address"]
    with Client(address, timeout=30) as client:  # type: ignore[no-untyped-call]
        client.wait_for_workers(count, timeout=60)
    return workers


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the CPU seconds of the command's own process."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu = 0.0
    while process.poll() is None:
        try:
            times = process.cpu_times()
            cpu = times.user + times.system
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return wall, cpu


def redis_usage(port: int, db: int) -> tuple[float, float, float]:
    """Commands Redis has answered so far, the bytes it holds (all databases), and its CPU seconds."""
    import redis

    info = redis.Redis(port=port, db=db).info("all")
    calls = sum(stats["calls"] for name, stats in info.items() if name.startswith("cmdstat_"))
    return calls, float(info["used_memory"]), float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def cpu_of(processes: list[subprocess.Popen[bytes]]) -> float:
    total = 0.0
    for process in processes:
        times = psutil.Process(process.pid).cpu_times()
        total += times.user + times.system
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clippings", type=int, default=2000)
    parser.add_argument("--shard", type=int, default=20, help="clippings per shard")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="clipclean-cluster-"))
    started: list[subprocess.Popen[bytes]] = []
    try:
        corpus = shards(folder, args.clippings, args.shard)
        count = len(list(corpus.iterdir()))
        print(f"{args.clippings} real-shaped text clippings in {count} JSONL shards of {args.shard}")
        redis_port = free_port()
        started.append(
            subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                cwd=folder,
            )
        )
        scheduler_file = folder / "scheduler.json"
        started.append(dask(["scheduler", "--host", "127.0.0.1", "--port", "0"], scheduler_file, folder))
        while not scheduler_file.exists() or not scheduler_file.read_text():
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]

        wall, _ = timed(
            [*CLIPCLEAN, "clean", "-q", "--jobs", "1", "-o", str(folder / "one.jsonl"), str(corpus)]
        )
        rate = args.clippings / wall
        print(f"{'single machine, --jobs 1 (baseline)':40} {wall:7.1f} s {rate:7.1f} clippings/s")
        local = [*CLIPCLEAN, "clean", "-q", "--jobs", "2", "--output-dir", str(folder / "local"), str(corpus)]
        wall, _ = timed(local)
        stories = json.loads((folder / "local" / "manifest.json").read_text())["totals"]["stories"]
        rate = args.clippings / wall
        label = "single machine, sharded, --jobs 2"
        print(f"{label:40} {wall:7.1f} s {rate:7.1f} clippings/s  {stories} stories")
        rates = {}
        workers: list[subprocess.Popen[bytes]] = []
        for n in (1, 2):
            workers += start_workers(scheduler_file, n - len(workers), folder)
            before = cpu_of(workers)
            out = folder / f"out{n}"
            index = f"redis://127.0.0.1:{redis_port}/{n}"
            command = [
                *CLIPCLEAN,
                "clean",
                "-q",
                "--cluster",
                address,
                "--index",
                index,
                "--output-dir",
                str(out),
            ]
            redis_before = redis_usage(redis_port, n)
            wall, client = timed([*command, str(corpus)])
            calls, memory, redis_cpu = (
                a - b for a, b in zip(redis_usage(redis_port, n), redis_before, strict=True)
            )
            busy = cpu_of(workers) - before
            rates[n] = args.clippings / wall
            totals = json.loads((out / "manifest.json").read_text())["totals"]
            stories, claimed = totals["stories"], totals["stories"] + totals["duplicates"]
            print(
                f"{f'sharded on the cluster, {n} worker(s)':40} {wall:7.1f} s {rates[n]:7.1f} clippings/s  "
                f"{stories} stories; client CPU {client:.1f} s = {100 * client / busy:.1f}% "
                f"of the workers' {busy:.1f} s"
            )
            print(
                f"{'':40} Redis: {calls / claimed:.0f} commands and {1e6 * redis_cpu / claimed:.0f} us"
                f" of CPU per story claimed ({claimed / args.clippings:.1f} per clipping), "
                f"{memory / stories:.0f} bytes per story kept"
            )
        started += workers
        print(f"2 workers against 1: {rates[2] / rates[1]:.2f}x")
    finally:
        for process in started:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

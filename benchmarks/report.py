"""`clipclean report` on a large run: time and page size, beside reading the same JSONL alone.

    python benchmarks/report.py [--stories 100000]

Cleans examples/ with --explain --keep-duplicates, then repeats its records (new ids and sources,
spread over 800 outlets, one in five a duplicate) up to --stories records, and times, each in a
fresh process on one core: reading and parsing the JSONL alone (the floor: `json.loads` on every
line), and `clipclean report` on it. Prints both, the page's size, and whether it is within the
targets (30 s, 5 MB at 100,000 stories).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(path: Path, count: int) -> None:
    cleaned = subprocess.run(
        [sys.executable, "-m", "clipclean", "clean", "-q", "--explain", "--keep-duplicates", "-j", "1",
         str(ROOT / "examples")],
        capture_output=True, check=True,
    ).stdout.decode("utf-8")  # fmt: skip
    base = [json.loads(line) for line in cleaned.split("\n") if line]
    with path.open("w", encoding="utf-8") as sink:
        for n in range(count):
            record = dict(base[n % len(base)])
            record["id"] = f"r{n}"
            record["source"] = f"outlet{n % 800}/clip{n}.txt"
            record["outlet"] = f"outlet{n % 800}.example"
            record["dup_of"] = f"r{n - 1}" if n % 5 == 4 else None
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run, page = Path(tmp) / "run.jsonl", Path(tmp) / "report.html"
        build(run, args.stories)
        floor = timed(
            [sys.executable, "-c", f"import json\nfor l in open({str(run)!r}, 'rb'): json.loads(l)"]
        )
        seconds = timed(["taskset", "-c", "0", sys.executable, "-m", "clipclean", "report", "-q", str(run),
                         "-o", str(page)])  # fmt: skip
        size, jsonl = page.stat().st_size, run.stat().st_size
    print(f"== clipclean report on {args.stories:,} records ({jsonl / 1e6:.0f} MB of JSONL), one core")
    print(f"  reading the JSONL alone (json.loads per line): {floor:6.1f} s")
    print(f"  clipclean report:                              {seconds:6.1f} s  (target 30 s at 100,000)")
    print(f"  report size:                                   {size / 1e6:6.2f} MB (target 5 MB)")


if __name__ == "__main__":
    main()

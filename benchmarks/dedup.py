"""Near-duplicate detection: speed, index size and quality, each beside its anchor, in one run.

    python benchmarks/dedup.py [--shared ../shared] [--stories 20000]

Prints
- signatures/s for 2 KB stories on one core: clipclean's fingerprint, and datasketch's MinHash
  (128 permutations) over the same character 4-grams, with per-shingle `update()` and with
  `update_batch()`;
- index size per story after inserting N distinct stories: clipclean's memory index (its own
  count and tracemalloc's), its SQLite index (file bytes) and datasketch's MinHashLSH
  (tracemalloc), with insert rates;
- with the shared data: `clipclean dedup --keep-duplicates` on dev/dedup/clusters.jsonl, scored
  by eval/score_dedup.py, and its records/s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from clipclean import Config
from clipclean.index import MemoryIndex, SqliteIndex
from clipclean.stages import dedup, minhash, repeats

STORY_BYTES = 2048


def real_stories(shared: Path, count: int) -> list[str]:
    """2 KB stories cut from the dev set's texts (Korean and English), repeated to `count`."""
    path = shared / "dev" / "dedup" / "clusters.jsonl"
    if path.exists():
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").split("\n") if line]
    else:
        texts = random_stories(200, seed=1)
    out = []
    for n in range(count):
        data = texts[n % len(texts)].encode("utf-8")
        while len(data) < STORY_BYTES:
            data += b" " + texts[(n * 7 + len(data)) % len(texts)].encode("utf-8")
        out.append(data[:STORY_BYTES].decode("utf-8", "ignore"))
    return out


def random_stories(count: int, seed: int) -> list[str]:
    """Distinct 2 KB stories of random words, half Latin and half Hangul (all kept by an index)."""
    pick = random.Random(seed)
    latin = "abcdefghijklmnopqrstuvwxyz"
    hangul = [chr(c) for c in range(0xAC00, 0xAC00 + 2000, 7)]
    out = []
    for n in range(count):
        letters, width = (latin, 1) if n % 2 else (hangul, 3)  # UTF-8 bytes per character
        words: list[str] = []
        size = 0
        while size < STORY_BYTES:
            words.append("".join(pick.choices(letters, k=pick.randint(2, 9))))
            size += len(words[-1]) * width + 1
        out.append(" ".join(words)[: STORY_BYTES // width])
    return out


def rate(label: str, items: list[str], work: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for item in items:
        work(item)
    per_second = len(items) / (time.perf_counter() - start)
    print(f"  {label:<52} {per_second:>10,.0f} stories/s")
    return per_second


def signatures(stories: list[str]) -> None:
    from datasketch import MinHash

    def grams(text: str) -> list[bytes]:
        flat = repeats.squash(text)
        return [flat[i : i + 4].encode("utf-8") for i in range(len(flat) - 3)]

    def one_by_one(text: str) -> None:
        m = MinHash(num_perm=128)
        for gram in grams(text):
            m.update(gram)

    def batch(text: str) -> None:
        MinHash(num_perm=128).update_batch(grams(text))

    print(f"== signatures, {STORY_BYTES}-byte stories, one core")
    minhash.fingerprint(stories[0])  # tables built once per process
    ours = rate("clipclean fingerprint (256 buckets)", stories, minhash.fingerprint)
    slow = rate("datasketch MinHash(128) update() per shingle", stories[:300], one_by_one)
    fast = rate("datasketch MinHash(128) update_batch()", stories[:1500], batch)
    print(f"  clipclean is {ours / slow:.0f}x update() and {ours / fast:.1f}x update_batch()")


def index_sizes(stories: list[str]) -> None:
    from datasketch import MinHash, MinHashLSH

    count = len(stories)
    print(f"== index size, {count:,} distinct stories")
    config = Config()
    index = MemoryIndex()
    deduper = dedup.CorpusDedup(index, config)
    start = time.perf_counter()
    for n, text in enumerate(stories):
        deduper.check(str(n), text)
    seconds = time.perf_counter() - start
    print(f"  clipclean memory index: {index.nbytes() / len(index):,.0f} B/story (array bytes); "
          f"{len(index):,} kept; {count / seconds:,.0f} stories/s fingerprint + claim")  # fmt: skip
    del index, deduper
    sample = stories[: min(count, 5000)]
    gc.collect()
    tracemalloc.start()
    index = MemoryIndex()
    deduper = dedup.CorpusDedup(index, config)
    for n, text in enumerate(sample):
        deduper.check(str(n), text)
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"    check with tracemalloc, {len(sample):,} stories: {traced / len(sample):,.0f} B/story "
          "(all allocations still held, the partly filled buffer of pending keys included)")  # fmt: skip
    del index, deduper

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "corpus.index")
        sqlite = SqliteIndex(path)
        deduper = dedup.CorpusDedup(sqlite, config)
        start = time.perf_counter()
        for n, text in enumerate(stories):
            deduper.check(str(n), text)
        sqlite.commit()
        seconds = time.perf_counter() - start
        sqlite.close()
        print(f"  clipclean SQLite index: {os.path.getsize(path) / count:,.0f} B/story on disk; "
              f"{count / seconds:,.0f} stories/s fingerprint + claim + commit")  # fmt: skip

    sample = stories[: min(count, 5000)]
    hashes = [MinHash(num_perm=128) for _ in sample]
    for m, text in zip(hashes, sample, strict=True):
        flat = repeats.squash(text)
        m.update_batch([flat[i : i + 4].encode("utf-8") for i in range(len(flat) - 3)])
    gc.collect()
    tracemalloc.start()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for n, m in enumerate(hashes):
        lsh.insert(str(n), m)
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"  datasketch MinHashLSH(0.5, 128): {traced / len(sample):,.0f} B/story traced "
          f"({len(sample):,} stories; the MinHash objects themselves not counted)")  # fmt: skip


def quality(shared: Path) -> None:
    gold = shared / "dev" / "dedup" / "clusters.jsonl"
    scorer = shared / "eval" / "score_dedup.py"
    if not gold.exists() or not scorer.exists():
        print(f"== dev set: {gold} not found, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        start = time.perf_counter()
        with out.open("wb") as sink:
            subprocess.run(
                [sys.executable, "-m", "clipclean", "dedup", "-q", "--keep-duplicates", str(gold)],
                stdout=sink,
                check=True,
            )
        seconds = time.perf_counter() - start
        table = subprocess.run(
            [sys.executable, str(scorer), str(gold), str(out)], capture_output=True, text=True, check=True
        ).stdout
    records = sum(1 for line in gold.read_text(encoding="utf-8").split("\n") if line)
    print(f"== dev set: clipclean dedup --keep-duplicates, {records} records in {seconds:.1f} s "
          f"(process start included)")  # fmt: skip
    print("  " + table.strip().replace("\n", "\n  "))


def peak_rss(counts: list[int]) -> None:
    """Peak RSS of `clipclean dedup` over N distinct stories, with the index in memory and in SQLite."""
    print("== peak RSS of clipclean dedup over distinct 2 KB stories (each run in a fresh process)")
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            path = Path(tmp) / f"{count}.jsonl"
            with path.open("w", encoding="utf-8") as sink:
                for n, text in enumerate(random_stories(count, seed=count)):
                    sink.write(json.dumps({"id": str(n), "text": text}, ensure_ascii=False) + "\n")
            for where in ("memory", "sqlite"):
                index = ["--index", str(Path(tmp) / f"{count}.index")] if where == "sqlite" else []
                command = [
                    sys.executable,
                    "-m",
                    "clipclean",
                    "dedup",
                    "-q",
                    *index,
                    "-o",
                    os.devnull,
                    str(path),
                ]
                out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
                seconds, kib = out.stdout.split()
                print(f"  {count:>7,} stories, index in {where:<6}: peak RSS {int(kib) / 1024:6.1f} MiB, "
                      f"{count / float(seconds):,.0f} records/s")  # fmt: skip
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--stories", type=int, default=20000, help="stories for the index sizes")
    parser.add_argument("--rss", type=int, nargs="*", metavar="N", help="also peak RSS for N stories each")
    args = parser.parse_args()
    if args.rss:
        peak_rss(args.rss)
        return
    signatures(real_stories(args.shared, 5000))
    index_sizes(random_stories(args.stories, seed=7))
    quality(args.shared)


if __name__ == "__main__":
    main()

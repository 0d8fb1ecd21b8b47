"""Sharded mode (`clipclean clean --output-dir DIR`): for corpora too big to stream through
one process, each input file is a shard, cleaned whole by one worker (a local process with
`--jobs`, or a Dask worker with `--cluster`), which writes `DIR/<shard>.jsonl` itself.

Near-duplicates across shards are judged by claims in one shared index (Redis, or locally a
SQLite file), each claim atomic and permanent at once, so exactly one copy of each story is
kept across all shards; which copy depends on which worker claimed first. A shard is done
when its file exists: its records go to a temporary file that is renamed into place only
once the whole shard is cleaned, after its counts are written beside it. A run skips the
shards already done and cleans the others, so a rerun after a crash (of a worker, of the
client, of Redis) finishes the job; a story that a crashed worker had already claimed is
found again under its own id and kept (`CorpusDedup(reclaim=True)`), not dropped as a
duplicate of itself. `DIR/manifest.json`, written last, lists every shard with its counts.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipclean.config import MODEL_PATH, Config
from clipclean.index import IndexUnavailable, open_index
from clipclean.io import JsonlWriter, read_path
from clipclean.pipeline import Stats, spawn_pool
from clipclean.pipeline import run as run_stream
from clipclean.records import Failure

if TYPE_CHECKING:
    from clipclean.cluster import Cluster

MANIFEST = "manifest.json"
COUNTS = ".counts"
"""The folder in DIR where each done shard's counts are kept until the manifest is written."""


@dataclass
class ShardResult:
    """What cleaning one shard gave, as the manifest lists it."""

    shard: str
    input: str
    inputs: int = 0
    stories: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)
    """One line per input of the shard that gave no story: `source: reason`."""
    removed: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    """Why the shard could not be cleaned (it is not done: a rerun cleans it again)."""


def shard_name(path: str) -> str:
    """The output name of an input file: readable, and distinct for distinct paths.

    >>> shard_name("crawl/2024-05/news.jsonl.gz")
    'crawl_2024-05_news.jsonl.gz-ee7fa9f2'
    """
    normal = os.path.normpath(path)
    digest = hashlib.blake2b(normal.encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()
    readable = _UNSAFE.sub("_", normal).strip("_.")[-80:]
    return f"{readable}-{digest}"


_UNSAFE = re.compile(r"[^\w.-]+")


def clean_shard(path: str, out_dir: str, config: Config, index: str) -> ShardResult:
    """Clean one input file into `out_dir/<shard>.jsonl`, claiming its stories in `index`
    (runs in a worker: both paths absolute, as the client sees them). Raises IndexUnavailable
    when the index fails mid-shard: nothing of the shard is then left as done."""
    name = shard_name(path)
    result = ShardResult(name, path)
    stats = Stats()
    claims = open_index(index, shared=True)
    writer = JsonlWriter(str(Path(out_dir) / f"{name}.jsonl"))
    try:
        for item in run_stream(read_path(path, config, named=True), config, stats, claims, reclaim=True):
            if isinstance(item, Failure):
                result.failures.append(f"{item.source}: {item.reason}")
            else:
                writer.write(item.to_json_dict())
        result.inputs, result.stories, result.duplicates = stats.inputs, stats.stories, stats.duplicates
        result.removed = dict(sorted(stats.removed.items()))
        counts = Path(out_dir) / COUNTS / f"{name}.json"
        counts.write_text(json.dumps(result.__dict__, ensure_ascii=False), encoding="utf-8")
        writer.commit()  # the shard is done once its file is there
    except BaseException:
        writer.abort()
        raise
    finally:
        claims.close()
    return result


def _clean_shard_packaged(path: str, out_dir: str, config: Config, index: str) -> ShardResult:
    """`clean_shard` with the chrome model packaged where this worker installed clipclean."""
    return clean_shard(path, out_dir, replace(config, chrome_model=MODEL_PATH), index)


def run(
    paths: list[str],
    out_dir: str,
    config: Config,
    index: str,
    jobs: int = 1,
    cluster: Cluster | None = None,
    done: Callable[[ShardResult, bool], None] | None = None,
) -> list[ShardResult]:
    """Clean every shard not yet done, over `jobs` local processes or a cluster's workers;
    then write the manifest. Returns every shard's result in input order. `done(result, new)`
    is called for each shard: first for those an earlier run did (`new` False), then for the
    others as each finishes, in any order."""
    # workers may run in another directory (a Dask worker): they get absolute paths, as the
    # client sees them (on a cluster, the same on every machine: shared storage)
    paths = [os.path.abspath(path) for path in paths]
    out_dir = os.path.abspath(out_dir)
    folder = Path(out_dir)
    (folder / COUNTS).mkdir(parents=True, exist_ok=True)
    results: dict[str, ShardResult] = {}
    todo = []
    for path in dict.fromkeys(paths):  # a file named twice is one shard
        name = shard_name(path)
        if (folder / f"{name}.jsonl").exists():
            results[path] = _finished(folder, name, path)
            if done is not None:
                done(results[path], False)
        else:
            todo.append(path)
    for result in _clean_all(todo, out_dir, config, index, jobs, cluster):
        results[result.input] = result
        if done is not None:
            done(result, True)
    ordered = [results[path] for path in dict.fromkeys(paths)]
    for result in ordered:  # what a worker lost mid-shard left behind, now that another finished it
        if result.error is None:
            for orphan in folder.glob(f".{glob.escape(result.shard)}.jsonl.*.tmp"):
                orphan.unlink(missing_ok=True)
    _write_manifest(folder, ordered)
    return ordered


def _clean_all(
    todo: list[str], out_dir: str, config: Config, index: str, jobs: int, cluster: Cluster | None
) -> Iterator[ShardResult]:
    if not todo:
        return
    pool: Executor
    task: Any = clean_shard
    if cluster is not None:
        pool = cluster.executor()
        if config.chrome_model == MODEL_PATH:
            task = _clean_shard_packaged
    else:
        pool = spawn_pool(min(jobs, len(todo)))
    futures: dict[Future[ShardResult], str] = {}
    try:
        futures = {pool.submit(task, path, out_dir, config, index): path for path in todo}
        for future in as_completed(futures):
            try:
                yield future.result()
            except (IndexUnavailable, OSError) as exc:
                path = futures[future]
                yield ShardResult(shard_name(path), path, error=str(exc) or type(exc).__name__)
    finally:
        for future in futures:
            future.cancel()
        pool.shutdown(wait=True)


def _finished(folder: Path, name: str, path: str) -> ShardResult:
    """A shard done by an earlier run: its counts as that run wrote them."""
    try:
        saved = json.loads((folder / COUNTS / f"{name}.json").read_text(encoding="utf-8"))
        return ShardResult(**saved)
    except (OSError, ValueError, TypeError):
        manifest = folder / MANIFEST
        listed = json.loads(manifest.read_text(encoding="utf-8"))["shards"] if manifest.exists() else []
        found = [shard for shard in listed if shard.get("shard") == name and shard.get("error") is None]
        return ShardResult(**found[0]) if found else ShardResult(name, path)


def _write_manifest(folder: Path, results: list[ShardResult]) -> None:
    totals: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    for result in results:
        totals.update(inputs=result.inputs, stories=result.stories, duplicates=result.duplicates)
        totals.update(failures=len(result.failures), shards_failed=result.error is not None)
        removed.update(result.removed)
    manifest = {
        "shards": [result.__dict__ for result in results],
        "totals": {**dict(totals), "shards": len(results), "removed": dict(sorted(removed.items()))},
    }
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)

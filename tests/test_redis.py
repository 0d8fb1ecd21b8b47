"""The shared index in a real Redis server, started by the tests on a free port.

CI installs redis-server and sets CLIPCLEAN_REQUIRE_REDIS, so there these tests fail rather than
skip when the server is missing; elsewhere they skip with a message saying what to install.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import FIXTURES, invoke, records


def _stories(n: int, seed: int) -> list[str]:
    pick = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        " ".join("".join(pick.choices(letters, k=pick.randint(2, 9))) for _ in range(200)) for _ in range(n)
    ]


def test_second_run_keeps_nothing(redis_url: str) -> None:
    path = FIXTURES / "dedup" / "clusters.jsonl"
    first = invoke("dedup", "-q", "--index", redis_url, str(path))
    assert first.exit_code == 0, first.output
    assert 24 <= len(records(first.stdout)) <= 26
    second = invoke("dedup", "-q", "--index", redis_url, str(path))
    assert second.exit_code == 0, second.output
    assert second.stdout == ""


def test_processes_sharing_an_index_keep_exactly_one_copy(redis_url: str, tmp_path: Path) -> None:
    """Two processes read the same 300 stories (three copies each) in opposite orders, at once."""
    lines = []
    for n, text in enumerate(_stories(300, seed=3)):
        squeezed = text.replace(" ", "", 40)
        wrapped = "\n".join(text[i : i + 60] for i in range(0, len(text), 60))
        for copy, variant in enumerate((text, squeezed, wrapped)):
            lines.append(json.dumps({"id": f"s{n}-{copy}", "story": n, "text": variant}))
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    forward.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backward.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "clipclean", "dedup", "-q", "--keep-duplicates", "--index", redis_url]
    runs = [subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE) for path in (forward, backward)]
    outputs = [run.communicate(timeout=300)[0].decode("utf-8") for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    out = [record for output in outputs for record in records(output)]
    assert len(out) == 2 * len(lines)
    kept = [r for r in out if r["dup_of"] is None]
    assert Counter(r["story"] for r in kept) == Counter(range(300))  # never both kept, never both dropped
    kept_ids = {r["id"] for r in kept}
    assert all(r["dup_of"] in kept_ids for r in out if r["dup_of"] is not None)
    assert all(r["dup_of"].split("-")[0] == f"s{r['story']}" for r in out if r["dup_of"] is not None)


def test_index_of_another_version_is_refused(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    client.hset("{clipclean}:meta", "scheme", "oph-v0")
    result = invoke("dedup", "--index", redis_url, str(FIXTURES / "dedup" / "templated.jsonl"))
    assert result.exit_code == 2
    assert "another clipclean version (oph-v0)" in result.output


def test_a_story_added_meanwhile_is_judged_again(redis_url: str) -> None:
    """The race itself: another process adds the same story between our look-up and our insert."""
    from clipclean.index import Entry, RedisIndex
    from clipclean.stages.minhash import fingerprint

    ours, theirs = RedisIndex(redis_url), RedisIndex(redis_url)
    fp = fingerprint(_stories(1, seed=5)[0])
    assert fp is not None
    seen: list[list[str]] = []

    def judge(entries: object) -> Entry | None:
        assert isinstance(entries, list)
        seen.append([entry.id for entry in entries])
        if len(seen) == 1:
            assert theirs.claim("theirs", fp, lambda _: None) is None  # they add it first
            return None
        return entries[0] if entries else None

    match = ours.claim("ours", fp, judge)
    assert match is not None and match.id == "theirs"
    assert seen == [[], ["theirs"]]
    assert len(ours) == 1


def test_redis_stops_the_same_crowded_keys_as_memory(redis_url: str) -> None:
    from unittest import mock

    from clipclean import index as index_module
    from clipclean.index import MemoryIndex, RedisIndex
    from tests.test_dedup import _candidates_seen, crowded_prints

    prints = crowded_prints()
    with mock.patch.object(index_module, "CROWDED", 4):
        memory = _candidates_seen(MemoryIndex(), prints)
        shared = _candidates_seen(RedisIndex(redis_url), prints)
    assert shared == memory
    assert sum(map(len, memory)) < sum(range(len(prints)))

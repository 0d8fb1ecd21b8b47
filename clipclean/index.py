"""Where the fingerprints of kept stories live: in memory, in a SQLite file, or in Redis.

All three keep the same thing per story — its id, a sequence number, the signature (8 bits
per bucket), the n-gram count and its opening (zlib-compressed: what `compare` aligns) —
plus one 32-bit key per LSH band pointing back to it (none under a stop key: see CROWDED).
All three offer one operation, `claim`: find the stories sharing a band with a new one, let
the caller judge them, and add the new story when none matches, atomically.
That is what makes "the first copy is kept" hold even for several processes sharing a Redis
index: a story added by another process between the look-up and the insert sends the
caller back to judge again.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import struct
import time
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from clipclean.io import write_if_changed
from clipclean.stages import compare, minhash

#: Everything a stored signature depends on; an index made with other settings is refused.
SCHEME = (
    f"oph-v1 k={minhash.K}x{minhash.STORED_BITS}bit bands={minhash.BANDS}x{minhash.ROWS} "
    f"ngrams={minhash.WIDE_NGRAM}/{minhash.NARROW_NGRAM} head={compare.HEAD_CHARS}"
)


CROWDED = 64
"""A band key already held by this many stories is a stop key: it is not searched, and no more
stories are filed under it. Such keys are pairs of very common n-grams that many unrelated
stories share (two unrelated stories in one language share some band 1.2% of the time on the
dev dedup set, so a corpus of 100,000 would give each new story ~1,000 candidates); a copy
shares many other bands with its original, and keeps being found."""


class IndexUnavailable(Exception):
    """The index cannot be opened or used; the message is the one-line reason."""


@dataclass(frozen=True)
class Entry:
    """A kept story as the index holds it."""

    id: str
    seq: int
    signature: npt.NDArray[np.uint8]
    size: int
    packed_head: bytes
    """Its opening, compressed (`head` reads it)."""

    @property
    def head(self) -> str:
        """The story's first `compare.HEAD_CHARS` characters, decompressed when judged."""
        return _unpack_head(self.packed_head)


Judge = Callable[[Sequence[Entry]], "Entry | None"]
Screen = Callable[[npt.NDArray[np.uint8], npt.NDArray[np.int64]], npt.NDArray[np.bool_]]
"""Given a story's candidates' signatures (one row each) and n-gram counts, which are worth
judging: all of them screened in one numpy pass, before any becomes an `Entry`."""


class Index(Protocol):
    def claim(
        self, story_id: str, fp: minhash.Fingerprint, judge: Judge, screen: Screen | None = None
    ) -> Entry | None:
        """The entry `judge` picks among the candidates (those `screen` keeps); when it picks
        none, the story is added."""

    def __len__(self) -> int: ...

    def commit(self) -> None:
        """Make what this run added permanent (a no-op where every claim is already permanent)."""

    def close(self) -> None:
        """Release the index; what was not committed is dropped."""


def screened(entries: list[Entry], screen: Screen | None) -> list[Entry]:
    """The entries `screen` keeps (all of them without one)."""
    if screen is None or not entries:
        return entries
    keep = screen(
        np.stack([entry.signature for entry in entries]),
        np.array([entry.size for entry in entries], dtype=np.int64),
    )
    return [entry for entry, kept in zip(entries, keep.tolist(), strict=True) if kept]


def open_index(spec: str | None, shared: bool = False) -> Index:
    """An index by its command-line spelling: none (memory), a file path (SQLite), or redis://.

    `shared`: several processes claim in it at once (the shards of one run), so each claim is
    permanent at once, as in Redis (a SQLite file then takes one short transaction per claim).
    """
    if not spec:
        return MemoryIndex()
    if spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisIndex(spec)
    return SqliteIndex(spec, shared=shared)


def is_shared(spec: str) -> bool:
    """Whether processes on other machines can claim in this index (Redis), not only this one's."""
    return spec.startswith(("redis://", "rediss://", "unix://"))


class MemoryIndex:
    """The index of one run, in compact numpy arrays (under 1 KB per story).

    Band keys go to a small dict first; when it is full they become a sorted run of keys
    (with their stories), and runs of similar size are merged, so there are only a few,
    each searched with `np.searchsorted` (a log-structured merge, 8 bytes per band key).
    Runs stop growing at 4 M keys (65,000 stories), so a merge never needs more than 64 MB
    on top of the index. Stories' ids and compressed openings share one byte buffer.
    """

    _PENDING = 1 << 13  # band keys held in the dict before they become a sorted run (~1 MB)
    _FANOUT = 4  # a run is merged into the one before it when that one is at most 4 times larger
    _LARGEST = 1 << 22

    def __init__(self) -> None:
        self._runs: list[tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]] = []
        self._pending: dict[int, int] = {}  # band key -> the first story with it
        self._clashes: dict[int, list[int]] = {}  # band key -> later stories with it (rare)
        self._signatures = np.empty((1024, minhash.K), dtype=np.uint8)
        self._sizes = array("I")
        self._text = bytearray()
        self._offsets = array("Q", [0])
        self._id_ends = array("Q")

    def __len__(self) -> int:
        return len(self._sizes)

    def claim(
        self, story_id: str, fp: minhash.Fingerprint, judge: Judge, screen: Screen | None = None
    ) -> Entry | None:
        bands = fp.bands()
        seqs, stop = self._candidates(bands)
        if screen is not None and seqs:
            rows = np.array(seqs)
            sizes = np.array([self._sizes[seq] for seq in seqs], dtype=np.int64)
            seqs = rows[screen(self._signatures[rows], sizes)].tolist()
        match = judge([self._entry(seq) for seq in seqs])
        if match is None:
            self._add(story_id, fp, bands, stop)
        return match

    def commit(self) -> None:
        """Nothing to do: the index lives as long as the run."""

    def close(self) -> None:
        """Nothing to release."""

    def nbytes(self) -> int:
        """Bytes held for the stories (arrays at their current capacity, pending keys included)."""
        pending = len(self._pending) * 100 + len(self._clashes) * 200  # dict slots and int objects
        return int(
            sum(keys.nbytes + owners.nbytes for keys, owners in self._runs)
            + self._signatures[: len(self)].nbytes
            + self._sizes.itemsize * len(self._sizes)
            + len(self._text)
            + self._offsets.itemsize * (len(self._offsets) + len(self._id_ends))
            + pending
        )

    def _extend(
        self,
        ids: list[str],
        signatures: npt.NDArray[np.uint8],
        sizes: list[int],
        packed_head: list[bytes],
        bands: npt.NDArray[np.uint32],
    ) -> None:
        """Add many stories at once (loading an index): one sorted run for all their band keys."""
        first = len(self)
        self._signatures = np.concatenate((self._signatures[:first], signatures))
        self._sizes.extend(sizes)
        for story_id, packed in zip(ids, packed_head, strict=True):
            self._append(story_id, packed)
        keys = bands.reshape(-1)
        owners = np.repeat(np.arange(first, len(self), dtype=np.uint32), minhash.BANDS)
        self._runs.append(_sorted_run(keys, owners))

    def _candidates(self, bands: npt.NDArray[np.uint32]) -> tuple[list[int], set[int]]:
        """The stories under the band keys (stop keys aside: see CROWDED), and the stop keys."""
        filed: dict[int, list[int]] = {}
        wanted = np.unique(bands)  # sorted needles make searchsorted narrow its range as it goes
        for keys, owners in self._runs:
            low = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            hits = wanted[keys[low] == wanted]
            if len(hits):
                low = np.searchsorted(keys, hits, "left")
                high = np.searchsorted(keys, hits, "right")
                for key, start, stop in zip(hits.tolist(), low.tolist(), high.tolist(), strict=True):
                    filed.setdefault(key, []).extend(owners[start:stop].tolist())
        mine = set(bands.tolist())
        for key in self._pending.keys() & mine:
            filed.setdefault(key, []).append(self._pending[key])
        for key in self._clashes.keys() & mine:
            filed.setdefault(key, []).extend(self._clashes[key])
        stop = {key for key, seqs in filed.items() if len(seqs) >= CROWDED}
        found = {seq for key, seqs in filed.items() if key not in stop for seq in seqs}
        return sorted(found), stop

    def _entry(self, seq: int) -> Entry:
        start, middle, end = self._offsets[seq], self._id_ends[seq], self._offsets[seq + 1]
        story_id = self._text[start:middle].decode("utf-8", "surrogatepass")
        packed = bytes(self._text[middle:end])
        return Entry(story_id, seq, self._signatures[seq], self._sizes[seq], packed)

    def _append(self, story_id: str, packed_head: bytes) -> None:
        self._text += story_id.encode("utf-8", "surrogatepass")
        self._id_ends.append(len(self._text))
        self._text += packed_head
        self._offsets.append(len(self._text))

    def _add(
        self, story_id: str, fp: minhash.Fingerprint, bands: npt.NDArray[np.uint32], stop: set[int]
    ) -> None:
        seq = len(self)
        if seq == len(self._signatures):  # grow by a quarter: the slack stays small
            grown = np.empty((seq + max(1024, seq // 4), minhash.K), dtype=np.uint8)
            grown[:seq] = self._signatures
            self._signatures = grown
        self._signatures[seq] = minhash.stored(fp.signature)
        self._sizes.append(fp.size)
        self._append(story_id, _pack_head(fp.head))
        keys = set(bands.tolist()) - stop
        clash = self._pending.keys() & keys
        for key in clash:
            self._clashes.setdefault(key, []).append(seq)
        self._pending.update(dict.fromkeys(keys - clash, seq))
        if len(self._pending) >= self._PENDING:
            self._flush()

    def _flush(self) -> None:
        """Turn the pending keys into a sorted run; merge runs while the last two are of like size."""
        more = [(key, owner) for key, owners in self._clashes.items() for owner in owners]
        keys = np.fromiter([*self._pending.keys(), *(key for key, _ in more)], dtype=np.uint32)
        owners = np.fromiter([*self._pending.values(), *(owner for _, owner in more)], dtype=np.uint32)
        self._runs.append(_sorted_run(keys, owners))
        self._pending.clear()
        self._clashes.clear()
        while len(self._runs) > 1:
            (k2, o2), (k1, o1) = self._runs[-1], self._runs[-2]
            if len(k1) > self._FANOUT * len(k2) or len(k1) + len(k2) > self._LARGEST:
                break
            del self._runs[-2:]
            self._runs.append(_merge(k1, o1, k2, o2))


def _sorted_run(
    keys: npt.NDArray[np.uint32], owners: npt.NDArray[np.uint32]
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """Keys sorted, each with its owner (owners ascending within a key).

    One sort of (key << 32 | owner): five times faster than a stable argsort of the keys.
    """
    both = np.sort((keys.astype(np.uint64) << np.uint64(32)) | owners)
    return (both >> np.uint64(32)).astype(np.uint32), (both & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _merge(
    k1: npt.NDArray[np.uint32],
    o1: npt.NDArray[np.uint32],
    k2: npt.NDArray[np.uint32],
    o2: npt.NDArray[np.uint32],
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """Two sorted runs as one, each element placed directly (no sort, no index array of the whole)."""
    into = np.searchsorted(k1, k2, "right") + np.arange(len(k2))  # where run 2's elements land
    first = np.ones(len(k1) + len(k2), dtype=bool)
    first[into] = False
    keys, owners = np.empty(len(first), dtype=np.uint32), np.empty(len(first), dtype=np.uint32)
    keys[into], owners[into] = k2, o2
    keys[first], owners[first] = k1, o1
    return keys, owners


class TextIndex(MemoryIndex):
    """An index in a JSONL text file, for a corpus kept in git (`clipclean check`).

    A header line names the fingerprint scheme; then one line per kept story — its id,
    n-gram count, compressed opening, and band keys and signature in base64. Loaded whole into memory
    at the start and written back, atomically and only if it changed, by `save`. New
    stories are appended in the order they were kept, so a diff is the added lines and
    `.gitattributes`' `merge=union` merges two branches' additions.
    """

    HEADER = json.dumps({"clipclean_index": SCHEME}, separators=(",", ":"))

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self._lines: list[str] = []
        self._new: list[str] = []
        try:
            with open(path, encoding="utf-8") as stream:
                self._lines = [line for line in stream.read().split("\n") if line.strip()]
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError) as exc:
            raise IndexUnavailable(f"{path}: {exc}") from exc
        self._load(self._lines)

    def _load(self, lines: list[str]) -> None:
        if not lines:
            self._lines = [self.HEADER]
            return
        try:
            header = json.loads(lines[0])
            scheme = header["clipclean_index"]
        except (ValueError, KeyError, TypeError):
            raise IndexUnavailable(f"{self.path}: not a clipclean index (no header line)") from None
        if scheme != SCHEME:
            raise IndexUnavailable(f"{self.path}: made by another clipclean version ({scheme})")
        ids: list[str] = []
        sizes: list[int] = []
        packed_head: list[bytes] = []
        blobs: list[bytes] = []
        try:
            for line in lines[1:]:
                record = json.loads(line)
                ids.append(str(record["id"]))
                sizes.append(int(record["size"]))
                packed_head.append(base64.b64decode(record["head"], validate=True))
                blobs.append(base64.b64decode(record["fingerprint"], validate=True))
            raw = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), _BLOB)
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexUnavailable(f"{self.path}: a broken line in the index ({exc})") from exc
        bands = raw[:, : 4 * minhash.BANDS].copy().view("<u4").astype(np.uint32)
        self._extend(ids, raw[:, 4 * minhash.BANDS :], sizes, packed_head, bands)

    def _add(
        self, story_id: str, fp: minhash.Fingerprint, bands: npt.NDArray[np.uint32], stop: set[int]
    ) -> None:
        super()._add(story_id, fp, bands, stop)
        blob = bands.astype("<u4").tobytes() + minhash.stored(fp.signature).tobytes()
        record = {
            "id": story_id,
            "size": fp.size,
            "head": base64.b64encode(_pack_head(fp.head)).decode("ascii"),
            "fingerprint": base64.b64encode(blob).decode("ascii"),
        }
        self._new.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    def save(
        self,
        replaced: Callable[[str], bool] = lambda story_id: False,
        rejected: Callable[[str], bool] = lambda story_id: False,
    ) -> bool:
        """Write the index back if it changed (returns whether it did).

        Stories added in this run are written unless `rejected(id)`; stories loaded from the
        file are dropped when `replaced(id)` (a file checked again) unless this run added
        the very same line, so checking an unchanged file changes nothing.
        """
        new = [line for line in self._new if not rejected(_line_id(line))]
        fresh = set(new)
        old = [line for line in self._lines[1:] if line in fresh or not replaced(_line_id(line))]
        kept = set(old)
        lines = [self._lines[0], *old, *(line for line in new if line not in kept)]
        changed = write_if_changed(self.path, "".join(line + "\n" for line in lines).encode("utf-8"))
        self._lines, self._new = lines, []
        return changed

    def commit(self) -> None:
        self.save()


_BLOB = 4 * minhash.BANDS + minhash.K


def _line_id(line: str) -> str:
    return str(json.loads(line)["id"])


class SqliteIndex:
    """An index in a SQLite file: it outlives the run, and memory stays bounded however large it grows.

    A run holds one write transaction from open to `commit`, so a crash or Ctrl-C leaves
    the file exactly as the last completed run left it; a second run on the same file
    waits for the first to finish. A `shared` index (the shards of one run, cleaned by several
    processes at once) instead takes one short transaction per claim, each permanent at once.
    """

    def __init__(self, path: str, timeout: float = 30.0, shared: bool = False) -> None:
        self.path = path
        self._shared = shared
        try:
            self._db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            self._db.execute("PRAGMA cache_size = -16000")  # 16 MB of pages, whatever the index size
            if shared:
                self._use_wal(timeout)
            self._db.execute("BEGIN IMMEDIATE")  # waits (up to `timeout`) for any other writer
            self._create()
            self._db.execute("COMMIT")
            if not shared:
                self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise IndexUnavailable(f"{path}: {_sqlite_reason(exc)}") from exc
        self._count = self._db.execute("SELECT count(*) FROM stories").fetchone()[0]

    def _use_wal(self, timeout: float) -> None:
        """Switch to WAL (readers never wait for the writer). Several processes opening a new
        file at once race for the switch, and SQLite answers "locked" at once rather than
        wait (its busy handler is skipped where waiting could deadlock): so wait here."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _create(self) -> None:
        """The tables, in the transaction the caller opened (so no other process sees half of them)."""
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS stories (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, "
            "size INTEGER NOT NULL, signature BLOB NOT NULL, head BLOB NOT NULL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, seq INTEGER NOT NULL, "
            "PRIMARY KEY (key, seq)) WITHOUT ROWID"
        )
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('scheme', ?)", (SCHEME,))
        (scheme,) = self._db.execute("SELECT value FROM meta WHERE name = 'scheme'").fetchone()
        if scheme != SCHEME:
            raise sqlite3.DatabaseError(f"made by another clipclean version ({scheme}); start a new index")

    def __len__(self) -> int:
        return int(self._count)

    def claim(
        self, story_id: str, fp: minhash.Fingerprint, judge: Judge, screen: Screen | None = None
    ) -> Entry | None:
        if not self._shared:
            return self._claim(story_id, fp, judge, screen)
        try:
            self._db.execute("BEGIN IMMEDIATE")  # no other process adds a story between look-up and insert
            match = self._claim(story_id, fp, judge, screen)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise IndexUnavailable(f"{self.path}: {_sqlite_reason(exc)}") from exc
        finally:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        return match

    def _claim(
        self, story_id: str, fp: minhash.Fingerprint, judge: Judge, screen: Screen | None = None
    ) -> Entry | None:
        bands = sorted(set(fp.bands().tolist()))
        stop = {
            key
            for (key,) in self._db.execute(
                f"SELECT key FROM bands WHERE key IN ({','.join('?' * len(bands))}) "
                "GROUP BY key HAVING count(*) >= ?",
                [*bands, CROWDED],
            )
        }
        bands = [key for key in bands if key not in stop]
        rows = self._db.execute(
            "SELECT seq, id, size, signature, head FROM stories WHERE seq IN "
            f"(SELECT seq FROM bands WHERE key IN ({','.join('?' * len(bands))})) ORDER BY seq",
            bands,
        ).fetchall()
        entries = [
            Entry(id_, seq, np.frombuffer(sig, dtype=np.uint8), size, packed)
            for seq, id_, size, sig, packed in rows
        ]
        match = judge(screened(entries, screen))
        if match is None:
            cursor = self._db.execute(
                "INSERT INTO stories (id, size, signature, head) VALUES (?, ?, ?, ?)",
                (story_id, fp.size, minhash.stored(fp.signature).tobytes(), _pack_head(fp.head)),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO bands VALUES (?, ?)", [(key, cursor.lastrowid) for key in bands]
            )
            self._count += 1
        return match

    def commit(self) -> None:
        if not self._shared:  # a shared index's claims are committed one by one
            self._db.execute("COMMIT")
            self._db.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.close()


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text:
        return "the index is in use by another run (it waited 30 s)"
    if "file is not a database" in text:
        return "not a clipclean index (not a SQLite file)"
    if "unable to open" in text:
        return "cannot create or open the index file"
    return text


# Atomic "add unless someone added to one of my bands": KEYS = bands..., seq counter, entries;
# ARGV = number of candidates seen, packed entry. Members only ever grow, so a changed count
# means a new candidate to judge.
_ADD_SCRIPT = """
local n = #KEYS - 2
if n > 0 then
  local members = redis.call('SUNION', unpack(KEYS, 1, n))
  if #members ~= tonumber(ARGV[1]) then return -1 end
end
local seq = redis.call('INCR', KEYS[n + 1])
for i = 1, n do redis.call('SADD', KEYS[i], seq) end
redis.call('HSET', KEYS[n + 2], seq, ARGV[2])
return seq
"""


class RedisIndex:
    """An index in Redis, shared by any number of processes on any number of machines.

    Keys live under one hash tag (`{clipclean}:...`, a cluster-friendly prefix): a set per
    band key holding sequence numbers, a hash from sequence number to packed entry, a
    counter. A claim reads the candidates, judges them here, then adds the story with a
    script that refuses when a band gained a member meanwhile — then the claim starts over.
    """

    PREFIX = "{clipclean}"

    def __init__(self, url: str) -> None:
        try:
            import redis
        except ImportError:
            raise IndexUnavailable(f"{url}: needs the redis package ('clipclean[redis]')") from None
        try:
            self._redis: Any = redis.Redis.from_url(url, socket_timeout=30)
            self._redis.hsetnx(f"{self.PREFIX}:meta", "scheme", SCHEME)
            stored: Any = self._redis.hget(f"{self.PREFIX}:meta", "scheme")
            scheme = stored.decode() if isinstance(stored, bytes) else str(stored)
        except (redis.RedisError, ValueError) as exc:
            raise IndexUnavailable(f"{url}: {exc}") from exc
        if scheme != SCHEME:
            raise IndexUnavailable(f"{url}: made by another clipclean version ({scheme})")
        self._add = self._redis.register_script(_ADD_SCRIPT)
        self._tail = [f"{self.PREFIX}:seq", f"{self.PREFIX}:entries"]
        self._errors = redis.RedisError

    def __len__(self) -> int:
        return int(self._redis.hlen(f"{self.PREFIX}:entries"))

    def claim(
        self, story_id: str, fp: minhash.Fingerprint, judge: Judge, screen: Screen | None = None
    ) -> Entry | None:
        every = [f"{self.PREFIX}:b:{key}" for key in sorted(set(fp.bands().tolist()))]
        packed = _pack(story_id, fp)
        try:
            while True:
                counts = self._redis.pipeline(transaction=False)
                for key in every:
                    counts.scard(key)
                keys = [key for key, count in zip(every, counts.execute(), strict=True) if count < CROWDED]
                seqs = sorted(int(s) for s in self._redis.sunion(keys)) if keys else []
                blobs = self._redis.hmget(f"{self.PREFIX}:entries", seqs) if seqs else []
                entries = [_unpack(seq, blob) for seq, blob in zip(seqs, blobs, strict=True)]
                match = judge(screened(entries, screen))
                if match is not None:
                    return match
                added = self._add(keys=[*keys, *self._tail], args=[len(seqs), packed])
                if added != -1:
                    return None
        except self._errors as exc:
            raise IndexUnavailable(f"redis: {exc}") from exc

    def commit(self) -> None:
        """Every claim is already permanent in Redis."""

    def close(self) -> None:
        self._redis.close()


_HEAD = struct.Struct("<II")  # n-gram count, id length


def _pack(story_id: str, fp: minhash.Fingerprint) -> bytes:
    name = story_id.encode("utf-8", "surrogatepass")
    signature = minhash.stored(fp.signature).tobytes()
    return _HEAD.pack(fp.size, len(name)) + signature + name + _pack_head(fp.head)


def _unpack(seq: int, blob: bytes) -> Entry:
    size, name_bytes = _HEAD.unpack_from(blob)
    end = _HEAD.size + minhash.K
    story_id = blob[end : end + name_bytes].decode("utf-8", "surrogatepass")
    signature = np.frombuffer(blob[_HEAD.size : end], dtype=np.uint8)
    return Entry(story_id, seq, signature, size, blob[end + name_bytes :])


def _pack_head(head: str) -> bytes:
    return zlib.compress(head.encode("utf-8", "surrogatepass"), 1)


def _unpack_head(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")

"""Fingerprints of whole stories for near-duplicate search: one-permutation MinHash in numpy.

A story is reduced to its letters and digits (lower case, every digit written as 0), cut
into character n-grams — 4 characters where Hangul, kana or Han dominate, 7 otherwise, so
that an n-gram carries about as much as a short word in either — and each n-gram is hashed
once to 64 bits. The signature keeps, for each of `K` buckets (the hash's top bits), the
smallest hash that falls into it (one-permutation hashing, Li, Owen & Zhang 2012); empty
buckets borrow from a bucket chosen by a fixed hash ("optimal densification", Shrivastava
2017). The share of equal buckets between two signatures estimates the Jaccard similarity
of the two n-gram sets, as datasketch's MinHash does with K separate hash functions, at a
fraction of the cost: everything is a handful of numpy operations over the text.

Why the choices: spaces and punctuation are dropped, so Korean spacing variants and lines
hard-wrapped through words give the same n-grams; digits are masked so that two reports
written from one template look alike here, and `head` (the story's opening, kept verbatim)
tells them apart (`compare`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clipclean.stages import compare

U64 = np.uint64
Array = npt.NDArray[np.uint64]

#: Signature length (buckets); band keys are made from `BANDS` groups of `ROWS` buckets (the first 128).
K = 256
BANDS, ROWS = 64, 2
#: Bits of each bucket an index stores: 8-bit buckets (b-bit minwise hashing, Li & König 2010) let
#: 256 buckets fit where 128 of 16 bits would, and estimate similarity more closely.
STORED_BITS = 8
WIDE_NGRAM, NARROW_NGRAM = 4, 7
#: Only a story's first million characters are fingerprinted (a hundred ordinary stories): a
#: 50 MB "story" would otherwise take over 30 bytes of memory per character here.
MAX_CHARS = 1 << 20

_WIDE = 0x2E80  # from CJK radicals on: Han, kana, Hangul syllables (one character ~ one short word)
_MULT = U64(0x9E3779B97F4A7C15)
_ADD = U64(0x632BE59BD9B4E019)
_MIX = U64(0xFF51AFD7ED558CCD)
_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_SHIFT = U64(64 - (K.bit_length() - 1))


@dataclass(frozen=True)
class Fingerprint:
    """What the corpus index keeps of a story."""

    signature: npt.NDArray[np.uint32]
    """K bucket minima (32 bits each)."""
    size: int
    """Number of distinct n-grams: with two sizes and a Jaccard estimate, containment follows."""
    head: str
    """The story's first `compare.HEAD_CHARS` characters: what tells a copy from another report."""

    def bands(self) -> npt.NDArray[np.uint32]:
        """One 32-bit key per band: stories sharing a key are candidates."""
        rows = self.signature[: BANDS * ROWS].reshape(BANDS, ROWS).astype(U64)
        with np.errstate(over="ignore"):
            key = rows[:, 0] * _MULT + rows[:, 1] * _MIX + _band_salt()
            key ^= key >> U64(29)
            key *= _MULT
        keys: npt.NDArray[np.uint32] = (key >> U64(32)).astype(np.uint32)
        return keys


def fingerprint(text: str, min_ngrams: int = 8) -> Fingerprint | None:
    """The fingerprint of a story (its first `MAX_CHARS` characters), or None when it has
    fewer than `min_ngrams` n-grams.

    >>> a = fingerprint("대상 수상 소식이 전해졌다. 시상식은 서울에서 열렸다.")
    >>> b = fingerprint("대상수상 소식이 전해졌다. 시상식은 서울에서 열렸다")
    >>> bool((a.signature == b.signature).all()), a.size == b.size
    (True, True)
    >>> fingerprint("Too short.") is None
    True
    """
    hashes = np.sort(_ngram_hashes(_codepoints(text[:MAX_CHARS])))
    if len(hashes) < min_ngrams:
        return None
    hashes = hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # distinct (np.unique is slower)
    if len(hashes) < min_ngrams:
        return None
    starts = np.arange(K, dtype=U64) << _SHIFT
    position = np.searchsorted(hashes, starts)
    value = hashes[np.minimum(position, len(hashes) - 1)]
    filled = (position < len(hashes)) & ((value >> _SHIFT) == np.arange(K, dtype=U64))
    signature = (value & U64(0xFFFFFFFF)).astype(np.uint32)
    if not filled.all():
        signature = _densify(signature, filled)
    return Fingerprint(signature, len(hashes), text[: compare.HEAD_CHARS])


def stored(signature: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    """The part of a signature an index keeps: the low `STORED_BITS` of each bucket."""
    low: npt.NDArray[np.uint8] = (signature & ((1 << STORED_BITS) - 1)).astype(np.uint8)
    return low


def jaccard(a: npt.NDArray[np.integer], b: npt.NDArray[np.integer]) -> float:
    """Estimated Jaccard similarity of two stored signatures: the share of buckets that agree,
    less the share expected to agree by chance in `STORED_BITS` bits.

    >>> same = np.arange(256, dtype=np.uint8)
    >>> jaccard(same, same), jaccard(same, same[::-1])
    (1.0, 0.0)
    """
    chance = 1 / (1 << STORED_BITS)
    agree = float(np.count_nonzero(a == b)) / len(a)
    return max(0.0, (agree - chance) / (1 - chance))


def _codepoints(text: str) -> npt.NDArray[np.uint32]:
    """Lower-case letters and digits of the text (every digit as "0"), as code points."""
    points = np.frombuffer(text.lower().encode("utf-32-le", "surrogatepass"), dtype="<u4")
    table = _char_table()
    mapped: npt.NDArray[np.uint32] = table[np.minimum(points, len(table) - 1)]
    letters: npt.NDArray[np.uint32] = mapped[mapped != 0]
    return letters


def _ngram_hashes(points: npt.NDArray[np.uint32]) -> Array:
    """One 64-bit hash per character n-gram, by prefix sums of a polynomial hash (mod 2**64)."""
    count = len(points)
    wide = 2 * int(np.count_nonzero(points >= _WIDE)) >= count
    n = WIDE_NGRAM if wide else NARROW_NGRAM
    if count < n:
        return np.empty(0, dtype=U64)
    up, down = _powers(count)
    with np.errstate(over="ignore"):
        prefix = np.zeros(count + 1, dtype=U64)
        np.cumsum((points * _MULT + _ADD) * down[:count], out=prefix[1:])
        hashes = (prefix[n:] - prefix[:-n]) * up[: count - n + 1]  # each n-gram, position removed
        hashes ^= hashes >> U64(32)
        hashes *= _MIX
        hashes ^= hashes >> U64(29)
    return hashes


def _densify(signature: npt.NDArray[np.uint32], filled: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint32]:
    """Fill empty buckets from filled ones, each choosing by its own fixed sequence of probes."""
    out: npt.NDArray[np.uint32] = signature.copy()
    empty = np.flatnonzero(~filled).astype(U64)
    attempt = 0
    while len(empty):  # each round, every bucket still empty probes once more
        attempt += 1
        with np.errstate(over="ignore"):
            probe = ((empty * _MULT + U64(attempt) * _MIX) >> U64(20)) % U64(K)
        hit = filled[probe]
        out[empty[hit]] = signature[probe[hit]]
        empty = empty[~hit]
    return out


@functools.cache
def _char_table() -> npt.NDArray[np.uint32]:
    """Code point → itself for letters, "0" for digits, 0 for everything else (the BMP)."""
    table = np.zeros(0x10000, dtype=np.uint32)
    for point in range(0x10000):
        char = chr(point)
        if char.isdigit():
            table[point] = ord("0")
        elif char.isalnum():
            table[point] = point
    return table


@functools.cache
def _band_salt() -> Array:
    with np.errstate(over="ignore"):
        salt: Array = np.arange(1, BANDS + 1, dtype=U64) * U64(0xC2B2AE3D27D4EB4F)
    return salt


def _powers(count: int) -> tuple[Array, Array]:
    """BASE**i and BASE**-i modulo 2**64 for i < count (cached in growing blocks)."""
    size = 1 << max(12, (count - 1).bit_length())
    return _power_table(size)


@functools.cache
def _power_table(size: int) -> tuple[Array, Array]:
    inverse = pow(_BASE, -1, 1 << 64)
    out = []
    for base in (_BASE, inverse):
        steps = np.full(size, base, dtype=U64)
        steps[0] = 1
        with np.errstate(over="ignore"):
            out.append(np.cumprod(steps, dtype=U64))
    return out[0], out[1]

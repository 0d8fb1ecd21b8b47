"""Repeats inside a page, and near-duplicate stories across the whole run (MinHash LSH)."""

from __future__ import annotations

import functools
import re
import zlib
from typing import Any

from clipclean.config import Config
from clipclean.stages.chrome import RULE_REASONS

REPEAT = "repeat"
_NON_WORD = re.compile(r"[\W_]+")
_GRAM_CHARS = 2000
_SCHEME = "affine32"  # datasketch 2's default: unbiased, and half the memory of "legacy"


def squash(text: str) -> str:
    """Text reduced to lower-case letters and digits: what makes two lines "the same".

    >>> squash("Seoul, June 7 — (Yonhap)")
    'seouljune7yonhap'
    """
    return _NON_WORD.sub("", text).lower()


def page_repeats(
    lines: list[str], reasons: list[str | None], config: Config | None = None
) -> list[int | None]:
    """For each line that repeats an earlier line of the page, the index of that first line.

    Near repeats count too (a photo credit added, punctuation or spacing changed): lines
    are compared by MinHash of character 3-grams, and a candidate from the LSH index is
    confirmed by Jaccard similarity or by one line containing the other. Lines removed
    for a reason of their own (no letters, copyright) are left alone.

    >>> page_repeats(["Photo: a cat on a mat", "Photo: a cat on a mat.", "Text."], [None, None, None])
    [None, 0, None]
    >>> caption = "지방자치 정책대상 시상식에서 대상 수상"
    >>> page_repeats([caption, caption + " (사진=연합뉴스)", "x"], [None] * 3)
    [None, 0, None]
    """
    from datasketch import MinHash, MinHashLSH

    config = config or Config()
    # explicit bands: datasketch would otherwise integrate for the optimal ones on every page
    lsh = MinHashLSH(num_perm=config.line_minhash_perm, params=config.line_lsh_bands)
    permutations = _line_permutations(config.line_minhash_perm)
    first: dict[str, int] = {}
    seen: dict[int, tuple[str, set[bytes]]] = {}
    out: list[int | None] = []
    for index, (line, reason) in enumerate(zip(lines, reasons, strict=True)):
        key = squash(line)
        if reason in RULE_REASONS or not key:
            out.append(None)
            continue
        match = first.get(key)
        if match is None and len(key) >= config.line_repeat_min_chars:
            head = key[:_GRAM_CHARS]  # a paragraph's start is enough to tell; caps the work on huge lines
            grams = {head[k : k + 3].encode("utf-8") for k in range(len(head) - 2)}
            minhash = MinHash(
                num_perm=config.line_minhash_perm, permutations=permutations, scheme=_SCHEME, hashfunc=_crc32
            )
            minhash.update_batch(sorted(grams))
            found = [i for i in lsh.query(minhash) if _same_line((key, grams), seen[i], config)]
            match = min(found) if found else None
            lsh.insert(index, minhash)
            seen[index] = (key, grams)
        out.append(match)
        first.setdefault(key, index if match is None else match)
    return out


@functools.lru_cache(maxsize=2)
def _line_permutations(num_perm: int) -> Any:
    """The permutations are fixed by the seed; made once per process, not once per page."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=7, scheme=_SCHEME).permutations


def _crc32(data: bytes) -> int:
    """A stable 32-bit hash, several times faster than datasketch's default SHA-1."""
    return zlib.crc32(data)


def _same_line(a: tuple[str, set[bytes]], b: tuple[str, set[bytes]], config: Config) -> bool:
    """Confirm an LSH candidate (key, 3-grams): nearly the same 3-grams, or one line inside the other."""
    short, long = sorted((a[0], b[0]), key=len)
    if short in long and len(short) >= config.line_containment * len(long):
        return True
    return len(a[1] & b[1]) >= config.line_repeat_similarity * len(a[1] | b[1])


def shingles(text: str, size: int) -> set[str]:
    """Character n-grams of the text without spaces and punctuation.

    Korean spacing varies between portals ("대상 수상" / "대상수상"); dropping spaces
    before shingling makes both spellings of a story look the same.

    >>> sorted(shingles("a b-cd", 3))
    ['abc', 'bcd']
    """
    flat = squash(text)
    return {flat[i : i + size] for i in range(len(flat) - size + 1)}


class CorpusIndex:
    """Stories seen so far in this run; finds the one a new story near-duplicates.

    Created per run and passed in: there is no module-level state.
    """

    def __init__(self, config: Config) -> None:
        from datasketch import MinHash, MinHashLSH

        self._config = config
        self._lsh = MinHashLSH(threshold=config.dedup_threshold, num_perm=config.minhash_perm)
        self._template = MinHash(num_perm=config.minhash_perm, seed=1, scheme=_SCHEME)
        self._signatures: dict[str, Any] = {}
        self._order: dict[str, int] = {}

    def signature(self, text: str) -> Any | None:
        """A MinHash of the story text, or None when it is too short to compare safely."""
        from datasketch import MinHash

        grams = shingles(text, self._config.shingle_size)
        if len(grams) < self._config.min_shingles:
            return None
        minhash = MinHash(
            num_perm=self._config.minhash_perm,
            permutations=self._template.permutations,
            scheme=_SCHEME,
        )
        minhash.update_batch([gram.encode("utf-8") for gram in sorted(grams)])
        return minhash

    def find(self, text: str) -> tuple[str | None, Any | None]:
        """The kept story this text near-duplicates (most similar, earliest on ties), and its signature."""
        signature = self.signature(text)
        if signature is None:
            return None, None
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(signature):
            similarity = signature.jaccard(self._signatures[key])
            if similarity >= self._config.dedup_threshold:
                candidate = (-similarity, self._order[key], key)
                best = candidate if best is None or candidate < best else best
        return (best[2] if best else None), signature

    def add(self, story_id: str, signature: Any | None) -> None:
        """Remember a kept story (stories too short to sign are not indexed)."""
        if signature is None or story_id in self._signatures:
            return
        self._lsh.insert(story_id, signature)
        self._signatures[story_id] = signature
        self._order[story_id] = len(self._order)

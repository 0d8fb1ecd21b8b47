"""Repeats inside a page, and near-duplicate stories across the whole run (MinHash LSH)."""

from __future__ import annotations

import re
from typing import Any

from clipclean.config import Config

REPEAT = "repeat"
_NON_WORD = re.compile(r"[\W_]+")
_SCHEME = "affine32"  # datasketch 2's default: unbiased, and half the memory of "legacy"


def squash(text: str) -> str:
    """Text reduced to lower-case letters and digits: what makes two lines "the same".

    >>> squash("Seoul, June 7 — (Yonhap)")
    'seouljune7yonhap'
    """
    return _NON_WORD.sub("", text).lower()


def page_repeats(lines: list[str], verdicts: list[str | None]) -> list[int | None]:
    """For each kept line that repeats an earlier kept line, the index of that first line.

    >>> page_repeats(["Photo: a cat", "Photo: a cat.", "Text."], [None, None, None])
    [None, 0, None]
    """
    first: dict[str, int] = {}
    out: list[int | None] = []
    for index, (line, verdict) in enumerate(zip(lines, verdicts, strict=True)):
        key = squash(line)
        if verdict is not None or not key:
            out.append(None)
            continue
        out.append(first.get(key))
        first.setdefault(key, index)
    return out


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

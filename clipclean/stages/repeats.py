"""Repeats inside a page: lines that repeat an earlier line exactly or nearly (MinHash LSH), and
kept lines that repeat a passage above them with its lines broken otherwise."""

from __future__ import annotations

import functools
import importlib
import re
import sys
import types
from collections import Counter
from typing import Any

import numpy as np

from clipclean.config import Config
from clipclean.stages import fields
from clipclean.stages.chrome import RULE_REASONS

REPEAT = "repeat"
_NON_WORD = re.compile(r"[\W_]+")
_GRAM_CHARS = 500
_MAX_CANDIDATES = 16  # LSH candidates confirmed per line, earliest first
_FILTER_GRAM = 5
_FILTER_SHARE = 0.3
_FILTER_RATIO = 0.4
_GRAM_BASE = np.uint64(0x10FFFF + 2)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio: its top 32 bits of a product mix well
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
    confirmed by Jaccard similarity or by one line containing the other; two date lines of two
    days are no repeat, however alike. Lines removed for a reason of their own (no letters,
    copyright) are left alone.

    Only lines that share at least `_FILTER_SHARE` of their character 5-grams with lines of
    comparable size (counted for all lines at once in numpy) can be near repeats or their
    originals, so only those get a MinHash: on the dev pages about 40% of the lines, and every
    near repeat found by hashing all of them shares 44% or more.

    >>> page_repeats(["Photo: a cat on a mat", "Photo: a cat on a mat.", "Text."], [None, None, None])
    [None, 0, None]
    >>> caption = "지방자치 정책대상 시상식에서 대상 수상"
    >>> page_repeats([caption, caption + " (사진=연합뉴스)", "x"], [None] * 3)
    [None, 0, None]
    """
    config = config or Config()
    keys = [
        squash(line) if reason not in RULE_REASONS else ""
        for line, reason in zip(lines, reasons, strict=True)
    ]
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key:
            first.setdefault(key, index)
    # a line can only be a near repeat (or the original of one) when much of it occurs elsewhere
    distinct = [i for i in first.values() if len(keys[i]) >= config.line_repeat_min_chars]
    shared = shared_shares([keys[i][:_GRAM_CHARS] for i in distinct], _FILTER_GRAM)
    candidates = {i for i, share in zip(distinct, shared, strict=True) if share >= _FILTER_SHARE}
    near = _near_repeats(keys, sorted(candidates), config) if len(candidates) > 1 else {}
    near = {
        i: j for i, j in near.items() if not _two_dates(lines[i], lines[j]) and not _lede(lines[i], lines[j])
    }
    out: list[int | None] = []
    for index, key in enumerate(keys):
        if not key:
            out.append(None)
        elif first[key] != index:
            out.append(first[key])  # the same line again: an exact repeat (or a repeat's repeat)
        else:
            out.append(near.get(index))
            if index in near:
                first[key] = near[index]
    return out


def _lede(line: str, first: str) -> bool:
    """Whether a line that holds an earlier one is the story's lede under its headline: the
    earlier is shaped like a headline, the later is longer and ends in a full stop ("3月5日上午，
    云岭县召开…部署会议。" under "云岭县召开…部署会"). It tells more, and is no repeat.

    >>> _lede("On Monday the council voted to close the bridge to cars.", "Council votes to close the bridge")
    True
    >>> _lede("Council votes to close the bridge (Photo: AP)", "Council votes to close the bridge")
    False
    """
    longer = len(squash(line)) > len(squash(first))
    return longer and fields.is_headline(first) and bool(_FULL_STOP.search(line))


_FULL_STOP = re.compile(r"[.。．][\"'”’」』)）]*\s*$")


def _two_dates(line: str, other: str) -> bool:
    """Whether two lines alike in their letters are date lines of two days: "2 de diciembre de
    2026" under one story and "3 de diciembre de 2026" under the next are no repeat.

    >>> _two_dates("2 de diciembre de 2026", "3 de diciembre de 2026")
    True
    >>> _two_dates("3 Dec 2026", "3 Dec. 2026")
    False
    """
    if not (fields.is_dateline(line) and fields.is_dateline(other)):
        return False
    return fields.parse_date(line) != fields.parse_date(other)


def kept_first(repeat_of: list[int | None], reasons: list[str | None]) -> list[int | None]:
    """Repeats with the second of a line's two copies as their original, when the chrome
    stage removed the first and kept the second (the article's lede in a teaser above it, its
    headline in a list of the most read): it is no repeat of a line that no story holds. A
    line shown three times or more is the site's (an ad's label, a "Follow us"): its copies
    stay repeats.

    >>> kept_first([None, 0, None, None, 3, 3], ["menu", None, None, "menu", None, None])
    [None, None, None, None, 3, 3]
    """
    copies = Counter(first for first in repeat_of if first is not None)
    return [
        None if first is not None and copies[first] == 1 and reasons[first] is not None and reasons[i] is None
        else first
        for i, first in enumerate(repeat_of)
    ]  # fmt: skip


def passages_again(
    lines: list[str], reasons: list[str | None], repeat_of: list[int | None]
) -> list[str | None]:
    """The reasons, with REPEAT for each kept line (`PASSAGE_CHARS` letters and digits or more)
    whose text the kept lines above it already hold, `PASSAGE_SHARE` of its `PASSAGE_GRAM`-grams
    of letters and digits or more (about two words: in a long text, the short n-grams of one
    line are all found above it by chance, its word pairs are not): the body
    shown again with its lines broken otherwise (a print copy, a second tab's text, a summary
    that repeats the article run together), which no line-by-line comparison finds. Its first
    copy is no line shown twice (a caption's or a headline's sign, `split`): it stays text.

    >>> body = ["The river rose overnight in the old town.", "Roads closed at dawn near the bridge.",
    ...         "Schools shut for the day, the council said."]
    >>> again = " ".join(body)[:-18]  # the three lines run together, cut short
    >>> other = "The river rose overnight again, and the roads near the bridge closed at dawn today."
    >>> passages_again([*body, again, other], [None] * 5, [None] * 5)
    [None, None, None, 'repeat', None]
    """
    out = list(reasons)
    kept = [i for i, line in enumerate(lines) if reasons[i] is None and repeat_of[i] is None and line.strip()]
    keys = [squash(lines[i]) for i in kept]
    long = np.array([k for k, key in enumerate(keys) if len(key) >= PASSAGE_CHARS], dtype=np.int64)
    if not len(long) or sum(map(len, keys)) > PASSAGE_TEXT_CHARS:
        return out
    # the kept lines, and where each runs into the next (a copy may join the two): held, not counted
    edge = PASSAGE_GRAM - 1
    seams = [keys[k - 1][-edge:] + keys[k][:edge] for k in range(1, len(keys))]
    codes, owner = distinct_grams(keys + seams, PASSAGE_GRAM)  # by code
    line = np.concatenate([np.arange(len(keys)), np.arange(1, len(keys))])[owner]
    fresh = np.ones(len(codes), dtype=bool)
    fresh[1:] = codes[1:] != codes[:-1]
    first = np.minimum.reduceat(line, np.flatnonzero(fresh))[np.cumsum(fresh) - 1]  # its first line
    own = owner < len(keys)
    share = np.bincount(line[own], weights=first[own] < line[own], minlength=len(keys)) / np.maximum(
        np.bincount(line[own], minlength=len(keys)), 1
    )
    for k in long[share[long] >= PASSAGE_SHARE]:
        out[kept[k]] = REPEAT
    return out


PASSAGE_CHARS = 80
PASSAGE_GRAM = 10
PASSAGE_SHARE = 0.9
"""(Text mode, seed-0 fold models, out of fold: `dev/pages` 0.9253 -> 0.9276, two pages whose
body is shown again run together up 0.33 and 0.21; `pages-more` 0.89595 -> 0.89603, three pages
up 0.03, three down by 0.001-0.005; `pages-ko` and `pages-cjk` unchanged; HTML mode, pages read
whole: one page up, one down. With 5-grams, a made-up text of ten million letters in a
Zipf-distributed vocabulary lost lines whose every 5-gram it had used before; with 20-grams, one
of the two pages only up 0.17.)"""
PASSAGE_TEXT_CHARS = 1_000_000
"""A page of more kept text is not searched (a book, not a page shown twice: the search's time
and memory grow with the text)."""


def _near_repeats(keys: list[str], candidates: list[int], config: Config) -> dict[int, int]:
    """For candidate lines (in page order) that nearly repeat an earlier candidate, that line.

    The 3-grams of all candidates are found at once in numpy, hashed to the 32 bits
    datasketch's scheme takes, and turned into datasketch MinHash values for the whole page at
    once (`line_signatures`); the earlier candidates sharing an LSH band with each line are
    found at once too (`band_candidates`, datasketch's MinHashLSH banding), and the earliest
    few are confirmed by `_same_line`.
    """
    codes, owner = distinct_grams([keys[i][:_GRAM_CHARS] for i in candidates], 3)
    order = np.argsort(owner, kind="stable")
    codes = codes[order]
    bounds = np.searchsorted(owner[order], np.arange(len(candidates) + 1))
    hashed = (codes * _MULTIPLIER) >> np.uint64(32)
    signatures = line_signatures(hashed, bounds, config.line_minhash_perm)
    grams: dict[int, set[int]] = {}
    near: dict[int, int] = {}
    banded = band_candidates(signatures, *config.line_lsh_bands)
    for k, (index, found) in enumerate(zip(candidates, banded, strict=True)):
        grams[index] = set(codes[bounds[k] : bounds[k + 1]].tolist())
        earlier = (candidates[j] for j in found)
        match = next(
            (i for i in earlier if _same_line(keys[index], grams[index], keys[i], grams[i], config)), None
        )
        if match is not None:
            near[index] = match
    return near


def band_candidates(
    signatures: np.ndarray, bands: int, rows: int, most: int = _MAX_CANDIDATES
) -> list[list[int]]:
    """For each row of MinHash values, the earliest `most` earlier rows sharing a band with it:
    what datasketch's `MinHashLSH(params=(bands, rows))` answers, sorted and cut to `most`, when
    each row queries an index of the rows before it (a test checks this against datasketch),
    for the whole page at once instead of a query and an insert per line. The cut bounds the
    work on a page of many look-alike lines.
    """
    earlier: list[set[int]] = [set() for _ in range(len(signatures))]
    width = signatures.dtype.itemsize * rows
    for band in range(bands):
        keys = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows]).view(f"V{width}").ravel()
        group = np.unique(keys, return_inverse=True)[1].ravel()
        order = np.argsort(group, kind="stable")  # rows of one band key, in page order
        cuts = np.flatnonzero(np.diff(group[order])) + 1
        starts, ends = np.concatenate(([0], cuts)), np.concatenate((cuts, [len(order)]))
        shared = ends - starts > 1
        for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
            members = order[start:end].tolist()
            for n, row in enumerate(members[1:], start=1):
                earlier[row].update(members[: min(n, most)])
    return [sorted(found)[:most] for found in earlier]


def line_signatures(hashed: np.ndarray, bounds: np.ndarray, num_perm: int) -> np.ndarray:
    """The datasketch MinHash values (scheme affine32, seed 7) of many lines at once: line k's
    32-bit n-gram hashes are `hashed[bounds[k]:bounds[k + 1]]`, none of them empty.

    The same arithmetic as `MinHash.update_batch`, with datasketch's own mixing function and
    permutations, over a whole page in numpy instead of one line at a time (a test checks
    that the values are the same as datasketch's).
    """
    mix = _datasketch().minhash._fmix
    a, b = _line_permutations(num_perm)
    with np.errstate(over="ignore"):
        values = mix(hashed.astype(np.uint32), 32)[:, None] * a[None, :] + b[None, :]
    return np.minimum.reduceat(values, bounds[:-1], axis=0)


def shared_shares(texts: list[str], n: int, ratio: float = _FILTER_RATIO) -> np.ndarray:
    """For each text, the share of its distinct character n-grams found in another text of
    comparable size (at least `ratio` times as many distinct n-grams, or at most 1 / `ratio`).

    >>> shared_shares(["abcdef", "xxbcdeyy", "zzzzzz"], 3).tolist()
    [0.5, 0.3333333333333333, 0.0]
    >>> shared_shares(["abcd", "abcdefghijklmnop"], 3).tolist()  # too different in size
    [0.0, 0.0]
    >>> shared_shares(["ab", "ab"], 3).tolist()  # no n-grams at all
    [0.0, 0.0]
    """
    if not texts:
        return np.zeros(0)
    codes, owner = distinct_grams(texts, n)
    total = np.bincount(owner, minlength=len(texts))
    # only n-grams of two texts or more can be shared: most are in one text, and are left out
    multiple = _both_of(codes[1:] == codes[:-1], len(codes))
    codes, owner = codes[multiple], owner[multiple]
    size = total[owner]
    # by n-gram, then by size: the texts closest in size to one holding an n-gram are beside it
    order = np.lexsort((owner, size, codes))
    codes, owner, size = codes[order], owner[order], size[order]
    shared = _both_of((codes[1:] == codes[:-1]) & (size[:-1] >= ratio * size[1:]), len(codes))
    shares: np.ndarray = np.bincount(owner, weights=shared, minlength=len(texts)) / np.maximum(total, 1)
    return shares


def _both_of(pairs: np.ndarray, n: int) -> np.ndarray:
    """Of n items, those in a marked pair of neighbours (`pairs[k]` marks items k and k + 1).

    >>> _both_of(np.array([False, True, False]), 4).tolist(), _both_of(np.zeros(0, dtype=bool), 0).tolist()
    ([False, True, True, False], [])
    """
    marked = np.zeros(n, dtype=bool)
    marked[1:] |= pairs
    marked[:-1] |= pairs
    return marked


def distinct_grams(texts: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each text's distinct character n-grams, as (code, text number) pairs sorted by code.

    All texts at once in numpy: an n-gram's code is the polynomial of its code points in
    base 0x110001 modulo 2**64, exact (no two 3-grams share one) for n <= 3.

    >>> codes, owner = distinct_grams(["abab", "ba"], 2)
    >>> len(codes), owner.tolist()
    (3, [0, 0, 1])
    """
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    codes = np.zeros(max(0, len(points) - n + 1), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            codes = codes * _GRAM_BASE + points[k : k + len(codes)]
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(texts)), lengths)[: len(codes)]
    valid = np.arange(len(codes)) + n <= ends[owner]  # n-grams that do not run into the next text
    codes, owner = codes[valid], owner[valid]
    order = np.argsort(codes, kind="stable")  # by code; owners stay in order, as they came
    codes, owner = codes[order], owner[order]
    fresh = np.ones(len(codes), dtype=bool)
    fresh[1:] = (codes[1:] != codes[:-1]) | (owner[1:] != owner[:-1])
    return codes[fresh], owner[fresh]


@functools.lru_cache(maxsize=2)
def _line_permutations(num_perm: int) -> Any:
    """The permutations are fixed by the seed; made once per process, not once per page."""
    return _datasketch().MinHash(num_perm=num_perm, seed=7, scheme=_SCHEME).permutations


@functools.lru_cache(maxsize=1)
def _datasketch() -> Any:
    """datasketch, imported without paying for scipy.integrate up front.

    datasketch's LSH modules, imported with the package, import `scipy.integrate.quad` at module
    level only to find optimal bands when none are given (clipclean bands in `band_candidates`);
    that import is 0.5-0.6 s of the ~0.8 s datasketch takes to import, a quarter of a
    pre-commit check. While datasketch loads, `scipy.integrate` is a stand-in whose `quad`
    imports the real one on first call; the stand-in is gone from `sys.modules` afterwards, so
    every other import gets scipy's.
    """
    if "datasketch" in sys.modules or "scipy.integrate" in sys.modules:
        import datasketch

        return datasketch
    stand_in = types.ModuleType("scipy.integrate")

    def quad(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("scipy.integrate").quad(*args, **kwargs)

    stand_in.quad = quad  # type: ignore[attr-defined]  # (a module made at run time)
    sys.modules["scipy.integrate"] = stand_in
    try:
        import datasketch
    finally:
        if sys.modules.get("scipy.integrate") is stand_in:
            del sys.modules["scipy.integrate"]
    return datasketch


def _same_line(key: str, grams: set[int], other: str, other_grams: set[int], config: Config) -> bool:
    """Confirm an LSH candidate: nearly the same 3-grams, or one line inside the other."""
    short, long = sorted((key, other), key=len)
    if short in long and len(short) >= config.line_containment * len(long):
        return True
    return len(grams & other_grams) >= config.line_repeat_similarity * len(grams | other_grams)

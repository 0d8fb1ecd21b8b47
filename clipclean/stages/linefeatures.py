"""Site-independent features of each line of a clipping, for the chrome classifier.

Nothing here knows a site or a language's vocabulary: the features describe a line's
shape (length, punctuation, sentence endings, digits, capitals, bullets), its place in
the page (position, blank-line blocks, runs of short lines) and its neighbours, so that
what was learned on some sites carries to sites never seen.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

_SENTENCE_FINAL = re.compile(r"(?:[.!?。！？…]|[다요죠][.]?|습니다|ます|です|だ|た)[\"'”’»)\]」』]*$")
#: A sentence-ending mark: . ! ? and their CJK forms, before closing quotes and a space or the end.
SENTENCE_MARK = re.compile(r"[.!?。！？](?:[\"'”’»)\]」』]*)(?:\s|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞА-Я]")
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
_BULLET = re.compile(r"^\s*(?:[-–—•·*▶▷►■□◆◇○●◎※>|+]|\d{1,2}[.)]\s)")
_URLISH = re.compile(
    r"https?://|www\.|[\w.+-]{1,64}@[\w-]{1,63}\.\w|\.(?:com|net|org|co\.kr|kr|jp|de)\b", re.IGNORECASE
)
_TIMEISH = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
_NON_WORD = re.compile(r"\W+")
_SEPARATORS = re.compile(r"\s[|·/]\s|\s{3,}|\t")
_SHORT_CHARS = 40
_WINDOWS = (1, 3, 7)

#: Names of the columns `features` returns, in order (shipped with the model weights).
NAMES: list[str] = []


def _name(*names: str) -> None:
    NAMES.extend(names)


_name(
    "short_word_share",
    "kana_share",
    "particle_share",
    "mean_word_len",
    "log_sentences",
    "starts_lower",
    "ends_colon",
)
_name(
    "log_chars",
    "rel_len_max",
    "rel_len_median",
    "log_tokens",
    "cjk_share",
    "ends_sentence",
    "sentence_marks",
    "comma_rate",
    "punct_share",
    "digit_share",
    "upper_share",
    "title_words",
    "bullet",
    "separators",
    "urlish",
    "timeish",
    "indent",
    "position",
    "chars_before_share",
    "blank_before",
    "blank_after",
    "log_block_lines",
    "block_rel_len",
    "short_run",
    "repeats",
    "first_line",
    "last_line",
)
for _w in _WINDOWS:
    _name(f"win{_w}_ends_sentence", f"win{_w}_rel_len", f"win{_w}_short")
_name(
    "prev_rel_len",
    "next_rel_len",
    "prev_ends",
    "next_ends",
    "block_ends_share",
    "log_block_chars",
    "dist_long_line",
    "rel_to_longest",
)


def line_table(lines: list[str]) -> tuple[list[int], np.ndarray]:
    """Indices of the non-blank lines, and one feature row per such line (columns: NAMES)."""
    index = [i for i, line in enumerate(lines) if line.strip()]
    if not index:
        return index, np.zeros((0, len(NAMES)))
    texts = [lines[i].strip() for i in index]
    chars = np.array([len(t) for t in texts], dtype=float)
    rows = [_own_and_shape(t, lines[i]) for t, i in zip(texts, index, strict=True)]
    own = np.array([row[0] for row in rows], dtype=float)
    shape = np.array([row[1] for row in rows], dtype=float)
    ends = own[:, 1]
    context = _context(lines, index, texts, chars)
    rel_len = chars / chars.max()
    short = (chars < _SHORT_CHARS).astype(float)
    windows = [
        np.column_stack([_window_mean(ends, w), _window_mean(rel_len, w), _window_mean(short, w)])
        for w in _WINDOWS
    ]
    neighbours = _neighbours(lines, index, chars, ends)
    base = np.column_stack(
        [
            shape,
            np.log1p(chars),
            rel_len,
            chars / max(1.0, float(np.median(chars))),
            own[:, 0],
            own[:, 2],
            ends,
            own[:, 3],
            own[:, 4],
            own[:, 5],
            own[:, 6],
            own[:, 7],
            own[:, 8],
            own[:, 9],
            own[:, 10],
            own[:, 11],
            own[:, 12],
            own[:, 13],
            context,
        ]
    )
    return index, np.column_stack([base, *windows, neighbours])


_KANA = re.compile(r"[\u3040-\u309f]")
_HANGUL = re.compile(r"[가-힣]")
_HANGUL_WORD = re.compile(r"[가-힣]+")
#: Endings of Korean words that carry a particle or a verb ending (after at least one syllable).
_PARTICLES = tuple(
    "은 는 이 가 을 를 에 의 로 으로 도 와 과 에서 에게 하고 했다 한다 된다 있다 었다 였다".split()
)


def _shape(text: str, words: list[str], latin: list[str]) -> list[float]:
    """How much a line reads like prose: function words, particles, sentences, word length."""
    cjk = _CJK.findall(text)
    hangul_words = [w for w in words if _HANGUL.match(w)]
    sentences = len(SENTENCE_MARK.findall(text)) + (0 if SENTENCE_MARK.search(text[-2:]) else 1)
    return [
        sum(1 for w in latin if len(w) <= 3) / max(1, len(latin)),
        len(_KANA.findall(text)) / max(1, len(cjk)),
        sum(1 for w in hangul_words if _particle(w)) / max(1, len(hangul_words)),
        min(15, sum(len(w) for w in latin) / max(1, len(latin))) / 15,
        math.log1p(sentences),
        1.0 if text[:1].islower() else 0.0,
        1.0 if text.endswith((":", "：")) else 0.0,
    ]


def _particle(word: str) -> bool:
    """A word of Hangul syllables that ends in a particle or verb ending after a stem.

    >>> _particle("정부는"), _particle("는"), _particle("서울")
    (True, False, False)
    """
    return bool(_HANGUL_WORD.fullmatch(word)) and any(
        word.endswith(end) and len(word) > len(end) for end in _PARTICLES
    )


def _neighbours(lines: list[str], index: list[int], chars: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The lines around each line: their length and ending, its block's share of sentences."""
    rel = chars / chars.max()
    prev_rel = np.concatenate([[0.0], rel[:-1]])
    next_rel = np.concatenate([rel[1:], [0.0]])
    prev_end = np.concatenate([[0.0], ends[:-1]])
    next_end = np.concatenate([ends[1:], [0.0]])
    blocks = np.array(_blocks(lines, index))
    block_ends = np.zeros(len(index))
    block_chars = np.zeros(len(index))
    for b in np.unique(blocks):
        mask = blocks == b
        block_ends[mask] = ends[mask].mean()
        block_chars[mask] = math.log1p(chars[mask].sum())
    positions = np.arange(len(index))
    long_at = positions[rel >= 0.5]
    dist = _distance_to(positions, long_at) if len(long_at) else positions * 0
    longest = int(np.argmax(chars))
    return np.column_stack(
        [
            prev_rel,
            next_rel,
            prev_end,
            next_end,
            block_ends,
            block_chars,
            np.log1p(dist),
            (positions - longest) / max(1, len(index)),
        ]
    )


def _distance_to(positions: np.ndarray, marked: np.ndarray) -> np.ndarray:
    """Each position's distance to the nearest marked one (`marked` sorted, not empty).

    >>> _distance_to(np.arange(6), np.array([1, 4])).tolist()
    [1, 0, 1, 1, 0, 1]
    """
    after = np.searchsorted(marked, positions).clip(0, len(marked) - 1)
    before = (after - 1).clip(0)
    distance: np.ndarray = np.minimum(np.abs(positions - marked[after]), np.abs(positions - marked[before]))
    return distance


def _own_and_shape(text: str, raw: str) -> tuple[list[float], list[float]]:
    """`_own` and `_shape` of a line, its words found once for both."""
    words = _WORD.findall(text)
    if _CJK.search(text):
        latin = [w for w in words if not _CJK.search(w) and _LETTER.match(w)]
    else:  # the same, faster: a word ([^\W_]+) starts with a letter unless with a digit
        latin = [w for w in words if not w[0].isdecimal()]
    return _own(text, raw, words, latin), _shape(text, words, latin)


def _own(text: str, raw: str, words: list[str], latin_words: list[str]) -> list[float]:
    """Features of a line on its own."""
    n = max(1, len(text))
    letters = len(_LETTER.findall(text))
    cjk = len(_CJK.findall(text))
    tokens = cjk + len(latin_words) + sum(1 for w in words if w.isdigit())
    return [
        math.log1p(tokens),
        1.0 if _SENTENCE_FINAL.search(text) else 0.0,
        cjk / n,
        min(5, len(SENTENCE_MARK.findall(text))) / 5,
        min(1.0, (text.count(",") + text.count("、") + text.count("，")) * 20 / n),
        len(_PUNCT.findall(text)) / n,
        len(_DIGIT.findall(text)) / n,
        len(_UPPER.findall(text)) / max(1, letters),
        sum(1 for w in latin_words if w[0].isupper()) / max(1, len(latin_words)),
        1.0 if _BULLET.match(raw) else 0.0,
        min(3, len(_SEPARATORS.findall(text))) / 3,
        1.0 if _URLISH.search(text) else 0.0,
        1.0 if _TIMEISH.search(text) else 0.0,
        1.0 if raw[:1].isspace() else 0.0,
    ]


def _context(lines: list[str], index: list[int], texts: list[str], chars: np.ndarray) -> np.ndarray:
    """Where each line stands: position, blank-line blocks, runs of short lines, repeats."""
    total = len(lines)
    rows = []
    blocks = _blocks(lines, index)
    block_len = Counter(blocks)
    block_chars: Counter[int] = Counter()
    for b, c in zip(blocks, chars, strict=True):
        block_chars[b] += int(c)
    keys = [_NON_WORD.sub("", t).lower() for t in texts]
    counts = Counter(keys)
    cumulative = np.cumsum(chars) - chars
    runs = _short_runs(chars)
    max_chars = chars.max()
    for k, i in enumerate(index):
        rows.append(
            [
                i / max(1, total - 1),
                cumulative[k] / max(1.0, chars.sum()),
                1.0 if i == 0 or not lines[i - 1].strip() else 0.0,
                1.0 if i + 1 >= total or not lines[i + 1].strip() else 0.0,
                math.log1p(block_len[blocks[k]]),
                block_chars[blocks[k]] / block_len[blocks[k]] / max_chars,
                min(10, runs[k]) / 10,
                min(3, counts[keys[k]] - 1) / 3,
                1.0 if k == 0 else 0.0,
                1.0 if k == len(index) - 1 else 0.0,
            ]
        )
    return np.array(rows, dtype=float)


def _blocks(lines: list[str], index: list[int]) -> list[int]:
    """Block number of each non-blank line; blocks are separated by blank lines."""
    out, block, previous = [], 0, -2
    for i in index:
        if i != previous + 1:
            block += 1
        out.append(block)
        previous = i
    return out


def _short_runs(chars: np.ndarray) -> list[int]:
    """For each line, the length of the run of consecutive short lines it belongs to (0 if long)."""
    runs = [0] * len(chars)
    start = 0
    for k in range(len(chars) + 1):
        if k == len(chars) or chars[k] >= _SHORT_CHARS:
            for j in range(start, k):
                runs[j] = k - start
            start = k + 1
    return runs


def _window_mean(values: np.ndarray, width: int) -> np.ndarray:
    """Mean of each value's neighbours within `width` lines on either side (itself included)."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    lo = np.clip(np.arange(n) - width, 0, n)
    hi = np.clip(np.arange(n) + width + 1, 0, n)
    mean: np.ndarray = (padded[hi] - padded[lo]) / (hi - lo)
    return mean


def second_pass(table: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The line features plus what the first pass said about each line and its neighbours.

    An article is one contiguous run of text, so the first pass's scores are smoothed over
    windows, and the "main block" — the run of lines with the largest length-weighted
    surplus of article score — is marked, with each line's distance from it.
    """
    inside = main_block(first, table[:, NAMES.index("log_chars")])
    positions = np.arange(len(first))
    if inside.any():
        at = positions[inside > 0]
        distance = np.minimum(np.abs(positions - at[0]), np.abs(positions - at[-1])) * (1 - inside)
    else:
        distance = positions * 0.0
    previous = np.concatenate([[0.0], first[:-1]])
    following = np.concatenate([first[1:], [0.0]])
    smooth = [_window_mean(first, w) for w in _WINDOWS]
    top = max(float(first.max()), 1e-6)
    page = np.full(len(first), top)
    return np.column_stack(
        [table, first, *smooth, inside, np.log1p(distance), previous, following, first / top, page]
    )


def main_block(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """1.0 for the lines of the contiguous run with the largest sum of (score - 0.5) * weight.

    >>> main_block(np.array([0.1, 0.9, 0.8, 0.2, 0.9]), np.ones(5)).tolist()
    [0.0, 1.0, 1.0, 1.0, 1.0]
    """
    gain = (scores - 0.5) * weights
    best, current, start, best_start, best_end = -np.inf, 0.0, 0, 0, -1
    for k, value in enumerate(gain):
        if current <= 0:
            current, start = float(value), k
        else:
            current += float(value)
        if current > best:
            best, best_start, best_end = current, start, k
    block = np.zeros(len(scores))
    block[best_start : best_end + 1] = 1.0
    return block

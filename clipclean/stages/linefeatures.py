"""Site-independent features of each line of a clipping, for the chrome classifier.

Nothing here knows a site or a language's vocabulary: the features describe a line's
shape (length, punctuation, sentence endings, digits, capitals, bullets), its place in
the page (position, blank-line blocks, runs of short lines) and its neighbours, so that
what was learned on some sites carries to sites never seen.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

import numpy as np

TERMINALS = (
    ".!?"
    "\u0589\u061d\u061e\u061f\u06d4\u0700\u0701\u0702\u07f9\u0837\u0839\u083d\u083e\u0964\u0965\u104a"
    "\u104b\u1362\u1367\u1368\u166e\u1735\u1736\u17d4\u17d5\u1803\u1809\u1944\u1945\u1aa8\u1aa9\u1aaa"
    "\u1aab\u1b4e\u1b4f\u1b5a\u1b5b\u1b5e\u1b5f\u1b7d\u1b7e\u1b7f\u1c3b\u1c3c\u1c7e\u1c7f\u2024\u203c"
    "\u203d\u2047\u2048\u2049\u2cf9\u2cfa\u2cfb\u2e2e\u2e3c\u2e53\u2e54\u2e60\u2e61\u3002\ua4ff\ua60e"
    "\ua60f\ua6f3\ua6f7\ua876\ua877\ua8ce\ua8cf\ua92f\ua9c8\ua9c9\uaa5d\uaa5e\uaa5f\uaaf0\uaaf1\uabeb"
    "\ufe12\ufe15\ufe16\ufe52\ufe56\ufe57\uff01\uff0e\uff1f\uff61"
)
"""What ends a sentence in any script: Unicode's Sentence_Terminal characters of the Basic
Multilingual Plane (. ! ?, 。！？, the Devanagari danda ।, the Arabic ؟ and ۔, the Armenian ։,
the Ethiopic ።, the Myanmar ။, ...; a test checks the list against the `regex` module's
\\p{Sentence_Terminal})."""
CLOSERS = "\"'”’»“‘›)]」』\u200e\u200f\u061c\u202c\u2069"
"""What may follow a sentence's last mark: closing quotes (German and Czech close with “ and ‘,
Swiss German with ›) and brackets, and the invisible marks of writing direction that pages in
Arabic script and Hebrew set after a full stop (U+200F, U+061C, the end of an embedding)."""
_CLOSING = f"[{re.escape(CLOSERS)}]*"
_SENTENCE_FINAL = re.compile(rf"(?:[{TERMINALS}…]|[다요죠][.]?|습니다|ます|です|だ|た){_CLOSING}$")
UNMARKED = ("\u0e00", "\u0eff")
"""Scripts that end a sentence with a space, not a mark: Thai and Lao (the first and last code
points of their blocks). Neither has a Sentence_Terminal character, nor spaces between words: a
space between two of their letters ends a sentence or a clause, and a line of
`UNMARKED_SENTENCE` characters or more that ends in one of their letters ends a sentence; a
shorter one may be a headline or a menu item."""
UNMARKED_SENTENCE = 100
_UNMARKED = f"[{UNMARKED[0]}-{UNMARKED[1]}]"
_MARKED = re.compile(rf"[{TERMINALS}]{_CLOSING}(?:\s|$)")
#: A sentence-ending mark in any script (TERMINALS), before closing quotes and a space or the
#: end; in Thai and Lao (UNMARKED), a space between two letters.
SENTENCE_MARK = re.compile(rf"{_MARKED.pattern}|\s(?<={_UNMARKED}\s)(?={_UNMARKED})")
_ENDS_MARKED = re.compile(rf"[{TERMINALS}]{_CLOSING}$")


def ends_sentence(text: str) -> bool:
    """Whether a line (stripped) ends a sentence: a mark of any script (TERMINALS) before
    closing quotes and brackets, or in Thai or Lao a line of prose (`UNMARKED`).

    >>> [ends_sentence(text) for text in ("It rained.", "(Rain.)", "Rain", "ฝนตกหนัก" * 13, "ฝนตกหนัก")]
    [True, True, False, True, False]
    >>> ends_sentence("ירד גשם כל היום.\u200f")
    True
    """
    return bool(_ENDS_MARKED.search(text)) or unmarked_prose(text)


def sentence_final(text: str) -> bool:
    """Whether a line (stripped) ends as a sentence does: a mark of any script (TERMINALS) or an
    ellipsis, or an ending that closes a sentence with no mark in Korean or Japanese ("…했어요",
    "…했다", "…ました"), before closing quotes and brackets.

    >>> sentence_final("비가 왔어요"), sentence_final("雨が降りました"), sentence_final("Heavy rain")
    (True, True, False)
    """
    return bool(_SENTENCE_FINAL.search(text.rstrip(CLOSERS)[-3:]))


def unmarked_prose(text: str) -> bool:
    """Whether a line (stripped) is prose in Thai or Lao: `UNMARKED_SENTENCE` characters or
    more, ending in one of their letters."""
    return len(text) >= UNMARKED_SENTENCE and UNMARKED[0] <= text.rstrip(CLOSERS)[-1:] <= UNMARKED[1]


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞА-Я]")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
_BULLET = re.compile(r"^\s*(?:[-–—•·*▶▷►■□◆◇○●◎※>|+]|\d{1,2}[.)]\s)")
_URL = re.compile(r"https?://|www\.|\.(?:com|net|org|co\.kr|kr|jp|de)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.\w")
_TIMEISH = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
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
_name("template", "in_list", "list_gap")


def line_table(lines: list[str]) -> tuple[list[int], np.ndarray]:
    """Indices of the non-blank lines, and one feature row per such line (columns: NAMES).

    All lines are measured at once: the page's text as one array of code points, with a
    flag table for the character classes, and each pattern run once over the whole page.
    """
    index = [i for i, line in enumerate(lines) if line.strip()]
    if not index:
        return index, np.zeros((0, len(NAMES)))
    texts = [lines[i].strip() for i in index]
    chars = np.array([len(t) for t in texts], dtype=float)
    own, shape = _own_and_shape(texts, [lines[i] for i in index])
    ends = own[:, 1]
    context = _context(len(lines), np.array(index), texts, chars)
    rel_len = chars / chars.max()
    short = (chars < _SHORT_CHARS).astype(float)
    windows = [
        np.column_stack([_window_mean(ends, w), _window_mean(rel_len, w), _window_mean(short, w)])
        for w in _WINDOWS
    ]
    neighbours = _neighbours(np.array(index), chars, ends)
    lists = _lists(texts)
    base = np.column_stack(
        [
            shape,
            np.log1p(chars),
            rel_len,
            chars / max(1.0, float(np.median(chars))),
            own[:, 0],
            own[:, 2],
            ends,
            own[:, 3:],
            context,
        ]
    )
    return index, np.column_stack([base, *windows, neighbours, lists])


_KANA = re.compile(r"[\u3040-\u309f]")
_HANGUL = re.compile(r"[가-힣]")
#: Endings of Korean words that carry a particle or a verb ending (after at least one syllable).
_PARTICLES = tuple(
    "은 는 이 가 을 를 에 의 로 으로 도 와 과 에서 에게 하고 했다 한다 된다 있다 었다 였다".split()
)
# The same patterns for a whole page joined by "\n": whitespace other than the line break.
_SEPARATORS = re.compile(r"[^\S\n](?:[|·/][^\S\n]|[^\S\n]{2,})|\t")


# Character classes as bit flags; each flag is what its pattern (or str method) says of one character.
_IS_LETTER, _IS_CJK, _IS_KANA, _IS_HANGUL, _IS_DECIMAL = 1, 2, 4, 8, 16
_IS_PUNCT, _IS_UPPER, _IS_WORD, _IS_DIGIT, _STARTS_UPPER = 32, 64, 128, 256, 512
_CLASSES: list[tuple[re.Pattern[str] | str, int]] = [
    (_LETTER, _IS_LETTER), (_CJK, _IS_CJK), (_KANA, _IS_KANA), (_HANGUL, _IS_HANGUL),
    (_DIGIT, _IS_DECIMAL), (_PUNCT, _IS_PUNCT), (_UPPER, _IS_UPPER), (re.compile(r"[^\W_]"), _IS_WORD),
    ("isdigit", _IS_DIGIT), ("isupper", _STARTS_UPPER),
]  # fmt: skip
_BMP = 0x10000


@functools.lru_cache(maxsize=1)
def _flag_table() -> np.ndarray:
    """The flags of every code point of the Basic Multilingual Plane (built once, ~20 ms)."""
    plane = "".join(map(chr, range(0xD800))) + "\ufffd" * 0x800 + "".join(map(chr, range(0xE000, _BMP)))
    table = np.zeros(_BMP, dtype=np.uint16)
    for test, flag in _CLASSES:
        table[_chars_where(plane, test)] |= flag
    return table


def _chars_where(text: str, test: re.Pattern[str] | str) -> np.ndarray:
    """Positions of the characters of `text` a one-character pattern (or a str method) accepts."""
    if isinstance(test, str):
        return np.fromiter(map(getattr(str, test), text), dtype=bool, count=len(text))
    marker = "a" if test.match("\x01") else "\x01"  # a character the class does not hold
    found: np.ndarray = _code_points(text) != _code_points(test.sub(marker, text))
    return found


def _code_points(text: str) -> np.ndarray:
    codes: np.ndarray = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return codes


def _flags(codes: np.ndarray) -> np.ndarray:
    """Each code point's class flags (characters beyond the BMP looked up one by one)."""
    table = _flag_table()
    flags: np.ndarray = table[np.minimum(codes, _BMP - 1)]
    astral = codes >= _BMP
    if astral.any():
        for code in np.unique(codes[astral]):
            char = chr(int(code))
            flags[codes == code] = sum(flag for test, flag in _CLASSES if _chars_where(char, test)[0])
    return flags


def _own_and_shape(texts: list[str], raws: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """What each line is on its own, and how much it reads like prose (function words,
    particles, sentences, word length): two blocks of columns of the line table.

    Words are runs of letters and digits; "latin" words are those of them without Han, kana
    or Hangul that start with a letter.
    """
    page = "\n".join(texts)
    codes = _code_points(page)
    flags = _flags(codes)
    n = len(texts)
    lengths = np.array([len(t) for t in texts])
    line = np.repeat(np.arange(n), lengths + 1)[: len(codes)]

    def count(flag: int) -> np.ndarray:
        return np.bincount(line, weights=(flags & flag) > 0, minlength=n)

    def per_line(pattern: re.Pattern[str]) -> np.ndarray:
        starts = [match.start() for match in pattern.finditer(page)]
        return np.bincount(line[starts], minlength=n).astype(float) if starts else np.zeros(n)

    def where(pattern: re.Pattern[str], lines: np.ndarray) -> list[bool]:
        """pattern.search on the lines marked (the only ones that can hold a match)."""
        return [bool(marked and pattern.search(text)) for marked, text in zip(lines, texts, strict=True)]

    # words: where a run of word characters starts and ends
    word = (flags & _IS_WORD) > 0
    edges = np.diff(np.concatenate([[0], word.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    size = ends - starts
    owner = line[starts]

    def within(flag: int) -> np.ndarray:
        total = np.concatenate([[0], np.cumsum((flags & flag) > 0)])
        inside: np.ndarray = total[ends] - total[starts]
        return inside

    first = flags[starts]
    latin = (within(_IS_CJK) == 0) & ((first & _IS_LETTER) > 0)
    hangul_word = (first & _IS_HANGUL) > 0
    particle = hangul_word & (within(_IS_HANGUL) == size)  # words of Hangul syllables only ...
    particle[particle] = _ends_in_particle(codes, ends[particle], size[particle])  # ... with an ending

    def words(where: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(owner, weights=where if weights is None else where * weights, minlength=n)

    latin_words = words(latin)
    cjk = count(_IS_CJK)
    letters = count(_IS_LETTER)
    digits = count(_IS_DECIMAL)
    width = np.maximum(1, lengths)
    commas = np.bincount(line, weights=np.isin(codes, _COMMAS), minlength=n)
    thai_or_lao = (codes >= ord(UNMARKED[0])) & (codes <= ord(UNMARKED[1]))
    unmarked = np.zeros(n, dtype=bool)
    if thai_or_lao.any():  # a Thai or Lao page: its spaces end sentences, and so do its long lines
        marks = per_line(SENTENCE_MARK)
        unmarked = np.array([unmarked_prose(text) for text in texts])
    else:
        marks = per_line(_MARKED)  # the same marks, found faster
    tails = [text[-2:] for text in texts]
    own = np.column_stack(
        [
            np.log1p(cjk + latin_words + words(within(_IS_DIGIT) == size)),
            [sentence_final(text) for text in texts] | unmarked,
            cjk / width,
            np.minimum(5, marks) / 5,
            np.minimum(1.0, commas * 20 / width),
            count(_IS_PUNCT) / width,
            digits / width,
            count(_IS_UPPER) / np.maximum(1, letters),
            words(latin & ((first & _STARTS_UPPER) > 0)) / np.maximum(1, latin_words),
            [1.0 if _BULLET.match(raw) else 0.0 for raw in raws],
            np.minimum(3, per_line(_SEPARATORS)) / 3,
            (per_line(_URL) > 0) | where(_EMAIL, np.bincount(line, codes == ord("@"), minlength=n) > 0),
            where(_TIMEISH, digits >= 3),  # each of its forms has three digits or more
            [1.0 if raw[:1].isspace() else 0.0 for raw in raws],
        ]
    ).astype(float)
    shape = np.column_stack(
        [
            words(latin & (size <= 3)) / np.maximum(1, latin_words),
            count(_IS_KANA) / np.maximum(1, cjk),
            words(particle) / np.maximum(1, words(hangul_word)),
            np.minimum(15, words(latin, size) / np.maximum(1, latin_words)) / 15,
            np.log1p(marks + [0 if SENTENCE_MARK.search(tail) else 1 for tail in tails]),
            [1.0 if text[:1].islower() else 0.0 for text in texts],
            [1.0 if text.endswith((":", "：")) else 0.0 for text in texts],
        ]
    ).astype(float)
    return own, shape


_COMMAS = np.array([ord(","), ord("、"), ord("，")], dtype=np.uint32)


def _ends_in_particle(codes: np.ndarray, ends: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Which words end in one of `_PARTICLES` after at least one more syllable.

    >>> codes = _code_points("정부는 는 서울")
    >>> _ends_in_particle(codes, np.array([3, 5, 8]), np.array([3, 1, 2])).tolist()
    [True, False, False]
    """
    found = np.zeros(len(ends), dtype=bool)
    for ending in _PARTICLES:
        match = size > len(ending)
        for k, char in enumerate(ending):
            match &= codes[np.maximum(0, ends - len(ending) + k)] == ord(char)
        found |= match
    return found


def _neighbours(index: np.ndarray, chars: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The lines around each line: their length and ending, its block's share of sentences."""
    rel = chars / chars.max()
    prev_rel = np.concatenate([[0.0], rel[:-1]])
    next_rel = np.concatenate([rel[1:], [0.0]])
    prev_end = np.concatenate([[0.0], ends[:-1]])
    next_end = np.concatenate([ends[1:], [0.0]])
    blocks = _blocks(index)
    block_lines = np.bincount(blocks)
    block_ends = (np.bincount(blocks, weights=ends) / np.maximum(1, block_lines))[blocks]
    block_chars = np.log1p(np.bincount(blocks, weights=chars))[blocks]
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


def _context(total: int, index: np.ndarray, texts: list[str], chars: np.ndarray) -> np.ndarray:
    """Where each line stands: position, blank-line blocks, runs of short lines, repeats."""
    n = len(index)
    blocks = _blocks(index)
    block_lines = np.bincount(blocks)
    block_chars = np.bincount(blocks, weights=chars)
    keys = _NON_WORD_PAGE.sub("", "\n".join(texts)).lower().split("\n")
    counts = Counter(keys)
    repeats = np.array([counts[key] for key in keys]) - 1
    cumulative = np.cumsum(chars) - chars
    gap_before = np.concatenate([[True], np.diff(index) > 1])
    gap_after = np.concatenate([np.diff(index) > 1, [True]])
    first_last = np.zeros((n, 2))
    first_last[0, 0] = first_last[-1, 1] = 1.0
    return np.column_stack(
        [
            index / max(1, total - 1),
            cumulative / max(1.0, chars.sum()),
            gap_before | (index == 0),
            gap_after | (index + 1 >= total),
            np.log1p(block_lines[blocks]),
            block_chars[blocks] / block_lines[blocks] / chars.max(),
            np.minimum(10, _short_runs(chars)) / 10,
            np.minimum(3, repeats) / 3,
            first_last,
        ]
    ).astype(float)


_NON_WORD_PAGE = re.compile(r"[^\w\n]+")
_FRAME_MAX_CHARS = 150
_FRAME_MIN_LINES = 3


def frames(texts: list[str]) -> list[tuple[str, ...]]:
    """Each short line's frame: its words (numbers as "0") that at least `_FRAME_MIN_LINES`
    short lines of the page share, when they are most of the line; else ().

    Lines made from one template — comment headers ("Posted by: Ann at May 3, 2012 4:47
    PM"), the date line of each teaser, archive entries ("October 2012 (5)") — share a
    frame while their names and numbers differ.

    >>> frames(["By Ann at 3 pm", "Great post!", "By Bo Li at 4 pm", "By Cy at 9 pm"])
    [('by', 'at', '0', 'pm'), (), ('by', 'at', '0', 'pm'), ('by', 'at', '0', 'pm')]
    """
    words = [_TOKEN.findall(_NUMBER.sub("0", t.lower())) if len(t) <= _FRAME_MAX_CHARS else [] for t in texts]
    shared = Counter(w for line in words for w in set(line))
    out: list[tuple[str, ...]] = []
    for line in words:
        frame = tuple(w for w in line if shared[w] >= _FRAME_MIN_LINES)
        out.append(
            frame if frame and 2 * len(frame) >= len(line) and (len(frame) >= 2 or len(line) == 1) else ()
        )
    return out


_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"[^\W_]+")


def _slotted(frame: tuple[str, ...], lines: list[str]) -> bool:
    """A frame of a unit's header: words around slots that change from line to line (a date,
    a count, a name), not one line repeated ("Advertisement") nor a table's row of figures.

    >>> _slotted(("posted", "by", "at", "may", "0"), ["Posted by Ann at May 3", "Posted by Bo at May 4"])
    True
    >>> _slotted(("advertisement",), ["Advertisement", "Advertisement"])
    False
    """
    words = sum(1 for w in frame if w != "0")
    return "0" in frame and words >= 2 and len(set(lines)) > 1


def _regular_runs(at: list[int]) -> list[list[int]]:
    """The runs of a frame's lines that repeat at a steady pace: each next one at most twice
    the usual distance away (and `_MAX_UNIT` lines), `_FRAME_MIN_LINES` or more of them.

    >>> _regular_runs([2, 40, 50, 54, 58, 63, 90])
    [[40, 50, 54, 58, 63]]
    """
    gaps = np.diff(at)
    usual = float(np.median(gaps))
    runs: list[list[int]] = [[at[0]]]
    for before, k in itertools.pairwise(at):
        if k - before <= min(_MAX_UNIT, max(_MIN_GAP, 2 * usual)):
            runs[-1].append(k)
        else:
            runs.append([k])
    return [run for run in runs if len(run) >= _FRAME_MIN_LINES]


_MAX_UNIT = 40
_MIN_GAP = 4


def _lists(texts: list[str]) -> np.ndarray:
    """Lines made from one template, and the stretches of page they repeat over.

    Columns: how many other lines share the line's frame (see `frames`); whether the line
    lies between the first and last of a frame's lines that come with other lines between
    them (comment threads, teaser lists, archives: units that repeat); that stretch's mean
    number of lines per unit.
    """
    n = len(texts)
    found = frames(texts)
    members: dict[tuple[str, ...], list[int]] = {}
    for k, frame in enumerate(found):
        if frame:
            members.setdefault(frame, []).append(k)
    template = np.zeros(n)
    in_list = np.zeros(n)
    gap = np.zeros(n)
    for frame, at in members.items():
        if len(at) < _FRAME_MIN_LINES:
            continue
        template[at] = np.log1p(len(at) - 1)
        if not _slotted(frame, [texts[k] for k in at]):
            continue
        for run in _regular_runs(at):
            unit = (run[-1] - run[0]) / (len(run) - 1)
            if unit > 1.5:  # units of several lines, not a menu of consecutive items
                end = min(n, run[-1] + round(unit))  # the last unit's lines too
                in_list[run[0] : end] = 1.0
                gap[run[0] : end] = np.maximum(gap[run[0] : end], np.log1p(unit))
    return np.column_stack([template, in_list, gap])


def _blocks(index: np.ndarray) -> np.ndarray:
    """Block number of each non-blank line (given by its index); blank lines separate blocks.

    >>> _blocks(np.array([0, 1, 3, 4, 5, 9])).tolist()
    [0, 0, 1, 1, 1, 2]
    """
    return np.cumsum(np.concatenate([[0], np.diff(index) > 1]))


def _short_runs(chars: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of consecutive short lines it belongs to (0 if long).

    >>> _short_runs(np.array([5, 50, 5, 5, 50, 5])).tolist()
    [1, 0, 2, 2, 0, 1]
    """
    short = chars < _SHORT_CHARS
    run = np.cumsum(~short)  # lines of one run share the number of long lines before them
    lengths = np.bincount(run, weights=short)
    runs: np.ndarray = np.where(short, lengths[run], 0).astype(int)
    return runs


def _window_mean(values: np.ndarray, width: int) -> np.ndarray:
    """Mean of each value's neighbours within `width` lines on either side (itself included)."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    lo = np.clip(np.arange(n) - width, 0, n)
    hi = np.clip(np.arange(n) + width + 1, 0, n)
    mean: np.ndarray = (padded[hi] - padded[lo]) / (hi - lo)
    return mean


SECOND_NAMES = [
    *NAMES, "first", *(f"first_w{w}" for w in _WINDOWS), "main_block", "block_distance", "prev", "next",
    "first_relative", "first_page_max",
]  # fmt: skip
"""The columns of `second_pass`: the line's features, then what the first pass said."""


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

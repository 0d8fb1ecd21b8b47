"""A copy of a story, or another report written from the same template?

Market closes, exchange rates, weather bulletins, earnings notices: reports written from one
template share almost all their words, so MinHash finds them as alike as two copies of one
story. What tells them apart is *what* differs. Two stories that MinHash finds alike are
aligned word by word (difflib's `SequenceMatcher` over their word lists), and the differences
are read:

- in a **slot** (a few words replaced by a few words inside text that is otherwise the same)
  whose numbers differ — `12.31` against `8.02`, `7월 12일` against `7월 13일` — the two are
  other reports, unless other words differ twice as often as numbers (a copy re-worded by
  another outlet, where a figure also changed);
- a **short** story (under `SHORT_CHARS`, where the template is most of the text: an alert, a
  price flash) is another report as soon as one of its words is changed or missing in the
  other, wherever it is (a region's name in an alert's first words).

What does not count: words only one side has at its ends (chrome, a truncated copy, a teaser,
a re-voiced ending), spacing (`50조 원` = `50조원`), a number written another way (`1천476만`
= `1476만`, `5,000` = `5000`), one character changed that is not a digit for a digit (OCR,
a typo), and a last word cut short.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

HEAD_CHARS = 3000
"""How much of a story is compared (and stored in the index, compressed): its opening."""
SHORT_CHARS = 360
"""A story with fewer characters of words than this (about 400 of text) is short."""
SLOT_WORDS = 3
"""A slot: at most this many words replaced by at most this many."""
WORDS_PER_NUMBER = 2
"""A copy re-worded by another outlet: other words differ at least this many times as often
as numbers."""

_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")

Slot = tuple[str, str]
"""What one story has in a slot, and what the other has there."""


def words(text: str) -> list[str]:
    """A text's words, lower-cased: what `differences` aligns.

    >>> words("KOSPI closed at 2,450.12 (up 1.2%).")
    ['kospi', 'closed', 'at', '2', '450', '12', 'up', '1', '2']
    """
    return _WORD.findall(text.lower())


def differences(mine: str, theirs: str) -> tuple[Slot, ...]:
    """The slots that make two alike stories (their openings, `HEAD_CHARS`) two reports; ()
    when they may be one story.

    >>> a = "kospi closed at 2 451 12 up 12 31 points on the 18th foreigners bought 1 203 billion won"
    >>> differences(a, a.replace("2 451 12", "2 443 10").replace("18th", "19th"))
    (('451 12', '443 10'), ('18th', '19th'))
    >>> differences(a, a.replace("1 203", "1203") + " reuters")   # another way to write it
    ()
    """
    if mine == theirs:
        return ()
    ours, others = words(mine), words(theirs)
    ops = difflib.SequenceMatcher(None, ours, others, autojunk=False).get_opcodes()
    mine_chars, their_chars = _chars(ours), _chars(others)
    if min(mine_chars, their_chars) < SHORT_CHARS:
        return _short(ours, others, ops, shorter_is_mine=mine_chars <= their_chars)
    return _by_numbers(ours, others, ops)


def _chars(found: list[str]) -> int:
    """Characters of words, one space apart."""
    return sum(map(len, found)) + max(0, len(found) - 1)


Opcodes = Sequence[tuple[str, int, int, int, int]]


def _by_numbers(ours: list[str], others: list[str], ops: Opcodes) -> tuple[Slot, ...]:
    """Slots whose numbers differ, inside the aligned part, unless words differ more often."""
    while ops and ops[0][0] != "equal":
        ops = ops[1:]
    while ops and ops[-1][0] != "equal":
        ops = ops[:-1]
    slots: list[Slot] = []
    reworded = 0
    for tag, a0, a1, b0, b1 in ops:
        a, b = ours[a0:a1], others[b0:b1]
        if tag == "equal" or _same(a, b):
            continue
        small = tag == "replace" and max(len(a), len(b)) <= SLOT_WORDS
        key_a, key_b = _number_key(a), _number_key(b)
        if small and key_a and key_b and key_a != key_b and not _typo(a, b):
            slots.append((" ".join(a), " ".join(b)))
        elif small:
            reworded += 1
    if slots and WORDS_PER_NUMBER * len(slots) >= reworded:
        return tuple(slots)
    return ()


def _short(ours: list[str], others: list[str], ops: Opcodes, shorter_is_mine: bool) -> tuple[Slot, ...]:
    """Every word of the shorter story changed or missing in the other, outside its ends."""
    slots: list[Slot] = []
    for k, (tag, a0, a1, b0, b1) in enumerate(ops):
        a, b = ours[a0:a1], others[b0:b1]
        short_side = a if shorter_is_mine else b
        if tag == "equal" or not short_side or _same(a, b) or _typo(a, b):
            continue
        if _number_key(a) and _number_key(a) == _number_key(b):
            continue  # the same number written another way
        if k == len(ops) - 1 and len(short_side) == 1 and (b if shorter_is_mine else a)[:1]:
            other_word = (b if shorter_is_mine else a)[0]
            if other_word.startswith(short_side[0]):
                continue  # the shorter one ends mid-word: a truncated copy
        if (k == 0 or k == len(ops) - 1) and not (a and b):
            continue  # words only one side has at an end: chrome, the rest of a teaser
        slots.append((" ".join(a), " ".join(b)))
    return tuple(slots)


def _same(a: list[str], b: list[str]) -> bool:
    """The same words spaced another way."""
    return "".join(a) == "".join(b)


def _number_key(part: list[str]) -> str:
    """The digits of some words, each run without its trailing zeros, so that a number reads
    the same however it is written: `1천476만5천` and `1476만5000` give '14765'.

    >>> _number_key(["1천476만5천원"]), _number_key(["1476만5000원"]), _number_key(["up"])
    ('14765', '14765', '')
    """
    return "".join(run.rstrip("0") for run in _DIGITS.findall("".join(part)))


def _typo(a: list[str], b: list[str]) -> bool:
    """One character changed, not a digit for a digit (OCR's `l20` for `120`)."""
    x, y = "".join(a), "".join(b)
    if len(x) != len(y):
        return False
    changed = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    return len(changed) == 1 and not (changed[0][0].isdigit() and changed[0][1].isdigit())
